from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

handler403 = "culturalmap.core.errors.permission_denied"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("culturalmap.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
