"""Django's admin, with its sign-in page as rate-limited as the site's own (/accounts/login/)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from .throttle import throttled_method


class ThrottledAdminSite(admin.AdminSite):
    @throttled_method
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)


class ThrottledAdminConfig(AdminConfig):
    default_site = "culturalmap.accounts.admin_site.ThrottledAdminSite"
