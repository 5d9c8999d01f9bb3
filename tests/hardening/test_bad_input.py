"""Every input the hardening pass found answering 500 now gets a 4xx that says why, and stores nothing:
deep JSON, malformed GeoJSON, digits that are not digits, numbers of thousands of digits, a string
where the city profile expects its ratings."""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from learningcity.models import LearningCity, LearningSpace

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


def deep_in(body: dict, key: str) -> str:
    """`body` as JSON text with `key` holding 100,000 nested arrays."""
    return json.dumps({**body, key: "@"}).replace('"@"', DEEP)


def team_api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


# --- deeply nested JSON: a 400 on every JSON write --------------------------------------------------


def test_deep_json_on_a_learning_space_write_is_a_400(yala, yala_team):
    body = deep_in({"city": yala.code, "name_th": "x", "space_type": "co_learning_space"}, "geometry")
    response = team_api(yala_team).post("/api/learning-spaces/", body, content_type="application/json")
    assert response.status_code == 400
    assert "400" in response.json()["detail"]  # "nested deeper than 400 levels"
    assert not LearningSpace.objects.filter(name_th="x").exists()


def test_deep_json_on_a_city_profile_patch_is_a_400(yala, yala_team):
    body = deep_in({"version": 1}, "challenges")
    response = team_api(yala_team).patch(
        f"/api/learning-cities/{yala.code}/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_deep_json_on_sales_logging_is_a_400(market, organiser):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=organiser).key}")
    body = deep_in({"held_on": "29/09/2567"}, "vendor_sales")
    response = api.post(f"/api/markets/{market.code}/events/", body, content_type="application/json")
    assert response.status_code == 400


# --- malformed GeoJSON in learning-space writes ------------------------------------------------------

MALFORMED = [  # as the JSON text a client sends
    '{"type": "LineString", "coordinates": 5}',
    "5",
    '"POINT("',
    '{"type": "Point", "coordinates": [1e400, 6.55]}',
    '{"type": "Point", "coordinates": [[[[[]]]]]}',
    '{"type": "Feature", "geometry": 5}',
    '{"type": "Polygon", "coordinates": [[[101.28, 6.55], [101.29, 6.55], [101.29, 6.56]]]}',
    '{"type": "GeometryCollection", "geometries": [5]}',
]


def with_geometry(body: dict, geometry: str) -> str:
    return json.dumps({**body, "geometry": "@"}).replace('"@"', geometry)


@pytest.mark.parametrize("geometry", MALFORMED)
def test_malformed_geojson_in_an_api_write_is_a_400(yala, yala_team, trok_sui, geometry):
    api = team_api(yala_team)
    created = api.post(
        "/api/learning-spaces/",
        with_geometry({"city": yala.code, "name_th": "ใหม่", "space_type": "co_learning_space"}, geometry),
        content_type="application/json",
    )
    assert created.status_code == 400, created.content
    assert {"geom", "geometry", "detail"} & set(created.json())
    patched = api.patch(
        f"/api/learning-spaces/{trok_sui.code}/",
        with_geometry({"version": 1}, geometry),
        content_type="application/json",
    )
    assert patched.status_code == 400, patched.content
    trok_sui.refresh_from_db()
    assert trok_sui.version == 1 and not LearningSpace.objects.filter(name_th="ใหม่").exists()


@pytest.mark.parametrize(
    "geom",
    ['{"type":"LineString","coordinates":5}', '{"type":"Point","coordinates":[1e999,6]}', DEEP, "{"],
)
def test_malformed_geojson_from_the_page_form_is_shown_on_the_form(client, yala, yala_team, geom):
    client.force_login(yala_team)
    response = client.post(
        f"/learning-cities/{yala.code}/spaces/new/",
        {"name_th": "ใหม่", "space_type": "co_learning_space", "geom": geom, "status": "published"},
    )
    assert response.status_code == 400
    assert "รูปทรง" in response.content.decode() or "ตำแหน่ง" in response.content.decode()


def test_the_admin_map_widget_with_an_infinite_coordinate_is_a_form_error(client, yala):
    from tests.assets.test_services import admin_client, admin_form

    response = admin_client(client).post(
        "/admin/assets/asset/add/",
        admin_form(ref="inf-1", geom='{"type":"Point","coordinates":[1e999,0]}'),
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


# --- digits that are not digits, numbers of thousands of digits ---------------------------------------


@pytest.mark.parametrize("z", ["²", "①", "٣", "9" * 5000])
def test_the_map_page_keeps_its_default_zoom_for_a_zoom_it_cannot_read(client, z):
    response = client.get("/", {"z": z})
    assert response.status_code == 200


@pytest.mark.parametrize("z", ["²", "①", "9" * 5000, "1" + "0" * 4400])
def test_a_tile_zoom_that_is_not_a_number_or_has_thousands_of_digits_is_a_400(client, z):
    response = client.get(f"/tiles/assets/{z}/0/0.mvt")
    assert response.status_code == 400
    assert "whole number" in response.json()["error"]


def test_a_tile_in_thai_digits_is_read(client):
    assert client.get("/tiles/provinces/๒/๓/๑.mvt").status_code == 200


@pytest.mark.parametrize("version", ["²", "①", "٣", "9" * 5000])
def test_a_version_in_other_digits_is_a_400(yala_team, trok_sui, version):
    api = team_api(yala_team)
    patched = api.patch(
        f"/api/learning-spaces/{trok_sui.code}/", {"version": version, "opening_hours": "x"}, format="json"
    )
    assert patched.status_code == 400 and "version" in patched.json()
    retired = api.post(f"/api/learning-spaces/{trok_sui.code}/retire/", {"version": version}, format="json")
    assert retired.status_code == 400
    trok_sui.refresh_from_db()
    assert trok_sui.version == 1 and trok_sui.status == "published"


@pytest.mark.parametrize("version", ["²", "9" * 5000])
def test_a_version_in_other_digits_on_the_retire_form_leaves_the_space_as_it_was(
    client, yala_team, trok_sui, version
):
    client.force_login(yala_team)
    response = client.post(f"/learning-spaces/{trok_sui.code}/retire/", {"version": version})
    assert response.status_code == 302
    trok_sui.refresh_from_db()
    assert trok_sui.status == "published"


@pytest.mark.parametrize("visitors", ["²", "①", "9" * 5000])
def test_a_head_count_in_other_digits_on_the_organiser_form_is_a_400(client, market, organiser, visitors):
    client.force_login(organiser)
    response = client.post(
        f"/organiser/{market.code}/",
        {
            "action": "log",
            "held_on": "01/10/2567",
            "total": "1,000",
            "visitors": visitors,
            "request_key": "k1",
        },
    )
    assert response.status_code == 400
    assert "จำนวนเต็มไม่ติดลบ" in response.content.decode()


# --- a form-encoded city profile PATCH with challenges as a string -----------------------------------


def test_a_form_encoded_patch_with_challenges_as_text_is_a_400_and_keeps_the_ratings(client, yala, yala_team):
    client.force_login(yala_team)
    rated = client.patch(
        f"/api/learning-cities/{yala.code}/",
        {"version": 1, "challenges": {code: 3 for code in ("political_will", "data_and_monitoring")}},
        content_type="application/json",
    )
    assert rated.status_code == 200
    response = client.patch(
        f"/api/learning-cities/{yala.code}/",
        "version=2&challenges=all+good",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "challenges" in response.json()
    yala.refresh_from_db()
    assert yala.version == 2 and set(LearningCity.objects.get(pk=yala.pk).challenges) == {
        "political_will",
        "data_and_monitoring",
    }
