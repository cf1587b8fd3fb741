"""``POST /api/v1/break-glass``: the reason for opening a sensitive file, given over the API."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.governance.sensitive import REASON_VALID_FOR, break_glass_record

PROBLEM = OpenApiResponse(description="problem+json")


class BreakGlassApi(APIView):
    class InputSerializer(kit.InputSerializer):
        object_type = serializers.ChoiceField(choices=["person", "conference-case"])
        object_id = serializers.UUIDField()
        reason = serializers.CharField(allow_blank=True, help_text="Waarom u het gevoelige dossier nu opent.")

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.IntegerField()
        at = serializers.DateTimeField()
        valid_hours = serializers.IntegerField(help_text="Zo lang geldt de reden voor u en dit dossier.")

    @extend_schema(
        operation_id="break_glass_create",
        tags=["verwerkingenlog"],
        summary="Reden van inzage van een gevoelig dossier (komt bij de privacyfunctionaris)",
        request=InputSerializer,
        responses={201: OutputSerializer, 400: PROBLEM, 404: PROBLEM},
    )
    def post(self, request: Request) -> Response:
        data = kit.validated(self.InputSerializer, request.data)
        access = break_glass_record(
            actor=request.user, object_type=data["object_type"], object_id=data["object_id"], reason=data["reason"], channel="api"
        )
        return Response(
            self.OutputSerializer(
                {"id": access.pk, "at": access.at, "valid_hours": int(REASON_VALID_FOR.total_seconds() // 3600)}
            ).data,
            status=201,
        )
