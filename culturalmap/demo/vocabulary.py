# ruff: noqa: E501  (a table of Thai/English strings: one record per line reads best)
"""What the demo's generated assets are called, per archetype and region: (Thai, English) pairs.

`{p}` is a place name (Thai in the Thai template, romanised in the English one). A template is
(Thai, English, keywords, regions or None for everywhere[, the periods it can date from]).
"""

ALL = None
NORTH = ("north",)
NE = ("northeast",)
CENTRAL_ISH = ("central", "west", "east", "lower_north")
SOUTH = ("south",)
DEEP = ("deep_south",)

NAME_TEMPLATES: dict[str, list[tuple]] = {
    "architecture": [
        ("วัด{p}", "Wat {p}", ("วัด", "อุโบสถ"), ALL),
        ("วัด{p}", "Wat {p}", ("วัด", "วิหาร"), ALL),
        ("วัดป่า{p}", "Wat Pa {p}", ("วัดป่า", "กุฏิไม้"), NE + NORTH),
        ("วัดพระธาตุ{p}", "Wat Phra That {p}", ("พระธาตุ", "เจดีย์"), NE + NORTH),
        ("สิมวัด{p}", "Sim (ordination hall) of Wat {p}", ("สิม", "ฮูปแต้ม"), NE),
        ("วิหารลายคำวัด{p}", "Gilded viharn of Wat {p}", ("วิหาร", "ลายคำ", "ล้านนา"), NORTH),
        ("หอไตรกลางน้ำวัด{p}", "Scripture hall in the pond of Wat {p}", ("หอไตร", "คัมภีร์"), NE + CENTRAL_ISH),
        (
            "เรือนไทยภาคกลางบ้าน{p}",
            "Central Thai house of Ban {p}",
            ("เรือนไทย", "เรือนไม้"),
            CENTRAL_ISH,
            ("ayutthaya", "rattanakosin"),
        ),
        (
            "เรือนกาแลบ้าน{p}",
            "Kalae house of Ban {p}",
            ("เรือนกาแล", "เรือนไม้", "ล้านนา"),
            NORTH,
            ("rattanakosin",),
        ),
        (
            "คุ้มเจ้าเมือง{p}",
            "Khum (residence) of the lord of {p}",
            ("คุ้ม", "เจ้าเมือง"),
            NORTH,
            ("lanna", "rattanakosin"),
        ),
        (
            "ตึกแถวชิโน-โปรตุกีสถนน{p}",
            "Sino-Portuguese shophouses of {p} road",
            ("ชิโนโปรตุกีส", "ตึกแถว"),
            SOUTH,
            ("rattanakosin",),
        ),
        (
            "มัสยิดบ้าน{p}",
            "Ban {p} mosque",
            ("มัสยิด", "สถาปัตยกรรมมลายู"),
            DEEP + SOUTH,
            ("pattani", "rattanakosin"),
        ),
        ("ศาลเจ้าจีน{p}", "Chinese shrine of {p}", ("ศาลเจ้า", "ชาวจีน"), CENTRAL_ISH + SOUTH, ("rattanakosin",)),
        (
            "เรือนแถวไม้ริมน้ำ{p}",
            "Wooden riverside row houses of {p}",
            ("เรือนแถว", "ชุมชนริมน้ำ"),
            CENTRAL_ISH,
            ("rattanakosin",),
        ),
        (
            "ยุ้งข้าวโบราณบ้าน{p}",
            "Old rice granary of Ban {p}",
            ("ยุ้งข้าว", "เล้าข้าว"),
            NE + NORTH,
            ("rattanakosin",),
        ),
        ("สถานีรถไฟ{p}", "{p} railway station", ("สถานีรถไฟ", "อาคารไม้"), ALL, ("rattanakosin",)),
    ],
    "historic_site": [
        ("โบราณสถานวัด{p}", "Wat {p} ruins", ("โบราณสถาน", "วัดร้าง"), ALL),
        ("เจดีย์วัดร้าง{p}", "Ruined chedi of {p}", ("เจดีย์", "วัดร้าง"), ALL),
        ("ปราสาท{p}", "Prasat {p}", ("ปราสาท", "ขอม"), ("northeast", "east"), ("lopburi",)),
        ("กู่{p}", "Ku {p} (Khmer shrine)", ("กู่", "ศิลาแลง", "ขอม"), NE, ("lopburi",)),
        ("เวียง{p}", "Wiang {p} (ancient walled town)", ("เวียง", "คูเมือง"), NORTH, ("lanna", "haripunchai")),
        ("เมืองโบราณ{p}", "Ancient town of {p}", ("เมืองโบราณ", "คูน้ำคันดิน"), ALL),
        (
            "แหล่งโบราณคดีบ้าน{p}",
            "Ban {p} archaeological site",
            ("แหล่งโบราณคดี", "การขุดค้น"),
            ALL,
            ("prehistoric", "dvaravati"),
        ),
        (
            "แหล่งเตาเผาโบราณ{p}",
            "{p} ancient kiln site",
            ("เตาเผา", "เครื่องถ้วย"),
            NORTH + ("lower_north",),
            ("sukhothai", "lanna"),
        ),
        (
            "ภาพเขียนสีก่อนประวัติศาสตร์ผา{p}",
            "Prehistoric rock paintings of Pha {p}",
            ("ภาพเขียนสี", "ก่อนประวัติศาสตร์"),
            NE + ("west", "north"),
            ("prehistoric",),
        ),
        ("กำแพงเมืองและคูเมือง{p}", "City wall and moat of {p}", ("กำแพงเมือง", "คูเมือง"), ALL),
        ("พระธาตุ{p}", "Phra That {p}", ("พระธาตุ", "โบราณสถาน"), NE + NORTH, ("lan_xang", "lanna")),
        (
            "ป้อม{p}",
            "{p} fort",
            ("ป้อม", "ปืนใหญ่"),
            ("central", "east", "south"),
            ("ayutthaya", "thonburi", "rattanakosin"),
        ),
    ],
    "artefact": [
        ("พระพุทธรูปสำริดวัด{p}", "Bronze Buddha image of Wat {p}", ("พระพุทธรูป", "สำริด"), ALL),
        (
            "ใบเสมาหินทรายบ้าน{p}",
            "Sandstone boundary markers of Ban {p}",
            ("ใบเสมา", "ทวารวดี"),
            NE + CENTRAL_ISH,
            ("dvaravati",),
        ),
        (
            "ทับหลังศิลาทรายปราสาท{p}",
            "Sandstone lintel of Prasat {p}",
            ("ทับหลัง", "ขอม"),
            NE + ("east",),
            ("lopburi",),
        ),
        (
            "กลองมโหระทึกสำริดบ้าน{p}",
            "Bronze kettle drum of Ban {p}",
            ("มโหระทึก", "สำริด"),
            ALL,
            ("prehistoric",),
        ),
        (
            "ธรรมาสน์ไม้แกะสลักวัด{p}",
            "Carved wooden pulpit of Wat {p}",
            ("ธรรมาสน์", "ไม้แกะสลัก"),
            ALL,
            ("ayutthaya", "rattanakosin"),
        ),
        (
            "ตู้พระธรรมลายรดน้ำวัด{p}",
            "Gold-and-lacquer manuscript cabinet of Wat {p}",
            ("ตู้พระธรรม", "ลายรดน้ำ"),
            CENTRAL_ISH,
            ("ayutthaya", "rattanakosin"),
        ),
        ("คัมภีร์ใบลานวัด{p}", "Palm-leaf manuscripts of Wat {p}", ("ใบลาน", "คัมภีร์", "อักษรธรรม"), ALL),
        (
            "เครื่องถ้วยสังคโลกจากแหล่ง{p}",
            "Sangkhalok ware from {p}",
            ("สังคโลก", "เครื่องถ้วย"),
            ("lower_north", "north"),
            ("sukhothai",),
        ),
        ("จารึกวัด{p}", "Inscription of Wat {p}", ("จารึก", "ศิลาจารึก"), ALL),
        (
            "พระพิมพ์ดินเผาถ้ำ{p}",
            "Clay votive tablets of Tham {p}",
            ("พระพิมพ์", "ดินเผา"),
            ALL,
            ("dvaravati", "srivijaya", "lopburi", "sukhothai"),
        ),
        (
            "คัมภีร์อัลกุรอานลายมือบ้าน{p}",
            "Handwritten Qur'an of Ban {p}",
            ("อัลกุรอาน", "ต้นฉบับตัวเขียน"),
            DEEP,
            ("pattani", "rattanakosin"),
        ),
    ],
    "cultural_space": [
        ("ย่านตลาดเก่า{p}", "{p} old market quarter", ("ตลาดเก่า", "ย่านการค้า"), ALL),
        ("ลานวัฒนธรรมวัด{p}", "Cultural ground of Wat {p}", ("ลานวัฒนธรรม", "วัด"), ALL),
        ("ข่วงวัฒนธรรม{p}", "Khuang (cultural square) of {p}", ("ข่วง", "ล้านนา"), NORTH),
        ("ถนนคนเดิน{p}", "{p} walking street", ("ถนนคนเดิน", "ตลาดนัด"), ALL),
        ("ชุมชนริมน้ำ{p}", "{p} riverside community", ("ชุมชนริมน้ำ", "เรือนแถว"), ALL),
        ("ตลาดน้ำ{p}", "{p} floating market", ("ตลาดน้ำ", "คลอง"), ("central", "west")),
        ("ศูนย์วัฒนธรรมชุมชนบ้าน{p}", "Ban {p} community cultural centre", ("ศูนย์วัฒนธรรม", "ชุมชน"), ALL),
        ("ลานชุมชนประมงบ้าน{p}", "Ban {p} fishing community ground", ("ประมงพื้นบ้าน", "ชายฝั่ง"), SOUTH + DEEP),
        ("ดอนปู่ตาบ้าน{p}", "Don Pu Ta sacred grove of Ban {p}", ("ดอนปู่ตา", "ป่าศักดิ์สิทธิ์"), NE),
        ("ตลาดนัดวัฒนธรรม{p}", "{p} cultural market", ("ตลาดวัฒนธรรม", "ของดีชุมชน"), ALL),
    ],
    "folk_literature": [
        ("ตำนานบ้าน{p}", "Legend of Ban {p}", ("ตำนาน", "ประวัติชุมชน"), ALL),
        ("ตำนานพญานาคแห่ง{p}", "The naga legend of {p}", ("ตำนาน", "พญานาค"), NE + NORTH),
        ("ตำนานพระธาตุ{p}", "Chronicle of Phra That {p}", ("ตำนาน", "พระธาตุ"), NE + NORTH),
        (
            "นิทานพื้นบ้านเรื่องนางผมหอม ฉบับบ้าน{p}",
            "Folk tale of Nang Phom Hom, Ban {p} version",
            ("นิทานพื้นบ้าน", "นางผมหอม"),
            NE + NORTH,
        ),
        (
            "นิทานพื้นบ้านเรื่องศรีธนญชัย ฉบับบ้าน{p}",
            "Folk tale of Si Thanonchai, Ban {p} version",
            ("นิทานพื้นบ้าน", "ศรีธนญชัย"),
            ALL,
        ),
        (
            "นิทานพื้นบ้านเรื่องปลาบู่ทอง ฉบับบ้าน{p}",
            "Folk tale of the Golden Goby, Ban {p} version",
            ("นิทานพื้นบ้าน", "ปลาบู่ทอง"),
            CENTRAL_ISH,
        ),
        (
            "นิทานพื้นบ้านเรื่องขูลูนางอั้ว ฉบับบ้าน{p}",
            "Folk tale of Khulu and Nang Ua, Ban {p} version",
            ("นิทานพื้นบ้าน", "ขูลูนางอั้ว"),
            NE,
        ),
        (
            "นิทานพื้นบ้านเรื่องไกรทอง ฉบับบ้าน{p}",
            "Folk tale of Krai Thong, Ban {p} version",
            ("นิทานพื้นบ้าน", "ไกรทอง"),
            CENTRAL_ISH,
        ),
        ("ค่าวซอบ้าน{p}", "Khao so verse of Ban {p}", ("ค่าวซอ", "ล้านนา"), NORTH),
        ("ผญาอีสานบ้าน{p}", "Isan phaya sayings of Ban {p}", ("ผญา", "อีสาน"), NE),
        ("เพลงบอกบ้าน{p}", "Phleng bok verse of Ban {p}", ("เพลงบอก", "ภาคใต้"), SOUTH),
        ("เพลงกล่อมเด็กบ้าน{p}", "Lullabies of Ban {p}", ("เพลงกล่อมเด็ก", "มุขปาฐะ"), ALL),
        ("ปริศนาคำทายบ้าน{p}", "Riddles of Ban {p}", ("ปริศนาคำทาย", "มุขปาฐะ"), ALL),
        ("ฮิกายัตปัตตานีฉบับบ้าน{p}", "Hikayat Patani, Ban {p} telling", ("ฮิกายัต", "มลายู"), DEEP),
    ],
    "nature_knowledge": [
        (
            "ตำรายาสมุนไพรหมอพื้นบ้าน{p}",
            "Herbal remedies of the village healers of {p}",
            ("สมุนไพร", "หมอพื้นบ้าน"),
            ALL,
        ),
        ("ภูมิปัญญาเครื่องมือจับปลาบ้าน{p}", "Traditional fishing gear of Ban {p}", ("เครื่องมือประมง", "ไซ"), ALL),
        ("ปฏิทินการเพาะปลูกตามจันทรคติบ้าน{p}", "Lunar planting calendar of Ban {p}", ("ปฏิทินจันทรคติ", "เกษตร"), ALL),
        ("ภูมิปัญญาป่าชุมชนบ้าน{p}", "Ban {p} community forest knowledge", ("ป่าชุมชน", "การจัดการทรัพยากร"), ALL),
        ("หมอเส้นและการนวดพื้นบ้าน{p}", "Sen healers and folk massage of {p}", ("นวดแผนไทย", "หมอเส้น"), ALL),
        ("ภูมิปัญญาการเลี้ยงผึ้งโพรงบ้าน{p}", "Wild honey-bee keeping of Ban {p}", ("ผึ้งโพรง", "น้ำผึ้ง"), ALL),
        ("การพยากรณ์ฝนฟ้าจากธรรมชาติบ้าน{p}", "Reading the weather from nature, Ban {p}", ("ฝนฟ้า", "ฤดูกาล"), ALL),
        (
            "ภูมิปัญญาการทำน้ำตาลโตนด{p}",
            "Palmyra palm sugar making of {p}",
            ("ตาลโตนด", "น้ำตาล"),
            ("central", "west", "south"),
        ),
        ("ภูมิปัญญาการทำนาขั้นบันไดบ้าน{p}", "Terraced rice fields of Ban {p}", ("นาขั้นบันได", "ข้าวไร่"), NORTH),
        ("ระบบเหมืองฝายบ้าน{p}", "Muang fai irrigation of Ban {p}", ("เหมืองฝาย", "การจัดการน้ำ"), NORTH),
    ],
    "performing_art": [
        ("{a}คณะ{p}ศิลป์", "{a} troupe {p} Sin", ("คณะ",), ALL),
        ("{a}บ้าน{p}", "{a} of Ban {p}", ("ผู้สืบทอด",), ALL),
    ],
    "folk_sport": [
        ("ค่ายมวยบ้าน{p}", "Ban {p} Muay Thai camp", ("มวยไทย", "ค่ายมวย"), ALL),
        ("ตะกร้อวงบ้าน{p}", "Circle takraw of Ban {p}", ("ตะกร้อ", "หวาย"), ALL),
        ("ประเพณีแข่งเรือยาว{p}", "{p} long-boat races", ("แข่งเรือยาว", "ออกพรรษา"), ALL),
        ("ว่าวจุฬาบ้าน{p}", "Chula kites of Ban {p}", ("ว่าวไทย", "ว่าวจุฬา"), CENTRAL_ISH),
        ("ว่าวแอกบ้าน{p}", "Humming kites (wao aek) of Ban {p}", ("ว่าวแอก", "อีสาน"), NE),
        ("สนามวัวชน{p}", "{p} bullfighting ring", ("วัวชน", "ภาคใต้"), SOUTH),
        ("ซีละบ้าน{p}", "Silat of Ban {p}", ("ซีละ", "ศิลปะป้องกันตัว"), DEEP),
        ("สำนักกระบี่กระบอง{p}", "{p} krabi krabong school", ("กระบี่กระบอง", "อาวุธไทย"), ALL),
        ("ชมรมหมากรุกไทย{p}", "Makruk (Thai chess) club of {p}", ("หมากรุกไทย",), ALL),
        ("การเล่นสะบ้าบ้าน{p}", "Saba seed-pitching game of Ban {p}", ("สะบ้า", "การละเล่น"), CENTRAL_ISH),
    ],
    "social_practice": [
        ("{a}บ้าน{p}", "{a} of Ban {p}", ("ประเพณี",), ALL),
        ("{a}{p}", "{a}, {p}", ("ประเพณี", "งานบุญ"), ALL),
    ],
    "craftsmanship": [
        ("{a}บ้าน{p}", "{a} of Ban {p}", ("หัตถกรรม",), ALL),
        ("กลุ่ม{a}บ้าน{p}", "{a} group of Ban {p}", ("หัตถกรรม", "วิสาหกิจชุมชน"), ALL),
    ],
    "language": [
        ("ภาษา{a}บ้าน{p}", "{a} language of Ban {p}", ("ภาษาถิ่น",), ALL),
        ("ภาษา{a}ชุมชน{p}", "{a} language, {p} community", ("ภาษาถิ่น", "ชาติพันธุ์"), ALL),
    ],
}

# The {a} of the performing arts, practices, crafts and languages, by region.
ART_FORMS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "performing_art": {
        "north": [
            ("ฟ้อนเทียน", "Fon Tian candle dance"),
            ("ซอล้านนา", "Lanna so singing"),
            ("กลองสะบัดชัย", "Klong Sabat Chai drumming"),
            ("กลองปูจา", "Klong Puja drumming"),
            ("ฟ้อนเงี้ยว", "Fon Ngiao dance"),
            ("วงสะล้อซอซึง", "Salo-so-sueng ensemble"),
        ],
        "northeast": [
            ("หมอลำกลอน", "Mor Lam Klon"),
            ("เซิ้งกระติบ", "Soeng Kratip dance"),
            ("วงโปงลาง", "Pong Lang ensemble"),
            ("กันตรึม", "Kantruem"),
            ("หมอลำผีฟ้า", "Mor Lam Phi Fa healing rite"),
            ("เรือมอันเร", "Ruem Anre dance"),
        ],
        "central": [
            ("ลำตัด", "Lam Tat"),
            ("เพลงอีแซว", "Phleng I-Saeo"),
            ("เพลงฉ่อย", "Phleng Choi"),
            ("หุ่นกระบอก", "Hun Krabok rod puppets"),
            ("วงปี่พาทย์", "Piphat ensemble"),
            ("ลิเก", "Likay"),
            ("เพลงเรือ", "Phleng Ruea boat songs"),
            ("ละครชาตรี", "Lakhon Chatri"),
        ],
        "south": [
            ("โนรา", "Nora"),
            ("หนังตะลุง", "Nang Talung"),
            ("เพลงบอก", "Phleng Bok"),
            ("ลิเกป่า", "Likay Pa"),
            ("รองเง็ง", "Rong Ngeng"),
        ],
        "deep_south": [
            ("ดิเกร์ฮูลู", "Dikir Hulu"),
            ("รองเง็ง", "Rong Ngeng"),
            ("มะโย่ง", "Mak Yong"),
            ("ลิเกฮูลู", "Likay Hulu"),
        ],
    },
    "social_practice": {
        "north": [
            ("ประเพณีตานก๋วยสลาก", "Tan Kuay Salak"),
            ("ประเพณีสืบชะตาแม่น้ำ", "River life-renewal rite"),
            ("ประเพณีเลี้ยงผีปู่ย่า", "Ancestor-spirit feast"),
            ("ประเพณีปอยหลวง", "Poi Luang"),
            ("ประเพณียี่เป็ง", "Yi Peng"),
            ("ประเพณีสรงน้ำพระธาตุ", "Bathing of the reliquary"),
        ],
        "northeast": [
            ("บุญบั้งไฟ", "Bun Bang Fai"),
            ("บุญผะเหวด", "Bun Phawet"),
            ("บุญข้าวสาก", "Bun Khao Sak"),
            ("ประเพณีแห่เทียนพรรษา", "Candle procession"),
            ("บุญคูณลาน", "Bun Khun Lan harvest merit"),
            ("ประเพณีไหลเรือไฟ", "Lai Ruea Fai fire boats"),
        ],
        "central": [
            ("ประเพณีตักบาตรเทโว", "Tak Bat Thewo"),
            ("ประเพณีรับบัว", "Rap Bua lotus-throwing"),
            ("ประเพณีทำขวัญข้าว", "Rice-spirit ceremony"),
            ("ประเพณีกวนข้าวทิพย์", "Kuan Khao Thip"),
            ("ประเพณีแห่ธงตะขาบ", "Mon centipede-flag procession"),
            ("ประเพณีกำฟ้า", "Kam Fa sky rite"),
            ("ประเพณีลอยกระทง", "Loi Krathong"),
            ("ประเพณีสงกรานต์", "Songkran"),
        ],
        "south": [
            ("ประเพณีชักพระ", "Chak Phra"),
            ("ประเพณีสารทเดือนสิบ", "Sat Duean Sip"),
            ("ประเพณีตักบาตรเทโว", "Tak Bat Thewo"),
            ("ประเพณีลอยเรือ", "Loi Ruea boat-floating rite"),
            ("ประเพณีถือศีลกินผัก", "Vegetarian festival"),
            ("ประเพณีทำบุญเดือนห้า", "Fifth-month merit"),
        ],
        "deep_south": [
            ("งานเมาลิด", "Maulid"),
            ("ประเพณีกวนอาซูรอ", "Kuan Asura"),
            ("ประเพณีลาซัง", "Lasang harvest rite"),
            ("ประเพณีแต่งงานแบบมลายู", "Malay wedding custom"),
        ],
    },
    "craftsmanship": {
        "north": [
            ("ผ้าซิ่นตีนจก", "Teen jok skirts"),
            ("เครื่องเขิน", "Lacquerware"),
            ("เครื่องเงิน", "Silverware"),
            ("ไม้แกะสลัก", "Woodcarving"),
            ("ร่มกระดาษสา", "Paper umbrellas"),
            ("ผ้าฝ้ายทอมือ", "Hand-woven cotton"),
            ("ผ้าหม้อห้อม", "Mo hom indigo cloth"),
        ],
        "northeast": [
            ("ผ้าไหมมัดหมี่", "Mudmee silk"),
            ("ผ้าขิด", "Khit cloth"),
            ("ผ้าย้อมคราม", "Indigo cloth"),
            ("เครื่องจักสานไม้ไผ่", "Bamboo basketry"),
            ("เสื่อกก", "Reed mats"),
            ("แคน", "Khaen making"),
            ("เครื่องปั้นดินเผา", "Pottery"),
        ],
        "central": [
            ("เครื่องจักสานไม้ไผ่", "Bamboo basketry"),
            ("ผ้าขาวม้า", "Pha khao ma cloth"),
            ("เครื่องปั้นดินเผา", "Pottery"),
            ("หัวโขน", "Khon masks"),
            ("มีดตีเหล็ก", "Forged knives"),
            ("เครื่องทองเหลือง", "Brassware"),
            ("ผ้าทอไทยพวน", "Tai Phuan weaving"),
            ("โอ่งมังกร", "Dragon jars"),
        ],
        "south": [
            ("ผ้าทอ", "Hand-woven cloth"),
            ("เครื่องจักสานกระจูด", "Krajood sedge weaving"),
            ("เครื่องจักสานย่านลิเภา", "Yan lipao basketry"),
            ("ผ้าบาติก", "Batik"),
            ("เครื่องถม", "Niello ware"),
            ("รูปหนังตะลุง", "Shadow-puppet carving"),
        ],
        "deep_south": [
            ("ผ้าบาติก", "Batik"),
            ("กรงนกเขาชวา", "Dove cages"),
            ("ลวดลายเรือกอและ", "Kolae boat painting"),
            ("ผ้าจวนตานี", "Chuan Tani cloth"),
            ("กริช", "Kris making"),
        ],
    },
    "language": {
        "north": [
            ("ไทลื้อ", "Tai Lue"),
            ("ไทใหญ่", "Shan (Tai Yai)"),
            ("ม้ง", "Hmong"),
            ("กะเหรี่ยงสะกอ", "Sgaw Karen"),
            ("ลัวะ", "Lawa"),
            ("อาข่า", "Akha"),
            ("ลาหู่", "Lahu"),
            ("มลาบรี", "Mlabri"),
            ("ไทยวน (คำเมือง)", "Tai Yuan (Kham Mueang)"),
        ],
        "northeast": [
            ("ผู้ไท", "Phu Thai"),
            ("ญ้อ", "Nyaw"),
            ("โส้", "So (Thavung)"),
            ("กูย", "Kui"),
            ("เขมรถิ่นไทย", "Northern Khmer"),
            ("ไทโคราช", "Thai Korat"),
            ("แสก", "Saek"),
            ("ลาวอีสาน", "Isan Lao"),
        ],
        "central": [
            ("ไทยพวน", "Tai Phuan"),
            ("ลาวครั่ง", "Lao Khrang"),
            ("มอญ", "Mon"),
            ("ไทยทรงดำ", "Tai Dam (Song)"),
            ("กะเหรี่ยงโพล่ว", "Pwo Karen"),
            ("ลาวเวียง", "Lao Wiang"),
        ],
        "east": [("ชอง", "Chong"), ("ซัมเร", "Samre"), ("กะซอง", "Kasong"), ("ญวน", "Vietnamese (Yuan)")],
        "south": [
            ("ปักษ์ใต้", "Southern Thai"),
            ("อูรักลาโวยจ", "Urak Lawoi"),
            ("มอแกน", "Moken"),
            ("มันนิ", "Maniq"),
            ("บาบ๋า", "Baba Hokkien"),
        ],
        "deep_south": [("มลายูถิ่นปาตานี", "Patani Malay"), ("มลายูสตูล", "Satun Malay"), ("ยาวี", "Jawi script")],
    },
}
# Regions that share a repertoire with a neighbour.
ART_REGION = {
    "lower_north": "central",
    "west": "central",
    "east": "central",
    "north": "north",
    "northeast": "northeast",
    "central": "central",
    "south": "south",
    "deep_south": "deep_south",
}
LANGUAGE_REGION = {**ART_REGION, "east": "east", "west": "central"}

NOTES: dict[str, list[tuple[str, str]]] = {
    "temple": [
        ("อาคารหลักสร้างด้วยไม้สักบนฐานก่ออิฐถือปูน", "The main building is teak on a brick-and-plaster base"),
        (
            "ภายในมีจิตรกรรมฝาผนังเรื่องพุทธประวัติและชาดก",
            "Inside are murals of the Buddha's life and the Jataka tales",
        ),
        ("หน้าบันแกะสลักลายพรรณพฤกษาอย่างประณีต", "Its gables are finely carved with floral patterns"),
        ("เป็นศูนย์รวมกิจกรรมทางศาสนาและประเพณีของชุมชน", "It is the centre of the community's religious life"),
    ],
    "architecture": [
        ("ชุมชนร่วมกันบูรณะโดยรักษารูปแบบเดิมไว้", "The community restored it keeping the original form"),
        ("โครงสร้างไม้เดิมยังคงสภาพดีเกือบทั้งหลัง", "Most of the original timber frame survives in good order"),
        ("ลวดลายประดับแสดงฝีมือช่างท้องถิ่น", "Its ornament shows the hand of local craftsmen"),
        ("ยังใช้งานตามหน้าที่เดิมจนถึงปัจจุบัน", "It is still used as it was built to be"),
    ],
    "historic_site": [
        (
            "พบฐานอาคารอิฐและเศษภาชนะดินเผากระจายอยู่ทั่วบริเวณ",
            "Brick foundations and potsherds are scattered across the site",
        ),
        (
            "กรมศิลปากรขุดแต่งบางส่วนแล้ว ส่วนที่เหลือยังไม่ได้ขุดค้น",
            "Partly cleared by the Fine Arts Department; the rest is unexcavated",
        ),
        ("มีคูน้ำคันดินล้อมรอบเป็นรูปวงรี", "An oval moat and earthen rampart surround it"),
        ("ชาวบ้านเล่าว่าเป็นที่ตั้งของเมืองเก่าก่อนการตั้งหมู่บ้าน", "Villagers tell of an old town here before the village"),
        ("พบพระพุทธรูปและใบเสมาในบริเวณใกล้เคียง", "Buddha images and boundary stones were found nearby"),
    ],
    "artefact": [
        ("เก็บรักษาไว้ในพิพิธภัณฑ์ท้องถิ่นของวัด", "Kept in the temple's local museum"),
        ("ชุมชนขึ้นทะเบียนและจัดทำบัญชีไว้แล้ว", "Registered and inventoried by the community"),
        ("ได้รับการอนุรักษ์โดยนักศึกษาและอาจารย์มหาวิทยาลัยในพื้นที่", "Conserved by local university students and staff"),
        ("เป็นหลักฐานสำคัญของการตั้งถิ่นฐานในลุ่มน้ำนี้", "Key evidence of early settlement in this river basin"),
    ],
    "cultural_space": [
        (
            "ชุมชนใช้เป็นที่จัดงานบุญและตลาดนัดประจำสัปดาห์",
            "The community holds its merit fairs and weekly market here",
        ),
        ("มีอาคารไม้เก่าและร้านค้าดั้งเดิมหลายรุ่น", "Old wooden buildings and shops of several generations line it"),
        ("เป็นพื้นที่พบปะของคนหลายวัยในชุมชน", "A meeting ground for all ages in the community"),
        ("เยาวชนในพื้นที่นำชมและเล่าเรื่องประวัติชุมชน", "Local youths guide visitors and tell the community's story"),
    ],
    "intangible": [
        (
            "ปราชญ์ชาวบ้านถ่ายทอดให้เยาวชนในโรงเรียนของชุมชน",
            "Village sages teach it to the young in the community school",
        ),
        ("บันทึกจากการสัมภาษณ์ผู้อาวุโสในชุมชน", "Recorded from interviews with community elders"),
        ("ยังปฏิบัติสืบทอดกันในชุมชนทุกปี", "Still practised in the community every year"),
        (
            "ชุมชนจัดทำสื่อการเรียนรู้และคลิปวิดีโอเพื่อสืบทอด",
            "The community made learning materials and videos to pass it on",
        ),
        (
            "มีการรวมกลุ่มผู้สืบทอดและจัดทำทะเบียนผู้รู้",
            "Practitioners have formed a group and a register of knowledge holders",
        ),
    ],
}

RISK_REASONS: dict[str, list[tuple[str, str]]] = {
    "high": [
        ("แหล่งที่ยังไม่ได้ขุดค้น เสี่ยงต่อการลักลอบขุดหาโบราณวัตถุ", "Unexcavated site at risk of looting"),
        ("พบร่องรอยการลักลอบขุดในช่วงปีที่ผ่านมา", "Signs of illegal digging found in recent years"),
        ("โบราณวัตถุเคลื่อนย้ายได้และเก็บรักษาในที่ไม่มีระบบรักษาความปลอดภัย", "Portable antiquity kept without security"),
        ("อยู่ในพื้นที่ห่างไกล ไม่มีผู้ดูแลประจำ", "Remote location with no permanent guardian"),
    ],
    "medium": [
        ("โครงสร้างทรุดโทรมจากความชื้นและปลวก", "Structure weakened by damp and termites"),
        ("ได้รับผลกระทบจากการขยายตัวของเมือง", "Affected by urban growth"),
    ],
    "low": [
        ("ต้องการการดูแลรักษาตามปกติ", "Needs routine maintenance"),
        ("มีน้ำท่วมขังบางช่วงในฤดูฝน", "Occasionally flooded in the rainy season"),
    ],
    "medium_intangible": [
        ("ผู้สืบทอดมีอายุมากและมีจำนวนน้อย", "Few practitioners, most of them elderly"),
        ("คนรุ่นใหม่ในชุมชนไม่สืบทอดต่อ", "The young of the community are not taking it up"),
    ],
    "low_intangible": [
        ("ยังมีผู้สืบทอด แต่ยังไม่ได้บันทึกเป็นลายลักษณ์อักษร", "Still practised, but not yet written down"),
        ("จัดได้เฉพาะเมื่อมีงบประมาณสนับสนุน", "Held only when funding is found"),
    ],
}

# Notes that depend on the region as well as the kind of record: a Lanna viharn is not described
# like an Isan sim, a southern stupa or a Malay mosque. Keys: note kind, then region (ART_REGION's
# groups; "all" where the region does not matter). Looked up before NOTES.
REGIONAL_NOTES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "temple": {
        "north": [
            (
                "วิหารไม้ทรงล้านนาหลังคาซ้อนชั้นลาดต่ำ หน้าบันประดับลายคำ",
                "A Lanna timber viharn under low, tiered roofs, its gable gilded with lai kham",
            ),
            (
                "ซุ้มประตูโขงก่ออิฐถือปูนประดับปูนปั้นลายพรรณพฤกษา",
                "A brick-and-stucco khong gateway dressed with floral stucco",
            ),
            (
                "หอไตรไม้ยกพื้นสูงเก็บคัมภีร์ใบลานอักษรธรรมล้านนา",
                "A raised timber library holds palm-leaf scriptures in the Tham Lanna script",
            ),
            (
                "ชุมชนจัดงานปอยหลวงและตานก๋วยสลากที่วัดทุกปี",
                "The community holds its Poi Luang and Salak offerings here every year",
            ),
        ],
        "northeast": [
            (
                "สิมขนาดเล็กแบบพื้นถิ่นอีสาน ผนังด้านนอกเขียนฮูปแต้มเรื่องสินไซ",
                "A small vernacular Isan sim, its outer walls painted with hup taem of the Sin Xai tale",
            ),
            ("ธาตุทรงบัวเหลี่ยมแบบล้านช้างตั้งอยู่หลังสิม", "A Lan Xang lotus-bud stupa stands behind the sim"),
            ("ชาวบ้านใช้เป็นที่จัดบุญผะเหวดและบุญข้าวสาก", "Villagers hold Bun Phawet and Bun Khao Sak here"),
            ("หอแจกไม้ใต้ถุนโล่งใช้เป็นศาลาการเปรียญ", "An open timber ho chaek serves as the preaching hall"),
        ],
        "central": [
            (
                "อุโบสถก่ออิฐถือปูนฐานแอ่นโค้งแบบอยุธยาตอนปลาย ล้อมด้วยใบเสมาคู่",
                "A brick-and-stucco ubosot on a curved late-Ayutthaya base, ringed by paired boundary stones",
            ),
            (
                "หน้าบันไม้จำหลักลายกนกเปลวประดับกระจกสี",
                "Its carved wooden gable of flame motifs is set with coloured glass",
            ),
            ("ภายในมีจิตรกรรมฝาผนังเรื่องทศชาติชาดก", "Inside, murals tell the ten great Jataka tales"),
            (
                "ตั้งอยู่ริมคลอง ชาวบ้านเคยพายเรือมาทำบุญ",
                "It stands by the canal, where villagers once came to make merit by boat",
            ),
        ],
        "south": [
            (
                "เจดีย์ทรงระฆังแบบลังกาเป็นประธานของวัด",
                "A Sri Lankan-style bell-shaped stupa is the temple's centrepiece",
            ),
            ("อุโบสถหลังคามุงกระเบื้องดินเผาแบบปักษ์ใต้", "Its ubosot is roofed with southern clay tiles"),
            (
                "ชุมชนใช้ลานวัดจัดประเพณีชักพระและสารทเดือนสิบ",
                "The community holds Chak Phra and the tenth-month festival on its grounds",
            ),
        ],
        "deep_south": [
            (
                "วัดของชาวไทยพุทธกลุ่มเล็กในชุมชนพหุวัฒนธรรม",
                "The temple of a small Thai Buddhist community in a mixed town",
            ),
            ("อุโบสถหลังเล็กหลังคามุงกระเบื้องดินเผาแบบพื้นถิ่น", "A small ubosot under local clay tiles"),
        ],
    },
    "mosque": {
        "all": [
            (
                "มัสยิดไม้ทรงมลายูหลังคาจั่วซ้อนชั้น ไม่มีโดม",
                "A timber mosque in the Malay style, under tiered gables and no dome",
            ),
            (
                "ชุมชนใช้ละหมาดวันศุกร์และสอนอัลกุรอานแก่เด็กในปอเนาะ",
                "The community gathers here for Friday prayers and teaches the Qur'an to its children",
            ),
            ("มิมบัรไม้แกะสลักลายพรรณพฤกษาแบบมลายู", "Its wooden minbar is carved with Malay floral patterns"),
        ],
    },
    "shrine": {
        "all": [
            (
                "ศาลเจ้าของชาวจีนฮกเกี้ยนที่ตั้งรกรากในย่านการค้าเก่า",
                "A shrine of the Hokkien families who settled the old trading quarter",
            ),
            ("หลังคาประดับมังกรคู่และกระเบื้องเคลือบ", "Its roof is crowned with paired dragons and glazed tiles"),
            (
                "จัดงานประจำปีในเทศกาลตรุษจีนและกินเจ",
                "Its yearly fair falls at Chinese New Year and the vegetarian festival",
            ),
        ],
    },
    "dwelling": {
        "north": [
            (
                "เรือนไม้สักใต้ถุนสูง ยอดจั่วประดับกาแลแกะสลัก",
                "A raised teak house whose gable ends carry carved kalae",
            ),
            (
                "ยังมียุ้งข้าวและบ่อน้ำของเรือนเดิมอยู่ในบริเวณ",
                "The granary and well of the first household still stand in its yard",
            ),
        ],
        "northeast": [
            (
                "เรือนไม้ใต้ถุนสูงแบบเรือนเหย้าอีสาน มีเรือนเกยต่อชาน",
                "A raised Isan house with its kei platform on the veranda",
            ),
            ("ลูกหลานยังใช้ใต้ถุนเรือนทอผ้าและนั่งเล่น", "The family still weaves and rests beneath the house"),
        ],
        "central": [
            (
                "เรือนไทยภาคกลางฝาปะกนหลังคาทรงสูงชายคายื่นยาว",
                "A central Thai house of panelled walls under a steep roof",
            ),
            ("เรือนแถวไม้ริมน้ำหันหน้าเข้าหาคลอง", "Wooden row houses face the canal they were built for"),
        ],
        "south": [
            (
                "ตึกแถวชิโน-โปรตุกีสมีหงอคาข้างหน้าให้คนเดินหลบแดดฝน",
                "Sino-Portuguese shophouses whose five-foot way shades passers-by",
            ),
            ("ประตูไม้บานเฟี้ยมและช่องลมปูนปั้นยังอยู่ครบ", "Folding wooden doors and stucco vents survive intact"),
        ],
    },
    "station": {
        "all": [
            (
                "อาคารสถานีไม้ชั้นเดียวสร้างในรัชกาลที่ 6 ยังใช้งานอยู่",
                "A single-storey timber station of the reign of King Rama VI, still in use",
            ),
            ("ชานชาลาและหอเก็บน้ำเดิมยังอยู่ในสภาพดี", "Its platform and old water tower are in good order"),
        ],
    },
    "historic_site": {
        "north": [
            (
                "แนวกำแพงดินและคูเมืองของเวียงโบราณยังเห็นได้ชัด",
                "The earthen walls and moat of the old wiang are still plain to see",
            ),
            (
                "พบฐานเจดีย์และวิหารก่ออิฐแบบล้านนาหลายหลัง",
                "Brick bases of several Lanna stupas and viharns were found",
            ),
        ],
        "northeast": [
            (
                "ปราสาทศิลาแลงหันหน้าไปทางทิศตะวันออก มีบารายอยู่ใกล้",
                "An east-facing laterite sanctuary with a baray nearby",
            ),
            ("พบใบเสมาหินทรายปักล้อมเนินดินหลายจุด", "Sandstone boundary stones ring several of its mounds"),
        ],
        "central": [
            (
                "พบฐานเจดีย์ย่อมุมและกำแพงแก้วก่ออิฐสมัยอยุธยา",
                "Brick bases of an indented stupa and an Ayutthaya-period wall remain",
            ),
            ("เนินโบราณสถานมีเศษอิฐและกระเบื้องกระจายทั่วไป", "Bricks and roof tiles lie scattered over the mound"),
        ],
        "south": [
            (
                "พบสถูปก่ออิฐและพระพิมพ์ดินดิบแบบศรีวิชัย",
                "A brick stupa and unbaked votive tablets in the Srivijaya style were found",
            ),
            ("ชาวบ้านเล่าว่าเคยเป็นท่าเรือค้าขายกับต่างแดน", "Villagers tell of a port that once traded overseas"),
        ],
        "deep_south": [
            (
                "เป็นแหล่งชุมชนโบราณของรัฐปัตตานี พบเศษเครื่องถ้วยจีน",
                "An old settlement of the Patani sultanate, strewn with Chinese ceramics",
            ),
        ],
    },
}

# How each intangible archetype is described (a festival is not kept like a language).
INTANGIBLE_NOTES: dict[str, list[tuple[str, str]]] = {
    "performing_art": [
        (
            "คณะรับแสดงในงานบวช งานศพ และงานประจำปีของวัด",
            "The troupe plays at ordinations, funerals and temple fairs",
        ),
        (
            "ครูผู้สอนรุ่นที่สามสอนเด็กในหมู่บ้านทุกเย็นวันเสาร์",
            "A third-generation master teaches village children every Saturday evening",
        ),
    ],
    "social_practice": [
        ("จัดขึ้นทุกปี ชาวบ้านทุกครัวเรือนร่วมเตรียมงาน", "Held every year, with every household lending a hand"),
        ("ลูกหลานที่ไปทำงานต่างถิ่นกลับมาร่วมงานทุกปี", "Those who work away come home for it every year"),
    ],
    "craftsmanship": [
        (
            "กลุ่มแม่บ้านผลิตและขายในตลาดวัฒนธรรมของจังหวัด",
            "A women's group makes and sells it at the province's cultural market",
        ),
        ("ใช้วัตถุดิบจากในชุมชนและสีย้อมจากธรรมชาติ", "Made from local materials and natural dyes"),
    ],
    "language": [
        ("ผู้พูดได้คล่องส่วนใหญ่เป็นผู้สูงอายุ", "Most fluent speakers are elderly"),
        (
            "โรงเรียนในชุมชนสอนเป็นหลักสูตรท้องถิ่นสัปดาห์ละชั่วโมง",
            "The village school teaches it one hour a week as a local subject",
        ),
    ],
    "folk_literature": [
        (
            "ผู้อาวุโสเล่าสืบต่อกันมาและบันทึกเป็นหนังสือเล่มเล็กของชุมชน",
            "Told by the elders and written down in a small community booklet",
        ),
        ("ใช้เล่าในงานบุญและสอนเด็กในโรงเรียน", "Told at merit-making fairs and taught at school"),
    ],
    "nature_knowledge": [
        ("ปราชญ์ชาวบ้านถ่ายทอดให้ครัวเรือนที่สนใจ", "A village sage passes it on to the households who ask"),
        (
            "ชุมชนใช้จัดการทรัพยากรร่วมกันตามกติกาที่ตกลงกันไว้",
            "The community manages its resources by rules it agreed on",
        ),
    ],
    "folk_sport": [
        ("แข่งขันกันในงานประจำปีของตำบล", "Played at the sub-district's yearly fair"),
        ("เยาวชนฝึกซ้อมกันทุกเย็นที่ลานหมู่บ้าน", "The young practise every evening on the village ground"),
    ],
}
