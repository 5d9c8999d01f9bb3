from django.core.management.base import BaseCommand, CommandError

from culturalmap.search import feed, sync


class Command(BaseCommand):
    help = "Apply to this node's search index the changes it has not taken in (those a failed write left)."

    def handle(self, *args, **options):
        node = feed.node_name()
        applied = sync.apply_pending(node)
        behind = feed.lag(node)
        left = behind.changes if behind is not None else 0
        self.stdout.write(f"search index of {node}: {applied} change(s) applied, {left} left")
        if left:
            raise CommandError(
                "some changes could not be applied: see the log, or run `manage.py rebuild_search_index`"
            )
