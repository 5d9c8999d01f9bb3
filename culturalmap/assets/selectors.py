"""Reads on the cultural-asset catalogue."""

from django.db.models import Count, QuerySet

from .archetypes import ARCHETYPES
from .models import Asset, PublicationStatus


def published_assets() -> QuerySet[Asset]:
    return Asset.objects.filter(status=PublicationStatus.PUBLISHED)


def archetype_counts() -> list[dict]:
    """Published assets per archetype, in the archetypes' own order, zeros included."""
    counts = dict(published_assets().values_list("archetype").annotate(n=Count("id")).order_by())
    return [{"code": code, "name_th": th, "name_en": en, "count": counts.get(code, 0)}
            for code, th, en in ARCHETYPES]


def catalogue_summary() -> dict:
    per_archetype = archetype_counts()
    return {"assets": sum(a["count"] for a in per_archetype), "per_archetype": per_archetype}
