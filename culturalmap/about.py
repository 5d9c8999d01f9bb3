"""/about-the-data/: where the figures and the geography come from, their licences and attribution."""

from django.shortcuts import render

from culturalmap.assets.selectors import catalogue_summary


def about_data(request):
    return render(request, "about_data.html", {"summary": catalogue_summary()})
