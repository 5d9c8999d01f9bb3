"""Gzip for what compresses: pages, JSON, scripts, styles and SVG, whoever made them (a view, the
tiles' TileJSON, whitenoise's static files under `make run`). Images, fonts and tiles come compressed
already (a tile view sends its own gzip, made once with the tile) and are passed by.

Django's GZipMiddleware pads each response with random bytes against BREACH, so a page holding a
CSRF token may be compressed too.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/geo+json",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
