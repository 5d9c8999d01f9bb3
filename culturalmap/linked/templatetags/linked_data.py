"""`{% load linked_data %}{% linked_data record %}` on a record's page: its schema.org JSON-LD and a
"cite this record" block (code, version date, permalink). Nothing for a record the public cannot see."""

import json

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language

from culturalmap.linked.records import json_ld, public_record

register = template.Library()


@register.inclusion_tag("linked/record.html", takes_context=True)
def linked_data(context, record):
    request = context["request"]
    found = public_record(record, base_url=request.build_absolute_uri("/").rstrip("/"))
    if found is None:
        return {"found": None}
    english = (get_language() or "th").startswith("en")
    p = found.properties
    # Inside <script>, "<" is written as \u003c: no text of a record can close the element.
    document = json.dumps(json_ld(found), ensure_ascii=False).replace("<", "\\u003c")
    return {
        "found": found,
        "json_ld": document,
        "nonce": getattr(request, "csp_nonce", ""),
        "name": (p.get("name_en") if english else p.get("name_th")) or p.get("name_th") or p.get("name_en"),
        "code": p["code"],
        "updated": parse_datetime(p["updated_at"]) if p.get("updated_at") else None,
        "url": found.url,
    }
