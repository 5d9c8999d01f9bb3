"""The asset's permanent page: /assets/<code>/."""

from django.http import Http404
from django.shortcuts import render

from culturalmap.core.images import image_response
from culturalmap.core.permissions import is_curator

from . import selectors
from .archetypes import LABEL_EN, LABEL_TH
from .places import shown_tambon
from .records import ASSET
from .serializers import geometry_json


def asset_image(request, code: str, image_id: int, thumbnail: bool = False):
    """An asset's image, served through the asset so an unpublished record's images stay private."""
    image = selectors.asset_image_for_viewer(code=code, image_id=image_id, user=request.user)
    if image is None:
        raise Http404("no such image")
    return image_response(image.thumbnail if thumbnail else image.image, public=ASSET.is_public(image.asset))


def asset_page(request, code: str):
    asset = selectors.asset_by_code(code, request.user)
    if asset is None:
        raise Http404(f"no asset has the code {code!r}")
    curator = is_curator(request.user)
    tambon = shown_tambon(asset, exact=curator)  # the public sees an at-risk site's generalised place
    return render(
        request,
        "assets/detail.html",
        {
            "asset": asset,
            "archetype_th": LABEL_TH.get(asset.archetype, asset.archetype),
            "archetype_en": LABEL_EN.get(asset.archetype, asset.archetype),
            "exact": selectors.shows_exact_location(asset, curator=curator),
            "curator": curator,
            "place": tambon,
            "near": selectors.assets_near(asset, user=request.user),
            "images": list(asset.images.all()),
            "record_map": {
                "geometry": geometry_json(selectors.shown_geometry(asset, curator=curator)),
                "generalised": not selectors.shows_exact_location(asset, curator=curator),
            },
        },
    )
