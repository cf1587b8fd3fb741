"""Web pages: candidates for a signal (link / reject / new person) and the person page with its timeline."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketensignaal.core.errors import DomainError
from ketensignaal.governance.sensitive import break_glass_gate
from ketensignaal.persons import selectors, services


@login_required
@require_http_methods(["GET"])
def signal_candidates(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    signal = selectors.signal_for_matching_or_error(request.user, pk)
    link = selectors.signal_person_link(user=request.user, signal=signal)
    linked_name = selectors.person_display_name(user=request.user, person=link.person) if link else ""
    candidates: list[Any] = []
    error = ""
    if link is None:
        try:
            _signal, candidates = selectors.signal_person_candidates(user=request.user, signal_id=pk)
        except DomainError as exc:
            error = exc.detail
    context = {"signal": signal, "link": link, "linked_name": linked_name, "candidates": candidates, "error": error}
    return render(request, "persons/signal_candidates.html", context)


@login_required
@require_POST
def signal_link(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person_id = request.POST.get("person") or None
    try:
        link = services.signal_link_person(
            actor=request.user,
            signal_id=pk,
            person_id=person_id,
            new=request.POST.get("new") == "1",
            justification=request.POST.get("justification", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("persons:signal_candidates", pk=pk)
    messages.success(request, _("Het signaal is aan de persoon gekoppeld."))
    return redirect("persons:person_detail", pk=link.person_id)


@login_required
@require_POST
def signal_reject(request: HttpRequest, pk: uuid.UUID, person_pk: uuid.UUID) -> HttpResponse:
    try:
        services.signal_candidate_reject(actor=request.user, signal_id=pk, person_id=person_pk)
        messages.success(request, _("De kandidaat is afgewezen; dat is vastgelegd."))
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("persons:signal_candidates", pk=pk)


@login_required
@require_http_methods(["GET"])
def person_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = selectors.person_get(user=request.user, person_id=pk)
    # A sensitive person record asks for a reason first (the read above is written only with a page that shows it).
    gate = break_glass_gate(request, object_type="person", object_id=person.pk)
    if gate is not None:
        return gate
    may_change = selectors.may_match(request.user)
    query = request.GET.get("zoek", "").strip()
    merge_choices = (
        selectors.merge_choices_search(user=request.user, person=person, query=query)
        if may_change and query and person.merged_into_id is None
        else []
    )
    return render(
        request,
        "persons/person_detail.html",
        {
            "person": person,
            "details": selectors.person_details(user=request.user, person=person),
            "may_change": may_change,
            "merge_query": query,
            "merge_choices": merge_choices,
            "merge_search_min": selectors.MERGE_SEARCH_MIN,
        },
    )


@login_required
@require_POST
def person_merge(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    try:
        services.person_merge(
            actor=request.user,
            person_id=pk,
            other_id=request.POST.get("other", "").strip(),
            justification=request.POST.get("justification", ""),
        )
        messages.success(request, _("De personen zijn samengevoegd."))
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("persons:person_detail", pk=pk)


@login_required
@require_POST
def person_unmerge(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    try:
        services.person_unmerge(actor=request.user, person_id=pk)
        messages.success(request, _("De samenvoeging is ongedaan gemaakt."))
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("persons:person_detail", pk=pk)
