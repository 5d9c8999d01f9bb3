"""A short path for the OGC API's JSON through the middleware chain.

A GIS client's request (GeoJSON, JSON, the OpenAPI document) reads no session, user, language, CSRF
token or message: placed right after SecurityMiddleware, this hands it straight to its view, as the
map's tiles are (culturalmap.maps.middleware). A browser's request for the HTML views goes the whole
way (it shows the page's language and the signed-in user).
"""

from django.urls import Resolver404, resolve

PREFIX = "/ogc/"
URLCONF = "culturalmap.ogc.urls"


def wants_html(request) -> bool:
    asked = request.GET.get("f")
    if asked:
        return asked == "html"
    return "text/html" in request.headers.get("Accept", "")


class OgcJsonMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not request.path_info.startswith(PREFIX)
            or wants_html(request)
            or request.path_info.endswith(".html")
        ):
            return self.get_response(request)
        request.get_host()  # the ALLOWED_HOSTS check CommonMiddleware would make: a bad host is a 400
        try:
            # The API's own few routes: matching the whole site's would cost as much as a small page.
            match = resolve(request.path_info, urlconf=URLCONF)
        except Resolver404:
            return self.get_response(request)  # the site's 404 page, the whole way
        request.resolver_match = match
        return match.func(request, *match.args, **match.kwargs)
