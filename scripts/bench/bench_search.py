"""Search on the demo catalogue (dev database): latency, rebuild time, relevance, and a view's cost.

Prints
- the full index rebuild time (target < 20 s; its CPU time too, as the machine may be shared),
  against building the same documents with whoosh's default StandardAnalyzer in the same run;
- p50/p95 latency of the relevance suite's queries through GET /api/search/ in-process (Django
  test client; the thesaurus expansion, the ranking and "did you mean" included; targets p50 < 10 ms,
  p95 < 30 ms), against the same search as it ran before the speed work of issue 15's second pass
  (`as_before`: whoosh's term files walked for completions and typos, no memo of analysed texts, deep
  copies into the JSON; the answers compared, so the ranking is known unchanged), against the ranking
  before the thesaurus (selectors' "classic") and the baseline index searched directly (no API, no
  highlights: a floor, not a competitor);
- recall@10 and nDCG@10 of the graded relevance suite (tests/search/relevance_cases.py) for the
  ranking, the ranking before the thesaurus and whoosh's default analyzer, in the same run; recall@10
  counts the judged records in the first ten over min(10, judged records), nDCG@10 uses the grades;
- what counting one page view costs: one upsert with and without waiting for the disk, and a batch
  of 100 views in one statement;
- a fresh gunicorn worker (as `make run` starts one) without and with the warm-up hook
  (culturalmap/gunicorn_conf.py): its first search once it answers, and the map's list over HTTP
  (p50, target 15 ms) as the map asks it (facets=0) and with facets. These use the dev index.

Both indexes go to a temporary directory: the dev server's index is untouched; the view counts the
bench adds are taken off again.
Run: .venv/bin/python scripts/bench/bench_search.py
"""

import math
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema  # noqa: E402
from whoosh.qparser import MultifieldParser, OrGroup  # noqa: E402
from whoosh.query import Every  # noqa: E402

from culturalmap.assets.models import Asset  # noqa: E402
from culturalmap.search import api, documents, index, popularity, query, snippets, spelling  # noqa: E402
from culturalmap.search.models import RecordViews  # noqa: E402
from culturalmap.search.selectors import SearchFilters, search_catalogue  # noqa: E402
from tests.search.relevance_cases import CASES, Case  # noqa: E402

ROUNDS = 5
TEXT_FIELDS = ["name_th", "name_en", "text_th", "text_en"]


def baseline_schema() -> Schema:
    std = StandardAnalyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        kind=ID(stored=True),
        name_th=TEXT(analyzer=std, stored=True),
        province_code=STORED,
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
        fields["province_code"] = doc["province"]
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


def baseline_top(searcher, parser, case: Case, limit: int = 10) -> list[tuple[str, str, str]]:
    query = parser.parse(case.q) if case.q.strip() else Every()
    hits = searcher.search(query, filter=case_filters(case).as_query(), limit=limit)
    return [(hit["kind"], hit["name_th"], hit.get("province_code", "")) for hit in hits]


def api_top(client, case: Case) -> list[tuple[str, str, str]]:
    body = client.get("/api/search/", {**case.params, "page_size": 10}).json()
    return [(r["kind"], r["name_th"], r["province"]["code"]) for r in body["results"]]


def classic_top(case: Case) -> list[tuple[str, str, str]]:
    page = search_catalogue(q=case.q, filters=case_filters(case), page_size=10, ranking_name="classic")
    return [(h.kind, h.name_th, h.province["code"]) for h in page.results]


def judged_records() -> list[tuple[str, str, str]]:
    """(kind, Thai name, province) of every indexed record: the ideal rankings are made of these."""
    with index.open_index().searcher() as s:
        return [(f["kind"], f.get("name_th", ""), f["province"]) for f in s.all_stored_fields()]


def relevance(case: Case, found: list[tuple[str, str, str]], catalogue) -> tuple[float, float]:
    """(recall@10, nDCG@10) of one case's first ten results."""
    grades = [case.grade(*record) for record in found[:10]]
    ideal = sorted((g for g in (case.grade(*r) for r in catalogue) if g), reverse=True)
    if not ideal:
        return 0.0, 0.0
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal[:10]))
    return sum(1 for g in grades if g) / min(10, len(ideal)), dcg / idcg


def suite_scores(top_of, catalogue) -> tuple[float, float, int]:
    """Mean recall@10, mean nDCG@10, and how many cases have their own record in the first ten."""
    recalls, ndcgs, hits = [], [], 0
    for case in CASES:
        found = top_of(case)
        recall, ndcg = relevance(case, found, catalogue)
        recalls.append(recall)
        ndcgs.append(ndcg)
        hits += (case.kind, case.name_th) in [(k, n) for k, n, _ in found]
    return statistics.mean(recalls), statistics.mean(ndcgs), hits


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_views(rounds: int = 300) -> None:
    """One view counted as pages count it; the upsert alone, without and with waiting for the disk; 100
    views batched."""
    asset = Asset.objects.filter(status="published").order_by("pk").first()
    table = RecordViews._meta.db_table
    before = popularity.views_of("asset", asset.pk)

    def timed(fn) -> float:
        started = time.perf_counter()
        for _ in range(rounds):
            fn()
        return (time.perf_counter() - started) * 1000 / rounds

    def upsert(*, wait_for_disk: bool) -> None:  # the same upsert by id, no public check
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL synchronous_commit TO {'ON' if wait_for_disk else 'OFF'}")
            cursor.execute(
                f"INSERT INTO {table} (kind, record_id, views) VALUES ('asset', %s, 1) "
                f"ON CONFLICT (kind, record_id) DO UPDATE SET views = {table}.views + 1",
                [asset.pk],
            )

    def batched() -> None:  # 100 views (of one record here) in one statement
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (kind, record_id, views) SELECT 'asset', id, count(*) "
                f"FROM unnest(%s::bigint[]) AS v(id) GROUP BY id "
                f"ON CONFLICT (kind, record_id) DO UPDATE SET views = {table}.views + EXCLUDED.views",
                [[asset.pk] * 100],
            )

    counted = timed(lambda: popularity.record_viewed(kind="asset", code=asset.code))
    plain = timed(lambda: upsert(wait_for_disk=False))
    waiting = timed(lambda: upsert(wait_for_disk=True))
    batch = timed(batched) / 100
    with connection.cursor() as cursor:
        cursor.execute("SHOW fsync")
        fsync = cursor.fetchone()[0]
    RecordViews.objects.filter(kind="asset", record_id=asset.pk).update(views=before)
    print(
        f"a page view counted (public check + upsert, no wait for the disk): {counted:6.2f} ms   "
        f"the upsert alone: {plain:6.2f} ms (the check: {counted / plain:.1f}x)   "
        f"the upsert waiting for the disk: {waiting:6.2f} ms ({waiting / plain:.1f}x)   "
        f"batched by 100: {batch:6.3f} ms a view   (this cluster: fsync={fsync}; with fsync off nothing "
        f"waits for the disk)"
    )


# The map's list: one request per view change, an area and the kinds shown (static/js/map.js).
MAP_VIEWS = [
    (98.8, 18.6, 99.1, 18.9),  # Chiang Mai
    (99.2, 18.0, 99.6, 18.4),  # Lampang
    (100.3, 13.6, 100.8, 13.9),  # Bangkok
    (99.7, 8.3, 100.1, 8.6),  # Nakhon Si Thammarat
    (97.3, 5.6, 105.6, 20.5),  # the whole country
    (102.5, 14.8, 103.5, 15.8),  # Buriram
]
MAP_KINDS = "asset,market,learning_space"
HTTP_ROUNDS = 10


def _get(port: int, path: str, timeout: float = 120) -> float:
    """Seconds one GET takes (the body read whole); raises on an error status."""
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
        response.read()
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_measure(*, warm: bool) -> dict[str, float]:
    """A gunicorn like `make run`'s (one worker, threads), with or without the warm-up hook: how long
    the worker takes to answer at all, its first search once it answers (what the first visitor
    waits), and the map's list over HTTP afterwards (as the map asks it, facets=0, and as it asked
    before, with facets)."""
    port = _free_port()
    command = [str(ROOT / ".venv/bin/gunicorn")]
    if warm:
        command += ["-c", "python:culturalmap.gunicorn_conf"]
    command += [
        "culturalmap.wsgi",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--worker-class=gthread",
        "--threads=4",
        "--no-control-socket",
        "--timeout=120",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "culturalmap.settings.local"}
    started = time.perf_counter()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, **quiet)
    try:
        while True:  # a static file: answered once the worker accepts, touching no search
            try:
                _get(port, "/static/js/map.js", timeout=5)
                break
            except OSError:
                if time.perf_counter() - started > 180 or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        ready = time.perf_counter() - started
        first = _get(port, "/api/search/?q=%E0%B8%A7%E0%B8%B1%E0%B8%94")  # วัด
        second = _get(port, "/api/search/?q=temple")

        def list_p50(extra: str) -> float:
            times = []
            for _ in range(HTTP_ROUNDS):
                for view in MAP_VIEWS:
                    bbox = ",".join(f"{v:.5f}" for v in view)
                    times.append(_get(port, f"/api/search/?bbox={bbox}&kind={MAP_KINDS}{extra}"))
            return statistics.median(times) * 1000

        for view in MAP_VIEWS:  # each area once first: not the first request's costs again
            _get(port, f"/api/search/?bbox={','.join(map(str, view))}&kind={MAP_KINDS}")
        return {
            "ready": ready,
            "first": first,
            "second": second,
            "list": list_p50("&facets=0"),
            "list_facets": list_p50(""),
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def bench_first_search() -> None:
    cold = serve_and_measure(warm=False)
    warm = serve_and_measure(warm=True)
    print(
        f"a fresh gunicorn worker's first search (q=วัด), once it answers:   "
        f"without the warm-up {cold['first']:6.2f} s   with it {warm['first']:6.3f} s   "
        f"ratio {cold['first'] / warm['first']:.0f}x   (second search {cold['second'] * 1000:.0f} ms / "
        f"{warm['second'] * 1000:.0f} ms)"
    )
    print(
        f"  the worker answers its first request after {cold['ready']:5.1f} s without / "
        f"{warm['ready']:5.1f} s with the warm-up (the load moves before the first visitor, it does not "
        f"vanish)"
    )
    print(
        f"the map's list over HTTP ({len(MAP_VIEWS)} areas x {HTTP_ROUNDS}, {MAP_KINDS}): p50 "
        f"{warm['list']:5.1f} ms as the map asks now (facets=0)   {warm['list_facets']:5.1f} ms with facets "
        f"(as it asked before; ratio {warm['list_facets'] / warm['list']:.1f}x)   (target 15 ms)"
    )


class ReaderWalk:
    """The words of a field as search looked them up before lexicon.py: whoosh's term files walked term
    by term, its automaton and its pure-Python edit distance (the bench's same-run baseline)."""

    def __init__(self, reader, fieldname: str):
        self.reader, self.fieldname = reader, fieldname

    def with_prefix(self, prefix: str):
        for raw in self.reader.expand_prefix(self.fieldname, prefix):
            yield raw.decode() if isinstance(raw, bytes) else raw

    def within(self, text: str, maxdist: int, *, prefix: int):
        for raw in self.reader.terms_within(self.fieldname, text, maxdist, prefix=prefix):
            yield raw.decode() if isinstance(raw, bytes) else raw

    def near(self, text: str, maxdist: int) -> list[tuple[int, str]]:
        from whoosh.support.levenshtein import damerau_levenshtein

        found = []
        for term in self.with_prefix(text[:1]):
            if abs(len(term) - len(text)) <= maxdist:
                distance = damerau_levenshtein(term, text, limit=maxdist)
                if distance <= maxdist:
                    found.append((distance, term))
        return found


@contextmanager
def as_before():
    """The search as it ran before this session's speed work: words walked in whoosh's files
    (ReaderWalk), whoosh asked again for every word's frequency, descriptions analysed afresh for each
    snippet, results deep-copied into the JSON (dataclasses.asdict), facets always counted. Same
    answers (the bench checks), other costs."""
    from dataclasses import asdict

    def walk(reader, fieldname):
        return ReaderWalk(reader, fieldname)

    def ask(reader, fieldname, text):
        return reader.doc_frequency(fieldname, text) > 0

    def analyse(analyzer, text):
        return tuple((t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index"))

    saved = (query.lexicon, spelling.lexicon, query.knows, spelling.knows, snippets._words, api._fields)
    query.lexicon = spelling.lexicon = walk
    query.knows = spelling.knows = ask
    snippets._words = analyse
    api._fields = asdict
    try:
        yield
    finally:
        query.lexicon, spelling.lexicon, query.knows, spelling.knows, snippets._words, api._fields = saved


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def api_latencies(client) -> dict[str, list]:
    """Each case through the API, ROUNDS times: now, as before this session's speed work (the answers
    compared), now with no analysed text kept, and the ranking before the thesaurus."""
    for case in CASES:  # warm-up: caches, the searcher, imports
        client.get("/api/search/", case.params)
        classic_top(case)
    with as_before():
        for case in CASES:  # the same warm-up for the look-ups as they were
            client.get("/api/search/", case.params)
    timing: dict[str, list] = {"now": [], "before": [], "fresh": [], "classic": [], "differ": []}

    def timed_get(params) -> tuple[float, dict]:
        started = time.perf_counter()
        response = client.get("/api/search/", {**params, "page_size": 10})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.content
        return elapsed, response.json()

    for _ in range(ROUNDS):
        for case in CASES:
            elapsed, now = timed_get(case.params)
            timing["now"].append(elapsed)
            with as_before():
                elapsed, before = timed_get(case.params)
            timing["before"].append(elapsed)
            if now != before:
                timing["differ"].append(str(case))
            snippets._analysed.clear()  # the results' texts not analysed yet (a query's first sight)
            timing["fresh"].append(timed_get(case.params)[0])
            started = time.perf_counter()
            classic_top(case)
            timing["classic"].append((time.perf_counter() - started) * 1000)
    return timing


def main() -> None:
    records = Asset.objects.count()
    if records < 1000:
        sys.exit(f"the dev database holds {records} assets: run `manage.py load_demo` first")
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        with override_settings(SEARCH_INDEX_DIR=work / "search-index"):
            cpu = cpu_seconds()
            report = index.rebuild()
            rebuild_cpu = cpu_seconds() - cpu
            base_dir = work / "baseline"
            base_dir.mkdir()
            cpu = cpu_seconds()
            base_ix, base_seconds = build_baseline(base_dir)
            base_cpu = cpu_seconds() - cpu
            load = os.getloadavg()[0]
            print(f"records indexed: {report.records}   (load average {load:.1f} on {os.cpu_count()} cores)")
            print(
                f"full rebuild (Thai analyzer, concepts):{report.seconds:6.1f} s, CPU {rebuild_cpu:5.1f} s   "
                f"(target < 20 s)"
            )
            print(
                "  its steps: "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.steps.items())
                + "   (wall time; the machine's load stretches it: CPU is this process's own)"
            )
            print(
                f"baseline build (StandardAnalyzer):      {base_seconds:6.1f} s, CPU {base_cpu:5.1f} s   "
                f"ratio {report.seconds / base_seconds:.1f}x (CPU {rebuild_cpu / base_cpu:.1f}x)"
            )

            client = Client(HTTP_HOST="127.0.0.1")
            timing = api_latencies(client)
            catalogue = judged_records()
            recall, ndcg, found = suite_scores(lambda case: api_top(client, case), catalogue)
            c_recall, c_ndcg, c_found = suite_scores(classic_top, catalogue)
            missed = [
                str(c) for c in CASES if (c.kind, c.name_th) not in [(k, n) for k, n, _ in api_top(client, c)]
            ]

            with base_ix.searcher() as searcher:
                parser = MultifieldParser(TEXT_FIELDS, base_ix.schema)
                or_parser = MultifieldParser(TEXT_FIELDS, base_ix.schema, group=OrGroup)
                base_latencies = []
                for _ in range(ROUNDS):
                    for case in CASES:
                        started = time.perf_counter()
                        baseline_top(searcher, parser, case)
                        base_latencies.append((time.perf_counter() - started) * 1000)
                b_recall, b_ndcg, b_found = suite_scores(
                    lambda c: baseline_top(searcher, parser, c), catalogue
                )
                o_recall, o_ndcg, o_found = suite_scores(
                    lambda c: baseline_top(searcher, or_parser, c), catalogue
                )
            bench_views()

        n = len(CASES)
        latencies, differ = timing["now"], timing["differ"]
        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        c50, c95 = percentile(timing["classic"], 50), percentile(timing["classic"], 95)
        b50, b95 = percentile(base_latencies, 50), percentile(base_latencies, 95)
        print(
            f"API latency over {n} queries x {ROUNDS}: p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  "
            f"mean {statistics.mean(latencies):5.1f} ms   (targets p50 < 10, p95 < 30)"
        )
        o50, o95 = percentile(timing["before"], 50), percentile(timing["before"], 95)
        f50, f95 = percentile(timing["fresh"], 50), percentile(timing["fresh"], 95)
        print(
            f"  as before this speed work (same run): p50 {o50:5.1f} ms  p95 {o95:5.1f} ms   "
            f"ratio before/now p50 {o50 / p50:.1f}x  p95 {o95 / p95:.1f}x   "
            f"({'same answers' if not differ else 'ANSWERS DIFFER: ' + '; '.join(sorted(set(differ)))})"
        )
        print(
            f"  now, the results' texts not yet analysed: p50 {f50:5.1f} ms  p95 {f95:5.1f} ms "
            f"(a query's first sight of its records)"
        )
        print(
            f"before the thesaurus (whoosh scoring): p50 {c50:5.1f} ms  p95 {c95:5.1f} ms   "
            f"ratio p50 {p50 / c50:.2f}x  p95 {p95 / c95:.2f}x"
        )
        print(
            f"baseline searcher latency:        p50 {b50:5.1f} ms  p95 {b95:5.1f} ms   "
            f"ratio p50 {p50 / b50:.1f}x  p95 {p95 / b95:.1f}x"
        )
        print(f"relevance over {n} graded cases       recall@10  nDCG@10  own record in the first 10")
        print(f"  ranking (thesaurus, priors)          {recall:6.3f}   {ndcg:6.3f}   {found}/{n}")
        print(f"  ranking before the thesaurus         {c_recall:6.3f}   {c_ndcg:6.3f}   {c_found}/{n}")
        print(f"  StandardAnalyzer, all words          {b_recall:6.3f}   {b_ndcg:6.3f}   {b_found}/{n}")
        print(f"  StandardAnalyzer, any word           {o_recall:6.3f}   {o_ndcg:6.3f}   {o_found}/{n}")
        print(
            f"nDCG@10 ratio: ranking / before the thesaurus {ndcg / c_ndcg:.2f}x, "
            f"ranking / StandardAnalyzer {ndcg / max(b_ndcg, 1e-9):.1f}x"
        )
        if missed:
            print(f"own record not in the first 10: {'; '.join(missed)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bench_first_search()


if __name__ == "__main__":
    main()
