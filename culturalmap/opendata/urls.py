from django.urls import path

from . import views

urlpatterns = [
    path("open-data/", views.open_data_page, name="open-data"),
    path("open-data/latest/<str:name>", views.latest_file, name="open-data-latest"),
    path("open-data/<str:version>/<str:name>", views.release_file, name="open-data-file"),
]
