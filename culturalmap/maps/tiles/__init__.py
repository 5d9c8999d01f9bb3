"""Map tiles served by the project: /tiles/{layer}/{z}/{x}/{y}.mvt|.png and /tiles/{layer}.json.

One layer per record kind of the registry (culturalmap.core.records), and the provinces.

layers.py     what each layer shows and which record changes refresh it
selectors.py  the SQL (one statement per layer and tile; clustering; public records and locations only)
grid.py       the tile grid and the cluster cells on it
params.py     reading and checking a tile request
cache.py      the server-side cache and its invalidation on committed changes
render.py     PNG tiles drawn with Pillow from the same features
tilejson.py   TileJSON 3.0 documents
views.py      the endpoints
"""
