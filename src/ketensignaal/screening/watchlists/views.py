"""Web pages of watch lists (Dutch first, htmx): lists and imports for the functional admin, one-person checks
and hit decisions for screeners."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.intake.models import Touchpoint
from ketensignaal.persons.selectors import person_display_name
from ketensignaal.screening.models import HitDecision
from ketensignaal.screening.scopes import may_manage_watch_lists, may_screen
from ketensignaal.screening.selectors import person_for_screening
from ketensignaal.screening.watchlists import selectors, services
from ketensignaal.screening.watchlists.api import HIT_NOTICE


def _list_flows(user: Any) -> list[LegalBasisFlow]:
    return [
        f
        for f in LegalBasisFlow.objects.filter(from_organisation_id=user.unit.organisation_id, is_current=True).order_by("code")
        if services.LIST_DATA_CATEGORY in f.data_categories
    ]


@login_required
@require_http_methods(["GET", "POST"])
def watch_lists(request: HttpRequest) -> HttpResponse:
    if not (may_manage_watch_lists(request.user) or may_screen(request.user)):
        raise PermissionDenied
    error = ""
    if request.method == "POST":

        def create() -> str:
            created = services.watch_list_create(
                actor=request.user, name=request.POST.get("name", ""), flow=request.POST.get("flow", "")
            )
            return reverse("screening:watch_list", kwargs={"pk": created.pk})

        try:
            return redirect(form_tokens.send_once(request, create, done=_("De lijst is aangemaakt. Importeer nu een versie.")))
        except DomainError as exc:
            error = exc.detail
    context = {
        "lists": selectors.watch_lists(user=request.user),
        "may_manage": may_manage_watch_lists(request.user),
        "flows": _list_flows(request.user) if getattr(request.user, "unit_id", None) else [],
        "error": error,
        "form_token": form_tokens.token_of(request),
    }
    return render(request, "screening/watch_lists.html", context, status=400 if error else 200)


def _detail_context(request: HttpRequest, pk: uuid.UUID) -> dict[str, Any]:
    watch_list = selectors.watch_list_get(user=request.user, watch_list_id=pk)
    return {
        "watch_list": watch_list,
        "versions": selectors.watch_list_versions(user=request.user, watch_list=watch_list),
        "may_manage": may_manage_watch_lists(request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def watch_list_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    context = _detail_context(request, pk)
    if request.method == "POST":
        upload = request.FILES.get("file")
        imported: list[Any] = []

        def run() -> None:
            if upload is None:
                raise DomainError(_("Kies een bestand (FtM JSON lines of CSV)."))
            content, filename = upload.read(), upload.name or ""
            imported.append(services.watch_list_import(actor=request.user, watch_list_id=pk, content=content, filename=filename))

        try:
            # The same file sent twice (a double click, the back button) must not become two versions. The import
            # commits in batches (its progress shows while it runs), so the token is claimed before it starts.
            first = form_tokens.submit_once_in_steps(
                user=request.user,
                token=request.POST.get(form_tokens.FIELD, ""),
                result_url=reverse("screening:watch_list", kwargs={"pk": pk}),
                run=run,
            )
        except DomainError as exc:
            context = _detail_context(request, pk)
            context["error"] = exc.detail
            context["line_errors"] = [p["reason"] for p in exc.invalid_params if p.get("line") is not None]
            context["form_token"] = form_tokens.token_of(request)
            return render(request, "screening/watch_list.html", context, status=400)
        if first:
            version = imported[0]
            messages.success(
                request,
                _("Versie %(v)s geïmporteerd: %(n)s personen, %(s)s overgeslagen (geen persoon).")
                % {"v": version.version, "n": version.entries_count, "s": version.skipped_count},
            )
        else:
            messages.info(request, _("Dit bestand was al verstuurd; er is geen tweede versie geïmporteerd."))
        return redirect("screening:watch_list", pk=pk)
    context["form_token"] = form_tokens.form_token()
    return render(request, "screening/watch_list.html", context)


@login_required
@require_http_methods(["GET"])
def watch_list_progress(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """htmx: the versions table, polled while an import runs."""
    return render(request, "screening/_versions.html", _detail_context(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def person_check(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = person_for_screening(request.user, pk)
    error, problems = "", {}
    if request.method == "POST":

        def check() -> str:
            done = services.watch_list_check(
                actor=request.user,
                person_id=person.pk,
                watch_list_id=request.POST.get("watch_list", ""),
                step=request.POST.get("step", ""),
                justification=request.POST.get("justification", ""),
            )
            return reverse("screening:watch_list_check", kwargs={"pk": done.pk})

        try:
            # A check is logged processing of a person: a repeated send must not check (and log) them twice.
            url, first = form_tokens.submit_once(user=request.user, token=request.POST.get(form_tokens.FIELD, ""), run=check)
            if not first:
                messages.info(request, _("Dit formulier was al verstuurd; er is niets dubbel geregistreerd."))
            return redirect(url)
        except DomainError as exc:
            error = exc.detail
            problems = {p["name"]: p["reason"] for p in exc.invalid_params}
    context = {
        "person": person,
        "person_name": person_display_name(user=request.user, person=person),
        "lists": [wl for wl in selectors.watch_lists(user=request.user) if wl.current_version_id],
        "touchpoints": Touchpoint.objects.order_by("position"),
        "posted": request.POST,
        "error": error,
        "problems": problems,
        "form_token": form_tokens.token_of(request),
    }
    return render(request, "screening/person_check.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET"])
def check_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    check = selectors.watch_list_check_get(user=request.user, check_id=pk)
    context = {
        "check": check,
        "person_name": person_display_name(user=request.user, person=check.person),
        "decisions": HitDecision.choices,
        "notice": HIT_NOTICE,
        "may_decide": may_screen(request.user),
    }
    return render(request, "screening/check_detail.html", context)


@login_required
@require_POST
def hit_decide(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    hit = selectors.watch_list_hit_get(user=request.user, hit_id=pk)
    error = ""
    try:
        hit = services.watch_list_hit_decide(
            actor=request.user, hit_id=pk, decision=request.POST.get("decision", ""), note=request.POST.get("note", "")
        )
    except DomainError as exc:
        error = exc.detail
    hit = selectors.watch_list_hit_get(user=request.user, hit_id=pk)
    context = {"hit": hit, "decisions": HitDecision.choices, "may_decide": may_screen(request.user), "error": error}
    if request.headers.get("HX-Request"):
        return render(request, "screening/_hit.html", context, status=200)
    if error:
        messages.error(request, error)
    return redirect("screening:watch_list_check", pk=hit.watch_check_id)
