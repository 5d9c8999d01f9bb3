"""Domain errors, and the one place the API turns them into HTTP answers.

Services raise Django's `ValidationError` for bad input (400), `PermissionDenied` for a refused
write (403), and the errors below for what is neither: a record that does not exist (404) or a write
that lost a race or repeats a used key (409). API views do not catch them; `api_exception_handler`
(REST_FRAMEWORK["EXCEPTION_HANDLER"]) answers for every view.
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
    """The write collides with another (a newer correction, a used request key, a stale version)."""

    status_code = status.HTTP_409_CONFLICT


def validation_payload(exc: DjangoValidationError) -> dict[str, Any]:
    """`detail` always reads as a sentence; field errors stay keyed by field when there are any."""
    payload: dict[str, Any] = {"detail": " ".join(exc.messages)}
    if hasattr(exc, "error_dict"):
        payload.update(exc.message_dict)
    return payload


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        body = {"detail": exc.message, **exc.extra}
        if exc.code:
            body["code"] = exc.code
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)  # DRF's own: APIException, Http404, PermissionDenied
