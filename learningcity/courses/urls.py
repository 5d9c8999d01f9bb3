from django.urls import path

from . import api, views

urlpatterns = [
    path("learning-cities/<str:code>/courses/new/", views.course_create, name="learning-course-create"),
    path("learning-cities/<str:code>/outcomes/new/", views.outcome_create, name="learning-outcome-create"),
    path(
        "learning-cities/<str:code>/impact-history/",
        views.impact_history,
        name="learning-city-impact-history",
    ),
    path("learning-courses/<str:code>/", views.course_detail, name="learning-course"),
    path("learning-courses/<str:code>/edit/", views.course_edit, name="learning-course-edit"),
    path("learning-courses/<str:code>/retire/", views.course_retire, name="learning-course-retire"),
    path("learning-courses/<str:code>/cohorts/new/", views.cohort_create, name="learning-cohort-create"),
    path("learning-cohorts/<int:pk>/edit/", views.cohort_edit, name="learning-cohort-edit"),
    path("learning-cohorts/<int:pk>/retire/", views.cohort_retire, name="learning-cohort-retire"),
    path("learning-outcomes/<int:pk>/", views.outcome_detail, name="learning-outcome"),
    path("learning-outcomes/<int:pk>/edit/", views.outcome_edit, name="learning-outcome-edit"),
    path("learning-outcomes/<int:pk>/retire/", views.outcome_retire, name="learning-outcome-retire"),
    path("learning-record-revisions/<int:pk>/revert/", views.record_revert, name="learning-record-revert"),
    # API: read for everyone (published records), write for the city's team.
    path(
        "api/learning-cities/<str:code>/courses/",
        api.CityCourseListApi.as_view(),
        name="api-learning-city-courses",
    ),
    path(
        "api/learning-cities/<str:code>/outcomes/",
        api.CityOutcomeListApi.as_view(),
        name="api-learning-city-outcomes",
    ),
    path(
        "api/learning-cities/<str:code>/impact/", api.CityImpactApi.as_view(), name="api-learning-city-impact"
    ),
    path("api/learning-courses/<str:code>/", api.CourseDetailApi.as_view(), name="api-learning-course"),
    path(
        "api/learning-courses/<str:code>/retire/",
        api.CourseRetireApi.as_view(),
        name="api-learning-course-retire",
    ),
    path(
        "api/learning-courses/<str:code>/cohorts/",
        api.CohortCreateApi.as_view(),
        name="api-learning-course-cohorts",
    ),
    path("api/learning-cohorts/<int:pk>/", api.CohortDetailApi.as_view(), name="api-learning-cohort"),
    path(
        "api/learning-cohorts/<int:pk>/retire/",
        api.CohortRetireApi.as_view(),
        name="api-learning-cohort-retire",
    ),
    path("api/learning-outcomes/<int:pk>/", api.OutcomeDetailApi.as_view(), name="api-learning-outcome"),
    path(
        "api/learning-outcomes/<int:pk>/retire/",
        api.OutcomeRetireApi.as_view(),
        name="api-learning-outcome-retire",
    ),
]
