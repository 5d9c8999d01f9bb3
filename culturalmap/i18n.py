"""Thai first: the site speaks Thai unless the visitor chose English, with the language switch or by a
link that says so (`?lang=en`, as the map's shared links and the pages' `hreflang` alternates do).

Django's LocaleMiddleware would follow the browser's Accept-Language, so most visitors on an
English-language browser (and every test browser) would never see the Thai site first. A page's
address with `?lang=en` (or `?lang=th`) is that page in that language, for one request: the English
address a search engine is given beside the Thai one (the sitemap's hreflang alternates).
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

LANG_PARAMETER = "lang"


def _asked(request) -> str | None:
    code = request.GET.get(LANG_PARAMETER, "")
    return code if code in dict(settings.LANGUAGES) else None


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
        asked = _asked(request)
        if asked:
            translation.activate(asked)
            request.LANGUAGE_CODE = asked

    def process_response(self, request, response):
        response = super().process_response(request, response)
        asked = _asked(request)
        # A link in English keeps the visit in English (as the language switch would).
        if asked and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != asked:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                asked,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


def _path_with(request, **changes: str | None) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    encoded = query.urlencode(safe=",/")
    return request.path + ("?" + encoded if encoded else "")


def language_links(request) -> dict:
    """Context processor: the page in each language (`hreflang` alternates, x-default the Thai-first
    address without `lang`) and the address the language switch comes back to (without `lang`, so
    the language chosen wins)."""
    if request.method != "GET":
        return {}
    try:
        request.get_host()
    except DisallowedHost:  # the 400 page for a host not ours: no absolute links to it
        return {}
    alternates = [
        {"lang": code, "url": request.build_absolute_uri(_path_with(request, lang=code))}
        for code, _name in settings.LANGUAGES
    ]
    alternates.append(
        {"lang": "x-default", "url": request.build_absolute_uri(_path_with(request, lang=None))}
    )
    return {"language_alternates": alternates, "language_next": _path_with(request, lang=None)}
