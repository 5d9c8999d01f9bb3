"""manage.py import_assets FILE [--strict] [--profile NAME] [--dry-run] [--user NAME]: the interchange
import, reported row by row; with a profile, a partner's file read through its saved column mapping."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from culturalmap.assets.interchange import InterchangeFileError, asset_file_import
from culturalmap.assets.interchange.profiles import ColumnMapping, asset_file_import_mapped
from culturalmap.assets.models import ImportProfile

# Exit codes: 0 imported (refused rows, if any, are listed); 1 rows refused in strict mode
# (nothing imported); 2 the file cannot be read (nothing imported); 3 no such profile or user.
EXIT_REFUSED_STRICT = 1
EXIT_UNREADABLE = 2
EXIT_UNKNOWN = 3


class Command(BaseCommand):
    help = (
        "Import cultural assets from a GeoPackage, GeoJSON, zipped Shapefile or CSV (interchange v1), or"
        " any CSV, .xlsx or vector file through a saved column mapping (--profile)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", help=".gpkg, .geojson/.json, .zip (Shapefile), .csv; .xlsx with --profile"
        )
        parser.add_argument("--strict", action="store_true", help="import nothing when any row is refused")
        parser.add_argument("--profile", help="the saved column mapping to read the file through")
        parser.add_argument("--dry-run", action="store_true", help="check every row, store nothing")
        parser.add_argument("--user", help="who imports (the records' history names them)")

    def handle(
        self, *args, file: str, strict: bool, profile: str | None, dry_run: bool, user: str | None, **options
    ):
        who = self._user(user)
        try:
            if profile:
                mapping = self._mapping(profile)
                report = asset_file_import_mapped(
                    path=file, mapping=mapping, user=who, strict=strict, dry_run=dry_run
                ).report
            else:
                with transaction.atomic():
                    report = asset_file_import(path=file, strict=strict, user=who)
                    transaction.set_rollback(dry_run)
        except InterchangeFileError as error:
            raise CommandError(str(error), returncode=EXIT_UNREADABLE) from error
        if dry_run:
            self.stdout.write("ตรวจอย่างเดียว ไม่ได้บันทึก / dry run: nothing was stored")
        self.stdout.write(report.as_text())
        if strict and report.refused:
            raise CommandError(
                f"ปฏิเสธ {len(report.refused)} แถวในโหมดเข้มงวด: ไม่นำเข้าเลย"
                f" / {len(report.refused)} row(s) refused in strict mode: nothing imported",
                returncode=EXIT_REFUSED_STRICT,
            )

    def _user(self, username: str | None):
        if not username:
            return None
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"ไม่มีผู้ใช้ {username} / no user {username}", returncode=EXIT_UNKNOWN)
        return found

    def _mapping(self, name: str) -> ColumnMapping:
        profile = ImportProfile.objects.filter(name=name).first()
        if profile is None:
            known = ", ".join(ImportProfile.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(
                f"ไม่มีโปรไฟล์ {name} / no profile {name!r} (profiles: {known})", returncode=EXIT_UNKNOWN
            )
        return ColumnMapping.from_json(profile.mapping)
