"""Requests the site refuses at the door, and the answer when it cannot answer for now."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponseBadRequest, JsonResponse

from .errors import DATABASE_DOWN, DATABASE_RETRY_AFTER, unavailable_response
from .exceptions import Unavailable

logger = logging.getLogger(__name__)


class ServiceUnavailableMiddleware:
    """A 503 with Retry-After, never a 500, when the site cannot answer for now:
    - PostgreSQL is unreachable: tried when the request starts (a no-op while the process's
      connection is open), and caught from the view when the connection dies mid-request;
    - a view raised Unavailable (every image slot taken, the search index being built). The API's
      views answer those themselves (culturalmap.core.exceptions); this is for the pages.
    Placed before everything that reads the database (sessions, users, tiles)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            connection.ensure_connection()
        except DATABASE_DOWN:
            logger.error("database unreachable: answering 503", exc_info=True)
            return unavailable_response(request, retry_after=DATABASE_RETRY_AFTER)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Unavailable):
            return unavailable_response(request, retry_after=exception.retry_after, detail=exception.message)
        if isinstance(exception, DATABASE_DOWN) and not _is_query_error(exception):
            logger.error("database connection lost: answering 503", exc_info=True)
            return unavailable_response(request, retry_after=DATABASE_RETRY_AFTER)
        return None


def _is_query_error(exception: DatabaseError) -> bool:
    """An OperationalError that is the query's own fault (a statement timeout, a lock timeout, a
    deadlock) rather than a lost server: that is a 500 to fix, logged as one."""
    pgcode = getattr(getattr(exception, "__cause__", None), "pgcode", None)
    return pgcode is not None and not pgcode.startswith(("08", "57P"))  # connection, shutdown classes


class RefuseNulMiddleware:
    """PostgreSQL text cannot hold a NUL character, so a URL or query parameter with one (%00) would
    fail deep inside a query as a 500. Refuse it first, with a 400 that says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in _pairs(request)):
            message = "ที่อยู่ (URL) มีอักขระ NUL (%00) ซึ่งใช้ไม่ได้ / The URL contains a NUL character (%00)."
            if request.path.startswith("/api/"):  # the API answers in JSON, this too
                return JsonResponse(
                    {"detail": message}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _pairs(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value
