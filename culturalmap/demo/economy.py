# ruff: noqa: E501  (tables of Thai/English strings: one record per line reads best)
"""The demo's cultural economy beyond the nightly ledger: Thung Song's vendor register, festivals,
impact surveys, the SROI study, the reports' figures with their dates, products and enterprises.

From the reports (FACTS.md), exactly: Mueang Lampang's community economic stimulus of 174,426,939 baht
of which 118,738,556 direct sales (two fiscal years' surveys whose measured parts add up to it; each
year's direct sales are that year's ledger); Thung Song's 231 vendors, all local; Chiang Rai
"Landscape of Legends" SROI 1 : 3.96; the Rajabhat network's festivals in 18 districts; 420 cultural
products; 196 university products and services; 1,031 university-strand entrepreneurs; 368
entrepreneurs whose income rose 15 %. INVENTED for the demo: how the stimulus splits between the
production chain and employment income, the household shares, the SROI's inputs (the report gives
only the ratio), every festival's dates, sales and visitors, every product's and enterprise's name,
price and place. Deterministic: seeded, no clock.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection

from culturalmap.core.codes import new_code
from culturalmap.economy.models import CulturalEnterprise, CulturalProduct
from culturalmap.markets.models import (
    CulturalCity,
    CulturalDistrict,
    CulturalMarket,
    EventSales,
    ImpactSurvey,
    MarketEvent,
    ReportedFigure,
    SalesEntry,
    SocialReturn,
    Vendor,
    VendorAlias,
    VendorMerge,
)
from culturalmap.markets.vendors import vendor_key
from geodata.models import Province

from .markets import LAMPANG, MarketCatalogue, _point_in
from .shares import split_exactly

SEED = "culturalmap-demo-economy-v1"
REPORT_2567 = "รายงานประจำปี 2567 แผนงานทุนวัฒนธรรม"
OVERVIEW_2563_2566 = "ภาพรวมแผนงานทุนวัฒนธรรม 2563–2566"
D = datetime.date
FY2566 = (D(2022, 10, 1), D(2023, 9, 30))
FY2567 = (D(2023, 10, 1), D(2024, 9, 30))

# (code, scope (None | "market:<key>" | "district:<key>"), label th, label en, value, unit th, unit en, more than, as of, source)
FIGURES = [
    (
        "market-events",
        None,
        "งานตลาดวัฒนธรรมที่จัด (2563 – ก.ย. 2567)",
        "Market events held (2020 – Sep 2024)",
        1321,
        "ครั้ง",
        "events",
        True,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "market-revenue",
        None,
        "รายได้จากตลาดวัฒนธรรม (2563 – ก.ย. 2567)",
        "Market revenue (2020 – Sep 2024)",
        819902531,
        "บาท",
        "baht",
        True,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "cultural-products",
        None,
        "ผลิตภัณฑ์วัฒนธรรม",
        "Cultural products",
        420,
        "รายการ",
        "products",
        False,
        D(2023, 9, 30),
        OVERVIEW_2563_2566,
    ),
    (
        "university-products-services",
        None,
        "ผลิตภัณฑ์และบริการ (สายมหาวิทยาลัย)",
        "Products and services (university strand)",
        196,
        "รายการ",
        "items",
        False,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "creative-products-services",
        None,
        "ผลิตภัณฑ์และบริการทางวัฒนธรรม (เศรษฐกิจสร้างสรรค์)",
        "Cultural products and services (creative economy)",
        1900,
        "รายการ",
        "items",
        True,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "university-entrepreneurs",
        None,
        "ผู้ประกอบการวัฒนธรรม (สายมหาวิทยาลัย)",
        "Cultural entrepreneurs (university strand)",
        1031,
        "ราย",
        "entrepreneurs",
        False,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "cultural-entrepreneurs",
        None,
        "ผู้ประกอบการวัฒนธรรม (2563–2566)",
        "Cultural entrepreneurs (2020–2023)",
        6000,
        "ราย",
        "entrepreneurs",
        True,
        D(2023, 9, 30),
        OVERVIEW_2563_2566,
    ),
    (
        "entrepreneurs-income-rose",
        None,
        "ผู้ประกอบการวัฒนธรรมที่รายได้เพิ่มขึ้นร้อยละ 15",
        "Cultural entrepreneurs whose income rose 15 %",
        368,
        "ราย",
        "entrepreneurs",
        False,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "rajabhat-festival-districts",
        None,
        "ย่านที่เครือข่ายมหาวิทยาลัยราชภัฏจัดงานเทศกาล",
        "Districts where the Rajabhat network runs festivals",
        18,
        "ย่าน",
        "districts",
        False,
        D(2024, 9, 30),
        REPORT_2567,
    ),
    (
        "thung-song-events",
        "market:thung-song-1",
        "งานที่จัดแล้ว",
        "Events held",
        311,
        "ครั้ง",
        "events",
        False,
        D(2024, 9, 15),
        REPORT_2567,
    ),
    (
        "thung-song-vendors",
        "market:thung-song-1",
        "ผู้ค้า (คนในพื้นที่ทั้งหมด ภายใต้กติกาชุมชน)",
        "Vendors (all local, under shared community rules)",
        231,
        "ราย",
        "vendors",
        True,
        D(2024, 9, 15),
        REPORT_2567,
    ),
    (
        "thung-song-revenue",
        "market:thung-song-1",
        "รายได้",
        "Revenue",
        164138385,
        "บาท",
        "baht",
        True,
        D(2024, 9, 15),
        REPORT_2567,
    ),
    (
        "lampang-events",
        "district:lampang-landscape",
        "งานที่จัดแล้ว",
        "Events held",
        288,
        "ครั้ง",
        "events",
        False,
        D(2024, 10, 1),
        REPORT_2567,
    ),
    (
        "lampang-stimulus",
        "district:lampang-landscape",
        "มูลค่ากระตุ้นเศรษฐกิจชุมชน",
        "Community economic stimulus",
        174426939,
        "บาท",
        "baht",
        False,
        D(2024, 10, 1),
        REPORT_2567,
    ),
    (
        "lampang-direct-sales",
        "district:lampang-landscape",
        "ยอดขายโดยตรงของผู้ค้า",
        "Direct sales by vendors",
        118738556,
        "บาท",
        "baht",
        False,
        D(2024, 10, 1),
        REPORT_2567,
    ),
]

# The Rajabhat network's festivals: one district each (18), three days, in 2024.
NETWORK = "เครือข่ายมหาวิทยาลัยราชภัฏ"
NETWORK_DISTRICTS = [
    "ban-luk",
    "ko-kha",
    "chae-hom",
    "khiri-wong",
    "pak-phanang",
    "wiang-kalong",
    "chiang-saen",
    "anoru",
    "yaring",
    "thung-hong",
    "nan-old",
    "hat-siao",
    "chonnabot",
    "pa-ao",
    "ban-mo",
    "reed-mat",
    "ban-lat",
    "songkhla-old",
]
FESTIVAL_WORDS = [
    ("งานบุญประเพณี", "Merit-making festival"),
    ("เทศกาลของดี", "Local goods festival"),
    ("งานแห่เทียนพรรษา", "Candle procession"),
    ("งานลอยกระทง", "Loy Krathong"),
    ("เทศกาลผ้าทอ", "Weaving festival"),
    ("งานสงกรานต์", "Songkran"),
]
# Festivals a district's own community holds (not the network's), with the annual festival manager.
COMMUNITY_FESTIVALS = [
    (
        "thung-song",
        "งานเทศกาลของดีทุ่งสง",
        "Thung Song local goods festival",
        D(2024, 4, 12),
        3,
        "นางสาวพรทิพย์ ศรีสุข",
    ),
    (
        "tha-wang",
        "งานประเพณีสารทเดือนสิบ ท่าวัง",
        "Tenth-month festival, Tha Wang",
        D(2023, 10, 13),
        3,
        "นายสมชาย ทองคำ",
    ),
    ("wua-lai", "งานยี่เป็งวัวลาย", "Yi Peng at Wua Lai", D(2023, 11, 26), 3, "นางบัวผัน อินทร์แก้ว"),
]

# Lampang's two surveys: the share of the stimulus above direct sales that is the production chain.
CHAIN_SHARE = Decimal("0.62")
SPENDING_2566 = {
    "education": "31.5",
    "health": "17.0",
    "debt": "29.0",
    "daily_living": "13.5",
    "savings": "5.0",
    "business": "4.0",
}
SPENDING_2567 = {
    "education": "33.0",
    "health": "18.5",
    "debt": "25.5",
    "daily_living": "12.0",
    "savings": "6.5",
    "business": "4.5",
}

SROI = {
    "city": "chiangrai",
    "project_th": "เชียงราย ภูมิทัศน์แห่งตำนาน",
    "project_en": "Chiang Rai: Landscape of Legends",
    "investment": "2500000.00",
    "outcomes": [
        ("รายได้ที่เพิ่มขึ้นของผู้ค้าและชุมชน", "Added income of vendors and the community", "5200000.00"),
        ("การเรียนรู้และความภาคภูมิใจในตำนานท้องถิ่น", "Learning and pride in local legends", "2650000.00"),
        ("การท่องเที่ยวชุมชนที่เพิ่มขึ้น", "More community tourism", "2050000.00"),
    ],
    "as_of": D(2024, 9, 30),
    "source": f"{REPORT_2567} (อัตราส่วน 1 : 3.96; ตัวเลขประกอบในตัวอย่างนี้สมมุติ)",
}

# Products: (category, kind, Thai name templates, English, price range)
PRODUCT_TYPES = [
    ("textiles", "product", "ผ้าทอมือลาย{w}", "Hand-woven cloth, {e} pattern", (450, 3500)),
    ("textiles", "product", "ผ้าย้อมคราม{w}", "Indigo-dyed cloth, {e}", (350, 2200)),
    ("food", "product", "ขนม{w}", "{e} sweets", (40, 180)),
    ("food", "product", "น้ำพริก{w}", "{e} chilli paste", (60, 150)),
    ("crafts", "product", "เครื่องจักสาน{w}", "{e} basketry", (150, 1200)),
    ("ceramics", "product", "เครื่องปั้นดินเผา{w}", "{e} pottery", (120, 1800)),
    ("woodwork", "product", "ไม้แกะสลัก{w}", "{e} woodcarving", (250, 4500)),
    ("herbal", "product", "สบู่สมุนไพร{w}", "{e} herbal soap", (45, 120)),
    ("performance", "service", "การแสดง{w}", "{e} performance", (3000, 15000)),
    ("tourism", "service", "เวิร์กช็อปและเส้นทางเรียนรู้{w}", "{e} workshop and learning walk", (300, 1500)),
]
PATTERN_WORDS = [
    ("ดอกพิกุล", "Pikul flower"),
    ("ลายน้ำไหล", "Flowing water"),
    ("ช้างสาน", "Woven elephant"),
    ("นาคเกี้ยว", "Entwined naga"),
    ("ตีนจก", "Teen jok"),
    ("พิกุลทอง", "Golden pikul"),
    ("ขิด", "Khit"),
    ("ผ้าปาเต๊ะ", "Batik"),
    ("ลายดอกแก้ว", "Orange jasmine"),
    ("ไก่ชน", "Fighting cock"),
    ("เมืองเก่า", "Old town"),
    ("บ้านนา", "Rice-field village"),
]
ENTERPRISE_WORDS = [
    ("วิสาหกิจชุมชนผ้าทอ", "weaving community enterprise", "textiles", "community"),
    ("กลุ่มแม่บ้านแปรรูปอาหาร", "housewives' food group", "food", "group"),
    ("กลุ่มจักสาน", "basketry group", "crafts", "group"),
    ("กลุ่มเครื่องปั้น", "potters' group", "ceramics", "group"),
    ("ช่างแกะสลัก", "woodcarver", "woodwork", "maker"),
    ("กลุ่มสมุนไพร", "herbal group", "herbal", "group"),
    ("คณะการแสดงพื้นบ้าน", "folk performance troupe", "performance", "group"),
    ("วิสาหกิจท่องเที่ยวชุมชน", "community tourism enterprise", "tourism", "community"),
]
UNIVERSITY_ENTERPRISES = 1031  # the university strand's entrepreneurs (the report)
CIVIL_ENTERPRISES = (
    108  # of the cities and districts; Pattani Cultural Park's 12 textile enterprises among them
)
CIVIL_PRODUCTS, UNIVERSITY_PRODUCTS = 420, 196


@dataclass
class FestivalSpec:
    district: str
    name_th: str
    name_en: str
    held_on: datetime.date
    days: int
    host: str
    network_name: str
    manager_name: str
    sales: int
    visitors: int
    vendors: int


@dataclass
class RecordSpec:
    key: str
    code: str
    label: str
    name_th: str
    name_en: str
    description_th: str
    category: str
    kind: str
    strand: str
    district: str
    lon: float
    lat: float
    market: str | None = None
    enterprise: str | None = None
    price: tuple[int, int] | None = None
    in_showroom: bool = False
    members: int | None = None


@dataclass
class EconomyCatalogue:
    festivals: list[FestivalSpec] = field(default_factory=list)
    enterprises: list[RecordSpec] = field(default_factory=list)
    products: list[RecordSpec] = field(default_factory=list)
    lampang_direct: dict = field(default_factory=dict)  # fiscal year start: direct sales (the ledger)


def _code(prefix: str, key: str, length: int = 7) -> str:
    return new_code(prefix, rng=random.Random(f"{SEED}:{prefix}:{key}"), length=length)


def economy_catalogue(markets: MarketCatalogue) -> EconomyCatalogue:
    rng = random.Random(SEED)
    districts = {d.key: d for d in markets.districts}
    catalogue = EconomyCatalogue()
    for n, key in enumerate(NETWORK_DISTRICTS):
        word_th, word_en = FESTIVAL_WORDS[n % len(FESTIVAL_WORDS)]
        place_th = districts[key].name_th.removeprefix("ย่าน")
        catalogue.festivals.append(
            FestivalSpec(
                key,
                f"{word_th}{place_th}",
                f"{word_en}, {districts[key].name_en}",
                D(2024, 1, 12) + datetime.timedelta(days=14 * n),
                3,
                "network",
                NETWORK,
                f"ผู้จัดการงานเทศกาลประจำปี ม.ราชภัฏ ({place_th})",
                rng.randrange(350_000, 2_400_000, 1_000),
                rng.randrange(3_000, 25_000, 10),
                rng.randint(40, 160),
            )
        )
    for key, th, en, start, days, manager in COMMUNITY_FESTIVALS:
        catalogue.festivals.append(
            FestivalSpec(
                key,
                th,
                en,
                start,
                days,
                "district",
                "",
                manager,
                rng.randrange(800_000, 3_500_000, 1_000),
                rng.randrange(8_000, 40_000, 10),
                rng.randint(80, 220),
            )
        )
    _lampang_direct(markets, catalogue)
    _enterprises(markets, catalogue, rng)
    _products(markets, catalogue, rng)
    return catalogue


def _lampang_direct(markets: MarketCatalogue, catalogue: EconomyCatalogue) -> None:
    lampang = [m for m in markets.markets if m.district == "lampang-landscape"]
    for start, end in (FY2566, FY2567):
        catalogue.lampang_direct[start] = sum(
            e.amount for m in lampang for e in m.events if start <= e.held_on <= end
        )
    assert sum(catalogue.lampang_direct.values()) == LAMPANG["sales"]


def lampang_surveys(catalogue: EconomyCatalogue) -> list[dict]:
    """Two fiscal years' surveys whose parts add up to the report's stimulus exactly."""
    direct = [catalogue.lampang_direct[FY2566[0]], catalogue.lampang_direct[FY2567[0]]]
    totals = split_exactly(LAMPANG["stimulus"], direct)
    surveys = []
    for (start, end), d, total, spending, respondents in zip(
        (FY2566, FY2567), direct, totals, (SPENDING_2566, SPENDING_2567), (186, 231), strict=True
    ):
        chain = int((Decimal(total - d) * CHAIN_SHARE).to_integral_value())
        surveys.append(
            {
                "period_start": start,
                "period_end": end,
                "direct_sales": Decimal(d),
                "production_chain": Decimal(chain),
                "employment_income": Decimal(total - d - chain),
                "total_stimulus": Decimal(total),
                "respondents": respondents,
                "method": "แบบสอบถามผู้ค้า ผู้ผลิตวัตถุดิบ และลูกจ้าง (สมุดบันทึกรายได้)",
                "as_of": D(2024, 10, 1),
                "source": f"{REPORT_2567} (ภูมิทัศน์วัฒนธรรมชุมชนเมืองลำปาง)",
                **{f"spend_{k}": Decimal(v) for k, v in spending.items()},
            }
        )
    return surveys


def _spot(district, rng: random.Random) -> tuple[float, float]:
    return _point_in(district.geom, rng)


def _enterprises(markets: MarketCatalogue, catalogue: EconomyCatalogue, rng: random.Random) -> None:
    districts = {d.key: d for d in markets.districts}
    market_of = {}
    for m in markets.markets:
        market_of.setdefault(m.district, m.key)
    civil_keys = [d.key for d in markets.districts]
    plan = [("pattani-park", 0)] * 12 + [
        (civil_keys[i % len(civil_keys)], 1 + i % 7) for i in range(CIVIL_ENTERPRISES - 12)
    ]
    plan = [(key, kind, "civil_society") for key, kind in plan]
    plan += [
        (NETWORK_DISTRICTS[i % len(NETWORK_DISTRICTS)], i % len(ENTERPRISE_WORDS), "university")
        for i in range(UNIVERSITY_ENTERPRISES)
    ]
    for n, (district_key, word, strand) in enumerate(plan):
        th, en, category, kind = ENTERPRISE_WORDS[word]
        district = districts[district_key]
        place_th = district.name_th.removeprefix("ย่าน")
        lon, lat = _spot(district, rng)
        key = f"e{n}"
        catalogue.enterprises.append(
            RecordSpec(
                key=key,
                code=_code("CE", key),
                label=_code("DL", f"e{n}", 8),
                name_th=f"{th}{place_th}{'' if n < 12 or strand == 'civil_society' and n < 60 else f' {n + 1}'}",
                name_en=f"{district.name_en.removesuffix(' district')} {en}{'' if n < 60 else f' {n + 1}'}",
                description_th=f"{th}ใน{district.name_th} ผลิตและขายงานวัฒนธรรมของชุมชน",
                category=category,
                kind=kind,
                strand=strand,
                district=district_key,
                lon=lon,
                lat=lat,
                market=market_of.get(district_key) if strand == "civil_society" else None,
                members=rng.randint(5, 60) if kind != "maker" else 1,
            )
        )


def _products(markets: MarketCatalogue, catalogue: EconomyCatalogue, rng: random.Random) -> None:
    by_strand = {
        strand: [e for e in catalogue.enterprises if e.strand == strand]
        for strand in ("civil_society", "university")
    }
    for strand, count in (("civil_society", CIVIL_PRODUCTS), ("university", UNIVERSITY_PRODUCTS)):
        for n in range(count):
            enterprise = by_strand[strand][n % len(by_strand[strand])]
            types = [t for t in PRODUCT_TYPES if t[0] == enterprise.category] or PRODUCT_TYPES
            category, kind, th, en, (low, high) = types[n % len(types)]
            word_th, word_en = PATTERN_WORDS[(n * 7 + len(strand)) % len(PATTERN_WORDS)]
            price_low = rng.randrange(low, high + 1, 5)
            key = f"{strand[0]}{n}"
            catalogue.products.append(
                RecordSpec(
                    key=key,
                    code=_code("CP", key),
                    label=_code("DL", f"p{key}", 8),
                    name_th=f"{th.format(w=word_th)} {enterprise.name_th}",
                    name_en=f"{en.format(e=word_en)} ({enterprise.name_en})",
                    description_th=f"{th.format(w=word_th)} โดย{enterprise.name_th}",
                    category=category,
                    kind=kind,
                    strand=strand,
                    district=enterprise.district,
                    lon=enterprise.lon,
                    lat=enterprise.lat,
                    market=enterprise.market,
                    enterprise=enterprise.key,
                    price=(price_low, max(price_low, rng.randrange(price_low, high + 1, 5))),
                    in_showroom=strand == "civil_society" and n % 14 == 0,
                )
            )


# --- writes ----------------------------------------------------------------------------------------


def _point(lon: float, lat: float) -> GEOSGeometry:
    return GEOSGeometry(memoryview(shapely.to_wkb(shapely.Point(lon, lat))), srid=4326)


def clear_demo_economy(market_codes: list[str], district_codes: list[str]) -> dict[str, int]:
    """What an earlier load wrote beyond the nightly ledger: surveys and SROI studies of the demo's
    places, festivals it logged (no one logged them: created_by is empty) and its vendor register.
    A user's own vendors and festivals (created_by set) stay."""
    in_demo = {"market__code__in": market_codes}
    removed = {
        "impact_survey": ImpactSurvey.objects.filter(created_by__isnull=True)
        .filter(
            _any(
                market__code__in=market_codes,
                district__code__in=district_codes,
                event__district__code__in=district_codes,
                event__market__code__in=market_codes,
            )
        )
        .delete()[0],
        "social_return": SocialReturn.objects.filter(
            _any(city__isnull=False, district__code__in=district_codes, market__code__in=market_codes)
        ).delete()[0],
    }
    vendors = Vendor.objects.filter(created_by__isnull=True, **in_demo)
    VendorMerge.objects.filter(merged__in=vendors).delete()
    VendorAlias.objects.filter(vendor__in=vendors).delete()
    removed["vendor"] = vendors.delete()[0]
    festivals = MarketEvent.objects.filter(
        kind="festival", market__isnull=True, created_by__isnull=True, district__code__in=district_codes
    )
    removed["festival"] = _delete_events(festivals)
    return removed


def _any(**lookups):
    from django.db.models import Q

    query = Q()
    for name, value in lookups.items():
        query |= Q(**{name: value})
    return query


def _delete_events(events) -> int:
    ids = list(events.values_list("pk", flat=True))
    if not ids:
        return 0
    table = SalesEntry._meta.db_table
    with connection.cursor() as cursor:
        # The ledger refuses DELETE (append-only): lifted for the demo's own festivals in this transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER markets_salesentry_append_only")
        cursor.execute(f"DELETE FROM {table} WHERE event_id = ANY(%s)", [ids])
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER markets_salesentry_append_only")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    EventSales.objects.filter(event_id__in=ids).delete()
    return MarketEvent.objects.filter(pk__in=ids).delete()[0]


def write_economy(markets: MarketCatalogue, earlier: dict, removed: dict[str, int]) -> dict[str, list[str]]:
    catalogue = economy_catalogue(markets)
    market_ids = dict(
        CulturalMarket.objects.filter(code__in=[m.code for m in markets.markets]).values_list("code", "id")
    )
    market_id = {m.key: market_ids[m.code] for m in markets.markets}
    district_rows = CulturalDistrict.objects.filter(code__in=[d.code for d in markets.districts])
    district_ids = dict(district_rows.values_list("code", "id"))
    district_id = {d.key: district_ids[d.code] for d in markets.districts}
    provinces = dict(Province.objects.values_list("code", "id"))
    province_of = {d.key: provinces[d.province] for d in markets.districts}
    removed.update(clear_demo_economy(list(market_ids), list(district_ids)))
    _write_register(markets, market_id)
    _write_festivals(catalogue, district_id)
    for survey in lampang_surveys(catalogue):
        ImpactSurvey.objects.create(district_id=district_id["lampang-landscape"], **survey)
    city = CulturalCity.objects.get(code=next(c.code for c in markets.cities if c.key == SROI["city"]))
    SocialReturn.objects.create(
        city=city,
        project_th=SROI["project_th"],
        project_en=SROI["project_en"],
        investment=Decimal(SROI["investment"]),
        outcomes=[{"name_th": th, "name_en": en, "value": v} for th, en, v in SROI["outcomes"]],
        as_of=SROI["as_of"],
        source=SROI["source"],
    )
    _write_figures(market_id, district_id)
    codes = _write_records(catalogue, market_id, district_id, province_of, earlier, removed)
    return codes


def _write_register(markets: MarketCatalogue, market_id: dict) -> None:
    for market in markets.markets:
        if not market.vendors:
            continue
        created = Vendor.objects.bulk_create(
            [
                Vendor(
                    market_id=market_id[market.key],
                    name=v.name,
                    goods=v.goods,
                    is_local=v.is_local,
                    joined_on=v.joined_on,
                )
                for v in market.vendors
            ]
        )
        VendorAlias.objects.bulk_create(
            [
                VendorAlias(
                    vendor=row,
                    market_id=row.market_id,
                    name=name,
                    key=vendor_key(name),
                    source="name" if name == spec.name else "alias",
                )
                for row, spec in zip(created, market.vendors, strict=True)
                for name in (spec.name, *spec.aliases)
            ]
        )


def _write_festivals(catalogue: EconomyCatalogue, district_id: dict) -> None:
    for f in catalogue.festivals:
        event = MarketEvent.objects.create(
            kind="festival",
            district_id=district_id[f.district],
            held_on=f.held_on,
            ends_on=f.held_on + datetime.timedelta(days=f.days - 1),
            name_th=f.name_th,
            name_en=f.name_en,
            host=f.host,
            network_name=f.network_name,
            manager_name=f.manager_name,
            visitors=f.visitors,
            vendors_present=f.vendors,
        )
        SalesEntry.objects.create(event=event, amount=Decimal(f.sales), kind="sale", note="ยอดรวมทั้งงาน")


def _write_figures(market_id: dict, district_id: dict) -> None:
    for position, (code, scope, th, en, value, unit_th, unit_en, more, as_of, source) in enumerate(FIGURES):
        kind, _sep, key = (scope or "").partition(":")
        ReportedFigure.objects.update_or_create(
            code=code,
            defaults={
                "market_id": market_id[key] if kind == "market" else None,
                "district_id": district_id[key] if kind == "district" else None,
                "label_th": th,
                "label_en": en,
                "value": Decimal(value),
                "unit_th": unit_th,
                "unit_en": unit_en,
                "more_than": more,
                "as_of": as_of,
                "source": source,
                "position": position,
            },
        )


def _write_records(catalogue, market_id, district_id, province_of, earlier, removed) -> dict[str, list[str]]:
    common = [
        "name_th",
        "name_en",
        "description_th",
        "category",
        "kind",
        "strand",
        "market",
        "district",
        "province",
        "location",
        "label",
        "status",
    ]
    enterprises = CulturalEnterprise.objects.bulk_create(
        [
            CulturalEnterprise(
                code=e.code,
                label=e.label,
                name_th=e.name_th,
                name_en=e.name_en,
                description_th=e.description_th,
                category=e.category,
                kind=e.kind,
                strand=e.strand,
                market_id=market_id.get(e.market),
                district_id=district_id[e.district],
                province_id=province_of[e.district],
                location=_point(e.lon, e.lat),
                members=e.members,
            )
            for e in catalogue.enterprises
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[*common, "members"],
    )
    enterprise_id = {spec.key: row.pk for spec, row in zip(catalogue.enterprises, enterprises, strict=True)}
    products = CulturalProduct.objects.bulk_create(
        [
            CulturalProduct(
                code=p.code,
                label=p.label,
                name_th=p.name_th,
                name_en=p.name_en,
                description_th=p.description_th,
                category=p.category,
                kind=p.kind,
                strand=p.strand,
                market_id=market_id.get(p.market),
                district_id=district_id[p.district],
                province_id=province_of[p.district],
                location=_point(p.lon, p.lat),
                enterprise_id=enterprise_id[p.enterprise],
                price_min=Decimal(p.price[0]),
                price_max=Decimal(p.price[1]),
                in_showroom=p.in_showroom,
            )
            for p in catalogue.products
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[*common, "enterprise", "price_min", "price_max", "in_showroom"],
    )
    codes = {"enterprise": [e.code for e in enterprises], "product": [p.code for p in products]}
    for kind, model in (("product", CulturalProduct), ("enterprise", CulturalEnterprise)):
        gone = set(earlier.get(kind, [])) - set(codes[kind])
        removed[kind] = model.objects.filter(code__in=gone).delete()[0] if gone else 0
    # No announcement of their own: the markets' (cities, districts, markets), made in this same
    # transaction, reach every enterprise and product through their parents once it commits.
    return codes
