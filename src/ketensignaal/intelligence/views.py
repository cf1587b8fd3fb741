"""Screens for inbound intelligence (the TSZ hub) and briefings (the hub writes, recipients confirm)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.identity.models import User
from ketensignaal.intelligence import selectors, services
from ketensignaal.intelligence.forms import (
    BriefingForm,
    FollowUpForm,
    InboundForm,
    InspectionOutcomeForm,
    InspectionRequestForm,
    SignalSearchForm,
)
from ketensignaal.intelligence.scopes import may_handle_inbound, may_see_inbound


def _me(request: HttpRequest) -> User:
    return cast(User, request.user)


def _apply(form: Any, exc: DomainError) -> None:
    if isinstance(exc, ValidationFailed) and exc.invalid_params:
        placed = False
        for item in exc.invalid_params:
            if item.get("name") in form.fields:
                form.add_error(item["name"], item.get("reason", ""))
                placed = True
        if placed:
            return
    form.add_error(None, exc.detail)


@login_required
@require_GET
def inbound_list(request: HttpRequest) -> HttpResponse:
    if not may_see_inbound(_me(request)):
        raise Http404
    rows = selectors.inbound_list(user=_me(request))
    return render(request, "intelligence/inbound_list.html", {"rows": rows, "may_handle": may_handle_inbound(_me(request))})


@login_required
@require_http_methods(["GET", "POST"])
def inbound_new(request: HttpRequest) -> HttpResponse:
    if not may_handle_inbound(_me(request)):
        raise Http404
    form = InboundForm(request.POST or None)
    token = request.POST.get(form_tokens.FIELD, "")
    if request.method == "POST" and form.is_valid():

        def register() -> str:
            message = services.inbound_register(actor=_me(request), channel="web", **form.cleaned_data)
            return reverse("intelligence:inbound_detail", kwargs={"pk": message.pk})

        try:
            url, first = form_tokens.submit_once(user=_me(request), token=token, run=register)
        except DomainError as exc:
            _apply(form, exc)
        else:
            if first:
                messages.success(request, _("Het bericht is geregistreerd. Leg nu het vervolg vast."))
            else:  # the same form sent twice (a double click, the back button): one message
                messages.info(request, _("Dit formulier was al verstuurd; er is niets dubbel geregistreerd."))
            return redirect(url)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "form_token": token or form_tokens.form_token()}
    return render(request, "intelligence/inbound_form.html", context, status=status)


def _picked(request: HttpRequest) -> tuple[SignalSearchForm, list[Any]]:
    """The hub's signal search (GET ``zoek``, kept in the follow-up form on POST) and the signals to offer: the ones
    found plus the ones already ticked, all within need to know."""
    source = request.POST if request.method == "POST" else request.GET
    search = SignalSearchForm({"zoek": source.get("zoek", "")})
    query = search.cleaned_data["zoek"] if search.is_valid() else ""
    me = _me(request)
    chosen = selectors.signals_chosen(user=me, signal_ids=request.POST.getlist("signals")) if request.method == "POST" else []
    found = selectors.signal_pick(user=me, query=query) if query else []
    seen = {s.pk for s in chosen}
    return search, [*chosen, *(s for s in found if s.pk not in seen)]


def _detail(request: HttpRequest, pk: uuid.UUID, status: int = 200, **forms: Any) -> HttpResponse:
    message = selectors.inbound_get(user=_me(request), message_id=pk)
    follow_up = getattr(message, "follow_up", None) if hasattr(message, "follow_up") else None
    search, offered = _picked(request)
    may_handle = may_handle_inbound(_me(request))
    context = {
        "message": message,
        "follow_up": follow_up,
        "linked_signals": selectors.follow_up_signals(user=_me(request), follow_up=follow_up) if follow_up else [],
        "search_form": search,
        "searched": bool(search.is_valid() and search.cleaned_data["zoek"]),
        "found_count": len(offered),
        "requests": list(message.inspection_requests.all()),
        "briefings": list(message.briefings.all()),
        "may_handle": may_handle,
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(signals=offered),
        "inspection_form": forms.get("inspection_form") or InspectionRequestForm(),
        # Only a refused inspection request comes back with its own token (another form's send gets a fresh one).
        "inspection_token": form_tokens.token_of(request) if "inspection_form" in forms else form_tokens.form_token(),
        "outcome_form": InspectionOutcomeForm(),
    }
    return render(request, "intelligence/inbound_detail.html", context, status=status)


@login_required
@require_GET
def inbound_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _detail(request, pk)


@login_required
@require_POST
def follow_up_record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    message = selectors.inbound_get(user=_me(request), message_id=pk)
    _search, offered = _picked(request)
    form = FollowUpForm(request.POST, signals=offered)
    if form.is_valid():
        try:
            services.follow_up_record(
                actor=_me(request),
                message=message,
                decision=form.cleaned_data["decision"],
                owner_code=form.cleaned_data["owner"],
                note=form.cleaned_data["note"],
                signal_ids=form.cleaned_data["signals"],
                channel="web",
            )
        except DomainError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Het vervolgbesluit is vastgelegd."))
            return redirect("intelligence:inbound_detail", pk=pk)
    return _detail(request, pk, status=400, follow_up_form=form)


@login_required
@require_POST
def inspection_request_record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    message = selectors.inbound_get(user=_me(request), message_id=pk)
    form = InspectionRequestForm(request.POST)
    if form.is_valid():

        def record() -> str:
            services.inspection_request_record(actor=_me(request), message=message, channel="web", **form.cleaned_data)
            return reverse("intelligence:inbound_detail", kwargs={"pk": pk})

        try:
            url = form_tokens.send_once(request, record, done=_("Het inzageverzoek is vastgelegd."))
        except DomainError as exc:
            _apply(form, exc)
        else:
            return redirect(url)
    return _detail(request, pk, status=400, inspection_form=form)


@login_required
@require_POST
def inspection_outcome_record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    inspection = selectors.inspection_request_get(user=_me(request), request_id=pk)
    form = InspectionOutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_outcome_record(actor=_me(request), request=inspection, channel="web", **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, _("De uitkomst van het inzageverzoek is vastgelegd."))
    else:
        messages.error(request, _("Kies de uitkomst van het inzageverzoek."))
    return redirect("intelligence:inbound_detail", pk=inspection.message_id)


@login_required
@require_GET
def briefing_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.briefing_list(user=_me(request))
    return render(request, "intelligence/briefing_list.html", {"rows": rows, "may_write": may_handle_inbound(_me(request))})


@login_required
@require_http_methods(["GET", "POST"])
def briefing_new(request: HttpRequest) -> HttpResponse:
    if not may_handle_inbound(_me(request)):
        raise Http404
    source = request.GET.get("bericht") or request.POST.get("bericht") or ""
    message = None
    if source:
        try:
            message = selectors.inbound_get(user=_me(request), message_id=uuid.UUID(source))
        except ValueError:
            raise Http404 from None
    form = BriefingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            briefing = services.briefing_write(
                actor=_me(request),
                title=data["title"],
                body=data["body"],
                unit_codes=data["units"],
                message=message,
                dates_confirmed=data["dates_confirmed"],
                channel="web",
            )
            return reverse("intelligence:briefing_detail", kwargs={"pk": briefing.pk})

        try:
            url = form_tokens.send_once(request, write, done=_("De briefing is verstuurd naar de gekozen eenheden."))
        except DomainError as exc:
            form.apply_invalid_params(getattr(exc, "invalid_params", []), exc.detail)
        else:
            return redirect(url)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "message": message, "form_token": form_tokens.token_of(request)}
    return render(request, "intelligence/briefing_form.html", context, status=status)


@login_required
@require_GET
def briefing_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    briefing = selectors.briefing_get(user=_me(request), briefing_id=pk)
    me = _me(request)
    context = {
        "briefing": briefing,
        "recipient": bool(me.unit_id) and any(u.pk == me.unit_id for u in briefing.units.all()),
        "read": briefing.readings.filter(user=me).exists(),
        "readings_count": briefing.readings.count() if may_handle_inbound(me) else None,
    }
    return render(request, "intelligence/briefing_detail.html", context)


@login_required
@require_POST
def briefing_confirm_read(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    briefing = selectors.briefing_get(user=_me(request), briefing_id=pk)
    try:
        services.briefing_confirm_read(actor=_me(request), briefing=briefing, channel="web")
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("U heeft bevestigd dat u de briefing heeft gelezen."))
    return redirect("intelligence:briefing_detail", pk=pk)
