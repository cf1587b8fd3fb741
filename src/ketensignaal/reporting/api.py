"""HTTP API of the chain figures (API.md "Figures and training"). Selectors hold every rule."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.reporting import selectors
from ketensignaal.reporting.api_common import TAGS, RangeIn, TableOut, query_valid
from ketensignaal.reporting.periods import range_parse
from ketensignaal.reporting.tables import disclosure_parse, table_publish


def _range(data: dict[str, Any]) -> Any:
    start, end = data.get("from"), data.get("to")
    return range_parse(start=start.isoformat() if start else None, end=end.isoformat() if end else None, grain=data.get("period"))


class SignalFiguresApi(APIView):
    class InputSerializer(RangeIn):
        by = serializers.ChoiceField(choices=list(selectors.DIMENSIONS), required=False, default="category")
        audience = serializers.ChoiceField(choices=["internal", "external"], required=False, default="internal")
        threshold = serializers.IntegerField(
            required=False, min_value=1, help_text="Drempel voor kleine aantallen bij audience=external; standaard 10."
        )

    class OutputSerializer(TableOut):
        by = serializers.CharField()
        scope = serializers.ChoiceField(
            choices=["chain", "unit"], help_text="chain: de hele keten; unit: wat uw eenheid mag zien."
        )
        period = serializers.CharField()
        to = serializers.DateField()

        def get_fields(self) -> dict[str, serializers.Field]:
            return {"from": serializers.DateField(), **super().get_fields()}

    @extend_schema(
        operation_id="figures_signals_read",
        tags=TAGS,
        summary="Aantallen signalen per periode en indeling",
        parameters=[
            OpenApiParameter("from", str, description="Begindatum (JJJJ-MM-DD)"),
            OpenApiParameter("to", str, description="Einddatum (JJJJ-MM-DD)"),
            OpenApiParameter("by", str, enum=list(selectors.DIMENSIONS)),
            OpenApiParameter("audience", str, enum=["internal", "external"]),
            OpenApiParameter("threshold", int),
            OpenApiParameter("period", str, enum=["month", "four-month", "year"]),
        ],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        data = query_valid(self.InputSerializer, request)
        rng = _range(data)
        disclosure = disclosure_parse(audience=data.get("audience"), threshold=data.get("threshold"))
        scope = selectors.figures_scope(request.user)
        table = table_publish(selectors.signal_volumes(user=request.user, rng=rng, by=data["by"]), disclosure)
        body = {**table.as_dict(), "by": data["by"], "scope": scope, "period": rng.grain, "from": rng.start, "to": rng.end}
        return Response(self.OutputSerializer(body).data)
