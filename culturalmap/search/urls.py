from django.urls import path

from . import api, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", api.SearchApi.as_view(), name="search-api"),
]
