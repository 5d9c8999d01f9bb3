"""How the map looks, said once for the PNG tiles (render.py) and the map page (static/js/map.js gets
it in its config): the base map's land, outlines and names, the provinces' density classes, and the
colour a cluster's count is written in. The record kinds' own colours and marker shapes are the
registry's (culturalmap.core.records)."""

from culturalmap.core import records

from . import places

BACKGROUND = "#dde3e6"  # beyond the data: sea and neighbouring countries alike (the data has no water)
LAND = "#f8f5ee"
# Outlines by level (places.PROVINCE, AMPHOE, TAMBON): colour, width in pixels, dashes.
BOUNDARIES = {
    places.PROVINCE: ("#8d8273", 1.3, ""),
    places.AMPHOE: ("#aa9f90", 0.8, ""),
    places.TAMBON: ("#c9c0b3", 0.6, "3 2"),
}
# Place names by level: size in pixels (never under 11: legible on a phone) and weight.
LABELS = {places.PROVINCE: (13, "bold"), places.AMPHOE: (12, "normal"), places.TAMBON: (11, "normal")}
LABEL_COLOUR, LABEL_HALO = "#4a4036", "#ffffff"

# Assets per 1,000 km²: the province choropleth's classes (light to dark), with its legend.
DENSITY_CLASSES = [
    (0, "#fff7ec"),
    (2, "#fee8c8"),
    (5, "#fdd49e"),
    (10, "#fdbb84"),
    (20, "#fc8d59"),
    (40, "#e34a33"),
    (80, "#b30000"),
]
DENSITY_OUTLINE = "#7a5c3e"


def density_colour(density: float) -> str:
    colour = DENSITY_CLASSES[0][1]
    for threshold, c in DENSITY_CLASSES:
        if density >= threshold:
            colour = c
    return colour


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on the fill (WCAG contrast)."""
    light = _luminance(fill)
    return "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#ffffff"


def map_style() -> dict:
    """The look as static/js/map.js draws it (the page's config)."""
    colours = {kind.colour for kind in records.kinds()} | {
        c.colour for kind in records.kinds() for c in kind.categories if c.colour
    }
    return {
        "background": BACKGROUND,
        "land": LAND,
        "boundaries": {
            str(level): {"colour": c, "weight": w, "dash": d} for level, (c, w, d) in BOUNDARIES.items()
        },
        "labels": {str(level): {"size": size, "weight": weight} for level, (size, weight) in LABELS.items()},
        "labelColour": LABEL_COLOUR,
        "labelHalo": LABEL_HALO,
        "density": [[threshold, colour] for threshold, colour in DENSITY_CLASSES],
        "densityOutline": DENSITY_OUTLINE,
        "textOn": {colour: text_on(colour) for colour in sorted(colours)},
    }
