"""Charts drawn on the server as SVG: readable without JavaScript, printable, no chart library.

Each chart carries a <title>/<desc> for assistive technology; the page puts the same figures in a
table beside it. A bar chart may carry a target (a dashed line, e.g. the learning cities' 30 %).

Its words come twice: for a wide chart (class "wide", 11 px at full size) and for one scaled down to a
phone (class "narrow": fewer labels, the values inside the plot, written large enough to read once
scaled); the site's stylesheet shows one set by the chart's width (static/css/site.css).
"""

import itertools
import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.core.thai import format_number

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 78, 12, 16, 54
_ids = itertools.count(1)


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def compact(value: float) -> str:
    """Axis labels: 150 ล้าน / 150M, 25 พัน / 25k."""
    en = (get_language() or "th") == "en"
    for size, th, eng in ((1e6, " ล้าน", "M"), (1e3, " พัน", "k")):
        if abs(value) >= size:
            return f"{value / size:,.4g}{eng if en else th}"
    return f"{value:,.4g}"


def _frame(
    title: str, desc: str, body: list[str], top: float, step: float, plot_top: int = TOP
) -> SafeString:
    uid = next(_ids)
    plot_h = HEIGHT - plot_top - BOTTOM
    baseline = plot_top + plot_h
    grid, narrow = [], []
    tick = 0.0
    while tick <= top + step / 2:
        y = plot_top + plot_h - plot_h * tick / top
        value = escape(compact(tick))
        grid.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text class="wide" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
        if tick > 0:  # a narrow chart writes its values inside the plot, under their lines, over the bars
            narrow.append(
                f'<text class="narrow" x="{LEFT + 4}" y="{y + 24:.1f}" text-anchor="start">{value}</text>'
            )
        tick += step
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="chart-title-{uid} chart-desc-{uid}" font-size="11" font-family="sans-serif">'
        f'<title id="chart-title-{uid}">{escape(title)}</title>'
        f'<desc id="chart-desc-{uid}">{escape(desc)}</desc>'
        "<style>.grid{stroke:#ddd}.bar{fill:#a33b2b}.line{fill:none;stroke:#a33b2b;stroke-width:2}"
        ".axis{stroke:#555}.dot{fill:#a33b2b}.target{stroke:#1b5e20;stroke-width:2;stroke-dasharray:6 4}"
        ".target-label{fill:#1b5e20;paint-order:stroke;stroke:#fff;stroke-width:3px}</style>"
        + "".join(grid)
        + "".join(body)
        + f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{baseline}" y2="{baseline}" class="axis"/>'
        + "".join(narrow)
        + "</svg>"
    )


def _scale(values: Sequence[float]) -> tuple[float, float]:
    peak = max([float(v) for v in values] + [0.0])
    if peak <= 0:
        return 1.0, 0.25
    step = _nice_step(peak)
    return step * math.ceil(peak / step), step


NARROW_X_LABELS = 4


def _x_labels(labels: Sequence[str], centres: Sequence[float], max_labels: int = 12) -> list[str]:
    found = []
    for name, most, y in (
        ("wide", max_labels, HEIGHT - BOTTOM + 16),
        ("narrow", NARROW_X_LABELS, HEIGHT - 8),
    ):
        every = max(1, math.ceil(len(labels) / most))
        found += [
            format_html(
                '<text class="{}" x="{}" y="{}" text-anchor="middle">{}</text>', name, f"{x:.1f}", y, label
            )
            for i, (label, x) in enumerate(zip(labels, centres, strict=True))
            if i % every == 0
        ]
    return found


Points = Sequence[tuple[str, Decimal | int | float]]


def _target_line(target: float, label: str, top: float) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    y = TOP + plot_h - plot_h * target / top
    return format_html(
        '<line class="target" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="target-label wide" x="{}" y="{}" text-anchor="end">{}</text>'
        '<text class="target-label narrow" x="{}" y="{}" text-anchor="end">{}</text>',
        LEFT,
        WIDTH - RIGHT,
        f"{y:.1f}",
        f"{y:.1f}",
        WIDTH - RIGHT - 4,
        f"{y - 4:.1f}",
        label,
        WIDTH - RIGHT - 4,
        f"{y - 6:.1f}",
        label,
    )


def bar_chart(
    points: Points,
    *,
    title: str,
    unit: str = "",
    decimals: int = 0,
    target: float | None = None,
    target_label: str = "",
) -> SafeString:
    """Vertical bars, one per (label, value); each bar's exact value is in its tooltip. `target`: a
    dashed line at that value, labelled `target_label`, inside the scale whatever the bars."""
    values = [float(v or 0) for _label, v in points]
    top, step = _scale(values + ([float(target)] if target is not None else []))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    body, centres = [], []
    for i, ((label, value), v) in enumerate(zip(points, values, strict=True)):
        h = plot_h * v / top
        x = LEFT + i * slot
        centres.append(x + slot / 2)
        body.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>',
                f"{x + slot * 0.12:.1f}",
                f"{TOP + plot_h - h:.1f}",
                f"{max(slot * 0.76, 0.5):.1f}",
                f"{h:.1f}",
                label,
                format_number(value, decimals),
                unit,
            )
        )
    body += _x_labels([label for label, _v in points], centres)
    if target is not None:
        body.append(_target_line(float(target), target_label, top))
    # What a screen reader says of the chart: how many bars, from when to when, the highest.
    desc = _("%(n)s แท่ง (%(first)s – %(last)s) · สูงสุด %(top)s %(unit)s") % {
        "n": len(points),
        "first": points[0][0] if points else "",
        "last": points[-1][0] if points else "",
        "top": format_number(max(values, default=0), decimals),
        "unit": unit,
    }
    if target is not None:
        desc += f" · {target_label}"
    return _frame(title, desc, body, top, step)


def line_chart(points: Points, *, title: str, unit: str = "") -> SafeString:
    """A line through (label, value) points, e.g. cumulative sales event by event."""
    values = [float(v or 0) for _label, v in points]
    top, step = _scale(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(points) - 1, 1)
    xy = [(LEFT + plot_w * i / n, TOP + plot_h - plot_h * v / top) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    body = [f'<polyline class="line" points="{path}"/>']
    if xy:
        label, value = points[-1]
        body.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3" class="dot"><title>{}: {} {}</title></circle>',
                f"{xy[-1][0]:.1f}",
                f"{xy[-1][1]:.1f}",
                label,
                format_number(value),
                unit,
            )
        )
    body += _x_labels([label for label, _v in points], [x for x, _y in xy], max_labels=8)
    desc = _("%(n)s จุด (%(first)s – %(last)s) · ล่าสุด %(last_value)s %(unit)s") % {
        "n": len(points),
        "first": points[0][0] if points else "",
        "last": points[-1][0] if points else "",
        "last_value": format_number(values[-1] if values else 0),
        "unit": unit,
    }
    return _frame(title, desc, body, top, step)


Stack = Sequence[tuple[str, Sequence[Decimal | int | float]]]


def stacked_bar_chart(
    points: Stack, *, series: Sequence[tuple[str, str]], title: str, unit: str = ""
) -> SafeString:
    """Bars of stacked parts, one bar per (label, [part values]); `series`: each part's (name,
    colour), bottom first. A legend names the parts; each segment's tooltip gives its exact value."""
    totals = [sum(float(v or 0) for v in values) for _label, values in points]
    top, step = _scale(totals)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 18  # room for the legend
    slot = plot_w / max(len(points), 1)
    body, centres = [], []
    for i, (label, values) in enumerate(points):
        x, base = LEFT + i * slot, TOP + 18 + plot_h
        centres.append(x + slot / 2)
        for (name, colour), value in zip(series, values, strict=True):
            h = plot_h * float(value or 0) / top
            if h <= 0:
                continue
            base -= h
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {} {}</title></rect>',
                    f"{x + slot * 0.12:.1f}",
                    f"{base:.1f}",
                    f"{max(slot * 0.76, 0.5):.1f}",
                    f"{h:.1f}",
                    colour,
                    label,
                    name,
                    format_number(value),
                    unit,
                )
            )
    body += _x_labels([label for label, _v in points], centres)
    legend_x = LEFT
    # Not on a narrow chart (class "wide"): the table beside it names each part with its swatch.
    for name, colour in series:
        body.append(
            format_html(
                '<rect class="wide" x="{}" y="2" width="10" height="10" fill="{}"/>'
                '<text class="wide" x="{}" y="11">{}</text>',
                legend_x,
                colour,
                legend_x + 14,
                name,
            )
        )
        legend_x += 14 + 7 * len(name) + 16
    desc = _("%(n)s แท่ง (%(first)s – %(last)s) · รวมสูงสุด %(top)s %(unit)s · ส่วนประกอบ: %(parts)s") % {
        "n": len(points),
        "first": points[0][0] if points else "",
        "last": points[-1][0] if points else "",
        "top": format_number(max(totals, default=0)),
        "unit": unit,
        "parts": ", ".join(name for name, _c in series),
    }
    return _frame(title, desc, body, top, step, plot_top=TOP + 18)
