from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from culturalmap.thesaurus import skos
from culturalmap.thesaurus.selectors import concept_data


class Command(BaseCommand):
    help = "Write the heritage thesaurus as SKOS: Turtle (.ttl) or JSON-LD (.jsonld), by the file's suffix."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Output file (.ttl or .jsonld); '-' writes Turtle to stdout.")
        parser.add_argument("--format", help="ttl or jsonld (default: from the suffix)")

    def handle(self, *args, path: str, format: str | None = None, **options):
        fmt = format or (Path(path).suffix or ".ttl")
        try:
            text = skos.serialize(concept_data(), fmt)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if path == "-":
            self.stdout.write(text)
            return
        Path(path).write_text(text, encoding="utf-8")
        self.stderr.write(f"{path}: {len(concept_data())} concepts")
