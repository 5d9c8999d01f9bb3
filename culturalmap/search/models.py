"""What people look at: how often each public record's page was viewed (popularity.py counts)."""

from django.db import models


class RecordViews(models.Model):
    """Views of one record's page, any kind of the registry. Only the count: never who viewed, from
    where or when."""

    kind = models.CharField(max_length=32)
    record_id = models.BigIntegerField()
    views = models.BigIntegerField(default=0)

    class Meta:
        verbose_name_plural = "record views"
        constraints = [models.UniqueConstraint(fields=["kind", "record_id"], name="record_views_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.record_id} {self.views}"
