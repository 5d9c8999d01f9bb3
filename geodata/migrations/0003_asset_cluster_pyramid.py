"""The map's asset cluster pyramid (geodata.models.AssetCluster) and the trigger that keeps it in step.

Cells: level z (0..12) holds cells of the web-mercator tile grid at zoom z + 2 (4 × 4 cells per tile);
the finest level is computed from each asset's public_location in 3857 and every coarser cell is the
finest cell index shifted right. The numbers here must match geodata/tiles/grid.py.

One statement-level trigger per operation (transition tables cannot be shared between events): each
turns the changed rows into signed deltas (+1 for a new published row, -1 for an old one), so an
INSERT … SELECT of a million rows costs a few grouped upserts, and an update that moves nothing on
the map (a view count) writes nothing.
"""

from django.db import migrations, models
import django.db.models.deletion

MAX_LEVEL = 12
HALF_WORLD = "20037508.342789244"
FINEST_CELL = "2445.98490512564"  # 2 * HALF_WORLD / 2 ** (MAX_LEVEL + 2)
FINEST_CELLS = 2 ** (MAX_LEVEL + 2)


def _apply(delta_sql: str) -> str:
    """One statement that adds the signed rows of `delta_sql` (s, archetype, province_id,
    public_location) to every level of the pyramid, then drops emptied cells. Each level is grouped
    from the finer one (fewer rows at every step), not from the assets again."""
    levels = [f"""
    l{MAX_LEVEL} AS (
      SELECT archetype, province_id,
             least(greatest(floor((ST_X(g) + {HALF_WORLD}) / {FINEST_CELL}), 0), {FINEST_CELLS - 1})::int AS cx,
             least(greatest(floor(({HALF_WORLD} - ST_Y(g)) / {FINEST_CELL}), 0), {FINEST_CELLS - 1})::int AS cy,
             sum(s)::int AS n, sum(s * ST_X(g)) AS sx, sum(s * ST_Y(g)) AS sy
      FROM p GROUP BY 1, 2, 3, 4
      HAVING sum(s) <> 0 OR sum(s * ST_X(g)) <> 0 OR sum(s * ST_Y(g)) <> 0
    )"""]
    for z in range(MAX_LEVEL - 1, -1, -1):
        levels.append(f"""
    l{z} AS (
      SELECT archetype, province_id, cx >> 1 AS cx, cy >> 1 AS cy, sum(n)::int AS n, sum(sx) AS sx, sum(sy) AS sy
      FROM l{z + 1} GROUP BY 1, 2, 3, 4
    )""")
    union = "\n      UNION ALL ".join(
        f"SELECT {z}::smallint, cx, cy, archetype, province_id, n, sx, sy FROM l{z}" for z in range(MAX_LEVEL + 1)
    )
    return f"""
    WITH d AS ({delta_sql}),
    p AS (SELECT s, archetype, province_id, ST_Transform(public_location, 3857) AS g FROM d),
    {",".join(levels)}
    INSERT INTO geodata_assetcluster AS c (zoom, cx, cy, archetype, province_id, n, sx, sy)
    SELECT * FROM (
      {union}
    ) l (zoom, cx, cy, archetype, province_id, n, sx, sy)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT asset_cluster_cell
    DO UPDATE SET n = c.n + EXCLUDED.n, sx = c.sx + EXCLUDED.sx, sy = c.sy + EXCLUDED.sy;
    DELETE FROM geodata_assetcluster WHERE n = 0;
    """


_PUBLISHED = "status = 'published'"
_NEW = f"SELECT 1 AS s, archetype, province_id, public_location FROM new_rows WHERE {_PUBLISHED}"
_OLD = f"SELECT -1 AS s, archetype, province_id, public_location FROM old_rows WHERE {_PUBLISHED}"

FORWARD = f"""
CREATE OR REPLACE FUNCTION geodata_asset_cluster_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_apply(_NEW)}
  ELSIF TG_OP = 'DELETE' THEN
    {_apply(_OLD)}
  ELSE
    {_apply(_NEW + " UNION ALL " + _OLD)}
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER asset_cluster_insert AFTER INSERT ON assets_asset
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION geodata_asset_cluster_sync();
CREATE TRIGGER asset_cluster_update AFTER UPDATE ON assets_asset
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION geodata_asset_cluster_sync();
CREATE TRIGGER asset_cluster_delete AFTER DELETE ON assets_asset
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION geodata_asset_cluster_sync();
-- The pyramid of what is already there.
{_apply("SELECT 1 AS s, archetype, province_id, public_location FROM assets_asset WHERE " + _PUBLISHED)}
"""

BACKWARD = """
DROP TRIGGER IF EXISTS asset_cluster_insert ON assets_asset;
DROP TRIGGER IF EXISTS asset_cluster_update ON assets_asset;
DROP TRIGGER IF EXISTS asset_cluster_delete ON assets_asset;
DROP FUNCTION IF EXISTS geodata_asset_cluster_sync();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("geodata", "0002_load_provinces"),
        ("assets", "0002_geometry_types"),
    ]

    operations = [
        migrations.CreateModel(
            name="AssetCluster",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("zoom", models.SmallIntegerField()),
                ("cx", models.IntegerField()),
                ("cy", models.IntegerField()),
                ("archetype", models.CharField(max_length=32)),
                ("n", models.IntegerField()),
                ("sx", models.FloatField()),
                ("sy", models.FloatField()),
                ("province", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                                               related_name="+", to="geodata.province")),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("zoom", "cx", "cy", "archetype", "province"),
                                                        name="asset_cluster_cell")],
                "indexes": [models.Index(condition=models.Q(("n", 0)), fields=["id"], name="asset_cluster_empty")],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
