from django.db import models


class DemoCatalogue(models.Model):
    """Which version of the demo catalogue the database holds, and the codes of its records.

    `manage.py load_demo` skips when the stored version is its own; a rebuild removes exactly
    the records listed here, never anything a user or an import added.
    """

    version = models.CharField(max_length=40)
    loaded_at = models.DateTimeField(auto_now=True)
    seconds = models.FloatField(default=0)
    # {"city": [...codes], "district": [...], "market": [...], "learning_city": [...], ...}
    codes = models.JSONField(default=dict)

    class Meta:
        verbose_name = "demo catalogue"

    def __str__(self) -> str:
        return f"demo catalogue {self.version}"
