from django.urls import path

from . import views

urlpatterns = [
    path("learning-cities/national/", views.national, name="learning-cities-national"),
    path("learning-cities/<str:code>/report/", views.report_page, name="learning-city-report"),
    path(
        "learning-cities/<str:code>/report.docx",
        views.report_download,
        {"fmt": "docx"},
        name="learning-city-report-docx",
    ),
    path(
        "learning-cities/<str:code>/report.csv",
        views.report_download,
        {"fmt": "csv"},
        name="learning-city-report-csv",
    ),
]
