"""Once the curators' cells of the assets' cluster pyramid; now part of the map app's first migration
(culturalmap/maps/migrations/0001_initial.py). Kept, empty, for the migrations that follow it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("geodata", "0003_asset_cluster_pyramid")]
    operations = []
