"""gunicorn settings shared by `make run`, `make serve` and any app node:
`gunicorn -c python:culturalmap.gunicorn_conf culturalmap.wsgi ...`.

Each worker loads the search's data (index, Thai dictionary, gazetteer, views) before it accepts a
connection, so no visitor's search waits seconds for it (culturalmap/search/warmup.py).
"""

import gc


def post_worker_init(worker) -> None:
    from culturalmap.search.warmup import warm_up

    warm_up(notify=worker.notify)
    # What is loaded now lives as long as the worker: out of the garbage collector's full passes,
    # which would otherwise walk its millions of objects (dictionary, caches) during a request.
    gc.freeze()
