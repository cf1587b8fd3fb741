"""HTTP API of inbound intelligence and briefings (API.md "Public reporting, inbound intelligence, notifications")."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.disclosures.services import ambtsbericht_refuse_sources
from ketensignaal.identity.models import User
from ketensignaal.intelligence import selectors, services
from ketensignaal.intelligence.models import FollowUpDecision, InboundKind, InspectionOutcome, IssuingService
from ketensignaal.intelligence.scopes import may_see_inbound

TAGS = ["Inkomende inlichtingen"]
CHANNEL = "api"


def _me(request: Request) -> User:
    return cast(User, request.user)


class FollowUpOut(kit.OutputSerializer):
    decision = serializers.ChoiceField(choices=FollowUpDecision.choices)
    owner = serializers.CharField(source="owner.code")
    note = serializers.CharField()
    decided_at = serializers.DateTimeField()


class InboundOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=InboundKind.choices)
    service = serializers.ChoiceField(choices=IssuingService.choices)
    dated = serializers.DateField()
    subject = serializers.CharField()
    summary = serializers.CharField()
    content = serializers.CharField()
    received_at = serializers.DateTimeField()
    follow_up = serializers.SerializerMethodField()

    def get_follow_up(self, obj: Any) -> dict[str, Any] | None:
        follow_up = getattr(obj, "follow_up", None) if hasattr(obj, "follow_up") else None
        return dict(FollowUpOut(follow_up).data) if follow_up is not None else None


class InboundMessagesApi(APIView):
    class InputSerializer(kit.InputSerializer):
        kind = serializers.ChoiceField(choices=InboundKind.choices)
        service = serializers.ChoiceField(choices=IssuingService.choices)
        dated = serializers.DateField()
        subject = serializers.CharField(max_length=300)
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        content = serializers.CharField(help_text="Zonder bronnen: velden voor bronnen worden geweigerd.")

    @extend_schema(operation_id="inbound_messages_list", tags=TAGS, responses={200: paginated(InboundOut)})
    def get(self, request: Request) -> Response:
        if not may_see_inbound(_me(request)):
            raise Http404
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.inbound_list(user=_me(request)), request, view=self)
        return paginator.get_paginated_response(InboundOut(page, many=True).data)

    @extend_schema(operation_id="inbound_messages_create", tags=TAGS, request=InputSerializer, responses={201: InboundOut})
    def post(self, request: Request) -> Response:
        if isinstance(request.data, dict):
            ambtsbericht_refuse_sources(request.data.keys())
        data = kit.validated(self.InputSerializer, request.data)
        message = services.inbound_register(actor=_me(request), channel=CHANNEL, **data)
        return Response(InboundOut(message).data, status=201)


class InboundFollowUpApi(APIView):
    class InputSerializer(kit.InputSerializer):
        decision = serializers.ChoiceField(choices=FollowUpDecision.choices)
        owner = serializers.CharField(max_length=100, help_text="Code van de eenheid die het vervolg oppakt (verplicht).")
        note = serializers.CharField(required=False, allow_blank=True, default="")
        signals = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)

    @extend_schema(operation_id="inbound_messages_follow_up", tags=TAGS, request=InputSerializer, responses={201: FollowUpOut})
    def post(self, request: Request, pk: UUID) -> Response:
        data = kit.validated(
            self.InputSerializer, request.data, unseen_check=lambda: selectors.inbound_get(user=_me(request), message_id=pk)
        )
        message = selectors.inbound_get(user=_me(request), message_id=pk)
        follow_up = services.follow_up_record(
            actor=_me(request),
            message=message,
            decision=data["decision"],
            owner_code=data["owner"],
            note=data["note"],
            signal_ids=data["signals"],
            channel=CHANNEL,
        )
        return Response(FollowUpOut(follow_up).data, status=201)


class InspectionRequestOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    prosecutor = serializers.CharField()
    requested_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=InspectionOutcome.choices)
    outcome_on = serializers.DateField(allow_null=True)
    outcome_note = serializers.CharField()


class InspectionRequestsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        prosecutor = serializers.CharField(
            max_length=200, help_text="De landelijk officier van justitie CTER die om inzage vraagt."
        )
        requested_on = serializers.DateField()

    @extend_schema(
        operation_id="inbound_messages_inspection_requests_create",
        tags=TAGS,
        request=InputSerializer,
        responses={201: InspectionRequestOut},
    )
    def post(self, request: Request, pk: UUID) -> Response:
        data = kit.validated(
            self.InputSerializer, request.data, unseen_check=lambda: selectors.inbound_get(user=_me(request), message_id=pk)
        )
        message = selectors.inbound_get(user=_me(request), message_id=pk)
        inspection = services.inspection_request_record(actor=_me(request), message=message, channel=CHANNEL, **data)
        return Response(InspectionRequestOut(inspection).data, status=201)


class InspectionOutcomeApi(APIView):
    class InputSerializer(kit.InputSerializer):
        outcome = serializers.ChoiceField(choices=[c for c in InspectionOutcome.choices if c[0] != InspectionOutcome.PENDING])
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="inspection_requests_outcome", tags=TAGS, request=InputSerializer, responses={200: InspectionRequestOut}
    )
    def post(self, request: Request, pk: UUID) -> Response:
        data = kit.validated(
            self.InputSerializer,
            request.data,
            unseen_check=lambda: selectors.inspection_request_get(user=_me(request), request_id=pk),
        )
        inspection = selectors.inspection_request_get(user=_me(request), request_id=pk)
        inspection = services.inspection_outcome_record(actor=_me(request), request=inspection, channel=CHANNEL, **data)
        return Response(InspectionRequestOut(inspection).data)


class BriefingOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    body = serializers.CharField()
    units = serializers.SerializerMethodField()
    written_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_units(self, briefing: Any) -> list[str]:
        return [unit.code for unit in briefing.units.all()]


class BriefingsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        title = serializers.CharField(max_length=200)
        body = serializers.CharField()
        units = serializers.ListField(
            child=serializers.CharField(max_length=100),
            min_length=1,
            help_text="Codes van actieve eenheden, van welke organisatie ook (een briefing bevat geen persoonsgegevens).",
        )
        message = serializers.UUIDField(required=False, allow_null=True, default=None)
        dates_confirmed = serializers.BooleanField(
            required=False, default=False, help_text="Bevestigt dat data in de tekst geen geboortedata zijn."
        )

    @extend_schema(operation_id="briefings_list", tags=TAGS, responses={200: paginated(BriefingOut)})
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.briefing_list(user=_me(request)), request, view=self)
        return paginator.get_paginated_response(BriefingOut(page, many=True).data)

    @extend_schema(operation_id="briefings_create", tags=TAGS, request=InputSerializer, responses={201: BriefingOut})
    def post(self, request: Request) -> Response:
        data = kit.validated(self.InputSerializer, request.data)
        message = selectors.inbound_get(user=_me(request), message_id=data["message"]) if data["message"] else None
        briefing = services.briefing_write(
            actor=_me(request),
            title=data["title"],
            body=data["body"],
            unit_codes=data["units"],
            message=message,
            dates_confirmed=data["dates_confirmed"],
            channel=CHANNEL,
        )
        return Response(BriefingOut(briefing).data, status=201)


class BriefingReadApi(APIView):
    class OutputSerializer(kit.OutputSerializer):
        briefing = serializers.UUIDField(source="briefing_id")
        read_at = serializers.DateTimeField()

    @extend_schema(operation_id="briefings_read", tags=TAGS, request=None, responses={200: OutputSerializer})
    def post(self, request: Request, pk: UUID) -> Response:
        briefing = selectors.briefing_get(user=_me(request), briefing_id=pk)
        reading = services.briefing_confirm_read(actor=_me(request), briefing=briefing, channel=CHANNEL)
        return Response(self.OutputSerializer(reading).data)
