"""Once the assets' cluster pyramid (its table and trigger); both now belong to the map app
(culturalmap/maps/migrations/0001_initial.py), which builds them on a new database and takes over the
ones this migration built on an older one. Kept, empty, so that geodata's later migrations still
follow it, and geodata depends on no domain app."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("geodata", "0002_load_provinces")]
    operations = []
