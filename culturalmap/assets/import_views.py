"""/assets/import/: a curator brings in a partner's file whose columns are named otherwise. Upload it,
say which column is which field (a saved profile or the guess fills the form), preview the rows as
the import reads them with the refused ones and why, import, and keep the mapping as a profile.

The uploaded file waits under VAR_DIR/imports (no URL serves it) for the steps that follow, a day.
"""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from culturalmap.core.permissions import is_curator

from . import services
from .archetypes import ARCHETYPES
from .interchange.profiles import (
    TARGETS,
    ColumnMapping,
    MappingError,
    asset_file_import_mapped,
    guess_mapping,
    mapping_problems,
)
from .interchange.rules import InterchangeFileError
from .interchange.tables import EXTENSIONS, read_source_table
from .models import ImportProfile
from .templatetags.asset_history import LABELS

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
KEPT_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Coordinate systems of Thai survey files, offered by name; any EPSG code can be typed.
COMMON_CRS = (
    (4326, "WGS 84 (ลองจิจูด/ละติจูด, องศา)"),
    (32647, "WGS 84 / UTM 47N"),
    (32648, "WGS 84 / UTM 48N"),
    (24047, "Indian 1975 / UTM 47N"),
    (24048, "Indian 1975 / UTM 48N"),
)


def _folder() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def _require_curator(request) -> None:
    if not is_curator(request.user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้น / Only curators may import.")


def _stored(token: str) -> Path:
    if not TOKEN.match(token):
        raise Http404("no such upload")
    found = next(iter(_folder().glob(f"{token}.*")), None)
    if found is None:
        raise Http404("this upload is gone (uploads are kept a day): upload the file again")
    return found


def _forget_old_uploads() -> None:
    for path in _folder().glob("*.*"):
        if time.time() - path.stat().st_mtime > KEPT_SECONDS:
            path.unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_start(request):
    _require_curator(request)
    profiles = ImportProfile.objects.all()
    if request.method == "POST":
        upload = request.FILES.get("file")
        suffix = Path(upload.name).suffix.lower() if upload else ""
        if upload is None:
            messages.error(request, _("เลือกไฟล์ก่อน"))
        elif suffix not in EXTENSIONS:
            messages.error(request, _("ไม่รองรับไฟล์ชนิดนี้: ใช้ %(kinds)s") % {"kinds": " ".join(EXTENSIONS)})
        elif upload.size > MAX_UPLOAD_BYTES:
            messages.error(request, _("ไฟล์ใหญ่เกิน 50 MB: แบ่งเป็นหลายไฟล์"))
        else:
            _folder().mkdir(parents=True, exist_ok=True)
            _forget_old_uploads()
            token = uuid.uuid4().hex
            with open(_folder() / f"{token}{suffix}", "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            profile = request.POST.get("profile", "")
            query = f"?profile={profile}" if profile else ""
            return redirect(f"/assets/import/{token}/{query}")
    return render(request, "assets/import.html", {"stage": "upload", "profiles": profiles})


def _mapping_from(data) -> ColumnMapping:
    """The mapping as the form gives it: text only, read here."""
    columns = {t: data.get(f"col_{t}", "") for t in TARGETS if data.get(f"col_{t}")}
    defaults = {name: data.get(f"default_{name}", "").strip() for name in ("category", "source")}
    words = data.getlist("category_word")
    codes = data.getlist("category_code")
    try:
        srid = int(data.get("srid") or 4326)
    except ValueError:
        srid = 0
    return ColumnMapping(
        columns=columns,
        defaults={k: v for k, v in defaults.items() if v},
        category_values={w: c for w, c in zip(words, codes, strict=False) if c},
        srid=srid,
        sheet=data.get("sheet", ""),
    )


def _saved_mapping(request) -> tuple[ColumnMapping | None, ImportProfile | None]:
    name = request.GET.get("profile")
    profile = ImportProfile.objects.filter(name=name).first() if name else None
    return (ColumnMapping.from_json(profile.mapping), profile) if profile else (None, None)


TARGET_LABELS = {
    **LABELS,
    "ref": gettext_lazy("รหัสในระบบต้นทาง (ref)"),
    "tambon_code": gettext_lazy("รหัสตำบล"),
    "code": gettext_lazy("รหัสถาวรของแผนที่ (code)"),
    "lon": gettext_lazy("ลองจิจูด หรือ X"),
    "lat": gettext_lazy("ละติจูด หรือ Y"),
    "wkt": gettext_lazy("รูปเรขาคณิตแบบ WKT"),
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_mapping(request, token: str):
    _require_curator(request)
    path = _stored(token)
    saved, profile = (None, None) if request.method == "POST" else _saved_mapping(request)
    mapping = _mapping_from(request.POST) if request.method == "POST" else saved or ColumnMapping()
    context = {"stage": "map", "token": token, "file_name": path.name, "profile": profile, "result": None}
    try:
        table = read_source_table(path, sheet=mapping.sheet)
    except InterchangeFileError as error:
        messages.error(request, str(error))
        return redirect("asset-import")
    if request.method != "POST" and saved is None:
        mapping = guess_mapping(table.columns)
    action = request.POST.get("action", "")
    if action == "save":
        try:
            saved = services.import_profile_save(
                user=request.user, name=request.POST.get("profile_name", ""), mapping=mapping
            )
            messages.success(request, _("บันทึกโปรไฟล์ %(name)s แล้ว") % {"name": saved.name})
            context["profile"] = saved
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    elif action in ("preview", "import"):
        try:
            context["result"] = asset_file_import_mapped(
                path=str(path), mapping=mapping, user=request.user, dry_run=action == "preview"
            )
        except MappingError as error:
            for th, en in error.problems:
                messages.error(request, f"{th} / {en}")
        except InterchangeFileError as error:
            messages.error(request, str(error))
    context.update(
        {
            "table": table,
            "mapping": mapping,
            "fields": [(t, TARGET_LABELS.get(t, t), mapping.columns.get(t, "")) for t in TARGETS],
            "category_words": sorted(mapping.category_values.items()),
            "problems": mapping_problems(mapping, table),
            "archetypes": ARCHETYPES,
            "crs_choices": COMMON_CRS,
            "sample": table.rows.head(5).to_dict("records"),
        }
    )
    return render(request, "assets/import.html", context)
