"""The relevance suite over the demo catalogue: each query finds its record near the top."""

import pytest
from django.test import override_settings

from culturalmap.search import index
from culturalmap.search.models import RecordChange

from .relevance_cases import CASES


@pytest.fixture(scope="module")
def demo_index(demo_catalogue, django_db_blocker, tmp_path_factory):
    """The demo catalogue's index, built inside the fixture's transaction (no commit, so the
    on-commit sync never runs here: the index is built from what this transaction sees). The change
    feed's rows of the load are in it already; left there, they would stay "not yet read" (their
    transaction never commits) and each search request would re-read the whole demo into the index."""
    with (
        override_settings(SEARCH_INDEX_DIR=tmp_path_factory.mktemp("demo") / "search-index"),
        django_db_blocker.unblock(),
    ):
        index.rebuild()
        RecordChange.objects.all().delete()
        yield


def test_the_suite_is_big_enough_and_covers_every_kind_of_query():
    assert len(CASES) >= 120
    assert any(case.filters for case in CASES)
    assert any(not case.q.isascii() for case in CASES) and any(case.q.isascii() for case in CASES)
    assert sum(bool(case.also) for case in CASES) >= 30, "graded judgements beyond the one record"
    assert sum(case.asserted for case in CASES) >= 0.9 * len(CASES)


@pytest.mark.parametrize("case", [case for case in CASES if case.asserted], ids=str)
def test_the_expected_record_is_in_the_top_results(demo_index, client, db, case):
    response = client.get("/api/search/", case.params)
    assert response.status_code == 200
    found = [(r["kind"], r["name_th"]) for r in response.json()["results"]]
    assert (case.kind, case.name_th) in found[: case.top], f"{case} ({case.why}); got {found[: case.top]}"
