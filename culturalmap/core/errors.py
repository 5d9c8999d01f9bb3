"""Error pages that say what happened, in the visitor's language, never a bare 500 for bad input."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

# What psycopg2 raises, through Django, when PostgreSQL cannot be reached or the connection died.
DATABASE_DOWN = (OperationalError, InterfaceError)
DATABASE_RETRY_AFTER = 30  # seconds: a restart or a failover
UNAVAILABLE = "ระบบยังไม่พร้อมให้บริการ โปรดลองอีกครั้งในไม่ช้า (The service is unavailable; try again shortly.)"


def page_not_found(request, exception=None):
    """Under /api/ a 404 is JSON like every other API answer (a URL no route matches, an id that is
    not a number); elsewhere the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "ไม่พบ (Not found.)"}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old tab, cookies off): say how to send it again."""
    return render(request, "errors/csrf.html", status=403)


def too_many_requests(request, *, retry_after: int) -> HttpResponse:
    """429 with Retry-After: the sign-in limits (culturalmap.accounts.throttle)."""
    response = render(request, "errors/429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def unavailable_response(request, *, retry_after: int, detail: str = "") -> HttpResponse:
    """503 with Retry-After: JSON under /api/, else the self-contained page (it reads no database)."""
    if request.path.startswith("/api/"):
        body = {"detail": detail or UNAVAILABLE}
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.render_to_string("503.html", {"detail": detail}), status=503)
    response["Retry-After"] = str(retry_after)
    return response


def server_error(request):
    """Django's 500 page, unless the failure was the database going away mid-request where no view
    could catch it (the session middleware, say): that is a 503 to come back after."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable_response(request, retry_after=DATABASE_RETRY_AFTER)
    return HttpResponseServerError(loader.render_to_string("500.html"))
