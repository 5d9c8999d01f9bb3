from django.contrib.sitemaps import views as sitemap_views
from django.views.decorators.http import require_safe

from .sitemaps import sitemaps


@require_safe
def sitemap_index(request):
    return sitemap_views.index(request, sitemaps(), sitemap_url_name="sitemap-section")


@require_safe
def sitemap_section(request, section: str):
    return sitemap_views.sitemap(request, sitemaps(), section=section)
