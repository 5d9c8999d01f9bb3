"""manage.py build_open_data [--if-stale] [--force]: a new open-data release (culturalmap.opendata).

`make setup` runs it with --if-stale; run it nightly (cron, a systemd timer) or after a large import:
it builds nothing when the public catalogue has not changed since the current release.
"""

from django.core.management.base import BaseCommand

from culturalmap.opendata.release import current_release, open_data_release_build


class Command(BaseCommand):
    help = "Build the open-data release (GeoPackage, GeoJSON, CSV) of the public catalogue."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="only when the catalogue changed since the current release (the default: say so and stop)",
        )
        parser.add_argument("--force", action="store_true", help="build even when nothing changed")

    def handle(self, *args, if_stale: bool, force: bool, **options) -> None:
        release = open_data_release_build(force=force)
        if release is None:
            current = current_release()
            self.stdout.write(
                f"ข้อมูลเปิดเป็นปัจจุบันแล้ว ({current.version}) / the open-data release is up to date"
                f" ({current.version})"
            )
            return
        counts = ", ".join(f"{k['layer']} {k['count']:,}" for k in release.kinds)
        changed = release.changes.get("kinds", {})
        summary = "; ".join(
            f"{code} +{c['added']} ~{c['changed']} -{c['removed']}"
            for code, c in changed.items()
            if any(c.values())
        )
        previous = release.changes.get("previous") or "-"
        self.stdout.write(
            f"ข้อมูลเปิดฉบับ {release.version} / open-data release {release.version}: {counts}"
            f" (since {previous}: {summary or 'no record changed'})"
        )
