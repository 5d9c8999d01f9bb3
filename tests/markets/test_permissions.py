"""Who may write: anonymous, the market's organiser, another market's organiser, a curator."""

import io
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from culturalmap.markets.models import SalesEntry
from tests.factories import MarketEventFactory, SalesEntryFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "organiser", "other_organiser", "curator"]
ALLOWED = {"anonymous": False, "organiser": True, "other_organiser": False, "curator": True}


@pytest.fixture
def entry(market):
    return SalesEntryFactory(event=MarketEventFactory(market=market), amount=Decimal("1000"))


def who(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def sheet():
    upload = io.BytesIO(b"date,amount\n01/10/2566,100\n")
    upload.name = "sheet.csv"
    return upload


WRITES = {
    "log": lambda market, entry: (
        f"/api/markets/{market.code}/events/",
        {"held_on": "2023-10-01", "total": "100"},
        "json",
    ),
    "correct": lambda market, entry: (
        f"/api/markets/{market.code}/sales-entries/{entry.pk}/corrections/",
        {"amount": "5"},
        "json",
    ),
    "withdraw": lambda market, entry: (
        f"/api/markets/{market.code}/events/{entry.event.held_on}/withdrawal/",
        {"reason": "ผิดวัน"},
        "json",
    ),
    "commit": lambda market, entry: (
        f"/api/markets/{market.code}/sales-uploads/{preview(market).pk}/commit/",
        {},
        "json",
    ),
}


def preview(market):
    """A preview an organiser of the market made: only its organisers and curators may commit it."""
    from culturalmap.markets.uploads import sales_sheet_preview

    organiser = market.organisers.first()
    return sales_sheet_preview(market=market, user=organiser, content=sheet().read(), file_name="s.csv")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", list(WRITES))
def test_api_writes(request, market, entry, organiser, role, write):
    api = APIClient()
    if user := who(request, role):
        api.force_authenticate(user)
    url, data, fmt = WRITES[write](market, entry)
    before = SalesEntry.objects.count()
    response = api.post(url, data, format=fmt)
    if ALLOWED[role]:
        assert response.status_code in (200, 201), response.content
        assert SalesEntry.objects.count() == before + 1
    else:
        assert response.status_code in (401, 403)
        assert SalesEntry.objects.count() == before


DASHBOARD_POSTS = {
    "log": lambda entry: {"action": "log", "held_on": "01/10/2566", "total": "100"},
    "correct": lambda entry: {"action": "correct", "entry_id": entry.pk, "amount": "5"},
    "withdraw": lambda entry: {"action": "withdraw", "held_on": entry.event.held_on.isoformat()},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("write", list(DASHBOARD_POSTS))
def test_dashboard_writes(request, client, market, entry, organiser, role, write):
    if user := who(request, role):
        client.force_login(user)
    before = SalesEntry.objects.count()
    response = client.post(f"/organiser/{market.code}/", DASHBOARD_POSTS[write](entry))
    if ALLOWED[role]:
        assert response.status_code in (200, 302)
        assert SalesEntry.objects.count() == before + 1
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403
        assert SalesEntry.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_a_sheet_preview_stores_nothing_and_is_for_organisers_only(request, market, organiser, role):
    api = APIClient()
    if user := who(request, role):
        api.force_authenticate(user)
    response = api.post(f"/api/markets/{market.code}/sales-uploads/", {"file": sheet()}, format="multipart")
    assert (response.status_code == 201) is ALLOWED[role]
    assert response.status_code in (201, 401, 403)
    assert not SalesEntry.objects.filter(upload__isnull=False).exists()
    listed = api.get(f"/api/markets/{market.code}/sales-uploads/")
    assert (listed.status_code == 200) is ALLOWED[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_ledger_of_a_day_is_for_organisers_only(request, market, entry, role):
    api = APIClient()
    if user := who(request, role):
        api.force_authenticate(user)
    response = api.get(f"/api/markets/{market.code}/sales-entries/", {"held_on": entry.event.held_on})
    assert (response.status_code == 200) is ALLOWED[role]
