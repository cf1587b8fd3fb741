"""The privacy officer's page: search the processing log by person or signal, export as CSV (itself logged)."""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ketensignaal.core.errors import NotAllowed
from ketensignaal.core.ids import is_uuid
from ketensignaal.governance.selectors import LogQuery, privacy_officer_check, processing_log_entries, processing_log_rows
from ketensignaal.governance.services import processing_log_inspection_record
from ketensignaal.governance.subjects import persons_find

PAGE_ROWS = 500
CSV_COLUMNS = (
    "sequence",
    "occurred_at",
    "actor",
    "actor_unit",
    "channel",
    "activity",
    "action",
    "object_type",
    "object_id",
    "legal_basis",
    "result",
    "trace_id",
)


class LogSearchForm(forms.Form):
    person = forms.CharField(
        label=_("Persoon"),
        help_text=_("Naam (of een deel ervan) of V-nummer."),
        required=False,
        max_length=200,
    )
    signal = forms.CharField(label=_("Signaal (kenmerk, bijv. KS-2026-000123)"), required=False, max_length=64)

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if not (data.get("person") or data.get("signal")):
            raise forms.ValidationError(_("Vul een persoon of een signaal in."))
        return data


def _signal_kind(value: str) -> str:
    return "signal-reference" if value.upper().startswith("KS-") else "signal"


@login_required
@require_GET
def processing_log_view(request: HttpRequest) -> HttpResponse:
    try:
        privacy_officer_check(request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.detail) from exc
    form = LogSearchForm(request.GET if request.GET else None)
    rows = []
    searched = False
    choices: list[tuple[str, str]] = []
    not_found = ""
    if form.is_bound and form.is_valid():
        searched = True
        person, signal = form.cleaned_data["person"].strip(), form.cleaned_data["signal"].strip()
        if person and not is_uuid(person):
            # A name or V-number: the person it names (within need to know), never an id to type over.
            choices = persons_find(request.user, person)
            if len(choices) == 1:
                person = choices[0][0]
                choices = []
            elif not choices:
                not_found, person = person, ""
                if not signal:
                    return _render_log(request, form, rows=[], searched=True, not_found=not_found)
            else:
                return _render_log(request, form, rows=[], searched=False, choices=choices)
        query = LogQuery(person=person, signal=signal)
        entries = processing_log_entries(user=request.user, query=query, signal_kind=_signal_kind(signal))
        rows = processing_log_rows(entries, limit=None if request.GET.get("export") == "csv" else PAGE_ROWS)
        if request.GET.get("export") == "csv":
            processing_log_inspection_record(user=request.user, query=query, action="read", channel="web-export", count=len(rows))
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="verwerkingenlog.csv"'
            writer = csv.writer(response)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow([getattr(row, c).isoformat() if c == "occurred_at" else getattr(row, c) for c in CSV_COLUMNS])
            return response
        processing_log_inspection_record(user=request.user, query=query, action="read", channel="web", count=len(rows))
    return _render_log(request, form, rows=rows, searched=searched, not_found=not_found)


def _render_log(
    request: HttpRequest,
    form: LogSearchForm,
    *,
    rows: list[Any],
    searched: bool,
    not_found: str = "",
    choices: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    query = request.GET.copy()
    query.pop("person", None)
    return render(
        request,
        "governance/processing_log.html",
        {
            "form": form,
            "rows": rows,
            "searched": searched,
            "not_found": not_found,
            "choices": choices or [],
            "choice_query": query.urlencode(),
            "limit": PAGE_ROWS,
            "query_string": request.GET.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
