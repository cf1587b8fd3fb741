"""The privacy officer's page: search the processing log by person or signal, export as CSV (itself logged)."""

from __future__ import annotations

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ketensignaal.core.errors import NotAllowed
from ketensignaal.governance.selectors import LogQuery, privacy_officer_check, processing_log_entries, processing_log_rows
from ketensignaal.governance.services import processing_log_inspection_record

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
    person = forms.CharField(label=_("Persoon (id)"), required=False, max_length=64)
    signal = forms.CharField(label=_("Signaal (id of kenmerk, bijv. KS-2026-000123)"), required=False, max_length=64)

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
    if form.is_bound and form.is_valid():
        searched = True
        person, signal = form.cleaned_data["person"].strip(), form.cleaned_data["signal"].strip()
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
    return render(
        request,
        "governance/processing_log.html",
        {"form": form, "rows": rows, "searched": searched, "limit": PAGE_ROWS, "query_string": request.GET.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )
