from django.urls import path

from . import api, views

urlpatterns = [
    path("assets/<str:code>/", views.asset_page, name="asset"),
    path("api/assets/", api.AssetListApi.as_view(), name="api-asset-list"),
    path("api/assets/<str:code>/", api.AssetDetailApi.as_view(), name="api-asset"),
]
