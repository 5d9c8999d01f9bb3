"""What people look at: a record page's views are counted (people, not robots; nothing about them kept),
shown on the page, and the most viewed come first when asked."""

import pytest

from culturalmap.search import index, popularity
from culturalmap.search.models import RecordViews
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def counted(asset) -> int:
    return popularity.views_of("asset", asset.pk)


def test_a_person_viewing_a_record_page_is_counted_and_nothing_about_them_is_kept(client):
    asset = AssetFactory()
    for _ in range(3):
        response = client.get(f"/assets/{asset.code}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200
    assert counted(asset) == 3
    assert set(response.cookies) <= {"csrftoken"}, "no visitor cookie set to count a view"
    row = RecordViews.objects.values().get(record_id=asset.pk)
    assert set(row) == {"id", "kind", "record_id", "views"}, "only the count: no address, no time"
    assert "203.0.113.9" not in str(row)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "python-requests/2.32"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch"},
    ],
    ids=["crawler", "link-preview", "script", "no-agent", "prefetch"],
)
def test_robots_and_prefetches_are_not_counted(client, headers):
    asset = AssetFactory()
    assert client.get(f"/assets/{asset.code}/", **headers).status_code == 200
    assert counted(asset) == 0


def test_a_draft_a_missing_page_and_the_api_count_nothing(client, curator):
    draft = AssetFactory(status="draft")
    client.force_login(curator)
    client.get(f"/assets/{draft.code}/", HTTP_USER_AGENT=BROWSER)
    client.logout()
    assert client.get("/assets/CA-NOPE/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert counted(draft) == 0 and not RecordViews.objects.exists()
    assert popularity.record_viewed(kind="asset", code=draft.code) is False


def test_the_record_page_shows_its_views_with_those_it_came_with(client):
    asset = AssetFactory(view_count=1200)
    client.get(f"/assets/{asset.code}/", HTTP_USER_AGENT=BROWSER)
    page = client.get(f"/assets/{asset.code}/", HTTP_USER_AGENT=BROWSER).content.decode()
    # The second request shows the first view (a page counts itself after it is served).
    assert 'data-views="1201"' in page and "เข้าชม 1,201 ครั้ง" in page


def test_views_counted_here_move_a_record_up_the_most_viewed_list(client, index_dir):
    quiet = AssetFactory(name_th="วัดเงียบ", view_count=10)
    busy = AssetFactory(name_th="วัดคึกคัก", view_count=50)
    index.rebuild()
    popularity.forget_counted_views()
    assert [h.code for h in search_catalogue(q="", sort="views").results] == [busy.code, quiet.code]
    for _ in range(45):
        popularity.record_viewed(kind="asset", code=quiet.code)
    popularity.forget_counted_views()
    page = search_catalogue(q="", sort="views")
    assert [(h.code, h.views) for h in page.results] == [(quiet.code, 55), (busy.code, 50)]
    body = client.get("/api/search/", {"sort": "views"}).json()
    assert [r["code"] for r in body["results"]] == [quiet.code, busy.code]
