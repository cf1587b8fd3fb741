"""HTTP API of the information-needs inventory (beyond API.md; listed in the closing note)."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.identity.models import Organisation, User
from ketensignaal.informationneeds import selectors, services
from ketensignaal.informationneeds.scopes import may_keep_inventory

TAGS = ["Informatiebehoeften"]


class NeedOut(kit.OutputSerializer):
    id = serializers.UUIDField(source="need.id")
    provider = serializers.CharField(source="need.provider.code")
    receiver = serializers.CharField(source="need.receiver.code")
    need = serializers.CharField(source="need.need")
    purpose = serializers.CharField(source="need.purpose")
    flow = serializers.CharField(source="need.flow_code", help_text="Code van de gegevensstroom; leeg als er geen is.")
    covered = serializers.BooleanField(help_text="Een geldige, vastgestelde gegevensstroom voorziet erin.")
    open_questions = serializers.CharField(source="need.open_questions")
    version = serializers.IntegerField(source="need.version")


class InformationNeedsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        provider = serializers.CharField(max_length=64, help_text="Code van de leverende organisatie.")
        receiver = serializers.CharField(max_length=64, help_text="Code van de ontvangende organisatie.")
        need = serializers.CharField()
        purpose = serializers.CharField()
        flow = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        open_questions = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(operation_id="information_needs_list", tags=TAGS, responses={200: NeedOut(many=True)})
    def get(self, request: Request) -> Response:
        user = cast(User, request.user)
        if not may_keep_inventory(user):
            raise Http404
        return Response(NeedOut(selectors.need_rows(user=user), many=True).data)

    @extend_schema(operation_id="information_needs_create", tags=TAGS, request=InputSerializer, responses={201: NeedOut})
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        data: dict[str, Any] = kit.validated(self.InputSerializer, request.data)
        need = services.need_create(
            actor=user,
            provider=Organisation.objects.filter(code=data["provider"]).first(),
            receiver=Organisation.objects.filter(code=data["receiver"]).first(),
            need=data["need"],
            purpose=data["purpose"],
            flow_code=data["flow"],
            open_questions=data["open_questions"],
            channel="api",
        )
        row = next(r for r in selectors.need_rows(user=user) if r.need.pk == need.pk)
        return Response(NeedOut(row).data, status=201)
