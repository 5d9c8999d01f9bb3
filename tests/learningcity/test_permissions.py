"""The permission matrix: every write, on the pages and in the API, for anonymous visitors,
another city's team, the city's own team and a curator. A refused write changes nothing."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity import services
from learningcity.models import LearningRevision, LearningSpace, LearningSpaceImage

from .conftest import SAPHAN_DAM, jpeg_bytes

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "other_team", "city_team", "curator"]


@dataclass
class World:
    yala: object
    space: object
    image: object
    revision: object
    users: dict


@pytest.fixture
def world(yala, trok_sui, yala_team, phayao_team, curator):
    image = services.space_photo_add(
        user=yala_team,
        space=trok_sui,
        photo=SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"),
    )
    services.space_update(user=yala_team, space=trok_sui, version=1, data={"programmes": "วงเสวนา"})
    revision = LearningRevision.objects.filter(space=trok_sui).order_by("id").first()  # the baseline
    return World(
        yala=yala,
        space=trok_sui,
        image=image,
        revision=revision,
        users={"anonymous": None, "other_team": phayao_team, "city_team": yala_team, "curator": curator},
    )


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


def fresh(space):
    return LearningSpace.objects.get(pk=space.pk)


@dataclass
class Write:
    name: str
    send: Callable  # (client, world) -> response
    happened: Callable  # (world) -> bool: did the write take effect?
    allowed: tuple = ("city_team", "curator")


WRITES = [
    Write(
        "page: edit a space",
        lambda c, w: c.post(
            f"/learning-spaces/{w.space.code}/edit/",
            form_data(fresh(w.space), opening_hours="จ.–ศ. 10:00–16:00"),
        ),
        lambda w: fresh(w.space).opening_hours == "จ.–ศ. 10:00–16:00",
    ),
    Write(
        "page: create a space",
        lambda c, w: c.post(
            f"/learning-cities/{w.yala.code}/spaces/new/",
            form_data(fresh(w.space), name_th="สะพานดำ", geom=SAPHAN_DAM.json, version=""),
        ),
        lambda w: LearningSpace.objects.filter(name_th="สะพานดำ").exists(),
    ),
    Write(
        "page: retire a space",
        lambda c, w: c.post(f"/learning-spaces/{w.space.code}/retire/", {"version": fresh(w.space).version}),
        lambda w: fresh(w.space).status == "withdrawn",
    ),
    Write(
        "page: remove a photo",
        lambda c, w: c.post(f"/learning-spaces/{w.space.code}/photos/{w.image.pk}/remove/"),
        lambda w: not LearningSpaceImage.objects.filter(pk=w.image.pk).exists(),
    ),
    Write(
        "page: edit the profile",
        lambda c, w: c.post(
            f"/learning-cities/{w.yala.code}/edit/",
            {"name_th": "เมืองยะลา", "name_en": "Yala", "population": "61250", "version": "1"},
        ),
        lambda w: type(w.yala).objects.get(pk=w.yala.pk).population == 61250,
    ),
    Write(
        "page: start a self-assessment year",
        lambda c, w: c.post(f"/learning-cities/{w.yala.code}/key-features/", {"year": "2567"}),
        lambda w: w.yala.self_assessments.filter(year=2024).exists(),
    ),
    Write(
        "page: revert a revision",
        lambda c, w: c.post(f"/learning-revisions/{w.revision.pk}/revert/"),
        lambda w: fresh(w.space).programmes == "",
        allowed=("curator",),
    ),
    Write(
        "api: edit a space",
        lambda c, w: c.patch(
            f"/api/learning-spaces/{w.space.code}/",
            {"version": fresh(w.space).version, "contact": "073-000000"},
            content_type="application/json",
        ),
        lambda w: fresh(w.space).contact == "073-000000",
    ),
    Write(
        "api: create a space",
        lambda c, w: c.post(
            "/api/learning-spaces/",
            {
                "city": w.yala.code,
                "name_th": "สะพานดำ",
                "space_type": "co_learning_space",
                "geometry": json.loads(SAPHAN_DAM.json),
            },
            content_type="application/json",
        ),
        lambda w: LearningSpace.objects.filter(name_th="สะพานดำ").exists(),
    ),
    Write(
        "api: retire a space",
        lambda c, w: c.post(
            f"/api/learning-spaces/{w.space.code}/retire/",
            {"version": fresh(w.space).version},
            content_type="application/json",
        ),
        lambda w: fresh(w.space).status == "withdrawn",
    ),
    Write(
        "api: add a photo",
        lambda c, w: c.post(
            f"/api/learning-spaces/{w.space.code}/photos/",
            {"photo": SimpleUploadedFile("b.jpg", jpeg_bytes(), content_type="image/jpeg")},
        ),
        lambda w: w.space.images.count() == 2,
    ),
    Write(
        "api: edit the profile",
        lambda c, w: c.patch(
            f"/api/learning-cities/{w.yala.code}/",
            {"version": 1, "population": 61250},
            content_type="application/json",
        ),
        lambda w: type(w.yala).objects.get(pk=w.yala.pk).population == 61250,
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_permission_matrix(client, world, write, actor):
    user = world.users[actor]
    if user is not None:
        client.force_login(user)
    response = write.send(client, world)
    if actor in write.allowed:
        assert response.status_code in (200, 201, 302), response.content[:500]
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
        assert write.happened(world)
    else:
        if actor == "anonymous" and write.name.startswith("page"):
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == 403, response.content[:500]
        assert not write.happened(world)


@pytest.mark.parametrize(
    "path",
    [
        "/learning-spaces/{space}/edit/",
        "/learning-cities/{city}/edit/",
        "/learning-cities/{city}/spaces/new/",
        "/learning-cities/{city}/courses/new/",
        "/learning-cities/{city}/outcomes/new/",
        "/learning-cities/{city}/impact-history/",
        "/learning-spaces/{space}/history/",
        "/learning-cities/{city}/history/",
    ],
)
def test_another_citys_team_cannot_even_open_the_forms(client, world, path):
    client.force_login(world.users["other_team"])
    response = client.get(path.format(space=world.space.code, city=world.yala.code))
    assert response.status_code == 403
    client.force_login(world.users["city_team"])
    assert client.get(path.format(space=world.space.code, city=world.yala.code)).status_code == 200


def test_api_writes_need_the_csrf_token_with_a_session(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["city_team"])
    response = client.patch(
        f"/api/learning-spaces/{world.space.code}/",
        {"version": 2, "contact": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert fresh(world.space).contact == ""
