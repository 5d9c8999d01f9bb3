from django.urls import path

from . import api, views

app_name = "markets"

urlpatterns = [
    path("markets/<str:code>/", views.market_page, name="market"),
    path("organiser/", views.organiser_dashboard, name="organiser"),
    path("organiser/<str:code>/", views.organiser_market, name="organiser-market"),
    # Revenue series: anyone, JSON or ?format=csv.
    path("api/markets/<str:code>/revenue/", api.MarketRevenueApi.as_view(), name="api-market-revenue"),
    path("api/districts/<str:code>/revenue/", api.DistrictRevenueApi.as_view(), name="api-district-revenue"),
    path("api/cultural-cities/<str:code>/revenue/", api.CityRevenueApi.as_view(), name="api-city-revenue"),
    path("api/provinces/<str:code>/revenue/", api.ProvinceRevenueApi.as_view(), name="api-province-revenue"),
    path("api/revenue/", api.NationRevenueApi.as_view(), name="api-nation-revenue"),
    # Organisers' writes.
    path("api/markets/<str:code>/events/", api.LogEventSalesApi.as_view(), name="api-log-sales"),
    path("api/markets/<str:code>/sales-entries/", api.MarketEntriesApi.as_view(), name="api-entries"),
    path(
        "api/markets/<str:code>/sales-entries/<int:entry_id>/corrections/",
        api.CorrectSalesEntryApi.as_view(),
        name="api-correct-entry",
    ),
    path("api/markets/<str:code>/sales-sheets/", api.UploadSalesSheetApi.as_view(), name="api-upload-sheet"),
]
