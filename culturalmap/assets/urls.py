from django.urls import path

from . import api, views

urlpatterns = [
    path("assets/<str:code>/", views.asset_page, name="asset"),
    path("assets/<str:code>/images/<int:image_id>/", views.asset_image, name="asset-image"),
    path(
        "assets/<str:code>/images/<int:image_id>/thumbnail/",
        views.asset_image,
        {"thumbnail": True},
        name="asset-image-thumbnail",
    ),
    path("api/assets/", api.AssetListApi.as_view(), name="api-asset-list"),
    path("api/assets/<str:code>/", api.AssetDetailApi.as_view(), name="api-asset"),
]
