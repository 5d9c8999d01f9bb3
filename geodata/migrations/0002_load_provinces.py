from django.db import migrations


def load(apps, schema_editor):
    from geodata.loaders import load_provinces

    load_provinces(apps.get_model("geodata", "Region"), apps.get_model("geodata", "Province"))


class Migration(migrations.Migration):
    dependencies = [("geodata", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
