"""The public map in a real headless Chromium, on `make run`'s server (issue 13's targets).

    PYTHAINLP_OFFLINE=1 .venv/bin/python scripts/bench/bench_map_browser.py [--zooms 10] [--searches 60]

Starts, on free ports, the server `make run` starts (gunicorn, threads, persistent connections,
culturalmap.settings.local) and, as the baseline measured in the same run, the development server
`make run` used before (`manage.py runserver`). Prints:
  1. the map's first view (cold browser cache): requests and bytes on the wire (target ≤ 60
     requests, ≤ 500 KiB), beside the same view asked for the old way: every record kind's layer and
     the province base-map picture as tiles of their own (the per-layer tiles, which other clients
     still use, fetched over HTTP for exactly the tiles the browser asked for);
  2. one zoom step: requests (target ≤ 40), beside the per-layer count for the same tiles;
  3. the list's delay after a zoom: from the zoom to the list showing the new view's answer, over
     N zooms and pans to places not seen before (p50 target ≤ 1 s), on gunicorn and on runserver;
  4. search p50 over HTTP (the list's question, keep-alive; target ≤ 15 ms), gunicorn and runserver.

Works on the dev database's demo catalogue; the tile cache is given new generations first, so every
tile of the run is made afresh (as after a data change).
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
django.setup()

from culturalmap.core import records  # noqa: E402
from culturalmap.maps.tiles.cache import invalidate_all  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# Places with records around them, visited in turn (lat, lon, zoom): each zoom lands on tiles not seen.
PLACES = [
    (18.29, 99.49, 9),  # Lampang
    (18.79, 98.98, 10),  # Chiang Mai
    (13.75, 100.50, 11),  # Bangkok
    (14.35, 100.57, 10),  # Ayutthaya
    (17.01, 99.82, 10),  # Sukhothai
    (15.23, 104.86, 9),  # Ubon Ratchathani
    (8.43, 99.96, 10),  # Nakhon Si Thammarat
    (6.54, 101.28, 10),  # Yala
    (16.43, 102.83, 10),  # Khon Kaen
    (12.61, 102.10, 10),  # Chanthaburi
    (19.91, 99.83, 10),  # Chiang Rai
    (7.88, 98.39, 10),  # Phuket
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], port: int) -> subprocess.Popen:
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "culturalmap.settings.local"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )  # a file, not a pipe: a full pipe would stall the server
    # The first search of a worker loads the index and PyThaiNLP's dictionary (seconds): asked here,
    # before anything is timed.
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search/?q=x", timeout=120):
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    log.seek(0)
    raise RuntimeError("server did not start: " + log.read().decode()[-2000:])


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def make_run_server(port: int) -> subprocess.Popen:
    """What `make run` starts (the Makefile's RUN_SERVER, without --reload: nothing changes here)."""
    gunicorn = str(ROOT / ".venv/bin/gunicorn")
    return start(
        [gunicorn, "culturalmap.wsgi", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread"]
        + ["--workers", "2", "--threads", "8", "--no-control-socket", "--log-level", "warning"],
        port,
    )


def runserver(port: int) -> subprocess.Popen:
    """What `make run` started before: Django's development server (threaded)."""
    python = str(ROOT / ".venv/bin/python")
    return start([python, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], port)


# The browser --------------------------------------------------------------------------------------


class Browser:
    """Headless Chromium with its network log: requests and bytes (on the wire) since the last read."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="bench-map-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--window-size=1280,900",
            f"--user-data-dir={self.profile}",
        ):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)
        self.driver.execute_cdp_cmd("Network.enable", {})

    def network(self) -> tuple[list[str], int, int]:
        """URLs asked for, bytes of all of them and bytes of the catalogue tiles among them."""
        urls, sizes = {}, {}
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("data:", "blob:")):
                    urls[params["requestId"]] = url
            elif message.get("method") == "Network.loadingFinished":
                sizes[params["requestId"]] = params.get("encodedDataLength", 0)
        tiles = sum(sizes.get(r, 0) for r, u in urls.items() if "/catalogue/" in u)
        return list(urls.values()), sum(sizes.get(r, 0) for r in urls), tiles

    def settle(self, quiet: float = 1.5, limit: float = 60) -> None:
        """Until the page has asked for nothing new for `quiet` seconds."""
        script = (
            "return performance.getEntriesByType('resource').length + ':' + "
            "(document.getElementById('area-list') || {}).childElementCount"
        )
        end, last, since = time.time() + limit, None, time.time()
        while time.time() < end:
            seen = self.driver.execute_script(script)
            if seen != last:
                last, since = seen, time.time()
            elif time.time() - since >= quiet:
                return
            time.sleep(0.1)

    def quit(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


LIST_AFTER = """
var lat = arguments[0], lon = arguments[1], z = arguments[2], done = arguments[arguments.length - 1];
var list = document.getElementById('area-list'), before = list.getAttribute('data-query');
var t0 = performance.now();
window.culturalMap.setView([lat, lon], z, {animate: false});
(function check() {
  var now = list.getAttribute('data-query');
  if (now !== null && now !== before && !list.hasAttribute('aria-busy')) { done(performance.now() - t0); }
  else if (performance.now() - t0 > 30000) { done(-1); }
  else { requestAnimationFrame(check); }
})();
"""


def tiles_asked(urls: list[str]) -> list[tuple[int, int, int]]:
    found = []
    for url in urls:
        path = url.split("?")[0]
        if "/catalogue/" in path and path.endswith(".mvt"):
            z, x, y = path.rsplit(".", 1)[0].split("/")[-3:]
            found.append((int(z), int(x), int(y)))
    return found


def per_layer_bytes(port: int, asked: list[tuple[int, int, int]]) -> tuple[int, int]:
    """The same tiles the old way: each record kind's layer and the province picture as tiles of
    their own (requests, bytes of the bodies as sent, gzip accepted)."""
    names = [kind.layer for kind in records.kinds()]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    requests, total = 0, 0
    for z, x, y in asked:
        paths = [f"/tiles/{n}/{z}/{x}/{y}.mvt" for n in names] + [f"/tiles/provinces/{z}/{x}/{y}.png"]
        for path in paths:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            total += len(response.read()) + 300  # ~ the status line and headers, as the browser counts
            requests += 1
    connection.close()
    return requests, total


def browse(port: int, zooms: int) -> dict:
    """First view, one zoom step, the list's delay over `zooms` new views; in a fresh browser."""
    browser = Browser()
    base = f"http://127.0.0.1:{port}"
    try:
        browser.network()
        browser.driver.get(base + "/")
        browser.settle()
        first_urls, first_bytes, first_tile_bytes = browser.network()
        first_tiles = tiles_asked(first_urls)

        browser.driver.execute_script("window.culturalMap.zoomIn(1, {animate: false})")
        browser.settle()
        zoom_urls, _, _ = browser.network()
        zoom_tiles = tiles_asked(zoom_urls)

        delays = []
        for lat, lon, z in (PLACES * 2)[:zooms]:
            delays.append(browser.driver.execute_async_script(LIST_AFTER, lat, lon, z))
            browser.settle(quiet=0.5)  # the tiles of that view drawn before the next zoom
        return {
            "first_requests": len(first_urls),
            "first_bytes": first_bytes,
            "first_tile_bytes": first_tile_bytes,
            "first_tiles": first_tiles,
            "others": len(first_urls) - len(first_tiles),
            "zoom_requests": len(zoom_urls),
            "zoom_tiles": zoom_tiles,
            "delays": delays,
        }
    finally:
        browser.quit()


def search_p50(port: int, n: int) -> float:
    """The list's question over HTTP on one kept-alive connection: p50 in ms."""
    kinds = ",".join(records.codes())
    queries = [
        f"/api/search/?bbox={lon - 0.6:.3f},{lat - 0.4:.3f},{lon + 0.6:.3f},{lat + 0.4:.3f}&kind={kinds}"
        for lat, lon, _z in PLACES
    ]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for i in range(n + len(queries)):
        start_at = time.perf_counter()
        connection.request("GET", queries[i % len(queries)], headers={"Accept": "application/json"})
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        if i >= len(queries):  # the first round warms each question up
            times.append((time.perf_counter() - start_at) * 1000)
    connection.close()
    return statistics.median(times)


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zooms", type=int, default=10)
    parser.add_argument("--searches", type=int, default=60)
    args = parser.parse_args()

    port, dev_port = free_port(), free_port()
    invalidate_all()  # every tile of the run made afresh
    server = make_run_server(port)
    try:
        fast = browse(port, args.zooms)
        old_first = per_layer_bytes(port, fast["first_tiles"])
        old_zoom = per_layer_bytes(port, fast["zoom_tiles"])
        fast_search = search_p50(port, args.searches)
    finally:
        stop(server)
    invalidate_all()
    server = runserver(dev_port)
    try:
        slow = browse(dev_port, args.zooms)
        slow_search = search_p50(dev_port, args.searches)
    finally:
        stop(server)

    print("The map in headless Chromium, `make run`'s server (gunicorn, threads) unless said otherwise")
    kinds = len(records.kinds())
    before_first = fast["others"] + old_first[0]
    print(
        f"  first view: {fast['first_requests']} requests, {kib(fast['first_bytes'])} "
        f"({len(fast['first_tiles'])} catalogue tiles)  |  per-layer tiles for the same view: "
        f"{before_first} requests ({kinds} kinds + the province picture per tile), "
        f"{kib(fast['first_bytes'] - fast['first_tile_bytes'] + old_first[1])} "
        f"[targets ≤ 60, ≤ 500 KiB]  ratio requests {before_first / fast['first_requests']:.1f}×"
    )
    print(
        f"  one zoom step: {fast['zoom_requests']} requests  |  per-layer: {old_zoom[0]} "
        f"[target ≤ 40]  ratio {old_zoom[0] / max(fast['zoom_requests'], 1):.1f}×"
    )
    for name, found in (("gunicorn (make run)", fast), ("runserver (before)", slow)):
        delays = [d for d in found["delays"] if d >= 0]
        print(
            f"  list after a zoom, {name}: p50 {statistics.median(delays):.0f} ms, "
            f"max {max(delays):.0f} ms over {len(delays)} zooms"
            + (
                f" ({len(found['delays']) - len(delays)} never followed)"
                if len(delays) < len(found["delays"])
                else ""
            )
        )
    fast_p50 = statistics.median([d for d in fast["delays"] if d >= 0])
    slow_p50 = statistics.median([d for d in slow["delays"] if d >= 0])
    print(f"    [target p50 ≤ 1,000 ms]  ratio runserver / gunicorn {slow_p50 / fast_p50:.1f}×")
    print(
        f"  search p50 over HTTP: gunicorn {fast_search:.1f} ms  |  runserver {slow_search:.1f} ms  "
        f"[target ≤ 15 ms]  ratio {slow_search / fast_search:.1f}×"
    )
    print(
        f"  first view on runserver: {slow['first_requests']} requests, {kib(slow['first_bytes'])} "
        f"(the same page; the wire differs by the servers' compression)"
    )


if __name__ == "__main__":
    main()
