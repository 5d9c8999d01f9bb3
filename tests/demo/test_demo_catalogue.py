"""The demo catalogue reproduces the field's figures (FACTS.md), recomputed by queries on it."""

import dataclasses
import datetime
from decimal import Decimal
from io import StringIO

import pytest
import shapely
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Min, Sum

from culturalmap.assets.models import Asset
from culturalmap.demo.assets import ARCHETYPE_COUNTS, WELL_KNOWN_ASSETS, asset_code_for
from culturalmap.demo.markets import LAMPANG_STIMULUS_RESIDUAL
from culturalmap.demo.models import DemoCatalogue
from culturalmap.demo.selectors import demo_is_current
from culturalmap.markets.models import CulturalCity, CulturalDistrict, CulturalMarket, MarketEvent, SalesEntry
from learningcity.models import LearningCity, LearningSpace

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]


def demo_assets():
    return Asset.objects.filter(ref__startswith="DEMO-")


def demo_codes(kind: str) -> list[str]:
    return DemoCatalogue.objects.get().codes[kind]


def counted_entries(**filters):
    """The ledger rule: an entry counts only while no other entry corrects it."""
    return SalesEntry.objects.filter(corrected_by__isnull=True, **filters)


def sales(**filters) -> Decimal:
    return counted_entries(**filters).aggregate(total=Sum("amount"))["total"]


def test_4800_published_assets_in_the_reported_archetype_counts():
    assert demo_assets().filter(status="published").count() == 4800
    per_archetype = dict(demo_assets().values_list("archetype").annotate(n=Count("id")).order_by())
    assert per_archetype == ARCHETYPE_COUNTS
    assert per_archetype["artefact"] == 204 and per_archetype["historic_site"] == 328
    assert per_archetype["cultural_space"] == 367 and per_archetype["folk_literature"] == 106
    assert per_archetype["architecture"] == 925
    assert len(per_archetype) == 11


def test_every_asset_lies_inside_the_province_it_names_and_all_77_provinces_have_some():
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT count(*) FILTER (WHERE NOT ST_Within(a.geom, p.geom)), count(DISTINCT p.id)
            FROM assets_asset a JOIN geodata_province p ON p.id = a.province_id
            WHERE a.ref LIKE 'DEMO-%%'""")
        outside, provinces = cursor.fetchone()
    assert outside == 0
    assert provinces == 77


def test_records_read_like_real_ones_in_both_languages():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GeometryType(geom), count(*) FROM assets_asset WHERE ref LIKE 'DEMO-%%' GROUP BY 1"
        )
        geometry_types = dict(cursor.fetchall())
    assert geometry_types["POLYGON"] > 100 and geometry_types["MULTIPOLYGON"] > 10
    assert not demo_assets().filter(name_th="").exists() and not demo_assets().filter(name_en="").exists()
    assert not demo_assets().filter(description_th="").exists()
    assert not demo_assets().filter(name_en__regex=r"^Asset \d+").exists()
    assert demo_assets().filter(name_th__startswith="วัด").count() > 100
    assert demo_assets().filter(period__contains="ทวารวดี").exists()
    assert demo_assets().filter(source__contains="ราชภัฏ").count() > 2000
    assert not demo_assets().filter(recorded_on__isnull=True).exists()
    assert demo_assets().filter(view_count__gt=0).count() > 4000
    # The tambon code starts with the province's own code.
    assert not demo_assets().exclude(tambon_code__regex=r"^\d{6}$").exists()
    with connection.cursor() as cursor:
        cursor.execute("""SELECT count(*) FROM assets_asset a JOIN geodata_province p ON p.id = a.province_id
                          WHERE a.ref LIKE 'DEMO-%%' AND left(a.tambon_code, 2) <> p.code""")
        assert cursor.fetchone()[0] == 0


def test_the_well_known_records_are_there_under_their_real_names():
    assert len(WELL_KNOWN_ASSETS) >= 60
    stored = {
        a.code: a
        for a in Asset.objects.filter(code__in=[w.code for w in WELL_KNOWN_ASSETS]).select_related("province")
    }
    for known in WELL_KNOWN_ASSETS:
        asset = stored[known.code]
        assert (asset.ref, asset.name_th, asset.name_en, asset.archetype, asset.province.code) == (
            known.ref,
            known.name_th,
            known.name_en,
            known.archetype,
            known.province,
        )
    lampang_luang = next(w for w in WELL_KNOWN_ASSETS if w.name_en == "Wat Phra That Lampang Luang")
    assert stored[lampang_luang.code].location.distance(Point(99.3886, 18.2176, srid=4326)) < 0.01


def test_about_five_percent_are_high_risk_mostly_sites_and_artefacts_each_with_a_reason():
    high = demo_assets().filter(risk="high")
    assert 0.04 * 4800 <= high.count() <= 0.06 * 4800
    assert high.filter(archetype__in=["historic_site", "artefact"]).count() > 0.8 * high.count()
    assert not high.filter(risk_reason="").exists()
    assert not demo_assets().exclude(risk="none").filter(risk_reason="").exists()
    assert demo_assets().filter(risk="medium").exists() and demo_assets().filter(risk="low").exists()


def test_four_cultural_cities_44_districts_in_16_provinces():
    cities = CulturalCity.objects.filter(code__in=demo_codes("city"))
    districts = CulturalDistrict.objects.filter(code__in=demo_codes("district"))
    assert cities.count() == 4
    assert set(cities.values_list("province__code", flat=True)) == {"52", "80", "57", "94"}
    assert districts.count() == 44
    assert districts.values("province").distinct().count() == 16
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM markets_culturaldistrict d JOIN geodata_province p ON p.id = d.province_id
            WHERE d.code = ANY(%s) AND NOT ST_Within(d.geom, p.geom)""",
            [demo_codes("district")],
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            """
            SELECT count(*) FROM markets_culturalmarket m
            JOIN markets_culturaldistrict d ON d.id = m.district_id
            WHERE m.code = ANY(%s) AND NOT ST_Within(m.location, d.geom)""",
            [demo_codes("market")],
        )
        assert cursor.fetchone()[0] == 0
    markets = CulturalMarket.objects.filter(code__in=demo_codes("market"))
    assert not markets.filter(organisers__isnull=False).exists()
    assert not districts.filter(markets__isnull=True).exists()


def test_thung_song_community_market_reproduces_the_report():
    market = CulturalMarket.objects.get(name_th="ตลาดชุมชนทางทุ่งสง")
    assert market.name_en == "Thung Song Community Market"
    assert market.province.code == "80" and market.district.name_en == "Thung Song district"
    events = MarketEvent.objects.filter(market=market)
    assert events.count() == 311
    assert events.aggregate(last=Max("held_on"))["last"] == datetime.date(2024, 9, 15)
    assert sales(event__market=market) == Decimal("164138385")
    assert market.registered_vendors == 231


def test_mueang_lampang_cultural_landscape_reproduces_the_report():
    markets = CulturalMarket.objects.filter(
        district__name_th="ย่านภูมิทัศน์วัฒนธรรมชุมชนเมืองลำปาง", province__code="52"
    )
    events = MarketEvent.objects.filter(market__in=markets)
    assert events.count() == 288
    span = events.aggregate(first=Min("held_on"), last=Max("held_on"))
    assert span == {"first": datetime.date(2022, 10, 11), "last": datetime.date(2024, 9, 29)}
    assert sales(event__market__in=markets, event__held_on=span["first"]) == Decimal("179077")
    assert sales(event__market__in=markets, event__held_on=span["last"]) == Decimal("593247")
    assert sales(event__market__in=markets) == Decimal("118738556")
    stimulus = sum(sales(event__market=m) * m.stimulus_multiplier for m in markets)
    assert abs(stimulus - Decimal("174426939")) < 1
    assert stimulus - Decimal("174426939") == LAMPANG_STIMULUS_RESIDUAL


def test_all_markets_together_1321_events_and_819902531_baht_2020_to_september_2024():
    markets = CulturalMarket.objects.filter(code__in=demo_codes("market"))
    events = MarketEvent.objects.filter(market__in=markets)
    assert events.count() == 1321
    assert sales(event__market__in=markets) == Decimal("819902531")
    span = events.aggregate(first=Min("held_on"), last=Max("held_on"))
    assert span["first"].year == 2020 and span["last"] <= datetime.date(2024, 9, 30)
    assert not events.filter(held_on__gt=datetime.date.today()).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM markets_marketevent e JOIN markets_culturalmarket m
                          ON m.id = e.market_id WHERE m.code = ANY(%s) AND e.held_on < m.opened_on""",
            [demo_codes("market")],
        )
        assert cursor.fetchone()[0] == 0


def test_the_ledger_holds_per_vendor_entries_and_corrections_that_the_totals_respect():
    entries = SalesEntry.objects.filter(event__market__code__in=demo_codes("market"))
    corrections = entries.filter(corrects__isnull=False)
    assert corrections.count() >= 5
    assert corrections.filter(corrects__corrects__isnull=False).exists()  # a corrected correction
    assert entries.exclude(vendor="").count() > 50
    # Counting every entry, corrections included, would give a wrong total: the rule matters.
    assert entries.aggregate(t=Sum("amount"))["t"] != Decimal("819902531")
    # Each event has visitors and vendors present, and never more vendors than are registered.
    events = MarketEvent.objects.filter(market__code__in=demo_codes("market"))
    assert not events.filter(visitors__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM markets_marketevent e JOIN markets_culturalmarket m
                          ON m.id = e.market_id WHERE m.code = ANY(%s)
                          AND e.vendors_present > m.registered_vendors""",
            [demo_codes("market")],
        )
        assert cursor.fetchone()[0] == 0


GNLC = {
    "Chiang Rai": 2019,
    "Chiang Mai": 2020,
    "Phuket": 2020,
    "Chachoengsao": 2020,
    "Sukhothai": 2022,
    "Phayao": 2022,
    "Hat Yai": 2022,
    "Bangkok": 2024,
    "Khon Kaen": 2024,
    "Yala": 2024,
}


def test_the_ten_thai_learning_cities_with_their_join_years():
    cities = LearningCity.objects.filter(code__in=demo_codes("learning_city"))
    assert dict(cities.values_list("name_en", "joined_year")) == GNLC
    approved = dict(cities.filter(approved_on__isnull=False).values_list("name_en", "approved_on"))
    assert approved == {"Yala": datetime.date(2024, 2, 14), "Khon Kaen": datetime.date(2024, 2, 14)}
    hat_yai = cities.get(name_en="Hat Yai")
    assert hat_yai.province.code == "90" and hat_yai.local_government_th == "เทศบาลนครหาดใหญ่"
    for city in cities:
        assert city.population and city.area_km2 and city.gdp_per_capita_country_usd and city.motivation
        assert all(1 <= r <= 5 for r in city.challenges.values())


def test_the_learning_spaces_the_report_names():
    spaces = LearningSpace.objects.filter(code__in=demo_codes("learning_space"))
    yala = spaces.filter(city__name_en="Yala")
    assert yala.filter(name_th="ตรอกสุ่ย", space_type="co_learning_space").exists()
    assert yala.filter(name_th="สะพานดำ", space_type="co_learning_space").exists()
    phayao = spaces.filter(city__name_en="Phayao")
    assert phayao.filter(space_type="learning_source").count() == 30
    routes = phayao.filter(space_type="learning_route")
    assert routes.count() == 2 and all(r.geom.geom_type == "LineString" for r in routes)
    assert phayao.aggregate(n=Sum("learners_per_year"))["n"] == 144663
    khon_kaen = spaces.filter(city__name_en="Khon Kaen")
    assert khon_kaen.filter(name_th__startswith="ถนนศรีจันทร์").exists()
    assert khon_kaen.filter(name_en__icontains="ancient dam").exists()
    assert khon_kaen.filter(name_en__icontains="provincial hall").exists()
    assert khon_kaen.filter(name_en__icontains="Living Museum").exists()
    assert all(n >= 3 for n in spaces.values("city").annotate(n=Count("id")).values_list("n", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM learningcity_learningspace s
            JOIN learningcity_learningcity c ON c.id = s.city_id
            JOIN geodata_province p ON p.id = c.province_id
            WHERE s.code = ANY(%s) AND NOT ST_Within(s.geom, p.geom)""",
            [demo_codes("learning_space")],
        )
        assert cursor.fetchone()[0] == 0


def test_the_generators_give_the_same_catalogue_every_time():
    from culturalmap.demo.assets import asset_rows
    from culturalmap.demo.learning import learning_catalogue
    from culturalmap.demo.markets import market_catalogue
    from culturalmap.demo.sampling import ProvinceSampler, TambonSampler
    from geodata.selectors import province_frame, tambon_frame

    def frozen(value):
        """Everything compared exactly: geometries by their WKB, specs field by field."""
        if isinstance(value, shapely.Geometry):
            return shapely.to_wkb(value)
        if dataclasses.is_dataclass(value):
            return {f.name: frozen(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {k: frozen(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [frozen(v) for v in value]
        return value

    first, second = ProvinceSampler(province_frame()), ProvinceSampler(province_frame())
    places = TambonSampler(tambon_frame(), first), TambonSampler(tambon_frame(), second)
    assert frozen(asset_rows(first, places[0])) == frozen(asset_rows(second, places[1]))
    assert frozen(market_catalogue(first, places[0])) == frozen(market_catalogue(second, places[1]))
    assert frozen(learning_catalogue(first, places[0])) == frozen(learning_catalogue(second, places[1]))
    # A record's code depends on its ref alone, and the stored records carry those codes.
    assert all(w.code == asset_code_for(w.ref) for w in WELL_KNOWN_ASSETS)
    stored = dict(demo_assets().values_list("ref", "code")[:200])
    assert all(code == asset_code_for(ref) for ref, code in stored.items())


def test_loading_again_skips_when_this_version_is_loaded():
    marker = DemoCatalogue.objects.get()
    before = (demo_assets().count(), MarketEvent.objects.count(), SalesEntry.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert demo_is_current()
    assert (demo_assets().count(), MarketEvent.objects.count(), SalesEntry.objects.count()) == before
    assert DemoCatalogue.objects.get().loaded_at == marker.loaded_at


def test_a_forced_rebuild_gives_back_the_same_records_and_leaves_other_records_alone():
    from django.db import IntegrityError, InternalError, transaction

    from tests.factories import AssetFactory, SalesEntryFactory

    own_asset = AssetFactory()
    own_entry = SalesEntryFactory()
    codes_before = {kind: sorted(codes) for kind, codes in DemoCatalogue.objects.get().codes.items()}
    ids_before = (
        sorted(demo_assets().values_list("id", flat=True)),
        sorted(CulturalMarket.objects.filter(code__in=demo_codes("market")).values_list("id", flat=True)),
    )

    out = StringIO()
    call_command("load_demo", "--force", stdout=out)

    assert "loaded" in out.getvalue()
    codes_after = {kind: sorted(codes) for kind, codes in DemoCatalogue.objects.get().codes.items()}
    assert codes_after == codes_before
    # Written over in place: the records keep their ids (and so their images, teams, organisers).
    assert ids_before == (
        sorted(demo_assets().values_list("id", flat=True)),
        sorted(CulturalMarket.objects.filter(code__in=demo_codes("market")).values_list("id", flat=True)),
    )
    assert demo_assets().count() == 4800
    assert sales(event__market__code__in=demo_codes("market")) == Decimal("819902531")
    assert Asset.objects.filter(pk=own_asset.pk).exists()
    assert SalesEntry.objects.filter(pk=own_entry.pk).exists()
    # The ledger's guard is back on once the rebuild is done.
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        SalesEntry.objects.filter(pk=own_entry.pk).delete()
