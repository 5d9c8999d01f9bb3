"""Map tiles served by the project: /tiles/{layer}/{z}/{x}/{y}.mvt|.png and /tiles/{layer}.json.

layers.py   what each layer shows and which record changes refresh it
selectors.py  the SQL (one statement per layer and tile; clustering; public locations only)
params.py   reading and checking a tile request
cache.py    the server-side cache and its invalidation on committed changes
render.py   PNG tiles drawn with Pillow from the same features
tilejson.py TileJSON 3.0 documents
"""
