"""Images added in the admin before it used the image pipeline were stored as uploaded: with their
EXIF (a phone's GPS position of an at-risk site, the camera's serial) and without a thumbnail.
Re-encode them through culturalmap.core.images and make their thumbnails."""

from django.db import migrations


def clean_stored_images(apps, schema_editor):
    from culturalmap.core.images import clean_stored_image

    AssetImage = apps.get_model("assets", "AssetImage")
    for image in AssetImage._base_manager.order_by("pk").iterator():
        clean_stored_image(image)


class Migration(migrations.Migration):
    dependencies = [("assets", "0003_sub_districts")]

    operations = [migrations.RunPython(clean_stored_images, migrations.RunPython.noop, elidable=True)]
