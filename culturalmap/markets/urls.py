from django.urls import path

from . import api, vendor_views, views

app_name = "markets"

urlpatterns = [
    path("markets/<str:code>/", views.market_page, name="market"),
    path("organiser/", views.organiser_dashboard, name="organiser"),
    path("organiser/token/", views.organiser_token, name="organiser-token"),
    path("organiser/<str:code>/", views.organiser_market, name="organiser-market"),
    path("organiser/<str:code>/uploads/", views.organiser_uploads, name="organiser-uploads"),
    path("organiser/<str:code>/vendors/", vendor_views.vendor_register, name="vendor-register"),
    path("organiser/<str:code>/vendors/<int:vendor_id>/", vendor_views.vendor_detail, name="vendor"),
    path(
        "organiser/<str:code>/vendors/<int:vendor_id>/statement/",
        vendor_views.vendor_statement,
        name="vendor-statement",
    ),
    path("organiser/<str:code>/ledger.xlsx", vendor_views.ledger_export, name="ledger-export"),
    path("organiser/<str:code>/festivals/", vendor_views.festival_log, name="festival-log"),
    path("organiser/<str:code>/impact/", vendor_views.impact_survey, name="impact-survey"),
    path("organiser/<str:code>/uploads/<int:upload_id>/", views.organiser_upload, name="organiser-upload"),
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
    path(
        "api/markets/<str:code>/events/<str:held_on>/withdrawal/",
        api.WithdrawEventApi.as_view(),
        name="api-withdraw-event",
    ),
    path(
        "api/markets/<str:code>/events/<str:held_on>/move/", api.MoveEventApi.as_view(), name="api-move-event"
    ),
    path("api/markets/<str:code>/sales-uploads/", api.SalesUploadsApi.as_view(), name="api-uploads"),
    path(
        "api/markets/<str:code>/sales-uploads/<int:upload_id>/",
        api.SalesUploadApi.as_view(),
        name="api-upload",
    ),
    path(
        "api/markets/<str:code>/sales-uploads/<int:upload_id>/commit/",
        api.CommitSalesUploadApi.as_view(),
        name="api-upload-commit",
    ),
    path(
        "api/markets/<str:code>/sales-uploads/<int:upload_id>/undo/",
        api.UndoSalesUploadApi.as_view(),
        name="api-upload-undo",
    ),
]
