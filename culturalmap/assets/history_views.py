"""An asset's history page, /assets/<code>/history/: what changed and when for everyone; who and
how, and a revert button on each revision, for curators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from culturalmap.core.exceptions import RecordNotFound
from culturalmap.core.history import Revision
from culturalmap.core.permissions import is_curator

from . import selectors, services
from .history import KIND, asset_history


@require_http_methods(["GET", "HEAD"])
def asset_history_page(request, code: str):
    asset = selectors.asset_by_code(code, request.user)
    if asset is None:
        raise Http404(f"no asset has the code {code!r}")
    curator = is_curator(request.user)
    return render(
        request,
        "assets/history.html",
        {"asset": asset, "entries": asset_history(asset, curator=curator), "curator": curator},
    )


@require_POST
def asset_revision_revert(request, code: str, revision_id: int):
    if not is_curator(request.user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้นที่ย้อนกลับได้ / Only curators may revert.")
    asset = selectors.asset_by_code(code, request.user)
    revision = Revision.objects.filter(
        pk=revision_id, kind=KIND, record_id=getattr(asset, "pk", None)
    ).first()
    if revision is None:
        raise Http404("no such revision of this asset")
    try:
        services.asset_revision_revert(user=request.user, revision=revision)
    except RecordNotFound as error:
        raise Http404(str(error)) from error
    messages.success(request, _("คืนค่าเป็นฉบับที่ %(number)s แล้ว") % {"number": revision.number})
    return redirect("asset-history", code=code)
