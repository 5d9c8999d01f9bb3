from django.urls import path

from . import api, views

KF = "learning-cities/<str:code>/key-features/"
KF_YEAR = KF + "<int:year>/"
API_YEAR = "api/learning-cities/<str:code>/assessments/<int:year>/"

urlpatterns = [
    path(KF, views.assessment_list, name="learning-city-key-features"),
    path(KF_YEAR, views.assessment_detail, name="learning-city-key-features-year"),
    path(KF_YEAR + "submit/", views.assessment_submit, name="learning-city-key-features-submit"),
    path(KF_YEAR + "review/", views.assessment_review, name="learning-city-key-features-review"),
    path(KF_YEAR + "photos/", views.evidence_photo_add, name="learning-city-evidence-photo-add"),
    path(KF_YEAR + "photos/<int:photo_id>/", views.evidence_photo, name="learning-city-evidence-photo"),
    path(
        KF_YEAR + "photos/<int:photo_id>/thumbnail/",
        views.evidence_photo,
        {"thumbnail": True},
        name="learning-city-evidence-thumbnail",
    ),
    path(
        KF_YEAR + "photos/<int:photo_id>/remove/",
        views.evidence_photo_remove,
        name="learning-city-evidence-photo-remove",
    ),
    path(
        "api/learning-cities/<str:code>/assessments/",
        api.AssessmentListApi.as_view(),
        name="api-learning-assessments",
    ),
    path(API_YEAR, api.AssessmentDetailApi.as_view(), name="api-learning-assessment"),
    path(API_YEAR + "submit/", api.AssessmentSubmitApi.as_view(), name="api-learning-assessment-submit"),
    path(API_YEAR + "review/", api.AssessmentReviewApi.as_view(), name="api-learning-assessment-review"),
    path(API_YEAR + "photos/", api.EvidencePhotoApi.as_view(), name="api-learning-assessment-photos"),
]
