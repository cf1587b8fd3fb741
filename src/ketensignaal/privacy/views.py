"""Screens of the contact point for data-subject requests (privacy officer of the contact point only; else 404)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField
from ketensignaal.privacy import selectors, services
from ketensignaal.privacy.api import answer_pdf_response
from ketensignaal.privacy.models import Decision, Outcome, RequestKind, RequestStatus
from ketensignaal.privacy.scopes import may_handle_subject_requests

# The person record fields a rectification corrects, as the screen names them.
RECTIFIABLE_FIELDS = [
    ("display_name", gettext_lazy("Naam")),
    ("date_of_birth", gettext_lazy("Geboortedatum")),
    ("nationality", gettext_lazy("Nationaliteit")),
    ("v_number", gettext_lazy("V-nummer")),
]


def _require_handler(request: HttpRequest) -> None:
    if not may_handle_subject_requests(request.user):
        raise Http404


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Soort verzoek"), choices=RequestKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(
        label=gettext_lazy("Naam van de betrokkene"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Zoals de verzoeker die schrijft, in elk schrift."),
    )
    alias = forms.CharField(label=gettext_lazy("Andere schrijfwijze of alias"), max_length=200, required=False)
    v_number = forms.CharField(label=gettext_lazy("V-nummer"), max_length=10, required=False)
    date_of_birth = forms.CharField(
        label=gettext_lazy("Geboortedatum (JJJJ, JJJJ-MM of JJJJ-MM-DD)"), max_length=10, required=False
    )
    nationality = forms.CharField(label=gettext_lazy("Nationaliteit (ISO-code, bijv. SYR)"), max_length=3, required=False)
    received_on = DutchDateField(label=gettext_lazy("Ontvangen op"))
    request_text = forms.CharField(
        label=gettext_lazy("Wat vraagt de verzoeker?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def subject(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        names = [{"name": value.strip()} for value in (data["name"], data["alias"]) if value.strip()]
        if not names:
            return None
        subject: dict[str, Any] = {"names": names}
        for field in ("v_number", "date_of_birth", "nationality"):
            if data[field].strip():
                subject[field] = data[field].strip()
        return subject


def _apply_error(form: forms.Form, error: DomainError) -> None:
    fields = {
        "subject": "name",
        "subject.names": "name",
        "subject.v_number": "v_number",
        "subject.date_of_birth": "date_of_birth",
        "subject.nationality": "nationality",
        "received_at": "received_on",
    }
    placed = False
    for param in error.invalid_params:
        name = fields.get(param.get("name", ""), param.get("name", ""))
        if name.startswith("subject.names"):
            name = "name"
        if name in form.fields:
            form.add_error(name, param["reason"])
            placed = True
    if not placed:
        form.add_error(None, error.detail)


@login_required
@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    _require_handler(request)
    rows = list(selectors.subject_request_list(user=request.user))
    today = timezone.localdate()
    return render(request, "privacy/request_list.html", {"rows": rows, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    _require_handler(request)
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            received = form.cleaned_data["received_on"]
            # A date only: noon of that day, but never later than now (a request
            # received today before noon is not in the future).
            moment = min(timezone.make_aware(datetime.combine(received, time(12))), timezone.now())
            try:
                created, _new = services.subject_request_register(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    subject=form.subject(),
                    received_at=moment,
                    request_text=form.cleaned_data["request_text"],
                )
            except DomainError as error:
                _apply_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Het verzoek is geregistreerd. Koppel het nu aan een persoon."))
                return redirect("privacy:request-detail", pk=created.pk)
        else:
            status = 400
    return render(request, "privacy/request_form.html", {"form": form}, status=status)


# A decision on an item is kept in the request's history as Dutch text ("<item title>: verstrekken"), the record; it
# is shown in the reader's language: the item's title from its kind and parameters, the decision from this table.
_DECISIONS_SHOWN = {
    "verstrekken": gettext_lazy("verstrekken"),
    "niet verstrekken": gettext_lazy("niet verstrekken"),
    "wissen": gettext_lazy("wissen"),
    "niet wissen": gettext_lazy("niet wissen"),
}


def _events_shown(subject_request: Any, items: list[Any]) -> list[Any]:
    events = list(subject_request.events.select_related("actor"))
    titles = {item.label: item.display_label for item in items}
    for event in events:
        if event.kind != "item-decided":
            continue
        title, sep, decision = event.text.rpartition(": ")
        if not sep or title not in titles:
            continue
        word, paren, ground = decision.partition(" (")
        shown = _DECISIONS_SHOWN.get(word)
        event.text = f"{titles[title]}: {shown if shown is not None else word}{paren}{ground}"
    return events


@login_required
@require_http_methods(["GET"])
def request_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_handler(request)
    subject_request = selectors.subject_request_get(user=request.user, request_id=pk)
    items = selectors.request_items(user=request.user, request=subject_request)
    candidates: list[Any] = []
    candidate_error = ""
    if subject_request.status == RequestStatus.RECEIVED:
        try:
            candidates = selectors.subject_request_candidates(user=request.user, request=subject_request)
        except DomainError as error:
            candidate_error = error.detail
    context = {
        "r": subject_request,
        "items": items,
        "pending": sum(1 for i in items if i.decision == Decision.PENDING),
        "candidates": candidates,
        "candidate_error": candidate_error,
        "grounds": selectors.restriction_grounds(),
        "events": _events_shown(subject_request, items),
        "erasure": subject_request.kind == RequestKind.ERASURE,
        "rectifications": list(subject_request.rectifications.all()),
        "rectifiable": RECTIFIABLE_FIELDS,
        "decides_whole": subject_request.kind in (RequestKind.RESTRICTION, RequestKind.OBJECTION),
        "outcomes": Outcome.choices,
    }
    return render(request, "privacy/request_detail.html", context)


def _post_step(request: HttpRequest, pk: Any, step: Any, success: str) -> HttpResponse:
    _require_handler(request)
    selectors.subject_request_get(user=request.user, request_id=pk)
    try:
        step()
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, success)
    return redirect("privacy:request-detail", pk=pk)


@login_required
@require_POST
def request_match(request: HttpRequest, pk: Any) -> HttpResponse:
    person = request.POST.get("person", "")
    reason = request.POST.get("reason", "")
    if person == "none":
        return _post_step(
            request,
            pk,
            lambda: services.subject_request_no_record(actor=request.user, request_id=pk, reason=reason),
            _("Vastgelegd: er zijn geen gegevens over de verzoeker."),
        )
    return _post_step(
        request,
        pk,
        lambda: services.subject_request_match(actor=request.user, request_id=pk, person_id=person or None, reason=reason),
        _("Het verzoek is aan de persoon gekoppeld; beslis nu per gegeven."),
    )


@login_required
@require_POST
def request_extend(request: HttpRequest, pk: Any) -> HttpResponse:
    months = request.POST.get("months", "")
    return _post_step(
        request,
        pk,
        lambda: services.subject_request_extend(
            actor=request.user,
            request_id=pk,
            months=int(months) if months.isdigit() else 0,
            reason=request.POST.get("reason", ""),
        ),
        _("De termijn is verlengd."),
    )


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: Any, item_id: int) -> HttpResponse:
    return _post_step(
        request,
        pk,
        lambda: services.request_item_decide(
            actor=request.user,
            request_id=pk,
            item_id=item_id,
            decision=request.POST.get("decision", ""),
            ground=request.POST.get("ground", ""),
            note=request.POST.get("note", ""),
        ),
        _("De beslissing is vastgelegd."),
    )


@login_required
@require_POST
def request_rectify(request: HttpRequest, pk: Any) -> HttpResponse:
    return _post_step(
        request,
        pk,
        lambda: services.subject_request_rectify(
            actor=request.user,
            request_id=pk,
            field=request.POST.get("field", ""),
            value=request.POST.get("value", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("De correctie is in het persoonsrecord doorgevoerd."),
    )


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: Any) -> HttpResponse:
    return _post_step(
        request,
        pk,
        lambda: services.subject_request_decide(
            actor=request.user,
            request_id=pk,
            outcome=request.POST.get("outcome", ""),
            reasons=request.POST.get("reasons", ""),
        ),
        _("De beslissing op het verzoek is vastgelegd."),
    )


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: Any) -> HttpResponse:
    return _post_step(
        request,
        pk,
        lambda: services.subject_request_answer(actor=request.user, request_id=pk),
        _("Het verzoek is beantwoord. Het antwoord staat klaar als PDF."),
    )


@login_required
@require_http_methods(["GET"])
def answer_pdf(request: HttpRequest, pk: Any) -> HttpResponse:
    _require_handler(request)
    try:
        return answer_pdf_response(request, pk, channel="web")
    except DomainError as error:
        messages.error(request, error.detail)
        return redirect("privacy:request-detail", pk=pk)
