"""The Key Features self-assessment as a workflow: a team rates with evidence (text, links, photos
through the image pipeline), submits; a curator approves or sends it back; the public sees approved
years only, compared year by year; a feature not rated reads "not yet assessed"."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from culturalmap.core.exceptions import Conflict
from learningcity.assessment import services
from learningcity.assessment.models import KeyFeatureEvidencePhoto, SelfAssessment
from learningcity.courses.models import RecordRevision
from learningcity.models import KeyFeatureAssessment

from .conftest import approved_assessment, jpeg_bytes

pytestmark = pytest.mark.django_db

JSON = "application/json"


def photo(name="evidence.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def test_the_workflow_from_draft_to_approved_with_history(yala, yala_team, curator):
    year = services.self_assessment_start(user=yala_team, city=yala, year=2024)
    assert year.status == "draft" and year.is_open
    year = services.self_assessment_save(
        user=yala_team,
        assessment=year,
        version=1,
        ratings={
            "political_will": {"rating": 4, "note": "มติสภาเทศบาล", "links": ["https://yalacity.go.th/plan"]},
            "workplace": {"rating": 3},
        },
    )
    with pytest.raises(ValidationError) as info:  # a rating with no evidence is not submitted
        services.self_assessment_submit(user=yala_team, assessment=year, version=year.version)
    assert list(info.value.message_dict) == ["ratings.workplace.note"]
    services.key_feature_photo_add(user=yala_team, assessment=year, feature="workplace", photo=photo())
    year = services.self_assessment_submit(user=yala_team, assessment=year, version=year.version)
    assert year.status == "submitted" and year.submitted_by == yala_team
    with pytest.raises(Conflict):  # locked while a curator reviews it
        services.self_assessment_save(user=yala_team, assessment=year, version=year.version, ratings={})
    with pytest.raises(PermissionDenied):
        services.self_assessment_review(user=yala_team, assessment=year, version=year.version, approve=True)
    with pytest.raises(ValidationError) as info:
        services.self_assessment_review(user=curator, assessment=year, version=year.version, approve=False)
    assert "comment" in info.value.message_dict  # sending back says why
    year = services.self_assessment_review(
        user=curator, assessment=year, version=year.version, approve=False, comment="เพิ่มหลักฐานเจตจำนง"
    )
    assert year.status == "returned" and year.review_comment == "เพิ่มหลักฐานเจตจำนง"
    year = services.self_assessment_submit(user=yala_team, assessment=year, version=year.version)
    year = services.self_assessment_review(user=curator, assessment=year, version=year.version, approve=True)
    assert year.status == "approved" and year.reviewed_by == curator
    actions = list(
        RecordRevision.objects.filter(kind="assessment", record_id=year.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "photo_added", "submit", "return", "submit", "approve"]
    update = RecordRevision.objects.get(kind="assessment", record_id=year.pk, action="update")
    assert update.changes["key_features.political_will"][1]["rating"] == 4


@pytest.mark.parametrize(
    ("ratings", "field"),
    [
        ({"political_will": {"rating": 6}}, "ratings.political_will.rating"),
        ({"political_will": {"rating": 0}}, "ratings.political_will.rating"),
        ({"political_will": {"rating": "สูง"}}, "ratings.political_will.rating"),
        ({"political_will": {"rating": True}}, "ratings.political_will.rating"),
        ({"world_peace": {"rating": 3}}, "ratings.world_peace"),
        ({"political_will": {"links": ["javascript:alert(1)"]}}, "ratings.political_will.links"),
        ({"political_will": {"stars": 3}}, "ratings.political_will.stars"),
    ],
)
def test_a_rating_outside_one_to_five_is_refused_naming_the_feature(yala, yala_team, ratings, field):
    year = services.self_assessment_start(user=yala_team, city=yala, year=2024)
    services.self_assessment_save(
        user=yala_team, assessment=year, version=1, ratings={"political_will": {"rating": 3, "note": "เดิม"}}
    )
    with pytest.raises(ValidationError) as info:
        services.self_assessment_save(user=yala_team, assessment=year, version=2, ratings=ratings)
    assert field in info.value.message_dict
    kept = KeyFeatureAssessment.objects.get(assessment=year, feature="political_will")
    assert (kept.rating, kept.note) == (3, "เดิม")  # nothing stored is lost


def test_years_are_unique_and_plausible(yala, yala_team, phayao_team):
    services.self_assessment_start(user=yala_team, city=yala, year=2024)
    for year in (2024, 1999, 2200):
        with pytest.raises(ValidationError) as info:
            services.self_assessment_start(user=yala_team, city=yala, year=year)
        assert "year" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.self_assessment_start(user=phayao_team, city=yala, year=2023)
    assert SelfAssessment.objects.count() == 1


def test_evidence_photos_go_through_the_image_pipeline(yala, yala_team):
    year = services.self_assessment_start(user=yala_team, city=yala, year=2024)
    with pytest.raises(ValidationError):
        services.key_feature_photo_add(
            user=yala_team,
            assessment=year,
            feature="workplace",
            photo=SimpleUploadedFile("x.gif", b"GIF89a not an image", content_type="image/gif"),
        )
    assert not KeyFeatureEvidencePhoto.objects.exists()
    big = SimpleUploadedFile("big.jpg", jpeg_bytes(1600, 1200), content_type="image/jpeg")
    stored = services.key_feature_photo_add(user=yala_team, assessment=year, feature="workplace", photo=big)
    assert (stored.width, stored.height) == (1600, 1200)
    with Image.open(stored.thumbnail.path) as thumb:
        assert max(thumb.size) == 400 and "exif" not in thumb.info


def test_the_public_sees_approved_years_compared_and_not_yet_assessed_for_the_rest(
    client, yala, yala_team, curator
):
    approved_assessment(
        yala, yala_team, curator, year=2023, ratings={"political_will": {"rating": 2, "note": "แผนเทศบาล"}}
    )
    approved_assessment(
        yala,
        yala_team,
        curator,
        year=2024,
        ratings={
            "political_will": {"rating": 4, "note": "มติสภาเทศบาล"},
            "workplace": {"rating": 3, "note": "ปักผ้าฉลุลาย"},
        },
    )
    draft = services.self_assessment_start(user=yala_team, city=yala, year=2025)
    services.self_assessment_save(
        user=yala_team, assessment=draft, version=1, ratings={"workplace": {"rating": 5}}
    )

    page = client.get(f"/learning-cities/{yala.code}/key-features/").content.decode()
    assert "2566" in page and "2567" in page and "2568" not in page  # the draft stays with the team
    assert '(<span class="lc-change up">(+2)</span>' not in page and 'class="lc-change up">(+2)' in page
    assert page.count("ยังไม่ได้ประเมิน") == 10 + 11  # 2023 rated one feature, 2024 two
    city_page = client.get(yala.get_absolute_url()).content.decode()
    assert "ปีที่ประเมิน 2567" in city_page and "มติสภาเทศบาล" in city_page
    assert city_page.count("ยังไม่ได้ประเมิน") == 10
    assert client.get(f"/learning-cities/{yala.code}/key-features/2025/").status_code == 404
    client.force_login(yala_team)
    team_page = client.get(f"/learning-cities/{yala.code}/key-features/").content.decode()
    assert "2568" in team_page


def test_a_city_with_no_assessment_reads_not_yet_assessed_not_dashes(client, yala):
    page = client.get(yala.get_absolute_url()).content.decode()
    section = page.split('id="key-features"')[1].split("</section>")[0]
    assert section.count("ยังไม่ได้ประเมิน") == 12 and "—" not in section


def test_the_team_rates_on_the_page_and_a_bad_rating_is_a_form_error(client, yala, yala_team):
    year = services.self_assessment_start(user=yala_team, city=yala, year=2024)
    client.force_login(yala_team)
    url = f"/learning-cities/{yala.code}/key-features/2024/"
    bad = client.post(url, {"version": "1", "rating_political_will": "7", "note_political_will": "มติสภา"})
    assert bad.status_code == 400 and "มติสภา" in bad.content.decode()  # what was typed is kept
    bad = client.post(url, {"version": "1", "links_workplace": "not a link", "note_workplace": "ปักผ้า"})
    assert bad.status_code == 400 and "not an http(s) link" in bad.content.decode()
    good = client.post(
        url,
        {
            "version": "1",
            "rating_political_will": "4",
            "note_political_will": "มติสภา",
            "links_political_will": "https://yalacity.go.th/a\nhttps://yalacity.go.th/b",
        },
    )
    assert good.status_code == 302
    rating = KeyFeatureAssessment.objects.get(assessment=year, feature="political_will")
    assert rating.rating == 4 and rating.links == ["https://yalacity.go.th/a", "https://yalacity.go.th/b"]
    response = client.post(
        f"{url}photos/", {"feature": "political_will", "photo": photo(), "caption": "ประชุมสภา"}, follow=True
    )
    assert "เพิ่มรูปหลักฐานแล้ว" in response.content.decode()
    evidence = KeyFeatureEvidencePhoto.objects.get()
    assert client.get(evidence.get_thumbnail_url())["Cache-Control"].startswith("private")
    client.logout()
    assert client.get(evidence.get_absolute_url()).status_code == 404  # a draft's evidence is not public


def test_the_assessment_api_answers_the_workflow(client, yala, yala_team, curator):
    client.force_login(yala_team)
    base = f"/api/learning-cities/{yala.code}/assessments/"
    assert client.post(base, {"year": 2024}, content_type=JSON).status_code == 201
    bad = client.patch(
        f"{base}2024/", {"version": 1, "ratings": {"workplace": {"rating": 9}}}, content_type=JSON
    )
    assert bad.status_code == 400 and "must be rated 1–5" in bad.json()["ratings.workplace.rating"][0]
    wrong = client.patch(
        f"{base}2024/", {"version": 1, "ratings": {"world_peace": {"rating": 3}}}, content_type=JSON
    )
    assert wrong.status_code == 400 and "ratings.world_peace" in wrong.json()
    saved = client.patch(
        f"{base}2024/",
        {"version": 1, "ratings": {"workplace": {"rating": 3, "note": "ปักผ้าฉลุลาย"}}},
        content_type=JSON,
    )
    assert saved.status_code == 200 and saved.json()["version"] == 2
    workplace = next(r for r in saved.json()["ratings"] if r["feature"] == "workplace")
    assert workplace["rating"] == 3 and len(saved.json()["ratings"]) == 12
    stale = client.patch(
        f"{base}2024/", {"version": 1, "ratings": {"workplace": {"rating": 2}}}, content_type=JSON
    )
    assert stale.status_code == 409 and stale.json()["version"] == 2
    assert client.post(f"{base}2024/submit/", {"version": 2}, content_type=JSON).status_code == 200
    locked = client.patch(
        f"{base}2024/", {"version": 3, "ratings": {"workplace": {"rating": 1}}}, content_type=JSON
    )
    assert locked.status_code == 409 and locked.json()["code"] == "locked"
    review = client.post(f"{base}2024/review/", {"version": 3, "decision": "approve"}, content_type=JSON)
    assert review.status_code == 403
    client.force_login(curator)
    review = client.post(f"{base}2024/review/", {"version": 3, "decision": "approve"}, content_type=JSON)
    assert review.status_code == 200 and review.json()["status"] == "approved"
    client.logout()
    public = client.get(base).json()
    assert [a["year"] for a in public] == [2024]
