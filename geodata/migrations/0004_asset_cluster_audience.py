"""Curators' cells in the cluster pyramid: a high-risk asset now counts twice, at its generalised point
for the public (audience 1) and at its exact point for curators (audience 2); every other asset once,
for everyone (audience 0). The trigger function of 0003 is replaced (its triggers stay) and the pyramid
rebuilt. Cell numbers as in 0003 and geodata/tiles/grid.py.
"""

from django.db import migrations, models

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
    INSERT INTO geodata_assetcluster AS c (zoom, cx, cy, archetype, province_id, audience, n, sx, sy)
    SELECT * FROM (
      {union}
    ) l (zoom, cx, cy, archetype, province_id, audience, n, sx, sy)
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT asset_cluster_cell
    DO UPDATE SET n = c.n + EXCLUDED.n, sx = c.sx + EXCLUDED.sx, sy = c.sy + EXCLUDED.sy;
    DELETE FROM geodata_assetcluster WHERE n = 0;
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
TRUNCATE geodata_assetcluster;
{_apply(f"SELECT 1 AS s, {_COLUMNS} FROM assets_asset WHERE {_PUBLISHED}")}
"""


class Migration(migrations.Migration):
    dependencies = [
        ("geodata", "0003_asset_cluster_pyramid"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="assetcluster", name="asset_cluster_cell"),
        migrations.AddField(
            model_name="assetcluster",
            name="audience",
            field=models.SmallIntegerField(
                choices=[(0, "Everyone"), (1, "Public"), (2, "Curators")], default=0
            ),
        ),
        migrations.AddConstraint(
            model_name="assetcluster",
            constraint=models.UniqueConstraint(
                fields=("zoom", "cx", "cy", "archetype", "province", "audience"), name="asset_cluster_cell"
            ),
        ),
        # Going back to 0003 would need its function and a rebuild: not offered.
        migrations.RunSQL(FORWARD, migrations.RunSQL.noop),
    ]
