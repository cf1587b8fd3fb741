"""``GET /api/v1/processing-log``: who processed a person's data, when, why and under which basis."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.governance.selectors import LogQuery, privacy_officer_check, processing_log_entries, processing_log_rows
from ketensignaal.governance.services import processing_log_inspection_record

MAX_ROWS = 1000


class ProcessingLogView(APIView):
    class OutputSerializer(kit.OutputSerializer):
        class RowSerializer(kit.OutputSerializer):
            sequence = serializers.IntegerField(help_text="Volgnummer in de hashketen.")
            occurred_at = serializers.DateTimeField(help_text="Tijdstip (UTC).")
            actor = serializers.CharField(help_text="Wie verwerkte (uit het auditrecord).")
            actor_unit = serializers.CharField()
            channel = serializers.CharField()
            activity = serializers.CharField(help_text="Verwerkingsactiviteit uit het register.")
            action = serializers.ChoiceField(choices=["read", "create", "update", "disclose", "delete"])
            object_type = serializers.CharField()
            object_id = serializers.CharField()
            legal_basis = serializers.CharField(help_text="Versie van de gegevensstroom (grondslag), bijv. ind-politie@v1.")
            result = serializers.CharField()
            trace_id = serializers.CharField()

        count = serializers.IntegerField()
        results = RowSerializer(many=True)

    @extend_schema(
        operation_id="processing_log_list",
        tags=["verwerkingenlog"],
        summary="Verwerkingen van een persoon of signaal (alleen privacyfunctionaris)",
        parameters=[
            OpenApiParameter("person", str, description="Id van een persoon; omvat de gekoppelde signalen."),
            OpenApiParameter("signal", str, description="Id van een signaal."),
        ],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        privacy_officer_check(request.user)
        query = LogQuery(
            person=request.query_params.get("person", "").strip(), signal=request.query_params.get("signal", "").strip()
        )
        if query.is_empty:
            raise ValidationFailed(
                gettext("Geef een persoon of signaal op."),
                invalid_params=[{"name": "person", "code": "required", "reason": gettext("Geef ?person=<id> of ?signal=<id>.")}],
            )
        rows = processing_log_rows(processing_log_entries(user=request.user, query=query), limit=MAX_ROWS)
        processing_log_inspection_record(user=request.user, query=query, channel="api", count=len(rows))
        data: dict[str, Any] = {"count": len(rows), "results": [row.__dict__ for row in rows]}
        return Response(self.OutputSerializer(data).data)
