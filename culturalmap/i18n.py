"""Thai first: the site speaks Thai unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so most visitors on an
English-language browser (and every test browser) would never see the Thai site first. A page's
address with `?lang=en` (or `?lang=th`) is that page in that language, for one request: the English
address a search engine is given beside the Thai one (the sitemap's hreflang alternates).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
        asked = request.GET.get("lang")
        if asked in dict(settings.LANGUAGES):
            translation.activate(asked)
            request.LANGUAGE_CODE = asked
