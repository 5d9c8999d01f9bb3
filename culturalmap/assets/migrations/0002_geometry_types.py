from django.db import migrations

SQL = """
ALTER TABLE assets_asset ADD CONSTRAINT asset_geom_type
  CHECK (GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON') AND NOT ST_IsEmpty(geom));
"""


class Migration(migrations.Migration):
    dependencies = [("assets", "0001_initial")]
    operations = [migrations.RunSQL(SQL, "ALTER TABLE assets_asset DROP CONSTRAINT asset_geom_type;")]
