from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from culturalmap.thesaurus.services import thesaurus_import


class Command(BaseCommand):
    help = (
        "Read a SKOS thesaurus (Turtle .ttl or JSON-LD .jsonld): concepts are created or updated by key "
        "(skos:notation); any error refuses the whole file and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", help="ttl or jsonld (default: from the suffix)")
        parser.add_argument(
            "--replace", action="store_true", help="Also remove the concepts the file does not have."
        )

    def handle(self, *args, path: str, format: str | None = None, replace: bool = False, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = thesaurus_import(
                data=file.read_bytes(), fmt=format or file.suffix or ".ttl", replace=replace
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(f"{path}: nothing imported:\n  " + "\n  ".join(error.messages)) from None
        self.stdout.write(f"{path}: {report.as_text()}")
