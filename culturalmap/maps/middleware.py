"""A short path for public map tiles through the middleware chain.

A public tile reads no session, user, language, CSRF token or message, yet those middlewares cost
about as much as building a small tile in PostGIS (scripts/bench/bench_tiles.py). Placed right after
SecurityMiddleware, this hands /tiles/ requests straight to their view; a curator's `exact=1` tile
goes the whole way, since it needs the signed-in user.
"""

from django.urls import resolve

TILE_PREFIX = "/tiles/"


class PublicTileMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(TILE_PREFIX) or "exact" in request.GET:
            return self.get_response(request)
        request.get_host()  # the ALLOWED_HOSTS check CommonMiddleware would make: a bad host is a 400
        match = resolve(request.path_info)  # Resolver404 becomes the ordinary 404 page
        request.resolver_match = match
        return match.func(request, *match.args, **match.kwargs)
