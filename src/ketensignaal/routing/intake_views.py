"""Web screens for reporting a signal: the acute question, the form, the confirmation.

Routing owns the signal from submit to close (ADR 0009); the form and the validation come from intake.

Views only translate between HTTP and the services: the rules are in
``intake.validation`` and ``routing.services``.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.identity.models import User
from ketensignaal.intake.attachments import attachment_file_response
from ketensignaal.intake.forms import MAX_NAME_ROWS, AcuteForm, SignalForm, name_row_fields, name_rows_in
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.selectors import attachment_get, signal_get
from ketensignaal.routing.services import signal_submit


def _render_form(request: HttpRequest, form: SignalForm, *, acute: bool, idempotency_key: str, status: int = 200) -> HttpResponse:
    form.prepare_for_render()
    context: dict[str, Any] = {
        "form": form,
        "acute": acute,
        "idempotency_key": idempotency_key,
        "name_rows": form.name_row_list(),
        "dob_parts": [form["dob_year"], form["dob_month"], form["dob_day"]],
        "next_name_index": form.name_rows,
        "can_add_name": form.name_rows < MAX_NAME_ROWS,
        "category_rows": form.category_rows(),
        "grading_help": form.grading_help(),
        "error_summary": form.error_summary() if form.is_bound and form.errors else [],
        # Reporters of an organisation that shares only on its own judgement confirm it per signal.
        "own_judgement": _shares_on_own_judgement(_me(request)),
    }
    return render(request, "intake/signal_form.html", context, status=status)


def _shares_on_own_judgement(user: User) -> bool:
    unit = user.unit
    return bool(unit is not None and unit.organisation.shares_on_own_judgement)


def _me(request: HttpRequest) -> User:
    """The signed-in professional (every view here is behind ``login_required``)."""
    return cast(User, request.user)


def _resent_message() -> str:
    return str(
        _(
            "Dit formulier is al eerder verstuurd; die melding staat in ‘Mijn meldingen’. "
            "Verstuurt u het nu opnieuw, dan wordt het een nieuwe, aparte melding."
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def signal_new(request: HttpRequest) -> HttpResponse:
    """``GET`` without an answer: step 1 (acute?). ``GET ?acuut=…``: the form. ``POST``: submit."""
    if request.method == "GET":
        # "stap" marks the step's own submit: "Volgende" without a choice is answered with the error at the field.
        step = AcuteForm(request.GET) if "acuut" in request.GET or "stap" in request.GET else None
        if step is None or not step.is_valid():
            status = 400 if step is not None else 200
            return render(request, "intake/signal_acute.html", {"form": step or AcuteForm()}, status=status)
        acute = step.cleaned_data["acuut"] == "ja"
        form = SignalForm(initial={"acute": "ja" if acute else "nee"})
        return _render_form(request, form, acute=acute, idempotency_key=str(uuid.uuid4()))

    rows = name_rows_in(request.POST)
    idempotency_key = request.POST.get("idempotency_key") or str(uuid.uuid4())
    if "add_name" in request.POST:  # without JavaScript: one more name row, nothing validated yet
        form = SignalForm(request.POST, name_rows=rows + 1)
        form.errors.clear()  # adding a row is not a submit: keep the values, show no errors
        return _render_form(request, form, acute=request.POST.get("acute") == "ja", idempotency_key=idempotency_key)

    form = SignalForm(request.POST, request.FILES, name_rows=rows)
    acute = request.POST.get("acute") == "ja"
    if form.is_valid():
        try:
            signal, _created = signal_submit(
                actor=_me(request),
                data=parse_signal_input(form.to_payload()),
                attachments=form.cleaned_data["attachments"],
                idempotency_key=idempotency_key,
                channel="web",
            )
        except ValidationFailed as exc:
            form.apply_invalid_params(exc.invalid_params, exc.detail)
        except DomainError as exc:
            if exc.code == "idempotency_key_reused":  # this very form was sent before (e.g. via the back button)
                idempotency_key = str(uuid.uuid4())
                form.add_error(None, _resent_message())
            else:
                form.add_error(None, exc.detail)
        else:
            return redirect("intake:signal_confirmation", pk=signal.pk)
    else:
        form.add_domain_errors()
    form.files_to_reselect = [f.name or "" for f in request.FILES.getlist("attachments")]
    return _render_form(request, form, acute=acute, idempotency_key=idempotency_key, status=400)


@login_required
@require_GET
def signal_name_row(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty name row, and the add button for the row after it (out of band)."""
    try:
        index = int(request.GET.get("index", "0"))
    except ValueError:
        index = 0
    index = max(0, min(index, MAX_NAME_ROWS - 1))
    form = SignalForm(name_rows=index + 1)
    fields = name_row_fields(index)
    row = {"index": index, **{key.rsplit("-", 1)[1]: form[key] for key in fields}}
    context = {
        "row": row,
        "next_name_index": index + 1,
        "can_add_name": index + 1 < MAX_NAME_ROWS,
        "oob": True,
    }
    return render(request, "intake/_name_row_response.html", context)


@login_required
@require_GET
def signal_confirmation(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    signal = signal_get(user=_me(request), signal_id=pk)
    return render(
        request,
        "intake/signal_confirmation.html",
        {"signal": signal, "detail_url": reverse("routing:signal_detail", kwargs={"pk": signal.pk})},
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: uuid.UUID, attachment_pk: uuid.UUID) -> HttpResponseBase:
    """Serve an attachment to a user who may see its signal (404 otherwise); the selector logs the read."""
    return attachment_file_response(attachment_get(user=_me(request), signal_id=pk, attachment_id=attachment_pk))
