"""The assets' cluster pyramid (culturalmap.maps.models.AssetCluster) and the trigger that keeps it in step.

The model moved here from geodata, keeping its table (geodata_assetcluster) and trigger function: on a
database migrated before the move, geodata's migrations 0003 and 0004 built them, and this migration
only takes the model into the map app's state; on a new database it builds them.

Cells: level z (0..12) holds cells of the web-mercator tile grid at zoom z + 2 (4 × 4 cells per tile);
the finest level is computed from each asset's point in 3857 and every coarser cell is the finest cell
index shifted right. The numbers here must match culturalmap/maps/tiles/grid.py.

A high-risk asset counts twice, at its generalised point for the public (audience 1) and at its exact
point for curators (audience 2); every other asset once, for everyone (audience 0).

One statement-level trigger per operation (transition tables cannot be shared between events): each
turns the changed rows into signed deltas (+1 for a new published row, -1 for an old one), so an
INSERT … SELECT of a million rows costs a few grouped upserts, and an update that moves nothing on
the map (a view count) writes nothing.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "geodata_assetcluster"
MAX_LEVEL = 12
HALF_WORLD = "20037508.342789244"
FINEST_CELL = "2445.98490512564"  # 2 * HALF_WORLD / 2 ** (MAX_LEVEL + 2)
FINEST_CELLS = 2 ** (MAX_LEVEL + 2)
EVERYONE, PUBLIC, CURATORS = 0, 1, 2


def _apply(delta_sql: str) -> str:
    """One statement that adds the signed rows of `delta_sql` (s, archetype, province_id, risk,
    location, public_location) to every level of the pyramid, then drops emptied cells. Each level is
    grouped from the finer one, not from the assets again."""
    levels = [f"""
    l{MAX_LEVEL} AS (
      SELECT archetype, province_id, audience,
             least(greatest(floor((ST_X(g) + {HALF_WORLD}) / {FINEST_CELL}), 0), {FINEST_CELLS - 1})::int AS cx,
             least(greatest(floor(({HALF_WORLD} - ST_Y(g)) / {FINEST_CELL}), 0), {FINEST_CELLS - 1})::int AS cy,
             sum(s)::int AS n, sum(s * ST_X(g)) AS sx, sum(s * ST_Y(g)) AS sy
      FROM p GROUP BY 1, 2, 3, 4, 5
      HAVING sum(s) <> 0 OR sum(s * ST_X(g)) <> 0 OR sum(s * ST_Y(g)) <> 0
    )"""]
    for z in range(MAX_LEVEL - 1, -1, -1):
        levels.append(f"""
    l{z} AS (
      SELECT archetype, province_id, audience, cx >> 1 AS cx, cy >> 1 AS cy,
             sum(n)::int AS n, sum(sx) AS sx, sum(sy) AS sy
      FROM l{z + 1} GROUP BY 1, 2, 3, 4, 5
    )""")
    union = "\n      UNION ALL ".join(
        f"SELECT {z}::smallint, cx, cy, archetype, province_id, audience, n, sx, sy FROM l{z}"
        for z in range(MAX_LEVEL + 1)
    )
    return f"""
    WITH d AS ({delta_sql}),
    p AS (
      SELECT s, archetype, province_id, {EVERYONE}::smallint AS audience,
             ST_Transform(public_location, 3857) AS g FROM d WHERE risk IS DISTINCT FROM 'high'
      UNION ALL
      SELECT s, archetype, province_id, {PUBLIC}::smallint, ST_Transform(public_location, 3857)
      FROM d WHERE risk = 'high'
      UNION ALL
      SELECT s, archetype, province_id, {CURATORS}::smallint, ST_Transform(location, 3857)
      FROM d WHERE risk = 'high'
    ),
    {",".join(levels)}
    INSERT INTO {TABLE} AS c (zoom, cx, cy, archetype, province_id, audience, n, sx, sy)
    SELECT * FROM (
      {union}
    ) l (zoom, cx, cy, archetype, province_id, audience, n, sx, sy)
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT asset_cluster_cell
    DO UPDATE SET n = c.n + EXCLUDED.n, sx = c.sx + EXCLUDED.sx, sy = c.sy + EXCLUDED.sy;
    DELETE FROM {TABLE} WHERE n = 0;
    """


_COLUMNS = "archetype, province_id, risk, location, public_location"
_PUBLISHED = "status = 'published'"
_NEW = f"SELECT 1 AS s, {_COLUMNS} FROM new_rows WHERE {_PUBLISHED}"
_OLD = f"SELECT -1 AS s, {_COLUMNS} FROM old_rows WHERE {_PUBLISHED}"

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
{_apply(f"SELECT 1 AS s, {_COLUMNS} FROM assets_asset WHERE {_PUBLISHED}")}
"""

BACKWARD = """
DROP TRIGGER IF EXISTS asset_cluster_insert ON assets_asset;
DROP TRIGGER IF EXISTS asset_cluster_update ON assets_asset;
DROP TRIGGER IF EXISTS asset_cluster_delete ON assets_asset;
DROP FUNCTION IF EXISTS geodata_asset_cluster_sync();
"""


def build(apps, schema_editor):
    """A new database: the table, its trigger and the pyramid of the assets already there."""
    if TABLE in schema_editor.connection.introspection.table_names():
        return  # built by geodata 0003 and 0004 before the move: the same table, trigger and cells
    schema_editor.create_model(apps.get_model("maps", "AssetCluster"))
    schema_editor.execute(FORWARD, params=None)


def unbuild(apps, schema_editor):
    schema_editor.execute(BACKWARD, params=None)
    schema_editor.delete_model(apps.get_model("maps", "AssetCluster"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("geodata", "0004_asset_cluster_audience"),
        ("assets", "0002_geometry_types"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AssetCluster",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("zoom", models.SmallIntegerField()),
                        ("cx", models.IntegerField()),
                        ("cy", models.IntegerField()),
                        ("archetype", models.CharField(max_length=32)),
                        (
                            "audience",
                            models.SmallIntegerField(
                                choices=[(0, "Everyone"), (1, "Public"), (2, "Curators")], default=0
                            ),
                        ),
                        ("n", models.IntegerField()),
                        ("sx", models.FloatField()),
                        ("sy", models.FloatField()),
                        (
                            "province",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="geodata.province",
                            ),
                        ),
                    ],
                    options={
                        "db_table": TABLE,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("zoom", "cx", "cy", "archetype", "province", "audience"),
                                name="asset_cluster_cell",
                            )
                        ],
                        "indexes": [
                            models.Index(condition=models.Q(("n", 0)), fields=["id"], name="asset_cluster_empty")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(build, unbuild),
    ]
