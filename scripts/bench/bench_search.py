"""Search on the demo catalogue (dev database): latency, rebuild time, and what the Thai analyzer buys.

Prints
- the full index rebuild time (target < 20 s), against building the same documents with whoosh's
  default StandardAnalyzer in the same run;
- p50/p95 latency of the relevance suite's queries through GET /api/search/ in-process (Django
  test client; targets p50 < 10 ms, p95 < 30 ms), against the same queries on the baseline index
  searched directly (no API, no highlights: a floor, not a competitor);
- recall@10 of the relevance suite (tests/search/relevance_cases.py) with the Thai analyzer and with
  whoosh's default analyzer, side by side.

Both indexes go to a temporary directory: the dev server's index and the database are untouched.
Run: .venv/bin/python scripts/bench/bench_search.py
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema  # noqa: E402
from whoosh.qparser import MultifieldParser, OrGroup  # noqa: E402
from whoosh.query import Every  # noqa: E402

from culturalmap.assets.models import Asset  # noqa: E402
from culturalmap.search import documents, index  # noqa: E402
from culturalmap.search.selectors import SearchFilters  # noqa: E402
from tests.search.relevance_cases import CASES, Case  # noqa: E402

ROUNDS = 5
TEXT_FIELDS = ["name_th", "name_en", "text_th", "text_en"]


def baseline_schema() -> Schema:
    std = StandardAnalyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        name_th=TEXT(analyzer=std, stored=True),
        name_en=TEXT(analyzer=std),
        text_th=TEXT(analyzer=std),
        text_en=TEXT(analyzer=std),
        category=ID,
        province=ID,
        region=ID,
        lon_e6=NUMERIC(int, bits=32, signed=True, shift_step=8),
        lat_e6=NUMERIC(int, bits=32, signed=True, shift_step=8),
        ident=STORED,
    )


def build_baseline(directory: Path) -> tuple[whoosh_index.FileIndex, float]:
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(directory), baseline_schema())
    writer = ix.writer(limitmb=256)
    names = set(ix.schema.names())
    for doc in documents.all_documents():
        fields = documents.index_fields(doc)
        writer.add_document(**{k: v for k, v in fields.items() if k in names})
    writer.commit()
    return ix, time.perf_counter() - started


def case_filters(case: Case) -> SearchFilters:
    f = case.filters

    def values(name):
        return tuple(v for v in f.get(name, "").split(",") if v)

    bbox = tuple(float(v) for v in f["bbox"].split(",")) if f.get("bbox") else None
    return SearchFilters(
        kinds=values("kind"),
        categories=values("category"),
        provinces=values("province"),
        regions=values("region"),
        bbox=bbox,
    )


def baseline_top(searcher, parser, case: Case, limit: int = 10) -> list[tuple[str, str]]:
    query = parser.parse(case.q) if case.q.strip() else Every()
    hits = searcher.search(query, filter=case_filters(case).as_query(), limit=limit)
    return [(hit["kind"], hit["name_th"]) for hit in hits]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    records = Asset.objects.count()
    if records < 1000:
        sys.exit(f"the dev database holds {records} assets: run `manage.py load_demo` first")
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        with override_settings(SEARCH_INDEX_DIR=work / "search-index"):
            report = index.rebuild()
            base_dir = work / "baseline"
            base_dir.mkdir()
            base_ix, base_seconds = build_baseline(base_dir)
            print(f"records indexed: {report.records}")
            print(f"full rebuild (Thai analyzer): {report.seconds:6.1f} s   (target < 20 s)")
            print(
                f"baseline build (StandardAnalyzer): {base_seconds:6.1f} s   "
                f"ratio {report.seconds / base_seconds:.1f}x"
            )

            client = Client(HTTP_HOST="127.0.0.1")
            for case in CASES:  # warm-up: caches, the searcher, imports
                client.get("/api/search/", case.params)
            latencies, found = [], 0
            for _ in range(ROUNDS):
                for case in CASES:
                    started = time.perf_counter()
                    response = client.get("/api/search/", {**case.params, "page_size": 10})
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, response.content
            missed = []
            for case in CASES:
                body = client.get("/api/search/", {**case.params, "page_size": 10}).json()
                hit = (case.kind, case.name_th) in [(r["kind"], r["name_th"]) for r in body["results"]]
                found += hit
                if not hit:
                    missed.append(str(case))

            with base_ix.searcher() as searcher:
                parser = MultifieldParser(TEXT_FIELDS, base_ix.schema)
                or_parser = MultifieldParser(TEXT_FIELDS, base_ix.schema, group=OrGroup)
                base_latencies, base_found, base_or_found = [], 0, 0
                for _ in range(ROUNDS):
                    for case in CASES:
                        started = time.perf_counter()
                        baseline_top(searcher, parser, case)
                        base_latencies.append((time.perf_counter() - started) * 1000)
                for case in CASES:
                    base_found += (case.kind, case.name_th) in baseline_top(searcher, parser, case)
                    base_or_found += (case.kind, case.name_th) in baseline_top(searcher, or_parser, case)

        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        b50, b95 = percentile(base_latencies, 50), percentile(base_latencies, 95)
        n = len(CASES)
        print(
            f"API latency over {n} queries x {ROUNDS}: p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  "
            f"mean {statistics.mean(latencies):5.1f} ms   (targets p50 < 10, p95 < 30)"
        )
        print(
            f"baseline searcher latency:        p50 {b50:5.1f} ms  p95 {b95:5.1f} ms   "
            f"ratio p50 {p50 / b50:.1f}x  p95 {p95 / b95:.1f}x"
        )
        print(
            f"recall@10  Thai analyzer (API): {found}/{n} = {found / n:.2f}"
            + (f"   missed: {'; '.join(missed)}" if missed else "")
        )
        print(
            f"recall@10  StandardAnalyzer, all words: {base_found}/{n} = {base_found / n:.2f}   "
            f"any word: {base_or_found}/{n} = {base_or_found / n:.2f}"
        )
        print(f"ratio Thai / standard (all words): {found / max(base_found, 1):.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
