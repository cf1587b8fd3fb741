"""The public pages: report without an account, receipt, add information. No sign-in, no status beyond "received"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from ketensignaal.core.errors import DomainError, ValidationFailed
from ketensignaal.publicreports.challenge import challenge_issue
from ketensignaal.publicreports.forms import PublicAdditionForm, PublicReportForm
from ketensignaal.publicreports.models import AttemptKind
from ketensignaal.publicreports.services import attempt_invalid, public_addition_add, public_report_input, public_report_submit
from ketensignaal.publicreports.texts import FormTexts, form_texts, languages


def _texts(request: HttpRequest) -> FormTexts:
    return form_texts(request.POST.get("taal") or request.GET.get("taal") or translation.get_language())


def _size(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


def _page(request: HttpRequest, template: str, texts: FormTexts, status: int = 200, **context: Any) -> HttpResponse:
    challenge = challenge_issue()
    context |= {
        "texts": texts,
        "languages": languages(),
        "challenge": challenge.token,
        "difficulty": challenge.difficulty,
        "path": request.path,
    }
    return render(request, template, context, status=status)


def _refused(form: Any, exc: DomainError) -> int:
    if isinstance(exc, ValidationFailed) and hasattr(form, "apply_invalid_params"):
        form.apply_invalid_params(exc.invalid_params, exc.detail)
    else:
        form.add_error(None, exc.detail)
    return exc.status


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    texts = _texts(request)
    with translation.override(texts.gettext_language):
        if request.method == "GET":
            form = PublicReportForm(texts=texts)
            return _page(request, "publicreports/report_form.html", texts, form=form)
        size = _size(request)
        form = PublicReportForm(request.POST, request.FILES, texts=texts)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            attachment = data.get("attachment")
            try:
                receipt = public_report_submit(
                    data=public_report_input(data, language=texts.code),
                    attachments=[attachment] if attachment else [],
                    challenge=request.POST.get("challenge", ""),
                    nonce=request.POST.get("nonce", ""),
                    address=_address(request),
                    size=size,
                    channel="web",
                )
            except DomainError as exc:
                status = _refused(form, exc)
            else:
                return _page(request, "publicreports/receipt.html", texts, status=201, receipt=receipt)
        else:
            attempt_invalid(kind=AttemptKind.REPORT, address=_address(request), size=size, channel="web")
        return _page(request, "publicreports/report_form.html", texts, status=status, form=form)


@require_http_methods(["GET", "POST"])
def addition_new(request: HttpRequest) -> HttpResponse:
    texts = _texts(request)
    with translation.override(texts.gettext_language):
        if request.method == "GET":
            form = PublicAdditionForm()
            return _page(request, "publicreports/addition_form.html", texts, form=form)
        form = PublicAdditionForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                public_addition_add(
                    receipt=data["receipt"],
                    text=data["text"],
                    challenge=request.POST.get("challenge", ""),
                    nonce=request.POST.get("nonce", ""),
                    address=_address(request),
                    size=_size(request),
                    channel="web",
                )
            except DomainError as exc:
                status = _refused(form, exc)
            else:
                return _page(request, "publicreports/addition_received.html", texts, status=201)
        else:
            attempt_invalid(kind=AttemptKind.ADDITION, address=_address(request), size=_size(request), channel="web")
        return _page(request, "publicreports/addition_form.html", texts, status=status, form=form)
