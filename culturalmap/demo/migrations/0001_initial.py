from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DemoCatalogue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("version", models.CharField(max_length=40)),
                ("loaded_at", models.DateTimeField(auto_now=True)),
                ("seconds", models.FloatField(default=0)),
                ("codes", models.JSONField(default=dict)),
            ],
            options={"verbose_name": "demo catalogue"},
        ),
    ]
