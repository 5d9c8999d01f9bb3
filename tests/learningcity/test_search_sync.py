"""The team's writes reach the search index once committed: a new space is found in Thai, a
retired one is gone (the guarded UPDATE sends no signal, so the service announces it)."""

import uuid

from culturalmap.search.index import rebuild
from learningcity import services
from tests.factories import LearningCityFactory, province

from .conftest import SAPHAN_DAM, saved_user


def search_codes(client, q: str) -> list[str]:
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return [hit["code"] for hit in response.json()["results"]]


def test_a_new_space_is_found_in_thai_and_a_retired_one_is_not(transactional_db, client, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    city = LearningCityFactory(name_th="เมืองยะลา", name_en="Yala", province=province("95"))
    member = saved_user(username=f"search-sync-{uuid.uuid4().hex[:8]}")
    city.team_members.add(member)
    rebuild()

    space = services.space_create(
        user=member,
        city=city,
        data={"name_th": "สะพานดำ", "space_type": "co_learning_space", "geom": SAPHAN_DAM.json},
    )
    assert space.code in search_codes(client, "สะพานดำ")

    services.space_update(user=member, space=space, version=1, data={"name_th": "ลานเรียนรู้สะพานดำ"})
    assert space.code in search_codes(client, "ลานเรียนรู้")

    services.space_retire(user=member, space=space, version=2)
    assert space.code not in search_codes(client, "สะพานดำ")
