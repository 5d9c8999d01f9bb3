"""Error pages that say what happened, in the visitor's language, never a bare 500 for bad input."""

from django.shortcuts import render
from django_ratelimit.exceptions import Ratelimited


def permission_denied(request, exception=None):
    if isinstance(exception, Ratelimited):
        return render(request, "errors/429.html", status=429)
    return render(request, "errors/403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old tab, cookies off): say how to send it again."""
    return render(request, "errors/csrf.html", status=403)
