"""The one sign-in rate limit, for the site's sign-in page and Django's admin alike."""

from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

SIGN_IN_RATE = "10/m"


def _username(group, request) -> str:
    return (request.POST.get("username") or "").strip().casefold()


def sign_in_throttled(view):
    """Wrap a sign-in view function: more than SIGN_IN_RATE tries from one address, or for one
    username, gets a 429 page (culturalmap.core.errors) until the minute is over."""
    view = ratelimit(key=_username, rate=SIGN_IN_RATE, method="POST", block=True)(view)
    return ratelimit(key="ip", rate=SIGN_IN_RATE, method="POST", block=True)(view)


throttled_method = method_decorator(sign_in_throttled)


def forwarded_client_ip(request) -> str:
    """The visitor's address behind the site's own TLS proxy: the last X-Forwarded-For entry, the one
    the proxy appended (earlier entries come from the client and can be made up)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last or request.META.get("REMOTE_ADDR", "")
