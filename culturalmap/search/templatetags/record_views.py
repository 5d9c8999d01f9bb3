"""{% record_views "asset" asset %}: how often a record's page was viewed, in the page's language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

from culturalmap.core import records
from culturalmap.core.thai import format_number

from ..popularity import views_of

register = template.Library()


@register.simple_tag
def record_views(kind: str, record) -> str:
    """The views counted here plus those the record came with (RecordSignals.views_before)."""
    record_kind = records.get(kind)
    before = 0
    rows = list(record_kind.search.rows(record_kind.model_class._default_manager.filter(pk=record.pk)))
    if rows:
        before = record_kind.search.signals(rows[0]).views_before
    total = before + views_of(kind, record.pk)
    label = ngettext("เข้าชม %(n)s ครั้ง", "เข้าชม %(n)s ครั้ง", total) % {"n": format_number(total)}
    return format_html('<p class="record-views" data-views="{}">{}</p>', total, label)
