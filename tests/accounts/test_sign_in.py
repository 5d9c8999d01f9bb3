"""Sign-in is rate-limited per address and per username in sliding windows, on the site's page and in
the admin; a forwarded address counts only when a configured proxy forwarded it."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from culturalmap.accounts.models import SignInAttempt
from culturalmap.accounts.throttle import client_address
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def failures_ago(seconds: float, *, count: int, address: str = "127.0.0.1", username: str = "") -> None:
    """Failed tries made `seconds` ago (what earlier requests would have left)."""
    at = timezone.now() - datetime.timedelta(seconds=seconds)
    SignInAttempt.objects.bulk_create(
        [SignInAttempt(address=address, username=username, succeeded=False, at=at) for _ in range(count)]
    )


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_the_eleventh_try_in_a_minute_is_refused_even_with_the_right_password(client, path):
    staff = UserFactory(is_staff=True)
    for _ in range(10):
        response = client.post(path, {"username": staff.username, "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    refused = client.post(path, {"username": staff.username, "password": PASSWORD})
    assert refused.status_code == 429
    assert "บ่อยเกินไป" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "_auth_user_id" not in client.session


def test_the_window_slides_ten_tries_before_a_minute_boundary_and_ten_after_are_not_twenty(client):
    """A fixed per-minute window let 10 tries at 0:59 and 10 more at 1:01 through (20 in 2 s)."""
    someone = UserFactory()
    failures_ago(2, count=10)  # the previous minute's ten, two seconds ago
    refused = client.post("/accounts/login/", {"username": someone.username, "password": PASSWORD})
    assert refused.status_code == 429
    assert 55 <= int(refused["Retry-After"]) <= 60  # until those ten slide out of the window


def test_tries_older_than_the_window_no_longer_count(client):
    someone = UserFactory()
    failures_ago(61, count=30)
    failures_ago(30, count=9)
    ok = client.post("/accounts/login/", {"username": someone.username, "password": PASSWORD})
    assert ok.status_code == 302


def test_refused_tries_are_not_counted_so_the_window_frees_on_time(client):
    failures_ago(50, count=10)
    for _ in range(5):
        assert client.post("/accounts/login/", {"username": "x", "password": "y"}).status_code == 429
    assert SignInAttempt.objects.count() == 10  # hammering while refused does not extend the wait
    refused = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert int(refused["Retry-After"]) <= 11


def test_one_username_tried_from_many_addresses_is_limited_too(client):
    target = UserFactory()
    for n in range(10):
        client.post(
            "/accounts/login/", {"username": target.username, "password": "x"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
    refused = client.post(
        "/accounts/login/",
        {"username": target.username.upper(), "password": PASSWORD},
        REMOTE_ADDR="10.0.1.1",
    )
    assert refused.status_code == 429


def test_an_attacker_cannot_lock_an_organiser_out_of_an_address_they_signed_in_from(client):
    organiser = UserFactory()
    office = "192.0.2.10"
    assert (
        client.post(
            "/accounts/login/", {"username": organiser.username, "password": PASSWORD}, REMOTE_ADDR=office
        ).status_code
        == 302
    )
    client.logout()
    # An attacker fails on purpose from many addresses, again and again.
    failures_ago(5, count=40, address="203.0.113.66", username=organiser.username)
    for n in range(10):
        client.post(
            "/accounts/login/", {"username": organiser.username, "password": "x"}, REMOTE_ADDR=f"10.9.0.{n}"
        )
    from_elsewhere = client.post(
        "/accounts/login/", {"username": organiser.username, "password": PASSWORD}, REMOTE_ADDR="10.9.1.1"
    )
    assert from_elsewhere.status_code == 429
    from_the_office = client.post(
        "/accounts/login/", {"username": organiser.username, "password": PASSWORD}, REMOTE_ADDR=office
    )
    assert from_the_office.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_a_known_address_still_needs_the_right_password(client):
    organiser = UserFactory()
    office = "192.0.2.11"
    client.post(
        "/accounts/login/", {"username": organiser.username, "password": PASSWORD}, REMOTE_ADDR=office
    )
    client.logout()
    failures_ago(5, count=20, address="203.0.113.67", username=organiser.username)
    wrong = client.post(
        "/accounts/login/", {"username": organiser.username, "password": "no"}, REMOTE_ADDR=office
    )
    assert wrong.status_code == 200  # the form again: let through to the check, which fails
    assert "_auth_user_id" not in client.session


def test_other_people_can_still_sign_in_meanwhile(client):
    for _ in range(11):
        client.post("/accounts/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.0.0.9")
    someone = UserFactory()
    ok = client.post(
        "/accounts/login/", {"username": someone.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.10"
    )
    assert ok.status_code == 302


def test_a_forwarded_address_is_ignored_unless_a_trusted_proxy_forwarded_it(settings):
    settings.TRUSTED_PROXIES = []
    made_up = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="198.51.100.99", REMOTE_ADDR="203.0.113.5")
    assert client_address(made_up) == "203.0.113.5"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(made_up) == "203.0.113.5"  # not from the proxy: the header is anyone's word


def test_behind_the_proxy_the_visitor_is_the_address_the_proxy_added(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.1.2.3", REMOTE_ADDR="127.0.0.1"
    )
    # 10.1.2.3 is an inner proxy; the client's own "1.2.3.4" could be made up.
    assert client_address(request) == "203.0.113.7"
    garbled = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="127.0.0.1")
    assert client_address(garbled) == "127.0.0.1"


def test_made_up_forwarded_addresses_do_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXIES = ["10.255.0.1"]
    for n in range(10):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}", "password": "x"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    refused = client.post(
        "/accounts/login/",
        {"username": "guess99", "password": "x"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert refused.status_code == 429
