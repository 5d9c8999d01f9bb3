"""Existing Key Features ratings (one set per city, no year) become that city's self-assessment of the
year they were last changed (Bangkok time), waiting for a curator's review: nothing is dropped, and
nothing unreviewed is shown as approved."""

import zoneinfo

from django.db import migrations
from django.db.models import Max

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def into_yearly_assessments(apps, schema_editor):
    Rating = apps.get_model("learningcity", "KeyFeatureAssessment")
    SelfAssessment = apps.get_model("learningcity", "SelfAssessment")
    cities = Rating.objects.filter(assessment__isnull=True).order_by().values_list("city_id", flat=True)
    for city_id in sorted(set(cities)):
        ratings = Rating.objects.filter(city_id=city_id, assessment__isnull=True)
        last = ratings.aggregate(last=Max("updated_at"))["last"]
        latest = ratings.order_by("-updated_at").first()
        assessment = SelfAssessment.objects.create(
            city_id=city_id,
            year=last.astimezone(BANGKOK).year,
            status="submitted",
            submitted_at=last,
            submitted_by_id=latest.updated_by_id,
        )
        ratings.update(assessment=assessment)


def back_to_one_set(apps, schema_editor):
    Rating = apps.get_model("learningcity", "KeyFeatureAssessment")
    SelfAssessment = apps.get_model("learningcity", "SelfAssessment")
    # One set per city again: keep each city's latest year only (the old schema had no years).
    for assessment in SelfAssessment.objects.order_by("city_id", "-year"):
        if Rating.objects.filter(city_id=assessment.city_id, assessment__isnull=True).exists():
            Rating.objects.filter(assessment=assessment).delete()
        else:
            Rating.objects.filter(assessment=assessment).update(assessment=None)


class Migration(migrations.Migration):
    dependencies = [("learningcity", "0005_courses_outcomes_self_assessment")]

    operations = [
        migrations.RunPython(into_yearly_assessments, back_to_one_set),
    ]
