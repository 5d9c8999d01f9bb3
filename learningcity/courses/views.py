"""Pages of courses, cohorts and outcomes, and the city team's forms for them. Thin: services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culturalmap.core.exceptions import Conflict
from culturalmap.core.permissions import is_curator
from culturalmap.core.publication import PublicationStatus
from learningcity import selectors as city_selectors
from learningcity.forms import add_service_errors, posted_version
from learningcity.services import StaleEdit, require_team

from . import selectors, services
from .forms import CohortForm, CourseForm, OutcomeForm
from .models import RecordRevision


def form_page(
    request,
    *,
    form_class,
    form_kwargs: dict,
    initial: dict | None,
    save,
    success: str,
    template: str,
    context: dict,
    redirect_to=None,
):
    """A team's form for one record: GET shows it (with `initial`), POST runs `save(form)` (a
    service). A refusal stays on the form with its reason (400); a stale version shows the newer
    record beside what was typed (409); a save goes to the record's page."""
    status, newer = 200, None
    if request.method != "POST":
        form = form_class(initial=initial, **form_kwargs)
    else:
        form = form_class(request.POST, **form_kwargs)
        status = 400
        if form.is_valid():
            try:
                saved = save(form)
            except StaleEdit as stale:
                newer, status = stale.current, 409
                data = form.data.copy()
                data["version"] = str(newer.version)
                form = form_class(data, **form_kwargs)
                form.is_valid()
                form.add_error(None, stale.message)
            except Conflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, success)
                return redirect(redirect_to(saved) if redirect_to else saved.get_absolute_url())
    context = {**context, "form": form, "newer": newer}
    return render(request, f"learningcity/courses/{template}", context, status=status)


def retire_page(request, *, retire, edit_url: str, success: str, back: str):
    """Retire a record from the version the team saw; a newer one sends them back to its form."""
    try:
        retire(user=request.user, version=posted_version(request))
    except StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect(edit_url)
    messages.success(request, success)
    return redirect(back)


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


@login_required
def course_create(request, code: str):
    city = _editable_city(request, code)
    return form_page(
        request,
        form_class=CourseForm,
        form_kwargs={"city": city},
        initial=None,
        save=lambda form: services.course_create(user=request.user, city=city, data=form.course_data()),
        success=_("เพิ่มหลักสูตรแล้ว"),
        template="course_form.html",
        context={"city": city, "course": None},
    )


@login_required
def course_edit(request, code: str):
    course = _editable_course(request, code)
    return form_page(
        request,
        form_class=CourseForm,
        form_kwargs={"city": course.city, "retired": course.status == PublicationStatus.WITHDRAWN},
        initial=CourseForm.initial_for(course),
        save=lambda form: services.course_update(
            user=request.user,
            course=course,
            version=form.cleaned_data["version"] or 0,
            data=form.course_data(),
        ),
        success=_("บันทึกหลักสูตรแล้ว"),
        template="course_form.html",
        context={"city": course.city, "course": course},
    )


@login_required
@require_POST
def course_retire(request, code: str):
    course = _editable_course(request, code)
    return retire_page(
        request,
        retire=lambda **kw: services.course_retire(course=course, **kw),
        edit_url=f"/learning-courses/{course.code}/edit/",
        success=_("ปลดหลักสูตรออกจากหน้าสาธารณะแล้ว"),
        back=course.city.get_absolute_url() + "#courses",
    )


# --- cohorts ------------------------------------------------------------------------------------


@login_required
def cohort_create(request, code: str):
    course = _editable_course(request, code)
    return form_page(
        request,
        form_class=CohortForm,
        form_kwargs={},
        initial=None,
        save=lambda form: services.cohort_create(user=request.user, course=course, data=form.cohort_data()),
        success=_("เพิ่มรุ่นแล้ว"),
        template="cohort_form.html",
        context={"city": course.city, "course": course, "cohort": None},
    )


def _editable_cohort(request, pk: int):
    cohort = selectors.cohort_for_viewer(pk=pk, user=request.user)
    require_team(request.user, cohort.course.city)
    return cohort


@login_required
def cohort_edit(request, pk: int):
    cohort = _editable_cohort(request, pk)
    return form_page(
        request,
        form_class=CohortForm,
        form_kwargs={},
        initial=CohortForm.initial_for(cohort),
        save=lambda form: services.cohort_update(
            user=request.user,
            cohort=cohort,
            version=form.cleaned_data["version"] or 0,
            data=form.cohort_data(),
        ),
        success=_("บันทึกรุ่นแล้ว"),
        template="cohort_form.html",
        context={"city": cohort.course.city, "course": cohort.course, "cohort": cohort},
    )


@login_required
@require_POST
def cohort_retire(request, pk: int):
    cohort = _editable_cohort(request, pk)
    return retire_page(
        request,
        retire=lambda **kw: services.cohort_retire(cohort=cohort, **kw),
        edit_url=f"/learning-cohorts/{cohort.pk}/edit/",
        success=_("ปลดรุ่นออกจากตัวเลขของเมืองแล้ว"),
        back=cohort.course.get_absolute_url(),
    )


# --- outcomes -----------------------------------------------------------------------------------


@login_required
def outcome_create(request, code: str):
    city = _editable_city(request, code)
    return form_page(
        request,
        form_class=OutcomeForm,
        form_kwargs={"city": city},
        initial={"cohort": request.GET.get("cohort", "")},
        save=lambda form: services.outcome_create(user=request.user, city=city, data=form.outcome_data()),
        success=_("บันทึกผลลัพธ์แล้ว"),
        template="outcome_form.html",
        context={"city": city, "outcome": None},
        # Back to the course, where the follow-up shows beside its cohort.
        redirect_to=lambda outcome: (outcome.course or outcome).get_absolute_url(),
    )


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
    return form_page(
        request,
        form_class=OutcomeForm,
        form_kwargs={"city": outcome.city},
        initial=OutcomeForm.initial_for(outcome),
        save=lambda form: services.outcome_update(
            user=request.user,
            outcome=outcome,
            version=form.cleaned_data["version"] or 0,
            data=form.outcome_data(),
        ),
        success=_("บันทึกผลลัพธ์แล้ว"),
        template="outcome_form.html",
        context={"city": outcome.city, "outcome": outcome},
    )


@login_required
@require_POST
def outcome_retire(request, pk: int):
    outcome = _editable_outcome(request, pk)
    return retire_page(
        request,
        retire=lambda **kw: services.outcome_retire(outcome=outcome, **kw),
        edit_url=f"/learning-outcomes/{outcome.pk}/edit/",
        success=_("ปลดผลลัพธ์ออกจากตัวเลขของเมืองแล้ว"),
        back=outcome.city.get_absolute_url() + "#impact",
    )


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
        services.record_revert(user=request.user, revision=revision, version=posted_version(request) or None)
    except StaleEdit as stale:
        messages.error(request, stale.message)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("ย้อนกลับเป็นฉบับที่ %(v)s แล้ว") % {"v": revision.version})
    return redirect(back)
