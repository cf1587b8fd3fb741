"""The privacy officer's access review screens: queue of break-the-glass reasons, person by name, who saw a file."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core.errors import DomainError
from ketensignaal.governance.pickers import PICK_MIN, pick_query
from ketensignaal.governance.sensitive import break_glass_queue, break_glass_review
from ketensignaal.privacy import access_review
from ketensignaal.privacy.scopes import may_handle_subject_requests, may_review_access


def _require_officer(request: HttpRequest) -> None:
    if not may_review_access(request.user):
        raise Http404


@login_required
@require_http_methods(["GET"])
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    name = request.GET.get("naam", "").strip()
    found: list[Any] = []
    files: list[Any] = []
    search_error = ""
    if "naam" in request.GET:
        try:
            found = access_review.person_search(user=request.user, name=name)
        except DomainError as error:
            search_error = error.detail
        else:
            files = access_review.file_search(user=request.user, name=name)
    # Marking a case sensitive: the case is picked from a search, not typed (the one picker, governance.pickers).
    case_query = pick_query(request.GET.get("casus"))
    case_choices = access_review.case_pick(user=request.user, query=case_query) if case_query else []
    everything = request.GET.get("alles") == "1"
    rows = access_review.queue_rows(user=request.user, accesses=break_glass_queue(user=request.user, include_reviewed=everything))
    context = {
        "cases": access_review.marked_cases(user=request.user),
        "rows": rows,
        "found": found,
        "files": files,
        "name": name,
        "searched": "naam" in request.GET,
        "search_error": search_error,
        "everything": everything,
        "case_query": case_query,
        "case_choices": case_choices,
        "pick_min": PICK_MIN,
    }
    return render(request, "privacy/review_queue.html", context)


@login_required
@require_POST
def review_done(request: HttpRequest, access_id: int) -> HttpResponse:
    _require_officer(request)
    try:
        break_glass_review(actor=request.user, access_id=access_id, note=request.POST.get("note", ""))
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, error.detail)
    else:
        messages.success(request, _("De inzage is als beoordeeld vastgelegd."))
    return redirect("privacy:review-queue")


@login_required
@require_http_methods(["GET"])
def review_person(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_officer(request)
    person = access_review.officer_person_get(user=request.user, person_id=pk)
    context = {
        "person": person,
        "name": access_review.person_display_name(user=request.user, person=person),
        "views": access_review.person_file_views(user=request.user, person=person),
        "mark": access_review.is_marked("person", person.pk),
        "may_mark": may_handle_subject_requests(request.user),
    }
    return render(request, "privacy/review_person.html", context)


def _file_review(request: HttpRequest, *, title: str, names: Any, views: Any, mark: Any, empty: str) -> HttpResponse:
    """The "who saw this file" page of a signal or a case: the subject's names, the mark and the logged views."""
    context = {
        "title": title,
        "about": "; ".join(n.name for n in names),
        "views": views,
        "mark": mark,
        "empty": empty,
    }
    return render(request, "privacy/review_file.html", context)


@login_required
@require_http_methods(["GET"])
def review_signal(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_officer(request)
    signal = access_review.officer_signal_get(user=request.user, signal_id=pk)
    return _file_review(
        request,
        title=_("Wie zag signaal %(reference)s?") % {"reference": signal.reference},
        names=signal.names.all(),
        views=access_review.signal_file_views(user=request.user, signal=signal),
        mark=access_review.is_marked("signal", signal.pk),
        empty=_("Niemand van uw organisatie zag dit signaal in."),
    )


@login_required
@require_http_methods(["GET"])
def review_case(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_officer(request)
    case = access_review.officer_case_get(user=request.user, case_id=pk)
    return _file_review(
        request,
        title=_("Wie zag casus %(reference)s?") % {"reference": case.reference},
        names=case.names.all(),
        views=access_review.case_file_views(user=request.user, case=case),
        mark=access_review.is_marked("conference-case", case.pk),
        empty=_("Niemand van uw organisatie zag deze casus in."),
    )


@login_required
@require_POST
def review_person_sensitive(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_officer(request)
    access_review.officer_person_get(user=request.user, person_id=pk)
    try:
        changed = access_review.person_sensitive_set(
            actor=request.user,
            person_id=pk,
            sensitive=request.POST.get("sensitive") == "1",
            reason=request.POST.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        if changed:
            messages.success(request, _("De markering is vastgelegd."))
    return redirect("privacy:review-person", pk=pk)


@login_required
@require_POST
def review_case_sensitive(request: HttpRequest) -> HttpResponse:
    _require_officer(request)
    try:
        changed = access_review.case_sensitive_set(
            actor=request.user,
            case_id=request.POST.get("casus", "").strip() or None,
            reference=request.POST.get("kenmerk", ""),
            sensitive=request.POST.get("sensitive") == "1",
            reason=request.POST.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, error.detail)
        query = pick_query(request.POST.get("casus_zoek"))
        if query:  # back to the same search, so the officer picks again without retyping
            return redirect(f"{reverse('privacy:review-queue')}?{urlencode({'casus': query})}#cases-heading")
    else:
        if changed:
            messages.success(request, _("De markering is vastgelegd."))
    return redirect("privacy:review-queue")
