"""Pages of learning cities and spaces, and the city teams' forms. Thin: services decide."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culturalmap.core import parsers
from culturalmap.core.images import image_response
from culturalmap.core.permissions import is_curator
from culturalmap.core.publication import PublicationStatus
from culturalmap.core.thai import ThaiInputError, parse_whole_number

from . import selectors, services
from .assessment.selectors import key_feature_table, latest_approved
from .courses.dashboard import impact_dashboard
from .courses.selectors import city_courses_for_viewer
from .forms import LearningCityProfileForm, LearningSpaceForm, add_service_errors
from .models import LearningRevision, LearningSpace
from .records import LEARNING_SPACE

# --- public pages ------------------------------------------------------------------------------


def _map_data(city, **parts) -> dict:
    """What a learning-city map draws (static/js/learningcity-*.js) over the base map: the outline, parts."""
    return dict(outline=selectors.province_outline_geojson(city), **parts)


def city_list(request):
    cities = selectors.city_list(language=get_language() or "th")
    return render(request, "learningcity/city_list.html", {"cities": cities})


def city_detail(request, code: str):
    city = selectors.city_for_viewer(code=code, user=request.user)
    spaces = selectors.city_spaces_for_viewer(city=city, user=request.user)
    centre = [city.location.y, city.location.x]
    map_data = _map_data(city, spaces=selectors.spaces_geojson(spaces), centre=centre)
    approved = latest_approved(city)  # the public sees a year's self-assessment once a curator approved it
    space_users = selectors.learners_of(selectors.public_spaces(city=city))["learners"]
    return render(
        request,
        "learningcity/city_detail.html",
        {
            "city": city,
            "spaces": selectors.spaces_with_places(spaces),
            "map_data": map_data,
            **selectors.learners_of(spaces),
            "key_features": key_feature_table(approved),
            "assessment": approved,
            "impact": impact_dashboard(city=city, space_users=space_users),
            "courses": city_courses_for_viewer(city=city, user=request.user),
            "challenges": selectors.challenge_rows(city.challenges),
            "can_edit": selectors.can_edit_city(request.user, city),
        },
    )


def space_detail(request, code: str):
    space = selectors.space_for_viewer(code=code, user=request.user)
    feature = selectors.space_feature(space)
    map_data = _map_data(space.city, spaces={"type": "FeatureCollection", "features": [feature]})
    return render(
        request,
        "learningcity/space_detail.html",
        {
            "space": space,
            "map_data": map_data,
            "can_edit": selectors.can_edit_city(request.user, space.city),
        },
    )


def space_photo(request, code: str, image_id: int, thumbnail: bool = False):
    """Photos are served through their space, so a retired space's photos leave with it."""
    image = selectors.space_image_for_viewer(code=code, image_id=image_id, user=request.user)
    public = LEARNING_SPACE.is_public(image.space)
    return image_response(image.thumbnail if thumbnail else image.image, public=public)


# --- city team: the profile and the self-assessment ---------------------------------------------


def _editable_city(request, code: str):
    city = selectors.city_for_viewer(code=code, user=request.user)
    services.require_team(request.user, city)
    return city


@login_required
def city_edit(request, code: str):
    city = _editable_city(request, code)
    current = None
    if request.method == "POST":
        form = LearningCityProfileForm(request.POST)
        if form.is_valid():
            try:
                services.city_profile_update(
                    user=request.user,
                    city=city,
                    version=form.cleaned_data["version"],
                    data=form.profile_data(),
                )
            except services.StaleEdit as stale:
                current = stale.current
                form = _with_version(form, current.version)
                form.add_error(None, stale.message)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("บันทึกข้อมูลเมืองแล้ว"))
                return redirect(city.get_absolute_url())
    else:
        form = LearningCityProfileForm(initial=LearningCityProfileForm.initial_for(city))
    current_rows = None
    if current is not None:
        fresh = LearningCityProfileForm(initial=LearningCityProfileForm.initial_for(current))
        current_rows = [
            (fresh[name].label, fresh.initial.get(name)) for name in fresh.fields if name != "version"
        ]
    status = 409 if current is not None else (400 if form.errors else 200)
    return render(
        request,
        "learningcity/city_form.html",
        {"city": city, "form": form, "current_rows": current_rows},
        status=status,
    )


def _with_version(form, version: int):
    """The same submitted values (nothing typed is lost), now based on the newer version."""
    data = form.data.copy()
    data["version"] = str(version)
    rebound = type(form)(data, form.files) if form.files else type(form)(data)
    rebound.is_valid()
    return rebound


# --- city team: learning spaces ------------------------------------------------------------------


def _space_form_context(*, city, form, space=None, current=None):
    geom_text = form["geom"].value() or ""
    try:
        geometry = parsers.loads(geom_text) if geom_text else None
    except ValueError:  # shown again as typed: the form's error says what is wrong with it
        geometry = None
    map_data = _map_data(
        city,
        centre=[city.location.y, city.location.x],
        geometry=geometry,
        current=json.loads(current.geom.json) if current is not None else None,
    )
    return {
        "city": city,
        "form": form,
        "space": space,
        "newer": current,  # not "current": base.html's language switch takes that name
        "current_geometry": map_data["current"],
        "map_data": map_data,
    }


@login_required
def space_create(request, code: str):
    city = _editable_city(request, code)
    if request.method == "POST":
        form = LearningSpaceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                space = services.space_create(
                    user=request.user,
                    city=city,
                    data=form.space_data(),
                    photo=form.cleaned_data["photo"],
                    photo_caption_th=form.cleaned_data["photo_caption_th"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("เพิ่มพื้นที่การเรียนรู้แล้ว"))
                return redirect(space.get_absolute_url())
    else:
        form = LearningSpaceForm(initial={"space_type": "co_learning_space"})
    return render(
        request,
        "learningcity/space_form.html",
        _space_form_context(city=city, form=form),
        status=400 if form.errors else 200,
    )


def _editable_space(request, code: str) -> LearningSpace:
    space = selectors.space_for_viewer(code=code, user=request.user)
    services.require_team(request.user, space.city)
    return space


@login_required
def space_edit(request, code: str):
    space = _editable_space(request, code)
    retired = space.status == PublicationStatus.WITHDRAWN
    current = None
    if request.method == "POST":
        form = LearningSpaceForm(request.POST, request.FILES, retired=retired)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error(None, _("แบบฟอร์มไม่ครบ: เปิดหน้าแก้ไขใหม่"))
        if form.is_valid():
            try:
                space = services.space_update(
                    user=request.user,
                    space=space,
                    version=form.cleaned_data["version"],
                    data=form.space_data(),
                    photo=form.cleaned_data["photo"],
                    photo_caption_th=form.cleaned_data["photo_caption_th"],
                )
            except services.StaleEdit as stale:
                current = stale.current
                form = _with_version(form, current.version)
                form.add_error(None, stale.message)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("บันทึกพื้นที่การเรียนรู้แล้ว"))
                return redirect(space.get_absolute_url())
    else:
        initial = {name: getattr(space, name) for name in LearningSpaceForm.DATA_FIELDS}
        initial["geom"] = space.geom.json
        initial["version"] = space.version
        form = LearningSpaceForm(initial=initial, retired=retired)
    context = _space_form_context(city=space.city, form=form, space=space, current=current)
    status = 409 if current is not None else (400 if form.errors else 200)
    return render(request, "learningcity/space_form.html", context, status=status)


@login_required
@require_POST
def space_retire(request, code: str):
    space = _editable_space(request, code)
    try:
        version = parse_whole_number(request.POST.get("version"), separators=False)
    except ThaiInputError:
        version = -1
    try:
        services.space_retire(user=request.user, space=space, version=version)
    except services.StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect(f"/learning-spaces/{space.code}/edit/")
    messages.success(request, _("ปลดพื้นที่การเรียนรู้ออกจากแผนที่สาธารณะแล้ว"))
    return redirect(space.city.get_absolute_url())


@login_required
@require_POST
def space_photo_remove(request, code: str, image_id: int):
    image = selectors.space_image_for_viewer(code=code, image_id=image_id, user=request.user)
    services.space_photo_remove(user=request.user, image=image)
    messages.success(request, _("ลบรูปภาพแล้ว"))
    return redirect(f"/learning-spaces/{code}/edit/")


# --- history ---------------------------------------------------------------------------------------


@login_required
def space_history(request, code: str):
    space = _editable_space(request, code)
    return render(
        request,
        "learningcity/history.html",
        {
            "city": space.city,
            "space": space,
            "record": space,
            "revisions": selectors.revisions_of_space(space),
            "can_revert": is_curator(request.user),
        },
    )


@login_required
def city_history(request, code: str):
    city = _editable_city(request, code)
    return render(
        request,
        "learningcity/history.html",
        {
            "city": city,
            "space": None,
            "record": city,
            "revisions": selectors.revisions_of_profile(city),
            "can_revert": is_curator(request.user),
        },
    )


@login_required
@require_POST
def revision_revert(request, pk: int):
    revision = get_object_or_404(LearningRevision.objects.select_related("city", "space"), pk=pk)
    if not is_curator(request.user):
        raise PermissionDenied
    back = (
        f"/learning-spaces/{revision.space.code}/history/"
        if revision.space_id
        else f"/learning-cities/{revision.city.code}/history/"
    )
    try:
        version = parse_whole_number(request.POST.get("version"), separators=False)
    except ThaiInputError:
        version = None
    try:
        services.revision_revert(user=request.user, revision=revision, version=version)
    except services.StaleEdit as stale:
        messages.error(request, stale.message)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("ย้อนกลับเป็นฉบับที่ %(v)s แล้ว") % {"v": revision.version})
    return redirect(back)
