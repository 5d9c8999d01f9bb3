import logging
import signal
import threading

from django.core.management.base import BaseCommand

from culturalmap.search import feed, sync


class Command(BaseCommand):
    help = (
        "Keep this node's search index on the change feed: wake on each commit (LISTEN/NOTIFY), catch up "
        "from where the node stopped. Run one beside each app node's server, until SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll", type=float, default=sync.FOLLOW_POLL, help="Seconds between looks without a NOTIFY."
        )

    def handle(self, *args, poll: float = sync.FOLLOW_POLL, **options):
        logging.getLogger("culturalmap.search").setLevel(logging.INFO)
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"following the change feed for node {feed.node_name()}")
        sync.follow(stop, poll=poll)
        self.stdout.write("stopped")
