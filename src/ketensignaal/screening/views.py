"""Web pages (Dutch first, htmx): record a screening for a person and step, and the gaps overview."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField, typed_date, typed_values
from ketensignaal.persons.selectors import person_display_name
from ketensignaal.screening import selectors, services
from ketensignaal.screening.models import (
    AnswerStatus,
    DataCarrierHandling,
    Gap,
    HearingMode,
    IdentityBasis,
    Procedure,
    SisPurpose,
)
from ketensignaal.screening.scopes import may_see_gaps


def _step_choices() -> list[dict[str, Any]]:
    return [{"procedure": value, "label": label, "steps": selectors.steps_for(value)} for value, label in Procedure.choices]


def _split_choice(text: str) -> tuple[str, str]:
    procedure, _sep, step = (text or "").partition(":")
    return procedure, step


def _posted_answers(request: HttpRequest, checklist: Any) -> dict[str, dict[str, str]]:
    answers = {}
    for item in checklist.items.all():
        status = request.POST.get(f"item-{item.code}", "")
        if status:
            answers[item.code] = {"status": status, "reason": request.POST.get(f"reason-{item.code}", "")}
    return answers


def _posted_sis_alert(request: HttpRequest) -> dict[str, Any] | None:
    if request.POST.get("sis-present") != "1":
        return None
    thin = {"yes": True, "no": False}.get(request.POST.get("sis-thin", ""))
    return {
        "purpose": request.POST.get("sis-purpose", ""),
        "issuing_state": request.POST.get("sis-issuing_state", ""),
        "content": request.POST.get("sis-content", ""),
        "more_information_requested": request.POST.get("sis-more_information_requested") == "1",
        "answer": request.POST.get("sis-answer", ""),
        "thin": thin,
    }


def _form_context(request: HttpRequest, person: Any, choice: str) -> dict[str, Any]:
    procedure, step = _split_choice(choice)
    checklist = selectors.checklist_current(procedure=procedure, step=step) if procedure in Procedure.values else None
    return {
        "person": person,
        "person_name": person_display_name(user=request.user, person=person),
        "choice": choice,
        "step_choices": _step_choices(),
        "checklist": checklist,
        "statuses": AnswerStatus.choices,
        "hearing_modes": HearingMode.choices,
        "carrier_handlings": DataCarrierHandling.choices,
        "identity_bases": IdentityBasis.choices,
        "sis_purposes": SisPurpose.choices,
        "posted": request.POST if request.method == "POST" else {},
        "problems": {},
        "form_token": form_tokens.token_of(request),
    }


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = selectors.person_for_screening(request.user, pk)
    choice = request.POST.get("stap") or request.GET.get("stap", "")
    context = _form_context(request, person, choice)
    checklist = context["checklist"]
    if request.method == "POST" and checklist is not None:

        def record() -> str:
            services.screening_record(
                actor=request.user,
                person_id=person.pk,
                procedure=checklist.procedure,
                step=checklist.touchpoint.code,
                answers=_posted_answers(request, checklist),
                hearing_mode=request.POST.get("hearing_mode", ""),
                data_carrier_handling=request.POST.get("data_carrier_handling", ""),
                identity_basis=request.POST.get("identity_basis", ""),
                open_source_minutes=request.POST.get("open_source_minutes", ""),
                open_source_searches=request.POST.get("open_source_searches", ""),
                sis_alert=_posted_sis_alert(request),
            )
            return reverse("persons:person_detail", kwargs={"pk": person.pk})

        try:
            url = form_tokens.send_once(request, record, done=_("De screening is vastgelegd."))
        except DomainError as exc:
            context["error"] = _("De screening is niet opgeslagen. Controleer de gemarkeerde velden.")
            context["problems"] = {p["name"]: p["reason"] for p in exc.invalid_params}
            return render(request, "screening/screening_form.html", context, status=400)
        return redirect(url)
    template = "screening/_checklist.html" if request.headers.get("HX-Request") else "screening/screening_form.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET"])
def gaps_overview(request: HttpRequest) -> HttpResponse:
    if not may_see_gaps(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {"gap_labels": Gap.choices, "report": None, "suppress_below": selectors.SUPPRESS_BELOW}
    context["van"], context["tot"] = request.GET.get("van", ""), request.GET.get("tot", "")
    fields = {"van": DutchDateField(label=_("Van"), required=False), "tot": DutchDateField(label=_("Tot en met"), required=False)}
    try:
        # Typed day-month-year on the page; the period rule behind the API reads ISO.
        typed = typed_values(request.GET, fields)
        start, end = selectors.parse_period(
            typed["van"].isoformat() if typed["van"] else None, typed["tot"].isoformat() if typed["tot"] else None
        )
        context["report"] = selectors.screening_gaps_report(user=request.user, date_from=start, date_to=end)
    except DomainError as exc:
        context["error"] = " ".join([exc.detail, *(p["reason"] for p in exc.invalid_params)])
        return render(request, "screening/gaps.html", context, status=400)
    context["van"], context["tot"] = typed_date(start), typed_date(end)
    return render(request, "screening/gaps.html", context)
