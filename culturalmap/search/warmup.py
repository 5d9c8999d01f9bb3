"""A server process loads what search needs before its first visitor, not while a visitor waits.

A fresh process's first search used to take 7-11 s: importing every view (the URL configuration),
PyThaiNLP's dictionary and the catalogue's names added to it, the gazetteer of 7,425 sub-districts
(addresses typed as queries), the index opened and its ranking columns read, the words the typo and
completion look-ups walk. `warm_up` does all of that once, through the same selectors a search calls,
with a few searches of each sort (a Thai word, English words, a typo, a map area listing).

Called by the gunicorn workers (culturalmap/gunicorn_conf.py, post_worker_init) before they accept a
connection. Safe anywhere: without an index (or a database) it loads what it can and says what it
could not; it writes nothing.
"""

import logging
import time
from collections.abc import Callable

logger = logging.getLogger(__name__)

# One of each path a search takes: Thai words, English through the thesaurus, a typo ("did you mean":
# the spelling words), a word being typed (completions), an address, and a map area listing by name.
QUERIES = ("วัด", "temple Lamphun", "ผีตาโขล", "Sukhotai", "ผ้าท", "ตำบลบ้านแลง", "")
MAP_AREA = (99.2, 18.0, 99.6, 18.4)


def warm_up(*, notify: Callable[[], None] = lambda: None) -> dict[str, float]:
    """Load the search's data into this process; returns the seconds each step took. `notify` is called
    between steps (gunicorn's worker heartbeat: a long warm-up is not a hung worker)."""
    from django.db import connections
    from django.urls import get_resolver

    from . import index
    from .places import read_address
    from .selectors import IndexMissing, SearchFilters, search_catalogue

    steps: dict[str, float] = {}

    def step(name: str, fn: Callable[[], object]) -> None:
        started = time.perf_counter()
        try:
            fn()
        except IndexMissing:
            logger.warning("search warm-up: no search index yet (%s skipped)", name)
        except Exception:  # a warm-up must never stop a server from starting
            logger.exception("search warm-up: %s failed", name)
        steps[name] = time.perf_counter() - started
        notify()

    def search_all() -> None:
        for q in QUERIES:
            q, filters, _places, _place = read_address(q, SearchFilters())
            search_catalogue(q=q, filters=filters, page_size=10)
        area = SearchFilters(kinds=("asset",), bbox=MAP_AREA)
        search_catalogue(q="", filters=area, with_facets=False)
        search_catalogue(q="พระธาตุ", filters=area, with_facets=False)

    try:
        step("views", lambda: get_resolver().url_patterns)
        step("index", index.searcher)
        step("searches", search_all)
    finally:
        # Connections opened here belong to this (the main) thread: the requests' threads open theirs.
        # One inside a transaction is its caller's (a test's) and stays.
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close()
    logger.info("search warm-up: %s", ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps.items()))
    return steps
