from django.urls import include, path

from . import api, views

urlpatterns = [
    # Courses, cohorts and outcomes; the yearly Key Features self-assessment; the biennial report and
    # the national view (before learning-cities/<code>/, which would take "national" for a code).
    path("", include("learningcity.report.urls")),
    path("", include("learningcity.courses.urls")),
    path("", include("learningcity.assessment.urls")),
    path("learning-cities/", views.city_list, name="learning-city-list"),
    path("learning-cities/<str:code>/", views.city_detail, name="learning-city"),
    path("learning-cities/<str:code>/edit/", views.city_edit, name="learning-city-edit"),
    path("learning-cities/<str:code>/history/", views.city_history, name="learning-city-history"),
    path("learning-cities/<str:code>/spaces/new/", views.space_create, name="learning-space-create"),
    path("learning-spaces/<str:code>/", views.space_detail, name="learning-space"),
    path("learning-spaces/<str:code>/edit/", views.space_edit, name="learning-space-edit"),
    path("learning-spaces/<str:code>/retire/", views.space_retire, name="learning-space-retire"),
    path("learning-spaces/<str:code>/history/", views.space_history, name="learning-space-history"),
    path("learning-spaces/<str:code>/photos/<int:image_id>/", views.space_photo, name="learning-space-photo"),
    path(
        "learning-spaces/<str:code>/photos/<int:image_id>/thumbnail/",
        views.space_photo,
        {"thumbnail": True},
        name="learning-space-thumbnail",
    ),
    path(
        "learning-spaces/<str:code>/photos/<int:image_id>/remove/",
        views.space_photo_remove,
        name="learning-space-photo-remove",
    ),
    path("learning-revisions/<int:pk>/revert/", views.revision_revert, name="learning-revision-revert"),
    # API: read for everyone, write for the city's team.
    path("api/learning-cities/", api.CityListApi.as_view(), name="api-learning-city-list"),
    path("api/learning-cities/<str:code>/", api.CityDetailApi.as_view(), name="api-learning-city"),
    path("api/learning-spaces/", api.SpaceListApi.as_view(), name="api-learning-space-list"),
    path("api/learning-spaces/<str:code>/", api.SpaceDetailApi.as_view(), name="api-learning-space"),
    path(
        "api/learning-spaces/<str:code>/retire/",
        api.SpaceRetireApi.as_view(),
        name="api-learning-space-retire",
    ),
    path(
        "api/learning-spaces/<str:code>/photos/",
        api.SpacePhotoApi.as_view(),
        name="api-learning-space-photos",
    ),
]
