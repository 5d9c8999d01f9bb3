"""/healthz: is this app node fit to take requests? For the front proxy, a load balancer or an
operator's script (`make cluster-check` waits for it).

Cheap on purpose: one `SELECT 1` on the primary (writes, sign-ins and sales need it) and the router's
own view of the standby, which each process refreshes at most once a second anyway. A node whose
standby is down or lagging still answers every request (its reads go to the primary), so that is
reported, not failed; a node that cannot reach the primary answers 503, and is taken out of rotation.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import routers
from .errors import DATABASE_RETRY_AFTER


def _primary_answers() -> str | None:
    """None when the primary answered, else why not."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        connection.close()  # a dead persistent connection: the next check connects afresh
        return f"{type(error).__name__}: {error}".strip()
    return None


@never_cache
@require_safe
def healthz(request) -> JsonResponse:
    problem = _primary_answers()
    body: dict = {"status": "ok" if problem is None else "unavailable", "node": settings.SEARCH_NODE or None}
    body["database"] = "ok" if problem is None else problem
    if routers.replica_configured():
        routers.standby.usable()  # refreshed at most once per REPLICA_CHECK_INTERVAL
        state = routers.standby.state
        body["standby"] = {"usable": state.usable, "lag_seconds": state.lag, "state": state.reason}
    response = JsonResponse(body, status=200 if problem is None else 503)
    if problem is not None:
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response
