"""The demo's cultural cities, districts (ย่าน), markets and their event-by-event sales ledger.

Every figure of the programme's 2024 report (FACTS.md) comes out exactly when the ledger is summed
(an entry counts while nothing corrects it): Thung Song's 311 events and 164,138,385 baht, Mueang
Lampang's 288 events and 118,738,556 baht with its first and last events, and 1,321 events and
819,902,531 baht for all markets together. Pure data: nothing here touches the database.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import shapely
from shapely.geometry import MultiPolygon

from culturalmap.core.codes import new_code

from .names import VENDOR_WORDS
from .sampling import ProvinceSampler, TambonSampler, footprint
from .shares import split_exactly

SEED = "culturalmap-demo-markets-v1"
BANGKOK = ZoneInfo("Asia/Bangkok")
LAST_DAY = datetime.date(2024, 9, 29)  # the report's cut-off: nothing is dated after it

# The report's figures (FACTS.md), in baht and events.
ALL_MARKETS_EVENTS = 1321
ALL_MARKETS_SALES = 819_902_531
THUNG_SONG = {"events": 311, "sales": 164_138_385, "last": datetime.date(2024, 9, 15), "vendors": 231}
LAMPANG = {
    "events": 288,
    "sales": 118_738_556,
    "stimulus": 174_426_939,
    "first": (datetime.date(2022, 10, 11), 179_077),
    "last": (datetime.date(2024, 9, 29), 593_247),
}
# The multiplier that turns Lampang's direct sales into the reported stimulus, to 6 decimals.
LAMPANG_MULTIPLIER = (Decimal(LAMPANG["stimulus"]) / Decimal(LAMPANG["sales"])).quantize(
    Decimal("0.000001"), rounding=ROUND_HALF_UP
)
LAMPANG_STIMULUS_RESIDUAL = LAMPANG_MULTIPLIER * LAMPANG["sales"] - LAMPANG["stimulus"]  # baht

# COVID-19 closures in Thailand: no market was held.
CLOSURES = [
    (datetime.date(2020, 3, 22), datetime.date(2020, 6, 30)),
    (datetime.date(2021, 4, 20), datetime.date(2021, 10, 31)),
]


@dataclass
class CitySpec:
    key: str
    code: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    province: str
    lon: float
    lat: float


@dataclass
class DistrictSpec:
    key: str
    code: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    province: str
    city: str | None
    geom: MultiPolygon


@dataclass
class EntrySpec:
    key: str
    amount: Decimal
    recorded_at: datetime.datetime
    vendor: str = ""
    corrects: str | None = None  # key of the entry this one corrects
    note: str = ""


@dataclass
class EventSpec:
    held_on: datetime.date
    amount: int  # what the ledger sums to for this event
    vendors_present: int = 0
    visitors: int = 0
    note: str = ""
    entries: list[EntrySpec] = field(default_factory=list)


@dataclass
class VendorSpec:
    name: str
    goods: str
    joined_on: datetime.date
    is_local: bool = True
    aliases: tuple[str, ...] = ()
    weight: float = 1.0  # how much of a night's sales the vendor makes, relative to the others


@dataclass
class MarketSpec:
    key: str
    code: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    district: str
    province: str
    lon: float
    lat: float
    opened_on: datetime.date
    registered_vendors: int
    stimulus_multiplier: Decimal
    public_funding: Decimal
    events: list[EventSpec] = field(default_factory=list)
    vendors: list[VendorSpec] = field(default_factory=list)


@dataclass
class MarketCatalogue:
    cities: list[CitySpec]
    districts: list[DistrictSpec]
    markets: list[MarketSpec]


def _code(prefix: str, key: str) -> str:
    return new_code(prefix, rng=random.Random(f"{SEED}:{prefix}:{key}"))


CITIES = [
    (
        "lampang",
        "52",
        99.4920,
        18.2880,
        "เมืองวัฒนธรรมลำปาง",
        "Lampang cultural city",
        "เมืองรถม้าและเซรามิก ย่านเก่าริมแม่น้ำวังฟื้นตลาดวัฒนธรรมชุมชนเป็นภูมิทัศน์วัฒนธรรมของเมือง",
        "The city of horse carriages and ceramics, whose old riverside quarters revived community cultural "
        "markets as a cultural landscape.",
    ),
    (
        "nakhon",
        "80",
        99.9631,
        8.4304,
        "เมืองวัฒนธรรมนครศรีธรรมราช",
        "Nakhon Si Thammarat cultural city",
        "นครแห่งพระบรมธาตุ ตลาดชุมชนทางทุ่งสงเป็นต้นแบบตลาดที่ผู้ค้าเป็นคนในพื้นที่ทั้งหมดภายใต้กติกาชุมชน",
        "The city of the great stupa; the Thung Song community market, run wholly by local vendors under "
        "shared community rules, is the model market.",
    ),
    (
        "chiangrai",
        "57",
        99.8325,
        19.9105,
        "เชียงราย ภูมิทัศน์แห่งตำนาน",
        "Chiang Rai: Landscape of Legends",
        "เมืองวัฒนธรรมที่เล่าตำนานเมืองผ่านย่านและตลาด ผลตอบแทนทางสังคม (SROI) 1 : 3.96",
        "A cultural city telling its legends through its quarters and markets; social return on investment "
        "(SROI) of 1 : 3.96.",
    ),
    (
        "pattani",
        "94",
        101.2500,
        6.8680,
        "เมืองวัฒนธรรมปัตตานี",
        "Pattani cultural city",
        "เมืองพหุวัฒนธรรมมลายู จีน และไทย อุทยานวัฒนธรรมปัตตานีรวมวิสาหกิจชุมชนด้านผ้า 12 กลุ่ม",
        "A city of Malay, Chinese and Thai cultures; the Pattani Cultural Park brings together 12 community "
        "textile enterprises.",
    ),
]

# (key, province, city, place Thai, place English, centre (lon, lat) or None, markets:
#  [(Thai, English)] or None for one community market named after the place)
DISTRICTS = [
    (
        "lampang-landscape",
        "52",
        "lampang",
        "ภูมิทัศน์วัฒนธรรมชุมชนเมืองลำปาง",
        "Mueang Lampang community cultural landscape",
        (99.5040, 18.2925),
        [
            ("กาดกองต้า", "Kad Kong Ta walking street"),
            ("กาดวัดปงสนุก", "Wat Pong Sanuk market"),
            ("กาดชุมชนท่ามะโอ", "Tha Mao community market"),
        ],
    ),
    ("ban-luk", "52", "lampang", "บ้านหลุก", "Ban Luk woodcarving village", None, None),
    ("ko-kha", "52", "lampang", "เกาะคา-ลำปางหลวง", "Ko Kha–Lampang Luang", (99.4000, 18.2000), None),
    ("hang-chat", "52", "lampang", "ห้างฉัตร", "Hang Chat", None, None),
    ("chae-hom", "52", "lampang", "แจ้ห่มเซรามิก", "Chae Hom ceramics", None, None),
    ("mueang-pan", "52", "lampang", "เมืองปาน", "Mueang Pan", None, None),
    (
        "thung-song",
        "80",
        "nakhon",
        "ทุ่งสง",
        "Thung Song",
        (99.6780, 8.1660),
        [("ตลาดชุมชนทางทุ่งสง", "Thung Song Community Market")],
    ),
    ("tha-wang", "80", "nakhon", "ท่าวัง", "Tha Wang old quarter", (99.9650, 8.4350), None),
    ("khiri-wong", "80", "nakhon", "คีรีวง", "Khiri Wong village", None, None),
    ("pak-phanang", "80", "nakhon", "ปากพนัง", "Pak Phanang riverside", None, None),
    ("lan-saka", "80", "nakhon", "ลานสกา", "Lan Saka", None, None),
    ("phrom-lok", "80", "nakhon", "พรหมโลก", "Phrom Lok", None, None),
    ("chiang-rai-old", "57", "chiangrai", "เมืองเก่าเชียงราย", "Chiang Rai old city", (99.8320, 19.9100), None),
    ("wiang-kalong", "57", "chiangrai", "เวียงกาหลง", "Wiang Kalong ceramics", None, None),
    ("chiang-saen", "57", "chiangrai", "เชียงแสน", "Chiang Saen", (100.0700, 20.2650), None),
    ("mae-salong", "57", "chiangrai", "ดอยแม่สลอง", "Doi Mae Salong", None, None),
    ("nang-lae", "57", "chiangrai", "บ้านดำ-นางแล", "Baan Dam–Nang Lae", None, None),
    (
        "pattani-park",
        "94",
        "pattani",
        "อุทยานวัฒนธรรมปัตตานี",
        "Pattani Cultural Park",
        (101.2450, 6.8600),
        [
            ("ตลาดผ้าชุมชนอุทยานวัฒนธรรมปัตตานี", "Pattani Cultural Park textile market"),
            ("ตลาดนัดวัฒนธรรมอุทยานปัตตานี", "Pattani Cultural Park weekend market"),
        ],
    ),
    ("anoru", "94", "pattani", "เมืองเก่าอาเนาะรู", "Anoru old town", (101.2480, 6.8700), None),
    ("krue-se", "94", "pattani", "กรือเซะ", "Krue Se", None, None),
    ("yaring", "94", "pattani", "ยะหริ่ง", "Yaring", None, None),
    ("nong-chik", "94", "pattani", "หนองจิก", "Nong Chik", None, None),
    (
        "yaowarat",
        "10",
        None,
        "เยาวราช",
        "Yaowarat",
        (100.5090, 13.7410),
        [
            ("ตลาดวัฒนธรรมเยาวราช", "Yaowarat cultural market"),
            ("ตลาดสร้างสรรค์ใกล้โชว์รูม Culture Connex", "Culture Connex creative market"),
        ],
    ),
    ("kudi-chin", "10", None, "กุฎีจีน-คลองสาน", "Kudi Chin–Khlong San", (100.4920, 13.7380), None),
    (
        "wua-lai",
        "50",
        None,
        "วัวลาย",
        "Wua Lai",
        (98.9860, 18.7790),
        [
            ("กาดวัฒนธรรมวัวลาย", "Wua Lai cultural market"),
            ("กาดเช้าวัดศรีสุพรรณ", "Wat Sri Suphan morning market"),
        ],
    ),
    ("chang-moi", "50", None, "ช้างม่อย", "Chang Moi", (99.0000, 18.7920), None),
    ("phrae-old", "54", None, "เมืองเก่าแพร่", "Phrae old town", (100.1400, 18.1460), None),
    ("thung-hong", "54", None, "ทุ่งโฮ้ง", "Thung Hong indigo village", None, None),
    ("nan-old", "55", None, "เมืองเก่าน่าน", "Nan old town", (100.7720, 18.7760), None),
    ("nong-bua-nan", "55", None, "บ้านหนองบัว", "Ban Nong Bua", None, None),
    ("sukhothai-old", "64", None, "เมืองเก่าสุโขทัย", "Old Sukhothai", (99.7050, 17.0150), None),
    ("hat-siao", "64", None, "หาดเสี้ยว", "Hat Siao weaving village", None, None),
    ("sri-chan", "40", None, "ถนนศรีจันทร์", "Sri Chan Road", (102.8300, 16.4300), None),
    ("chonnabot", "40", None, "ผ้าไหมชนบท", "Chonnabot silk", (102.6220, 16.0800), None),
    ("ubon-old", "34", None, "เมืองเก่าอุบล", "Ubon old town", (104.8600, 15.2280), None),
    ("pa-ao", "34", None, "บ้านปะอาว", "Ban Pa-ao brassware village", None, None),
    ("nakhon-sawan-road", "44", None, "ถนนนครสวรรค์", "Nakhon Sawan Road", (103.3000, 16.1850), None),
    ("ban-mo", "44", None, "บ้านหม้อ", "Ban Mo pottery village", None, None),
    ("chanthaboon", "22", None, "ริมน้ำจันทบูร", "Chanthaboon waterfront", (102.1140, 12.6110), None),
    ("reed-mat", "22", None, "เสื่อจันทบูร", "Chanthaburi reed-mat village", None, None),
    ("phetchaburi-river", "76", None, "ริมน้ำเพชรบุรี", "Phetchaburi riverside", (99.9450, 13.1100), None),
    ("ban-lat", "76", None, "บ้านลาด", "Ban Lat", None, None),
    ("songkhla-old", "90", None, "เมืองเก่าสงขลา", "Songkhla old town", (100.5880, 7.1980), None),
    ("phuket-old", "83", None, "เมืองเก่าภูเก็ต", "Phuket old town", (98.3875, 7.8850), None),
]
NORTHERN = {"50", "52", "54", "55", "57"}
# Where the districts without a centre above really are: (sub-district, its district), or a district
# alone (the sub-district drawn from it).
DISTRICT_PLACES: dict[str, tuple[str, str] | tuple[str]] = {
    "ban-luk": ("นาครัว", "แม่ทะ"),  # the woodcarving village of Ban Luk
    "hang-chat": ("ห้างฉัตร", "ห้างฉัตร"),
    "chae-hom": ("แจ้ห่ม", "แจ้ห่ม"),
    "mueang-pan": ("เมืองปาน", "เมืองปาน"),
    "khiri-wong": ("กำโลน", "ลานสกา"),  # Khiri Wong village
    "pak-phanang": ("ปากพนัง", "ปากพนัง"),
    "lan-saka": ("ลานสกา", "ลานสกา"),
    "phrom-lok": ("พรหมโลก", "พรหมคีรี"),
    "wiang-kalong": ("เวียงกาหลง", "เวียงป่าเป้า"),
    "mae-salong": ("แม่สลองนอก", "แม่ฟ้าหลวง"),  # Santikhiri
    "nang-lae": ("นางแล", "เมืองเชียงราย"),
    "krue-se": ("ตันหยงลุโละ", "เมืองปัตตานี"),  # Krue Se mosque
    "yaring": ("ยามู", "ยะหริ่ง"),
    "nong-chik": ("หนองจิก",),
    "thung-hong": ("ทุ่งโฮ้ง", "เมืองแพร่"),
    "nong-bua-nan": ("ป่าคา", "ท่าวังผา"),  # Wat Nong Bua
    "hat-siao": ("หาดเสี้ยว", "ศรีสัชนาลัย"),
    "pa-ao": ("ปะอาว", "เมืองอุบลราชธานี"),
    "ban-mo": ("เขวา", "เมืองมหาสารคาม"),
    "reed-mat": ("บางสระเก้า", "แหลมสิงห์"),
    "ban-lat": ("บ้านลาด", "บ้านลาด"),
}


def _district_geom(
    sampler: ProvinceSampler, tambons: TambonSampler, key: str, province: str, centre, rng: random.Random
) -> MultiPolygon:
    """A quarter-sized polygon at the district's real place: around its centre (nudged inland if the
    coast is near), or inside the sub-district it lies in (DISTRICT_PLACES)."""
    tambon = None
    if centre is None:
        where = DISTRICT_PLACES[key]
        if len(where) == 2:
            tambon = tambons.named(province, where[0], where[1])
        else:
            tambon = rng.choice([t for t in tambons.in_amphoe(province, where[0]) if tambons.has_room(t)])
    for attempt in range(300):
        if centre is not None and attempt < 150:
            spread = 0.001 * attempt
            x = round(centre[0] + rng.uniform(-spread, spread), 6)
            y = round(centre[1] + rng.uniform(-spread, spread), 6)
            radius = rng.uniform(0.003, 0.006)
        elif tambon is not None:
            x, y = tambons.point(tambon, rng)
            radius = rng.uniform(0.0012, 0.0025)
        else:
            x, y = sampler.point(province, rng)
            radius = rng.uniform(0.005, 0.009)
        shape = footprint(x, y, rng, radius)
        inside = tambons.contains(tambon, shape) if tambon is not None else True
        if shape.is_valid and inside and sampler.is_inside(province, shape.buffer(0.002)):
            return MultiPolygon([shape])
    raise ValueError(f"no room for district {key} in province {province}")


def _point_in(geom, rng: random.Random) -> tuple[float, float]:
    inner = geom.buffer(-0.0015)
    if inner.is_empty or inner.area < 1e-7:  # a small quarter: keep off its edge all the same
        inner = geom.buffer(-0.0003)
    minx, miny, maxx, maxy = inner.bounds
    while True:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shapely.contains_xy(inner, x, y):
            return round(x, 6), round(y, 6)


def _open_days(start: datetime.date, end: datetime.date, weekdays: set[int]) -> list[datetime.date]:
    days, day = [], start
    while day <= end:
        if day.weekday() in weekdays and not any(a <= day <= b for a, b in CLOSURES):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _pick_days(
    candidates: list[datetime.date],
    n: int,
    rng: random.Random,
    keep: list[datetime.date],
    growth: float = 1.5,
) -> list[datetime.date]:
    """n of the candidate days, denser later (a market grows), always including `keep`."""
    if n > len(candidates) + len(set(keep) - set(candidates)):
        raise ValueError(f"{n} events do not fit in {len(candidates)} market days")
    chosen = set(keep)
    pool = [d for d in candidates if d not in chosen]
    span = max(1, (pool[-1] - pool[0]).days) if pool else 1
    # Weighted sampling without replacement (Efraimidis–Spirakis): key = u^(1/w).
    keyed = sorted(pool, key=lambda d: -(rng.random() ** (1 / (1 + growth * (d - pool[0]).days / span))))
    chosen.update(keyed[: n - len(chosen)])
    return sorted(chosen)


def _season(day: datetime.date) -> float:
    # Cool-season tourism (Nov–Feb) and Songkran lift sales; the rains (Jun–Sep) damp them.
    return {11: 1.2, 12: 1.3, 1: 1.25, 2: 1.1, 4: 1.15, 6: 0.85, 7: 0.85, 8: 0.9, 9: 0.85}.get(day.month, 1.0)


def _allocate(
    events: list[tuple[MarketSpec, datetime.date]],
    total: int,
    rng: random.Random,
    scale: dict[str, float],
    fixed: dict[tuple[str, datetime.date], int] | None = None,
) -> list[int]:
    """Each event's sales: growth since the market opened, season, noise; fixed events keep their figure."""
    fixed = fixed or {}
    weights, free = [], []
    for i, (market, day) in enumerate(events):
        if (market.key, day) in fixed:
            continue
        years = (day - market.opened_on).days / 365.25
        weights.append(scale[market.key] * (1 + 0.35 * years) * _season(day) * rng.lognormvariate(0, 0.18))
        free.append(i)
    amounts = [0] * len(events)
    for i, (market, day) in enumerate(events):
        if (market.key, day) in fixed:
            amounts[i] = fixed[(market.key, day)]
    for i, amount in zip(free, split_exactly(total - sum(fixed.values()), weights), strict=True):
        amounts[i] = amount
    return amounts


def _recorded_at(day: datetime.date, rng: random.Random, days_later: int = 1) -> datetime.datetime:
    return datetime.datetime.combine(
        day + datetime.timedelta(days=days_later),
        datetime.time(9 + rng.randint(0, 9), rng.randint(0, 59)),
        tzinfo=BANGKOK,
    )


def _where(sampler: ProvinceSampler, tambons: TambonSampler, geom) -> tuple[str, str]:
    """ตำบล… อำเภอ… จังหวัด… of the sub-district a geometry lies in (real names, issue 19)."""
    tambon = tambons.at(geom)
    if tambon is None:
        raise ValueError(f"{geom.wkt[:60]} lies in no sub-district")
    return tambon.where(*sampler.names[tambon.province])


def market_catalogue(sampler: ProvinceSampler, tambons: TambonSampler) -> MarketCatalogue:
    rng = random.Random(SEED)
    cities = []
    for key, prov, lon, lat, th, en, dth, den in CITIES:
        where_th, where_en = _where(sampler, tambons, shapely.Point(lon, lat))
        cities.append(
            CitySpec(
                key=key,
                code=_code("CC", key),
                name_th=th,
                name_en=en,
                description_th=f"{dth} ใจกลางเมืองอยู่ที่{where_th}",
                description_en=f"{den} Its centre is in {where_en}.",
                province=prov,
                lon=lon,
                lat=lat,
            )
        )
    districts, markets = [], []
    for key, prov, city, place_th, place_en, centre, market_names in DISTRICTS:
        geom = _district_geom(sampler, tambons, key, prov, centre, rng)
        where_th, where_en = _where(sampler, tambons, geom)
        districts.append(
            DistrictSpec(
                key=key,
                code=_code("CD", key),
                name_th=f"ย่าน{place_th}",
                name_en=f"{place_en} district",
                description_th=f"ย่านวัฒนธรรม{place_th} {where_th} ชุมชนร่วมกันจัดตลาดวัฒนธรรม "
                f"ฟื้นอาหาร งานช่าง และการแสดงพื้นบ้านของย่าน",
                description_en=f"The {place_en} cultural district, {where_en}: the community runs a "
                f"cultural market that brings back the quarter's food, crafts and performances.",
                province=prov,
                city=city,
                geom=geom,
            )
        )
        if market_names is None:
            market_names = [
                (f"กาดชุมชน{place_th}", f"{place_en} community market")
                if prov in NORTHERN
                else (f"ตลาดวัฒนธรรม{place_th}", f"{place_en} cultural market")
            ]
        for n, (th, en) in enumerate(market_names, start=1):
            lon, lat = _point_in(geom, rng)
            mkey = f"{key}-{n}"
            at_th, at_en = _where(sampler, tambons, shapely.Point(lon, lat))
            markets.append(
                MarketSpec(
                    key=mkey,
                    code=_code("CM", mkey),
                    name_th=th,
                    name_en=en,
                    description_th=f"{th} ตลาดวัฒนธรรมชุมชนใน{districts[-1].name_th} {at_th} "
                    f"ผู้ค้าเป็นคนในชุมชน ขายอาหารพื้นถิ่น งานหัตถกรรม และผลผลิตของชุมชน",
                    description_en=f"{en}, a community cultural market in the {place_en} district, "
                    f"{at_en}: local vendors sell local food, crafts and produce.",
                    district=key,
                    province=prov,
                    lon=lon,
                    lat=lat,
                    opened_on=datetime.date(2020, 1, 5),
                    registered_vendors=rng.randint(35, 190),
                    stimulus_multiplier=Decimal(str(round(rng.uniform(1.25, 1.75), 6))),
                    public_funding=Decimal(rng.randrange(150_000, 2_000_000, 10_000)),
                )
            )
    by_key = {m.key: m for m in markets}
    _thung_song(by_key["thung-song-1"], rng)
    lampang = [by_key[f"lampang-landscape-{n}"] for n in (1, 2, 3)]
    _lampang(lampang, rng)
    others = [m for m in markets if m.key != "thung-song-1" and m not in lampang]
    _other_markets(others, rng)
    for market in markets:
        _visits(market, rng)
    _ledger(markets, rng)
    _thung_song_vendors(by_key["thung-song-1"])
    return MarketCatalogue(cities=cities, districts=districts, markets=markets)


def _thung_song(market: MarketSpec, rng: random.Random) -> None:
    market.opened_on = datetime.date(2020, 1, 5)
    market.registered_vendors = THUNG_SONG["vendors"]
    market.public_funding = Decimal("3200000")
    # Sundays from the start; Saturdays too once the market had grown (mid 2022).
    days = sorted(
        _open_days(market.opened_on, THUNG_SONG["last"], {6})
        + _open_days(datetime.date(2022, 7, 2), THUNG_SONG["last"], {5})
    )
    held = _pick_days(days, THUNG_SONG["events"], rng, keep=[market.opened_on, THUNG_SONG["last"]])
    amounts = _allocate([(market, d) for d in held], THUNG_SONG["sales"], rng, {market.key: 1.0})
    market.events = [EventSpec(held_on=d, amount=a) for d, a in zip(held, amounts, strict=True)]


def _lampang(markets: list[MarketSpec], rng: random.Random) -> None:
    (first_day, first_amount), (last_day, last_amount) = LAMPANG["first"], LAMPANG["last"]
    kong_ta, pong_sanuk, tha_mao = markets
    plan = [  # market, opened on, weekdays, events, registered vendors, public funding
        (kong_ta, first_day, {5, 6}, 150, 180, 2_500_000),
        (pong_sanuk, datetime.date(2023, 1, 8), {6}, 78, 64, 900_000),
        (tha_mao, datetime.date(2023, 3, 4), {5}, 60, 45, 600_000),
    ]
    assert sum(p[3] for p in plan) == LAMPANG["events"]
    events = []
    for market, opened, weekdays, n, vendors, funding in plan:
        market.opened_on = opened
        market.registered_vendors = vendors
        market.public_funding = Decimal(funding)
        market.stimulus_multiplier = LAMPANG_MULTIPLIER
        end = last_day if market is kong_ta else last_day - datetime.timedelta(days=1)
        candidates = _open_days(opened + datetime.timedelta(days=1), end, weekdays)
        keep = [first_day, last_day] if market is kong_ta else [candidates[0]]
        events += [(market, d) for d in _pick_days(candidates, n, rng, keep=keep)]
    fixed = {(kong_ta.key, first_day): first_amount, (kong_ta.key, last_day): last_amount}
    scale = {kong_ta.key: 1.15, pong_sanuk.key: 0.8, tha_mao.key: 0.7}
    amounts = _allocate(events, LAMPANG["sales"], rng, scale, fixed)
    for (market, day), amount in zip(events, amounts, strict=True):
        market.events.append(EventSpec(held_on=day, amount=amount))


def _other_markets(markets: list[MarketSpec], rng: random.Random) -> None:
    n_events = ALL_MARKETS_EVENTS - THUNG_SONG["events"] - LAMPANG["events"]
    sales = ALL_MARKETS_SALES - THUNG_SONG["sales"] - LAMPANG["sales"]
    for market in markets:
        opened = datetime.date(2020, 2, 1) + datetime.timedelta(days=rng.randint(0, 1400))
        for start, end in CLOSURES:  # no market opened during a lockdown: it opened right after
            if start <= opened <= end:
                opened = end + datetime.timedelta(days=1)
        market.opened_on = opened
    # Events per market: more for markets open longer; each holds at least four.
    weights = [((LAST_DAY - m.opened_on).days / 365.25) * rng.uniform(0.6, 1.6) for m in markets]
    counts = [4 + c for c in split_exactly(n_events - 4 * len(markets), weights)]
    events, scale = [], {}
    for market, n in zip(markets, counts, strict=True):
        weekday = {5, 6} if n > 40 else {5}
        candidates = _open_days(market.opened_on, LAST_DAY - datetime.timedelta(days=1), weekday)
        while len(candidates) < n:  # a small window: hold it on Sundays too
            weekday = weekday | {6, 4}
            candidates = _open_days(market.opened_on, LAST_DAY - datetime.timedelta(days=1), weekday)
        held = _pick_days(candidates, n, rng, keep=[candidates[0]], growth=1.0)
        events += [(market, d) for d in held]
        big = market.district in ("yaowarat", "wua-lai", "phuket-old", "chiang-rai-old")
        scale[market.key] = rng.uniform(0.6, 1.4) * (1.8 if big else 1.0)
    amounts = _allocate(events, sales, rng, scale)
    for (market, day), amount in zip(events, amounts, strict=True):
        market.events.append(EventSpec(held_on=day, amount=amount))
    for market in markets:
        market.events.sort(key=lambda e: e.held_on)


def _visits(market: MarketSpec, rng: random.Random) -> None:
    """Vendors present and visitors, in step with sales (a visitor spends 150–400 baht)."""
    for event in market.events:
        years = (event.held_on - market.opened_on).days / 365.25
        share = min(0.97, 0.55 + 0.12 * years + rng.uniform(-0.05, 0.08))
        present = round(market.registered_vendors * share)
        event.vendors_present = max(5, min(market.registered_vendors, present))
        event.visitors = max(50, round(event.amount / rng.uniform(150, 400)))


def _ledger(markets: list[MarketSpec], rng: random.Random) -> None:
    """One total per event, a handful of events logged vendor by vendor, a few corrected typos."""
    all_events = [(m, e) for m in markets for e in m.events]
    vendor_events = set(rng.sample(range(len(all_events)), 24))
    corrected = rng.sample(sorted(set(range(len(all_events))) - vendor_events), 9)
    twice = corrected[0]  # a correction that was itself wrong, corrected again
    vendor_fix = rng.choice(sorted(vendor_events))  # one vendor line corrected
    for i, (market, event) in enumerate(all_events):
        key = f"{market.key}:{event.held_on.isoformat()}"
        at = _recorded_at(event.held_on, rng)
        if i in vendor_events:
            k = rng.randint(5, 9)
            shares = split_exactly(event.amount, [rng.uniform(0.5, 1.5) for _ in range(k)])
            vendors = rng.sample(VENDOR_WORDS, k)
            event.note = "บันทึกยอดขายรายร้าน"
            for j, (vendor, amount) in enumerate(zip(vendors, shares, strict=True)):
                entry_key = f"{key}:v{j}"
                if i == vendor_fix and j == 0:
                    wrong = amount + 1000
                    event.entries.append(
                        EntrySpec(key=entry_key, amount=Decimal(wrong), vendor=vendor, recorded_at=at)
                    )
                    event.entries.append(
                        EntrySpec(
                            key=f"{entry_key}:fix",
                            amount=Decimal(amount),
                            vendor=vendor,
                            corrects=entry_key,
                            recorded_at=at + datetime.timedelta(days=2),
                            note="ผู้ค้าแจ้งยอดขายใหม่: บันทึกเกินไป 1,000 บาท",
                        )
                    )
                else:
                    event.entries.append(
                        EntrySpec(key=entry_key, amount=Decimal(amount), vendor=vendor, recorded_at=at)
                    )
        elif i in corrected:
            wrong = _typo(event.amount, rng)
            event.entries.append(EntrySpec(key=f"{key}:t", amount=Decimal(wrong), recorded_at=at))
            fix_note = "แก้ตัวเลขที่พิมพ์ผิดตามใบสรุปยอดของผู้จัดตลาด"
            if i == twice:
                still_wrong = event.amount + 10
                event.entries.append(
                    EntrySpec(
                        key=f"{key}:t:fix",
                        amount=Decimal(still_wrong),
                        corrects=f"{key}:t",
                        recorded_at=at + datetime.timedelta(days=1),
                        note=fix_note,
                    )
                )
                event.entries.append(
                    EntrySpec(
                        key=f"{key}:t:fix2",
                        amount=Decimal(event.amount),
                        corrects=f"{key}:t:fix",
                        recorded_at=at + datetime.timedelta(days=3),
                        note="แก้อีกครั้ง: ยอดเกิน 10 บาท",
                    )
                )
            else:
                event.entries.append(
                    EntrySpec(
                        key=f"{key}:t:fix",
                        amount=Decimal(event.amount),
                        corrects=f"{key}:t",
                        recorded_at=at + datetime.timedelta(days=2),
                        note=fix_note,
                    )
                )
        else:
            event.entries.append(EntrySpec(key=f"{key}:t", amount=Decimal(event.amount), recorded_at=at))


def _typo(amount: int, rng: random.Random) -> int:
    """A plausible keying error: a digit dropped, one too many, or two digits swapped."""
    digits = str(amount)
    kind = rng.choice(["drop", "extra", "swap"])
    if kind == "drop":
        return int(digits[:-1])
    if kind == "extra":
        return int(digits + digits[-1])
    i = rng.randrange(len(digits) - 1)
    swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    return int(swapped) if swapped != digits else amount + 100


# --- Thung Song's vendor register (231 vendors, all local) and its last season vendor by vendor ----

VENDOR_PEOPLE = [
    "ป้าแดง",
    "ลุงดำ",
    "ยายเนียม",
    "แม่บัว",
    "ตาทอง",
    "พี่ศรี",
    "น้าพร",
    "ป้าจันทร์",
    "ลุงคำ",
    "ยายผิน",
    "แม่หอม",
    "พี่นก",
    "น้องแนน",
    "ป้าอ้อย",
    "ลุงเพิ่ม",
    "แม่ละเอียด",
    "พี่หมี",
    "ก๊ะเยาะ",
    "บังมาน",
    "ป้าสุนีย์",
    "ลุงเลื่อน",
    "แม่สมจิต",
    "พี่ต้อย",
    "ป้าเขียว",
    "ลุงแปลก",
    "แม่ประไพ",
    "พี่วัน",
    "ยายขาว",
    "น้าเอียด",
    "ก๊ะนะ",
]
VENDOR_GOODS = [
    ("ผ้าทอ", "ผ้าทอมือ"),
    ("ขนมจีน", "ขนมจีนน้ำยาปักษ์ใต้"),
    ("กาแฟโบราณ", "กาแฟโบราณ"),
    ("ข้าวยำ", "ข้าวยำสมุนไพร"),
    ("ขนมครก", "ขนมครก"),
    ("จักสาน", "จักสานย่านลิเภา"),
    ("น้ำพริก", "น้ำพริกและน้ำบูดู"),
    ("ลูกหยี", "ลูกหยีกวน"),
    ("ไก่ทอด", "ไก่ทอดหาดใหญ่"),
    ("โรตี", "โรตีชาชัก"),
]
THUNG_SONG_REGISTER_SEED = f"{SEED}:thung-song-register"
# The season logged vendor by vendor: Thung Song's last fiscal year (ปีงบประมาณ 2567).
VENDOR_SEASON = (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))


def thung_song_register() -> list[VendorSpec]:
    """231 vendors, every one local (the market's shared community rules). One's lines name it three
    ways: "ลุงดำ ผ้าทอ", "ลุงดำผ้าทอ" (the same key) and "ร้านผ้าทอลุงดำ" (an alias in the register)."""
    rng = random.Random(THUNG_SONG_REGISTER_SEED)
    pairs = [(person, goods) for person in VENDOR_PEOPLE for goods in VENDOR_GOODS]
    named = [("ลุงดำ", VENDOR_GOODS[0]), ("ป้าแดง", VENDOR_GOODS[4])]  # the two the README's story uses
    pairs = [pair for pair in pairs if pair not in named]
    chosen = [*named, *rng.sample(pairs, THUNG_SONG["vendors"] - len(named))]
    vendors = []
    for n, (person, (short, goods)) in enumerate(chosen):
        # The market's first vendors joined at its opening; the rest as it grew.
        joined = datetime.date(2020, 1, 5) + datetime.timedelta(days=0 if n < 120 else rng.randint(30, 1500))
        vendors.append(
            VendorSpec(
                name=f"{person} {short}",
                goods=goods,
                joined_on=joined,
                aliases=("ร้านผ้าทอลุงดำ",) if n == 0 else (),
                weight=rng.lognormvariate(0, 0.45),
            )
        )
    return vendors


def _thung_song_vendors(market: MarketSpec) -> None:
    """The register, and the last season's nights logged vendor by vendor (each night's total exact).
    A few nights write ลุงดำ's name without its space, and one vendor's name with a typo that the
    register does not know yet ("ป้าแดง ขนมคก"): the organiser's page offers it as ป้าแดง ขนมครก."""
    rng = random.Random(f"{THUNG_SONG_REGISTER_SEED}:lines")
    market.vendors = thung_song_register()
    start, end = VENDOR_SEASON
    typo_nights = 0
    for event in market.events:
        if not start <= event.held_on <= end or any(e.corrects for e in event.entries):
            continue  # a night with a corrected typo keeps its story
        joined = [v for v in market.vendors if v.joined_on <= event.held_on]
        present = rng.sample(joined, min(event.vendors_present, len(joined)))
        event.vendors_present = len(present)
        amounts = split_exactly(event.amount, [v.weight * rng.uniform(0.7, 1.3) for v in present])
        at = event.entries[0].recorded_at
        key = f"{market.key}:{event.held_on.isoformat()}"
        event.note = "บันทึกยอดขายรายร้าน"
        event.entries = []
        for j, (vendor, amount) in enumerate(zip(present, amounts, strict=True)):
            written = vendor.name
            if vendor.aliases and rng.random() < 0.3:
                written = rng.choice(["ลุงดำผ้าทอ", *vendor.aliases])  # no space: the same key
            elif written == "ป้าแดง ขนมครก" and typo_nights < 4 and rng.random() < 0.2:
                written, typo_nights = "ป้าแดง ขนมคก", typo_nights + 1
            event.entries.append(
                EntrySpec(key=f"{key}:r{j}", amount=Decimal(amount), vendor=written, recorded_at=at)
            )
