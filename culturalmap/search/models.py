"""The search index's durable queue (record changes it has not taken in yet) and what people look at
(how often each public record's page was viewed)."""

from django.db import models
from django.utils import timezone


class PendingIndexChange(models.Model):
    """A changed record the index still has to re-read. Written in the same transaction as the
    change (culturalmap.core.changes.record_in_transaction), deleted once the index has it: a change
    is never lost to an index that could not be written (a full disk, a read-only directory, a
    crash between commit and index), and `manage.py check` sees the lag (culturalmap.search.checks)."""

    kind = models.CharField(max_length=40)
    record_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} ({self.attempts} attempts)"


class RecordViews(models.Model):
    """Views of one record's page, any kind of the registry (popularity.py counts). Only the count:
    never who viewed, from where or when."""

    kind = models.CharField(max_length=32)
    record_id = models.BigIntegerField()
    views = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "record views"
        constraints = [models.UniqueConstraint(fields=["kind", "record_id"], name="record_views_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.record_id} {self.views}"
