"""Many organisers logging and correcting at once, on the real PostgreSQL, from threads."""

import datetime
import random
import threading
from decimal import Decimal

import pytest
from django.db import connection

from culturalmap.core.exceptions import Conflict
from culturalmap.markets.models import EventSales, MarketEvent, SalesEntry
from culturalmap.markets.selectors import RevenueScope, event_sales_drift, revenue_series
from culturalmap.markets.services import event_sales_log, sales_entry_correct
from tests.factories import CulturalMarketFactory

from .conftest import saved_user

THREADS = 8
ROUNDS = 12
DAYS = [datetime.date(2024, 9, 1), datetime.date(2024, 9, 8), datetime.date(2024, 9, 15)]


@pytest.mark.django_db(transaction=True)
def test_totals_equal_what_was_accepted_to_the_baht(transactional_db):
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    organisers = [saved_user() for _ in range(THREADS)]
    market.organisers.add(*organisers)
    # Entries everyone will try to correct at the same moment: only one correction each may win.
    _event, contested = event_sales_log(
        market=market,
        held_on=DAYS[0],
        user=organisers[0],
        vendor_sales=[(f"ร้าน {i}", "1000") for i in range(ROUNDS // 4)],
    )
    expected = Decimal(1000) * len(contested)
    lock = threading.Lock()
    accepted: list[Decimal] = []  # the change each accepted write made to the market's total
    conflicts: list[int] = []
    failures: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def organiser_at_work(number: int) -> None:
        rng = random.Random(number)
        try:
            barrier.wait()
            for round_ in range(ROUNDS):
                if round_ % 4 == 3:
                    target = contested[round_ // 4]
                    amount = Decimal(rng.randrange(0, 5000))
                    try:
                        sales_entry_correct(entry_id=target.pk, amount=amount, user=organisers[number])
                    except Conflict:
                        with lock:
                            conflicts.append(target.pk)
                        continue
                    with lock:
                        accepted.append(amount - target.amount)
                else:
                    amounts = [Decimal(rng.randrange(1, 100_000)) / 100 for _ in range(rng.randrange(1, 4))]
                    event_sales_log(
                        market=market,
                        held_on=rng.choice(DAYS),
                        user=organisers[number],
                        vendor_sales=[(f"ร้าน {number}-{round_}-{i}", a) for i, a in enumerate(amounts)],
                    )
                    with lock:
                        accepted.append(sum(amounts))
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread below
            failures.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=organiser_at_work, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    expected += sum(accepted)
    # Each contested entry was corrected exactly once; every other attempt got a clear conflict.
    correction_attempts = THREADS * (ROUNDS // 4)
    assert len(conflicts) == correction_attempts - len(contested)
    assert SalesEntry.objects.filter(corrects__in=contested).count() == len(contested)
    assert MarketEvent.objects.filter(market=market).count() == len(DAYS)
    assert sum(EventSales.objects.filter(event__market=market).values_list("sales", flat=True)) == expected
    series = revenue_series(scope=RevenueScope("market", market.pk), interval="event")
    assert series[-1]["cumulative_sales"] == expected
    assert event_sales_drift() == []


@pytest.mark.django_db(transaction=True)
def test_retries_racing_with_one_request_key_log_the_sales_once(transactional_db):
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    organiser = saved_user()
    market.organisers.add(organiser)
    barrier = threading.Barrier(THREADS)
    answers: list[list[int]] = []
    failures: list[BaseException] = []

    def resend() -> None:
        try:
            barrier.wait()
            _event, entries = event_sales_log(
                market=market,
                held_on=DAYS[1],
                user=organiser,
                vendor_sales=[("ป้าแดง", "1200"), ("ลุงมา", "800")],
                request_key="flaky-network-1",
            )
            answers.append([e.pk for e in entries])
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread below
            failures.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=resend) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    assert len(answers) == THREADS and all(a == answers[0] for a in answers)
    assert SalesEntry.objects.filter(event__market=market).count() == 2
    assert EventSales.objects.get(event__market=market).sales == Decimal("2000")
