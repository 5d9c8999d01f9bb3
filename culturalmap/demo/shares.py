"""Whole-number shares that add up exactly: how every report figure is spread over records."""

from collections.abc import Sequence


def split_exactly(total: int, weights: Sequence[float]) -> list[int]:
    """Shares of `total` in proportion to `weights` (largest remainder), summing to `total` exactly."""
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    parts = [int(v) for v in exact]
    # Ties go to the earlier position, so the result never depends on anything but the input.
    for i in sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))[: total - sum(parts)]:
        parts[i] += 1
    return parts
