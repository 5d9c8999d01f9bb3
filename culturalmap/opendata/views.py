"""/open-data/: the current release with its licence, files and checksums, data dictionary, sources
and changelog; the files themselves, through this view (no URL serves the folder itself)."""

from types import SimpleNamespace

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from culturalmap.core import records
from culturalmap.ogc import features
from geodata.sources import SOURCES

from .release import GEOMETRY_EN, GEOMETRY_TH, current_release, release_named, releases

CHANGES_SHOWN = 50  # records listed per kind and kind of change; the file holds them all


@require_safe
def open_data_page(request):
    release = current_release()
    kinds = {kind.code: kind for kind in records.kinds()}
    changes = []
    if release:
        listed = release.changed_records()
        for code, counts in release.changes.get("kinds", {}).items():
            kind = kinds.get(code)
            rows = listed.get(code, {})
            changes.append(
                {
                    "kind": kind,
                    "code": code,
                    "counts": counts,
                    "lists": {
                        name: [
                            _listed(kind, row, linked=name != "removed")
                            for row in rows.get(name, [])[:CHANGES_SHOWN]
                        ]
                        for name in ("added", "changed", "removed")
                    },
                }
            )
    return render(
        request,
        "opendata/page.html",
        {
            "release": release,
            "earlier": releases()[1:],
            "licence": settings.OPEN_DATA_LICENCE,
            "attribution": settings.OPEN_DATA_ATTRIBUTION,
            "sources": SOURCES,
            "dictionary": [(kind, features.columns(kind)) for kind in records.kinds()],
            "geometry": (GEOMETRY_TH, GEOMETRY_EN),
            "changes": changes,
            "site_url": settings.SITE_URL,
        },
    )


def _listed(kind, row: list, *, linked: bool) -> SimpleNamespace:
    code, name_th, name_en = row
    return SimpleNamespace(
        code=code, name_th=name_th, name_en=name_en, url=kind.url(code) if kind and linked else ""
    )


def _send(release, name: str):
    described = release.file(name) if release else None
    if described is None:
        raise Http404(f"no file {name!r} in this release")
    response = FileResponse(
        open(release.path / name, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=not name.endswith((".txt", ".json")) and name != "SHA256SUMS",
        filename=name,
        content_type=described["media_type"],
    )
    if described["sha256"]:
        response["ETag"] = f'"{described["sha256"]}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # a release never changes
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def release_file(request, version: str, name: str):
    return _send(release_named(version), name)


@require_safe
def latest_file(request, name: str):
    """A stable address for scripts: the current release's file, by redirect to its own address."""
    release = current_release()
    if release is None or release.file(name) is None:
        raise Http404("no open-data release has been built yet" if release is None else f"no file {name!r}")
    return redirect("open-data-file", version=release.version, name=name)
