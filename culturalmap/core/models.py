"""The shared kernel's one table: the revisions of the public records (culturalmap.core.history)."""

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class RevisionAction(models.TextChoices):
    # In a context of their own: other catalogues translate the same Thai words otherwise.
    BASELINE = "baseline", pgettext_lazy("record history", "ข้อมูลตั้งต้น")
    CREATE = "create", pgettext_lazy("record history", "สร้าง")
    UPDATE = "update", pgettext_lazy("record history", "แก้ไข")
    REVERT = "revert", pgettext_lazy("record history", "ย้อนกลับ")


class RevisionVia(models.TextChoices):
    """How the change came: what a curator reads to find where to look."""

    ADMIN = "admin", pgettext_lazy("record history", "หน้าผู้ดูแลระบบ")
    IMPORT = "import", pgettext_lazy("record history", "นำเข้าไฟล์")
    API = "api", pgettext_lazy("record history", "API")
    PAGE = "page", pgettext_lazy("record history", "หน้าเว็บ")
    SERVICE = "service", pgettext_lazy("record history", "ระบบ")


class Revision(models.Model):
    """One change to a record of any kind (`kind`: its record-kind code, culturalmap.core.records).

    `snapshot` is the record after the change (JSON, a geometry as GeoJSON), `changes` maps each
    changed field to [before, after]. Rows are only added: a revert is a new revision. `number`
    counts a record's revisions from 1. The record itself may since have been deleted.
    """

    kind = models.CharField(max_length=32)
    record_id = models.BigIntegerField()
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=RevisionAction.choices)
    via = models.CharField(max_length=16, choices=RevisionVia.choices, default=RevisionVia.SERVICE)
    snapshot = models.JSONField()
    changes = models.JSONField(default=dict)
    reverts = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverted_by"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "record_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id", "number"], name="revision_number_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} #{self.number} ({self.action})"
