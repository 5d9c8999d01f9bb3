"""Domain errors, and the one place the API turns them into HTTP answers.

Services raise Django's `ValidationError` for bad input (400), `PermissionDenied` for a refused
write (403), and the errors below for what is neither: a record that does not exist (404), a write
that lost a race or repeats a used key (409), a service not ready yet (503). API views do not catch
them; `api_exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]) answers for every view.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A refusal the caller can act on; `extra` goes into the answer beside `detail`."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, code: str = "", **extra: Any):
        super().__init__(message)
        self.message = message
        self.code = code
        self.extra = extra


class RecordNotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND


class Conflict(DomainError):
    """The write collides with another (a newer correction, a used request key, a stale version).

    `current`: the record as it now stands; the answer carries it as the view represents its records
    (the view's `represent(record)`), so the client can show it beside its own edit.
    """

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, message: str, *, current: Any = None, code: str = "", **extra: Any):
        super().__init__(message, code=code, **extra)
        self.current = current


class Unavailable(DomainError):
    """Not ready to answer yet (an index being built): try again after `retry_after` seconds."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE

    def __init__(self, message: str, *, retry_after: int, code: str = "", **extra: Any):
        super().__init__(message, code=code, **extra)
        self.retry_after = retry_after


def validation_payload(exc: DjangoValidationError) -> dict[str, Any]:
    """`detail` always reads as a sentence; field errors stay keyed by field when there are any."""
    payload: dict[str, Any] = {"detail": " ".join(exc.messages)}
    if hasattr(exc, "error_dict"):
        payload.update(exc.message_dict)
    return payload


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return _domain_answer(exc, context.get("view"))
    if isinstance(exc, DjangoValidationError):
        return Response(validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)  # DRF's own: APIException, Http404, PermissionDenied


def _domain_answer(exc: DomainError, view: Any) -> Response:
    body = {"detail": exc.message, **exc.extra}
    if exc.code:
        body["code"] = exc.code
    represent = getattr(view, "represent", None)
    if getattr(exc, "current", None) is not None and represent is not None:
        body["current"] = represent(exc.current)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Unavailable) else None
    return Response(body, status=exc.status_code, headers=headers)
