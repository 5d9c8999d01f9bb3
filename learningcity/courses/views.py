"""Pages of courses, cohorts and outcomes, and the city team's forms for them. Thin: services decide."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culturalmap.core.exceptions import Conflict
from culturalmap.core.permissions import is_curator
from learningcity import selectors as city_selectors
from learningcity.forms import add_service_errors
from learningcity.models import PublicationStatus
from learningcity.services import StaleEdit, require_team

from . import selectors, services
from .forms import CohortForm, CourseForm, OutcomeForm
from .models import RecordRevision


def run_form_service(request, form, call: Callable[[], Any], success: str):
    """Run a write with a valid form: (result, form, newer record, status). A refusal stays on the
    form with its reason (400), a stale version shows the newer record and keeps what was typed (409)."""
    try:
        result = call()
    except StaleEdit as stale:
        data = form.data.copy()
        data["version"] = str(stale.current.version)
        rebound = type(form)(data, **getattr(form, "init_kwargs", {}))
        rebound.is_valid()
        rebound.add_error(None, stale.message)
        return None, rebound, stale.current, 409
    except Conflict as conflict:
        form.add_error(None, conflict.message)
        return None, form, None, 409
    except ValidationError as error:
        add_service_errors(form, error)
        return None, form, None, 400
    messages.success(request, success)
    return result, form, None, 200


def _bound(form_class, request, **kwargs):
    form = form_class(request.POST, **kwargs)
    form.init_kwargs = kwargs
    return form


# --- courses ------------------------------------------------------------------------------------


def course_detail(request, code: str):
    course = selectors.course_for_viewer(code=code, user=request.user)
    return render(
        request,
        "learningcity/courses/course_detail.html",
        {
            "course": course,
            "city": course.city,
            "cohorts": selectors.cohorts_for_viewer(course=course, user=request.user),
            "outcomes": selectors.outcomes_for_viewer(city=course.city, user=request.user, course=course),
            "can_edit": city_selectors.can_edit_city(request.user, course.city),
        },
    )


def _editable_city(request, code: str):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    require_team(request.user, city)
    return city


def _editable_course(request, code: str):
    course = selectors.course_for_viewer(code=code, user=request.user)
    require_team(request.user, course.city)
    return course


def _form_page(request, template: str, context: dict, status: int):
    return render(request, f"learningcity/courses/{template}", context, status=status)


@login_required
def course_create(request, code: str):
    city = _editable_city(request, code)
    status = 200
    if request.method == "POST":
        form = _bound(CourseForm, request, city=city)
        if form.is_valid():
            course, form, _newer, status = run_form_service(
                request,
                form,
                lambda: services.course_create(user=request.user, city=city, data=form.course_data()),
                _("เพิ่มหลักสูตรแล้ว"),
            )
            if course is not None:
                return redirect(course.get_absolute_url())
        else:
            status = 400
    else:
        form = CourseForm(city=city)
    return _form_page(request, "course_form.html", {"city": city, "form": form, "course": None}, status)


@login_required
def course_edit(request, code: str):
    course = _editable_course(request, code)
    kwargs = {"city": course.city, "retired": course.status == PublicationStatus.WITHDRAWN}
    status, newer = 200, None
    if request.method == "POST":
        form = _bound(CourseForm, request, **kwargs)
        if form.is_valid():
            updated, form, newer, status = run_form_service(
                request,
                form,
                lambda: services.course_update(
                    user=request.user,
                    course=course,
                    version=form.cleaned_data["version"] or 0,
                    data=form.course_data(),
                ),
                _("บันทึกหลักสูตรแล้ว"),
            )
            if updated is not None:
                return redirect(updated.get_absolute_url())
        else:
            status = 400
    else:
        form = CourseForm(initial=CourseForm.initial_for(course), **kwargs)
    context = {"city": course.city, "form": form, "course": course, "newer": newer}
    return _form_page(request, "course_form.html", context, status)


def _version(request) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


@login_required
@require_POST
def course_retire(request, code: str):
    course = _editable_course(request, code)
    try:
        services.course_retire(user=request.user, course=course, version=_version(request))
    except StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect(f"/learning-courses/{course.code}/edit/")
    messages.success(request, _("ปลดหลักสูตรออกจากหน้าสาธารณะแล้ว"))
    return redirect(course.city.get_absolute_url() + "#courses")


# --- cohorts ------------------------------------------------------------------------------------


@login_required
def cohort_create(request, code: str):
    course = _editable_course(request, code)
    status = 200
    if request.method == "POST":
        form = _bound(CohortForm, request)
        if form.is_valid():
            cohort, form, _newer, status = run_form_service(
                request,
                form,
                lambda: services.cohort_create(user=request.user, course=course, data=form.cohort_data()),
                _("เพิ่มรุ่นแล้ว"),
            )
            if cohort is not None:
                return redirect(cohort.get_absolute_url())
        else:
            status = 400
    else:
        form = CohortForm()
    context = {"city": course.city, "course": course, "form": form, "cohort": None}
    return _form_page(request, "cohort_form.html", context, status)


def _editable_cohort(request, pk: int):
    cohort = selectors.cohort_for_viewer(pk=pk, user=request.user)
    require_team(request.user, cohort.course.city)
    return cohort


@login_required
def cohort_edit(request, pk: int):
    cohort = _editable_cohort(request, pk)
    status, newer = 200, None
    if request.method == "POST":
        form = _bound(CohortForm, request)
        if form.is_valid():
            updated, form, newer, status = run_form_service(
                request,
                form,
                lambda: services.cohort_update(
                    user=request.user,
                    cohort=cohort,
                    version=form.cleaned_data["version"] or 0,
                    data=form.cohort_data(),
                ),
                _("บันทึกรุ่นแล้ว"),
            )
            if updated is not None:
                return redirect(updated.get_absolute_url())
        else:
            status = 400
    else:
        form = CohortForm(initial=CohortForm.initial_for(cohort))
    context = {
        "city": cohort.course.city,
        "course": cohort.course,
        "form": form,
        "cohort": cohort,
        "newer": newer,
    }
    return _form_page(request, "cohort_form.html", context, status)


@login_required
@require_POST
def cohort_retire(request, pk: int):
    cohort = _editable_cohort(request, pk)
    try:
        services.cohort_retire(user=request.user, cohort=cohort, version=_version(request))
    except StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect(f"/learning-cohorts/{cohort.pk}/edit/")
    messages.success(request, _("ปลดรุ่นออกจากตัวเลขของเมืองแล้ว"))
    return redirect(cohort.course.get_absolute_url())


# --- outcomes -----------------------------------------------------------------------------------


@login_required
def outcome_create(request, code: str):
    city = _editable_city(request, code)
    status = 200
    if request.method == "POST":
        form = _bound(OutcomeForm, request, city=city)
        if form.is_valid():
            outcome, form, _newer, status = run_form_service(
                request,
                form,
                lambda: services.outcome_create(user=request.user, city=city, data=form.outcome_data()),
                _("บันทึกผลลัพธ์แล้ว"),
            )
            if outcome is not None:
                return redirect(
                    outcome.course.get_absolute_url() if outcome.course else outcome.get_absolute_url()
                )
        else:
            status = 400
    else:
        form = OutcomeForm(city=city, initial={"cohort": request.GET.get("cohort", "")})
    return _form_page(request, "outcome_form.html", {"city": city, "form": form, "outcome": None}, status)


def outcome_detail(request, pk: int):
    outcome = selectors.outcome_for_viewer(pk=pk, user=request.user)
    return render(
        request,
        "learningcity/courses/outcome_detail.html",
        {
            "outcome": outcome,
            "city": outcome.city,
            "can_edit": city_selectors.can_edit_city(request.user, outcome.city),
        },
    )


def _editable_outcome(request, pk: int):
    outcome = selectors.outcome_for_viewer(pk=pk, user=request.user)
    require_team(request.user, outcome.city)
    return outcome


@login_required
def outcome_edit(request, pk: int):
    outcome = _editable_outcome(request, pk)
    status, newer = 200, None
    if request.method == "POST":
        form = _bound(OutcomeForm, request, city=outcome.city)
        if form.is_valid():
            updated, form, newer, status = run_form_service(
                request,
                form,
                lambda: services.outcome_update(
                    user=request.user,
                    outcome=outcome,
                    version=form.cleaned_data["version"] or 0,
                    data=form.outcome_data(),
                ),
                _("บันทึกผลลัพธ์แล้ว"),
            )
            if updated is not None:
                return redirect(updated.get_absolute_url())
        else:
            status = 400
    else:
        form = OutcomeForm(initial=OutcomeForm.initial_for(outcome), city=outcome.city)
    context = {"city": outcome.city, "form": form, "outcome": outcome, "newer": newer}
    return _form_page(request, "outcome_form.html", context, status)


@login_required
@require_POST
def outcome_retire(request, pk: int):
    outcome = _editable_outcome(request, pk)
    try:
        services.outcome_retire(user=request.user, outcome=outcome, version=_version(request))
    except StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect(f"/learning-outcomes/{outcome.pk}/edit/")
    messages.success(request, _("ปลดผลลัพธ์ออกจากตัวเลขของเมืองแล้ว"))
    return redirect(outcome.city.get_absolute_url() + "#impact")


# --- history ------------------------------------------------------------------------------------


@login_required
def impact_history(request, code: str):
    """Every change to the city's courses, cohorts, outcomes and self-assessments (or one course's)."""
    city = _editable_city(request, code)
    course = None
    if request.GET.get("course"):
        course = get_object_or_404(city.courses, code=request.GET["course"])
    return render(
        request,
        "learningcity/courses/history.html",
        {
            "city": city,
            "course": course,
            "revisions": selectors.record_revisions(city=city, course=course)[:500],
            "can_revert": is_curator(request.user),
        },
    )


@login_required
@require_POST
def record_revert(request, pk: int):
    revision = get_object_or_404(RecordRevision.objects.select_related("city", "course"), pk=pk)
    if not is_curator(request.user):
        raise PermissionDenied
    back = f"/learning-cities/{revision.city.code}/impact-history/"
    if revision.course_id:
        back += f"?course={revision.course.code}"
    try:
        services.record_revert(user=request.user, revision=revision, version=_version(request) or None)
    except StaleEdit as stale:
        messages.error(request, stale.message)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("ย้อนกลับเป็นฉบับที่ %(v)s แล้ว") % {"v": revision.version})
    return redirect(back)
