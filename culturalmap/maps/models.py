"""The map's own table: the cluster pyramid of the assets layer, kept by a trigger on the assets."""

from django.contrib.gis.db import models

from geodata.models import Province


class Audience(models.IntegerChoices):
    """Who a cluster cell is drawn for. A high-risk asset is in the pyramid twice: at its generalised
    point for the public and at its exact one for curators; every other asset once, for everyone."""

    EVERYONE = 0
    PUBLIC = 1
    CURATORS = 2


class AssetCluster(models.Model):
    """One cell of the map's cluster pyramid (culturalmap.maps.tiles): published assets of one archetype in
    one province that fall in one grid cell at one zoom, as a count and the sums of their web-mercator
    coordinates (so a cluster sits at its members' mean).

    A statement-level trigger on assets_asset keeps it in step with every write, bulk ones included,
    inside the writing transaction (migration maps/0001), so low-zoom tiles read a few hundred
    cells instead of every asset. The public's tiles read the EVERYONE and PUBLIC cells, curators' the
    EVERYONE and CURATORS cells.
    """

    zoom = models.SmallIntegerField()
    cx = models.IntegerField()
    cy = models.IntegerField()
    archetype = models.CharField(max_length=32)
    province = models.ForeignKey(Province, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    audience = models.SmallIntegerField(choices=Audience, default=Audience.EVERYONE)
    n = models.IntegerField()
    sx = models.FloatField()
    sy = models.FloatField()

    class Meta:
        db_table = "geodata_assetcluster"  # where the pyramid was first built; its triggers name it
        constraints = [
            models.UniqueConstraint(
                fields=["zoom", "cx", "cy", "archetype", "province", "audience"], name="asset_cluster_cell"
            ),
        ]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(n=0), name="asset_cluster_empty"),
        ]

    def __str__(self) -> str:
        return f"z{self.zoom} {self.cx},{self.cy} {self.archetype}: {self.n}"
