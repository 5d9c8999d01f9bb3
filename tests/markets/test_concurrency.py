"""Many organisers logging and correcting at once, on the real PostgreSQL, from threads."""

import datetime
import random
import threading
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import connection

from culturalmap.core.exceptions import Conflict
from culturalmap.markets.models import CulturalMarket, EventSales, MarketEvent, SalesEntry, SalesUpload
from culturalmap.markets.selectors import RevenueScope, event_sales_drift, revenue_series
from culturalmap.markets.services import event_sales_log, sales_entry_correct
from culturalmap.markets.uploads import sales_sheet_preview, sales_upload_commit
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


UPLOADERS, HAND_WRITERS, UPLOAD_ROUNDS, HAND_ROUNDS = 3, 3, 4, 8


def _sheet(tag: str, rng: random.Random) -> tuple[bytes, dict]:
    rows = {
        day: [(f"ร้าน {tag}-{i}", Decimal(rng.randrange(100, 99_999)) / 100) for i in range(5)] for day in DAYS
    }
    text = "วันที่,ร้าน,ยอดขาย\n" + "".join(
        f"{day:%d/%m}/{day.year + 543},{vendor},{amount}\n"
        for day, lines in rows.items()
        for vendor, amount in lines
    )
    return text.encode(), rows


def _live_at(entries: list[SalesEntry], cut: int) -> list[tuple[str, Decimal]]:
    """The day's lines as they stood once the entry `cut` was written (ids are given out under the
    day's event lock, so their order is the order of commits on that day)."""
    upto = [e for e in entries if e.pk <= cut]
    corrected = {e.corrects_id for e in upto if e.corrects_id}
    return sorted((e.vendor, e.amount) for e in upto if e.pk not in corrected and e.amount)


@dataclass
class _Race:
    """What the racing threads share: who writes, and what they saw."""

    market: CulturalMarket
    people: list
    barrier: threading.Barrier
    lock: threading.Lock = field(default_factory=threading.Lock)
    failures: list[BaseException] = field(default_factory=list)
    sheets: dict[int, dict] = field(default_factory=dict)  # committed upload id → the rows its sheet stated
    conflicts: list[str] = field(default_factory=list)


def _uploader(race: _Race, number: int) -> None:
    """Preview, then commit; a 409 means look at the fresh preview and confirm again."""
    rng = random.Random(number)
    try:
        race.barrier.wait()
        for round_ in range(UPLOAD_ROUNDS):
            content, rows = _sheet(f"{number}-{round_}", rng)
            preview = sales_sheet_preview(
                market=race.market, user=race.people[number], content=content, file_name="s.csv"
            )
            for _attempt in range(20):
                try:
                    committed = sales_upload_commit(upload_id=preview.pk, user=race.people[number])
                except Conflict as exc:
                    with race.lock:
                        race.conflicts.append(exc.code)
                    preview = SalesUpload.objects.get(pk=exc.extra["preview"])
                    continue
                with race.lock:
                    race.sheets[committed.pk] = rows
                break
    except BaseException as exc:  # noqa: BLE001 - reported to the main thread
        race.failures.append(exc)
    finally:
        connection.close()


def _by_hand(race: _Race, number: int) -> None:
    """An organiser logging and correcting the same days by hand."""
    rng = random.Random(100 + number)
    user = race.people[UPLOADERS + number]
    try:
        race.barrier.wait()
        for round_ in range(HAND_ROUNDS):
            day = rng.choice(DAYS)
            if round_ % 2:
                event_sales_log(
                    market=race.market, held_on=day, user=user, vendor_sales=[(f"มือ {number}-{round_}", "25")]
                )
                continue
            live = SalesEntry.objects.filter(event__market=race.market, corrected_by__isnull=True)
            live = list(live.exclude(amount=0))
            if not live:
                continue
            try:
                sales_entry_correct(entry_id=rng.choice(live).pk, amount="1", user=user)
            except Conflict as exc:
                with race.lock:
                    race.conflicts.append(exc.code)
    except BaseException as exc:  # noqa: BLE001 - reported to the main thread
        race.failures.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_uploads_and_hand_corrections_of_the_same_days_serialise(transactional_db):
    """Sheet uploads (preview, then commit; a 409 means preview again) race organisers logging and
    correcting the same days by hand. Every write applies fully or is refused with a Conflict: no
    deadlock, no 500, no row dropped without the preview having shown it."""
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    people = [saved_user() for _ in range(UPLOADERS + HAND_WRITERS)]
    market.organisers.add(*people)
    race = _Race(market=market, people=people, barrier=threading.Barrier(UPLOADERS + HAND_WRITERS))
    failures, sheets, conflicts = race.failures, race.sheets, race.conflicts

    workers = [threading.Thread(target=_uploader, args=(race, n)) for n in range(UPLOADERS)]
    workers += [threading.Thread(target=_by_hand, args=(race, n)) for n in range(HAND_WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    assert set(conflicts) <= {"ledger_changed", "already_corrected"}
    assert len(sheets) == UPLOADERS * UPLOAD_ROUNDS  # every upload got in, after looking again if need be
    entries_by_day = {
        day: list(SalesEntry.objects.filter(event__market=market, event__held_on=day).order_by("id"))
        for day in DAYS
    }
    for upload in SalesUpload.objects.filter(pk__in=sheets):
        for day in DAYS:
            mine = [e for e in entries_by_day[day] if e.upload_id == upload.pk]
            # Applied fully: right after its commit, the day held exactly the sheet's rows.
            assert _live_at(entries_by_day[day], max(e.pk for e in mine)) == sorted(sheets[upload.pk][day])
            # Never a silent drop: it only took out lines its preview had seen.
            seen_up_to = upload.ledger_mark[day.isoformat()][0]
            assert all(e.corrects_id <= seen_up_to for e in mine if e.corrects_id)
    for day, entries in entries_by_day.items():
        assert EventSales.objects.get(event__market=market, event__held_on=day).sales == sum(
            amount for _vendor, amount in _live_at(entries, entries[-1].pk)
        )
    assert event_sales_drift() == []
