"""HTTP API of the chain figures (API.md "Figures and training"). Selectors and services hold every rule."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.reporting import selectors, services
from ketensignaal.reporting.api_common import TAGS, RangeIn, TableOut, query_valid
from ketensignaal.reporting.dashboard import TABLES, dashboard_table, request_parse
from ketensignaal.reporting.dashboard import Request as FiguresRequest
from ketensignaal.reporting.lead_times import lead_time_rows, lead_time_rule
from ketensignaal.reporting.models import CaseType

RANGE_PARAMETERS = [
    OpenApiParameter("from", str, description="Begindatum (JJJJ-MM-DD); standaard twaalf maanden terug"),
    OpenApiParameter("to", str, description="Einddatum (JJJJ-MM-DD), inclusief; standaard vandaag"),
    OpenApiParameter("period", str, enum=["month", "four-month", "year"]),
    OpenApiParameter("audience", str, enum=["internal", "external"], description="external past onthullingsbeheersing toe"),
    OpenApiParameter("threshold", int, description="Drempel voor kleine aantallen bij external; standaard 10, minstens 1"),
]


class FiguresIn(RangeIn):
    audience = serializers.ChoiceField(choices=["internal", "external"], required=False, default="internal")
    threshold = serializers.IntegerField(required=False, min_value=1)


def _parsed(data: dict[str, Any]) -> FiguresRequest:
    params = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    return request_parse(params)


class TableMeta(serializers.Serializer):
    scope = serializers.ChoiceField(choices=["chain", "unit"], help_text="chain: de hele keten; unit: wat uw eenheid mag zien.")
    period = serializers.CharField()
    to = serializers.DateField()

    def get_fields(self) -> dict[str, serializers.Field]:
        return {"from": serializers.DateField(), **super().get_fields()}


def _table_body(request: Request, name: str, parsed: FiguresRequest) -> dict[str, Any]:
    scope = selectors.figures_scope(request.user)
    table = dashboard_table(user=request.user, name=name, request=parsed)
    rng = parsed.rng
    return {**table.as_dict(), "scope": scope, "period": rng.grain, "from": rng.start, "to": rng.end}


class SignalFiguresApi(APIView):
    class InputSerializer(FiguresIn):
        by = serializers.ChoiceField(choices=list(selectors.DIMENSIONS), required=False, default="category")

    class OutputSerializer(TableOut, TableMeta):
        by = serializers.CharField()

    @extend_schema(
        operation_id="figures_signals_read",
        tags=TAGS,
        summary="Aantallen signalen per periode en indeling",
        parameters=[*RANGE_PARAMETERS, OpenApiParameter("by", str, enum=list(selectors.DIMENSIONS))],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        parsed = _parsed(query_valid(self.InputSerializer, request))
        body = {**_table_body(request, "signals", parsed), "by": parsed.by}
        return Response(self.OutputSerializer(body).data)


class FigureTableApi(APIView):
    """The dashboard's other tables: outcomes, LRO follow-ups, LIV requests and non-acceptance criteria."""

    class InputSerializer(FiguresIn):
        pass

    class OutputSerializer(TableOut, TableMeta):
        table = serializers.CharField()

    @extend_schema(
        operation_id="figures_table_read",
        tags=TAGS,
        summary="Eén tabel van het ketendashboard",
        parameters=RANGE_PARAMETERS,
        responses={200: OutputSerializer},
    )
    def get(self, request: Request, table: str) -> Response:
        if table not in TABLES or table == "signals":
            from django.http import Http404

            raise Http404
        parsed = _parsed(query_valid(self.InputSerializer, request))
        return Response(self.OutputSerializer({**_table_body(request, table, parsed), "table": table}).data)


class LeadTimesApi(APIView):
    class InputSerializer(FiguresIn):
        pass

    class RowOut(serializers.Serializer):
        unit = serializers.CharField()
        label = serializers.CharField()  # type: ignore[assignment]  # the JSON key is "label"
        hops = serializers.IntegerField(allow_null=True)
        finished = serializers.IntegerField(allow_null=True)
        median_days = serializers.FloatField(allow_null=True, help_text="Mediaan in werkdagen (afgeronde schakels).")
        p90_days = serializers.FloatField(allow_null=True, help_text="90e percentiel in werkdagen.")
        within_deadline = serializers.IntegerField(allow_null=True)
        within_deadline_share = serializers.FloatField(allow_null=True, help_text="Aandeel afgeronde schakels binnen termijn.")
        service_level_days = serializers.IntegerField()
        suppressed = serializers.BooleanField()

    class OutputSerializer(TableMeta):
        rows = serializers.ListField(child=serializers.DictField())
        rule = serializers.CharField()
        audience = serializers.CharField()

    @extend_schema(
        operation_id="figures_lead_times_read",
        tags=TAGS,
        summary="Doorlooptijd per schakel: mediaan, 90e percentiel en termijntrouw",
        parameters=RANGE_PARAMETERS,
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        parsed = _parsed(query_valid(self.InputSerializer, request))
        scope = selectors.figures_scope(request.user)
        rows = lead_time_rows(user=request.user, rng=parsed.rng, disclosure=parsed.disclosure)
        body = {
            "scope": scope,
            "period": parsed.rng.grain,
            "from": parsed.rng.start,
            "to": parsed.rng.end,
            "rows": [self.RowOut(r.as_dict()).data for r in rows],
            "rule": lead_time_rule(parsed.disclosure),
            "audience": parsed.disclosure.audience,
        }
        return Response(self.OutputSerializer(body).data)


class NarrativeOut(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField()
    case_type = serializers.CharField()
    went_well = serializers.CharField(allow_blank=True)
    got_stuck = serializers.CharField(allow_blank=True)
    examples = serializers.CharField(allow_blank=True)
    leaves_chain = serializers.BooleanField()
    unit = serializers.CharField(source="unit.code")
    written_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class NarrativesApi(APIView):
    class FilterSerializer(serializers.Serializer):
        period = serializers.CharField(required=False)

    class InputSerializer(serializers.Serializer):
        period = serializers.CharField(help_text="2026-T1 (vier maanden), 2026-03 of 2026")
        case_type = serializers.ChoiceField(choices=CaseType.choices)
        went_well = serializers.CharField(required=False, allow_blank=True, default="")
        got_stuck = serializers.CharField(required=False, allow_blank=True, default="")
        examples = serializers.CharField(required=False, allow_blank=True, default="")
        leaves_chain = serializers.BooleanField(required=False, default=False)
        confirm_no_personal_data = serializers.BooleanField(required=False, default=False)

        def to_internal_value(self, data: Any) -> Any:
            unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
            if unknown:
                raise serializers.ValidationError({name: ["Onbekend veld."] for name in unknown})
            return super().to_internal_value(data)

    class OutputSerializer(NarrativeOut):
        pass

    @extend_schema(
        operation_id="figures_narratives_list",
        tags=TAGS,
        summary="Toelichtingen bij de cijfers",
        parameters=[OpenApiParameter("period", str)],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        data = query_valid(self.FilterSerializer, request)
        keys = [data["period"]] if data.get("period") else []
        rows = (
            selectors.narratives_for_periods(user=request.user, keys=keys)
            if keys
            else selectors.narratives_all(user=request.user)
        )
        return Response(self.OutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="figures_narratives_write",
        tags=TAGS,
        summary="Toelichting per periode en soort zaak schrijven (coördinerende eenheid)",
        request=InputSerializer,
        responses={201: OutputSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        narrative = services.narrative_write(actor=request.user, **serializer.validated_data)
        return Response(self.OutputSerializer(narrative).data, status=201)
