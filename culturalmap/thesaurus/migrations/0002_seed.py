"""The heritage thesaurus the catalogue starts with (culturalmap/thesaurus/seed.py): 400 concepts under
the 11 archetypes, the periods and the designations. Deterministic; a concept already there by its key
is written over with the seed's labels and links."""

from django.db import migrations


def seed(apps, schema_editor):
    from culturalmap.thesaurus.services import seed_concepts, write_concepts

    write_concepts(apps.get_model("thesaurus", "Concept"), seed_concepts())


class Migration(migrations.Migration):
    dependencies = [("thesaurus", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
