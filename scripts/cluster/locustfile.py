"""The load of `make cluster-check` (scripts/cluster/check.py): visitors reading the map's tiles,
search and the asset API, and organisers logging sales with an Idempotency-Key, retried with the
same key when an answer is lost (as the organisers' phones do), so each sale must arrive once.

Settings from the environment (check.py): CLUSTER_TOKEN, CLUSTER_MARKET, CLUSTER_DAY (the organiser,
market and day the sales go to), CLUSTER_OUT (a folder: the keys of the sales sent, of those
acknowledged with the time, and the failed requests' times are written there)."""

import os
import random
import time
import uuid

from locust import FastHttpUser, constant, events, task

OUT = os.environ.get("CLUSTER_OUT", "/tmp")
WORDS = ["วัด", "ตลาด", "ผ้าไหม", "ลำปาง", "เชียงใหม่", "Wat", "market", "พิพิธภัณฑ์", "ประเพณี", "หัตถกรรม"]
# Tiles over Thailand, zooms 5 to 8.
TILES = [
    (z, x, y)
    for z, (x0, x1, y0, y1) in {
        5: (24, 26, 13, 15),
        6: (48, 51, 27, 30),
        7: (97, 102, 55, 60),
        8: (195, 204, 111, 120),
    }.items()
    for x in range(x0, x1 + 1)
    for y in range(y0, y1 + 1)
]
_failures = open(os.path.join(OUT, "failures.txt"), "a", buffering=1)  # noqa: SIM115 (lives with the run)
_sales = open(os.path.join(OUT, "sales.txt"), "a", buffering=1)  # noqa: SIM115
_sent = open(os.path.join(OUT, "sent.txt"), "a", buffering=1)  # noqa: SIM115


@events.request.add_listener
def note_failure(request_type, name, exception=None, **kwargs):
    if exception is not None:
        _failures.write(f"{time.time():.3f}\t{request_type} {name}\t{str(exception)[:200]}\n")


class Visitor(FastHttpUser):
    wait_time = constant(0)
    weight = 10

    @task(6)
    def tile(self):
        z, x, y = random.choice(TILES)
        self.client.get(f"/tiles/assets/{z}/{x}/{y}.mvt", name="/tiles/assets/[z]/[x]/[y].mvt")

    @task(3)
    def search(self):
        self.client.get("/api/search/", params={"q": random.choice(WORDS)}, name="/api/search/")

    @task(1)
    def asset_list(self):
        self.client.get("/api/assets/", params={"page": random.randint(1, 20)}, name="/api/assets/")


class Organiser(FastHttpUser):
    wait_time = constant(0.2)
    fixed_count = 2

    @task
    def log_a_sale(self):
        key = uuid.uuid4().hex
        body = {
            "held_on": os.environ["CLUSTER_DAY"],
            "vendor_sales": [{"vendor": f"ร้าน {key}", "amount": "120"}],
        }
        headers = {"Authorization": f"Token {os.environ['CLUSTER_TOKEN']}", "Idempotency-Key": key}
        url = f"/api/markets/{os.environ['CLUSTER_MARKET']}/events/"
        _sent.write(key + "\n")
        for _attempt in range(20):  # the same key until an answer comes: at most once either way
            with self.client.post(
                url, json=body, headers=headers, name="/api/markets/[code]/events/", catch_response=True
            ) as r:
                if r.status_code in (200, 201):
                    _sales.write(f"{key}\t{time.time():.3f}\n")
                    return
                r.failure(f"status {r.status_code}")
            time.sleep(0.5)
