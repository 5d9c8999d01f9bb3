from django.urls import path

from . import api, history_views, import_views, views

urlpatterns = [
    # Before assets/<code>/: "import" is no asset's code.
    path("assets/import/", import_views.import_start, name="asset-import"),
    path("assets/import/<str:token>/", import_views.import_mapping, name="asset-import-mapping"),
    path("assets/<str:code>/", views.asset_page, name="asset"),
    path("assets/<str:code>/history/", history_views.asset_history_page, name="asset-history"),
    path(
        "assets/<str:code>/history/<int:revision_id>/revert/",
        history_views.asset_revision_revert,
        name="asset-revision-revert",
    ),
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
