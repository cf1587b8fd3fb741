"""Screens of the information-needs inventory (privacy officers and functional administrators)."""

from __future__ import annotations

import uuid
from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.identity.models import User
from ketensignaal.informationneeds import selectors, services
from ketensignaal.informationneeds.forms import NeedForm
from ketensignaal.informationneeds.scopes import may_keep_inventory


def _me(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not may_keep_inventory(user):
        raise Http404
    return user


@login_required
@require_GET
def need_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.need_rows(user=_me(request))
    gaps = [r for r in rows if not r.covered]
    return render(request, "informationneeds/list.html", {"rows": rows, "gaps": gaps})


@login_required
@require_http_methods(["GET", "POST"])
def need_new(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            need = services.need_create(actor=me, channel="web", **form.cleaned_data)
            return reverse("informationneeds:detail", kwargs={"pk": need.pk})

        try:
            url = form_tokens.send_once(request, create, done=_("De informatiebehoefte is vastgelegd."))
        except DomainError as exc:
            form.apply_invalid_params(getattr(exc, "invalid_params", []), exc.detail)
        else:
            return redirect(url)
    context = {"form": form, "need": None, "form_token": form_tokens.token_of(request)}
    return render(request, "informationneeds/form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def need_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    me = _me(request)
    need = selectors.need_get(user=me, need_id=pk)
    rows = {r.need.pk: r for r in selectors.need_rows(user=me)}
    current = next((r for r in rows.values() if r.need.key == need.key), None)
    return render(
        request,
        "informationneeds/detail.html",
        {"need": need, "row": current, "history": selectors.need_history(user=me, need=need)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    me = _me(request)
    need = selectors.need_get(user=me, need_id=pk)
    if not need.is_current and request.method != "POST":
        raise Http404  # a POST goes on: its repeat is shown the first send's result, a stale one the service's refusal
    initial = {
        "provider": need.provider_id,
        "receiver": need.receiver_id,
        "need": need.need,
        "purpose": need.purpose,
        "flow_code": need.flow_code,
        "open_questions": need.open_questions,
    }
    form = NeedForm(request.POST or None, initial=initial, new=False)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("change_note", "")

        def version() -> str:
            new = services.need_new_version(actor=me, current=need, change_note=note, channel="web", **data)
            return reverse("informationneeds:detail", kwargs={"pk": new.pk})

        try:
            url = form_tokens.send_once(request, version, done=_("De nieuwe versie is vastgelegd."))
        except DomainError as exc:
            form.apply_invalid_params(getattr(exc, "invalid_params", []), exc.detail)
        else:
            return redirect(url)
    context = {"form": form, "need": need, "form_token": form_tokens.token_of(request)}
    return render(request, "informationneeds/form.html", context, status=400 if request.method == "POST" else 200)
