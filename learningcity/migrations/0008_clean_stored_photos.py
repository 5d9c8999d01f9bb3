"""Learning-space photos stored without a thumbnail or with metadata (none should be: they came
through the image pipeline) are re-encoded like the assets' images; the revisions that name a
re-encoded photo name its new file, so a revert still brings it back."""

from django.db import migrations


def clean_stored_photos(apps, schema_editor):
    from culturalmap.core.images import clean_stored_image

    LearningSpaceImage = apps.get_model("learningcity", "LearningSpaceImage")
    LearningRevision = apps.get_model("learningcity", "LearningRevision")
    renamed = {}
    for photo in LearningSpaceImage._base_manager.order_by("pk").iterator():
        old = photo.image.name
        new = clean_stored_image(photo)
        if new:
            renamed[old] = new
    if not renamed:
        return
    for revision in LearningRevision.objects.filter(space__isnull=False).iterator():
        photos = revision.snapshot.get("photos") or []
        if any(name in renamed for name in photos):
            revision.snapshot["photos"] = [renamed.get(name, name) for name in photos]
            revision.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("learningcity", "0007_key_feature_rating_in_an_assessment")]

    operations = [migrations.RunPython(clean_stored_photos, migrations.RunPython.noop, elidable=True)]
