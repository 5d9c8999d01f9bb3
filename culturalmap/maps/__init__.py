"""The map: tiles of every public record kind (MVT, PNG, TileJSON), the assets' cluster pyramid, the
short path for public tiles, the base map, and the public map page.

Reads the record-kind registry (culturalmap.core.records): a kind registered by a domain gets its
layer, its colours and its place on the map page with no change here.

basemap.py     what every map draws under its layers (settings.BASEMAP_TILE_URL)
middleware.py  public tiles skip the session, user and CSRF middlewares
models.py      the cluster pyramid (AssetCluster), kept in step by a trigger on the assets
page.py        the map page built with folium, and the state a shared link holds
views.py       the home page (the map)
tiles/         where a tile is made: layers, SQL, cache, PNG drawing, TileJSON, the tile views
"""
