"""The one sign-in limit, for the site's sign-in page and Django's admin alike: sliding windows.

Every sign-in try is a row (SignInAttempt). A try is refused (429 with Retry-After, and not counted)
when, within the last WINDOW seconds:
- its address already failed MAX_FAILURES_PER_ADDRESS times (one machine guessing passwords); or
- its username already failed MAX_FAILURES_PER_USERNAME times from anywhere (many machines guessing
  one password) and the address is not one the person has signed in from before. From a known
  address the try goes on to the password check, so an attacker cannot keep an organiser out by
  failing on purpose: the organiser's own office or phone still signs in with the right password.
A window slides: 10 tries at 0:59 and 10 more at 1:01 is 20 in two seconds, and the eleventh is
refused (a fixed window per minute would allow all twenty).

The try is recorded before the password is checked and counted with itself (and any try made
meanwhile) included, so a burst of parallel tries cannot slip past the count together.
"""

import datetime
import ipaddress
import math
from functools import cache, wraps
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone
from django.utils.decorators import method_decorator

from culturalmap.core.errors import too_many_requests

if TYPE_CHECKING:
    from .models import SignInAttempt

WINDOW = datetime.timedelta(seconds=60)
MAX_FAILURES_PER_ADDRESS = 10
MAX_FAILURES_PER_USERNAME = 10
KNOWN_ADDRESS_FOR = datetime.timedelta(days=90)
KEEP_FAILURES_FOR = datetime.timedelta(days=1)


def _attempts():
    # Imported when first used: this module is imported with the admin site, before models load.
    from .models import SignInAttempt

    return SignInAttempt.objects


def sign_in_throttled(view):
    """Wrap a sign-in view function (its POST is the try)."""

    @wraps(view)
    def throttled(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        address = client_address(request)
        username = (request.POST.get("username") or "").strip().casefold()[:150]
        attempt = _attempts().create(address=address, username=username, succeeded=False)
        retry_after = _refusal(attempt)
        if retry_after is not None:
            attempt.delete()  # a refused try is not counted: the window frees on time
            return too_many_requests(request, retry_after=retry_after)
        request.sign_in_attempt = attempt
        return view(request, *args, **kwargs)

    return throttled


throttled_method = method_decorator(sign_in_throttled)


def _refusal(attempt: "SignInAttempt") -> int | None:
    """Seconds to wait, or None when the try may go on to the password check."""
    since = attempt.at - WINDOW
    # Later tries are counted too: of a burst of parallel tries, rather all refused than all let through.
    failures = _attempts().filter(succeeded=False, at__gt=since)
    by_address = _wait(failures.filter(address=attempt.address), MAX_FAILURES_PER_ADDRESS, attempt.at)
    if by_address is not None:
        return by_address
    by_username = _wait(failures.filter(username=attempt.username), MAX_FAILURES_PER_USERNAME, attempt.at)
    if by_username is not None and not _known_address(attempt):
        return by_username
    return None


def _wait(failures, limit: int, now: datetime.datetime) -> int | None:
    """None while the window holds at most `limit` failures (this try included); else the seconds
    until enough of them have slid out of it."""
    times = list(failures.order_by("-at").values_list("at", flat=True)[: limit + 1])
    if len(times) <= limit:
        return None
    frees_at = times[limit] + WINDOW  # when the failure that makes one too many slides out
    return max(1, math.ceil((frees_at - now).total_seconds()))


def _known_address(attempt: "SignInAttempt") -> bool:
    return (
        _attempts()
        .filter(
            username=attempt.username,
            address=attempt.address,
            succeeded=True,
            at__gte=attempt.at - KNOWN_ADDRESS_FOR,
        )
        .exists()
    )


@receiver(user_logged_in, dispatch_uid="sign-in-attempt-succeeded")
def _record_success(sender, request, user, **kwargs) -> None:
    attempt = getattr(request, "sign_in_attempt", None) if request is not None else None
    if attempt is None:
        return
    _attempts().filter(pk=attempt.pk).update(succeeded=True, username=user.get_username().casefold())
    now = timezone.now()
    _attempts().filter(succeeded=False, at__lt=now - KEEP_FAILURES_FOR).delete()
    _attempts().filter(succeeded=True, at__lt=now - KNOWN_ADDRESS_FOR).delete()


# --- the visitor's address ---------------------------------------------------------------------


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request) -> str:
    """The visitor's address. X-Forwarded-For is read only when the request came from one of
    settings.TRUSTED_PROXIES (the site's own TLS proxy): then the visitor is the nearest address in
    it that is not a trusted proxy (entries further left are the client's own word and can be made
    up). From anywhere else the header is ignored: anyone can send it."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(_address(remote), networks):
        return remote if _address(remote) else "0.0.0.0"
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a malformed entry: nothing left of it can be trusted
        if not _is_trusted(address, networks):
            return str(address)
    return remote
