"""Publication: the statuses of a public record and the rule for what the public sees.

A record is public when it is published and so is every record it belongs to: a learning space of a
draft learning city is not public, nor a market in a withdrawn district. Each kind names what it
belongs to in the record-kind registry (culturalmap.core.records), which builds the filter from here.
"""

from django.db import models
from django.db.models import Q


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    PUBLISHED = "published", "เผยแพร่"
    WITHDRAWN = "withdrawn", "ถอนออก"


PUBLISHED = PublicationStatus.PUBLISHED


def published_here(prefix: str = "") -> Q:
    """The record at `prefix` (a lookup path ending in "__", or "" for the record itself) is published."""
    return Q(**{f"{prefix}status": PUBLISHED})
