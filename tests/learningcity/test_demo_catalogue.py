"""The demo's ten GNLC cities and their spaces meet the rules a city team is held to, and show."""

import pytest

from learningcity import selectors, services
from learningcity.models import LearningCity, LearningSpace

pytestmark = pytest.mark.django_db


def test_every_demo_space_passes_the_team_geometry_rules(demo_catalogue):
    """What a team is held to when it draws a space: valid, the right shape, inside the city's stated
    area (or its province). A demo space outside it is one its team could not move by a metre."""
    spaces = LearningSpace.objects.select_related("city__province")
    assert spaces.exists()
    for space in spaces:
        services.check_space_geometry(city=space.city, space_type=space.space_type, geom=space.geom)


def test_the_ten_gnlc_cities_have_pages_with_their_spaces(demo_catalogue, client):
    cities = list(selectors.public_cities())
    assert len(cities) == 10
    for city in cities:
        response = client.get(city.get_absolute_url())
        assert response.status_code == 200
        for space in selectors.public_spaces(city=city)[:5]:
            assert space.name_th in response.content.decode()
    yala = LearningCity.objects.get(name_en__icontains="Yala")
    page = client.get(yala.get_absolute_url()).content.decode()
    assert "ตรอกสุ่ย" in page and "สะพานดำ" in page


def test_phayao_s_page_counts_the_report_s_144_663_learners(demo_catalogue, client):
    phayao = LearningCity.objects.get(name_en__icontains="Phayao")
    page = client.get(phayao.get_absolute_url()).content.decode()
    assert "ผู้เรียน 144,663 คนต่อปี จากพื้นที่การเรียนรู้ 32 แห่ง" in page


def test_the_api_lists_every_published_demo_space(demo_catalogue, client):
    features = client.get("/api/learning-spaces/").json()["features"]
    assert {f["id"] for f in features} == set(selectors.public_spaces().values_list("code", flat=True))


def test_each_city_team_can_correct_the_opening_hours_of_every_demo_space(demo_catalogue):
    from tests.factories import UserFactory

    for city in LearningCity.objects.all():
        member = UserFactory()
        city.team_members.add(member)
        for space in city.spaces.all():
            updated = services.space_update(
                user=member, space=space, version=space.version, data={"opening_hours": "ทุกวัน 09:00–17:00"}
            )
            assert updated.opening_hours == "ทุกวัน 09:00–17:00"
