"""Two team members saving the same learning space at once, on the real database in two threads."""

import threading
import time
import uuid

from django.db import connection, transaction

from learningcity import services
from learningcity.models import LearningRevision, LearningSpace
from tests.factories import LearningCityFactory, LearningSpaceFactory

from .conftest import SAPHAN_DAM, saved_user


def member(name: str):
    # Unique: these tests commit, and must not trip over another run's leftovers.
    return saved_user(username=f"{name}-{uuid.uuid4().hex[:8]}")


def _in_thread(fn, results: dict, key: str):
    def run():
        try:
            results[key] = fn()
        except Exception as exc:  # the test inspects what each thread got
            results[key] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _someone_waits_for_a_row_lock(timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_the_second_of_two_simultaneous_edits_is_refused_not_applied(transactional_db):
    city = LearningCityFactory()
    first, second = member("first"), member("second")
    city.team_members.add(first, second)
    space = LearningSpaceFactory(city=city, name_th="ตรอกสุ่ย")
    results: dict = {}
    second_is_waiting = threading.Event()

    def first_edit():
        with transaction.atomic():
            updated = services.space_update(
                user=first, space=space, version=1, data={"geom": SAPHAN_DAM.json}
            )
            # Hold the row until the second edit, which also started from version 1, is blocked on it.
            second_is_waiting.wait(timeout=10)
        return updated

    def second_edit():
        return services.space_update(user=second, space=space, version=1, data={"opening_hours": "ทุกวัน"})

    a = _in_thread(first_edit, results, "first")
    while not LearningSpace.objects.filter(pk=space.pk).exists():  # pragma: no cover - already there
        time.sleep(0.01)
    time.sleep(0.2)  # let the first edit take its row lock
    b = _in_thread(second_edit, results, "second")
    assert _someone_waits_for_a_row_lock(), "the second edit never reached the guarded UPDATE"
    second_is_waiting.set()
    a.join(15)
    b.join(15)

    assert isinstance(results["first"], LearningSpace) and results["first"].version == 2
    assert isinstance(results["second"], services.StaleEdit), results["second"]
    assert results["second"].current.version == 2
    space.refresh_from_db()
    assert space.version == 2 and space.opening_hours == "" and space.geom.equals_exact(SAPHAN_DAM, 1e-9)
    assert list(
        LearningRevision.objects.filter(space=space).values_list("action", flat=True).order_by("id")
    ) == ["baseline", "update"]


def test_many_simultaneous_edits_from_one_version_yield_exactly_one_winner(transactional_db):
    city = LearningCityFactory()
    members = [member(f"member{i}") for i in range(6)]
    city.team_members.add(*members)
    space = LearningSpaceFactory(city=city)
    results: dict = {}
    start = threading.Barrier(len(members))

    def edit(member, n):
        def run():
            start.wait(timeout=10)
            return services.space_update(user=member, space=space, version=1, data={"contact": f"โทร {n}"})

        return run

    threads = [_in_thread(edit(m, n), results, m.username) for n, m in enumerate(members)]
    for thread in threads:
        thread.join(15)
    winners = [r for r in results.values() if isinstance(r, LearningSpace)]
    refused = [r for r in results.values() if isinstance(r, services.StaleEdit)]
    assert len(winners) == 1 and len(refused) == len(members) - 1
    space.refresh_from_db()
    assert space.version == 2 and space.contact == winners[0].contact
