"""Purge sales-sheet previews nobody committed (waiting, discarded, superseded) older than a day.

Each new preview already purges its market's stale ones; run this nightly for markets that stopped
uploading:  30 3 * * *  .venv/bin/python manage.py purge_sales_previews
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from culturalmap.markets.models import CulturalMarket
from culturalmap.markets.uploads import PREVIEW_LIFETIME, sales_uploads_purge


class Command(BaseCommand):
    help = "Delete sales-sheet previews never committed that are older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=float, default=PREVIEW_LIFETIME.total_seconds() / 3600, help="age in hours (> 0)"
        )
        parser.add_argument("--market", help="only this market (its permalink code)")

    def handle(self, *args, hours: float, market: str | None, **options):
        if hours <= 0:
            raise CommandError("--hours must be more than 0")
        scope = None
        if market:
            scope = CulturalMarket.objects.filter(code=market).first()
            if scope is None:
                raise CommandError(f"no market with the code {market!r}")
        purged = sales_uploads_purge(market=scope, older_than=datetime.timedelta(hours=hours))
        self.stdout.write(
            f"ลบตัวอย่างการอัปโหลดที่ไม่ได้บันทึก {purged:,} รายการ / purged {purged:,} uncommitted previews"
        )
