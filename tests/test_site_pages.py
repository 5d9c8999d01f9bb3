"""What every page shares: the header's way to each part of the site, the error pages, the icon."""

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_header_leads_to_the_map_search_markets_and_learning_cities(client, user):
    html = client.get("/").content.decode()
    for href in ('href="/"', 'href="/search/"', 'href="/cultural-cities/"', 'href="/learning-cities/"'):
        assert href in html, href
    assert 'href="/organiser/"' not in html  # for signed-in people only
    client.force_login(user)
    assert 'href="/organiser/"' in client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html and finders.find("favicon.svg")


def test_the_map_page_lets_people_pinch_zoom(client):
    html = client.get("/").content.decode()
    assert "user-scalable=no" not in html and "maximum-scale" not in html


def test_the_market_and_district_lists_live_on_one_page(client):
    assert client.get("/markets/")["Location"] == "/cultural-cities/"
    assert client.get("/districts/")["Location"] == "/cultural-cities/"


@override_settings(DEBUG=False)
def test_an_unknown_page_is_a_404_in_the_site_s_own_words(client):
    response = client.get("/assets/CA-NOPE000/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้านี้" in html and 'href="/search/"' in html
    client.cookies["django_language"] = "en"
    assert "Page not found" in client.get("/markets/CM-NOPE000/").content.decode()


def test_the_500_page_needs_nothing_but_itself():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")  # as Django's server_error view renders it: no request
    assert "ระบบขัดข้อง" in html and "Something went wrong" in html


def test_a_form_sent_without_its_security_token_gets_the_site_s_own_explanation(user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "ส่งแบบฟอร์มไม่สำเร็จ" in html and "ไม่มีข้อมูลใดถูกบันทึก" in html and 'href="/search/"' in html
