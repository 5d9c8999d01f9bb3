"""The web-mercator tile grid and the cluster cells on it (shared by the tile SQL and the pyramid).

Level z of the cluster pyramid holds cells of the tile grid at zoom z + CELL_SHIFT, so a tile at zoom z
is CELLS_PER_SIDE × CELLS_PER_SIDE cells (64 px each on a 256 px tile). The same numbers are written
into the trigger of migration maps/0001: change both together.
"""

from culturalmap.core.location import THAILAND_BBOX

HALF_WORLD = 20037508.342789244  # metres, EPSG:3857
WORLD = 2 * HALF_WORLD
MAX_ZOOM = 22
EXTENT = 4096  # MVT units per tile side
BUFFER = 64  # around areas and lines: their clipped edges fall outside the drawn tile
# Around points: a marker (a cluster's circle is up to 28 px across its centre) near a tile's edge is
# in both tiles, so each draws its part and no circle or count is cut at the seam. A cluster cell is a
# quarter tile (64 px), so one ring of cells around the tile holds every such neighbour.
POINT_BUFFER = EXTENT // 8  # 32 px
CELL_SHIFT = 2
CELLS_PER_SIDE = 2**CELL_SHIFT
POINT_MARGIN = 1 / CELLS_PER_SIDE  # of a tile side: the ring of cells read around a tile
ASSET_PYRAMID_MAX_LEVEL = 12  # assets are clustered up to this zoom, raw points above it
FINEST_CELL = WORLD / 2 ** (ASSET_PYRAMID_MAX_LEVEL + CELL_SHIFT)

THAILAND_CENTRE = (100.5, 13.2)


def cell_size(z: int) -> float:
    """Side of a cluster cell at zoom z, in metres."""
    return WORLD / 2 ** (z + CELL_SHIFT)


def tile_metres(z: int) -> float:
    return WORLD / 2**z


def tiles_covering(z: int, bbox: tuple[float, float, float, float] = THAILAND_BBOX) -> list[tuple[int, int]]:
    """x, y of every tile at zoom z that overlaps a lon/lat box (default: Thailand)."""
    import math

    def tile_xy(lon: float, lat: float) -> tuple[int, int]:
        n = 2**z
        x = int((lon + 180.0) / 360.0 * n)
        lat_r = math.radians(lat)
        y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    west, south, east, north = bbox
    x0, y0 = tile_xy(west, north)
    x1, y1 = tile_xy(east, south)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
