# ruff: noqa: E501  (tables of Thai/English strings: one record per line reads best)
"""Courses, cohorts, outcomes and Key Features self-assessments of the demo's learning cities.

Phayao's figures are the report's, exactly (FACTS.md): 15-hour reskill/upskill modules; informal
workers recovered 34.8–58.5 % of the cost within 4–5 months, vulnerable and disabled learners 328.3 %
within 2 months; 448,419 baht of community income after learning, 22.42 times its first year (a first
year of 20,000 baht); 121 community innovators, 4 community enterprises. Yala's cut-work embroidery and
textile-design short courses and Khon Kaen's Khon Kaen Studies curriculum are the report's courses.
Every head count, date, application rate and rating is INVENTED for the demo, as are the other
cities' courses. Nine cities have no approved self-assessment (their pages read "not yet assessed").
Deterministic: fixed tables, no randomness.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from learningcity.models import (
    Cohort,
    Course,
    KeyFeatureAssessment,
    LearningCity,
    LearningSpace,
    Outcome,
    SelfAssessment,
)

from .learning import _code

D = datetime.date
PHAYAO_INCOME_BAHT = Decimal("448419")  # community income after learning (the report)
PHAYAO_FIRST_YEAR_INCOME_BAHT = Decimal("20000")  # 448,419 / 20,000 = 22.42 times (the report's multiple)


@dataclass
class CohortSpec:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    enrolled: int
    completed: int
    by_target_group: dict
    by_sex: dict
    # The follow-up, if any: survey date, method, respondents, applied, cost recovered %, months, group.
    outcome: tuple | None = None


@dataclass
class CourseSpec:
    key: str
    city: str
    title_th: str
    title_en: str
    kind: str
    hours: str
    space: str  # the learning space's Thai name (or its start); "" for none
    target_groups: list[str]
    skills: list[str]
    provider: str
    description_th: str
    cohorts: list[CohortSpec] = field(default_factory=list)


def _counts(**groups: tuple[int, int]) -> dict:
    return {g: {"enrolled": e, "completed": c} for g, (e, c) in groups.items()}


COURSES = [
    CourseSpec(
        "phayao-hyacinth",
        "phayao",
        "การแปรรูปผักตบชวาเป็นผลิตภัณฑ์จักสาน",
        "Water-hyacinth weaving for income",
        "module",
        "15",
        "แหล่งเรียนรู้เครื่องจักสานผักตบชวาบ้าน",
        ["informal_workers"],
        ["จักสานผักตบชวา", "ออกแบบผลิตภัณฑ์", "ตั้งราคาและขาย"],
        "เทศบาลเมืองพะเยา ร่วมกับปราชญ์ชุมชน",
        "โมดูลพัฒนาทักษะ (reskill/upskill) 15 ชั่วโมง สำหรับแรงงานนอกระบบรอบกว๊านพะเยา",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2022, 11, 14),
                D(2022, 11, 18),
                30,
                27,
                _counts(informal_workers=(30, 27)),
                _counts(female=(22, 20), male=(8, 7)),
                (D(2023, 4, 20), "follow_up_visit", 27, 14, "34.8", 5, "informal_workers"),
            ),
            CohortSpec(
                "รุ่นที่ 2",
                D(2023, 6, 5),
                D(2023, 6, 9),
                28,
                26,
                _counts(informal_workers=(28, 26)),
                _counts(female=(19, 18), male=(9, 8)),
                (D(2023, 10, 10), "follow_up_visit", 26, 15, "47.1", 5, "informal_workers"),
            ),
        ],
    ),
    CourseSpec(
        "phayao-guides",
        "phayao",
        "นักสื่อความหมายเส้นทางเรียนรู้ริมกว๊านพะเยา",
        "Kwan Phayao learning-route guides",
        "module",
        "15",
        "เส้นทางการเรียนรู้ริมกว๊านพะเยาฝั่งตะวันออก",
        ["informal_workers", "youth"],
        ["เล่าเรื่องวิถีประมง", "นำเที่ยวเชิงเรียนรู้", "ปฐมพยาบาลเบื้องต้น"],
        "เทศบาลเมืองพะเยา",
        "เส้นทางการเรียนรู้ที่พร้อมสร้างรายได้: ชาวบ้านริมกว๊านเป็นผู้นำเรียนรู้",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2023, 1, 9),
                D(2023, 1, 13),
                25,
                24,
                _counts(informal_workers=(15, 15), youth=(10, 9)),
                _counts(female=(13, 13), male=(12, 11)),
                (D(2023, 5, 25), "interview", 24, 16, "58.5", 4, "informal_workers"),
            ),
        ],
    ),
    CourseSpec(
        "phayao-online",
        "phayao",
        "การตลาดออนไลน์สำหรับผลิตภัณฑ์ชุมชน",
        "Online marketing for community products",
        "module",
        "15",
        "",
        ["informal_workers", "vulnerable_disabled"],
        ["ถ่ายภาพสินค้า", "ขายผ่านสื่อสังคมออนไลน์", "บัญชีรายรับรายจ่าย"],
        "มหาวิทยาลัยพะเยา",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2023, 11, 20),
                D(2023, 11, 24),
                32,
                29,
                _counts(informal_workers=(24, 22), vulnerable_disabled=(8, 7)),
                _counts(female=(21, 19), male=(11, 10)),
                (D(2024, 3, 15), "questionnaire", 29, 17, None, None, ""),
            ),
        ],
    ),
    CourseSpec(
        "phayao-herbal",
        "phayao",
        "ขนมพื้นเมืองและสมุนไพรเพื่ออาชีพ สำหรับผู้พิการและกลุ่มเปราะบาง",
        "Local snacks and herbal products: a living for disabled and vulnerable learners",
        "module",
        "15",
        "ศูนย์การเรียนรู้ภูมิปัญญาสมุนไพรบ้าน",
        ["vulnerable_disabled"],
        ["แปรรูปสมุนไพร", "ขนมพื้นเมือง", "บรรจุภัณฑ์"],
        "เทศบาลเมืองพะเยา ร่วมกับชมรมผู้พิการ",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 1, 15),
                D(2024, 1, 19),
                18,
                18,
                _counts(vulnerable_disabled=(18, 18)),
                _counts(female=(11, 11), male=(7, 7)),
                (D(2024, 3, 20), "income_records", 18, 15, "328.3", 2, "vulnerable_disabled"),
            ),
        ],
    ),
    CourseSpec(
        "yala-cutwork",
        "yala",
        "การปักผ้าฉลุลาย (cut-work embroidery)",
        "Cut-work embroidery",
        "short_course",
        "30",
        "ตรอกสุ่ย",
        ["single_mothers", "informal_workers"],
        ["ปักฉลุลาย", "เลือกผ้าและด้าย", "ตกแต่งผลิตภัณฑ์"],
        "เทศบาลนครยะลา",
        "หลักสูตรระยะสั้นในพื้นที่เรียนรู้ร่วมตรอกสุ่ย",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 3, 4),
                D(2024, 3, 15),
                24,
                21,
                _counts(single_mothers=(14, 13), informal_workers=(10, 8)),
                _counts(female=(24, 21)),
                (D(2024, 7, 10), "interview", 20, 9, "22.5", 4, "single_mothers"),
            ),
            CohortSpec(
                "รุ่นที่ 2",
                D(2024, 8, 5),
                D(2024, 8, 16),
                20,
                19,
                _counts(single_mothers=(12, 12), informal_workers=(8, 7)),
                _counts(female=(20, 19)),
                (D(2024, 12, 12), "interview", 19, 8, None, None, ""),
            ),
        ],
    ),
    CourseSpec(
        "yala-textile",
        "yala",
        "การออกแบบลายผ้า (textile design)",
        "Textile design",
        "short_course",
        "24",
        "สะพานดำ",
        ["youth", "informal_workers"],
        ["ออกแบบลายผ้าจากอัตลักษณ์เมืองยะลา", "ใช้โปรแกรมออกแบบ"],
        "เทศบาลนครยะลา",
        "หลักสูตรระยะสั้นที่พื้นที่เรียนรู้ร่วมสะพานดำ",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 5, 13),
                D(2024, 5, 24),
                26,
                22,
                _counts(youth=(16, 14), informal_workers=(10, 8)),
                _counts(female=(17, 15), male=(9, 7)),
                (D(2024, 9, 30), "questionnaire", 22, 6, None, None, ""),
            ),
        ],
    ),
    CourseSpec(
        "khonkaen-studies",
        "khonkaen",
        "หลักสูตรขอนแก่นศึกษา",
        "Khon Kaen Studies",
        "curriculum",
        "40",
        "พิพิธภัณฑ์มีชีวิตขอนแก่น",
        ["youth"],
        ["ประวัติศาสตร์เมืองขอนแก่น", "การเล่าเรื่องเมือง", "การสำรวจชุมชน"],
        "เทศบาลนครขอนแก่น ร่วมกับโรงเรียนในเขตเทศบาล",
        "หลักสูตรท้องถิ่นที่ใช้พิพิธภัณฑ์มีชีวิตและถนนศรีจันทร์เป็นห้องเรียน",
        [
            CohortSpec(
                "ภาคเรียนที่ 1/2567",
                D(2024, 6, 3),
                D(2024, 9, 27),
                120,
                104,
                _counts(youth=(120, 104)),
                _counts(female=(66, 59), male=(54, 45)),
                (D(2025, 1, 20), "questionnaire", 90, 41, None, None, "youth"),
            ),
        ],
    ),
    CourseSpec(
        "khonkaen-walk",
        "khonkaen",
        "เดินเรียนรู้ถนนศรีจันทร์",
        "Sri Chan Road learning walk",
        "workshop",
        "3",
        "ถนนศรีจันทร์",
        ["general", "elders"],
        ["อ่านเมืองจากอาคารและป้าย"],
        "เทศบาลนครขอนแก่น",
        "",
        [
            CohortSpec(
                "ครั้งที่ 1",
                D(2024, 11, 9),
                D(2024, 11, 9),
                60,
                58,
                _counts(general=(42, 41), elders=(18, 17)),
                {},
            ),
        ],
    ),
    CourseSpec(
        "chiangrai-digital",
        "chiangrai",
        "ทักษะดิจิทัลสำหรับผู้สูงอายุ",
        "Digital skills for elders",
        "short_course",
        "12",
        "ห้องสมุดประชาชนเทศบาลนครเชียงราย",
        ["elders"],
        ["ใช้สมาร์ตโฟน", "รู้เท่าทันข่าวลวง", "ชำระเงินออนไลน์อย่างปลอดภัย"],
        "เทศบาลนครเชียงราย",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2023, 7, 3),
                D(2023, 7, 7),
                35,
                31,
                _counts(elders=(35, 31)),
                _counts(female=(23, 21), male=(12, 10)),
            ),
            CohortSpec(
                "รุ่นที่ 2",
                D(2024, 2, 5),
                D(2024, 2, 9),
                40,
                36,
                _counts(elders=(40, 36)),
                _counts(female=(27, 25), male=(13, 11)),
                (D(2024, 6, 14), "questionnaire", 30, 19, None, None, "elders"),
            ),
        ],
    ),
    CourseSpec(
        "chiangmai-lacquer",
        "chiangmai",
        "เครื่องเขินล้านนาสำหรับเยาวชน",
        "Lanna lacquerware for youth",
        "short_course",
        "18",
        "ศูนย์การเรียนรู้ชุมชนวัดเกตการาม",
        ["youth"],
        ["ลงรักปิดทอง", "ขูดลายเครื่องเขิน"],
        "เทศบาลนครเชียงใหม่",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2023, 10, 16),
                D(2023, 10, 27),
                30,
                26,
                _counts(youth=(30, 26)),
                _counts(female=(16, 14), male=(14, 12)),
                (D(2024, 2, 20), "questionnaire", 24, 10, None, None, "youth"),
            ),
        ],
    ),
    CourseSpec(
        "phuket-english",
        "phuket",
        "ภาษาอังกฤษเพื่อการท่องเที่ยวชุมชนเมืองเก่า",
        "English for old-town community tourism",
        "short_course",
        "20",
        "ศูนย์เรียนรู้ชุมชนเมืองเก่าภูเก็ต",
        ["informal_workers"],
        ["สนทนาภาษาอังกฤษ", "เล่าเรื่องเมืองเก่า"],
        "เทศบาลนครภูเก็ต",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 4, 1),
                D(2024, 4, 26),
                28,
                25,
                _counts(informal_workers=(28, 25)),
                _counts(female=(18, 16), male=(10, 9)),
                (D(2024, 9, 2), "interview", 25, 11, None, None, "informal_workers"),
            ),
        ],
    ),
    CourseSpec(
        "sukhothai-digital",
        "sukhothai",
        "ทักษะดิจิทัลสำหรับผู้สูงอายุ",
        "Digital skills for elders",
        "short_course",
        "12",
        "ห้องสมุดเทศบาลเมืองสุโขทัยธานี",
        ["elders"],
        ["ใช้สมาร์ตโฟน", "วิดีโอคอลกับครอบครัว"],
        "เทศบาลเมืองสุโขทัยธานี",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2023, 8, 7),
                D(2023, 8, 11),
                25,
                22,
                _counts(elders=(25, 22)),
                _counts(female=(15, 13), male=(10, 9)),
            ),
        ],
    ),
    CourseSpec(
        "hatyai-food",
        "hatyai",
        "อาหารพื้นถิ่นเพื่ออาชีพ สำหรับแม่เลี้ยงเดี่ยว",
        "Local food as a living, for single mothers",
        "short_course",
        "15",
        "ลานเรียนรู้ตลาดกิมหยง",
        ["single_mothers"],
        ["ขนมพื้นถิ่นหาดใหญ่", "ต้นทุนและการตั้งราคา"],
        "เทศบาลนครหาดใหญ่",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 6, 10),
                D(2024, 6, 14),
                20,
                18,
                _counts(single_mothers=(20, 18)),
                _counts(female=(20, 18)),
                (D(2024, 9, 16), "follow_up_visit", 18, 7, "40.0", 3, "single_mothers"),
            ),
        ],
    ),
    CourseSpec(
        "bangkok-digital",
        "bangkok",
        "ทักษะดิจิทัลสำหรับผู้สูงอายุ",
        "Digital skills for elders",
        "short_course",
        "12",
        "ห้องสมุดเมืองกรุงเทพมหานคร",
        ["elders"],
        ["ใช้สมาร์ตโฟน", "รู้เท่าทันข่าวลวง"],
        "กรุงเทพมหานคร",
        "",
        [
            CohortSpec(
                "รุ่นที่ 1",
                D(2024, 9, 2),
                D(2024, 9, 6),
                45,
                40,
                _counts(elders=(45, 40)),
                _counts(female=(30, 27), male=(15, 13)),
            ),
        ],
    ),
]

# Phayao's community income after learning, by Thai fiscal year: the first year, then the report's.
PHAYAO_INCOME = [
    (
        D(2022, 10, 1),
        D(2023, 9, 30),
        D(2023, 10, 16),
        PHAYAO_FIRST_YEAR_INCOME_BAHT,
        None,
        "รายได้ชุมชนปีแรกหลังการเรียนรู้ (ปีฐาน)",
    ),
    (
        D(2023, 10, 1),
        D(2024, 9, 30),
        D(2024, 10, 15),
        PHAYAO_INCOME_BAHT,
        PHAYAO_FIRST_YEAR_INCOME_BAHT,
        "รายได้ชุมชนหลังการเรียนรู้ 448,419 บาท (22.42 เท่าของปีแรก) · นวัตกรชุมชน 121 คน"
        " วิสาหกิจชุมชน 4 แห่ง · เส้นทางการเรียนรู้ 1 เส้นทางพร้อมสร้างรายได้",
    ),
]

# Self-assessments: city, year, status, {feature: (rating, evidence)}. INVENTED ratings; the evidence
# quotes the report where it can.
ASSESSMENTS = [
    (
        "phayao",
        2023,
        "approved",
        {
            "empowerment_social_cohesion": (3, "หลักสูตรอาชีพสำหรับผู้พิการและกลุ่มเปราะบาง"),
            "economic_cultural_prosperity": (3, "รายได้ชุมชนปีแรกหลังการเรียนรู้ 20,000 บาท"),
            "sustainable_development": (2, "เส้นทางเรียนรู้นิเวศกว๊านพะเยา"),
            "inclusive_education_system": (2, "ความร่วมมือกับโรงเรียนในเขตเทศบาล"),
            "families_communities": (4, "แหล่งเรียนรู้ 30 แห่ง เส้นทางการเรียนรู้ 2 เส้นทาง"),
            "workplace": (3, "โมดูล reskill/upskill 15 ชั่วโมง สำหรับแรงงานนอกระบบ"),
            "learning_technologies": (2, "ฐานข้อมูลแหล่งเรียนรู้ของเมือง"),
            "quality_in_learning": (2, "ติดตามผลผู้เรียนหลังจบรุ่น"),
            "culture_of_learning": (3, "กิจกรรมเรียนรู้ริมกว๊านตลอดปี"),
            "political_will": (4, "เข้าร่วมเครือข่าย GNLC ของ UNESCO ปี 2565"),
            "governance_participation": (3, "คณะทำงานเมืองแห่งการเรียนรู้จากชุมชนและมหาวิทยาลัย"),
            "mobilisation_of_resources": (2, "งบประมาณเทศบาลและทุนโครงการ"),
        },
    ),
    (
        "phayao",
        2024,
        "approved",
        {
            "empowerment_social_cohesion": (4, "ผู้เรียนกลุ่มเปราะบางและผู้พิการได้ทุนคืน 328.3% ภายใน 2 เดือน"),
            "economic_cultural_prosperity": (4, "รายได้ชุมชนหลังการเรียนรู้ 448,419 บาท (22.42 เท่าของปีแรก)"),
            "sustainable_development": (3, "เส้นทางเรียนรู้นิเวศกว๊านพะเยา 1 เส้นทางพร้อมสร้างรายได้"),
            "inclusive_education_system": (2, "ความร่วมมือกับโรงเรียนในเขตเทศบาล"),
            "families_communities": (4, "แหล่งเรียนรู้ 30 แห่ง เส้นทางการเรียนรู้ 2 เส้นทาง ผู้เรียน 144,663 คน"),
            "workplace": (4, "แรงงานนอกระบบได้ทุนคืน 34.8–58.5% ภายใน 4–5 เดือน"),
            "learning_technologies": (3, "หลักสูตรการตลาดออนไลน์สำหรับผลิตภัณฑ์ชุมชน"),
            "quality_in_learning": (3, "ติดตามผลผู้เรียนทุกรุ่น: ผู้นำความรู้ไปใช้เกินเป้าหมาย 30%"),
            "culture_of_learning": (3, "กิจกรรมเรียนรู้ริมกว๊านตลอดปี"),
            "political_will": (4, "แผนพัฒนาเทศบาลบรรจุเมืองแห่งการเรียนรู้"),
            "governance_participation": (3, "นวัตกรชุมชน 121 คน วิสาหกิจชุมชน 4 แห่ง"),
            "mobilisation_of_resources": (3, "ทุนโครงการเมืองแห่งการเรียนรู้และเงินสมทบจากวิสาหกิจชุมชน"),
        },
    ),
    (
        "yala",
        2024,
        "submitted",
        {
            "families_communities": (3, "พื้นที่เรียนรู้ร่วมตรอกสุ่ยและสะพานดำ"),
            "workplace": (3, "หลักสูตรระยะสั้นปักผ้าฉลุลายและออกแบบลายผ้า"),
            "political_will": (4, "ได้รับการรับรองเป็นสมาชิก GNLC เมื่อ 14 ก.พ. 2567"),
            "empowerment_social_cohesion": (3, "หลักสูตรสำหรับแม่เลี้ยงเดี่ยว"),
        },
    ),
    (
        "khonkaen",
        2024,
        "draft",
        {
            "inclusive_education_system": (3, "หลักสูตรขอนแก่นศึกษาในโรงเรียน"),
            "culture_of_learning": (3, "พิพิธภัณฑ์มีชีวิตขอนแก่น"),
            "political_will": (4, "ได้รับการรับรองเป็นสมาชิก GNLC เมื่อ 14 ก.พ. 2567"),
            "families_communities": (None, ""),
        },
    ),
]


def _space(city: LearningCity, name: str) -> LearningSpace | None:
    """A demo space by its Thai name (or the start of it, for Phayao's generated learning sources)."""
    if not name:
        return None
    spaces = LearningSpace.objects.filter(city=city).order_by("code")
    return spaces.filter(name_th=name).first() or spaces.filter(name_th__startswith=name).first()


COHORT_FIELDS = [
    "course",
    "name",
    "starts_on",
    "ends_on",
    "enrolled",
    "completed",
    "by_target_group",
    "by_sex",
]
OUTCOME_FIELDS = [
    "city",
    "course",
    "cohort",
    "target_group",
    "period_start",
    "period_end",
    "survey_date",
    "survey_method",
    "method_note",
    "respondents",
    "applied",
    "income_baht",
    "baseline_income_baht",
    "cost_recovered_pct",
    "recovery_months",
    "note",
]


def _in_place(model, earlier_ids: list, objects: list, fields: list[str]) -> tuple[list, list[int]]:
    """Write `objects` over the demo records of an earlier load, in order, so that a rebuild keeps
    their ids (as the other demo records keep theirs); create the rest. Returns them and the ids
    of the earlier records left over (this version has fewer)."""
    kept = sorted(model.objects.filter(pk__in=earlier_ids).values_list("pk", flat=True))
    for obj, pk in zip(objects, kept, strict=False):
        obj.pk = pk
    reused = objects[: len(kept)]
    if reused:
        model.objects.bulk_update(reused, fields)
    return reused + model.objects.bulk_create(objects[len(kept) :]), kept[len(objects) :]


def write_impact(earlier: dict, removed: dict[str, int]) -> dict[str, list]:
    """Write the demo's courses (by code), cohorts, outcomes and self-assessments (over those of an
    earlier load, by their ids), never touching a record a team added."""
    cities = {c.code: c for c in LearningCity.objects.all()}
    city = {key: cities[_code("LC", key)] for key in {spec.city for spec in COURSES} | {"phayao"}}
    courses = Course.objects.bulk_create(
        [
            Course(
                code=_code("LK", spec.key),
                city=city[spec.city],
                space=_space(city[spec.city], spec.space),
                title_th=spec.title_th,
                title_en=spec.title_en,
                kind=spec.kind,
                hours=Decimal(spec.hours),
                target_groups=spec.target_groups,
                skills=spec.skills,
                provider=spec.provider,
                description_th=spec.description_th,
            )
            for spec in COURSES
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "city",
            "space",
            "title_th",
            "title_en",
            "kind",
            "hours",
            "target_groups",
            "skills",
            "provider",
            "description_th",
        ],
    )
    specs = [(course, c) for spec, course in zip(COURSES, courses, strict=True) for c in spec.cohorts]
    cohorts, stale_cohorts = _in_place(
        Cohort,
        earlier.get("learning_cohort", []),
        [
            Cohort(
                course=course,
                name=c.name,
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                enrolled=c.enrolled,
                completed=c.completed,
                by_target_group=c.by_target_group,
                by_sex=c.by_sex,
            )
            for course, c in specs
        ],
        COHORT_FIELDS,
    )
    outcomes = []
    for (course, c), cohort in zip(specs, cohorts, strict=True):
        if c.outcome:
            survey_date, method, respondents, applied, cost, months, group = c.outcome
            outcomes.append(
                Outcome(
                    city=course.city,
                    course=course,
                    cohort=cohort,
                    target_group=group,
                    period_start=c.starts_on,
                    period_end=survey_date,
                    survey_date=survey_date,
                    survey_method=method,
                    respondents=respondents,
                    applied=applied,
                    cost_recovered_pct=Decimal(cost) if cost else None,
                    recovery_months=months,
                )
            )
    for start, end, surveyed, income, baseline, note in PHAYAO_INCOME:
        outcomes.append(
            Outcome(
                city=city["phayao"],
                period_start=start,
                period_end=end,
                survey_date=surveyed,
                survey_method="income_records",
                method_note="บัญชีรายรับของกลุ่มอาชีพและวิสาหกิจชุมชน",
                income_baht=income,
                baseline_income_baht=baseline,
                note=note,
            )
        )
    outcomes, stale_outcomes = _in_place(
        Outcome, earlier.get("learning_outcome", []), outcomes, OUTCOME_FIELDS
    )
    assessments, stale_assessments = _write_assessments(cities, earlier.get("self_assessment", []))
    for kind, model, stale in (
        ("learning_outcome", Outcome, stale_outcomes),
        ("learning_cohort", Cohort, stale_cohorts),
        ("self_assessment", SelfAssessment, stale_assessments),
    ):
        removed[kind] = model.objects.filter(pk__in=stale).delete()[1].get(model._meta.label, 0)
    gone = set(earlier.get("learning_course", [])) - {c.code for c in courses}
    removed["learning_course"] = Course.objects.filter(code__in=gone).delete()[1].get(Course._meta.label, 0)
    return {
        "learning_course": [c.code for c in courses],
        "learning_cohort": [c.pk for c in cohorts],
        "learning_outcome": [o.pk for o in outcomes],
        "self_assessment": [a.pk for a in assessments],
    }


def _write_assessments(cities: dict[str, LearningCity], earlier_ids: list) -> tuple[list, list[int]]:
    """The demo's self-assessments, each over its earlier self; a city's year a team assessed on
    its own is left alone (the demo does not take it over)."""
    written = []
    for key, year, status, ratings in ASSESSMENTS:
        city = cities[_code("LC", key)]
        moment = datetime.datetime(year, 12, 15, 10, 0, tzinfo=datetime.UTC)
        values = {
            "status": status,
            "submitted_at": moment if status in ("submitted", "approved") else None,
            "reviewed_at": moment + datetime.timedelta(days=14) if status == "approved" else None,
        }
        existing = SelfAssessment.objects.filter(city=city, year=year).first()
        if existing is not None and existing.pk not in earlier_ids:
            continue
        if existing is None:
            assessment = SelfAssessment.objects.create(city=city, year=year, **values)
        else:
            SelfAssessment.objects.filter(pk=existing.pk).update(**values)
            assessment = existing
        for feature, (rating, note) in ratings.items():
            KeyFeatureAssessment.objects.update_or_create(
                assessment=assessment,
                feature=feature,
                defaults={"city": city, "rating": rating, "note": note},
            )
        written.append(assessment)
    return written, sorted(set(earlier_ids) - {a.pk for a in written})
