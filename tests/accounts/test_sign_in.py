"""Sign-in is rate-limited per address and per username, on the site's page and in the admin."""

import pytest
from django.test import RequestFactory

from culturalmap.accounts.throttle import forwarded_client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_the_eleventh_try_in_a_minute_is_refused_even_with_the_right_password(client, path):
    staff = UserFactory(is_staff=True)
    for _ in range(10):
        response = client.post(path, {"username": staff.username, "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    refused = client.post(path, {"username": staff.username, "password": PASSWORD})
    assert refused.status_code == 429
    assert "บ่อยเกินไป" in refused.content.decode()
    assert "_auth_user_id" not in client.session


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


def test_other_people_can_still_sign_in_meanwhile(client):
    for _ in range(11):
        client.post("/accounts/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.0.0.9")
    someone = UserFactory()
    ok = client.post(
        "/accounts/login/", {"username": someone.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.10"
    )
    assert ok.status_code == 302


def test_behind_the_proxy_the_visitor_is_the_address_the_proxy_added():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert forwarded_client_ip(request) == "203.0.113.7"  # the client's own "1.2.3.4" could be made up
    assert forwarded_client_ip(RequestFactory().get("/", REMOTE_ADDR="198.51.100.2")) == "198.51.100.2"
