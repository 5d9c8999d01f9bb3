"""Thai first: the site speaks Thai unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so most visitors on an
English-language browser (and every test browser) would never see the Thai site first.
"""

from django.middleware.locale import LocaleMiddleware


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
