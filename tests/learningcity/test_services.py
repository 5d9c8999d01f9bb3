"""Learning-space and profile services: rules on geometry, team permissions, history, concurrency."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from learningcity import selectors, services
from learningcity.models import KeyFeatureAssessment, LearningRevision, LearningSpace, LearningSpaceImage
from tests.factories import YALA_STATION, LearningSpaceFactory, square_around

from .conftest import PATTANI_TOWN, SAPHAN_DAM, TROK_SUI_LANE, jpeg_bytes

pytestmark = pytest.mark.django_db


def space_data(**overrides):
    data = {
        "name_th": "สะพานดำ",
        "name_en": "Saphan Dam",
        "space_type": "co_learning_space",
        "geom": SAPHAN_DAM.json,
        "opening_hours": "ศ.–อา. 16:00–21:00",
        "audiences": ["youth", "elders"],
    }
    data.update(overrides)
    return data


def geom_error(excinfo) -> str:
    return " ".join(excinfo.value.message_dict["geom"])


# --- creating, and the geometry rules -------------------------------------------------------------


def test_the_city_team_creates_a_space_that_the_public_then_sees(yala, yala_team):
    space = services.space_create(user=yala_team, city=yala, data=space_data())
    assert space.city == yala and space.version == 1
    assert space.geom.equals_exact(SAPHAN_DAM, 1e-9)
    assert list(selectors.public_spaces(city=yala)) == [space]
    revision = LearningRevision.objects.get(space=space)
    assert revision.action == "create" and revision.author == yala_team
    assert revision.changes["name_th"] == [None, "สะพานดำ"]


def test_a_learning_route_is_a_line_of_two_or_more_points(yala, yala_team):
    route = services.space_create(
        user=yala_team,
        city=yala,
        data=space_data(name_th="เส้นทางตรอกสุ่ย", space_type="learning_route", geom=TROK_SUI_LANE.json),
    )
    assert route.geom.geom_type == "LineString" and route.geom.num_points == 3


@pytest.mark.parametrize(
    "geom",
    [
        '{"type": "LineString", "coordinates": [[101.283, 6.55]]}',
        '{"type": "LineString", "coordinates": [[101.283, 6.55], [101.283, 6.55]]}',
    ],
)
def test_a_route_with_one_point_is_refused_with_a_clear_message(yala, yala_team, geom):
    with pytest.raises(ValidationError) as info:
        services.space_create(
            user=yala_team, city=yala, data=space_data(space_type="learning_route", geom=geom)
        )
    assert "อย่างน้อย 2 จุด" in geom_error(info) and "at least 2" in geom_error(info)
    assert not LearningSpace.objects.exists()


def test_a_route_must_be_a_line_and_a_space_must_not_be(yala, yala_team):
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(space_type="learning_route"))
    assert "เส้น" in geom_error(info)
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(geom=TROK_SUI_LANE.json))
    assert "point or a polygon" in geom_error(info)


def test_an_invalid_polygon_is_refused(yala, yala_team):
    x, y = YALA_STATION.x, YALA_STATION.y
    bowtie = (
        f'{{"type": "Polygon", "coordinates": [[[{x}, {y}], [{x + 0.01}, {y + 0.01}], [{x + 0.01}, {y}],'
        f" [{x}, {y + 0.01}], [{x}, {y}]]]}}"
    )
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(geom=bowtie))
    assert "Self-intersection" in geom_error(info)


@pytest.mark.parametrize(
    "geom", ["not json {", '{"type": "Point"}', "", '{"type": "Triangle", "coordinates": []}']
)
def test_unreadable_geometry_is_refused(yala, yala_team, geom):
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(geom=geom))
    assert geom_error(info)


def test_a_gps_height_in_the_geometry_is_dropped_not_refused(yala, yala_team):
    with_height = f'{{"type": "Point", "coordinates": [{SAPHAN_DAM.x}, {SAPHAN_DAM.y}, 12.5]}}'
    space = services.space_create(user=yala_team, city=yala, data=space_data(geom=with_height))
    space.refresh_from_db()
    assert not space.geom.hasz and space.geom.coords == pytest.approx((SAPHAN_DAM.x, SAPHAN_DAM.y))


def test_a_geometry_outside_the_province_is_refused(yala, yala_team):
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(geom=PATTANI_TOWN.json))
    assert "นอกจังหวัดยะลา" in geom_error(info) and "outside Yala province" in geom_error(info)
    swapped = Point(SAPHAN_DAM.y, SAPHAN_DAM.x, srid=4326)  # latitude and longitude swapped
    with pytest.raises(ValidationError):
        services.space_create(user=yala_team, city=yala, data=space_data(geom=swapped.json))
    assert not LearningSpace.objects.exists()


def test_a_polygon_reaching_out_of_the_province_is_refused(yala, yala_team):
    reaching = square_around(Point(101.2830, 6.70, srid=4326), half_side=0.1)  # crosses into Pattani
    with pytest.raises(ValidationError):
        services.space_create(user=yala_team, city=yala, data=space_data(geom=reaching.json))


def test_a_city_with_a_stated_area_keeps_its_spaces_inside_it(yala, yala_team):
    yala.area = MultiPolygon(square_around(YALA_STATION, 0.01)[0], srid=4326)
    yala.save()
    inside = services.space_create(user=yala_team, city=yala, data=space_data())
    assert inside.pk
    elsewhere_in_yala = Point(101.2369, 6.1473, srid=4326)  # in the province, not the municipality
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(geom=elsewhere_in_yala.json))
    assert "พื้นที่ของเมืองยะลา" in geom_error(info)


def test_a_space_recorded_outside_a_later_drawn_area_stays_editable_but_cannot_move_out(yala, yala_team):
    elsewhere_in_yala = Point(101.2369, 6.1473, srid=4326)
    legacy = LearningSpaceFactory(city=yala, geom=elsewhere_in_yala)  # recorded before the area was drawn
    yala.area = MultiPolygon(square_around(YALA_STATION, 0.01)[0], srid=4326)
    yala.save()
    fixed = services.space_update(user=yala_team, space=legacy, version=1, data={"opening_hours": "ทุกวัน"})
    assert fixed.opening_hours == "ทุกวัน"
    with pytest.raises(ValidationError):
        services.space_update(
            user=yala_team, space=legacy, version=2, data={"geom": Point(101.24, 6.15).json}
        )
    moved_in = services.space_update(user=yala_team, space=legacy, version=2, data={"geom": SAPHAN_DAM.json})
    assert moved_in.version == 3


def test_unknown_audiences_and_types_are_refused(yala, yala_team):
    with pytest.raises(ValidationError) as info:
        services.space_create(user=yala_team, city=yala, data=space_data(audiences=["aliens"]))
    assert "audiences" in info.value.message_dict
    with pytest.raises(ValidationError):
        services.space_create(user=yala_team, city=yala, data=space_data(space_type="spaceport"))


# --- who may write -------------------------------------------------------------------------------


def test_another_citys_team_and_anonymous_may_not_write(yala, phayao_team, trok_sui, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    for outsider in (phayao_team, AnonymousUser(), django_user_model.objects.create(username="nobody")):
        with pytest.raises(PermissionDenied):
            services.space_create(user=outsider, city=yala, data=space_data())
        with pytest.raises(PermissionDenied):
            services.space_update(user=outsider, space=trok_sui, version=1, data={"name_th": "x"})
        with pytest.raises(PermissionDenied):
            services.space_retire(user=outsider, space=trok_sui, version=1)
        with pytest.raises(PermissionDenied):
            services.city_profile_update(user=outsider, city=yala, version=1, data={"population": 1})
    trok_sui.refresh_from_db()
    assert trok_sui.name_th == "ตรอกสุ่ย" and trok_sui.status == "published"
    assert LearningSpace.objects.count() == 1


def test_a_curator_may_write_for_any_city(phayao, curator):
    space = services.space_create(
        user=curator,
        city=phayao,
        data=space_data(name_th="กว๊านพะเยา", geom=Point(99.8900, 19.1700, srid=4326).json),
    )
    assert space.city == phayao


# --- editing, concurrency, retiring ---------------------------------------------------------------


def test_an_edit_bumps_the_version_and_records_what_changed(trok_sui, yala_team):
    updated = services.space_update(
        user=yala_team,
        space=trok_sui,
        version=1,
        data={"geom": SAPHAN_DAM.json, "opening_hours": "ทุกวัน 09:00–17:00"},
    )
    assert updated.version == 2
    assert updated.location.equals_exact(SAPHAN_DAM, 1e-9)  # the generated column follows
    revision = selectors.revisions_of_space(trok_sui).first()
    assert revision.version == 2 and revision.author == yala_team and revision.action == "update"
    assert set(revision.changes) == {"geom", "opening_hours"}
    assert revision.changes["opening_hours"] == ["ทุกวัน 08:00–18:00", "ทุกวัน 09:00–17:00"]
    # the state before history began is kept, so the first change can be undone
    baseline = selectors.revisions_of_space(trok_sui).last()
    assert baseline.action == "baseline" and baseline.version == 1
    assert baseline.snapshot["geom"]["coordinates"] == [YALA_STATION.x, YALA_STATION.y]


def test_an_edit_that_changes_nothing_keeps_the_version(trok_sui, yala_team):
    same = services.space_update(user=yala_team, space=trok_sui, version=1, data={"name_th": "ตรอกสุ่ย"})
    assert same.version == 1
    assert not LearningRevision.objects.filter(space=trok_sui).exists()


def test_a_stale_edit_is_refused_and_names_the_newer_version(trok_sui, yala_team, curator):
    services.space_update(user=curator, space=trok_sui, version=1, data={"name_th": "ตรอกสุ่ย (ใหม่)"})
    with pytest.raises(services.StaleEdit) as info:
        services.space_update(user=yala_team, space=trok_sui, version=1, data={"opening_hours": "ปิด"})
    assert info.value.current.version == 2
    assert info.value.current.name_th == "ตรอกสุ่ย (ใหม่)"
    assert "ฉบับที่ 2" in info.value.message
    trok_sui.refresh_from_db()
    assert trok_sui.opening_hours == "ทุกวัน 08:00–18:00"  # the stale edit changed nothing


def test_a_retired_space_leaves_the_public_but_keeps_its_history(trok_sui, yala_team):
    services.space_retire(user=yala_team, space=trok_sui, version=1)
    trok_sui.refresh_from_db()
    assert trok_sui.status == "withdrawn" and trok_sui.version == 2
    assert not selectors.public_spaces().filter(pk=trok_sui.pk).exists()
    assert selectors.revisions_of_space(trok_sui).first().action == "retire"


# --- history and revert ---------------------------------------------------------------------------


def test_a_curator_reverts_a_space_and_the_revert_is_a_new_revision(trok_sui, yala_team, curator):
    services.space_update(
        user=yala_team, space=trok_sui, version=1, data={"name_th": "ผิด", "geom": SAPHAN_DAM.json}
    )
    baseline = selectors.revisions_of_space(trok_sui).get(action="baseline")
    revert = services.revision_revert(user=curator, revision=baseline, version=2)
    trok_sui.refresh_from_db()
    assert trok_sui.name_th == "ตรอกสุ่ย" and trok_sui.geom.equals_exact(YALA_STATION, 1e-9)
    assert trok_sui.version == 3
    assert revert.action == "revert" and revert.reverts == baseline and revert.author == curator
    assert revert.changes["name_th"] == ["ผิด", "ตรอกสุ่ย"]
    assert LearningRevision.objects.filter(space=trok_sui).count() == 3  # nothing rewritten


def test_a_removed_photo_comes_back_with_a_revert_and_a_later_one_goes(
    trok_sui, yala_team, curator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    def photo(name):
        return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")

    kept = services.space_photo_add(user=yala_team, space=trok_sui, photo=photo("kept.jpg"))
    lost = services.space_photo_add(user=yala_team, space=trok_sui, photo=photo("lost.jpg"))
    with_both = selectors.latest_revision(city=trok_sui.city, space=trok_sui)
    services.space_photo_remove(user=yala_team, image=lost)
    later = services.space_photo_add(user=yala_team, space=trok_sui, photo=photo("later.jpg"))
    assert list(trok_sui.images.all()) == [kept, later]
    assert selectors.space_image_for_viewer(code=trok_sui.code, image_id=kept.pk, user=None)
    with pytest.raises(Http404):  # a removed photo is not shown, though its file is kept
        selectors.space_image_for_viewer(code=trok_sui.code, image_id=lost.pk, user=None)

    revert = services.revision_revert(user=curator, revision=with_both)
    assert list(trok_sui.images.all()) == [kept, lost]
    assert selectors.space_image_for_viewer(code=trok_sui.code, image_id=lost.pk, user=None).image.size > 0
    names = [kept.image.name, later.image.name], [kept.image.name, lost.image.name]
    assert revert.changes["photos"] == list(map(list, names))


def test_only_a_curator_may_revert(trok_sui, yala_team):
    services.space_update(user=yala_team, space=trok_sui, version=1, data={"name_th": "ผิด"})
    baseline = selectors.revisions_of_space(trok_sui).get(action="baseline")
    with pytest.raises(PermissionDenied):
        services.revision_revert(user=yala_team, revision=baseline)


def test_a_revert_from_a_stale_history_page_is_refused(trok_sui, yala_team, curator):
    services.space_update(user=yala_team, space=trok_sui, version=1, data={"name_th": "ก"})
    services.space_update(user=yala_team, space=trok_sui, version=2, data={"name_th": "ข"})
    baseline = selectors.revisions_of_space(trok_sui).get(action="baseline")
    with pytest.raises(services.StaleEdit):
        services.revision_revert(user=curator, revision=baseline, version=2)


def test_the_profile_has_history_and_revert(yala, yala_team, curator):
    services.city_profile_update(
        user=yala_team,
        city=yala,
        version=1,
        data={"population": 60_000, "challenges": {"political_will": 4}},
    )
    yala.refresh_from_db()
    assert yala.version == 2 and yala.population == 60_000 and yala.challenges == {"political_will": 4}
    latest = selectors.revisions_of_profile(yala).first()
    assert latest.changes["population"] == [None, 60_000] and latest.author == yala_team

    baseline = selectors.revisions_of_profile(yala).get(action="baseline")
    services.revision_revert(user=curator, revision=baseline, version=2)
    yala.refresh_from_db()
    assert yala.population is None and yala.challenges == {} and yala.version == 3


def test_reverting_a_profile_revision_from_before_yearly_assessments_leaves_the_ratings_alone(
    yala, yala_team, curator
):
    """Profile revisions saved when the Key Features were part of the profile carry them in their
    snapshot; a revert restores the profile only (the ratings live in a yearly self-assessment)."""
    from learningcity.assessment import services as assessment_services

    services.city_profile_update(user=yala_team, city=yala, version=1, data={"population": 60_000})
    old = selectors.revisions_of_profile(yala).get(action="baseline")
    old.snapshot["key_features"] = {"political_will": {"rating": 2, "note": ""}}
    old.save()
    year = assessment_services.self_assessment_start(user=yala_team, city=yala, year=2024)
    assessment_services.self_assessment_save(
        user=yala_team, assessment=year, version=1, ratings={"political_will": {"rating": 4, "note": "มติสภา"}}
    )
    services.revision_revert(user=curator, revision=old, version=2)
    yala.refresh_from_db()
    assert yala.population is None
    assert KeyFeatureAssessment.objects.get(assessment=year, feature="political_will").rating == 4


def test_challenges_are_stored_by_code_a_thai_name_read_as_its_code(yala, yala_team):
    # Profiles saved before challenges had codes (and the demo catalogue) name them in Thai.
    services.city_profile_update(
        user=yala_team,
        city=yala,
        version=1,
        data={"challenges": {"การระดมทรัพยากร": 4, " data_and_monitoring ": 2}},
    )
    yala.refresh_from_db()
    assert yala.challenges == {"mobilisation_of_resources": 4, "data_and_monitoring": 2}
    rows = selectors.challenge_rows(yala.challenges)
    assert [(row["challenge"], row["name_en"], row["rating"]) for row in rows] == [
        ("mobilisation_of_resources", "Mobilisation of resources", 4),
        ("data_and_monitoring", "Data and monitoring", 2),
    ]
    # A name typed before codes, not on the list, is still shown (last, as typed), not lost.
    rows = selectors.challenge_rows({"งบประมาณ": 5, "การระดมทรัพยากร": 3})
    assert [(row["challenge"], row["name_th"], row["name_en"], row["rating"]) for row in rows] == [
        ("mobilisation_of_resources", "การระดมทรัพยากร", "Mobilisation of resources", 3),
        ("งบประมาณ", "งบประมาณ", "", 5),
    ]


def test_a_stale_profile_edit_is_refused(yala, yala_team, curator):
    services.city_profile_update(user=curator, city=yala, version=1, data={"mayor": "นายกฯ"})
    with pytest.raises(services.StaleEdit):
        services.city_profile_update(user=yala_team, city=yala, version=1, data={"population": 5})
    yala.refresh_from_db()
    assert yala.population is None and yala.mayor == "นายกฯ"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"challenges": {"political_will": 7}}, "challenges"),
        ({"challenges": {"political_will": "สูง"}}, "challenges"),
        ({"challenges": {"งบประมาณ": 3}}, "challenges"),  # not a listed challenge: no code to keep
        ({"challenges": ["political_will"]}, "challenges"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"motivation": "คำ " * 201}, "motivation"),
    ],
)
def test_bad_profile_input_is_refused_with_the_field_named(yala, yala_team, data, field):
    with pytest.raises(ValidationError) as info:
        services.city_profile_update(user=yala_team, city=yala, version=1, data=data)
    assert field in info.value.message_dict
    yala.refresh_from_db()
    assert yala.version == 1 and not LearningRevision.objects.filter(city=yala).exists()


# --- photos ---------------------------------------------------------------------------------------


def test_a_photo_is_processed_stored_and_recorded(trok_sui, yala_team):
    photo = SimpleUploadedFile("IMG_0001.JPG", jpeg_bytes(1200, 800), content_type="image/jpeg")
    image = services.space_photo_add(user=yala_team, space=trok_sui, photo=photo, caption_th="ทางเข้าตรอก")
    assert (image.width, image.height) == (1200, 800)
    assert image.image.storage.exists(image.image.name) and image.thumbnail.storage.exists(
        image.thumbnail.name
    )
    revision = selectors.revisions_of_space(trok_sui).first()
    assert revision.action == "photo_added" and revision.changes["photos"][1] == [image.image.name]


def test_a_bad_upload_stores_nothing_and_keeps_the_edit_unapplied(trok_sui, yala_team):
    junk = SimpleUploadedFile("photo.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.space_update(user=yala_team, space=trok_sui, version=1, data={"name_th": "ใหม่"}, photo=junk)
    trok_sui.refresh_from_db()
    assert trok_sui.name_th == "ตรอกสุ่ย" and trok_sui.version == 1
    assert not LearningSpaceImage.objects.exists()


def test_another_team_may_not_add_or_remove_photos(trok_sui, yala_team, phayao_team):
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    with pytest.raises(PermissionDenied):
        services.space_photo_add(user=phayao_team, space=trok_sui, photo=photo)
    image = services.space_photo_add(
        user=yala_team,
        space=trok_sui,
        photo=SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"),
    )
    with pytest.raises(PermissionDenied):
        services.space_photo_remove(user=phayao_team, image=image)
    services.space_photo_remove(user=yala_team, image=image)
    assert not LearningSpaceImage.objects.exists()
