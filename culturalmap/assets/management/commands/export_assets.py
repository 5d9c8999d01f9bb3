"""manage.py export_assets FILE [--public]: the catalogue in the interchange format."""

import warnings

from django.core.management.base import BaseCommand, CommandError

from culturalmap.assets.interchange import InterchangeFileError, asset_file_export
from culturalmap.assets.interchange.exporting import ExportWarning


class Command(BaseCommand):
    help = "Export cultural assets; the format follows the extension: .gpkg, .geojson/.json, .zip, .csv."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--public",
            action="store_true",
            help="published records only, high-risk ones at their generalised location",
        )

    def handle(self, *args, file: str, public: bool, **options) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                count = asset_file_export(path=file, public=public)
            except InterchangeFileError as error:
                raise CommandError(str(error), returncode=2) from error
        for warning in caught:
            if issubclass(warning.category, ExportWarning):
                self.stderr.write(str(warning.message))
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        self.stdout.write(f"ส่งออก {count} รายการไปที่ {file} / exported {count} assets to {file}")
