"""The 11 archetypes of the public cultural map (shared/spec/asset-interchange.md)."""

from django.db import models

# code, Thai label, English label: the interchange format's table, in its order.
ARCHETYPES: list[tuple[str, str, str]] = [
    ("artefact", "โบราณวัตถุ", "Artefacts"),
    ("architecture", "สถาปัตยกรรม", "Architecture"),
    ("historic_site", "โบราณสถาน", "Historic sites"),
    ("cultural_space", "พื้นที่วัฒนธรรม", "Cultural spaces"),
    ("language", "ภาษา", "Languages"),
    ("folk_literature", "วรรณกรรมพื้นบ้าน", "Folk literature"),
    (
        "nature_knowledge",
        "ความรู้และการปฏิบัติเกี่ยวกับธรรมชาติและจักรวาล",
        "Knowledge and practices about nature and the universe",
    ),
    ("performing_art", "ศิลปะการแสดง", "Performing arts"),
    ("folk_sport", "กีฬาภูมิปัญญาไทย", "Folk sports, games and martial arts"),
    ("social_practice", "แนวปฏิบัติทางสังคม พิธีกรรม และงานเทศกาล", "Social practices, rituals and festivals"),
    ("craftsmanship", "งานช่างฝีมือดั้งเดิม", "Traditional craftsmanship"),
]

Archetype = models.TextChoices("Archetype", [(code.upper(), (code, th)) for code, th, _ in ARCHETYPES])

LABEL_EN = {code: en for code, _, en in ARCHETYPES}
LABEL_TH = {code: th for code, th, _ in ARCHETYPES}

_LOOKUP = {}
for _code, _th, _en in ARCHETYPES:
    for _label in (_code, _th, _en):
        _LOOKUP[" ".join(_label.casefold().split())] = _code


def parse_archetype(text: str | None) -> str | None:
    """An archetype code from its code, Thai or English label, in any case; None if unknown."""
    if not text:
        return None
    return _LOOKUP.get(" ".join(str(text).casefold().split()))
