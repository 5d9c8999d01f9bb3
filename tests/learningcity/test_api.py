"""The learning-city API: GeoJSON reads for everyone, team writes with 400/403/409 that say why."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity import services
from learningcity.models import LearningCity, LearningSpace
from tests.factories import LearningSpaceFactory

from .conftest import PATTANI_TOWN, SAPHAN_DAM, TROK_SUI_LANE

pytestmark = pytest.mark.django_db


def test_spaces_are_geojson_and_only_published_ones(client, yala, phayao, trok_sui):
    LearningSpaceFactory(city=yala, name_th="ถอนออกแล้ว", status="withdrawn")
    LearningSpaceFactory(city=yala, name_th="ร่าง", status="draft")
    route = LearningSpaceFactory(
        city=yala, name_th="เส้นทางตรอกสุ่ย", space_type="learning_route", geom=TROK_SUI_LANE
    )
    response = client.get("/api/learning-spaces/", {"city": yala.code})
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    by_code = {f["id"]: f for f in body["features"]}
    assert set(by_code) == {trok_sui.code, route.code}
    assert by_code[route.code]["geometry"]["type"] == "LineString"
    assert by_code[trok_sui.code]["properties"]["opening_hours"] == "ทุกวัน 08:00–18:00"
    only_routes = client.get("/api/learning-spaces/", {"type": "learning_route"}).json()
    assert {f["id"] for f in only_routes["features"]} >= {route.code}
    assert trok_sui.code not in {f["id"] for f in only_routes["features"]}


def test_a_city_comes_with_its_profile_and_its_approved_key_features(client, yala, yala_team, curator):
    from learningcity.assessment import services as assessment_services

    services.city_profile_update(user=yala_team, city=yala, version=1, data={"population": 61_250})
    year = assessment_services.self_assessment_start(user=yala_team, city=yala, year=2024)
    ratings = {"quality_in_learning": {"rating": 3, "note": "ครู"}}
    kf = assessment_services
    year = kf.self_assessment_save(user=yala_team, assessment=year, version=1, ratings=ratings)
    city = client.get(f"/api/learning-cities/{yala.code}/").json()
    assert city["key_features_year"] is None  # a draft is not public
    assert {f["rating"] for f in city["key_features"]} == {None}
    year = assessment_services.self_assessment_submit(user=yala_team, assessment=year, version=2)
    assessment_services.self_assessment_review(user=curator, assessment=year, version=3, approve=True)
    listed = client.get("/api/learning-cities/").json()
    assert yala.code in [c["code"] for c in listed]
    city = client.get(f"/api/learning-cities/{yala.code}/").json()
    assert city["population"] == 61_250 and city["version"] == 2
    assert len(city["key_features"]) == 12 and city["key_features_year"] == 2024
    quality = next(f for f in city["key_features"] if f["feature"] == "quality_in_learning")
    assert quality["rating"] == 3 and quality["group"] == "building_blocks"
    assert "team_members" not in city


def test_the_team_creates_a_route_and_a_one_point_route_is_a_400(client, yala, yala_team):
    client.force_login(yala_team)
    response = client.post(
        "/api/learning-spaces/",
        {
            "city": yala.code,
            "name_th": "เส้นทางตรอกสุ่ย",
            "space_type": "learning_route",
            "geometry": json.loads(TROK_SUI_LANE.json),
            "audiences": ["elders"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["properties"]["version"] == 1
    bad = client.post(
        "/api/learning-spaces/",
        {
            "city": yala.code,
            "name_th": "เส้นสั้น",
            "space_type": "learning_route",
            "geometry": {"type": "LineString", "coordinates": [[101.28, 6.55]]},
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "2" in bad.json()["geom"][0]
    outside = client.post(
        "/api/learning-spaces/",
        {
            "city": yala.code,
            "name_th": "ปัตตานี",
            "space_type": "library",
            "geometry": json.loads(PATTANI_TOWN.json),
        },
        content_type="application/json",
    )
    assert outside.status_code == 400 and "Yala" in outside.json()["geom"][0]
    assert LearningSpace.objects.filter(city=yala).count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"name_th": "x"},  # no city, type, geometry
        {
            "city": "LC-NOPE",
            "name_th": "x",
            "space_type": "library",
            "geometry": {"type": "Point", "coordinates": [101.28, 6.55]},
        },
        {"city": "{yala}", "name_th": "x", "space_type": "library", "geometry": "garbage"},
        {
            "city": "{yala}",
            "name_th": "x",
            "space_type": "library",
            "geometry": {"type": "Point", "coordinates": []},
        },
    ],
)
def test_malformed_creates_are_400s(client, yala, yala_team, body):
    client.force_login(yala_team)
    if body.get("city") == "{yala}":
        body = {**body, "city": yala.code}
    response = client.post("/api/learning-spaces/", body, content_type="application/json")
    assert response.status_code == 400
    assert not LearningSpace.objects.exists()


def test_not_json_at_all_is_a_400(client, yala_team):
    client.force_login(yala_team)
    response = client.post("/api/learning-spaces/", "{{{", content_type="application/json")
    assert response.status_code == 400


def test_a_stale_patch_is_a_409_with_the_current_record(client, trok_sui, yala_team, curator):
    services.space_update(user=curator, space=trok_sui, version=1, data={"geom": SAPHAN_DAM.json})
    client.force_login(yala_team)
    response = client.patch(
        f"/api/learning-spaces/{trok_sui.code}/",
        {"version": 1, "contact": "073-111111"},
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2 and "version 2" in body["detail"]
    assert body["current"]["geometry"]["coordinates"] == [SAPHAN_DAM.x, SAPHAN_DAM.y]
    trok_sui.refresh_from_db()
    assert trok_sui.contact == ""
    retry = client.patch(
        f"/api/learning-spaces/{trok_sui.code}/",
        {"version": 2, "contact": "073-111111"},
        content_type="application/json",
    )
    assert retry.status_code == 200 and retry.json()["properties"]["version"] == 3


def test_a_patch_without_a_version_is_a_400(client, trok_sui, yala_team):
    client.force_login(yala_team)
    response = client.patch(
        f"/api/learning-spaces/{trok_sui.code}/", {"contact": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "version" in response.json()


def test_a_stale_profile_patch_is_a_409(client, yala, yala_team, curator):
    services.city_profile_update(user=curator, city=yala, version=1, data={"mayor": "นายกฯ"})
    client.force_login(yala_team)
    response = client.patch(
        f"/api/learning-cities/{yala.code}/", {"version": 1, "population": 1}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["current"]["mayor"] == "นายกฯ"


def test_key_features_sent_with_the_profile_are_refused_naming_where_they_go_now(client, yala, yala_team):
    client.force_login(yala_team)
    response = client.patch(
        f"/api/learning-cities/{yala.code}/",
        {"version": 1, "population": 5, "key_features": {"political_will": {"rating": 4}}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert f"/api/learning-cities/{yala.code}/assessments/" in response.json()["key_features"][0]
    yala.refresh_from_db()
    assert yala.population is None and yala.version == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a not allowed", "ไม่ใช่รูปภาพ"),
        (b"", "ไม่ใช่รูปภาพ"),
    ],
)
def test_a_bad_photo_upload_is_a_400_with_the_reason(client, trok_sui, yala_team, data, code):
    client.force_login(yala_team)
    response = client.post(
        f"/api/learning-spaces/{trok_sui.code}/photos/",
        {"photo": SimpleUploadedFile("x.jpg", data, content_type="image/jpeg")},
    )
    assert response.status_code == 400
    assert code in json.dumps(response.json(), ensure_ascii=False)
    assert not trok_sui.images.exists()


def test_a_photo_upload_without_a_file_is_a_400(client, trok_sui, yala_team):
    client.force_login(yala_team)
    response = client.post(f"/api/learning-spaces/{trok_sui.code}/photos/", {"caption_th": "x"})
    assert response.status_code == 400


def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/learning-cities/",
        "/api/learning-cities/{code}/",
        "/api/learning-spaces/",
        "/api/learning-spaces/{code}/",
        "/api/learning-spaces/{code}/retire/",
        "/api/learning-spaces/{code}/photos/",
    ):
        assert path in schema["paths"], path
    assert "409" in schema["paths"]["/api/learning-spaces/{code}/"]["patch"]["responses"]


def test_the_schema_names_the_challenge_codes_and_what_each_holds(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schemas = schema["components"]["schemas"]
    for output in ("CityOutput", "CityDetailOutput"):
        challenges = schemas[output]["properties"]["challenges"]
        assert challenges.get("$ref", challenges.get("allOf", [{}])[0].get("$ref")) == (
            "#/components/schemas/LearningCityChallenges"
        )
    challenges = schemas["LearningCityChallenges"]
    assert set(challenges["properties"]) == set(CHALLENGE_CODES) and not challenges.get("required")
    rated = schemas["LearningCityChallenge"]
    assert set(rated["properties"]) == {"rating", "name_th", "name_en"}
    assert rated["properties"]["rating"]["maximum"] == 5
    patch_input = schemas["PatchedCityPatchInput"]["properties"]["challenges"]
    assert all(code in patch_input["description"] for code in CHALLENGE_CODES)


CHALLENGE_CODES = [
    "political_will",
    "governance_participation",
    "mobilisation_of_resources",
    "reaching_vulnerable_groups",
    "data_and_monitoring",
]


def test_challenges_are_keyed_by_code_with_their_thai_and_english_names(client, yala, yala_team):
    client.force_login(yala_team)
    response = client.patch(
        f"/api/learning-cities/{yala.code}/",
        {"version": 1, "challenges": {"mobilisation_of_resources": 4, "reaching_vulnerable_groups": 2}},
        content_type="application/json",
    )
    assert response.status_code == 200
    expected = {
        "mobilisation_of_resources": {
            "rating": 4,
            "name_th": "การระดมทรัพยากร",
            "name_en": "Mobilisation of resources",
        },
        "reaching_vulnerable_groups": {
            "rating": 2,
            "name_th": "การเข้าถึงของกลุ่มเปราะบาง",
            "name_en": "Reaching vulnerable groups",
        },
    }
    assert response.json()["challenges"] == expected
    listed = next(c for c in client.get("/api/learning-cities/").json() if c["code"] == yala.code)
    assert listed["challenges"] == expected
    # The same keys whichever language the caller's page is in.
    client.cookies["django_language"] = "en"
    assert client.get(f"/api/learning-cities/{yala.code}/").json()["challenges"] == expected
    unknown = client.patch(
        f"/api/learning-cities/{yala.code}/",
        {"version": 2, "challenges": {"งบประมาณ": 3}},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "political_will" in unknown.json()["challenges"][0]


def test_challenges_stored_under_thai_names_are_read_by_code(client, yala):
    # As the demo catalogue writes them, and profiles saved before challenges had codes.
    LearningCity.objects.filter(pk=yala.pk).update(challenges={"การระดมทรัพยากร": 3, "ข้อมูลและการติดตามผล": 5})
    challenges = client.get(f"/api/learning-cities/{yala.code}/").json()["challenges"]
    assert {code: c["rating"] for code, c in challenges.items()} == {
        "mobilisation_of_resources": 3,
        "data_and_monitoring": 5,
    }
    assert challenges["data_and_monitoring"]["name_en"] == "Data and monitoring"


@pytest.mark.parametrize("body", [[1, 2], "text", {"version": "two"}, {"version": True}, {}])
def test_a_retire_with_a_malformed_body_is_a_400(client, trok_sui, yala_team, body):
    client.force_login(yala_team)
    response = client.post(
        f"/api/learning-spaces/{trok_sui.code}/retire/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    trok_sui.refresh_from_db()
    assert trok_sui.status == "published"
