"""Learning-city pages: what the public sees, and what a team member sees when input is bad or stale."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from learningcity import services
from learningcity.models import LearningCity, LearningSpace, LearningSpaceImage
from tests.factories import LearningCityFactory, LearningSpaceFactory

from .conftest import PATTANI_TOWN, SAPHAN_DAM, approved_assessment, jpeg_bytes

pytestmark = pytest.mark.django_db


def form_data(space, **overrides):
    data = {
        "name_th": space.name_th,
        "name_en": space.name_en,
        "space_type": space.space_type,
        "geom": space.geom.json,
        "opening_hours": space.opening_hours,
        "status": "published",
        "version": str(space.version),
    }
    data.update(overrides)
    return data


def test_the_city_page_shows_profile_key_features_and_published_spaces(
    client, yala, trok_sui, yala_team, curator
):
    services.city_profile_update(
        user=yala_team,
        city=yala,
        version=1,
        data={"population": 61_250, "challenges": {"reaching_vulnerable_groups": 4}},
    )
    approved_assessment(
        yala, yala_team, curator, year=2024, ratings={"political_will": {"rating": 4, "note": "มติสภาเทศบาล"}}
    )
    LearningSpaceFactory(city=yala, name_th="ห้องสมุดที่ถอนออก", status="withdrawn")
    LearningSpaceFactory(city=yala, name_th="ร่างพื้นที่", status="draft")
    response = client.get(yala.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "61,250" in page and "จังหวัดยะลา" in page and "พื้นที่เรียนรู้ร่วม" in page
    assert 'การเข้าถึงของกลุ่มเปราะบาง: <span class="lc-rating">4</span>/5' in page
    assert "เจตจำนงทางการเมืองและความมุ่งมั่น" in page and "มติสภาเทศบาล" in page and "4/5" in page
    assert "ปีการศึกษาเฉลี่ย" in page and "2567" in page  # joined 2024 CE, shown in the Buddhist Era
    assert trok_sui.name_th in page
    assert "ห้องสมุดที่ถอนออก" not in page and "ร่างพื้นที่" not in page
    map_data = json.loads(page.split('id="lc-map-data" type="application/json">')[1].split("</script>")[0])
    assert [f["properties"]["code"] for f in map_data["spaces"]["features"]] == [trok_sui.code]
    assert map_data["outline"]["type"] in ("Polygon", "MultiPolygon")
    assert "แก้ไขข้อมูลเมือง" not in page  # no edit links for a visitor
    assert "None" not in page  # blank profile figures show as a dash


def test_the_team_sees_its_drafts_and_edit_links(client, yala, trok_sui, yala_team):
    LearningSpaceFactory(city=yala, name_th="ร่างพื้นที่", status="draft")
    client.force_login(yala_team)
    page = client.get(yala.get_absolute_url()).content.decode()
    assert "ร่างพื้นที่" in page and "แก้ไขข้อมูลเมือง" in page


def test_a_retired_space_page_is_gone_for_the_public_but_not_for_its_team(client, trok_sui, yala_team):
    services.space_retire(user=yala_team, space=trok_sui, version=1)
    assert client.get(trok_sui.get_absolute_url()).status_code == 404
    assert client.get(f"/api/learning-spaces/{trok_sui.code}/").status_code == 404
    client.force_login(yala_team)
    assert client.get(trok_sui.get_absolute_url()).status_code == 200


def test_the_space_page_shows_details_and_photos_served_through_the_space(client, trok_sui, yala_team):
    image = services.space_photo_add(
        user=yala_team,
        space=trok_sui,
        caption_th="ทางเข้าตรอก",
        photo=SimpleUploadedFile("a.jpg", jpeg_bytes(900, 600), "image/jpeg"),
    )
    page = client.get(trok_sui.get_absolute_url()).content.decode()
    assert "ทุกวัน 08:00–18:00" in page and "ทางเข้าตรอก" in page
    assert image.get_thumbnail_url() in page
    thumb = client.get(image.get_thumbnail_url())
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert b"".join(thumb.streaming_content)[:2] == b"\xff\xd8"
    services.space_retire(user=yala_team, space=trok_sui, version=1)
    assert client.get(image.get_absolute_url()).status_code == 404  # leaves with its space


def test_an_unknown_code_is_a_404_not_a_500(client):
    assert client.get("/learning-cities/LC-NOPE/").status_code == 404
    assert client.get("/learning-spaces/LS-NOPE/").status_code == 404
    assert client.get("/learning-spaces/LS-NOPE/photos/1/").status_code == 404


def test_a_stale_form_says_so_keeps_what_was_typed_and_shows_the_current_values(
    client, trok_sui, yala_team, curator
):
    client.force_login(yala_team)
    opened = form_data(trok_sui)  # the form as the team member opened it, at version 1
    services.space_update(
        user=curator,
        space=trok_sui,
        version=1,
        data={"opening_hours": "ทุกวัน 07:00–20:00", "geom": SAPHAN_DAM.json},
    )
    response = client.post(f"/learning-spaces/{trok_sui.code}/edit/", {**opened, "programmes": "ตลาดความรู้"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "มีผู้แก้ไขข้อมูลนี้ก่อนคุณ" in page and "curator" in page
    assert "ทุกวัน 07:00–20:00" in page  # the newer value, shown
    assert "ตลาดความรู้" in page  # what the member typed, kept
    assert 'name="version" value="2"' in page  # saving again is now a deliberate choice
    trok_sui.refresh_from_db()
    assert trok_sui.programmes == "" and trok_sui.version == 2


@pytest.mark.parametrize(
    ("geom", "message"),
    [
        (PATTANI_TOWN.json, "ตำแหน่งอยู่นอกจังหวัดยะลา"),
        ('{"type": "LineString", "coordinates": [[101.28, 6.55]]}', "อย่างน้อย 2 จุด"),
        ("", "ต้องวาดตำแหน่งบนแผนที่"),
        ("{broken", "อ่านรูปทรงไม่ได้"),
    ],
)
def test_bad_geometry_in_the_form_is_explained_and_the_rest_kept(client, trok_sui, yala_team, geom, message):
    client.force_login(yala_team)
    space_type = "learning_route" if "LineString" in geom else "co_learning_space"
    response = client.post(
        f"/learning-spaces/{trok_sui.code}/edit/",
        form_data(trok_sui, geom=geom, space_type=space_type, programmes="เวิร์กช็อปผ้าบาติก"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert escape(message) in page or message in page
    assert "เวิร์กช็อปผ้าบาติก" in page
    trok_sui.refresh_from_db()
    assert trok_sui.version == 1 and trok_sui.programmes == ""


def test_a_non_image_upload_in_the_form_is_refused_and_nothing_stored(client, trok_sui, yala_team):
    client.force_login(yala_team)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 executable", content_type="image/jpeg")
    response = client.post(
        f"/learning-spaces/{trok_sui.code}/edit/",
        {**form_data(trok_sui, opening_hours="ปิดปรับปรุง"), "photo": fake},
    )
    assert response.status_code == 400
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    trok_sui.refresh_from_db()
    assert trok_sui.opening_hours != "ปิดปรับปรุง" and not LearningSpaceImage.objects.exists()


def test_creating_a_space_with_a_photo_through_the_form(client, yala, yala_team):
    client.force_login(yala_team)
    response = client.post(
        f"/learning-cities/{yala.code}/spaces/new/",
        {
            "name_th": "สะพานดำ",
            "space_type": "co_learning_space",
            "geom": SAPHAN_DAM.json,
            "opening_hours": "ศ.–อา. 16:00–21:00",
            "audiences": ["youth", "informal_workers"],
            "status": "published",
            "photo": SimpleUploadedFile("bridge.jpg", jpeg_bytes(), content_type="image/jpeg"),
            "photo_caption_th": "สะพานดำยามเย็น",
        },
    )
    space = LearningSpace.objects.get(name_th="สะพานดำ")
    assert response.status_code == 302 and response["Location"] == space.get_absolute_url()
    assert space.audiences == ["youth", "informal_workers"] and space.images.count() == 1
    page = client.get(space.get_absolute_url()).content.decode()
    assert "เด็กและเยาวชน" in page and "สะพานดำยามเย็น" in page


@pytest.mark.parametrize("version", ["abc", "", "-4"])
def test_a_tampered_version_is_a_clear_refusal(client, trok_sui, yala_team, version):
    client.force_login(yala_team)
    response = client.post(f"/learning-spaces/{trok_sui.code}/edit/", form_data(trok_sui, version=version))
    assert response.status_code in (400, 409)
    response = client.post(f"/learning-spaces/{trok_sui.code}/retire/", {"version": version})
    assert response.status_code == 302
    trok_sui.refresh_from_db()
    assert trok_sui.status == "published"


def test_the_profile_form_rates_each_listed_challenge(client, yala, yala_team):
    client.force_login(yala_team)
    profile = {"name_th": "เมืองยะลา", "name_en": "Yala", "version": "1"}
    response = client.post(
        f"/learning-cities/{yala.code}/edit/", {**profile, "challenge_mobilisation_of_resources": "9"}
    )
    assert response.status_code == 400
    yala.refresh_from_db()
    assert yala.challenges == {} and yala.version == 1
    response = client.post(
        f"/learning-cities/{yala.code}/edit/",
        {**profile, "challenge_mobilisation_of_resources": "4", "challenge_data_and_monitoring": ""},
    )
    assert response.status_code == 302
    yala.refresh_from_db()
    assert yala.challenges == {"mobilisation_of_resources": 4}
    page = client.get(f"/learning-cities/{yala.code}/edit/").content.decode()
    assert '<option value="4" selected>4</option>' in page


def test_the_profile_form_takes_numbers_as_thai_people_type_them(client, yala, yala_team):
    client.force_login(yala_team)
    profile = {
        "name_th": "เมืองยะลา",
        "name_en": "Yala",
        "version": "1",
        "population": "๖๑,๒๕๐",
        "area_km2": "19.5",
        "gdp_per_capita_city_usd": "4,215.50",
        "data_year": "2567",
    }
    response = client.post(f"/learning-cities/{yala.code}/edit/", profile)
    assert response.status_code == 302, response.content.decode()[:3000]
    yala.refresh_from_db()
    assert (yala.population, yala.data_year) == (61250, 2024)
    assert str(yala.gdp_per_capita_city_usd) == "4215.50"


def test_the_history_page_shows_the_diff_and_a_curator_reverts_from_it(client, trok_sui, yala_team, curator):
    services.space_update(user=yala_team, space=trok_sui, version=1, data={"opening_hours": "ปิดถาวร"})
    client.force_login(yala_team)
    page = client.get(f"/learning-spaces/{trok_sui.code}/history/").content.decode()
    assert "ปิดถาวร" in page and "ทุกวัน 08:00–18:00" in page and "yala-team" in page
    assert '<th scope="row">เวลาเปิด</th>' in page  # the field as the form names it
    assert "คืนค่าเป็นฉบับที่" not in page  # only curators revert

    client.force_login(curator)
    page = client.get(f"/learning-spaces/{trok_sui.code}/history/").content.decode()
    baseline = trok_sui.revisions.get(action="baseline")
    assert f"/learning-revisions/{baseline.pk}/revert/" in page
    response = client.post(f"/learning-revisions/{baseline.pk}/revert/", {"version": "2"})
    assert response.status_code == 302
    trok_sui.refresh_from_db()
    assert trok_sui.opening_hours == "ทุกวัน 08:00–18:00" and trok_sui.version == 3
    page = client.get(f"/learning-spaces/{trok_sui.code}/history/").content.decode()
    assert "ย้อนกลับเป็นฉบับที่ 1" in page


def test_the_english_page_uses_english_names(client, yala):
    client.cookies["django_language"] = "en"
    page = client.get(yala.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Strong political will and commitment" in page
    assert "UNESCO city profile" in page and "Major building blocks" in page


def test_a_stale_profile_form_keeps_the_typing_and_shows_the_newer_values(client, yala, yala_team, curator):
    services.city_profile_update(user=curator, city=yala, version=1, data={"mayor": "นายกเทศมนตรีคนใหม่"})
    client.force_login(yala_team)
    response = client.post(
        f"/learning-cities/{yala.code}/edit/",
        {"name_th": "เมืองยะลา", "name_en": "Yala", "version": "1", "population": "61250"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "นายกเทศมนตรีคนใหม่" in page and 'value="61250"' in page
    yala.refresh_from_db()
    assert yala.population is None and yala.version == 2


def test_a_stale_self_assessment_shows_the_current_ratings(client, yala, yala_team, curator):
    from learningcity.assessment import services as assessment_services

    year = assessment_services.self_assessment_start(user=yala_team, city=yala, year=2024)
    assessment_services.self_assessment_save(
        user=curator, assessment=year, version=1, ratings={"governance_participation": {"rating": 2}}
    )
    client.force_login(yala_team)
    response = client.post(
        f"/learning-cities/{yala.code}/key-features/2024/",
        {"version": "1", "rating_governance_participation": "5", "note_governance_participation": "สภาเมือง"},
    )
    page = response.content.decode()
    assert response.status_code == 409 and "สภาเมือง" in page and 'id="lc-current"' in page
    assert 'name="version" value="2"' in page
    assert year.ratings.get(feature="governance_participation").rating == 2


def test_the_geojson_list_takes_the_same_few_queries_for_many_spaces(
    client, yala, django_assert_max_num_queries
):
    LearningSpaceFactory.create_batch(3, city=yala)
    with django_assert_max_num_queries(3) as few:
        client.get("/api/learning-spaces/")
    LearningSpaceFactory.create_batch(30, city=yala)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/learning-spaces/")
    assert len(response.json()["features"]) >= 33


def test_dates_on_thai_pages_are_in_the_buddhist_era():
    import datetime

    from django.utils import timezone

    from learningcity.templatetags.learningcity_tags import thai_datetime

    moment = datetime.datetime(2024, 2, 14, 3, 0, tzinfo=datetime.UTC)  # Yala approved, 10:00 in Bangkok
    with timezone.override("Asia/Bangkok"):
        assert thai_datetime(moment) == "14 ก.พ. 2567 10:00"


# --- the list's order -------------------------------------------------------------------------------


def listed_names(page: str) -> list[str]:
    return re.findall(r'<td><a href="/learning-cities/LC-[^"]+/">([^<]+)</a>', page)


def test_the_city_list_is_by_year_joined_then_by_name_in_the_page_language(client, db):
    # Made in neither order: the page orders them, not the order rows happen to come back in.
    for name_th, name_en, year in [
        ("หาดใหญ่", "Hat Yai", 2022),
        ("ยะลา", "Yala", 2024),
        ("ภูเก็ต", "Phuket", 2020),
        ("พะเยา", "Phayao", 2022),
        ("เชียงใหม่", "Chiang Mai", 2020),
        ("สุโขทัย", "Sukhothai", 2022),
        ("ฉะเชิงเทรา", "Chachoengsao", 2020),
    ]:
        LearningCityFactory(name_th=name_th, name_en=name_en, joined_year=year)
    thai = listed_names(client.get("/learning-cities/").content.decode())
    # Thai dictionary order (a leading vowel is not the first letter): เชียงใหม่ before ภูเก็ต.
    assert thai == ["ฉะเชิงเทรา", "เชียงใหม่", "ภูเก็ต", "พะเยา", "สุโขทัย", "หาดใหญ่", "ยะลา"]
    client.cookies["django_language"] = "en"
    english = listed_names(client.get("/learning-cities/").content.decode())
    assert english == ["Chachoengsao", "Chiang Mai", "Phuket", "Hat Yai", "Phayao", "Sukhothai", "Yala"]


# --- the English pages --------------------------------------------------------------------------------

THAI = re.compile("[\u0e00-\u0e7f]")


def in_english(client):
    client.cookies["django_language"] = "en"  # the site's language switch
    return client


def main_of(response) -> str:
    """What a reader sees of the page: its <main>, without the JSON-LD for search engines (which
    names the record in both languages, as schema.org asks)."""
    main = re.split(r"<main[^>]*>", response.content.decode())[1].split("</main>")[0]
    return re.sub(r'<script type="application/ld\+json".*?</script>', "", main, flags=re.S)


def title_of(response) -> str:
    return response.content.decode().split("<title>")[1].split("</title>")[0]


def test_the_english_city_page_names_the_province_types_statuses_and_challenges_in_english(
    client, yala, trok_sui, yala_team
):
    # Challenges under their Thai names, as the demo catalogue and profiles before codes hold them.
    LearningCity.objects.filter(pk=yala.pk).update(challenges={"การระดมทรัพยากร": 4})
    LearningSpaceFactory(
        city=yala, name_th="ห้องสมุดร่าง", name_en="Draft library", space_type="library", status="draft"
    )
    client.force_login(yala_team)
    response = in_english(client).get(yala.get_absolute_url())
    page = main_of(response)
    assert "Yala province" in page and "ยะลา" not in page
    assert "Co-learning space" in page and "Library" in page and ">Draft</span>" in page
    assert 'Mobilisation of resources: <span class="lc-rating">4</span>/5' in page
    assert "Learning spaces</h2>" in page and ">Edit the city profile</a>" in page
    assert not THAI.search(page.replace(trok_sui.opening_hours, "")), THAI.findall(page)
    assert not THAI.search(title_of(response))
    map_data = json.loads(page.split('id="lc-map-data" type="application/json">')[1].split("</script>")[0])
    assert {f["properties"]["space_type_label"] for f in map_data["spaces"]["features"]} == {
        "Co-learning space",
        "Library",
    }


def test_the_english_space_page_has_an_english_title_type_and_audiences(client, trok_sui, yala_team):
    LearningSpace.objects.filter(pk=trok_sui.pk).update(audiences=["youth", "elders"])
    client.force_login(yala_team)
    response = in_english(client).get(trok_sui.get_absolute_url())
    assert title_of(response) == "Trok Sui · Learning space"
    page = main_of(response)
    assert "Co-learning space" in page and "Children and young people, Older people" in page
    assert ">Edit</a>" in page  # not "Correct", another app's word for แก้ไข
    # The opening hours are the team's own text (Thai only here); its label is English.
    assert "Opening hours</dt>" in page
    assert not THAI.search(page.replace(trok_sui.opening_hours, "")), THAI.findall(page)


def test_the_english_history_page_names_actions_fields_and_values_in_english(
    client, trok_sui, yala_team, curator
):
    services.space_update(
        user=yala_team,
        space=trok_sui,
        version=1,
        data={"space_type": "library", "audiences": ["elders"], "geom": SAPHAN_DAM.json},
    )
    client.force_login(curator)
    response = in_english(client).get(f"/learning-spaces/{trok_sui.code}/history/")
    page = main_of(response)
    assert "Edited" in page and "Initial record" in page and "Restore version 1" in page
    assert '<th scope="row">Type</th>' in page and "<del>Co-learning space</del>" in page
    assert "<ins>Library</ins>" in page and "<ins>Older people</ins>" in page
    assert "<ins>Point 6.55230, 101.28680</ins>" in page
    assert not THAI.search(page), THAI.findall(page)
    assert not THAI.search(title_of(response))


def test_the_english_profile_history_names_challenges_in_english(client, yala, yala_team):
    services.city_profile_update(
        user=yala_team,
        city=yala,
        version=1,
        data={"challenges": {"political_will": 3}},
    )
    client.force_login(yala_team)
    page = main_of(in_english(client).get(f"/learning-cities/{yala.code}/history/"))
    assert "<ins>Political will: 3</ins>" in page
    assert not THAI.search(page), THAI.findall(page)


def test_the_english_edit_forms_have_english_labels_choices_and_errors(client, yala, trok_sui, yala_team):
    client.force_login(yala_team)
    in_english(client)
    space_form = main_of(client.get(f"/learning-spaces/{trok_sui.code}/edit/"))
    assert '<label for="id_space_type">Type:</label>' in space_form
    for label in (
        "Co-learning space",
        "Community learning centre",
        "Children and young people",
        "People with disabilities",
        ">Published</option>",
        ">Draft</option>",
    ):
        assert label in space_form, label
    # The team's own text (names, hours) may be Thai; nothing the code puts on the form is.
    typed = (trok_sui.name_th, trok_sui.opening_hours, yala.name_th)
    team_text = re.compile("|".join(re.escape(t) for t in typed))
    assert not THAI.search(team_text.sub("", space_form)), THAI.findall(space_form)
    new_space_form = main_of(client.get(f"/learning-cities/{yala.code}/spaces/new/"))
    assert not THAI.search(team_text.sub("", new_space_form)), THAI.findall(new_space_form)

    profile_form = main_of(client.get(f"/learning-cities/{yala.code}/edit/"))
    assert "Mobilisation of resources" in profile_form and "Reaching vulnerable groups" in profile_form
    assert not THAI.search(team_text.sub("", profile_form)), THAI.findall(profile_form)
    too_long = client.post(
        f"/learning-cities/{yala.code}/edit/",
        {"name_th": yala.name_th, "name_en": "Yala", "version": "1", "motivation": "คำ " * 201},
    )
    assert too_long.status_code == 400 and "Longer than 200 words (201)" in too_long.content.decode()

    from learningcity.assessment import services as assessment_services

    assessment_services.self_assessment_start(user=yala_team, city=yala, year=2024)
    key_features = main_of(client.get(f"/learning-cities/{yala.code}/key-features/2024/"))
    assert "<h2>Major building blocks</h2>" in key_features
    assert "Strong political will and commitment" in key_features
    assert not THAI.search(team_text.sub("", key_features)), THAI.findall(key_features)
