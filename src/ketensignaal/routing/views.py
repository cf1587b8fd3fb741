"""Web screens of the reporting line: inbox, signal detail with the actions of this hop, my signals.

Every read goes through ``routing.selectors`` (need to know; unseen is 404) and
every change through ``routing.services``; a refused action is shown as a
readable message and nothing changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import Conflict, DomainError
from ketensignaal.identity.models import User
from ketensignaal.intake.models import Outcome, SignalStatus
from ketensignaal.routing import scopes, selectors, services
from ketensignaal.routing.forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    ForwardForm,
    InboxFilterForm,
    NoteForm,
    RecallForm,
    ReturnForm,
    TakeForm,
)
from ketensignaal.routing.workflow import Action


def _me(request: HttpRequest) -> User:
    """The signed-in professional (every view here is behind ``login_required``)."""
    return cast(User, request.user)


INBOX_PAGE_SIZE = 25
FEEDBACK_LABELS = {
    "received": gettext_lazy("Ontvangen"),
    "in-progress": gettext_lazy("In behandeling"),
    "information-requested": gettext_lazy("Informatie gevraagd"),
    "forwarded-to-partner": gettext_lazy("Doorgezet naar ketenpartner"),
    "put-to-partners": gettext_lazy("Voorgelegd aan ketenpartners"),
    "follow-up-agreed": gettext_lazy("Vervolg afgesproken"),
    "closed": gettext_lazy("Afgesloten"),
}
MY_SIGNALS_PAGE_SIZE = 20

ACTION_FORMS: dict[str, type[forms.Form]] = {
    "take": TakeForm,
    "note": NoteForm,
    "assign": AssignForm,
    "return": ReturnForm,
    "forward": ForwardForm,
    "close": CloseForm,
    "take-over": TakeForm,
    "answer": AnswerForm,
}
# The order of the secondary actions under "Andere acties": the steps that move the signal on first.
SECONDARY_ORDER = ("take", "forward", "close", "return", "assign", "note")


def _action_form(name: str, data: Any = None, *, initial: dict[str, Any] | None = None) -> forms.Form:
    """An action form whose element ids carry the action's name, so the page's forms never share an id."""
    return ACTION_FORMS[name](data, initial=initial, auto_id=f"id_{name}_%s")


def _primary_action(action_forms: dict[str, forms.Form], forward_options: list[Any]) -> str | None:
    """The one step that fits the signal's state, shown as the primary button; every other action is secondary.

    A question to answer or an acute signal to take over is the step (shown at the top); otherwise: take a new
    signal, then forward it along the route, or close it where the route ends."""
    if "answer" in action_forms or "take-over" in action_forms:
        return None
    if "take" in action_forms:
        return "take"
    if "forward" in action_forms and any(o.allowed for o in forward_options):
        return "forward"
    if "close" in action_forms:
        return "close"
    return None


# Inbox ------------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The unit's inbox. An htmx request (filters changed) gets only the results partial."""
    filters = InboxFilterForm(request.GET or None)
    chosen = filters.selector_kwargs(_me(request))
    signals = selectors.inbox_list(user=_me(request), **chosen)
    counts = selectors.inbox_counts(user=_me(request))
    paginator = Paginator(signals, INBOX_PAGE_SIZE)
    if selectors.inbox_is_default(**chosen):
        paginator.__dict__["count"] = counts["open"]  # the cached property, known without counting the inbox again
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filters": filters,
        "acute_elsewhere": [] if getattr(request, "htmx", False) else list(selectors.acute_elsewhere(user=_me(request))[:50]),
        "page": page,
        "counts": _count_rows(counts),
        "now": timezone.now(),
        "query": query.urlencode(),
    }
    template = "routing/inbox.html#results" if getattr(request, "htmx", False) else "routing/inbox.html"
    return render(request, template, context)


def _count_rows(counts: dict[str, int]) -> list[dict[str, Any]]:
    labels = dict(SignalStatus.choices)
    rows = [{"label": _("Open"), "count": counts.get("open", 0)}]
    rows += [{"label": labels[s], "count": counts.get(s, 0)} for s in SignalStatus.values if s != SignalStatus.CLOSED]
    rows.append({"label": _("Termijn verlopen"), "count": counts.get("overdue", 0)})
    return rows


# Detail and actions ----------------------------------------------------------------------


def _detail_context(request: HttpRequest, pk: uuid.UUID, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    user = _me(request)
    signal = selectors.signal_get(user=user, signal_id=pk)
    actions = {a.value for a in scopes.signal_actions(user, signal)}
    version = {"expected_version": signal.version}
    action_forms = {name: _action_form(name, initial=version) for name in ACTION_FORMS if name in actions}
    if "answer" in action_forms:
        # A question waits for this unit: answering it is the step (not a forward over every unit of the chain).
        for name in ("take", "forward", "return"):
            action_forms.pop(name, None)
        actions -= {Action.TAKE.value, Action.FORWARD.value, Action.RETURN.value}
    for name, form in (bound or {}).items():
        action_forms[name] = form
    context: dict[str, Any] = {
        "signal": signal,
        "history": selectors.signal_history(user=user, signal_id=pk),
        "attachments": list(signal.attachments.all()),
        "status_view": selectors.status_for(user, signal),
        "now": timezone.now(),
        "actions": action_forms,
        "version": signal.version,
        "question": selectors.open_question(signal),
        "take_over_form": action_forms.get("take-over"),
    }
    options: list[Any] = []
    if Action.FORWARD in actions:
        options = list(selectors.forward_options(user=user, signal=signal))
        on_route = {o.unit_code for o in options} | {signal.current_unit.code}
        context["forward_options"] = options
        context.update(_forward_choices(options, selectors.off_route_destinations(signal=signal, exclude=on_route)))
    primary = _primary_action(action_forms, options)
    context["primary_action"] = primary
    context["other_actions"] = [name for name in SECONDARY_ORDER if name in action_forms and name != primary]
    # A secondary form sent back with an error opens its disclosure, so the reader sees the message at the field.
    context["open_other_actions"] = any(name in (bound or {}) for name in context["other_actions"])
    if Action.ASSIGN in actions:
        context["colleagues"] = selectors.unit_colleagues(user=user)
    context["recallable"] = selectors.recallable_disclosures(user=user, signal=signal)
    return context


def _forward_choices(on_route: list[Any], off_route: list[Any]) -> dict[str, Any]:
    """The units the signal may go to, on and off the route, for the list; the rest (no legal basis, or the handling
    code forbids it) apart, grouped by their reason, so the list holds only what can be chosen."""
    unavailable: dict[str, list[str]] = {}
    for option in [*on_route, *off_route]:
        if not option.allowed:
            unavailable.setdefault(option.problem, []).append(option.unit_name)
    return {
        "forward_on_route": [o for o in on_route if o.allowed],
        "forward_off_route": [o for o in off_route if o.allowed],
        "forward_unavailable": [{"problem": problem, "units": sorted(units)} for problem, units in unavailable.items()],
        "forward_unavailable_count": sum(len(units) for units in unavailable.values()),
    }


@login_required
@require_GET
def signal_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return render(request, "routing/signal_detail.html", _detail_context(request, pk))


def _run_action(
    request: HttpRequest, pk: uuid.UUID, name: str, call: Callable[[dict[str, Any]], Any], success: str
) -> HttpResponse:
    """Validate the posted form, call the service; on a refusal show the page again with the message."""
    form = _action_form(name, request.POST)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as exc:
            return _refused(request, pk, name, form, exc)
        messages.success(request, success)
        return redirect("routing:signal_detail", pk=pk)
    return _render_refused(request, pk, name, form, status=400)


def _refused(request: HttpRequest, pk: uuid.UUID, name: str, form: forms.Form, exc: DomainError) -> HttpResponse:
    """The signal page again, the refusal at the field it concerns (or above the form), in the standard summary."""
    conflict = isinstance(exc, Conflict)
    if conflict:
        form.add_error(None, _("Iemand anders heeft dit signaal intussen gewijzigd. Er is niets veranderd."))
    else:
        _errors_at_fields(form, exc, fallback="to_unit" if name == "forward" else None)
        if not form.errors:
            form.add_error(None, exc.detail)
    return _render_refused(request, pk, name, form, status=409 if conflict else exc.status, conflict=conflict)


def _render_refused(
    request: HttpRequest, pk: uuid.UUID, name: str, form: forms.Form, *, status: int, conflict: bool = False
) -> HttpResponse:
    context = _detail_context(request, pk, bound={name: form})
    context["action_error"] = {"form": form, "conflict": conflict, "action": name}
    return render(request, "routing/signal_detail.html", context, status=status)


def _errors_at_fields(form: forms.Form, exc: DomainError, *, fallback: str | None) -> None:
    """Show a refusal at the field it concerns (``invalid_params``), else — for a refused destination (no legal
    basis, handling code) — at ``fallback``, so the reader finds it where they chose."""
    placed = False
    for param in exc.invalid_params:
        name = str(param.get("name", ""))
        if name in form.fields and name != "handling_code":
            form.add_error(name, str(param.get("reason") or exc.detail))
            placed = True
    if not placed and fallback and fallback in form.fields and exc.status == 403:
        form.add_error(fallback, exc.detail)


def _version(data: dict[str, Any]) -> int | None:
    return data.get("expected_version") or None


@login_required
@require_POST
def signal_take(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "take",
        lambda d: services.signal_take(actor=_me(request), signal_id=pk, expected_version=_version(d), channel="web"),
        _("U heeft het signaal in behandeling genomen."),
    )


@login_required
@require_POST
def signal_add_note(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "note",
        lambda d: services.signal_add_note(
            actor=_me(request), signal_id=pk, note=d["note"], expected_version=_version(d), channel="web"
        ),
        _("De notitie is toegevoegd."),
    )


@login_required
@require_POST
def signal_assign(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "assign",
        lambda d: services.signal_assign(
            actor=_me(request), signal_id=pk, assignee_id=d["assignee"], expected_version=_version(d), channel="web"
        ),
        _("Het signaal is toegewezen."),
    )


@login_required
@require_POST
def signal_return(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "return",
        lambda d: services.signal_return(
            actor=_me(request), signal_id=pk, note=d["note"], expected_version=_version(d), channel="web"
        ),
        _("Het signaal is teruggestuurd met uw vraag."),
    )


@login_required
@require_POST
def signal_forward(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "forward",
        lambda d: services.signal_forward(
            actor=_me(request),
            signal_id=pk,
            to_unit=d["to_unit"],
            note=d["note"],
            reason=d["reason"],
            justification=d["justification"],
            expected_version=_version(d),
            channel="web",
        ),
        _("Het signaal is doorgestuurd."),
    )


@login_required
@require_POST
def signal_close(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Closing is irreversible, so it takes two steps: the form (outcome and explanation) leads to a confirmation
    that shows what is closed with which outcome; only "Bevestigen" closes. "Terug" returns to the filled-in form.
    The confirmation carries a one-time token: sending it twice closes once."""
    user = _me(request)
    form = _action_form("close", request.POST)
    if "back" in request.POST:
        return render(request, "routing/signal_detail.html", _detail_context(request, pk, bound={"close": form}))
    if not form.is_valid():
        return _render_refused(request, pk, "close", form, status=400)
    signal = selectors.signal_get(user=user, signal_id=pk)
    # A step the user may not take goes straight to the service, which says why not.
    if "confirmed" not in request.POST and Action.CLOSE in scopes.signal_actions(user, signal):
        try:  # an outcome the rules refuse is said now, not after "Bevestigen"
            services.signal_close_check(signal=signal, outcome=form.cleaned_data["outcome"])
        except DomainError as exc:
            return _refused(request, pk, "close", form, exc)
        context = {
            "signal": signal,
            "form": form,
            "outcome_label": dict(Outcome.choices)[form.cleaned_data["outcome"]],
            "form_token": form_tokens.token_of(request),
        }
        return render(request, "routing/signal_close_confirm.html", context)
    data = form.cleaned_data
    try:
        form_tokens.send_once(
            request,
            lambda: _close(request, pk, data),
            done=_("Het signaal is afgesloten."),
        )
    except DomainError as exc:
        return _refused(request, pk, "close", form, exc)
    return redirect("routing:signal_detail", pk=pk)


def _close(request: HttpRequest, pk: uuid.UUID, data: dict[str, Any]) -> str:
    services.signal_close(
        actor=_me(request),
        signal_id=pk,
        outcome=data["outcome"],
        note=data["note"],
        expected_version=_version(data),
        channel="web",
    )
    return reverse("routing:signal_detail", kwargs={"pk": pk})


@login_required
@require_POST
def signal_take_over(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "take-over",
        lambda d: services.signal_take_over(actor=_me(request), signal_id=pk, expected_version=_version(d), channel="web"),
        _("U heeft het acute signaal overgenomen; het ligt nu bij uw eenheid."),
    )


@login_required
@require_POST
def signal_answer(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _run_action(
        request,
        pk,
        "answer",
        lambda d: services.signal_answer(
            actor=_me(request), signal_id=pk, answer=d["answer"], expected_version=_version(d), channel="web"
        ),
        _("Uw antwoord is verstuurd; het signaal is terug bij wie de vraag stelde."),
    )


@login_required
@require_GET
def waiting_on_others(request: HttpRequest) -> HttpResponse:
    """Signals the user's unit asked a question about: they stay in sight until the answer is back."""
    return render(request, "routing/waiting_on_others.html", {"rows": selectors.waiting_on_others(user=_me(request))})


# My signals -------------------------------------------------------------------------------


@login_required
@require_GET
def my_signals(request: HttpRequest) -> HttpResponse:
    """The reporter's own signals with the feedback they may have (never intelligence content)."""
    page = Paginator(selectors.my_signals(user=_me(request)), MY_SIGNALS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = []
    for signal in page.object_list:  # already scoped by my_signals; feedback_for reads no further signal data
        feedback = selectors.feedback_for(_me(request), signal)
        rows.append(
            {"signal": signal, "feedback": feedback, "status_label": FEEDBACK_LABELS.get(feedback["status"], feedback["status"])}
        )
    return render(request, "routing/my_signals.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_recall(request: HttpRequest, pk: uuid.UUID, involvement_pk: int) -> HttpResponse:
    """Confirmation step for ending a disclosure: what it means, a required reason, one button."""
    user = _me(request)
    signal = selectors.signal_get(user=user, signal_id=pk)
    involvement = selectors.recallable_disclosure_get(user=user, signal=signal, involvement_id=involvement_pk)
    form = RecallForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.disclosure_recall(
                    actor=user, signal_id=pk, involvement_id=involvement.pk, reason=form.cleaned_data["reason"], channel="web"
                )
            except DomainError as exc:
                _errors_at_fields(form, exc, fallback=None)
                if not form.errors:
                    form.add_error(None, exc.detail)
                status = exc.status
            else:
                messages.success(request, _("De verstrekking aan %(unit)s is ingetrokken.") % {"unit": involvement.unit.name})
                return redirect("routing:signal_detail", pk=pk)
    return render(
        request,
        "routing/disclosure_recall.html",
        {"signal": signal, "involvement": involvement, "form": form},
        status=status,
    )
