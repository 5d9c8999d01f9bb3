"""The permanent pages of cultural districts (/districts/<code>/) and cities (/cultural-cities/<code>/)."""

from django.http import Http404
from django.shortcuts import render

from culturalmap.assets.selectors import assets_near_point
from culturalmap.assets.serializers import geometry_json
from culturalmap.core.permissions import is_curator
from culturalmap.markets.dashboard import revenue_dashboard
from culturalmap.markets.selectors import NATION, RevenueScope

from . import selectors

NEAR_ASSETS = 8


def programme_page(request):
    """/cultural-cities/: the programme's cities, districts and markets, and its national figures."""
    curator = is_curator(request.user)
    return render(
        request,
        "places/programme.html",
        {
            "cities": selectors.programme_cities(request.user),
            "loose_districts": selectors.districts_outside_cities(request.user),
            "dashboard": revenue_dashboard(
                scope=NATION, code=None, include_unpublished=curator, kind=request.GET.get("kind", "market")
            ),
        },
    )


def district_page(request, code: str):
    district = selectors.district_by_code(code, request.user)
    if district is None:
        raise Http404(f"no district has the code {code!r}")
    return render(
        request,
        "places/district.html",
        {
            "district": district,
            "markets": list(selectors.markets_of_district(district, request.user)),
            "dashboard": revenue_dashboard(
                scope=RevenueScope("district", district.pk),
                code=district.code,
                include_unpublished=is_curator(request.user),
                kind=request.GET.get("kind", "market"),
            ),
            "near": assets_near_point(district.geom.point_on_surface, user=request.user, limit=NEAR_ASSETS),
            "record_map": {
                "geometry": geometry_json(district.geom),
                "generalised": False,
            },
        },
    )


def city_page(request, code: str):
    city = selectors.city_by_code(code, request.user)
    if city is None:
        raise Http404(f"no cultural city has the code {code!r}")
    return render(
        request,
        "places/city.html",
        {
            "city": city,
            "districts": list(selectors.districts_of_city(city, request.user)),
            "dashboard": revenue_dashboard(
                scope=RevenueScope("city", city.pk),
                code=city.code,
                include_unpublished=is_curator(request.user),
                kind=request.GET.get("kind", "market"),
            ),
            "near": assets_near_point(city.location, user=request.user, limit=NEAR_ASSETS),
            "record_map": {
                "geometry": geometry_json(city.location),
                "generalised": False,
            },
        },
    )
