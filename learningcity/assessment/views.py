"""Pages of the Key Features self-assessment: the years side by side, one year with its evidence, the
team's ratings form, submission, and the curator's review. Thin: services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culturalmap.core.exceptions import Conflict
from culturalmap.core.images import image_response
from culturalmap.core.permissions import is_curator
from learningcity import selectors as city_selectors
from learningcity.forms import add_service_errors, posted_version
from learningcity.services import StaleEdit, require_team

from . import selectors, services
from .forms import EvidencePhotoForm, RatingsForm, ReviewForm, StartAssessmentForm
from .models import AssessmentStatus


def assessment_list(request, code: str):
    """The city's self-assessment years compared (approved ones for the public); a team starts a year."""
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    can_edit = city_selectors.can_edit_city(request.user, city)
    form = StartAssessmentForm()
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require_team(request.user, city)
        form = StartAssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment = services.self_assessment_start(
                    user=request.user, city=city, year=form.cleaned_data["year"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(assessment.get_absolute_url())
        status = 400
    assessments = list(selectors.assessments_for_viewer(city=city, user=request.user))
    return render(
        request,
        "learningcity/assessment/assessment_list.html",
        {
            "city": city,
            "assessments": assessments,
            "comparison": selectors.key_feature_comparison(assessments),
            "form": form,
            "can_edit": can_edit,
        },
        status=status,
    )


def _detail(request, city, assessment, *, form=None, current_table=None, status=200):
    table = selectors.key_feature_table(assessment)
    can_edit = city_selectors.can_edit_city(request.user, city)
    if form is None and can_edit and assessment.is_open:
        form = RatingsForm(initial=RatingsForm.initial_for(assessment, table))
    return render(
        request,
        "learningcity/assessment/assessment_detail.html",
        {
            "city": city,
            "assessment": assessment,
            "table": table,
            "groups": form.rows(table) if form is not None else None,
            "form": form,
            "current_table": current_table,
            "photo_form": EvidencePhotoForm() if can_edit and assessment.is_open else None,
            "can_edit": can_edit,
            "can_review": is_curator(request.user) and assessment.status == AssessmentStatus.SUBMITTED,
            "can_reopen": is_curator(request.user) and assessment.status == AssessmentStatus.APPROVED,
            "review_form": ReviewForm(initial={"version": assessment.version}),
        },
        status=status,
    )


def _viewed(request, code: str, year: int):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    return city, selectors.assessment_for_viewer(city=city, year=year, user=request.user)


def assessment_detail(request, code: str, year: int):
    city, assessment = _viewed(request, code, year)
    if request.method != "POST":
        return _detail(request, city, assessment)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_team(request.user, city)
    form = RatingsForm(request.POST)
    if not form.is_valid():
        return _detail(request, city, assessment, form=form, status=400)
    try:
        services.self_assessment_save(
            user=request.user,
            assessment=assessment,
            version=form.cleaned_data["version"],
            ratings=form.ratings(),
        )
    except StaleEdit as stale:
        data = form.data.copy()
        data["version"] = str(stale.current.version)
        form = RatingsForm(data)
        form.is_valid()
        form.add_error(None, stale.message)
        fresh = selectors.assessment_for_viewer(city=city, year=year, user=request.user)
        return _detail(
            request, city, fresh, form=form, current_table=selectors.key_feature_table(fresh), status=409
        )
    except Conflict as conflict:
        messages.error(request, conflict.message)
        return redirect(assessment.get_absolute_url())
    except ValidationError as error:
        form.add_service_errors(error)
        return _detail(request, city, assessment, form=form, status=400)
    messages.success(request, _("บันทึกการประเมินตนเองแล้ว"))
    return redirect(assessment.get_absolute_url())


def _refusal(request, error: Exception) -> None:
    if isinstance(error, ValidationError):
        messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, getattr(error, "message", str(error)))


@login_required
@require_POST
def assessment_submit(request, code: str, year: int):
    city, assessment = _viewed(request, code, year)
    try:
        services.self_assessment_submit(
            user=request.user, assessment=assessment, version=posted_version(request)
        )
    except (StaleEdit, Conflict, ValidationError) as error:
        _refusal(request, error)
    else:
        messages.success(request, _("ส่งการประเมินให้ผู้ดูแลตรวจแล้ว"))
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def assessment_review(request, code: str, year: int):
    city, assessment = _viewed(request, code, year)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("เลือกผลการตรวจ: อนุมัติ หรือส่งกลับให้แก้ไข"))
        return redirect(assessment.get_absolute_url())
    try:
        services.self_assessment_review(
            user=request.user,
            assessment=assessment,
            version=form.cleaned_data["version"],
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except (StaleEdit, Conflict, ValidationError) as error:
        _refusal(request, error)
    else:
        messages.success(request, _("บันทึกผลการตรวจแล้ว"))
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def evidence_photo_add(request, code: str, year: int):
    city, assessment = _viewed(request, code, year)
    form = EvidencePhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(assessment.get_absolute_url())
    try:
        services.key_feature_photo_add(
            user=request.user,
            assessment=assessment,
            feature=form.cleaned_data["feature"],
            photo=form.cleaned_data["photo"],
            caption=form.cleaned_data["caption"],
        )
    except (Conflict, ValidationError) as error:
        _refusal(request, error)
    else:
        messages.success(request, _("เพิ่มรูปหลักฐานแล้ว"))
    return redirect(f"{assessment.get_absolute_url()}#feature-{form.cleaned_data['feature']}")


@login_required
@require_POST
def evidence_photo_remove(request, code: str, year: int, photo_id: int):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    photo = selectors.evidence_photo_for_viewer(city=city, year=year, photo_id=photo_id, user=request.user)
    try:
        services.key_feature_photo_remove(user=request.user, photo=photo)
    except Conflict as error:
        _refusal(request, error)
    else:
        messages.success(request, _("ลบรูปหลักฐานแล้ว"))
    return redirect(photo.rating.assessment.get_absolute_url())


def evidence_photo(request, code: str, year: int, photo_id: int, thumbnail: bool = False):
    """Evidence photos are served through their year: a draft's stay with the team and curators."""
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    photo = selectors.evidence_photo_for_viewer(city=city, year=year, photo_id=photo_id, user=request.user)
    public = photo.rating.assessment.status == AssessmentStatus.APPROVED and city.status == "published"
    return image_response(photo.thumbnail if thumbnail else photo.image, public=public)
