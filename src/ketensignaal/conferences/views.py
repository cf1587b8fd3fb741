"""Web pages of the local case conference (Dutch first). Every action calls the same service as the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.conferences import known_elsewhere, plan, reminders, scopes, selectors, services, workflow
from ketensignaal.conferences.api import plan_pdf_response
from ketensignaal.conferences.forms import DATE_FIELDS, CloseForm, MeasureDateForm, ReviewDateForm, ScaleDownForm, WithdrawForm
from ketensignaal.conferences.models import Invitation, MeasureStatus, Phase, ReviewMeetingOutcome, WarningChoice
from ketensignaal.conferences.workflow import PHASES
from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.core.forms import typed_values
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.sensitive import break_glass_gate
from ketensignaal.identity.models import Unit
from ketensignaal.intake.forms import DateOfBirthForm, nationality_choices
from ketensignaal.intake.models import Signal

CHANNEL = "web"


def _date(request: HttpRequest, form: str, name: str) -> dt.date | None:
    """A date of one of the case page's action forms, read by its ``DutchDateField`` (unreadable: 400 naming it)."""
    return typed_values(request.POST, {name: DATE_FIELDS[form][name]})[name]


def _version(value: str) -> int | None:
    return int(value) if (value or "").isdigit() else None


def _subject_from(data: Any, dob: DateOfBirthForm) -> dict[str, Any]:
    """The subject as the domain reads it; the date of birth from its three boxes (read by ``dob``)."""
    names = [{"name": n} for n in (data.get("name", ""), data.get("alias", "")) if n.strip()]
    subject: dict[str, Any] = {"names": names}
    for key in ("v_number", "nationality"):
        if data.get(key, "").strip():
            subject[key] = data[key].strip()
    if dob.date_of_birth:
        subject["date_of_birth"] = dob.date_of_birth
    return subject


def _dob_refused(dob: DateOfBirthForm) -> ValidationFailed | None:
    """Boxes that cannot be read (month 13, letters, a day without a month) stop the form before the service: each
    is reported at its own box, and the summary says so."""
    if not dob.is_bound or dob.is_valid():
        return None
    reasons = [services.param("date_of_birth", f"{part.label}: {e}", "invalid_date") for part in dob.parts() for e in part.errors]
    return ValidationFailed(
        _("De geboortedatum is niet goed ingevuld; zie de toelichting bij de geboortedatum."), invalid_params=reasons
    )


def _subject_context(data: Any, dob: DateOfBirthForm, error: DomainError | None) -> dict[str, Any]:
    """What ``_subject_fields.html`` shows: the date-of-birth boxes with their errors, the domain's refusals of the
    date of birth (a year before 1900, a date in the future) at the same place, and the nationalities by name."""
    refusals = [p["reason"] for p in (error.invalid_params if error else []) if p.get("name") == "subject.date_of_birth"]
    return {
        "dob_form": dob,
        "dob_refusals": refusals,
        "dob_invalid": bool(refusals) or (dob.is_bound and not dob.is_valid()),
        "nationalities": nationality_choices(),
    }


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.case_list(user=request.user, page=_page_number(request.GET.get("pagina")), channel=CHANNEL)
    for case in listing.rows:
        case.display_name = selectors.display_name(case)  # type: ignore[attr-defined]
    overdue = selectors.cases_review_overdue(user=request.user, channel=CHANNEL)
    for case in overdue:
        case.display_name = selectors.display_name(case)  # type: ignore[attr-defined]
    due = reminders.reminders_for(user=request.user)
    named = selectors.cases_named(user=request.user, ids=[r.case_id for r in due], channel=CHANNEL)
    return render(
        request,
        "conferences/case_list.html",
        {
            "listing": listing,
            "open_rows": [c for c in listing.rows if PHASES[c.phase].open],
            "other_rows": [c for c in listing.rows if not PHASES[c.phase].open],
            "overdue": overdue,
            "reminders": [(r, named[r.case_id]) for r in due if r.case_id in named],
            "may_register": scopes.is_municipality_staff_anywhere(request.user),
        },
    )


@login_required
def reports_mine(request: HttpRequest) -> HttpResponse:
    """What became of the reports the user's unit made to a municipality: admitted or not, nothing more."""
    rows = reminders.feedback_for(user=request.user)
    unread = [r.pk for r in rows if r.decided_at and r.read_at is None]
    response = render(request, "conferences/reports_mine.html", {"rows": rows})
    reminders.feedback_mark_read(user=request.user, ids=unread)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    error: DomainError | None = None
    data = request.POST if request.method == "POST" else {}
    dob = DateOfBirthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (error := _dob_refused(dob)) is None:
        made: dict[str, str] = {}

        def register() -> str:
            case = services.case_register(
                actor=request.user,
                municipality_code=data.get("municipality", ""),
                subject=_subject_from(data, dob),
                reason=data.get("reason", ""),
                signal_ids=[s for s in data.getlist("signals") if s],  # type: ignore[attr-defined]
                channel=CHANNEL,
            )
            made["ref"] = case.reference
            if selectors.case_visible(user=request.user, case=case):
                return reverse("conferences:detail", kwargs={"pk": case.pk})
            return reverse("conferences:list")

        try:
            url, first = form_tokens.submit_once(user=request.user, token=data.get(form_tokens.FIELD, ""), run=register)
        except DomainError as exc:
            error = exc
        else:
            if first:
                messages.success(request, _("Casus %(ref)s is aangemeld en staat in de weging.") % made)
            else:  # a repeated send: the case registered the first time, not a second one
                messages.info(request, _("Dit formulier was al verstuurd; er is niets dubbel geregistreerd."))
            return redirect(url)
    return render(
        request,
        "conferences/case_new.html",
        {
            "municipalities": Unit.objects.filter(code__startswith="gemeente.", is_active=True).order_by("name"),
            "signals": list(visible(request.user, Signal.objects.all()).order_by("-created_at")[:100]),
            "data": data,
            "error": error,
            "form_token": data.get(form_tokens.FIELD) or form_tokens.form_token(),
            **_subject_context(data, dob, error),
        },
        status=error.status if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask_known_elsewhere(request: HttpRequest) -> HttpResponse:
    if not scopes.is_municipality_staff_anywhere(request.user):
        raise Http404
    error: DomainError | None = None
    answer = None
    data = request.POST if request.method == "POST" else {}
    dob = DateOfBirthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (error := _dob_refused(dob)) is None:
        try:
            answer = known_elsewhere.known_elsewhere_ask(actor=request.user, subject=_subject_from(data, dob), channel=CHANNEL)
        except DomainError as exc:
            error = exc
    return render(
        request,
        "conferences/known_elsewhere.html",
        {"data": data, "error": error, "answer": answer, **_subject_context(data, dob, error)},
        status=error.status if error else 200,
    )


def _context(request: HttpRequest, case: Any, error: DomainError | None = None, *, refused: str = "") -> dict[str, Any]:
    user: Any = request.user
    # One token per form that adds a record, each its own: the refused form comes back with the token it was sent with.
    tokens = {name: form_tokens.token_of(request) if name == refused else form_tokens.form_token() for name in ONE_TIME}
    page = selectors.case_page(user=user, case=case)
    may_edit_plan = scopes.may_edit_plan(user, case)
    may_record_review_meeting = scopes.may_record_review_meeting(user, case) and page.review_meeting_required
    available = {
        action
        for action, allowed in (
            ("wegen", scopes.may_triage(user, case)),
            ("maatregel", may_edit_plan),
            ("herbeoordeling", may_edit_plan),
            ("toetsing", may_record_review_meeting and page.review_meeting_pending and bool(page.measures)),
            ("notitie", scopes.may_add_note(user, case)),
        )
        if allowed
    }
    # A refused form comes back with what was typed in its dates.
    posted = request.POST if request.method == "POST" else None
    date_forms = {
        "maatregel": MeasureDateForm(posted if refused == "maatregel" else None),
        "herbeoordeling": ReviewDateForm(posted if refused == "herbeoordeling" else None),
    }
    return {
        "primary": workflow.primary_action(case.phase, available),
        "date_forms": date_forms,
        "case": case,
        "page": page,
        "display_name": selectors.display_name(case),
        "meaning": PHASES[case.phase],
        "may_triage": scopes.may_triage(user, case),
        "may_invite": scopes.may_invite(user, case),
        "may_appoint": scopes.may_appoint_director(user, case),
        # Case directors to choose from by name (the username is the form value, never typed).
        "director_candidates": selectors.director_candidates(case) if scopes.may_appoint_director(user, case) else [],
        "may_edit_plan": may_edit_plan,
        "may_record_review_meeting": may_record_review_meeting,
        "review_meeting_outcomes": ReviewMeetingOutcome.choices,
        "may_note": scopes.may_add_note(user, case),
        "may_scale_down": scopes.may_scale_down(user, case),
        "may_close": scopes.may_close(user, case),
        "may_export": scopes.may_export(user, case),
        "is_monitoring": case.phase == Phase.MONITORING,
        "own_judgement_org": scopes.shares_on_own_judgement(user),
        # Partners to invite by name (the code is only the form value); none is chosen for the user.
        "units": services.invitable_units(case),
        "catalogue": selectors.measure_catalogue(),
        # Who can own a measure: the units taking part, by name (the code is only the form value).
        "owners": plan.owner_candidates(case) if may_edit_plan else [],
        "owner_chosen": posted.get("owner", "") if posted is not None and refused == "maatregel" else "",
        "choices": WarningChoice.choices,
        "statuses": MeasureStatus.choices,
        "error": error,
        "today": timezone.localdate(),
        "form_tokens": tokens,
    }


@login_required
def case_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    gate = break_glass_gate(request, object_type="conference-case", object_id=case.pk)
    if gate is not None:
        return gate
    reminders.reminders_mark_read(user=request.user, case=case)
    return render(request, "conferences/case_detail.html", _context(request, case))


@login_required
def case_plan_pdf(request: HttpRequest, pk: Any) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    gate = break_glass_gate(request, object_type="conference-case", object_id=case.pk)
    if gate is not None:
        return gate
    return plan_pdf_response(request, case, channel=CHANNEL)


def _triage(request: HttpRequest, case: Any) -> Any:
    return services.case_triage(
        actor=request.user,
        case=case,
        admitted=request.POST.get("admitted") == "ja",
        reason=request.POST.get("reason", ""),
        channel=CHANNEL,
    )


def _invite(request: HttpRequest, case: Any) -> Any:
    return services.invitation_create(
        actor=request.user,
        case=case,
        unit_code=request.POST.get("unit", ""),
        purpose=request.POST.get("purpose", ""),
        justification=request.POST.get("justification", ""),
        channel=CHANNEL,
    )


def _director(request: HttpRequest, case: Any) -> Any:
    return services.case_director_appoint(
        actor=request.user,
        case=case,
        username=request.POST.get("username", ""),
        reason=request.POST.get("reason", ""),
        channel=CHANNEL,
    )


def _goals(request: HttpRequest, case: Any) -> Any:
    case = plan.plan_goals_set(
        actor=request.user,
        case=case,
        goals=request.POST.get("goals", ""),
        expected_version=_version(request.POST.get("version", "")),
        channel=CHANNEL,
    )
    return plan.sentence_set(
        actor=request.user, case=case, in_execution=request.POST.get("sentence_in_execution") == "ja", channel=CHANNEL
    )


def _measure(request: HttpRequest, case: Any) -> Any:
    # The page offers the units taking part in the case by name; the API may still name an owner by its code.
    owner = request.POST.get("owner", "")
    refusal = plan.owner_refusal(case, owner)
    if refusal is not None:
        raise refusal
    measure, warnings = plan.measure_propose(
        actor=request.user,
        case=case,
        measure_code=request.POST.get("measure", ""),
        owner=owner,
        goal=request.POST.get("goal", ""),
        review=_date(request, "maatregel", "review"),
        expected_version=_version(request.POST.get("version", "")),
        channel=CHANNEL,
    )
    if warnings:
        messages.warning(
            request,
            _("Let op: deze maatregel kan andere maatregelen raken. Bevestig de waarschuwing met uw keuze."),
        )
    return measure


def _acknowledge(request: HttpRequest, case: Any) -> Any:
    return plan.warning_acknowledge(
        actor=request.user,
        case=case,
        warning_id=request.POST.get("warning", ""),
        choice=request.POST.get("choice", ""),
        note=request.POST.get("note", ""),
        channel=CHANNEL,
    )


def _measure_status(request: HttpRequest, case: Any) -> Any:
    return plan.measure_status_set(
        actor=request.user,
        case=case,
        measure_id=request.POST.get("measure", ""),
        status=request.POST.get("status", ""),
        channel=CHANNEL,
    )


def _review(request: HttpRequest, case: Any) -> Any:
    return plan.review_record(
        actor=request.user,
        case=case,
        summary=request.POST.get("summary", ""),
        changes_since_last=request.POST.get("changes_since_last", ""),
        next_review=_date(request, "herbeoordeling", "next_review"),
        channel=CHANNEL,
    )


def _note(request: HttpRequest, case: Any) -> Any:
    return services.note_add(
        actor=request.user,
        case=case,
        text=request.POST.get("text", ""),
        own_judgement=True if request.POST.get("own_judgement") == "ja" else None,
        channel=CHANNEL,
    )


def _review_meeting(request: HttpRequest, case: Any) -> Any:
    return plan.review_meeting_decide(
        actor=request.user,
        case=case,
        outcome=request.POST.get("outcome", ""),
        note=request.POST.get("note", ""),
        channel=CHANNEL,
    )


def _reconvene(request: HttpRequest, case: Any) -> Any:
    return plan.case_reconvene(actor=request.user, case=case, reason=request.POST.get("reason", ""), channel=CHANNEL)


ACTIONS: dict[str, tuple[Callable[[HttpRequest, Any], Any], str]] = {
    "wegen": (_triage, "De weging is vastgelegd."),
    "uitnodigen": (_invite, "De partner is uitgenodigd."),
    "regisseur": (_director, "De casusregisseur is aangewezen."),
    "doelen": (_goals, "Het plan van aanpak is opgeslagen."),
    "maatregel": (_measure, "De maatregel is toegevoegd aan het plan van aanpak."),
    "waarschuwing": (_acknowledge, "Uw keuze bij de waarschuwing is vastgelegd."),
    "maatregel-status": (_measure_status, "De status van de maatregel is bijgewerkt."),
    "herbeoordeling": (_review, "De herbeoordeling is vastgelegd."),
    "toetsing": (_review_meeting, "Het oordeel van het toetsingsoverleg is vastgelegd."),
    "notitie": (_note, "Uw notitie is toegevoegd."),
    "terug-naar-overleg": (_reconvene, "De casus staat weer op het casusoverleg."),
}


# The actions that add a record without a natural key of their own (a note, a review, a proposed measure): their
# forms carry a one-time token (``core.form_tokens``), so a double click adds one.
ONE_TIME = ("notitie", "herbeoordeling", "maatregel")


@login_required
@require_POST
def case_action(request: HttpRequest, pk: Any, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    handler, success = ACTIONS[action]

    def run() -> str:
        handler(request, case)
        if not selectors.case_visible(user=request.user, case=case):
            return reverse("conferences:list")
        return reverse("conferences:detail", kwargs={"pk": case.pk})

    try:
        if action in ONE_TIME:  # adds a record with no natural key: a repeated send lands on the first one's result
            url = form_tokens.send_once(request, run, done=_(success))
        else:
            url = run()
            messages.success(request, _(success))
    except DomainError as exc:
        fresh = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
        context = _context(request, fresh, exc, refused=action)
        return render(request, "conferences/case_detail.html", context, status=exc.status)
    return redirect(url)


def _after(request: HttpRequest, case: Any) -> HttpResponse:
    """Back to the case when the user still sees it, else to the list."""
    if selectors.case_visible(user=request.user, case=case):
        return redirect("conferences:detail", pk=case.pk)
    return redirect("conferences:list")


def _place(form: Any, error: DomainError) -> None:
    """A refusal at the fields it names, else at the top of the form."""
    placed = False
    for param in error.invalid_params:
        if param.get("name") in form.fields:
            form.add_error(param["name"], param["reason"])
            placed = True
    if not placed:
        form.add_error(None, error.detail)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_withdraw(request: HttpRequest, pk: Any, invitation: Any) -> HttpResponse:
    """Confirmation step for ending a partner's access: what it means, a required reason, one button.

    Only who may invite sees this page (404 for everyone else, as for an unknown invitation). A repeated send (a
    double click, the back button) finds the invitation ended and lands on the case: nothing is ended twice."""
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    gate = break_glass_gate(request, object_type="conference-case", object_id=case.pk)
    if gate is not None:
        return gate
    if not scopes.may_invite(request.user, case):
        raise Http404
    found = Invitation.objects.filter(case=case, pk=invitation).select_related("unit").first()
    if found is None:
        raise Http404
    if found.ended_at is not None:
        messages.info(request, _("De uitnodiging van %(unit)s was al beëindigd.") % {"unit": found.unit.name})
        return redirect("conferences:detail", pk=case.pk)
    form = WithdrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            services.invitation_withdraw(
                actor=request.user, case=case, invitation_id=found.pk, note=request.POST.get("note", ""), channel=CHANNEL
            )
        except DomainError as exc:
            _place(form, exc)
            status = exc.status
        else:
            messages.success(
                request,
                _("De uitnodiging van %(unit)s is ingetrokken; de eenheid heeft geen toegang meer.") % {"unit": found.unit.name},
            )
            return _after(request, case)
    context = {"case": case, "invitation": found, "form": form, "display_name": selectors.display_name(case)}
    return render(request, "conferences/invitation_withdraw.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_scale_down(request: HttpRequest, pk: Any) -> HttpResponse:
    """Confirmation step for scaling down: who loses access, which measures continue, a required reason and the
    end of the attention period. A repeated send finds the case scaled down and lands on it."""
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    gate = break_glass_gate(request, object_type="conference-case", object_id=case.pk)
    if gate is not None:
        return gate
    if not scopes.may_scale_down(request.user, case):
        if case.phase == Phase.SCALED_DOWN and selectors.case_visible(user=request.user, case=case):
            messages.info(request, _("De casus was al afgeschaald."))
            return redirect("conferences:detail", pk=case.pk)
        raise Http404
    form = ScaleDownForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.case_scale_down(
                    actor=request.user,
                    case=case,
                    reason=form.cleaned_data["reason"],
                    attention_until=form.cleaned_data["attention_until"],
                    channel=CHANNEL,
                )
            except DomainError as exc:
                _place(form, exc)
                status = exc.status
            else:
                messages.success(request, _("De casus is afgeschaald; uitgenodigde partners hebben geen toegang meer."))
                return _after(request, case)
        else:
            status = 400
    page = selectors.case_page(user=request.user, case=case)
    setup = services.setup_for(case.municipality)
    context = {
        "case": case,
        "display_name": selectors.display_name(case),
        "form": form,
        "partners": [i for i in page.invitations if i.is_active],
        "continuing": [m for m in page.measures if m.status != MeasureStatus.ENDED],
        "attention_days": setup.attention_days,
    }
    return render(request, "conferences/scale_down.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, pk: Any) -> HttpResponse:
    """Confirmation step for closing a scaled-down case before its attention period ends: what closing means, a
    required reason, one button. A repeated send finds the case closed and lands on it."""
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    gate = break_glass_gate(request, object_type="conference-case", object_id=case.pk)
    if gate is not None:
        return gate
    if not scopes.may_close(request.user, case):
        if case.phase == Phase.CLOSED:
            messages.info(request, _("De casus was al afgesloten."))
            return redirect("conferences:detail", pk=case.pk)
        raise Http404
    form = CloseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            services.case_close(actor=request.user, case=case, reason=request.POST.get("reason", ""), channel=CHANNEL)
        except DomainError as exc:
            _place(form, exc)
            status = exc.status
        else:
            messages.success(request, _("De casus is afgesloten."))
            return _after(request, case)
    context = {"case": case, "display_name": selectors.display_name(case), "form": form}
    return render(request, "conferences/close.html", context, status=status)
