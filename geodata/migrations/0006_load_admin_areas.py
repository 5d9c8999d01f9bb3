from django.db import migrations


def load(apps, schema_editor):
    from geodata.loaders import load_admin_areas

    load_admin_areas(apps.get_model("geodata", "Amphoe"), apps.get_model("geodata", "Tambon"), schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("geodata", "0005_amphoe_tambon")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
