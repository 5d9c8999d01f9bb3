"""The map's colours, declared once in the record-kind registry, stay apart for colour-blind people:
every pair of archetype colours, and of record-kind colours, differs under simulated protanopia,
deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, full severity) as well as to
normal sight; and each kind has a marker shape of its own, so kinds are told apart without colour."""

import itertools
import math

import pytest

from culturalmap.core import records

# Linear-RGB simulation matrices (Machado et al. 2009, severity 1.0).
SIGHT = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
ARCHETYPES_APART = 15  # CIE76 ΔE: clearly different colours on a map
KINDS_APART = 20


def _lab(hex_colour: str, sight: str) -> tuple[float, float, float]:
    def linear(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(hex_colour.lstrip("#")[i : i + 2], 16)) for i in (0, 2, 4)]
    seen = [min(max(sum(m * c for m, c in zip(row, rgb, strict=True)), 0.0), 1.0) for row in SIGHT[sight]]
    r, g, b = seen
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _closest(colours: dict[str, str]) -> tuple[float, str, str, str]:
    return min(
        (math.dist(_lab(a, sight), _lab(b, sight)), sight, name_a, name_b)
        for (name_a, a), (name_b, b) in itertools.combinations(colours.items(), 2)
        for sight in SIGHT
    )


def test_the_archetypes_colours_stay_apart_for_colour_blind_eyes():
    archetypes = {c.code: c.colour for c in records.get("asset").categories}
    assert len(archetypes) == 11 and len(set(archetypes.values())) == 11
    distance, sight, a, b = _closest(archetypes)
    assert distance >= ARCHETYPES_APART, f"{a} and {b} look alike with {sight} (ΔE {distance:.1f})"


def test_the_record_kinds_colours_stay_apart_and_their_shapes_differ():
    kinds = {kind.code: kind.colour for kind in records.kinds()}
    distance, sight, a, b = _closest(kinds)
    assert distance >= KINDS_APART, f"{a} and {b} look alike with {sight} (ΔE {distance:.1f})"
    shapes = [kind.map_style.shape for kind in records.kinds()]
    assert len(set(shapes)) == len(shapes)


def test_the_old_greens_would_have_failed():
    # Learning cities' and learning spaces' greens before this palette: one colour to most eyes.
    distance, *_ = _closest({"learning_city": "#008837", "learning_space": "#1a9641"})
    assert distance < KINDS_APART


def test_a_marker_shape_is_one_the_map_draws():
    with pytest.raises(Exception, match="marker shape 'heart'"):
        records.MapStyle(shape="heart")
