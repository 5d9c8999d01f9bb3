from django.db import migrations

# A route is a line; every other learning space is a point or an area.
SQL = """
ALTER TABLE learningcity_learningspace ADD CONSTRAINT learning_space_geom_type CHECK (
  NOT ST_IsEmpty(geom) AND CASE space_type
    WHEN 'learning_route' THEN GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING')
                               AND ST_NPoints(geom) >= 2
    ELSE GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON') END);
"""


class Migration(migrations.Migration):
    dependencies = [("learningcity", "0001_initial")]
    operations = [migrations.RunSQL(
        SQL, "ALTER TABLE learningcity_learningspace DROP CONSTRAINT learning_space_geom_type;")]
