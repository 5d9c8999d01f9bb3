"""Thai and English vocabulary the demo catalogue composes its records from.

Every entry is a (Thai, English) pair so that a composed name reads right in both languages.
Place names follow the way real tambon and village names are built in each region
(หนอง-, โนน-, ดอน- in the Northeast; แม่-, สัน-, ป่า- in the North; ควน-, ทุ่ง- in the South ...).
"""

from __future__ import annotations

import random

Pair = tuple[str, str]

# Region keys from the 2-digit province code (DOPA numbering follows the regions).
DEEP_SOUTH = {"94", "95", "96"}
LOWER_ISAN_KHMER = {"30", "31", "32", "33"}  # Khmer, Kui and Khorat-Thai speaking provinces


def region_of(province_code: str) -> str:
    if province_code in DEEP_SOUTH:
        return "deep_south"
    first = province_code[0]
    return {
        "1": "central",
        "2": "east",
        "3": "northeast",
        "4": "northeast",
        "5": "north",
        "6": "lower_north",
        "7": "west",
        "8": "south",
        "9": "south",
    }[first]


PLACE_PREFIX: dict[str, list[Pair]] = {
    "north": [
        ("แม่", "Mae"),
        ("สัน", "San"),
        ("ป่า", "Pa"),
        ("ดอย", "Doi"),
        ("ห้วย", "Huai"),
        ("บ้าน", "Ban"),
        ("ทุ่ง", "Thung"),
        ("เวียง", "Wiang"),
        ("ศรี", "Si"),
        ("นา", "Na"),
        ("ปง", "Pong"),
        ("ต้น", "Ton"),
    ],
    "lower_north": [
        ("บ้าน", "Ban"),
        ("วัง", "Wang"),
        ("ท่า", "Tha"),
        ("หนอง", "Nong"),
        ("ทุ่ง", "Thung"),
        ("บ่อ", "Bo"),
        ("เขา", "Khao"),
        ("ป่า", "Pa"),
        ("คลอง", "Khlong"),
        ("นา", "Na"),
    ],
    "northeast": [
        ("โนน", "Non"),
        ("หนอง", "Nong"),
        ("ดอน", "Don"),
        ("นา", "Na"),
        ("โคก", "Khok"),
        ("กุด", "Kut"),
        ("ห้วย", "Huai"),
        ("ดง", "Dong"),
        ("ท่า", "Tha"),
        ("บ้าน", "Ban"),
        ("คำ", "Kham"),
        ("โพน", "Phon"),
    ],
    "central": [
        ("บาง", "Bang"),
        ("คลอง", "Khlong"),
        ("ท่า", "Tha"),
        ("หนอง", "Nong"),
        ("โพธิ์", "Pho"),
        ("ดอน", "Don"),
        ("สาม", "Sam"),
        ("บ้าน", "Ban"),
        ("วัด", "Wat"),
        ("หัว", "Hua"),
        ("ไผ่", "Phai"),
    ],
    "east": [
        ("บาง", "Bang"),
        ("หนอง", "Nong"),
        ("ท่า", "Tha"),
        ("เขา", "Khao"),
        ("คลอง", "Khlong"),
        ("บ้าน", "Ban"),
        ("ห้วย", "Huai"),
        ("วัง", "Wang"),
        ("ตะปอน", "Tapon"),
        ("พลวง", "Phluang"),
    ],
    "west": [
        ("บ้าน", "Ban"),
        ("ท่า", "Tha"),
        ("หนอง", "Nong"),
        ("ดอน", "Don"),
        ("บาง", "Bang"),
        ("เขา", "Khao"),
        ("วัง", "Wang"),
        ("ห้วย", "Huai"),
        ("สระ", "Sa"),
        ("ลาด", "Lat"),
    ],
    "south": [
        ("ควน", "Khuan"),
        ("ทุ่ง", "Thung"),
        ("บาง", "Bang"),
        ("ท่า", "Tha"),
        ("ปาก", "Pak"),
        ("นา", "Na"),
        ("บ้าน", "Ban"),
        ("เขา", "Khao"),
        ("ลำ", "Lam"),
        ("คลอง", "Khlong"),
        ("พรุ", "Phru"),
        ("ไม้", "Mai"),
    ],
    "deep_south": [
        ("บ้าน", "Ban"),
        ("ตะ", "Ta"),
        ("บือ", "Bue"),
        ("กะ", "Ka"),
        ("ปะ", "Pa"),
        ("ยะ", "Ya"),
        ("ลูโบะ", "Lubo"),
        ("ตันหยง", "Tanyong"),
        ("กำปง", "Kampong"),
        ("บาโง", "Bang-o"),
    ],
}

PLACE_SUFFIX: list[Pair] = [
    ("ไผ่", "Phai"),
    ("บัว", "Bua"),
    ("ยาง", "Yang"),
    ("แดง", "Daeng"),
    ("ทอง", "Thong"),
    ("หลวง", "Luang"),
    ("ใหญ่", "Yai"),
    ("น้อย", "Noi"),
    ("สะแก", "Sakae"),
    ("ตะเคียน", "Takhian"),
    ("ขาม", "Kham"),
    ("งิ้ว", "Ngio"),
    ("กลาง", "Klang"),
    ("เหนือ", "Nuea"),
    ("ใต้", "Tai"),
    ("โพธิ์", "Pho"),
    ("ไทร", "Sai"),
    ("มะม่วง", "Mamuang"),
    ("ขนุน", "Khanun"),
    ("จันทร์", "Chan"),
    ("แก้ว", "Kaeo"),
    ("สวรรค์", "Sawan"),
    ("ทราย", "Sai"),
    ("หิน", "Hin"),
    ("ช้าง", "Chang"),
    ("ม่วง", "Muang"),
    ("ตาล", "Tan"),
    ("พร้าว", "Phrao"),
    ("ขาว", "Khao"),
    ("ยาว", "Yao"),
    ("เตย", "Toei"),
    ("กุ่ม", "Kum"),
    ("สำโรง", "Samrong"),
    ("ประดู่", "Pradu"),
    ("มะขาม", "Makham"),
]

REGIONAL_SUFFIX: dict[str, list[Pair]] = {
    "north": [
        ("ทา", "Tha"),
        ("แจ่ม", "Chaem"),
        ("ริม", "Rim"),
        ("สาย", "Sai"),
        ("ปิง", "Ping"),
        ("ก๋อง", "Kong"),
        ("ลาน", "Lan"),
        ("ต๋อม", "Tom"),
    ],
    "northeast": [
        ("ฮี", "Hi"),
        ("เดื่อ", "Duea"),
        ("แสง", "Saeng"),
        ("ผือ", "Phue"),
        ("ค้อ", "Kho"),
        ("ศิลา", "Sila"),
        ("ฮัง", "Hang"),
    ],
    "south": [
        ("ขนุน", "Khanun"),
        ("หาน", "Han"),
        ("ลึก", "Luek"),
        ("พรุ", "Phru"),
        ("ตง", "Tong"),
        ("ปริง", "Pring"),
    ],
    "deep_south": [
        ("ลาแล", "Lalae"),
        ("ยามู", "Yamu"),
        ("กาบัง", "Kabang"),
        ("บาตู", "Batu"),
        ("ปาแย", "Payae"),
        ("สะโต", "Sato"),
        ("ปูโละ", "Pulo"),
    ],
}


def place_name(rng: random.Random, region: str) -> Pair:
    """A tambon or village name in the style of the region."""
    prefix = rng.choice(PLACE_PREFIX[region])
    pool = PLACE_SUFFIX + REGIONAL_SUFFIX.get(region, []) * 2
    suffix = rng.choice(pool)
    while suffix[0] == prefix[0]:
        suffix = rng.choice(pool)
    return prefix[0] + suffix[0], f"{prefix[1]} {suffix[1]}"


# The Rajabhat universities that record the cultural map, and where they are.
RAJABHAT: list[tuple[str, str, str]] = [
    ("มหาวิทยาลัยราชภัฏเชียงใหม่", "Chiang Mai Rajabhat University", "50"),
    ("มหาวิทยาลัยราชภัฏเชียงราย", "Chiang Rai Rajabhat University", "57"),
    ("มหาวิทยาลัยราชภัฏลำปาง", "Lampang Rajabhat University", "52"),
    ("มหาวิทยาลัยราชภัฏอุตรดิตถ์", "Uttaradit Rajabhat University", "53"),
    ("มหาวิทยาลัยราชภัฏพิบูลสงคราม", "Pibulsongkram Rajabhat University", "65"),
    ("มหาวิทยาลัยราชภัฏกำแพงเพชร", "Kamphaeng Phet Rajabhat University", "62"),
    ("มหาวิทยาลัยราชภัฏนครสวรรค์", "Nakhon Sawan Rajabhat University", "60"),
    ("มหาวิทยาลัยราชภัฏเพชรบูรณ์", "Phetchabun Rajabhat University", "67"),
    ("มหาวิทยาลัยราชภัฏอุดรธานี", "Udon Thani Rajabhat University", "41"),
    ("มหาวิทยาลัยราชภัฏเลย", "Loei Rajabhat University", "42"),
    ("มหาวิทยาลัยราชภัฏสกลนคร", "Sakon Nakhon Rajabhat University", "47"),
    ("มหาวิทยาลัยราชภัฏมหาสารคาม", "Rajabhat Maha Sarakham University", "44"),
    ("มหาวิทยาลัยราชภัฏร้อยเอ็ด", "Roi Et Rajabhat University", "45"),
    ("มหาวิทยาลัยราชภัฏอุบลราชธานี", "Ubon Ratchathani Rajabhat University", "34"),
    ("มหาวิทยาลัยราชภัฏศรีสะเกษ", "Sisaket Rajabhat University", "33"),
    ("มหาวิทยาลัยราชภัฏสุรินทร์", "Surindra Rajabhat University", "32"),
    ("มหาวิทยาลัยราชภัฏบุรีรัมย์", "Buriram Rajabhat University", "31"),
    ("มหาวิทยาลัยราชภัฏนครราชสีมา", "Nakhon Ratchasima Rajabhat University", "30"),
    ("มหาวิทยาลัยราชภัฏชัยภูมิ", "Chaiyaphum Rajabhat University", "36"),
    ("มหาวิทยาลัยราชภัฏพระนครศรีอยุธยา", "Phranakhon Si Ayutthaya Rajabhat University", "14"),
    ("มหาวิทยาลัยราชภัฏเทพสตรี", "Thepsatri Rajabhat University", "16"),
    ("มหาวิทยาลัยราชภัฏวไลยอลงกรณ์ ในพระบรมราชูปถัมภ์", "Valaya Alongkorn Rajabhat University", "13"),
    ("มหาวิทยาลัยราชภัฏพระนคร", "Phranakhon Rajabhat University", "10"),
    ("มหาวิทยาลัยราชภัฏสวนสุนันทา", "Suan Sunandha Rajabhat University", "10"),
    ("มหาวิทยาลัยราชภัฏบ้านสมเด็จเจ้าพระยา", "Bansomdejchaopraya Rajabhat University", "10"),
    ("มหาวิทยาลัยราชภัฏราชนครินทร์", "Rajanagarindra Rajabhat University", "24"),
    ("มหาวิทยาลัยราชภัฏรำไพพรรณี", "Rambhai Barni Rajabhat University", "22"),
    ("มหาวิทยาลัยราชภัฏกาญจนบุรี", "Kanchanaburi Rajabhat University", "71"),
    ("มหาวิทยาลัยราชภัฏหมู่บ้านจอมบึง", "Muban Chom Bueng Rajabhat University", "70"),
    ("มหาวิทยาลัยราชภัฏนครปฐม", "Nakhon Pathom Rajabhat University", "73"),
    ("มหาวิทยาลัยราชภัฏเพชรบุรี", "Phetchaburi Rajabhat University", "76"),
    ("มหาวิทยาลัยราชภัฏสุราษฎร์ธานี", "Suratthani Rajabhat University", "84"),
    ("มหาวิทยาลัยราชภัฏนครศรีธรรมราช", "Nakhon Si Thammarat Rajabhat University", "80"),
    ("มหาวิทยาลัยราชภัฏภูเก็ต", "Phuket Rajabhat University", "83"),
    ("มหาวิทยาลัยราชภัฏสงขลา", "Songkhla Rajabhat University", "90"),
    ("มหาวิทยาลัยราชภัฏยะลา", "Yala Rajabhat University", "95"),
]

# Periods (Thai, English) by region; intangible heritage uses the living-tradition periods.
PERIODS: dict[str, Pair] = {
    "prehistoric": ("ก่อนประวัติศาสตร์", "Prehistoric"),
    "dvaravati": ("ทวารวดี", "Dvaravati"),
    "srivijaya": ("ศรีวิชัย", "Srivijaya"),
    "lopburi": ("ลพบุรี", "Lopburi"),
    "haripunchai": ("หริภุญชัย", "Haripunchai"),
    "sukhothai": ("สุโขทัย", "Sukhothai"),
    "lanna": ("ล้านนา", "Lanna"),
    "lan_xang": ("ล้านช้าง", "Lan Xang"),
    "ayutthaya": ("อยุธยา", "Ayutthaya"),
    "thonburi": ("ธนบุรี", "Thonburi"),
    "rattanakosin": ("รัตนโกสินทร์", "Rattanakosin"),
    "pattani": ("รัฐปัตตานี", "Patani sultanate"),
}

# Periods a historic site or artefact of each region is likely to come from.
REGIONAL_PERIODS: dict[str, list[str]] = {
    "north": ["lanna", "lanna", "lanna", "haripunchai", "rattanakosin", "prehistoric"],
    "lower_north": ["sukhothai", "sukhothai", "ayutthaya", "dvaravati", "rattanakosin"],
    "northeast": ["lopburi", "dvaravati", "lan_xang", "lan_xang", "prehistoric", "rattanakosin"],
    "central": ["ayutthaya", "ayutthaya", "dvaravati", "lopburi", "rattanakosin", "thonburi"],
    "east": ["ayutthaya", "lopburi", "rattanakosin", "dvaravati", "thonburi"],
    "west": ["dvaravati", "dvaravati", "ayutthaya", "rattanakosin", "prehistoric"],
    "south": ["srivijaya", "srivijaya", "ayutthaya", "rattanakosin", "prehistoric"],
    "deep_south": ["pattani", "srivijaya", "ayutthaya", "rattanakosin"],
}

LIVING_TRADITION: Pair = ("สืบทอดถึงปัจจุบัน", "Living tradition")

# Words for the short Thai vendor names of per-vendor ledger lines.
VENDOR_WORDS: list[str] = [
    "ร้านป้าแดง",
    "ร้านลุงคำ",
    "ผ้าทอแม่บัว",
    "ขนมไทยยายเนียม",
    "จักสานบ้านนา",
    "ข้าวแต๋นแม่ศรี",
    "น้ำพริกป้าจันทร์",
    "เครื่องปั้นลุงทอง",
    "กาแฟดอย",
    "ผ้าไหมแม่หอม",
    "ขนมจีนยายผิน",
    "ไม้แกะสลักพ่อหลวง",
    "ผักพื้นบ้านกลุ่มแม่บ้าน",
    "ข้าวหลามบ้านหนอง",
    "สบู่สมุนไพรชุมชน",
]


# A template's word before the place name that a real name may already start with: "วัด{p}" and
# วัดน้อย make วัดน้อย, never วัดวัดน้อย (issue 19); likewise in English.
LEADING_WORDS = (
    ("พระธาตุ", "Phra That"),
    ("ปราสาท", "Prasat"),
    ("เวียง", "Wiang"),
    ("วัด", "Wat"),
    ("บ้าน", "Ban"),
    ("ตลาด", "Talat"),
    ("ถ้ำ", "Tham"),
    ("ผา", "Pha"),
    ("เขา", "Khao"),
    ("กู่", "Ku"),
    ("ป้อม", "Pom"),
    ("ดอน", "Don"),
    ("ป่า", "Pa"),
    ("หนอง", "Nong"),
    ("ท่า", "Tha"),
    ("บาง", "Bang"),
    ("คลอง", "Khlong"),
    ("ทุ่ง", "Thung"),
    ("ห้วย", "Huai"),
    ("ดอย", "Doi"),
    ("ควน", "Khuan"),
)


def fill_place(template_th: str, template_en: str, place: tuple[str, str], **more: str) -> tuple[str, str]:
    """A name from its templates and a place name, without a doubled word."""
    th, en = place
    before_th, before_en = template_th.split("{p}")[0], template_en.split("{p}")[0]
    for word_th, word_en in LEADING_WORDS:
        if before_th.endswith(word_th) and th.startswith(word_th) and len(th) > len(word_th):
            th = th.removeprefix(word_th)
            if before_en.endswith(word_en + " ") and en.startswith(word_en + " "):
                en = en.removeprefix(word_en + " ")
            break
    return template_th.format(p=th, **more), template_en.format(p=en, **more)
