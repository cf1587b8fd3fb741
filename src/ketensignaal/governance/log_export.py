"""Export of the processing log in the fields of the Logius standard *Logboek Dataverwerkingen* (LDV).

One JSON object per line (``application/x-ndjson``), per logged processing:

- ``trace_id`` (16 bytes, hex), ``operation_id`` (8 bytes, hex; OpenTelemetry's span id) and
  ``parent_operation_id`` (optional), ``name`` (the operation: ``<object type>.<action>``), ``start_time`` and
  ``end_time`` (UTC, milliseconds; one moment, the log records steps, not durations), ``status_code``
  (``STATUS_CODE_OK``/``STATUS_CODE_ERROR``), ``resource.attributes`` (this system), and ``attributes`` with
  ``dpl.core.processing_activity_id`` — a URI to the activity's entry in the register of processing activities
  (AVG art. 30; the entry's ``activity`` is the register's code) — and ``dpl.core.data_subject_id``, the subject's
  keyed pseudonym (never the subject itself). Ketensignaal's own attributes (``dpl.ketensignaal.*``) carry the
  sequence and hash in the chain, the object, the action and the legal-basis flow version.

Only the privacy officer exports, the processing by their own organisation's units (as for the search), and the
export is itself logged. The entries of destroyed signals are exported like any other: the log survives
destruction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.forms import DutchDateField
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LogResult, ProcessingLogEntry
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.governance.selectors import privacy_officer_check
from ketensignaal.identity.models import Unit

MAX_DAYS = 366
CONTENT_TYPE = "application/x-ndjson"


def processing_activity_uri(code: str) -> str:
    """Where the register describes the activity (the privacy officer's register page for that code)."""
    return f"{settings.BASE_URL.rstrip('/')}/api/v1/processing-activities/{code}"


def _millis(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ldv_record(entry: ProcessingLogEntry) -> dict[str, Any]:
    """One log entry in the LDV field set."""
    moment = _millis(entry.occurred_at)
    attributes: dict[str, Any] = {
        "dpl.core.processing_activity_id": processing_activity_uri(entry.activity),
        "dpl.ketensignaal.sequence": entry.sequence,
        "dpl.ketensignaal.entry_hash": entry.entry_hash,
        "dpl.ketensignaal.action": entry.action,
        "dpl.ketensignaal.object_type": entry.object_type,
        "dpl.ketensignaal.object_id": entry.object_id,
    }
    if entry.data_subject_ref:
        attributes["dpl.core.data_subject_id"] = entry.data_subject_ref
    if entry.legal_basis:
        attributes["dpl.ketensignaal.legal_basis"] = entry.legal_basis
    record: dict[str, Any] = {
        "trace_id": entry.trace_id,
        "operation_id": entry.span_id,
        "name": f"{entry.object_type}.{entry.action}",
        "start_time": moment,
        "end_time": moment,
        "status_code": "STATUS_CODE_OK" if entry.result == LogResult.SUCCESS else "STATUS_CODE_ERROR",
        "resource": {"attributes": {"service.name": "ketensignaal"}},
        "attributes": attributes,
    }
    if entry.parent_span_id:
        record["parent_operation_id"] = entry.parent_span_id
    return record


def export_entries(*, user: Any, start: date, end: date) -> Any:
    """Entries processed by the officer's organisation's units, ``start``..``end`` inclusive (local dates)."""
    privacy_officer_check(user)
    units = list(Unit.objects.filter(organisation_id=user.unit.organisation_id).values_list("code", flat=True))
    lo = timezone.make_aware(datetime.combine(start, time.min))
    hi = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return ProcessingLogEntry.objects.filter(occurred_at__gte=lo, occurred_at__lt=hi, audit__actor_unit__in=units).order_by(
        "sequence"
    )


def export_lines(entries: Any) -> Iterator[str]:
    for entry in entries.iterator(chunk_size=5000):
        yield json.dumps(ldv_record(entry), ensure_ascii=False, separators=(",", ":")) + "\n"


def parse_period(raw_from: str | None, raw_to: str | None) -> tuple[date, date]:
    problems = []
    parsed: dict[str, date] = {}
    for name, raw in (("from", raw_from), ("to", raw_to)):
        try:
            parsed[name] = date.fromisoformat((raw or "").strip())
        except ValueError:
            problems.append({"name": name, "code": "invalid", "reason": gettext("Een datum als JJJJ-MM-DD.")})
    if not problems and parsed["to"] < parsed["from"]:
        problems.append({"name": "to", "code": "before_from", "reason": gettext("De einddatum ligt vóór de begindatum.")})
    if not problems and (parsed["to"] - parsed["from"]).days >= MAX_DAYS:
        problems.append(
            {
                "name": "to",
                "code": "too_long",
                "reason": gettext("Hoogstens %(days)s dagen per export.") % {"days": MAX_DAYS},
            }
        )
    if problems:
        raise ValidationFailed(gettext("Geef een periode (from, to)."), invalid_params=problems)
    return parsed["from"], parsed["to"]


@transaction.atomic
def export_record(*, user: Any, start: date, end: date, channel: str) -> None:
    """Exporting the log is itself processing: one entry naming the period."""
    processing_log_record(
        actor=user,
        channel=channel,
        items=[
            LogItem(
                activity=Activity.PRIVACY_OVERSIGHT,
                action="read",
                object_type="processing-log-export",
                object_id=f"{start.isoformat()}/{end.isoformat()}",
            )
        ],
    )


def export_response(*, user: Any, raw_from: str | None, raw_to: str | None, channel: str) -> StreamingHttpResponse:
    privacy_officer_check(user)
    start, end = parse_period(raw_from, raw_to)
    entries = export_entries(user=user, start=start, end=end)
    export_record(user=user, start=start, end=end, channel=channel)
    response = StreamingHttpResponse(export_lines(entries), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="verwerkingenlog-{start.isoformat()}-{end.isoformat()}.ndjson"'
    return response


class ProcessingLogExportApi(APIView):
    @extend_schema(
        operation_id="processing_log_export",
        tags=["verwerkingenlog"],
        summary="Export van het verwerkingenlog volgens Logboek Dataverwerkingen (privacyfunctionaris)",
        description=(
            "Eén JSON-object per regel (NDJSON) met de LDV-velden trace_id, operation_id, parent_operation_id, name, "
            "start_time, end_time, status_code, resource en attributes (dpl.core.processing_activity_id: URI naar het "
            "register; dpl.core.data_subject_id: pseudoniem). Alleen verwerkingen door eenheden van de eigen organisatie."
        ),
        parameters=[
            OpenApiParameter("from", str, required=True, description="Eerste dag (JJJJ-MM-DD)."),
            OpenApiParameter("to", str, required=True, description="Laatste dag (JJJJ-MM-DD), hoogstens 366 dagen later."),
        ],
        responses={
            (200, CONTENT_TYPE): OpenApiResponse(description="NDJSON, één verwerking per regel."),
            400: OpenApiResponse(description="problem+json"),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        return export_response(
            user=request.user, raw_from=request.query_params.get("from"), raw_to=request.query_params.get("to"), channel="api"
        )


class ExportForm(forms.Form):
    start = DutchDateField(label=gettext_lazy("Van"))
    end = DutchDateField(label=gettext_lazy("Tot en met"))


@login_required
@require_GET
def export_view(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The privacy officer's export screen: a period in, an NDJSON file in the LDV field set out."""
    try:
        privacy_officer_check(request.user)
    except NotAllowed as exc:
        raise Http404 from exc
    form = ExportForm(request.GET if request.GET else None)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        try:
            return export_response(user=request.user, raw_from=start.isoformat(), raw_to=end.isoformat(), channel="web-export")
        except ValidationFailed as error:
            for problem in error.invalid_params:
                form.add_error("end" if problem["name"] == "to" else "start", problem["reason"])
    return render(request, "governance/log_export.html", {"form": form}, status=400 if form.is_bound else 200)
