"""The relevance suite: what a visitor types, and the demo records that must come up near the top.

Shared by tests/search/test_relevance.py (each case's expected record asserted over the demo
catalogue) and scripts/bench/bench_search.py (latency through the API; recall@10 and nDCG@10 of
the ranking, of the ranking before the thesaurus and of whoosh's default analyzer, in one run).
The records are the demo catalogue's real, well-known ones (culturalmap.demo.assets.WELL_KNOWN_ASSETS),
its learning spaces and its markets, named by kind and Thai name so the cases survive a reload of
the demo (codes are not needed); the catalogue's template records are judged by the start of their
Thai name ("หนังตะลุงคณะ…": every troupe).

Grades: 3 the record the visitor wants, 2 a good answer, 1 a fair one. A case's own record
(`name_th`) is grade 3; `also` adds more.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Judged:
    """Graded records: one by its Thai name, or every record whose Thai name starts with `prefix`
    (within `province`, when given)."""

    grade: int
    name_th: str = ""
    prefix: str = ""
    kind: str = "asset"
    province: str = ""

    def matches(self, kind: str, name_th: str, province: str) -> bool:
        if kind != self.kind or (self.province and province != self.province):
            return False
        return name_th == self.name_th if self.name_th else name_th.startswith(self.prefix)


@dataclass(frozen=True)
class Case:
    q: str
    kind: str
    name_th: str  # the expected record
    top: int = 3  # it must be among the first `top` results
    filters: dict = field(default_factory=dict)  # kind/category/province/region/bbox, as the API takes
    why: str = ""
    also: tuple[Judged, ...] = ()
    # False: a case the ranking does not meet yet; the bench measures it, the tests do not assert it.
    asserted: bool = True

    @property
    def params(self) -> dict:
        return {"q": self.q, **self.filters}

    @property
    def judged(self) -> tuple[Judged, ...]:
        return (Judged(3, self.name_th, kind=self.kind), *self.also)

    def grade(self, kind: str, name_th: str, province: str) -> int:
        return max((j.grade for j in self.judged if j.matches(kind, name_th, province)), default=0)

    def __str__(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in self.filters.items())
        return f"{self.q!r}{' ' + extra if extra else ''} → {self.name_th}"


A = "asset"
LS = "learning_space"
LAMPANG_LUANG = "วัดพระธาตุลำปางหลวง"
DOI_SUTHEP = "วัดพระธาตุดอยสุเทพราชวรวิหาร"
HARIPHUNCHAI = "วัดพระธาตุหริภุญชัยวรมหาวิหาร"
NANG_TALUNG = "หนังตะลุง"
BANG_FAI = "บุญบั้งไฟยโสธร"
YI_PENG = "ประเพณียี่เป็ง"
NORA = "โนรา"
WAT_PHO = "วัดพระเชตุพนวิมลมังคลาราม (วัดโพธิ์)"
WAT_PHRA_KAEW = "วัดพระศรีรัตนศาสดาราม (วัดพระแก้ว)"
KHAM_MUEANG = "ภาษาถิ่นล้านนา (คำเมือง)"


def j(grade: int, name_th: str = "", *, prefix: str = "", kind: str = A, province: str = "") -> Judged:
    return Judged(grade, name_th, prefix, kind, province)


FAMOUS_TEMPLES = (
    j(3, LAMPANG_LUANG),
    j(3, DOI_SUTHEP),
    j(3, HARIPHUNCHAI),
    j(3, WAT_PHO),
    j(3, WAT_PHRA_KAEW),
    j(3, "วัดอรุณราชวราราม"),
    j(3, "วัดพระธาตุพนมวรมหาวิหาร"),
    j(3, "วัดพระมหาธาตุวรมหาวิหาร"),
    j(3, "วัดเจดีย์หลวงวรวิหาร"),
    j(3, "วัดร่องขุ่น"),
    j(3, "วัดภูมินทร์"),
    j(2, "วัดใหญ่สุวรรณาราม"),
    j(2, "วัดพระธาตุเชิงชุม"),
    j(1, prefix="วัด"),
)
HISTORICAL_PARKS = (
    j(3, "อุทยานประวัติศาสตร์ศรีสัชนาลัย"),
    j(3, "อุทยานประวัติศาสตร์กำแพงเพชร"),
    j(3, "อุทยานประวัติศาสตร์ศรีเทพ"),
)

CASES: list[Case] = [
    # Names cut at word boundaries: the start of a compound Thai name.
    Case("วัดพระธาตุลำปาง", A, LAMPANG_LUANG, why="name cut after a word"),
    Case("วัดพระธาตุดอยสุเทพ", A, "วัดพระธาตุดอยสุเทพราชวรวิหาร", why="name without its royal title"),
    Case("วัดอรุณ", A, "วัดอรุณราชวราราม", why="short common name"),
    Case("วัดพระแก้ว", A, "วัดพระศรีรัตนศาสดาราม (วัดพระแก้ว)", why="the name in brackets"),
    Case("วัดโพธิ์", A, "วัดพระเชตุพนวิมลมังคลาราม (วัดโพธิ์)", why="the name in brackets"),
    Case("พระธาตุพนม", A, "วัดพระธาตุพนมวรมหาวิหาร", why="middle of a compound"),
    Case("อุทยานประวัติศาสตร์ศรีสัชนาลัย", A, "อุทยานประวัติศาสตร์ศรีสัชนาลัย", why="whole name"),
    Case("ปราสาทหินพิมาย", A, "ปราสาทหินพิมาย", why="whole name"),
    Case("ผ้าไหมมัดหมี่", A, "ผ้าไหมมัดหมี่ชนบท", why="name cut before the place"),
    Case("เครื่องปั้นดินเผาด่าน", A, "เครื่องปั้นดินเผาด่านเกวียน", why="the word being typed"),
    # Inner words of compound names.
    Case("ลำปางหลวง", A, LAMPANG_LUANG, why="the issue's own example"),
    Case("ดอยสุเทพ", A, "วัดพระธาตุดอยสุเทพราชวรวิหาร", why="inner words"),
    Case("ตาโขน", A, "ผีตาโขน", why="second half of a heritage term"),
    Case("ตะลุง", A, "หนังตะลุง", why="second half of a dictionary word"),
    Case("บั้งไฟ", A, "บุญบั้งไฟยโสธร", why="inner word"),
    Case("เทียนพรรษาอุบล", A, "ประเพณีแห่เทียนพรรษาอุบลราชธานี", why="inner words, place being typed"),
    Case("บ่อสร้าง", A, "ร่มบ่อสร้าง", why="inner place name"),
    Case("ตีนจก", A, "ผ้าซิ่นตีนจกแม่แจ่ม", why="inner craft term"),
    Case("ชินราช", A, "พระพุทธชินราช", why="inner word"),
    Case("จามเทวี", A, "ตำนานพระนางจามเทวี", why="inner name"),
    Case("ขุนแผน", A, "เสภาขุนช้างขุนแผน", why="last word"),
    Case("ทางทุ่งสง", "market", "ตลาดชุมชนทางทุ่งสง", why="inner words of a market"),
    Case(
        "กว๊านพะเยา",
        "learning_space",
        "เส้นทางการเรียนรู้ริมกว๊านพะเยาฝั่งตะวันออก",
        top=10,
        why="inner words, many records share them",
    ),
    # English names and descriptions.
    Case("Lampang Luang", A, LAMPANG_LUANG, why="English words of the name"),
    Case("Doi Suthep", A, "วัดพระธาตุดอยสุเทพราชวรวิหาร"),
    Case("Emerald Buddha", A, "วัดพระศรีรัตนศาสดาราม (วัดพระแก้ว)"),
    Case("Reclining Buddha", A, "วัดพระเชตุพนวิมลมังคลาราม (วัดโพธิ์)", why="from the description"),
    Case("shadow puppetry", A, "หนังตะลุง", why="stemmed English"),
    Case("candle festival", A, "ประเพณีแห่เทียนพรรษาอุบลราชธานี"),
    Case("Bo Sang umbrellas", A, "ร่มบ่อสร้าง", why="stemmed plural"),
    Case("Trok Sui", "learning_space", "ตรอกสุ่ย"),
    Case("Thung Song market", "market", "ตลาดชุมชนทางทุ่งสง"),
    Case("black bridge", "learning_space", "สะพานดำ", why="from the English name"),
    Case("Living Museum", "learning_space", "พิพิธภัณฑ์มีชีวิตขอนแก่น"),
    # Romanised Thai (RTGS) that differs from the English name.
    Case("phitakhon", A, "ผีตาโขน", why="romanised compound, English has spaces"),
    Case("nangtalung", A, "หนังตะลุง", why="romanised compound"),
    Case("Kat Kong Ta", A, "กาดกองต้า", why="RTGS kat, English spells Kad"),
    Case("Talat Nam Amphawa", A, "ตลาดน้ำอัมพวา", why="romanised Thai name, English says Floating Market"),
    Case("Phrathat Lampang Luang", A, LAMPANG_LUANG, why="romanised compound word"),
    Case("Saphan Dam", "learning_space", "สะพานดำ"),
    Case("yan lipao", A, "เครื่องจักสานย่านลิเภา"),
    Case("Tho Na Muen Si", A, "ผ้าทอนาหมื่นศรี", why="romanised words absent from the English name"),
    # Typos.
    Case("Lampnag Luang", A, LAMPANG_LUANG, why="two letters swapped"),
    Case("Doi Suthap", A, "วัดพระธาตุดอยสุเทพราชวรวิหาร", why="one letter wrong"),
    Case("Phanom Rugn", A, "ปราสาทหินพนมรุ้ง", why="swapped letters"),
    Case("Sukhotai Historical Park", A, "อุทยานประวัติศาสตร์สุโขทัย", why="letter missing"),
    Case("ผีตาโขล", A, "ผีตาโขน", why="Thai typo, last letter"),
    Case("หนังตะลุ่ง", A, "หนังตะลุง", why="Thai typo, extra tone mark"),
    Case("วัดร่องขุน", A, "วัดร่องขุ่น", why="Thai typo, missing tone mark"),
    Case("Nang Talong", A, "หนังตะลุง", why="romanised with a typo"),
    # Province + archetype filters narrow a broad query.
    Case("หลวง", A, LAMPANG_LUANG, filters={"province": "52", "category": "architecture"}),
    Case("หนัง", A, "หนังตะลุง", filters={"province": "80", "category": "performing_art"}),
    Case("ผ้า", A, "ผ้าทอนาหมื่นศรี", filters={"province": "92", "category": "craftsmanship"}),
    Case("festival", A, "ผีตาโขน", filters={"province": "42"}),
    Case("ตลาด", "market", "ตลาดชุมชนทางทุ่งสง", top=5, filters={"kind": "market", "province": "80"}),
    Case("silk", A, "ผ้าไหมมัดหมี่ชนบท", filters={"category": "craftsmanship", "region": "Northeast"}),
    Case("Lanna", A, "ระบบเหมืองฝายล้านนา", top=5, filters={"category": "nature_knowledge"}),
    Case(
        "พระธาตุ",
        A,
        LAMPANG_LUANG,
        top=5,
        filters={"bbox": "99.2,18.0,99.6,18.4"},
        why="the map's search-this-area",
    ),
    # Years in either era (the description says พ.ศ. 2135).
    Case("2135", A, "พระเจดีย์ยุทธหัตถี ดอนเจดีย์", why="Buddhist Era as written"),
    Case("ยุทธหัตถี 1592", A, "พระเจดีย์ยุทธหัตถี ดอนเจดีย์", why="the same year in Common Era"),
]

# --- The words people use for things (the heritage thesaurus), graded ---------------------------------

SYNONYMS: list[Case] = [
    Case("temple Lamphun", A, HARIPHUNCHAI, why="temple = วัด", also=(j(1, prefix="วัด", province="51"),)),
    Case(
        "shadow puppet",
        A,
        NANG_TALUNG,
        top=10,
        why="the field's word, not the record's",
        also=(j(2, prefix="หนังตะลุง"), j(2, "หนังใหญ่วัดขนอน"), j(1, prefix="รูปหนังตะลุง")),
    ),
    Case("shadow puppet Nakhon", A, NANG_TALUNG, why="puppet ≠ puppetry, Nakhon in the address"),
    Case(
        "rocket festival",
        A,
        BANG_FAI,
        top=1,
        why="the famous one before the village ones",
        also=(j(2, prefix="บุญบั้งไฟ"), j(1, "ตำนานพญาคันคาก")),
    ),
    Case(
        "monastery Chiang Mai", A, DOI_SUTHEP, top=5, why="monastery = วัด", also=(j(3, "วัดเจดีย์หลวงวรวิหาร"),)
    ),
    Case("wat Nan", A, "วัดภูมินทร์"),
    Case("reliquary Nakhon Phanom", A, "วัดพระธาตุพนมวรมหาวิหาร", why="reliquary = พระธาตุ"),
    Case("stupa Nakhon Pathom", A, "พระปฐมเจดีย์", why="stupa = เจดีย์"),
    Case("chedi Chiang Mai", A, "วัดเจดีย์หลวงวรวิหาร"),
    Case(
        "Khmer sanctuary Buriram",
        A,
        "ปราสาทหินพนมรุ้ง",
        why="sanctuary = ปราสาทหิน",
        also=(j(3, "ปราสาทเมืองต่ำ"),),
    ),
    Case("Khmer temple", A, "ปราสาทหินพิมาย", top=10, also=(j(3, "ปราสาทหินพนมรุ้ง"), j(3, "ปราสาทเมืองต่ำ"))),
    Case("palace", A, "พระราชวังบางปะอิน", also=(j(3, "พระนครคีรี (เขาวัง)"), j(2, "คุ้มเจ้าหลวงเมืองแพร่"))),
    Case("World Heritage", A, "อุทยานประวัติศาสตร์สุโขทัย", top=5, also=HISTORICAL_PARKS),
    Case("มรดกโลก", A, "อุทยานประวัติศาสตร์สุโขทัย", top=5, also=HISTORICAL_PARKS),
    Case("candle procession Ubon", A, "ประเพณีแห่เทียนพรรษาอุบลราชธานี"),
    Case("lantern festival", A, YI_PENG, why="lantern festival = ยี่เป็ง"),
    Case("sky lanterns", A, YI_PENG, why="โคมลอย"),
    Case("ghost festival", A, "ผีตาโขน"),
    Case("vegetarian festival Phuket", A, "ประเพณีถือศีลกินผักภูเก็ต"),
    Case("Thai boxing", A, "มวยไชยา", top=5, also=(j(3, "มวยโคราช"), j(1, prefix="ค่ายมวย"))),
    Case("hoop takraw", A, "ตะกร้อลอดห่วง"),
    Case("buffalo race", A, "ประเพณีวิ่งควายชลบุรี"),
    Case("long boat race Nan", A, "ประเพณีแข่งเรือยาวน่าน"),
    Case("Sino-Portuguese Phuket", A, "ย่านเมืองเก่าภูเก็ต"),
    Case("Chinatown", A, "ย่านเยาวราช"),
    Case("floating market", A, "ตลาดน้ำอัมพวา", also=(j(2, prefix="ตลาดน้ำ"),)),
    Case("walking street Chiang Mai", A, "ถนนคนเดินวัวลาย"),
    Case("umbrella", A, "ร่มบ่อสร้าง"),
    Case("indigo Sakon Nakhon", A, "ผ้าย้อมครามสกลนคร"),
    Case("silk Khon Kaen", A, "ผ้าไหมมัดหมี่ชนบท"),
    Case(
        "pottery Korat",
        A,
        "เครื่องปั้นดินเผาด่านเกวียน",
        top=10,
        asserted=False,
        why="Korat names records of the Thai Korat language more strongly than a keyword does",
    ),
    Case("knives Ayutthaya", A, "มีดอรัญญิก"),
    Case("basketry Nakhon Si Thammarat", A, "เครื่องจักสานย่านลิเภา"),
    Case("Kolae boat", A, "เรือกอและ"),
    Case("rooster bowl", A, "ชามตราไก่ลำปาง"),
    Case("Manora", A, NORA, why="another name"),
    Case("Nora dance", A, NORA),
    Case("molam", A, "หมอลำ", why="a romanisation the name does not use"),
    Case("Thai folk opera", A, "ลิเก"),
    Case("fingernail dance", A, "ฟ้อนเล็บ"),
    Case("Kham Mueang", A, KHAM_MUEANG),
    Case("Northern Thai language", A, KHAM_MUEANG),
    Case("Patani Malay", A, "ภาษามลายูถิ่นปาตานี", also=(j(1, prefix="ภาษามลายูถิ่นปาตานี"),)),
    Case(
        "Yawi",
        A,
        "ภาษามลายูถิ่นปาตานี",
        top=10,
        asserted=False,
        why="the famous record says ยาวี in its keywords only; records named ภาษายาวี… come first",
        also=(j(2, prefix="ภาษายาวี"),),
    ),
    Case("endangered language", A, "ภาษาญัฮกุร", top=5, also=(j(3, "ภาษาชอง"),)),
    Case("legend Lamphun", A, "ตำนานพระนางจามเทวี"),
    Case("herbal medicine", A, "ตำรายาสมุนไพรอภัยภูเบศร", top=5, also=(j(1, prefix="ตำรายาสมุนไพร"),)),
    Case("salt farming", A, "ภูมิปัญญาการทำนาเกลือสมุทรสาคร"),
    Case("irrigation Lanna", A, "ระบบเหมืองฝายล้านนา"),
    Case("lunar calendar", A, "ปฏิทินจันทรคติล้านนา", top=5),
    Case("Emerald Buddha temple", A, WAT_PHRA_KAEW),
    Case("reclining Buddha Bangkok", A, WAT_PHO),
    Case("Buddha image Phitsanulok", A, "พระพุทธชินราช"),
    Case(
        "lintel Phanom Rung",
        A,
        "ทับหลังนารายณ์บรรทมสินธุ์",
        top=10,
        asserted=False,
        why="พนมรุ้ง is only in its Thai keywords; the sanctuary's own record comes first",
    ),
    Case("cannon Pattani", A, "ปืนใหญ่นางพญาตานี (จำลอง)"),
    Case("white temple", A, "วัดร่องขุ่น"),
    Case("summer palace", A, "พระราชวังบางปะอิน"),
    Case("mural Nan", A, "วัดภูมินทร์"),
    Case("Bronze Age", A, "แหล่งโบราณคดีบ้านเชียง", also=(j(3, "ภาชนะดินเผาลายเขียนสีบ้านเชียง"),)),
    Case("Srivijaya stupa", A, "พระบรมธาตุไชยา", also=(j(3, "วัดพระมหาธาตุวรมหาวิหาร"),)),
    Case("Lanna temple", A, LAMPANG_LUANG, top=5, also=FAMOUS_TEMPLES),
    Case("martial art", A, "กระบี่กระบอง", top=5, also=(j(3, "มวยไชยา"), j(3, "มวยโคราช"))),
    Case("museum Khon Kaen", LS, "พิพิธภัณฑ์มีชีวิตขอนแก่น"),
    Case("library Yala", LS, "อุทยานการเรียนรู้ยะลา (TK Park Yala)"),
    Case("kad Lampang", A, "กาดกองต้า", also=(j(2, "กาดกองต้า", kind="market"),)),
    # Thai words for the same things
    Case("โบสถ์ เชียงราย", A, "วัดร่องขุ่น", why="โบสถ์ = อุโบสถ"),
    Case("บั้งไฟ ยโสธร", A, BANG_FAI),
    Case("มโนราห์", A, NORA, why="another Thai name"),
    Case("ยี่เก", A, "ลิเก", why="the older spelling"),
    Case("ตั๋วเมือง", A, KHAM_MUEANG, why="the script's name"),
    Case("กินเจ ภูเก็ต", A, "ประเพณีถือศีลกินผักภูเก็ต"),
    Case("โคมลอย", A, YI_PENG),
    Case("ลากพระ", A, "ประเพณีชักพระ", why="the southern word"),
    Case("ชิงเปรต", A, "ประเพณีสารทเดือนสิบ"),
]

# --- Romanised Thai, typos, and the famous record before the catalogue's templates -----------------------

MORE: list[Case] = [
    Case("Wat Phra That Hariphunchai", A, HARIPHUNCHAI),
    Case("Phra That Phanom", A, "วัดพระธาตุพนมวรมหาวิหาร"),
    Case("Hae Thian Phansa", A, "ประเพณีแห่เทียนพรรษาอุบลราชธานี"),
    Case("Chak Phra", A, "ประเพณีชักพระ"),
    Case("Yi Peng", A, YI_PENG),
    Case("bun bang fai", A, BANG_FAI),
    Case("Sat Duean Sip", A, "ประเพณีสารทเดือนสิบ"),
    Case("Likay", A, "ลิเก"),
    Case("Haripunchai temple", A, HARIPHUNCHAI, why="another spelling of the name"),
    Case("Phimia", A, "ปราสาทหินพิมาย", why="swapped letters"),
    Case("Wat Arunn", A, "วัดอรุณราชวราราม", why="a letter typed twice"),
    Case("Chaiwatanaram", A, "วัดไชยวัฒนาราม", why="a letter missing"),
    Case("ดอยสุเทป", A, DOI_SUTHEP, why="Thai typo, a vowel"),
    Case("พนมรุ่ง", A, "ปราสาทหินพนมรุ้ง", why="Thai typo, the tone mark"),
    Case("ผ้าไหมมัดหมี", A, "ผ้าไหมมัดหมี่ชนบท", why="Thai typo, a tone mark missing"),
    Case(
        NANG_TALUNG,
        A,
        NANG_TALUNG,
        top=1,
        why="the famous tradition before 38 troupes",
        also=(j(2, prefix="หนังตะลุง"), j(1, prefix="รูปหนังตะลุง")),
    ),
    Case("วัดพระธาตุ", A, LAMPANG_LUANG, top=5, why="famous before templates", also=FAMOUS_TEMPLES),
    Case("วัด", A, WAT_PHO, top=5, why="famous temples before small ones", also=FAMOUS_TEMPLES),
    Case("wat", A, WAT_PHO, top=5, also=FAMOUS_TEMPLES),
    Case("temple", A, WAT_PHRA_KAEW, top=5, why="temple = วัด", also=FAMOUS_TEMPLES),
    Case("ลิเก", A, "ลิเก", top=1, also=(j(2, prefix="ลิเก"),)),
    Case("หมอลำ", A, "หมอลำ", top=1, also=(j(2, prefix="หมอลำ"),)),
    Case("โนรา", A, NORA, top=1, also=(j(2, prefix="โนรา"),)),
    Case("ฟ้อนเล็บ", A, "ฟ้อนเล็บ", top=1),
    Case("ผ้าทอ", A, "ผ้าทอนาหมื่นศรี", also=(j(1, prefix="ผ้าทอ"),)),
    Case("ตำนาน", A, "ตำนานพระนางจามเทวี", top=10, also=(j(3, "ตำนานพระร่วง"), j(3, "ตำนานผาแดงนางไอ่"))),
    Case("วัด เชียงใหม่", A, DOI_SUTHEP, also=(j(3, "วัดเจดีย์หลวงวรวิหาร"), j(1, prefix="วัด", province="50"))),
    Case("มวยไทย", A, "มวยไชยา", top=5, also=(j(3, "มวยโคราช"), j(1, prefix="ค่ายมวย"))),
    Case("ตะกร้อ", A, "ตะกร้อลอดห่วง", also=(j(1, prefix="ตะกร้อวง"),)),
    Case("กระบี่กระบอง", A, "กระบี่กระบอง", top=1),
    Case("ลอยกระทง", A, "ประเพณีลอยกระทงเผาเทียนเล่นไฟ สุโขทัย", also=(j(1, prefix="ประเพณีลอยกระทง"),)),
    Case("เรือนไม้ ลำปาง", A, "บ้านเสานัก"),
    Case("คุ้ม แพร่", A, "คุ้มเจ้าหลวงเมืองแพร่"),
    Case("ถนนคนเดิน", A, "ถนนคนเดินวัวลาย", also=(j(2, prefix="ถนนคนเดิน"),)),
    Case("ตลาดน้ำ", A, "ตลาดน้ำอัมพวา", top=1, also=(j(2, prefix="ตลาดน้ำ"),)),
    Case("เมืองเก่า", A, "ย่านเมืองเก่าภูเก็ต", top=5, also=(j(3, "ย่านเมืองเก่าสงขลา"),)),
    Case("ปราสาทหิน", A, "ปราสาทหินพนมรุ้ง", also=(j(3, "ปราสาทหินพิมาย"), j(2, "ปราสาทเมืองต่ำ"))),
    Case("อุทยานประวัติศาสตร์", A, "อุทยานประวัติศาสตร์สุโขทัย", also=HISTORICAL_PARKS),
    Case(
        "พระพุทธรูป",
        A,
        "พระพุทธชินราช",
        top=10,
        asserted=False,
        why="names that start with the query come first, and the famous images' names do not",
        also=(j(3, "พระพุทธสิหิงค์ วัดพระสิงห์"), j(1, prefix="พระพุทธรูป")),
    ),
    Case("Thung Song", "market", "ตลาดชุมชนทางทุ่งสง"),
    Case("Kwan Phayao", LS, "เส้นทางการเรียนรู้ริมกว๊านพะเยาฝั่งตะวันออก", top=10),
]

CASES = CASES + SYNONYMS + MORE
