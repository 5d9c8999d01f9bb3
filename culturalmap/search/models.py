"""The change feed every node's search index follows and each node's place in it (search.feed), and
what people look at (how often each public record's page was viewed)."""

from django.db import models
from django.db.models import Func
from django.utils import timezone


class TransactionId(models.Field):
    """PostgreSQL's 64-bit transaction id (xid8): which transaction wrote the row, read in SQL only."""

    def db_type(self, connection) -> str:
        return "xid8"


class RecordChange(models.Model):
    """A record that changed: written in the transaction that changed it (an outbox), so a committed
    change is never lost and a rolled-back one never seen. `id` numbers the feed; `xid` is the writing
    transaction, by which readers know what committed since they last read (culturalmap.search.feed).
    A statement trigger NOTIFYs the followers when a transaction that wrote rows commits."""

    id = models.BigAutoField(primary_key=True)
    xid = TransactionId(db_default=Func(function="pg_current_xact_id"), editable=False, db_index=True)
    kind = models.CharField(max_length=40)
    record_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.record_id}"


class IndexCursor(models.Model):
    """How far one node's search index has followed the feed: the snapshot of its last read
    (a pg_snapshot's text; blank: the node must compare its whole index with PostGIS first), and the
    last failure to write the index, if the last try failed."""

    node = models.CharField(max_length=200, primary_key=True)
    snapshot = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)  # failed tries since the last success
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.node} ({self.attempts} failed tries)" if self.attempts else self.node


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
