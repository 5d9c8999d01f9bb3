"""The index follows PostGIS: committed changes show at once, rolled-back ones never."""

import threading

import pytest
from django.db import connection, transaction

from culturalmap.assets.models import Asset
from culturalmap.core.changes import records_changed
from culturalmap.search import index
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory, LearningSpaceFactory


def codes(q: str, **kwargs) -> list[str]:
    return [hit.code for hit in search_catalogue(q=q, **kwargs).results]


@pytest.fixture
def live_index(transactional_db, index_dir):
    """Real commits (each save commits; the test ends with a flush) and an index to sync."""
    index.rebuild()
    return index_dir


def test_a_committed_new_record_is_searchable_right_after_the_commit(live_index):
    with transaction.atomic():
        asset = AssetFactory(name_th="ปราสาทหินพนมรุ้ง", name_en="Phanom Rung")
        assert codes("พนมรุ้ง") == []  # not before the commit
    assert codes("พนมรุ้ง") == [asset.code]


def test_an_edit_is_searchable_under_the_new_name_and_not_the_old(live_index):
    asset = AssetFactory(name_th="ร่องขุ่น", name_en="Rong Khun")
    asset.name_th, asset.name_en = "ห้วยปลากั้ง", "Huai Pla Kang"
    asset.save()
    assert codes("ห้วยปลากั้ง") == [asset.code]
    assert codes("ร่องขุ่น") == []
    assert codes("Rong Khun") == []


def test_a_deleted_record_is_gone_from_search(live_index):
    space = LearningSpaceFactory(name_th="สะพานดำ", name_en="Saphan Dam")
    assert codes("สะพานดำ") == [space.code]
    space.delete()
    assert codes("สะพานดำ") == []


def test_a_rolled_back_transaction_leaves_no_trace_in_search(live_index):
    with pytest.raises(RuntimeError), transaction.atomic():
        AssetFactory(name_th="เวียงกุมกาม", name_en="Wiang Kum Kam")
        raise RuntimeError("the write fails after the save")
    assert codes("เวียงกุมกาม") == []
    assert codes("Wiang Kum Kam") == []
    assert not Asset.objects.exists()


def test_withdrawing_a_record_takes_it_out_of_search_and_publishing_puts_it_back(live_index):
    asset = AssetFactory(name_th="พระปรางค์สามยอด", name_en="Phra Prang Sam Yot")
    asset.status = "withdrawn"
    asset.save()
    assert codes("ปรางค์สามยอด") == []
    asset.status = "published"
    asset.save()
    assert codes("ปรางค์สามยอด") == [asset.code]


def test_a_bulk_write_announced_by_the_service_is_synced(live_index):
    first = AssetFactory(name_th="บ้านเสานัก", name_en="Ban Sao Nak")
    with transaction.atomic():
        Asset.objects.filter(pk=first.pk).update(name_th="บ้านเสาหลัก")  # no signal: bulk
        records_changed("asset", [first.pk])
    assert codes("เสาหลัก") == [first.code]


def test_a_change_before_any_index_exists_is_left_to_the_rebuild(transactional_db, index_dir):
    asset = AssetFactory(name_th="พระธาตุศรีสองรัก")  # the sync finds no index: no error
    assert not index_dir.exists()
    index.rebuild()
    assert codes("ศรีสองรัก") == [asset.code]


def test_two_writers_at_once_both_land_in_the_index(live_index):
    names = [[f"ผ้าทอมือบ้านนา{a}{i}" for i in range(8)] for a in ("ก", "ข")]
    errors = []
    start = threading.Barrier(2)

    def write(batch):
        try:
            start.wait()
            for name in batch:
                AssetFactory(name_th=name, name_en="")  # each save commits and syncs
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(batch,)) for batch in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    found = {hit.name_th for hit in search_catalogue(q="ผ้าทอมือ", page_size=100).results}
    assert found == {name for batch in names for name in batch}


def test_two_threads_updating_the_same_records_leave_the_latest_state(live_index):
    assets = AssetFactory.create_batch(5, archetype="craftsmanship")
    ids = [a.pk for a in assets]
    Asset.objects.filter(pk__in=ids).update(name_th="เครื่องเขินนันทาราม")
    errors = []

    def sync():
        try:
            index.update_records("asset", ids)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sync) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(codes("เครื่องเขินนันทาราม")) == sorted(a.code for a in assets)


def test_a_learning_city_set_to_draft_takes_its_spaces_out_of_search(live_index):
    space = LearningSpaceFactory(name_th="ลานเรียนรู้สะพานดำ", name_en="Saphan Dam yard")
    assert codes("สะพานดำ") == [space.code]
    city = space.city
    city.status = "draft"
    city.save()  # the space itself is untouched: the city's change reaches it
    assert codes("สะพานดำ") == []
    city.status = "published"
    city.save()
    assert codes("สะพานดำ") == [space.code]
