"""The search index's durable queue: record changes it has not taken in yet."""

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
