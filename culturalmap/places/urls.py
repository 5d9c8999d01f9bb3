"""Pages and read API of districts, cultural cities and markets (included by culturalmap/urls.py)."""

from django.urls import path
from django.views.generic import RedirectView

from . import api, views

urlpatterns = [
    path("cultural-cities/", views.programme_page, name="cultural-cities"),
    # Where a visitor might guess the lists are.
    path("markets/", RedirectView.as_view(pattern_name="cultural-cities", permanent=False)),
    path("districts/", RedirectView.as_view(pattern_name="cultural-cities", permanent=False)),
    path("districts/<str:code>/", views.district_page, name="district"),
    path("cultural-cities/<str:code>/", views.city_page, name="cultural-city"),
    path("api/districts/", api.DistrictListApi.as_view(), name="api-district-list"),
    path("api/districts/<str:code>/", api.DistrictDetailApi.as_view(), name="api-district"),
    path("api/cultural-cities/", api.CityListApi.as_view(), name="api-city-list"),
    path("api/cultural-cities/<str:code>/", api.CityDetailApi.as_view(), name="api-city"),
    path("api/markets/", api.MarketListApi.as_view(), name="api-market-list"),
    path("api/markets/<str:code>/", api.MarketDetailApi.as_view(), name="api-market"),
]
