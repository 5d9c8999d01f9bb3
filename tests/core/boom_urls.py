"""A URL whose view fails: what a production 500 looks like in the log (tests/core/test_unavailable.py)."""

from django.urls import path


def boom(request):
    raise RuntimeError("the view failed on purpose")


urlpatterns = [path("boom/", boom)]
