"""Counts a view of every public record page served (popularity.record_viewed): GET, 200, a person."""

import logging

from .popularity import is_robot, record_page, record_viewed

logger = logging.getLogger(__name__)


class RecordViewsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or response.status_code != 200:
            return response
        page = record_page(request.path_info)
        if page is None or _not_a_visit(request):
            return response
        try:
            record_viewed(kind=page[0], code=page[1])
        except Exception:  # a lost view never costs the visitor the page
            logger.exception("view of %s %s not counted", *page)
        return response


def _not_a_visit(request) -> bool:
    """A robot, or the browser fetching a link ahead of a click."""
    headers = request.headers
    purpose = headers.get("Sec-Purpose", "") + headers.get("Purpose", "") + headers.get("X-Moz", "")
    return is_robot(headers.get("User-Agent", "")) or "prefetch" in purpose.lower()
