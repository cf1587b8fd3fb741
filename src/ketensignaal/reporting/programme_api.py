"""HTTP API of the action programme's progress reports (beyond API.md: ``programme-measures``, ``progress-reports``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.serializers import READER_LANGUAGE, InputSerializer, OutputSerializer, validated
from ketensignaal.reporting import programme
from ketensignaal.reporting.api_common import TAGS
from ketensignaal.reporting.models import ProgressStatus
from ketensignaal.reporting.programme_data import THEMES

PROBLEM = OpenApiResponse(description="problem+json; invalid_params noemt elk veld; er is niets opgeslagen.")


class ProgrammeMeasureOut(OutputSerializer):
    number = serializers.IntegerField()
    theme = serializers.ChoiceField(choices=list(THEMES))
    theme_label = serializers.CharField(
        help_text="De naam van het thema in de taal van de lezer (Accept-Language): Nederlands, of Engels (`en`)."
    )
    title = serializers.CharField()
    responsible = serializers.CharField(help_text="Verantwoordelijke organisatie.")
    responsible_named_in_source = serializers.BooleanField(
        help_text="true: de bron (seed 004) noemt deze organisatie; false: een aanname van de coördinerende eenheid."
    )
    examined_by_inspectorate = serializers.BooleanField()
    source_note = serializers.CharField(allow_blank=True)


class ProgrammeMeasuresApi(APIView):
    class OutputSerializer(ProgrammeMeasureOut):
        pass

    @extend_schema(
        operation_id="programme_measures_list",
        tags=TAGS,
        summary="De 38 maatregelen van het actieprogramma met hun verantwoordelijke organisatie",
        parameters=[READER_LANGUAGE],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(programme.measures_all(user=request.user), many=True).data)


class ProgressEntryOut(OutputSerializer):
    measure = serializers.IntegerField(source="measure.number")
    title = serializers.CharField(source="measure.title")
    responsible = serializers.CharField(source="measure.responsible")
    status = serializers.CharField(
        allow_blank=True, help_text="implemented, applied, not-implemented; leeg: nog niet beoordeeld."
    )
    status_label = serializers.CharField()
    narrative = serializers.CharField(allow_blank=True)


class ProgressReportSummaryOut(OutputSerializer):
    period = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
    version = serializers.IntegerField()
    unit = serializers.CharField()
    updated_at = serializers.DateTimeField()


def _summary(report: Any) -> dict[str, Any]:
    return {
        "period": report.period,
        "label": programme.period_label(report.period),
        "version": report.version,
        "unit": report.unit.code,
        "updated_at": report.updated_at,
    }


class ProgressReportOut(OutputSerializer):
    period = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
    summary = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(allow_null=True, help_text="null: nog niets vastgelegd over deze periode.")
    complete = serializers.BooleanField(help_text="true als elke maatregel een stand van zaken heeft.")
    entries = ProgressEntryOut(many=True)


def _report_body(page: programme.ReportPage) -> dict[str, Any]:
    return {
        "period": page.period,
        "label": page.label,
        "summary": page.report.summary if page.report else "",
        "version": page.report.version if page.report else None,
        "complete": page.complete,
        "entries": page.rows,
    }


def _page(request: Request, period: str) -> programme.ReportPage:
    try:
        return programme.report_page(user=request.user, period=period)
    except ValidationFailed as exc:
        raise Http404(exc.detail) from exc


class ProgressReportsApi(APIView):
    class OutputSerializer(ProgressReportSummaryOut):
        pass

    @extend_schema(
        operation_id="progress_reports_list",
        tags=TAGS,
        summary="Voortgangsrapportages over het actieprogramma (per vier maanden)",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        reports = programme.reports_all(user=request.user)
        return Response(self.OutputSerializer([_summary(r) for r in reports], many=True).data)


class ProgressEntryIn(InputSerializer):
    measure = serializers.IntegerField(min_value=1, max_value=999, help_text="Nummer van de maatregel (1–38).")
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    narrative = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ProgressReportApi(APIView):
    class InputSerializer(InputSerializer):
        summary = serializers.CharField(
            required=False, allow_blank=True, allow_null=True, default=None, max_length=4000, help_text="Weglaten: ongewijzigd."
        )
        entries = ProgressEntryIn(many=True, required=False, default=list, max_length=100)  # type: ignore[call-arg]
        confirm_no_personal_data = serializers.BooleanField(required=False, default=False)
        version = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="De versie die u las; bij een nieuwere: 409."
        )

    class OutputSerializer(ProgressReportOut):
        pass

    @extend_schema(
        operation_id="progress_reports_read",
        tags=TAGS,
        summary="Stand van zaken per maatregel over een periode (2026-T1 … 2026-T3)",
        responses={200: OutputSerializer, 404: PROBLEM},
    )
    def get(self, request: Request, period: str) -> Response:
        return Response(self.OutputSerializer(_report_body(_page(request, period))).data)

    @extend_schema(
        operation_id="progress_reports_write",
        tags=TAGS,
        summary="Voortgang over een periode vastleggen (coördinerende eenheid); maatregelen die ontbreken houden hun stand",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    def put(self, request: Request, period: str) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=lambda: _page(request, period))
        _page(request, period)
        entries = [dict(entry) for entry in data["entries"]]
        programme.report_write(
            actor=request.user,
            period=period,
            summary=data["summary"],
            entries=entries,
            confirm_no_personal_data=data["confirm_no_personal_data"],
            expected_version=data["version"],
            channel="api",
        )
        return Response(self.OutputSerializer(_report_body(_page(request, period))).data)


class ProgressReportPdfApi(APIView):
    @extend_schema(
        operation_id="progress_reports_pdf",
        tags=TAGS,
        summary="Voortgangsrapportage over een periode (PDF/UA)",
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF"), 404: PROBLEM},
    )
    def get(self, request: Request, period: str) -> HttpResponse:
        page = _page(request, period)
        if page.report is None:
            raise Http404(gettext("Er is nog geen voortgangsrapportage over deze periode; er is geen PDF gemaakt."))
        response = HttpResponse(programme.report_pdf(page), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="voortgangsrapportage-{period}.pdf"'
        return response
