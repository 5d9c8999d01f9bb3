# ruff: noqa: E501  (tables of Thai/English strings: one record per line reads best)
"""The 10 Thai members of the UNESCO Global Network of Learning Cities and their learning spaces.

Join years, approval dates and the named spaces are the report's (FACTS.md). The UNESCO profile
figures (population, area, GDP per capita, years of schooling) are rounded public estimates or
INVENTED for the demo where no public figure was at hand: see the comments on each. Pure data.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from culturalmap.core.codes import new_code
from learningcity.models import Challenge

from .names import fill_place
from .sampling import ProvinceSampler, TambonSampler, footprint
from .shares import split_exactly

SEED = "culturalmap-demo-learning-v1"
PHAYAO_LEARNERS = 144_663  # learners over all of Phayao's learning spaces (the report)
THAILAND_GDP_PER_CAPITA_USD = "7180.00"  # World Bank, 2023, rounded
GNLC_APPROVED_2024 = datetime.date(2024, 2, 14)  # Yala and Khon Kaen


@dataclass
class CitySpec:
    key: str
    code: str
    fields: dict
    location: Point
    area: MultiPolygon | None


@dataclass
class SpaceSpec:
    key: str
    code: str
    city: str
    name_th: str
    name_en: str
    space_type: str
    geom: BaseGeometry
    description_th: str = ""
    description_en: str = ""
    opening_hours: str = ""
    programmes: str = ""
    audiences: list[str] = field(default_factory=list)
    accessibility: str = ""
    contact: str = ""
    learners_per_year: int | None = None


@dataclass
class LearningCatalogue:
    cities: list[CitySpec]
    spaces: list[SpaceSpec]


# key, Thai, English, province, local government (Thai, English), joined, approved on, lon, lat,
# population, area km² (rounded public figures for the municipality: approximate), website (only
# where the municipality's own site is well known)
CITIES = [
    (
        "chiangrai",
        "เชียงราย",
        "Chiang Rai",
        "57",
        "เทศบาลนครเชียงราย",
        "Chiang Rai City Municipality",
        2019,
        None,
        99.8325,
        19.9105,
        69_000,
        60.85,
        "",
    ),
    (
        "chiangmai",
        "เชียงใหม่",
        "Chiang Mai",
        "50",
        "เทศบาลนครเชียงใหม่",
        "Chiang Mai City Municipality",
        2020,
        None,
        98.9853,
        18.7883,
        127_000,
        40.22,
        "https://www.cmcity.go.th",
    ),
    (
        "phuket",
        "ภูเก็ต",
        "Phuket",
        "83",
        "เทศบาลนครภูเก็ต",
        "Phuket City Municipality",
        2020,
        None,
        98.3923,
        7.8804,
        79_000,
        12.00,
        "https://www.phuketcity.go.th",
    ),
    (
        "chachoengsao",
        "ฉะเชิงเทรา",
        "Chachoengsao",
        "24",
        "เทศบาลเมืองฉะเชิงเทรา",
        "Chachoengsao Town Municipality",
        2020,
        None,
        101.0779,
        13.6904,
        38_000,
        11.50,
        "",
    ),
    (
        "sukhothai",
        "สุโขทัย",
        "Sukhothai",
        "64",
        "เทศบาลเมืองสุโขทัยธานี",
        "Sukhothai Thani Town Municipality",
        2022,
        None,
        99.8230,
        17.0070,
        23_000,
        17.20,
        "",
    ),
    (
        "phayao",
        "พะเยา",
        "Phayao",
        "56",
        "เทศบาลเมืองพะเยา",
        "Phayao Town Municipality",
        2022,
        None,
        99.8980,
        19.1700,
        17_000,
        7.50,
        "",
    ),
    (
        "hatyai",
        "หาดใหญ่",
        "Hat Yai",
        "90",
        "เทศบาลนครหาดใหญ่",
        "Hat Yai City Municipality",
        2022,
        None,
        100.4747,
        7.0086,
        150_000,
        21.00,
        "https://www.hatyaicity.go.th",
    ),
    (
        "bangkok",
        "กรุงเทพมหานคร",
        "Bangkok",
        "10",
        "กรุงเทพมหานคร",
        "Bangkok Metropolitan Administration",
        2024,
        None,
        100.5018,
        13.7563,
        5_470_000,
        1568.74,
        "https://www.bangkok.go.th",
    ),
    (
        "khonkaen",
        "ขอนแก่น",
        "Khon Kaen",
        "40",
        "เทศบาลนครขอนแก่น",
        "Khon Kaen City Municipality",
        2024,
        GNLC_APPROVED_2024,
        102.8359,
        16.4322,
        110_000,
        46.00,
        "",
    ),
    (
        "yala",
        "ยะลา",
        "Yala",
        "95",
        "เทศบาลนครยะลา",
        "Yala City Municipality",
        2024,
        GNLC_APPROVED_2024,
        101.2815,
        6.5470,
        61_000,
        19.40,
        "https://www.yalacity.go.th",
    ),
]

CHALLENGES = Challenge.values  # stored by code (learningcity.models.Challenge)

# Named spaces: city, Thai, English, type, geometry kind, (lon, lat) or a path, description (th, en)
NAMED_SPACES = [
    (
        "yala",
        "ตรอกสุ่ย",
        "Trok Sui co-learning lane",
        "co_learning_space",
        "lane",
        [(101.2838, 6.5492), (101.2861, 6.5481)],
        "พื้นที่เรียนรู้ร่วมในตรอกที่เชื่อมสถานีรถไฟกับย่านเศรษฐกิจ",
        "A co-learning space in the lane that links the railway with the economic district",
    ),
    (
        "yala",
        "สะพานดำ",
        "Saphan Dam (the black bridge)",
        "co_learning_space",
        "point",
        (101.2822, 6.5512),
        "พื้นที่เรียนรู้ร่วมที่สะพานเหล็กสีดำข้างสถานีรถไฟยะลา",
        "A co-learning space at the black iron bridge by Yala station",
    ),
    (
        "yala",
        "อุทยานการเรียนรู้ยะลา (TK Park Yala)",
        "Yala learning park (TK Park Yala)",
        "library",
        "point",
        (101.2870, 6.5440),
        "ห้องสมุดมีชีวิตของเทศบาลนครยะลา",
        "Yala City Municipality's living library",
    ),
    (
        "yala",
        "ศูนย์เรียนรู้สวนขวัญเมือง",
        "Suan Khwan Mueang learning centre",
        "community_learning_centre",
        "point",
        (101.2910, 6.5390),
        "ลานกิจกรรมการเรียนรู้สำหรับครอบครัวในสวนสาธารณะของเมือง",
        "Family learning activities in the city's park",
    ),
    (
        "khonkaen",
        "ถนนศรีจันทร์ พื้นที่นำร่องเมืองแห่งการเรียนรู้",
        "Sri Chan Road learning-city pilot",
        "learning_route",
        "line",
        [(102.8150, 16.4310), (102.8250, 16.4312), (102.8350, 16.4316), (102.8450, 16.4318)],
        "ถนนสายหลักกลางเมืองที่ทดลองเป็นพื้นที่เรียนรู้ตลอดชีวิต",
        "The central avenue piloted as a lifelong-learning street",
    ),
    (
        "khonkaen",
        "เขื่อนโบราณ แหล่งเรียนรู้การจัดการน้ำ",
        "The ancient dam (water-heritage learning source)",
        "learning_source",
        "point",
        (102.8330, 16.4140),
        "คันดินกักเก็บน้ำโบราณ ใช้เรียนรู้ประวัติศาสตร์การจัดการน้ำของเมือง",
        "An ancient earthen dam used to learn the city's water history",
    ),
    (
        "khonkaen",
        "นิทรรศการศาลากลางจังหวัดขอนแก่น",
        "Khon Kaen provincial hall exhibits",
        "museum",
        "point",
        (102.8353, 16.4445),
        "นิทรรศการประวัติเมืองขอนแก่นในอาคารศาลากลางจังหวัด",
        "Exhibits on the city's history in the provincial hall",
    ),
    (
        "khonkaen",
        "พิพิธภัณฑ์มีชีวิตขอนแก่น",
        "Khon Kaen Living Museum",
        "museum",
        "polygon",
        (102.8320, 16.4260),
        "พิพิธภัณฑ์ที่ชุมชนเป็นผู้เล่าเรื่องเมืองด้วยตนเอง",
        "A museum in which the communities tell the city's story themselves",
    ),
    (
        "khonkaen",
        "ห้องสมุดประชาชนเทศบาลนครขอนแก่น",
        "Khon Kaen municipal public library",
        "library",
        "point",
        (102.8380, 16.4300),
        "",
        "",
    ),
    (
        "phayao",
        "เส้นทางการเรียนรู้ริมกว๊านพะเยาฝั่งตะวันออก",
        "Kwan Phayao east-shore learning route",
        "learning_route",
        "line",
        [(99.8905, 19.1520), (99.8925, 19.1600), (99.8945, 19.1680), (99.8930, 19.1760), (99.8890, 19.1850)],
        "เส้นทางเดินและปั่นจักรยานเรียนรู้วิถีประมงและนิเวศของกว๊านพะเยา",
        "A walking and cycling route on the fishing life and ecology of Kwan Phayao",
    ),
    (
        "phayao",
        "เส้นทางการเรียนรู้เมืองเก่าเวียงพะเยา",
        "Old Wiang Phayao heritage learning route",
        "learning_route",
        "line",
        [(99.8960, 19.1620), (99.9000, 19.1660), (99.9050, 19.1700), (99.9120, 19.1760), (99.9250, 19.1790)],
        "เส้นทางเรียนรู้ประวัติศาสตร์เมืองพะเยาจากกว๊านสู่ดอยบุษราคัม",
        "A heritage route from the lake to Doi Butsarakham",
    ),
    (
        "phayao",
        "วัดศรีโคมคำ",
        "Wat Si Khom Kham",
        "learning_source",
        "point",
        (99.8885, 19.1870),
        "วัดริมกว๊านพะเยา ประดิษฐานพระเจ้าตนหลวง",
        "The lakeside temple of the Phra Chao Ton Luang Buddha",
    ),
    (
        "phayao",
        "หอวัฒนธรรมนิทัศน์",
        "Ho Watthanatham Nithat museum",
        "learning_source",
        "point",
        (99.8892, 19.1880),
        "พิพิธภัณฑ์ศิลาจารึกและโบราณวัตถุของพะเยา",
        "Phayao's museum of stone inscriptions and antiquities",
    ),
    ("phayao", "วัดลี", "Wat Li", "learning_source", "point", (99.8980, 19.1640), "", ""),
    (
        "phayao",
        "วัดอนาลโยทิพยาราม",
        "Wat Analayo Thipphayaram",
        "learning_source",
        "point",
        (99.9250, 19.1790),
        "",
        "",
    ),
    (
        "phayao",
        "ศูนย์วิจัยและพัฒนาประมงน้ำจืดพะเยา",
        "Phayao inland fisheries research centre",
        "learning_source",
        "point",
        (99.8860, 19.1600),
        "",
        "",
    ),
    (
        "phayao",
        "อนุสาวรีย์พ่อขุนงำเมือง",
        "King Ngam Mueang monument",
        "learning_source",
        "point",
        (99.8948, 19.1625),
        "",
        "",
    ),
    (
        "chiangrai",
        "ห้องสมุดประชาชนเทศบาลนครเชียงราย",
        "Chiang Rai municipal public library",
        "library",
        "point",
        (99.8330, 19.9080),
        "",
        "",
    ),
    (
        "chiangrai",
        "ศูนย์การเรียนรู้ชุมชนริมน้ำกก",
        "Kok riverside community learning centre",
        "community_learning_centre",
        "point",
        (99.8300, 19.9250),
        "",
        "",
    ),
    (
        "chiangrai",
        "ข่วงเรียนรู้หอนาฬิกา",
        "Clock tower learning square",
        "co_learning_space",
        "point",
        (99.8310, 19.9070),
        "",
        "",
    ),
    (
        "chiangmai",
        "หอศิลปวัฒนธรรมเมืองเชียงใหม่",
        "Chiang Mai City Arts and Cultural Centre",
        "museum",
        "point",
        (98.9875, 18.7905),
        "",
        "",
    ),
    (
        "chiangmai",
        "ศูนย์การเรียนรู้ชุมชนวัดเกตการาม",
        "Wat Ket community learning centre",
        "community_learning_centre",
        "point",
        (99.0020, 18.7900),
        "",
        "",
    ),
    (
        "chiangmai",
        "ห้องสมุดเทศบาลนครเชียงใหม่",
        "Chiang Mai municipal library",
        "library",
        "point",
        (98.9930, 18.7960),
        "",
        "",
    ),
    ("phuket", "พิพิธภัณฑ์ภูเก็ตไทยหัว", "Phuket Thaihua Museum", "museum", "point", (98.3866, 7.8853), "", ""),
    (
        "phuket",
        "ห้องสมุดเทศบาลนครภูเก็ต",
        "Phuket municipal library",
        "library",
        "point",
        (98.3900, 7.8830),
        "",
        "",
    ),
    (
        "phuket",
        "ศูนย์เรียนรู้ชุมชนเมืองเก่าภูเก็ต",
        "Phuket old town community learning centre",
        "community_learning_centre",
        "point",
        (98.3880, 7.8860),
        "",
        "",
    ),
    (
        "chachoengsao",
        "พิพิธภัณฑ์ตลาดบ้านใหม่",
        "Ban Mai market museum",
        "museum",
        "point",
        (101.0620, 13.6900),
        "",
        "",
    ),
    (
        "chachoengsao",
        "ศูนย์การเรียนรู้ริมแม่น้ำบางปะกง",
        "Bang Pakong riverside learning centre",
        "community_learning_centre",
        "point",
        (101.0780, 13.6850),
        "",
        "",
    ),
    (
        "chachoengsao",
        "ห้องสมุดประชาชนเทศบาลเมืองฉะเชิงเทรา",
        "Chachoengsao municipal library",
        "library",
        "point",
        (101.0760, 13.6920),
        "",
        "",
    ),
    (
        "sukhothai",
        "พิพิธภัณฑสถานแห่งชาติ รามคำแหง",
        "Ramkhamhaeng National Museum",
        "museum",
        "point",
        (99.7060, 17.0190),
        "",
        "",
    ),
    (
        "sukhothai",
        "ศูนย์การเรียนรู้ชุมชนเมืองสุโขทัยธานี",
        "Sukhothai Thani community learning centre",
        "community_learning_centre",
        "point",
        (99.8220, 17.0060),
        "",
        "",
    ),
    (
        "sukhothai",
        "ห้องสมุดเทศบาลเมืองสุโขทัยธานี",
        "Sukhothai Thani municipal library",
        "library",
        "point",
        (99.8240, 17.0090),
        "",
        "",
    ),
    (
        "hatyai",
        "ห้องสมุดเทศบาลนครหาดใหญ่",
        "Hat Yai municipal library",
        "library",
        "point",
        (100.4720, 7.0060),
        "",
        "",
    ),
    (
        "hatyai",
        "ลานเรียนรู้ตลาดกิมหยง",
        "Kim Yong market learning square",
        "co_learning_space",
        "point",
        (100.4745, 7.0070),
        "",
        "",
    ),
    (
        "hatyai",
        "ศูนย์เรียนรู้ผู้สูงอายุสวนสาธารณะหาดใหญ่",
        "Hat Yai park elders' learning centre",
        "community_learning_centre",
        "point",
        (100.4800, 7.0000),
        "",
        "",
    ),
    (
        "bangkok",
        "อุทยานการเรียนรู้ TK Park",
        "TK Park learning park",
        "library",
        "point",
        (100.5395, 13.7466),
        "",
        "",
    ),
    (
        "bangkok",
        "ห้องสมุดเมืองกรุงเทพมหานคร",
        "Bangkok City Library",
        "library",
        "point",
        (100.5014, 13.7567),
        "",
        "",
    ),
    ("bangkok", "มิวเซียมสยาม", "Museum Siam", "museum", "point", (100.4940, 13.7440), "", ""),
    (
        "bangkok",
        "ศูนย์สร้างสุขทุกวัยเขตบางกอกน้อย",
        "Bangkok Noi all-ages wellbeing centre",
        "community_learning_centre",
        "point",
        (100.4760, 13.7640),
        "",
        "",
    ),
]

# Phayao's other learning sources (the report counts 30 with the seven named above).
PHAYAO_SOURCES = [  # name templates and what each teaches
    (
        "ศูนย์เรียนรู้ผ้าทอไทลื้อบ้าน{p}",
        "Tai Lue weaving learning centre, Ban {p}",
        "ฝึกทอผ้าลายน้ำไหลและย้อมสีธรรมชาติ หลักสูตร 15 ชั่วโมง",
    ),
    (
        "แหล่งเรียนรู้เกษตรอินทรีย์บ้าน{p}",
        "Organic farming learning source, Ban {p}",
        "ทำปุ๋ยหมัก ปลูกผักปลอดสาร และขายผ่านตลาดชุมชน",
    ),
    (
        "ศูนย์เรียนรู้ประมงพื้นบ้านกว๊านพะเยา บ้าน{p}",
        "Kwan Phayao fishing-life learning centre, Ban {p}",
        "ทำเครื่องมือจับปลาพื้นบ้านและแปรรูปปลาจากกว๊าน",
    ),
    (
        "แหล่งเรียนรู้เครื่องจักสานผักตบชวาบ้าน{p}",
        "Water-hyacinth weaving learning source, Ban {p}",
        "สานกระเป๋าและตะกร้าจากผักตบชวา หลักสูตร 15 ชั่วโมง",
    ),
    (
        "ศูนย์การเรียนรู้ภูมิปัญญาสมุนไพรบ้าน{p}",
        "Herbal wisdom learning centre, Ban {p}",
        "ทำลูกประคบ ยาหม่อง และสบู่สมุนไพร",
    ),
    ("แหล่งเรียนรู้วัด{p}", "Wat {p} learning source", "ฟังประวัติวัดและชุมชน ฝึกเขียนอักษรธรรมล้านนา"),
    ("ศูนย์การเรียนรู้ผู้สูงอายุบ้าน{p}", "Elders' learning centre, Ban {p}", "ออกกำลังกายผู้สูงอายุ ใช้สมาร์ตโฟน และงานฝีมือ"),
    ("แหล่งเรียนรู้ดนตรีพื้นเมืองบ้าน{p}", "Folk music learning source, Ban {p}", "ฝึกสะล้อ ซึง และขับซอพะเยาให้เยาวชน"),
]
PHAYAO_SOURCE_COUNT = 30
PHAYAO_ROUTE_COUNT = 2

# Opening hours and programmes by type of space: a few of each, so two libraries need not keep the
# same hours; a learning source kept by a villager opens by appointment.
OPENING_HOURS = {
    "library": [
        "อังคาร–อาทิตย์ 09:00–19:00",
        "จันทร์–ศุกร์ 08:30–20:00 เสาร์–อาทิตย์ 09:00–17:00",
        "ทุกวัน 08:00–18:00 (ปิดวันหยุดนักขัตฤกษ์)",
    ],
    "museum": ["พุธ–อาทิตย์ 09:00–16:30", "อังคาร–อาทิตย์ 09:00–16:00", "ทุกวัน 08:30–16:30 (ปิดวันจันทร์ที่ตรงกับวันหยุด)"],
    "community_learning_centre": ["จันทร์–ศุกร์ 08:30–16:30", "จันทร์–เสาร์ 09:00–17:00", "อังคาร–เสาร์ 13:00–20:00"],
    "co_learning_space": [
        "ทุกวัน 10:00–21:00",
        "ศุกร์–อาทิตย์ 16:00–22:00",
        "จันทร์–ศุกร์ 12:00–20:00 เสาร์ 10:00–22:00",
    ],
    "learning_source": [
        "เปิดตามนัดหมาย โทรแจ้งล่วงหน้าอย่างน้อย 1 วัน",
        "จันทร์–เสาร์ 08:30–16:30",
        "ทุกวัน 09:00–17:00 (ยกเว้นวันพระ)",
        "เสาร์–อาทิตย์ 08:00–16:00 วันธรรมดาเปิดสำหรับหมู่คณะที่นัดไว้",
        "ทุกวัน 07:00–17:00 ช่วงเช้ามีการทำงานให้ชม",
    ],
    "learning_route": ["ตลอดวัน มีผู้นำเดินทุกเสาร์ 07:00", "ตลอดวัน ป้ายสื่อความหมายมีคิวอาร์โค้ดฟังเสียงบรรยาย"],
}
PROGRAMMES = {
    "library": ["ชมรมอ่านหนังสือ, อบรมทักษะดิจิทัล, กิจกรรมเล่านิทาน", "ห้องสมุดเคลื่อนที่, สอนใช้โทรศัพท์ให้ผู้สูงอายุ, ติวหนังสือ"],
    "museum": ["นำชมนิทรรศการ, เวิร์กช็อปประวัติศาสตร์ท้องถิ่น", "ค่ายนักสืบประวัติศาสตร์สำหรับเยาวชน, นิทรรศการหมุนเวียน"],
    "community_learning_centre": [
        "อาชีพเสริม, ภาษาอังกฤษเพื่อการสื่อสาร, สุขภาพผู้สูงอายุ",
        "หลักสูตรทำขนมพื้นบ้าน, บัญชีครัวเรือน, ขายของออนไลน์",
    ],
    "co_learning_space": [
        "ตลาดความรู้, เวทีเยาวชน, ห้องเรียนชุมชนเคลื่อนที่",
        "ดนตรีในสวน, วงเสวนาเรื่องเมือง, ตลาดงานคราฟต์",
    ],
    "learning_source": ["เรียนรู้ภูมิปัญญาท้องถิ่นจากปราชญ์ชุมชน"],
    "learning_route": ["เดินและปั่นจักรยานเรียนรู้ พร้อมป้ายสื่อความหมายและคิวอาร์โค้ด"],
}
# Telephone area codes of the learning cities' provinces (the office numbers of their spaces).
AREA_CODES = {
    "57": "053",
    "50": "053",
    "83": "076",
    "24": "038",
    "64": "055",
    "56": "054",
    "90": "074",
    "10": "02",
    "40": "043",
    "95": "073",
}


def _code(prefix: str, key: str) -> str:
    return new_code(prefix, rng=random.Random(f"{SEED}:{prefix}:{key}"))


def _regular_polygon(lon: float, lat: float, area_km2: float, sides: int = 12) -> Polygon:
    radius = math.sqrt(area_km2 / math.pi) / 111.0
    return Polygon(
        [
            (
                round(lon + radius * math.cos(2 * math.pi * i / sides) / math.cos(math.radians(lat)), 6),
                round(lat + radius * math.sin(2 * math.pi * i / sides), 6),
            )
            for i in range(sides)
        ]
    )


def _place(
    sampler: ProvinceSampler, province: str, geom: BaseGeometry, rng: random.Random, near: tuple[float, float]
) -> BaseGeometry:
    """The geometry as given if it lies inside the province; a point nearby inland otherwise."""
    if sampler.is_inside(province, geom):
        return geom
    return Point(*sampler.point(province, rng, near=near, spread=0.03))


def learning_catalogue(sampler: ProvinceSampler, tambons: TambonSampler) -> LearningCatalogue:
    rng = random.Random(SEED)
    cities, provinces = [], {}
    for key, th, en, prov, gov_th, gov_en, joined, approved, lon, lat, population, km2, website in CITIES:
        provinces[key] = prov
        area = None
        if key != "bangkok":  # Bangkok's stated area is its whole province
            polygon = _regular_polygon(lon, lat, km2)
            area = MultiPolygon([polygon]) if sampler.is_inside(prov, polygon) else None
        cities.append(
            CitySpec(
                key=key,
                code=_code("LC", key),
                location=Point(lon, lat),
                area=area,
                fields={
                    "name_th": th,
                    "name_en": en,
                    "province": prov,
                    "local_government_th": gov_th,
                    "local_government_en": gov_en,
                    "joined_year": joined,
                    "approved_on": approved,
                    "website": website,
                    # The office, not a person's name: the demo invents no real people.
                    "mayor": (
                        f"นายกเทศมนตรี{gov_th.removeprefix('เทศบาล')}"
                        if key != "bangkok"
                        else "ผู้ว่าราชการกรุงเทพมหานคร"
                    ),
                    # An office, never an invented address: the page shows no e-mail it cannot stand by.
                    "contact_name": f"กองการศึกษา {gov_th}"
                    if key != "bangkok"
                    else "สำนักการศึกษา กรุงเทพมหานคร",
                    "contact_email": "",
                    "data_year": 2023,
                    "population": population,
                    "area_km2": f"{km2:.2f}",
                    # INVENTED for the demo: city GDP per capita and years of schooling.
                    "gdp_per_capita_city_usd": f"{rng.uniform(5200, 11800):.2f}",
                    "gdp_per_capita_country_usd": THAILAND_GDP_PER_CAPITA_USD,
                    "schooling_years_men": f"{rng.uniform(8.6, 11.2):.1f}",
                    "schooling_years_women": f"{rng.uniform(8.4, 11.4):.1f}",
                    "motivation": f"{th}มุ่งเป็นเมืองที่ทุกคนเรียนรู้ได้ตลอดชีวิต ใช้ทุนทางวัฒนธรรมและพื้นที่สาธารณะของเมือง"
                    f"เป็นห้องเรียน เพื่อลดความเหลื่อมล้ำและสร้างความภาคภูมิใจในท้องถิ่น",
                    "implementation": f"{gov_th}ร่วมกับมหาวิทยาลัย โรงเรียน และชุมชน จัดพื้นที่เรียนรู้ใกล้บ้าน "
                    f"อบรมผู้บริหารการเรียนรู้ระดับเมือง และติดตามผลด้วยฐานข้อมูลท้องถิ่นทุกปี",
                    "challenges": {name: rng.randint(2, 5) for name in CHALLENGES},
                },
            )
        )
    spaces = [_named_space(sampler, tambons, provinces, row, rng, i) for i, row in enumerate(NAMED_SPACES)]
    spaces += _phayao_sources(
        sampler,
        tambons,
        rng,
        already=sum(1 for s in spaces if s.city == "phayao" and s.space_type == "learning_source"),
    )
    _phayao_learners(spaces, rng)
    _drop_areas_that_miss_spaces(cities, spaces)
    return LearningCatalogue(cities=cities, spaces=spaces)


def _drop_areas_that_miss_spaces(cities: list[CitySpec], spaces: list[SpaceSpec]) -> None:
    # The stated area is a rough municipal footprint; where a city's spaces reach beyond it
    # (Phayao's learning sources are province-wide) the province is the city's area, or its
    # team could not move those spaces at all.
    for city in cities:
        if city.area is not None and not all(
            city.area.contains(s.geom) for s in spaces if s.city == city.key
        ):
            city.area = None


def _details(space: SpaceSpec, rng: random.Random, province: str, programmes: str = "") -> None:
    space.opening_hours = rng.choice(OPENING_HOURS[space.space_type])
    space.programmes = programmes or rng.choice(PROGRAMMES[space.space_type])
    space.audiences = sorted(
        rng.sample(["general", "youth", "elders", "informal_workers", "disabled"], rng.randint(2, 4))
    )
    space.accessibility = rng.choice(
        ["ทางลาดและห้องน้ำสำหรับผู้พิการ", "ทางเข้าระดับพื้น มีที่จอดรถผู้พิการ", "ชั้นล่างเข้าถึงได้ด้วยรถเข็น"]
    )
    area = AREA_CODES[province]
    number = (
        f"{rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        if area == "02"
        else (f"{rng.randint(200, 999)} {rng.randint(100, 999)}")
    )
    who = {
        "library": "งานห้องสมุด",
        "museum": "ฝ่ายนำชม",
        "learning_source": "เจ้าของแหล่งเรียนรู้",
        "learning_route": "ศูนย์บริการนักท่องเที่ยว",
    }.get(space.space_type, "ผู้ประสานงาน")
    space.contact = f"{who} โทร {area} {number}"
    if space.learners_per_year is None:
        space.learners_per_year = rng.randint(1_200, 30_000)


def _with_address(text: str, prefix: str, sampler: ProvinceSampler, tambons: TambonSampler, geom) -> str:
    """The text followed by where the space is (real sub-district and district names)."""
    tambon = tambons.at(geom)
    if tambon is None:
        raise ValueError(f"learning space at {geom.wkt[:50]} lies in no sub-district")
    where_th, _ = tambon.where(*sampler.names[tambon.province])
    return f"{text} {prefix}{where_th}".strip()


def _with_address_en(text: str, sampler: ProvinceSampler, tambons: TambonSampler, geom) -> str:
    tambon = tambons.at(geom)
    _, where_en = tambon.where(*sampler.names[tambon.province])
    return (f"{text}. " if text else "") + f"In {where_en}."


def _named_space(sampler, tambons, provinces, row, rng, i) -> SpaceSpec:
    city, th, en, space_type, kind, where, desc_th, desc_en = row
    prov = provinces[city]
    if kind == "point":
        geom, near = Point(*where), where
    elif kind == "polygon":
        geom, near = footprint(where[0], where[1], rng, 0.0012), where
    elif kind == "lane":  # a lane: a thin strip along its line
        geom, near = LineString(where).buffer(0.00015, cap_style="flat"), where[0]
    else:
        geom, near = LineString(where), where[0]
    key = f"{city}-{i:02d}"
    space = SpaceSpec(
        key=key,
        code=_code("LS", key),
        city=city,
        name_th=th,
        name_en=en,
        space_type=space_type,
        geom=_place(sampler, prov, geom, rng, near),
    )
    lead = "เส้นทางเริ่มที่" if space_type == "learning_route" else "ตั้งอยู่ที่"
    start = Point(space.geom.coords[0]) if space.geom.geom_type == "LineString" else space.geom
    space.description_th = _with_address(desc_th or th, lead, sampler, tambons, start)
    space.description_en = _with_address_en(desc_en, sampler, tambons, start)
    _details(space, rng, prov)
    return space


def _phayao_sources(
    sampler: ProvinceSampler, tambons: TambonSampler, rng: random.Random, already: int
) -> list[SpaceSpec]:
    # Around the town and the lake's east shore, where the city's learning sources are: the
    # sub-districts within ~10 km, each source named after (and lying in) its own.
    town = Point(99.905, 19.175)
    near_town = [t for t in tambons.by_province["56"] if t.geom.distance(town) < 0.09 and tambons.has_room(t)]
    spaces, seen = [], set()
    while already + len(spaces) < PHAYAO_SOURCE_COUNT:
        th_t, en_t, teaches = rng.choice(PHAYAO_SOURCES)
        tambon = rng.choice(near_town)
        th, en = fill_place(th_t, en_t, (tambon.name_th, tambon.name_en))
        if th in seen:
            continue
        seen.add(th)
        key = f"phayao-source-{len(spaces):02d}"
        point = Point(*tambons.point(tambon, rng))
        where_th, where_en = tambon.where(*sampler.names["56"])
        space = SpaceSpec(
            key=key,
            code=_code("LS", key),
            city="phayao",
            name_th=th,
            name_en=en,
            space_type="learning_source",
            geom=point,
            description_th=f"{th} {where_th} แหล่งเรียนรู้ของชุมชนในเครือข่ายเมืองแห่งการเรียนรู้พะเยา: {teaches}",
            description_en=f"{en}, {where_en}: a community learning source of the Phayao learning-city network",
        )
        _details(space, rng, "56", programmes=teaches)
        spaces.append(space)
    return spaces


def _phayao_learners(spaces: list[SpaceSpec], rng: random.Random) -> None:
    """Share the report's 144,663 learners over Phayao's spaces, exactly."""
    phayao = [s for s in spaces if s.city == "phayao"]
    weights = [rng.uniform(0.4, 2.5) * (3 if s.space_type == "learning_route" else 1) for s in phayao]
    counts = split_exactly(PHAYAO_LEARNERS, weights)
    for space, count in zip(phayao, counts, strict=True):
        space.learners_per_year = count
