"""City teams in the admin: an account belongs to one city's team only."""

import pytest

from learningcity.admin import LearningCityAdminForm

pytestmark = pytest.mark.django_db


def admin_form(city, members):
    data = {
        "name_th": city.name_th,
        "name_en": city.name_en,
        "province": city.province_id,
        "joined_year": city.joined_year,
        "location": city.location.ewkt,
        "status": city.status,
        "challenges": "{}",
        "team_members": [m.pk for m in members],
    }
    return LearningCityAdminForm(data, instance=city)


def test_an_account_already_in_another_citys_team_is_refused(yala, phayao, phayao_team, yala_team):
    form = admin_form(yala, [yala_team, phayao_team])
    assert not form.is_valid()
    assert "phayao-team (พะเยา)" in str(form.errors["team_members"])
    assert admin_form(yala, [yala_team]).is_valid(), admin_form(yala, [yala_team]).errors


def test_the_admin_pages_open_and_keep_the_profile_read_only(client, yala, trok_sui):
    from .conftest import saved_user

    client.force_login(saved_user(username="root", is_staff=True, is_superuser=True))
    page = client.get(f"/admin/learningcity/learningcity/{yala.pk}/change/")
    assert page.status_code == 200
    assert 'name="team_members"' in page.content.decode()
    assert 'name="population"' not in page.content.decode()  # edited on the site, with its history
    assert client.get("/admin/learningcity/learningcity/add/").status_code == 200
    assert client.get(f"/admin/learningcity/learningspace/{trok_sui.pk}/change/").status_code == 200
    assert client.get("/admin/learningcity/learningrevision/").status_code == 200
