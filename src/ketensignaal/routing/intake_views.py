"""Web screens for reporting a signal: the acute question, the form, the confirmation.

Routing owns the signal from submit to close (ADR 0009); the form and the validation come from intake.

Views only translate between HTTP and the services: the rules are in
``intake.validation`` and ``routing.services``.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.identity.models import User
from ketensignaal.intake.attachments import attachment_file_response
from ketensignaal.intake.forms import MAX_NAME_ROWS, AcuteForm, SignalForm, name_row_fields, name_rows_in
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.selectors import attachment_get, signal_get
from ketensignaal.routing.services import signal_submit


def _render_form(request: HttpRequest, form: SignalForm, *, acute: bool, token: str, status: int = 200) -> HttpResponse:
    form.prepare_for_render()
    context: dict[str, Any] = {
        "form": form,
        "acute": acute,
        "form_token": token,
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
        return _render_form(request, form, acute=acute, token=form_tokens.form_token())

    # One rendering of the form registers one signal: a repeat of the same form (a double click, "back" and send
    # again, a retry) shows the signal the first send registered, whatever was changed in between.
    me = _me(request)
    token = form_tokens.token_of(request)
    prior = form_tokens.already_sent(user=me, token=token)
    if prior is not None:
        messages.info(request, form_tokens.ALREADY_SENT)
        return redirect(prior)
    rows = name_rows_in(request.POST)
    if "add_name" in request.POST:  # without JavaScript: one more name row, nothing validated yet
        form = SignalForm(request.POST, name_rows=rows + 1)
        form.errors.clear()  # adding a row is not a submit: keep the values, show no errors
        return _render_form(request, form, acute=request.POST.get("acute") == "ja", token=token)

    form = SignalForm(request.POST, request.FILES, name_rows=rows)
    acute = request.POST.get("acute") == "ja"
    if form.is_valid():

        def register() -> str:
            signal, _created = signal_submit(
                actor=me,
                data=parse_signal_input(form.to_payload()),
                attachments=form.cleaned_data["attachments"],
                channel="web",
            )
            return reverse("intake:signal_confirmation", kwargs={"pk": signal.pk})

        try:
            url, first = form_tokens.submit_once(user=me, token=token, run=register)
        except ValidationFailed as exc:
            form.apply_invalid_params(exc.invalid_params, exc.detail)
        except DomainError as exc:
            form.add_error(None, exc.detail)
        else:
            if not first:
                messages.info(request, form_tokens.ALREADY_SENT)
            return redirect(url)
    else:
        form.add_domain_errors()
    form.files_to_reselect = [f.name or "" for f in request.FILES.getlist("attachments")]
    return _render_form(request, form, acute=acute, token=token, status=400)


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
