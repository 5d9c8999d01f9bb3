from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import about
from .core.health import healthz

handler403 = "culturalmap.core.errors.permission_denied"
handler404 = "culturalmap.core.errors.page_not_found"
handler500 = "culturalmap.core.errors.server_error"

# Each domain package owns its pages and API routes; the permanent record URLs are
# /assets/<code>/, /districts/<code>/, /cultural-cities/<code>/, /markets/<code>/,
# /learning-cities/<code>/ and /learning-spaces/<code>/ (see each model's get_absolute_url).
urlpatterns = [
    path("healthz", healthz, name="healthz"),  # for the front proxy and load balancers
    path("", include("culturalmap.maps.urls")),
    path("", include("geodata.api_urls")),
    path("about-the-data/", about.about_data, name="about-data"),
    path("", include("culturalmap.assets.urls")),
    path("", include("culturalmap.places.urls")),
    path("", include("culturalmap.markets.urls")),
    path("", include("culturalmap.economy.urls")),
    path("", include("culturalmap.search.urls")),
    path("", include("learningcity.urls")),
    path("", include("culturalmap.ogc.urls")),
    path("", include("culturalmap.opendata.urls")),
    path("", include("culturalmap.linked.urls")),
    path("accounts/", include("culturalmap.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
