from django.core.management.base import BaseCommand

from culturalmap.search import index


class Command(BaseCommand):
    help = "Rebuild the search index from PostGIS (the source of truth) and swap it in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only bring an existing index up to date; build it if there is none.",
        )
        parser.add_argument("--procs", type=int, default=1, help="Indexing processes (full rebuild).")

    def handle(self, *args, if_stale: bool = False, procs: int = 1, **options):
        if if_stale:
            self.stdout.write(f"search index {index.ensure_current()}")
            return
        report = index.rebuild(procs=procs)
        self.stdout.write(f"search index rebuilt: {report.records} records in {report.seconds:.1f} s")
