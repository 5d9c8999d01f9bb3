"""When each city, district and market last changed: the time of their OGC API features."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("markets", "0005_vendors_festivals_impact")]

    operations = [
        migrations.AddField(
            model_name=model,
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        )
        for model in ("culturalcity", "culturaldistrict", "culturalmarket")
    ]
