"""Web pages of the LRO: meetings, the live agenda (htmx partial per item), minutes and the task list."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.coordination import selectors, services
from ketensignaal.coordination.config import member_unit_codes
from ketensignaal.coordination.minutes import minutes_pdf
from ketensignaal.coordination.models import DecisionKind
from ketensignaal.coordination.scopes import is_member, may_manage_meetings
from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField, typed_values
from ketensignaal.governance.pickers import PICK_MIN, pick_query
from ketensignaal.identity.models import Unit
from ketensignaal.trajectories.config import liv_unit_code


def _unit_names() -> dict[str, str]:
    """Every unit's name by its code (one small reference table), so the agenda names a unit, never shows its code."""
    return dict(Unit.objects.values_list("code", "name"))


def _owner_units() -> list[Unit]:
    return list(Unit.objects.filter(code__in=[*member_unit_codes(), liv_unit_code(), "politie.tim", "coa"]).order_by("name"))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        # The shared Dutch date field: an empty date is a mistake, never "the next proposed date"; a date that does
        # not exist (31-2) says so.
        try:
            typed = typed_values(request.POST, {"date": DutchDateField(label=_("Datum"))})
            meeting = services.meeting_create(actor=request.user, date=typed["date"])
            messages.success(request, _("Het overleg is gepland."))
            return redirect("coordination:meeting", pk=meeting.pk)
        except DomainError as exc:
            error = " ".join(p["reason"] for p in exc.invalid_params) or exc.detail
    meetings = list(selectors.meeting_list(user=request.user))
    return render(
        request,
        "coordination/meeting_list.html",
        {"meetings": meetings, "member": is_member(request.user), "next_date": services.next_meeting_date(), "error": error},
        status=400 if error else 200,
    )


def _item_context(request: HttpRequest, meeting: Any, line: Any, **extra: Any) -> dict[str, Any]:
    error = extra.get("error")
    return {
        "meeting": meeting,
        "line": line,
        "kinds": DecisionKind.choices,
        "owners": _owner_units(),
        "unit_names": _unit_names(),
        "today": timezone.localdate(),
        # A fresh token per rendered form: sending the same form twice records one decision.
        "form_token": uuid.uuid4().hex,
        "field_errors": _field_errors(error),
        # Errors on these fields show at the field; any other (e.g. the item, the reason) in the alert.
        "shown_fields": ("interpretation", "decision", "owner", "due", "form"),
        **extra,
    }


def _field_errors(error: DomainError | None) -> dict[str, str]:
    """The refusal's ``invalid_params`` by field name, to show each one at its own field."""
    if error is None:
        return {}
    found: dict[str, str] = {}
    for param in error.invalid_params:
        name = str(param.get("name", ""))
        found.setdefault(name, str(param.get("reason") or error.detail))
    if not found:
        found["form"] = error.detail
    return found


@login_required
def meeting_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    lines = selectors.agenda_compose(user=request.user, meeting=meeting)
    user: Any = request.user
    hub = may_manage_meetings(user)
    query = pick_query(request.GET.get("zoek")) if hub else ""
    return render(
        request,
        "coordination/meeting_detail.html",
        {
            "meeting": meeting,
            "lines": lines,
            "hub": hub,
            "pick_query": query,
            "pick_min": PICK_MIN,
            "candidates": selectors.put_forward_candidates(user=user, query=query, meeting=meeting) if query else [],
            "unit_names": _unit_names() if any(line.withheld_units for line in lines) else {},
            # The items' decision forms are not on the page: each item loads its own on demand (``decide``).
        },
    )


def _item_page(request: HttpRequest, meeting: Any, line: Any, *, status: int = 200, **extra: Any) -> HttpResponse:
    """One item with its forms: swapped into the agenda (htmx), or as the item's own page (without JavaScript)."""
    context = _item_context(request, meeting, line, forms=True, **extra)
    if request.headers.get("HX-Request"):
        return render(request, "coordination/_item.html", context)  # 200 so htmx swaps the item with its errors inline
    return render(request, "coordination/decide_page.html", context, status=status)


def _item_response(
    request: HttpRequest, meeting: Any, item: Any, *, error: DomainError | None, posted: Any, message: str
) -> HttpResponse:
    """htmx: the item swapped in place with its message, or its forms again with the errors at the fields. Without
    JavaScript: back to the item on the agenda, or the item's own page again with the errors at the fields."""
    htmx = bool(request.headers.get("HX-Request"))
    if not htmx and not error:
        messages.success(request, message)
        return redirect(reverse("coordination:meeting", args=[meeting.pk]) + f"#item-{item}")
    # Only this item's line: composed and logged as on the agenda, not the whole agenda again.
    line = selectors.agenda_line(user=request.user, meeting=meeting, item_id=item)
    if line is None:
        if not htmx and error:
            messages.error(request, error.detail)
            return redirect("coordination:meeting", pk=meeting.pk)
        raise Http404
    if error:
        return _item_page(request, meeting, line, status=400, error=error, posted=posted)
    return render(request, "coordination/_item.html", _item_context(request, meeting, line, message=message))


@login_required
@require_POST
def decision_change(request: HttpRequest, pk: Any, item: Any, decision: Any) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    error, message, posted = None, "", None
    try:
        services.decision_change(
            actor=request.user,
            decision_id=decision,
            interpretation=request.POST.get("interpretation", ""),
            decision=request.POST.get("decision", ""),
            owner=request.POST.get("owner", ""),
            due=request.POST.get("due", ""),
            justification=request.POST.get("justification", ""),
            idempotency_key=request.POST.get("token", ""),
        )
        message = _("Het besluit is gewijzigd.")
    except DomainError as exc:
        error, posted = exc, request.POST
    return _item_response(request, meeting, item, error=error, posted=posted, message=message)


@login_required
@require_POST
def decision_withdraw(request: HttpRequest, pk: Any, item: Any, decision: Any) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    error, message = None, ""
    try:
        services.decision_withdraw(actor=request.user, decision_id=decision, reason=request.POST.get("reason", ""))
        message = _("Het besluit is ingetrokken; de taak is vervallen.")
    except DomainError as exc:
        error = exc
    return _item_response(request, meeting, item, error=error, posted=None, message=message)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: Any, item: Any) -> HttpResponse:
    """GET: the item's decision forms — swapped into the agenda by htmx, or the item's own page without JavaScript —
    under the same need to know as the agenda (an item the user may not see is a 404) and logged as the agenda logs
    the line. POST: record the decision (idempotent: the form's one-time token)."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    if request.method == "GET":
        line = selectors.agenda_line(user=request.user, meeting=meeting, item_id=item)
        if line is None:
            raise Http404
        return _item_page(request, meeting, line, focus=bool(request.headers.get("HX-Request")))
    error, message = None, ""
    posted: Any = request.POST
    try:
        version = request.POST.get("version")
        services.decision_record(
            actor=request.user,
            meeting_id=meeting.pk,
            item_id=item,
            interpretation=request.POST.get("interpretation", ""),
            decision=request.POST.get("decision", ""),
            owner=request.POST.get("owner", ""),
            due=request.POST.get("due", ""),
            justification=request.POST.get("justification", ""),
            expected_version=int(version) if version and version.isdigit() else None,
            idempotency_key=request.POST.get("token", ""),
        )
        message, posted = _("Besluit vastgelegd; de taak staat in de lijst van de eigenaar."), None
    except DomainError as exc:
        error = exc
    return _item_response(request, meeting, item, error=error, posted=posted, message=message)


@login_required
@require_POST
def put_forward(request: HttpRequest, pk: Any) -> HttpResponse:
    """The hub puts a signal forward, picked from a search on the meeting page (``signal``, its id; an API-like client
    may still send the reference, ``reference``), in two steps.

    First the page shows which member units would receive the signal and over which flow (and which would not);
    only the hub's confirmation (``bevestigd``) puts it on the agenda and shares it. Nothing is disclosed silently.
    """
    from ketensignaal.core.need_to_know import visible
    from ketensignaal.intake.models import Signal

    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    reference = request.POST.get("reference", "").strip()
    picked = request.POST.get("signal", "").strip()
    try:
        lookup = {"pk": uuid.UUID(picked)} if picked else {"reference": reference} if reference else None
    except ValueError:
        lookup = None
    signal = (
        visible(request.user, Signal.objects.filter(**lookup)).select_related("current_unit__organisation").first()
        if lookup
        else None
    )
    if signal is None and not reference:
        messages.error(request, _("Kies eerst het signaal: zoek het op naam of kenmerk en selecteer het."))
        return redirect("coordination:meeting", pk=pk)
    reason, justification = request.POST.get("reason", ""), request.POST.get("justification", "")
    if signal is not None and request.POST.get("bevestigd") != "ja":
        context = {
            "meeting": meeting,
            "signal": signal,
            "reason": reason,
            "justification": justification,
            "recipients": selectors.put_forward_preview(user=request.user, signal=signal),
        }
        return render(request, "coordination/put_forward_confirm.html", context)
    try:
        services.item_put_forward(
            actor=request.user,
            meeting_id=pk,
            signal_id=signal.pk if signal else None,
            reason=reason,
            justification=justification,
        )
        shown = signal.reference if signal else reference
        messages.success(request, _("Signaal %(reference)s staat op de agenda.") % {"reference": shown})
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("coordination:meeting", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def remove_item(request: HttpRequest, pk: Any, item: Any) -> HttpResponse:
    """GET: the item's "Van de agenda halen" page — who and what the item is about and the reason asked for. POST:
    take it off the agenda; a refusal (no reason) shows on that page again with what was typed kept."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    error: DomainError | None = None
    if request.method == "POST":
        try:
            services.item_remove(actor=request.user, meeting_id=pk, item_id=item, reason=request.POST.get("reason", ""))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("Het punt is van de agenda gehaald."))
            return redirect("coordination:meeting", pk=pk)
    line = selectors.agenda_line(user=request.user, meeting=meeting, item_id=item)
    if line is None:
        if error is not None:
            messages.error(request, error.detail)
            return redirect("coordination:meeting", pk=pk)
        raise Http404
    context = {
        "meeting": meeting,
        "line": line,
        "error": error,
        "reason": request.POST.get("reason", ""),
        "decided": bool(line.item.active_decisions),
    }
    return render(request, "coordination/remove_confirm.html", context, status=error.status if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, pk: Any) -> HttpResponse:
    """Closing fixes the agenda and every decision: a page says what that means and asks to confirm."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    if request.method == "GET" or request.POST.get("bevestigd") != "ja":
        lines = selectors.agenda_compose(user=request.user, meeting=meeting)
        undecided = [line for line in lines if not getattr(line.item, "active_decisions", None)]
        context = {"meeting": meeting, "lines": lines, "undecided": undecided, "member": is_member(request.user)}
        return render(request, "coordination/close_confirm.html", context)
    try:
        services.meeting_close(actor=request.user, meeting_id=pk)
        messages.success(request, _("Het overleg is afgesloten."))
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("coordination:meeting", pk=pk)


@login_required
def minutes(request: HttpRequest, pk: Any) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=pk)
    lines = selectors.agenda_compose(user=request.user, meeting=meeting)
    pdf = minutes_pdf(meeting=meeting, lines=lines, decisions=list(selectors.decisions_for(user=request.user, meeting=meeting)))
    services.minutes_distribute(actor=request.user, meeting=meeting)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verslag-lro-{meeting.date.isoformat()}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tasks(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            services.task_complete(actor=request.user, task_id=request.POST.get("task"))
            messages.success(request, _("De taak is afgerond."))
        except DomainError as exc:
            messages.error(request, exc.detail)
        return redirect("coordination:tasks")
    tasks = selectors.task_list(user=request.user)
    return render(request, "coordination/tasks.html", {"rows": selectors.task_rows(user=request.user, tasks=tasks)})
