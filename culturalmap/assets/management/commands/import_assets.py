"""manage.py import_assets FILE [--strict]: the interchange import, reported row by row."""

from django.core.management.base import BaseCommand, CommandError

from culturalmap.assets.interchange import InterchangeFileError, asset_file_import

# Exit codes: 0 imported (refused rows, if any, are listed); 1 rows refused in strict mode
# (nothing imported); 2 the file cannot be read (nothing imported).
EXIT_REFUSED_STRICT = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = "Import cultural assets from a GeoPackage, GeoJSON, zipped Shapefile or CSV (interchange v1)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=".gpkg, .geojson/.json, .zip (Shapefile) or .csv")
        parser.add_argument("--strict", action="store_true", help="import nothing when any row is refused")

    def handle(self, *args, file: str, strict: bool, **options) -> None:
        try:
            report = asset_file_import(path=file, strict=strict)
        except InterchangeFileError as error:
            raise CommandError(str(error), returncode=EXIT_UNREADABLE) from error
        self.stdout.write(report.as_text())
        if strict and report.refused:
            raise CommandError(
                f"ปฏิเสธ {len(report.refused)} แถวในโหมดเข้มงวด: ไม่นำเข้าเลย"
                f" / {len(report.refused)} row(s) refused in strict mode: nothing imported",
                returncode=EXIT_REFUSED_STRICT,
            )
