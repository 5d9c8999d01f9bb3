"""Pages of cultural products and enterprises: the catalogue with the reports' figures, each record's
page, its photos (sent through the record: a hidden record's photos stay hidden), its digital label."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from culturalmap.core.images import image_response

from . import selectors, services
from .models import ProductCategory, ProductPhoto
from .records import PRODUCT


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("รูปภาพ (JPEG, PNG หรือ WebP)"))
    caption_th = forms.CharField(label=_("คำบรรยายภาพ"), required=False, max_length=300)


def catalogue(request):
    category = request.GET.get("category", "")
    strand = request.GET.get("strand", "")
    return render(
        request,
        "economy/catalogue.html",
        {
            "products": selectors.products_listed(user=request.user, category=category, strand=strand),
            "counts": selectors.catalogue_counts(request.user),
            "figures": selectors.programme_figures(),
            "categories": ProductCategory.choices,
            "category": category,
            "strand": strand,
        },
    )


@require_http_methods(["GET", "POST"])
def product_page(request, code: str):
    product = selectors.product_by_code(code, request.user)
    if product is None:
        raise Http404("no such product")
    can_keep = services.can_keep(request.user, product.market_id)
    form = PhotoForm()
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.product_photo_add(
                    user=request.user,
                    product=product,
                    photo=form.cleaned_data["photo"],
                    caption_th=form.cleaned_data["caption_th"],
                )
                return redirect(product.get_absolute_url())
            except ValidationError as exc:
                form.add_error("photo", exc)
    return render(
        request,
        "economy/product.html",
        {"product": product, "photos": product.photos.all(), "can_keep": can_keep, "form": form},
        status=400 if form.errors else 200,
    )


def enterprise_page(request, code: str):
    enterprise = selectors.enterprise_by_code(code, request.user)
    if enterprise is None:
        raise Http404("no such enterprise")
    products = selectors.visible_products(request.user).filter(enterprise=enterprise).order_by("name_th")
    return render(request, "economy/enterprise.html", {"enterprise": enterprise, "products": products})


def product_photo(request, code: str, photo_id: int, thumbnail: bool = False):
    product = selectors.product_by_code(code, request.user)
    if product is None:
        raise Http404("no such product")
    photo = get_object_or_404(ProductPhoto, pk=photo_id, product=product)
    return image_response(photo.thumbnail if thumbnail else photo.image, public=PRODUCT.is_public(product))


def label(request, label: str):
    """What a product's or enterprise's digital label (its QR tag) opens."""
    record = selectors.record_by_label(label.strip().upper(), request.user)
    if record is None:
        raise Http404("no record has this label")
    return redirect(record.get_absolute_url())
