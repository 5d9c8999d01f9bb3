"""bench_ogc: the OGC API's items and /api/assets/ against tipg, on the same rows and bounding boxes.

tipg (developmentseed's OGC API – Features and Tiles server on FastAPI and asyncpg, what a GIS team
would put in front of the same PostGIS table) is installed, pinned, in a virtualenv of its own made
here with pip under var/bench-tipg (never in the project's). It reads, through its own environment
variables, a view of the public assets built from the OGC API's own feature source: the same rows
(published only, an at-risk site at its generalised point), the same columns (names, descriptions,
places, the interchange fields). Our site runs under gunicorn with the production settings, tipg
under uvicorn, with the same number of workers. One client asks each box in turn of the three
(ours, tipg, /api/assets/) in interleaved rounds, so that the noise of a shared machine falls on all
alike; a fresh connection per request, `Accept-Encoding: gzip` as GDAL and QGIS send it; up to 1,000
features a page. Prints the median and p90 of each and the ratios; the target is ours ≤ tipg
(ratio ≤ 1.00) for every box. Where tipg cannot be installed (no PyPI), it says so and measures ours
against /api/assets/ alone.

    .venv/bin/python scripts/bench/bench_ogc.py [--rounds 15] [--workers 2]
"""

import argparse
import gzip
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
django.setup()

from django.db import connection  # noqa: E402

from culturalmap.core import records  # noqa: E402
from culturalmap.ogc import features  # noqa: E402

TIPG_VENV = ROOT / "var" / "bench-tipg"
TIPG_REQUIREMENTS = ["tipg==1.6.1", "uvicorn==0.34.0"]
SCHEMA = "bench_tipg"
VIEW = "public_assets"
LIMIT = 1000
TARGET_RATIO = 1.0
BOXES = (
    ("a town", "99.48,18.27,99.53,18.31"),
    ("a district", "99.2,18.0,99.8,18.6"),
    ("a province", "99.0,17.5,100.2,19.0"),
    ("a region", "98,17,101,20"),
    ("Thailand", "97,5,106,21"),
)


# tipg, in its own virtualenv ----------------------------------------------------------------------


def ensure_tipg() -> bool:
    """tipg ready in its virtualenv (installed the first time); False, said why, if pip cannot."""
    python = TIPG_VENV / "bin" / "python"
    marker = TIPG_VENV / "requirements.txt"
    if python.exists() and marker.exists() and marker.read_text().split() == TIPG_REQUIREMENTS:
        return True
    print(f"installing {' '.join(TIPG_REQUIREMENTS)} in {TIPG_VENV.relative_to(ROOT)} ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(TIPG_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *TIPG_REQUIREMENTS], check=True)
    except subprocess.CalledProcessError as failure:
        print(f"tipg could not be installed ({failure}): measuring against /api/assets/ only")
        return False
    marker.write_text("\n".join(TIPG_REQUIREMENTS) + "\n")
    return True


def create_view() -> None:
    """The public assets with the OGC API's columns, for tipg: the same FROM item and place joins."""
    kind = records.get("asset")
    source = features._source(kind.code, records.version())
    own = ", ".join(f"s.x_{name} AS {name}" for name in features.kind_properties(kind))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
        cursor.execute(
            f"""CREATE VIEW {SCHEMA}.{VIEW} AS
            SELECT s.ogc_order AS id, s.code, 'asset'::text AS kind, s.name_th, s.name_en,
                   '/assets/' || s.code || '/' AS url, s.ogc_category AS category,
                   pv.code AS province, pv.name_th AS province_th, pv.name_en AS province_en,
                   a.code AS amphoe, a.name_th AS amphoe_th, a.name_en AS amphoe_en,
                   t.code AS tambon, t.name_th AS tambon_th, t.name_en AS tambon_en,
                   s.ogc_updated AS updated_at, {own}, s.ogc_geom AS geom
            FROM {source} s
            LEFT JOIN geodata_tambon t ON t.code = s.ogc_tambon
            LEFT JOIN geodata_amphoe a ON a.code = t.amphoe_code
            LEFT JOIN geodata_province own ON own.id = s.ogc_province
            LEFT JOIN geodata_province pv ON pv.code = coalesce(t.province_code, own.code)"""
        )


def drop_view() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


# The servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], env: dict, port: int, name: str) -> subprocess.Popen:
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    log.seek(0)
    raise RuntimeError(f"{name} did not start: " + log.read().decode()[-2000:])


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def start_ours(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "culturalmap.settings.production",
        "DJANGO_SECURE_SSL": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "culturalmap.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    return start(command, env, port, "gunicorn")


def start_tipg(port: int, workers: int) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TIPG_DB_SCHEMAS": json.dumps([SCHEMA]),
        f"TIPG_TABLE_CONFIG__{SCHEMA}_{VIEW}__PK": "id",
        "TIPG_MAX_FEATURES_PER_QUERY": "10000",
    }
    command = [
        str(TIPG_VENV / "bin" / "uvicorn"),
        "tipg.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    return start(command, env, port, "tipg")


# The client -------------------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[float, int, bytes]:
    """One request on a fresh connection: seconds until the whole body is in, its size as sent, and
    the body. GeoJSON asked as GDAL asks it (the REST API answers application/json)."""
    accept = "application/json" if path.startswith("/api/") else "application/geo+json, application/json"
    started = time.perf_counter()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client.request("GET", path, headers={"Accept-Encoding": "gzip", "Accept": accept})
    answer = client.getresponse()
    body = answer.read()
    elapsed = time.perf_counter() - started
    client.close()
    if answer.status != 200:
        raise RuntimeError(f"{path}: {answer.status} {body[:300]!r}")
    if answer.getheader("Content-Encoding") == "gzip":
        return elapsed, len(body), gzip.decompress(body)
    return elapsed, len(body), body


def targets(ours: int, tipg: int | None, bbox: str) -> dict[str, tuple[int, str]]:
    found = {
        "ours": (ours, f"/ogc/collections/assets/items?bbox={bbox}&limit={LIMIT}"),
        "api": (ours, f"/api/assets/?bbox={bbox}&page_size={LIMIT}"),
    }
    if tipg is not None:
        # In id order, as ours pages: without an order a page's next page may repeat or skip features.
        found["tipg"] = (tipg, f"/collections/{SCHEMA}.{VIEW}/items?bbox={bbox}&limit={LIMIT}&sortby=id")
    return found


def check_same_rows(ours: int, tipg: int | None) -> dict[str, int]:
    """Ours and tipg give the same features for each box (the view is the same rows, in the same
    order); /api/assets/ as many (it pages in code order)."""
    counts = {}
    for name, bbox in BOXES:
        found, matched = {}, {}
        for target, (port, path) in targets(ours, tipg, bbox).items():
            doc = json.loads(get(port, path)[2])
            found[target] = [f["properties"]["code"] for f in doc["features"]]
            matched[target] = doc.get("numberMatched", doc.get("count"))
        same = found["ours"] == found.get("tipg", found["ours"]) and len(found["api"]) == len(found["ours"])
        if not same or len(set(matched.values())) > 1:
            raise RuntimeError(f"{name}: the servers give different features ({matched})")
        counts[name] = len(found["ours"])
    return counts


Times = dict[str, dict[str, list[float]]]


def measure(ours: int, tipg: int | None, rounds: int) -> tuple[Times, dict[str, dict[str, int]]]:
    times: Times = {name: {t: [] for t in targets(ours, tipg, "")} for name, _ in BOXES}
    sizes: dict[str, dict[str, int]] = {name: {} for name, _ in BOXES}
    for _name, bbox in BOXES:  # warm both: connections, plans, caches
        for port, path in targets(ours, tipg, bbox).values():
            for _ in range(3):
                get(port, path)
    for round_number in range(rounds):
        for name, bbox in BOXES:
            order = list(targets(ours, tipg, bbox).items())
            if round_number % 2:
                order.reverse()
            for target, (port, path) in order:
                elapsed, size, _ = get(port, path)
                times[name][target].append(elapsed)
                sizes[name][target] = size
    return times, sizes


def p90(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.9 * len(values))) - 1)]


def report(times, sizes, counts, workers: int) -> None:
    shown = [t for t in ("ours", "tipg", "api") if t in times[BOXES[0][0]]]
    baseline = "tipg" if "tipg" in shown else "api"
    heads = {"ours": "ours /ogc", "tipg": "tipg", "api": "/api/assets"}
    print(f"\nitems of a bounding box, up to {LIMIT} a page; {workers} workers each; gzip; median (p90) ms")
    ratios = [t for t in shown if t != baseline]
    print(
        f"{'box':<11} {'features':>8}"
        + "".join(f" {heads[t]:>17}" for t in shown)
        + "".join(f" {t + '/' + baseline:>10}" for t in ratios)
    )
    met = True
    for name, _ in BOXES:
        medians = {t: statistics.median(v) for t, v in times[name].items()}
        met &= medians["ours"] / medians[baseline] <= TARGET_RATIO
        cells = "".join(f" {medians[t] * 1000:8.1f} ({p90(times[name][t]) * 1000:6.1f})" for t in shown)
        print(
            f"{name:<11} {counts[name]:>8,}{cells}"
            + "".join(f" {medians[t] / medians[baseline]:9.2f}×" for t in ratios)
        )
    sent = "; ".join(f"{n}: " + ", ".join(f"{t} {s[t]:,}" for t in shown) for n, s in sizes.items())
    print(f"bytes sent: {sent}")
    print(f"target ours/{baseline} ≤ {TARGET_RATIO:.2f} for every box: {'met' if met else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with_tipg = ensure_tipg()
    create_view()
    connection.close()
    servers = []
    try:
        ours, tipg = free_port(), (free_port() if with_tipg else None)
        servers.append(start_ours(ours, args.workers))
        if tipg is not None:
            servers.append(start_tipg(tipg, args.workers))
        counts = check_same_rows(ours, tipg)
        times, sizes = measure(ours, tipg, args.rounds)
        report(times, sizes, counts, args.workers)
    finally:
        for server in servers:
            stop(server)
        drop_view()


if __name__ == "__main__":
    main()
