from django.core.management.base import BaseCommand, CommandError

from culturalmap.search import sync
from culturalmap.search.models import PendingIndexChange


class Command(BaseCommand):
    help = "Apply the record changes queued for the search index (those a failed index write left)."

    def handle(self, *args, **options):
        applied = sync.apply_pending()
        left = PendingIndexChange.objects.count()
        self.stdout.write(f"search index: {applied} queued change(s) applied, {left} left")
        if left:
            raise CommandError(
                "some changes could not be applied: see the log, or run `manage.py rebuild_search_index`"
            )
