"""Web pages of the LIV trajectory (Dutch). Every action calls the same service as the API."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField, DutchDateTimeField, typed_values
from ketensignaal.core.ids import is_uuid
from ketensignaal.identity.models import Unit, User
from ketensignaal.routing.selectors import SIGNAL_SEARCH_MIN, signal_search, signal_summaries
from ketensignaal.trajectories import deadlines, factors, selectors, services, team
from ketensignaal.trajectories.api import report_response
from ketensignaal.trajectories.config import liv_client_unit_codes, liv_unit_code
from ketensignaal.trajectories.deadlines import DEADLINE_LABELS, deadline_state
from ketensignaal.trajectories.figures import liv_figures
from ketensignaal.trajectories.languages import language_choices
from ketensignaal.trajectories.models import Conclusion, FactorKind, Phase, Presence, Source
from ketensignaal.trajectories.workflow import ADVANCE, FORMAT_EDITABLE_IN, TRANSITIONS

CHANNEL = "web"


def _client_units() -> list[Unit]:
    return list(Unit.objects.filter(code__in=liv_client_unit_codes()).order_by("name"))


# Where each refused field of the request form is, so the error summary links to it.
REQUEST_FIELDS = {"client": "id_client", "signal": "id_signal", "question": "id_question", "person_language": "id_language"}
# The same for the trajectory page's forms, per action; a format field is found by its phase and key.
ACTION_FIELDS = {
    "wegen": {"accepted": "besluit-ja", "reason": "reden", "underlying_problem": "onderliggend"},
    "tolk": {"person_language": "taal"},
    "pauzeren": {"reason": "pauze-reden"},
    "verlengen": {"new_deadline": "nieuwe-termijn", "reason": "verleng-reden"},
    "conclusie": {
        "conclusions": "conclusie",
        "advice": "advies",
        "cter_reported_by": "cter-wie",
        "cter_reported_at": "cter-wanneer",
        "cter_reported_to": "cter-aan",
    },
    "team": {"expert": "expert", "staff": "medewerker"},
}


def _error_context(error: DomainError | None, fields: dict[str, str]) -> dict[str, Any]:
    """The error summary of a refusal: each reason once, with the id of the field to fix where the page has one (the
    summary links it), led by the refusal's message unless that message only repeats the reasons (then once)."""
    items = _reason_items(error.invalid_params if error else [], fields)
    detail = error.detail if error else ""
    repeats = bool(items) and all(item["reason"] in detail for item in items)
    return {"error_items": items, "error_lead": "" if repeats else detail}


def _reason_items(params: list[dict[str, Any]], fields: dict[str, str]) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    seen: set[str] = set()
    for param in params:
        reason, name = str(param.get("reason", "")), str(param.get("name", ""))
        if not reason or reason in seen:
            continue
        seen.add(reason)
        anchor = fields.get(name, "")
        phase, _dot, key = name.partition(".")
        if not anchor and key and phase in {"intake", "interpretation", "advice", "closure"}:
            anchor = f"f-{phase}-{key}"
        items.append({"reason": reason, "anchor": anchor})
    return items


def _with_subjects(user: Any, trajectories: list[Any]) -> None:
    """Who and what each trajectory is about: its linked signals the user may see (name as reported, observation),
    set as ``subjects``; ``hidden_signals`` counts the linked signals the user may not see."""
    linked = {t.pk: [s.pk for s in t.signals.all()] for t in trajectories}
    shown = {s.pk: s for s in signal_summaries(user=user, signal_ids={pk for ids in linked.values() for pk in ids})}
    for t in trajectories:
        t.subjects = [shown[pk] for pk in linked[t.pk] if pk in shown]
        t.hidden_signals = len(linked[t.pk]) - len(t.subjects)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.trajectory_list(user=request.user, channel=CHANNEL)
    _with_subjects(request.user, rows)
    liv = selectors.is_liv_member(request.user)
    today = timezone.localdate()
    for t in rows:
        state = deadline_state(t, today)
        t.deadline_state = state  # type: ignore[attr-defined]
        t.deadline_label = DEADLINE_LABELS.get(state, "")  # type: ignore[attr-defined]
    groups = []
    if liv:
        for code, label in Phase.choices:
            members = [t for t in rows if t.phase == code]
            groups.append({"code": code, "label": label, "rows": members})
    states = ("overdue", "two-weeks", "six-weeks")
    warnings = [t for t in rows if t.deadline_state in states] if liv else []  # type: ignore[attr-defined]
    only_overdue = request.GET.get("filter") == "te-laat"
    if only_overdue:
        warnings = [t for t in warnings if t.deadline_state == "overdue"]  # type: ignore[attr-defined]
    return render(
        request,
        "trajectories/overview.html",
        {
            "liv": liv,
            "groups": groups,
            "rows": rows,
            "warnings": warnings,
            "only_overdue": only_overdue,
            "is_staff": selectors.is_liv_staff(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    staff = selectors.is_liv_staff(request.user)
    user: Any = request.user
    error = None
    data = request.POST if request.method == "POST" else {}
    chosen = str(data.get("signal") or request.GET.get("signaal", "")).strip()
    if request.method == "POST":
        interpreter = {"ja": True, "nee": False}.get(data.get("interpreter_needed", ""))
        made: dict[str, str] = {}

        def register() -> str:
            trajectory = services.trajectory_request(
                actor=request.user,
                client_code=data.get("client", ""),
                question=data.get("question", ""),
                signal_id=data.get("signal") or None,
                source=Source.PARTNER if data.get("signal") else Source.DIRECT,
                channel=CHANNEL,
                person_language=data.get("person_language", ""),
                interpreter_needed=interpreter,
            )
            made["reference"] = trajectory.reference
            return reverse("trajectories:detail", kwargs={"pk": trajectory.pk})

        try:
            url, first = form_tokens.submit_once(user=request.user, token=data.get(form_tokens.FIELD, ""), run=register)
        except DomainError as exc:
            error = exc
        else:
            if first:
                messages.success(request, _("Aanmelding %(reference)s is geregistreerd.") % made)
            else:  # a repeated send: nothing new, the request registered the first time
                messages.info(request, _("Dit formulier was al verstuurd; er is niets dubbel geregistreerd."))
            return redirect(url)
    # The signal is found by a search (reference or name as reported, within need to know) or arrives chosen
    # (?signaal=<id>, or the refused form's choice); the page never lists every visible signal. Each row shown is a
    # logged read, as in every list.
    query = request.GET.get("zoek", "").strip()
    signals = signal_summaries(user=user, signal_ids=[chosen]) if is_uuid(chosen) else []
    found = signal_search(user=user, query=query)
    signals += [s for s in found if str(s.pk) != chosen]
    return render(
        request,
        "trajectories/request_form.html",
        {
            "clients": _client_units(),
            "signals": signals,
            "chosen": chosen,
            "query": query,
            "query_too_short": 0 < len(query) < SIGNAL_SEARCH_MIN,
            "found_none": len(query) >= SIGNAL_SEARCH_MIN and not found,
            "staff": staff,
            "data": data,
            "error": error,
            **_error_context(error, REQUEST_FIELDS),
            "languages": language_choices(),
            # The token of this form: kept when a refused form comes back, so the corrected one still counts once.
            "form_token": data.get(form_tokens.FIELD) or form_tokens.form_token(),
        },
        status=error.status if error else 200,
    )


def _page_context(request: HttpRequest, trajectory: Any) -> dict[str, Any]:
    user = request.user
    _with_subjects(user, [trajectory])
    context: dict[str, Any] = {"t": trajectory, "is_staff": selectors.is_liv_staff(user)}
    if not selectors.can_see_working_file(user, trajectory):
        context["status_only"] = True
        return context
    state = deadline_state(trajectory)
    forms = selectors.phase_forms(trajectory)
    for form in forms:
        form["editable"] = trajectory.phase in FORMAT_EDITABLE_IN[form["phase"]]
    context.update(
        {
            "criteria": selectors.active_criteria(),
            "answers": selectors.weighing_answers(user=user, trajectory=trajectory),
            "deadline_state": state,
            "deadline_label": DEADLINE_LABELS.get(state, ""),
            "deadline_events": list(trajectory.deadline_events.all()),
            "forms": forms,
            "factor_blocks": _factor_form_blocks(user, trajectory),
            "factors_editable": trajectory.phase in (Phase.INTAKE, Phase.INTERPRETATION),
            "presences": Presence.choices,
            "kinds": dict(FactorKind.choices),
            "team": selectors.team(user=user, trajectory=trajectory),
            "experts": selectors.expert_pool(user=user),
            # LIV staff to assign, chosen by name (the username is the form value, never typed).
            "liv_staff": User.objects.filter(unit__code=liv_unit_code(), is_active=True).order_by(
                "first_name", "last_name", "username"
            ),
            "interpreter_arranged": selectors.interpreter_arranged(trajectory),
            "conclusion_choices": Conclusion.choices,
            "conclusion_labels": [label for code, label in Conclusion.choices if code in trajectory.conclusions],
            "report_available": selectors.can_download_report(user, trajectory),
            "missing": _reason_items(services.missing_to_leave(trajectory) if trajectory.is_open else [], {}),
            # The phase "Naar de volgende fase" leads to; none in a phase that is left another way (the weighing).
            "next_phase": Phase(TRANSITIONS[(trajectory.phase, ADVANCE)]).label
            if (trajectory.phase, ADVANCE) in TRANSITIONS
            else "",
            "team_open": trajectory.is_open,
            "today": timezone.localdate(),
            "languages": language_choices(),
        }
    )
    return context


def _factor_form_blocks(user: Any, trajectory: Any, posted: Any = None, error: DomainError | None = None) -> list[dict[str, Any]]:
    """The factor catalogue per story phase, each factor with the answer to show: what was sent back with an error
    (so nothing typed is lost), else what was recorded, else nothing chosen ("niet beoordeeld")."""
    errors: dict[str, list[str]] = {}
    for param in error.invalid_params if error else []:
        name = str(param.get("name", ""))
        errors.setdefault(name.split("-", 1)[-1], []).append(str(param.get("reason", "")))
    sent = factors.answers_from_post(posted) if posted is not None else {}

    def row(r: Any) -> dict[str, Any]:
        code = r.definition.code
        answer = sent.get(code) or factors.FactorAnswer(
            presence=r.recorded.presence if r.recorded else "",
            explanation=r.recorded.explanation if r.recorded else "",
            source=r.recorded.source if r.recorded else "",
        )
        return {"definition": r.definition, "recorded": r.recorded, "answer": answer, "errors": errors.get(code, [])}

    return [
        {"label": b.label, "risk": [row(r) for r in b.risk], "protective": [row(r) for r in b.protective]}
        for b in selectors.factor_table(user=user, trajectory=trajectory)
    ]


@login_required
def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    trajectory = selectors.trajectory_get(user=request.user, pk=pk, channel=CHANNEL)
    return render(request, "trajectories/detail.html", _page_context(request, trajectory))


def _run_action(request: HttpRequest, trajectory: Any, action: str) -> str:
    p, user = request.POST, request.user
    common = {"actor": user, "trajectory": trajectory, "channel": CHANNEL}
    if action == "wegen":
        accepted = p.get("accepted") == "ja"
        answers: dict[str, dict[str, Any]] = {}
        for criterion in selectors.active_criteria():
            answer = {"ja": True, "nee": False}.get(p.get(f"criterion-{criterion.code}", ""))
            answers[criterion.code] = {"answer": answer, "explanation": p.get(f"criterion-{criterion.code}-toelichting", "")}
        if p.get("accepted") not in ("ja", "nee"):
            raise DomainError(
                gettext("Kies of het LIV de zaak aanneemt."),
                invalid_params=[{"name": "accepted", "code": "required", "reason": gettext("Kies aannemen of niet aannemen.")}],
            )
        services.trajectory_weigh(
            **common,
            accepted=accepted,
            answers=answers,
            reason=p.get("reason", ""),
            underlying_problem=p.get("underlying_problem", ""),
        )
        return _("De weging is vastgelegd.")
    if action == "format":
        phase = p.get("phase", "")
        values = {k.removeprefix("field-"): str(v) for k, v in p.items() if k.startswith("field-")}
        services.trajectory_phase_fill(**common, phase=phase, answers=values)
        return _("Het format is opgeslagen.")
    if action == "factoren":
        changed = factors.trajectory_factors_record(**common, answers=factors.answers_from_post(p))
        if not changed:
            return _("Er is niets gewijzigd: de factoren stonden al zo vastgelegd.")
        return ngettext("%(n)d factor is vastgelegd.", "%(n)d factoren zijn vastgelegd.", changed) % {"n": changed}
    if action == "team":
        team.trajectory_member_assign(
            **common, expert_id=p.get("expert", ""), staff_username=p.get("staff", ""), task=p.get("task", "")
        )
        return _("Het teamlid is toegewezen.")
    if action == "tolk":
        needed = {"ja": True, "nee": False}.get(p.get("interpreter_needed", ""))
        services.trajectory_interpreter_set(**common, language=p.get("person_language", ""), needed=needed)
        return _("Taal en tolkbehoefte zijn opgeslagen.")
    if action == "pauzeren":
        deadlines.trajectory_deadline_pause(**common, reason=p.get("reason", ""))
        return _("De termijn is gepauzeerd.")
    if action == "hervatten":
        deadlines.trajectory_deadline_resume(**common, reason=p.get("reason", ""))
        return _("De termijn loopt weer.")
    if action == "verlengen":
        typed = typed_values(p, {"new_deadline": DutchDateField(label=_("Nieuwe termijn"), required=False)})
        deadlines.trajectory_deadline_extend(**common, new_deadline=typed["new_deadline"], reason=p.get("reason", ""))
        return _("De termijn is verlengd.")
    if action == "conclusie":
        typed = typed_values(p, {"cter_reported_at": DutchDateTimeField(label=_("Gemeld op"), required=False)})
        services.trajectory_conclusion_record(
            **common,
            conclusions=p.getlist("conclusions"),
            advice=p.get("advice", ""),
            cter_reported_by=p.get("cter_reported_by", ""),
            cter_reported_at=typed["cter_reported_at"],
            cter_reported_to=p.get("cter_reported_to", ""),
        )
        return _("Conclusie en advies zijn vastgelegd.")
    if action == "verstrekken":
        services.trajectory_report_deliver(**common)
        return _("Het adviesrapport is verstrekt aan de opdrachtgever.")
    if action == "volgende-fase":
        moved = services.trajectory_advance(**common)
        return _("Het traject is nu in de fase %(phase)s.") % {"phase": moved.get_phase_display()}
    raise Http404


@login_required
@require_POST
def action(request: HttpRequest, pk: Any, action: str) -> HttpResponse:
    trajectory = selectors.trajectory_get_for_work(user=request.user, pk=pk)
    try:
        message = _run_action(request, trajectory, action)
    except DomainError as exc:
        fresh = selectors.trajectory_get(user=request.user, pk=pk, channel=CHANNEL)
        context = _page_context(request, fresh)
        context.update(
            {
                "error": exc,
                **_error_context(exc, ACTION_FIELDS.get(action, {})),
                "posted": request.POST,
                "error_action": action,
            }
        )
        if action == "factoren" and "factor_blocks" in context:
            context["factor_blocks"] = _factor_form_blocks(request.user, fresh, request.POST, exc)
        return render(request, "trajectories/detail.html", context, status=exc.status)
    messages.success(request, message)
    return redirect("trajectories:detail", pk=pk)


@login_required
def report(request: HttpRequest, pk: Any) -> HttpResponse:
    try:
        return report_response(user=request.user, pk=pk, channel=CHANNEL)
    except DomainError as exc:
        messages.error(request, exc.detail + " " + " ".join(p["reason"] for p in exc.invalid_params))
        return redirect("trajectories:detail", pk=pk)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        figures = liv_figures(user=request.user)
    except DomainError as exc:
        raise PermissionDenied(exc.detail) from exc
    return render(request, "trajectories/dashboard.html", {"figures": figures, "months": deadlines.deadline_months()})


@login_required
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    try:
        figures = liv_figures(user=request.user)
    except DomainError as exc:
        raise PermissionDenied(exc.detail) from exc
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="liv-cijfers.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["onderdeel", "omschrijving", "aantal"])
    writer.writerows(figures.rows())
    return response
