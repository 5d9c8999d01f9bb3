"""The relevance suite: what a visitor types, and the demo record that must come up near the top.

Shared by tests/search/test_relevance.py (each case asserted over the demo catalogue) and
scripts/bench/bench_search.py (latency through the API, recall@10 against whoosh's default
analyzer). The records are the demo catalogue's real, well-known ones
(culturalmap.demo.assets.WELL_KNOWN_ASSETS), its learning spaces and its markets, named by
kind and Thai name so the cases survive a reload of the demo (codes are not needed).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    q: str
    kind: str
    name_th: str  # the expected record
    top: int = 3  # it must be among the first `top` results
    filters: dict = field(default_factory=dict)  # kind/category/province/region/bbox, as the API takes
    why: str = ""

    @property
    def params(self) -> dict:
        return {"q": self.q, **self.filters}

    def __str__(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in self.filters.items())
        return f"{self.q!r}{' ' + extra if extra else ''} → {self.name_th}"


A = "asset"
LAMPANG_LUANG = "วัดพระธาตุลำปางหลวง"

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
