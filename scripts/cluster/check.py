"""`make cluster-check`: the loopback cluster (scripts/cluster/cluster.sh) under a bounded load, with an
app node and the standby killed during the run; prints the figures and exits 0 only when every check
holds. Not part of `make test`: it starts PostgreSQL twice, pgbouncer, gunicorn and nginx.

1. A change made through node 1 is found by search on every node; the seconds it took (search lag).
2. Locust (headless) against node 1 alone, then against both through nginx: requests/s, p50/p95, errors.
3. Again through nginx, killing node 2 (SIGKILL, its follower too) and then the standby mid-run: every
   failed request must fall within FAILOVER_WINDOW seconds of a kill (failover seconds printed).
4. Every sale logged during the runs (Idempotency-Key, retried with the same key) is stored once.
5. A change made while node 2 was down is in node 2's index once it is back (catch-up from its place).
Then the cluster is stopped (CLUSTER_KEEP=1 leaves it running).
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
    lags = {}
    for n in nodes:
        lags[n] = seconds_until_found(n, word, code, committed)
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
    acknowledged, sent, by_key = sales_stored_once(out, setup)

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
    print_figures(lags, one, both, failover, failover_seconds, acknowledged, sent, by_key, catch_up)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("cluster-check: " + ("every check holds" if not problems else f"{len(problems)} check(s) failed"))
    return 0 if not problems else 1


def failover_windows(out: Path, kills: dict[str, float]) -> dict[str, float]:
    """Seconds from each kill to the last request that failed after it; a failure outside every
    kill's window is a problem."""
    failed_at = [
        float(line.split("\t")[0]) for line in (out / "failures.txt").read_text().splitlines() if line
    ]
    failover_seconds = {what: 0.0 for what in kills}
    for t in failed_at:
        before = [(t - k, what) for what, k in kills.items() if k <= t]
        if not before or min(before)[0] > FAILOVER_WINDOW:
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
    acknowledged = {line for line in (out / "sales.txt").read_text().split() if line}
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


if __name__ == "__main__":
    sys.exit(main())
