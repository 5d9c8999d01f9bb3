import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the deterministic demo catalogue (4,800 assets, cultural cities, districts, markets "
        "and their sales ledger, the 10 GNLC learning cities). Skips when this version is loaded."
    )
    # `make setup` runs this on every start: the checks (every URL module imported) would cost more
    # than the "already loaded" answer itself. `migrate`, run just before, has checked the project.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="remove the demo records and load them again"
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        started = time.perf_counter()
        # The "already loaded" answer needs no geodata stack: check it before importing one.
        from culturalmap.demo.selectors import demo_is_current, demo_version

        if not force and demo_is_current():
            if verbosity:
                self.stdout.write(
                    f"demo catalogue {demo_version()} already loaded "
                    f"({time.perf_counter() - started:.2f} s); --force rebuilds it"
                )
            return
        from culturalmap.demo.services import demo_catalogue_load

        report = demo_catalogue_load(force=force)
        if verbosity:
            removed = ", ".join(f"{n:,} {kind.replace('_', ' ')}" for kind, n in report.removed.items() if n)
            if removed:
                self.stdout.write(f"removed before seeding again: {removed}")
            loaded = ", ".join(f"{n:,} {kind.replace('_', ' ')}" for kind, n in report.counts.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"demo catalogue {report.version} loaded in {report.seconds:.1f} s: {loaded}"
                )
            )
            steps = ", ".join(f"{step} {sec:.1f} s" for step, sec in report.steps.items())
            self.stdout.write(
                f"steps: {steps}; {time.perf_counter() - started:.1f} s in all, with the "
                f"search index and tile caches brought up to date after the commit"
            )
            self.stdout.write(
                f"Lampang stimulus multiplier {report.lampang_multiplier} "
                f"(residual {report.lampang_stimulus_residual:+.2f} baht against the report)"
            )
