from django.shortcuts import render

from culturalmap.assets.selectors import catalogue_summary


def home(request):
    return render(request, "home.html", {"summary": catalogue_summary()})
