"""Requests the site refuses at the door."""

from django.http import HttpResponseBadRequest


class RefuseNulMiddleware:
    """PostgreSQL text cannot hold a NUL character, so a URL or query parameter with one (%00) would
    fail deep inside a query as a 500. Refuse it first, with a 400 that says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in _pairs(request)):
            return HttpResponseBadRequest(
                "ที่อยู่ (URL) มีอักขระ NUL (%00) ซึ่งใช้ไม่ได้ / The URL contains a NUL character (%00).",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _pairs(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value
