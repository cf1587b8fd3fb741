"""Hub screens: enrichment, disclosures, naslag requests and answers, ambtsberichten.

Views only parse forms and render; the services decide, the selectors scope.
A refused request re-renders the form with the service's Dutch message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.core.need_to_know import visible
from ketensignaal.disclosures import selectors, services
from ketensignaal.disclosures.forms import AmbtsberichtForm, DisclosureForm, EnrichmentForm, NaslagAnswerForm, NaslagForm
from ketensignaal.disclosures.scopes import may_disclose, may_enrich, may_see_ambtsberichten
from ketensignaal.governance.flow_names import flow_label_for
from ketensignaal.intake.models import Signal


def _apply_error(form: Any, error: DomainError) -> None:
    placed = False
    for param in error.invalid_params:
        if param.get("name") in form.fields:
            form.add_error(param["name"], param["reason"])
            placed = True
    if not placed or error.status == 403:
        form.add_error(None, error.detail)


def _send_valid_form(
    request: HttpRequest, form: Any, run: Callable[[], str], *, done: str | Callable[[], str]
) -> tuple[HttpResponse | None, int]:
    """The POST half of every form page here: a valid form runs ``run`` once (one-time form token) and redirects to
    the URL it returns; otherwise (no POST, an invalid form, or a refusal placed on the form) the page is rendered
    with the returned status."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        url = form_tokens.send_once(request, run, done=done)
    except DomainError as error:
        _apply_error(form, error)
        return None, error.status
    return redirect(url), 200


def _signal_context(request: HttpRequest, signal: Signal) -> dict[str, Any]:
    user = request.user
    return {
        "signal": signal,
        "can_act": may_disclose(user),
        "is_hub_analyst": may_enrich(user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def enrichment_page(request: HttpRequest, pk: Any) -> HttpResponse:
    signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
    form = EnrichmentForm(request.POST or None)

    def record() -> str:
        services.enrichment_record(actor=request.user, signal=signal, **form.cleaned_data)
        return reverse("disclosures:enrichment", kwargs={"pk": signal.pk})

    sent, status = _send_valid_form(request, form, record, done=_("Het gegeven uit het dossier is vastgelegd."))
    if sent is not None:
        return sent
    facts = list(selectors.enrichment_list(user=request.user, signal=signal))
    context = {**_signal_context(request, signal), "form": form, "facts": facts, "form_token": form_tokens.token_of(request)}
    return render(request, "disclosures/enrichment.html", context, status=status)


# The three steps of the disclosure form: fill in, confirm (what crosses, to whom, on which basis), disclose.
STEP = "stap"
CONFIRM, DISCLOSE, BACK = "bevestigen", "verstrekken", "terug"


@login_required
@require_http_methods(["GET", "POST"])
def disclosures_page(request: HttpRequest, pk: Any) -> HttpResponse:
    """Nothing crosses on the first send: it is weighed and shown (recipient, flow, statutory basis, data) on a
    confirmation page; only "Verstrekken" there discloses, once per form token. "Terug" returns to the filled-in form."""
    signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
    form = DisclosureForm(request.POST or None)
    step = request.POST.get(STEP, CONFIRM) if request.method == "POST" else ""
    made: dict[str, str] = {}
    status = 200
    if step == CONFIRM and form.is_valid():
        try:
            preview = services.disclosure_preview(actor=request.user, signal=signal, **form.cleaned_data)
        except DomainError as error:
            _apply_error(form, error)
            status = error.status
        else:
            context = {
                **_signal_context(request, signal),
                "preview": preview,
                "form": form,
                "form_token": form_tokens.token_of(request),
            }
            return render(request, "disclosures/disclosure_confirm.html", context)
    elif step == CONFIRM:
        status = 400
    elif step == DISCLOSE:

        def disclose() -> str:
            disclosure = services.disclosure_create(actor=request.user, signal=signal, **form.cleaned_data)
            made.update(unit=disclosure.recipient_unit.name, flow=flow_label_for(disclosure.flow_version_label))
            return reverse("disclosures:disclosures", kwargs={"pk": signal.pk})

        sent, status = _send_valid_form(request, form, disclose, done=lambda: _("Voorgelegd aan %(unit)s onder %(flow)s.") % made)
        if sent is not None:
            return sent
    # BACK (or an unknown step): the form as it was filled in, nothing weighed or written.
    disclosures = list(selectors.disclosure_list(user=request.user, signal=signal))
    naslag_requests = list(selectors.naslag_request_list(user=request.user, signal=signal).prefetch_related("answers"))
    ambtsberichten = list(selectors.ambtsbericht_list(user=request.user, signal=signal))
    context = {
        **_signal_context(request, signal),
        "form": form,
        "form_token": form_tokens.token_of(request),
        "disclosures": disclosures,
        "naslag_requests": naslag_requests,
        "ambtsberichten": ambtsberichten,
    }
    return render(request, "disclosures/disclosures.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def naslag_new(request: HttpRequest, pk: Any) -> HttpResponse:
    signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
    form = NaslagForm(request.POST or None)
    made: dict[str, str] = {}

    def create() -> str:
        naslag = services.naslag_request_create(actor=request.user, signal=signal, **form.cleaned_data)
        made["flow"] = flow_label_for(naslag.flow_version_label)
        return reverse("disclosures:naslag_detail", kwargs={"pk": naslag.pk})

    sent, status = _send_valid_form(
        request, form, create, done=lambda: _("Het naslagverzoek is vastgelegd onder %(flow)s.") % made
    )
    if sent is not None:
        return sent
    context = {**_signal_context(request, signal), "form": form, "form_token": form_tokens.token_of(request)}
    return render(request, "disclosures/naslag_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def naslag_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
    form = NaslagAnswerForm(request.POST or None)

    def answer() -> str:
        services.naslag_answer_record(actor=request.user, request=naslag, **form.cleaned_data)
        return reverse("disclosures:naslag_detail", kwargs={"pk": naslag.pk})

    sent, status = _send_valid_form(request, form, answer, done=_("Het antwoord van de dienst is geregistreerd."))
    if sent is not None:
        return sent
    context = {
        "naslag": naslag,
        "signal": naslag.signal,
        "form": form,
        "form_token": form_tokens.token_of(request),
        "answers": list(selectors.naslag_answer_list(user=request.user, request=naslag)),
        "ambtsberichten": list(selectors.ambtsbericht_list(user=request.user).filter(naslag_request=naslag)),
    }
    return render(request, "disclosures/naslag_detail.html", context, status=status)


def _require_ambtsbericht_reader(request: HttpRequest) -> None:
    if not may_see_ambtsberichten(request.user):
        raise Http404  # exactly as if the list did not exist


@login_required
def ambtsbericht_list_page(request: HttpRequest) -> HttpResponse:
    _require_ambtsbericht_reader(request)
    reports = list(selectors.ambtsbericht_list(user=request.user)[:200])
    return render(request, "disclosures/ambtsbericht_list.html", {"reports": reports})


@login_required
@require_http_methods(["GET", "POST"])
def ambtsbericht_new(request: HttpRequest) -> HttpResponse:
    _require_ambtsbericht_reader(request)
    form = AmbtsberichtForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reference = data.pop("signal_reference").strip()
        signal = visible(request.user, Signal.objects.filter(reference=reference)).first() if reference else None
        if reference and signal is None:
            form.add_error("signal_reference", _("Onbekend signaalnummer, of u heeft er geen toegang toe."))
            status = 400
        else:

            def register() -> str:
                report = services.ambtsbericht_register(actor=request.user, signal=signal, **data)
                return reverse("disclosures:ambtsbericht_detail", kwargs={"pk": report.pk})

            try:
                url = form_tokens.send_once(request, register, done=_("Het ambtsbericht is geregistreerd."))
            except DomainError as error:
                _apply_error(form, error)
                status = error.status
            else:
                return redirect(url)
    elif form.errors:
        status = 400
    context = {"form": form, "form_token": form_tokens.token_of(request)}
    return render(request, "disclosures/ambtsbericht_form.html", context, status=status)


@login_required
def ambtsbericht_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    report = selectors.ambtsbericht_get(user=request.user, ambtsbericht_id=pk)
    return render(request, "disclosures/ambtsbericht_detail.html", {"report": report})
