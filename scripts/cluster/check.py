"""`make cluster-check`: the loopback cluster (scripts/cluster/cluster.sh) under a bounded load, with an
app node and the standby killed during the run; prints the figures and exits 0 only when every check
holds. Not part of `make test`: it starts PostgreSQL twice, pgbouncer, gunicorn and nginx.

1. A change made through node 1 is found by search on every node; the seconds it took (search lag).
2. Locust (headless) against node 1 alone, then against both through nginx: requests/s, p50/p95, errors.
3. Again through nginx, killing node 2 (SIGKILL, its follower too) and then the standby mid-run: every
   failed request must fall within FAILOVER_WINDOW seconds of a kill (failover seconds printed).
4. Every sale logged during the runs (Idempotency-Key, retried with the same key) is stored once.
5. A change made while node 2 was down is in node 2's index once it is back (catch-up from its place).
6. Tiles through nginx: a versioned tile (/tiles/v/<generation>/…) is served from nginx's cache the
   second time; a record's change gives the layer a new generation, whose URL has the new content.
7. Again through nginx, killing the primary (as a crash) mid-run and promoting the standby
   (`cluster.sh failover`): failed requests only within PRIMARY_FAILOVER_WINDOW of the kill, and
   afterwards reads, sales and the search feed work on the promoted standby; no acknowledged sale lost.
Then the cluster is stopped (CLUSTER_KEEP=1 leaves it running); the next start makes the promoted
standby the primary again, with a fresh standby.
"""

import contextlib
import csv
import json
import os
import random
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = [str(ROOT / "scripts/cluster/cluster.sh")]
PY = str(ROOT / ".venv/bin/python")
BASE = int(os.environ.get("CLUSTER_PORT_BASE", "55410"))
NODE_URLS = {n: f"http://127.0.0.1:{BASE + 2 + n}" for n in (1, 2)}
NGINX = f"http://127.0.0.1:{BASE + 9}"
USERS = int(os.environ.get("CLUSTER_USERS", "16"))
SECONDS = int(os.environ.get("CLUSTER_SECONDS", "20"))
FAILOVER_WINDOW = 5.0  # seconds after a kill in which failed requests are allowed
PRIMARY_FAILOVER_WINDOW = 10.0  # the same after the primary's crash: detection, promotion, reconnects
DETECTION_SECONDS = 1.0  # what a monitor (Patroni, an operator's pager) takes to see the primary gone
SEARCH_LAG_BOUND = 2.0  # a committed change is searchable on every node within this

problems: list[str] = []


def node_env(n: int) -> dict[str, str]:
    out = subprocess.run([*CLUSTER, "env", str(n)], check=True, capture_output=True, text=True).stdout
    return {**os.environ, **dict(pair.split("=", 1) for pair in out.split())}


def in_node(n: int, code: str) -> str:
    """Python run by node n's manage.py shell (its own settings and index); returns its output."""
    done = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=node_env(n), capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"node {n}'s shell failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django.db.models import Count
from rest_framework.authtoken.models import Token
from culturalmap.markets.models import CulturalMarket, MarketEvent
market = CulturalMarket.objects.annotate(n=Count("events")).order_by("-n", "code").first()
user, _ = get_user_model().objects.get_or_create(username="cluster-check-organiser")
market.organisers.add(user)
token, _ = Token.objects.get_or_create(user=user)
taken = set(MarketEvent.objects.filter(market=market).values_list("held_on", flat=True))
day = datetime.date.today() - datetime.timedelta(days=1)
while day in taken:
    day -= datetime.timedelta(days=1)
print(json.dumps({"market": market.code, "day": day.isoformat(), "token": token.key}))
"""

RENAME = """
import time
from culturalmap.assets.models import Asset
from culturalmap.assets.services import asset_update
asset = Asset.objects.order_by("pk").first()
asset_update(asset=asset, name_en={name!r})
print(asset.code, time.time())
"""

TILE_RENAME = """
import math, time
from culturalmap.assets.models import Asset
from culturalmap.assets.services import asset_update
asset = Asset.objects.filter(risk="low").order_by("pk").first()
asset_update(asset=asset, name_en={name!r})
lon, lat = asset.public_location.x, asset.public_location.y
n = 2 ** {z}
x = int((lon + 180) / 360 * n)
y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
print(asset.code, x, y, time.time())
"""

SALES = """
import json
from django.db.models import Count
from culturalmap.markets.models import SalesEntry
rows = SalesEntry.objects.filter(event__market__code={market!r}, event__held_on={day!r})
print(json.dumps({{r["vendor"]: r["n"] for r in rows.values("vendor").annotate(n=Count("id"))}}))
"""


def found(base: str, word: str, code: str, *, timeout: float = 5) -> bool:
    try:
        url = f"{base}/api/search/?" + urllib.parse.urlencode({"q": word})
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return code in [r["code"] for r in json.load(reply)["results"]]
    except OSError:
        return False


def unique_word() -> str:
    """A word no record has: letters only, one token to every analyzer."""
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=10))


def rename(word: str) -> tuple[str, float]:
    """Renames an asset through node 1 (its process, its index); returns its code and the commit time."""
    code, committed = in_node(1, RENAME.format(name=f"Cluster check {word}")).splitlines()[-1].split()
    return code, float(committed)


def seconds_until_found(n: int, word: str, code: str, since: float, *, within: float = 60.0) -> float | None:
    deadline = time.time() + within
    while time.time() < deadline:
        if found(NODE_URLS[n], word, code):
            return max(0.0, time.time() - since)
        time.sleep(0.05)
    return None


def warm(n: int) -> None:
    """Every worker of a node just started has loaded the index and the Thai dictionary."""
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda _: found(NODE_URLS[n], "วัด", "", timeout=60), range(12)))


def search_lag(nodes: list[int], word: str) -> dict[int, float]:
    """A change made through node 1: the seconds until each node's search finds it."""
    code, committed = rename(word)
    with ThreadPoolExecutor(len(nodes)) as pool:  # every node watched at once, not one after another
        found_after = pool.map(lambda n: seconds_until_found(n, word, code, committed), nodes)
        lags = dict(zip(nodes, found_after, strict=True))
    for n in nodes:
        if lags[n] is None:
            problems.append(f"node {n} did not find the change made through node 1 within 60 s")
    return {n: s for n, s in lags.items() if s is not None}


def locust(host: str, out: Path, label: str, *, during=None) -> dict:
    prefix = out / label
    cmd = [
        str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "scripts/cluster/locustfile.py"), "--headless",
        "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s", "-H", host, "--csv", str(prefix),
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    run = subprocess.Popen(cmd, cwd=ROOT, env=os.environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if during:
        during()
    _, err = run.communicate()
    with open(f"{prefix}_stats.csv", newline="") as f:
        total = next(row for row in csv.DictReader(f) if row["Name"] == "Aggregated")
    return {
        "rps": float(total["Requests/s"]),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
    }


def get(url: str, *, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body (an error status too), as a client without gzip sees them."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def tile_url(z: int, x: int, y: int) -> str:
    """The assets layer's tile as the map asks for it: the URL from the TileJSON, with the generation."""
    _, _, body = get(f"{NGINX}/tiles/assets.json")
    return json.loads(body)["tiles"][0].format(z=z, x=x, y=y)


def cached_tiles() -> dict:
    """A versioned tile through nginx: the second request a HIT of nginx's cache; a record's change
    makes a new URL (a new generation) whose tile has the new content, also kept from its second
    request on; the old URL keeps its own content (nothing ever sees it on the map again)."""
    z, word = 16, unique_word()
    # Where the renamed asset is drawn, and its tile before the change.
    _, x, y, _ = in_node(1, TILE_RENAME.format(name=f"Cluster check {unique_word()}", z=z)).split()[-4:]
    old_url = tile_url(z, int(x), int(y))
    first, second = get(old_url), get(old_url)
    out = {
        "url": old_url.removeprefix(NGINX),
        "first": first[1].get("X-Cache-Status"),
        "second": second[1].get("X-Cache-Status"),
        "cache_control": second[1].get("Cache-Control"),
    }
    if (first[0], second[0]) != (200, 200) or out["second"] != "HIT" or first[2] != second[2]:
        problems.append(f"a versioned tile was not served from nginx's cache the second time: {out}")
    if out["cache_control"] != "public, max-age=31536000, immutable":
        problems.append(f"a versioned tile is not kept for good: Cache-Control {out['cache_control']!r}")

    code, x, y, committed = in_node(1, TILE_RENAME.format(name=f"Cluster check {word}", z=z)).split()[-4:]
    new_url, deadline = old_url, time.time() + 10
    while new_url == old_url and time.time() < deadline:
        time.sleep(0.05)
        new_url = tile_url(z, int(x), int(y))
    out["new_url_after"] = time.time() - float(committed)
    fresh, kept = get(new_url), get(new_url)
    out.update(new_url=new_url.removeprefix(NGINX), new_first=fresh[1].get("X-Cache-Status"))
    out["new_second"] = kept[1].get("X-Cache-Status")
    if new_url == old_url:
        problems.append("a record's change gave its layer no new tile URL within 10 s")
    elif word.encode() not in fresh[2] or word.encode() not in kept[2]:
        problems.append(f"the new tile URL {new_url} has not the renamed asset {code}'s new name")
    elif out["new_second"] != "HIT":
        problems.append(f"the new tile URL was not served from nginx's cache the second time: {out}")
    old_again = get(old_url)
    if word.encode() in old_again[2]:
        problems.append("the old URL's tile changed (kept tiles must never change under their URL)")
    return out


def standby_caught_up(*, within: float = 60) -> bool:
    """The standby streams from the primary and has replayed all it wrote (before the crash test)."""
    sql = (
        "SELECT count(*) FROM pg_stat_replication"
        " WHERE state = 'streaming' AND replay_lsn >= pg_current_wal_lsn()"
    )
    cmd = ["psql", "-h", "127.0.0.1", "-p", str(BASE), "-U", "postgres", "-d", "culturalmap", "-Atc", sql]
    deadline = time.time() + within
    while time.time() < deadline:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.stdout.strip() == "1":
            return True
        time.sleep(0.2)
    return False


def primary_failover(out: Path) -> dict:
    """Load through nginx while the primary crashes and the standby is promoted: the run's figures,
    the seconds of failed requests after the crash, the promotion's seconds, the first sale after."""
    if not standby_caught_up():
        problems.append("the standby was not streaming and caught up before the primary's crash")
    (out / "failures.txt").write_text("")
    acked_before = len((out / "sales.txt").read_text().splitlines())
    timing: dict[str, float] = {}

    def crash_and_promote():
        time.sleep(SECONDS * 0.3)
        timing["killed"] = time.time()
        subprocess.run([*CLUSTER, "stop-primary"], check=True)
        time.sleep(DETECTION_SECONDS)
        started = time.time()
        subprocess.run([*CLUSTER, "failover"], check=True, stdout=subprocess.DEVNULL)
        timing["promoted"] = time.time()
        timing["promotion"] = timing["promoted"] - started

    run = locust(NGINX, out, "primary-failover", during=crash_and_promote)
    windows = failover_windows(out, {"primary": timing["killed"]}, PRIMARY_FAILOVER_WINDOW)
    run["failed_for"] = windows["primary"]
    run["promotion"] = timing["promotion"]
    acked_after = [
        float(line.split()[1])
        for line in (out / "sales.txt").read_text().splitlines()[acked_before:]
        if float(line.split()[1]) > timing["promoted"]
    ]
    run["sales_after"] = len(acked_after)
    run["first_sale_after"] = min(acked_after) - timing["killed"] if acked_after else None
    if not acked_after:
        problems.append("no sale was acknowledged after the standby's promotion")
    return run


def kill_node(n: int) -> None:
    """As a machine failing: gunicorn's master and workers, and the node's follower, SIGKILLed."""
    var = ROOT / "var/cluster" / f"app{n}"
    for pidfile in ("gunicorn.pid", "follower.pid"):
        path = var / pidfile
        if path.exists():
            pid = int(path.read_text())
            subprocess.run(["pkill", "-KILL", "-P", str(pid)], check=False)  # its workers, by parent id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            path.unlink()


def main() -> int:
    out = Path(tempfile.mkdtemp(prefix="cluster-check-"))
    os.environ["CLUSTER_OUT"] = str(out)
    subprocess.run([*CLUSTER, "start"], check=True)
    try:
        return run_checks(out)
    finally:
        if os.environ.get("CLUSTER_KEEP") != "1":
            subprocess.run([*CLUSTER, "stop"], check=False)


def run_checks(out: Path) -> int:
    setup = json.loads(in_node(1, SETUP).splitlines()[-1])
    os.environ.update(CLUSTER_TOKEN=setup["token"], CLUSTER_MARKET=setup["market"], CLUSTER_DAY=setup["day"])

    warm(1), warm(2)  # figures of served requests, not of workers loading the Thai dictionary
    one = locust(NODE_URLS[1], out, "one-node")
    both = locust(NGINX, out, "two-nodes")
    lags = search_lag([1, 2], unique_word())  # every worker of both nodes warm by now
    for label, run in (("one node", one), ("two nodes", both)):
        if run["failures"]:
            problems.append(f"{run['failures']} request(s) failed on {label}, with nothing killed")
    (out / "failures.txt").write_text("")  # from here on, failures are timed against the kills
    kills: dict[str, float] = {}

    def failures_during_the_run():
        time.sleep(SECONDS * 0.3)
        kills["app node 2"] = time.time()
        kill_node(2)
        time.sleep(SECONDS * 0.3)
        kills["standby"] = time.time()
        subprocess.run([*CLUSTER, "stop-standby"], check=True)

    failover = locust(NGINX, out, "failover", during=failures_during_the_run)
    failover_seconds = failover_windows(out, kills)

    # A change made while node 2 is down: in its index once it is back, from its place in the feed.
    word = unique_word()
    code, _ = rename(word)
    subprocess.run([*CLUSTER, "start-standby"], check=True)
    subprocess.run([*CLUSTER, "start-node", "2"], check=True, stdout=subprocess.DEVNULL)
    restarted = time.time()  # it answers HTTP again
    warm(2)
    catch_up = seconds_until_found(2, word, code, restarted)
    if catch_up is None:
        problems.append("node 2 did not catch up with a change made while it was down")
    tiles = cached_tiles()
    promoted = primary_failover(out)
    # After the failover: a change is still found on every node (the followers reconnected to the
    # promoted standby), and every sale acknowledged before, during and after it is stored once.
    lags_after = search_lag([1, 2], unique_word())
    acknowledged, sent, by_key = sales_stored_once(out, setup)
    print_figures(lags, one, both, failover, failover_seconds, acknowledged, sent, by_key, catch_up)
    print_failover_figures(tiles, promoted, lags_after)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("cluster-check: " + ("every check holds" if not problems else f"{len(problems)} check(s) failed"))
    return 0 if not problems else 1


def failover_windows(out: Path, kills: dict[str, float], window: float = FAILOVER_WINDOW) -> dict[str, float]:
    """Seconds from each kill to the last request that failed after it; a failure outside every
    kill's window is a problem."""
    failed_at = [
        float(line.split("\t")[0]) for line in (out / "failures.txt").read_text().splitlines() if line
    ]
    failover_seconds = {what: 0.0 for what in kills}
    for t in failed_at:
        before = [(t - k, what) for what, k in kills.items() if k <= t]
        if not before or min(before)[0] > window:
            problems.append(
                f"a request failed at +{t - min(kills.values()):.1f} s, outside the failover window"
            )
        else:
            seconds, what = min(before)
            failover_seconds[what] = max(failover_seconds[what], seconds)

    return failover_seconds


def sales_stored_once(out: Path, setup: dict) -> tuple[set[str], set[str], dict[str, int]]:
    """Every acknowledged sale stored, each once, none that was not sent."""
    stored = json.loads(in_node(1, SALES.format(market=setup["market"], day=setup["day"])).splitlines()[-1])
    acknowledged = {line.split()[0] for line in (out / "sales.txt").read_text().splitlines() if line.strip()}
    by_key = {vendor.removeprefix("ร้าน "): n for vendor, n in stored.items()}
    twice = [k for k, n in by_key.items() if n != 1]
    lost = acknowledged - by_key.keys()
    sent = {line for line in (out / "sent.txt").read_text().split() if line}
    unsent = by_key.keys() - sent
    if unsent:
        problems.append(f"{len(unsent)} sale(s) stored that no organiser sent")
    if twice:
        problems.append(f"{len(twice)} sale(s) stored more than once")
    if lost:
        problems.append(f"{len(lost)} acknowledged sale(s) not stored")

    return acknowledged, sent, by_key


def print_figures(lags, one, both, failover, failover_seconds, acknowledged, sent, by_key, catch_up) -> None:
    print()
    print(f"{'run':<34}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'requests':>10}{'errors':>8}")
    for label, r in (
        ("1 app node (direct)", one),
        ("2 app nodes (nginx)", both),
        ("2 -> 1 nodes, standby killed", failover),
    ):
        print(
            f"{label:<34}{r['rps']:>9.1f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['requests']:>10}{r['failures']:>8}"
        )
    print(f"throughput 2 nodes / 1 node: {both['rps'] / one['rps']:.2f}x")
    for what, seconds in failover_seconds.items():
        print(
            f"failover after killing the {what}: {seconds:.1f} s of failed requests"
            f" (bound {FAILOVER_WINDOW:.0f} s)"
        )
    twice = sum(1 for n in by_key.values() if n > 1)
    print(
        f"sales sent: {len(sent)}, acknowledged: {len(acknowledged)}, stored: {sum(by_key.values())}"
        f" (the rest were in flight when a run ended), stored twice: {twice}"
    )
    print(
        "search lag, change through node 1: "
        + ", ".join(f"node {n} {s:.2f} s" for n, s in sorted(lags.items()))
    )
    if catch_up is not None:
        print(
            f"node 2, back after a change made while it was down: found it {catch_up:.1f} s after it answered"
        )
    if any(s > SEARCH_LAG_BOUND for s in lags.values()):
        problems.append(f"a change took longer than {SEARCH_LAG_BOUND} s to be searchable on every node")


def print_failover_figures(tiles: dict, promoted: dict, lags_after: dict[int, float]) -> None:
    r = promoted
    label = "primary crashed, standby promoted"
    print(f"{label:<34}{r['rps']:>9.1f}{r['p50']:>9.0f}{r['p95']:>9.0f}{r['requests']:>10}{r['failures']:>8}")
    first_sale = "none" if r["first_sale_after"] is None else f"+{r['first_sale_after']:.1f} s"
    print(
        f"failover after the primary's crash: {r['failed_for']:.1f} s of failed requests"
        f" (bound {PRIMARY_FAILOVER_WINDOW:.0f} s); detection {DETECTION_SECONDS:.0f} s (simulated),"
        f" promotion and pgbouncer repointed {r['promotion']:.1f} s; first sale acknowledged after the"
        f" promotion {first_sale} from the crash, {r['sales_after']} acknowledged after it"
    )
    print(
        "search lag after the failover: "
        + ", ".join(f"node {n} {s:.2f} s" for n, s in sorted(lags_after.items()))
    )
    print(
        f"versioned tile {tiles['url']}: {tiles['first']}, then {tiles['second']} ({tiles['cache_control']});"
        f" after a rename the TileJSON named a new URL within {tiles['new_url_after']:.1f} s,"
        f" {tiles['new_url']}: {tiles['new_first']}, then {tiles['new_second']}, with the new name"
    )


if __name__ == "__main__":
    sys.exit(main())
