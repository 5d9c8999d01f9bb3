"""sitemap.xml (django.contrib.sitemaps): every public record of every kind of the registry, and the
site's main pages, each in Thai and English with hreflang alternates (the English page is the same
address with ?lang=en; culturalmap.i18n)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import get_language

from culturalmap.core import records
from culturalmap.core.records import RecordKind

PAGES = ("home", "search", "cultural-cities", "learning-city-list", "about-data", "open-data", "ogc-landing")


def _in_language(path: str) -> str:
    """The page's address in the active language: Thai is the site's own, English asks for itself."""
    return path if (get_language() or "th").startswith("th") else f"{path}?lang=en"


class RecordSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = ["th", "en"]
    changefreq = "weekly"

    def __init__(self, kind: RecordKind):
        self.kind = kind

    def items(self):
        return list(self.kind.public().order_by("pk").values("code", "updated_at"))

    def location(self, item) -> str:
        return _in_language(self.kind.url(item["code"]))

    def lastmod(self, item):
        return item["updated_at"]


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = ["th", "en"]
    changefreq = "daily"

    def items(self):
        return list(PAGES)

    def location(self, item) -> str:
        return _in_language(reverse(item))


def sitemaps() -> dict[str, Sitemap]:
    """Built per request from the registry: a kind registered later is in the next sitemap."""
    found: dict[str, Sitemap] = {"pages": PageSitemap()}
    found.update({kind.layer: RecordSitemap(kind) for kind in records.kinds()})
    return found
