"""API: enrichment, disclosures, naslag requests and answers, ambtsberichten.

Views parse and render; rules live in ``services.py`` and scoping in ``selectors.py``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.need_to_know import UnscopedModelError, get_visible_or_404
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.disclosures import selectors, services
from ketensignaal.disclosures.models import AnswerKind, EnrichmentKind, Service
from ketensignaal.disclosures.scopes import may_see_ambtsberichten

TAG = ["Verstrekkingen"]


class SignalEnrichmentsView(APIView):
    class InputSerializer(kit.InputSerializer):
        kind = serializers.ChoiceField(choices=EnrichmentKind.choices)
        value = serializers.CharField()
        source = serializers.CharField(max_length=200)  # type: ignore[assignment]  # a declared field, not Field.source

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.UUIDField()
        signal = serializers.UUIDField(source="signal_id")
        kind = serializers.CharField()
        value = serializers.CharField()
        source = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.source
        recorded_by = serializers.CharField(source="recorded_by.username")
        recorded_unit = serializers.CharField(source="recorded_unit.code")
        at = serializers.DateTimeField(source="recorded_at")

    @extend_schema(operation_id="signal_enrichments_list", tags=TAG, responses=OutputSerializer(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        facts = list(selectors.enrichment_list(user=request.user, signal=signal))
        return Response(self.OutputSerializer(facts, many=True).data)

    @extend_schema(operation_id="signal_enrichments_create", tags=TAG, request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = kit.validated(self.InputSerializer, request.data)
        fact = services.enrichment_record(actor=request.user, signal=signal, channel="api", **data)
        return Response(self.OutputSerializer(fact).data, status=status.HTTP_201_CREATED)


class SignalDisclosuresView(APIView):
    class InputSerializer(kit.InputSerializer):
        recipient = serializers.CharField(help_text="politie, aivd, mivd, kmar of een eenheidscode (politie.tim)")
        justification = serializers.CharField(required=False, allow_blank=True, default="")

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.UUIDField()
        signal = serializers.UUIDField(source="signal_id")
        recipient = serializers.CharField(source="recipient_unit.organisation.code")
        recipient_unit = serializers.CharField(source="recipient_unit.code")
        legal_basis_flow = serializers.CharField(source="flow_version_label")
        statutory_basis = serializers.CharField(source="flow.statutory_basis")
        justification = serializers.CharField()
        disclosed_by = serializers.CharField(source="disclosed_by.username")
        disclosed_at = serializers.DateTimeField()

    @extend_schema(operation_id="signal_disclosures_list", tags=TAG, responses=OutputSerializer(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        rows = list(selectors.disclosure_list(user=request.user, signal=signal).select_related("recipient_unit__organisation"))
        return Response(self.OutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="signal_disclosures_create",
        tags=TAG,
        request=InputSerializer,
        responses={201: OutputSerializer},
        description="Een signaal voorleggen aan politie, AIVD of MIVD over de geregistreerde gegevensstroom, "
        "met een onderbouwing per zaak. Zonder geldige stroom: 403 met code no_legal_basis; er verandert dan niets.",
    )
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = kit.validated(self.InputSerializer, request.data)
        disclosure = services.disclosure_create(actor=request.user, signal=signal, channel="api", **data)
        return Response(self.OutputSerializer(disclosure).data, status=status.HTTP_201_CREATED)


class NaslagAnswersView(APIView):
    class InputSerializer(kit.InputSerializer):
        kind = serializers.ChoiceField(choices=AnswerKind.choices)
        text = serializers.CharField(required=False, allow_blank=True, default="")
        received_on = serializers.DateField(required=False, allow_null=True, default=None)

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.UUIDField()
        kind = serializers.CharField()
        text = serializers.CharField()
        received_on = serializers.DateField()
        recorded_by = serializers.CharField(source="recorded_by.username")
        recorded_at = serializers.DateTimeField()

    @extend_schema(operation_id="naslag_answers_list", tags=TAG, responses=OutputSerializer(many=True))
    def get(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        return Response(self.OutputSerializer(selectors.naslag_answer_list(user=request.user, request=naslag), many=True).data)

    @extend_schema(operation_id="naslag_answers_create", tags=TAG, request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        data = kit.validated(self.InputSerializer, request.data)
        answer = services.naslag_answer_record(actor=request.user, request=naslag, channel="api", **data)
        return Response(self.OutputSerializer(answer).data, status=status.HTTP_201_CREATED)


class SignalNaslagRequestsView(APIView):
    class InputSerializer(kit.InputSerializer):
        service = serializers.CharField(help_text="aivd of mivd")
        own_means_exhausted = serializers.BooleanField(
            required=False, default=False, help_text="De eigen onderzoeksmiddelen van de IND zijn uitgeput. Moet true zijn."
        )
        # The published contract (API.md) names only own_means_exhausted; whoever states that and justifies the request
        # asserts the second precondition with it. Omitting the field therefore means true; an explicit false is refused.
        other_means_insufficient = serializers.BooleanField(
            required=False,
            default=True,
            help_text="Andere manieren om de gegevens te verkrijgen ontbreken of zijn ontoereikend. Weggelaten: true "
            "(bevestigd met own_means_exhausted en de onderbouwing); expliciet false wordt geweigerd (422).",
        )
        justification = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="Onderbouwing voor deze zaak. Verplicht."
        )

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.UUIDField()
        signal = serializers.UUIDField(source="signal_id")
        service = serializers.CharField()
        own_means_exhausted = serializers.BooleanField()
        other_means_insufficient = serializers.BooleanField()
        justification = serializers.CharField()
        legal_basis_flow = serializers.CharField(source="flow_version_label")
        status = serializers.CharField()
        requested_by = serializers.CharField(source="requested_by.username")
        requested_at = serializers.DateTimeField()
        answers = serializers.SerializerMethodField()

        @extend_schema_field(NaslagAnswersView.OutputSerializer(many=True))
        def get_answers(self, obj: Any) -> Any:
            user = self.context["request"].user
            return NaslagAnswersView.OutputSerializer(selectors.naslag_answer_list(user=user, request=obj), many=True).data

    @extend_schema(operation_id="signal_naslag_requests_list", tags=TAG, responses=OutputSerializer(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        rows = list(selectors.naslag_request_list(user=request.user, signal=signal))
        return Response(self.OutputSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="signal_naslag_requests_create",
        tags=TAG,
        request=InputSerializer,
        responses={201: OutputSerializer},
        description="Naslag (Wiv 2017 art. 8 lid 2 sub f). Geweigerd (422, code naslag_preconditions, met per veld de reden) "
        "tenzij own_means_exhausted true is en er een onderbouwing (justification) is. Het veld other_means_insufficient "
        "(andere wegen ontbreken of zijn ontoereikend) is optioneel: weggelaten geldt het als bevestigd met "
        "own_means_exhausted en de onderbouwing, en wordt het als true vastgelegd; expliciet false wordt geweigerd (422). "
        "403 zonder geregistreerde gegevensstroom.",
    )
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = kit.validated(self.InputSerializer, request.data)
        naslag = services.naslag_request_create(actor=request.user, signal=signal, channel="api", **data)
        return Response(self.OutputSerializer(naslag, context={"request": request}).data, status=status.HTTP_201_CREATED)


class NaslagRequestDetailView(APIView):
    OutputSerializer = SignalNaslagRequestsView.OutputSerializer

    @extend_schema(operation_id="naslag_requests_retrieve", tags=TAG, responses=OutputSerializer)
    def get(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        return Response(self.OutputSerializer(naslag, context={"request": request}).data)


def _person(user: Any, person_id: object) -> Any:
    from ketensignaal.persons.models import Person

    try:
        return get_visible_or_404(user, Person.objects.all(), pk=person_id)
    except (UnscopedModelError, Exception) as exc:  # unseen or unscoped persons are unknown persons
        reason = "Onbekende persoon, of u heeft er geen toegang toe."
        raise ValidationFailed(reason, invalid_params=[{"name": "person", "code": "unknown", "reason": reason}]) from exc


class AmbtsberichtenView(APIView):
    class InputSerializer(kit.InputSerializer):
        service = serializers.ChoiceField(choices=Service.choices)
        date = serializers.DateField()
        subject = serializers.CharField(max_length=300)
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        content = serializers.CharField()
        signal = serializers.UUIDField(required=False, allow_null=True, default=None)
        person = serializers.UUIDField(required=False, allow_null=True, default=None)
        naslag_request = serializers.UUIDField(required=False, allow_null=True, default=None)

    class OutputSerializer(kit.OutputSerializer):
        id = serializers.UUIDField()
        service = serializers.CharField()
        date = serializers.DateField(source="dated")
        subject = serializers.CharField()
        summary = serializers.CharField()
        content = serializers.CharField()
        signal = serializers.UUIDField(source="signal_id", allow_null=True)
        person = serializers.UUIDField(source="person_id", allow_null=True)
        naslag_request = serializers.UUIDField(source="naslag_request_id", allow_null=True)
        own_initiative = serializers.BooleanField()
        received_by = serializers.CharField(source="received_by.username")
        received_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="ambtsberichten_list",
        tags=TAG,
        responses=paginated(OutputSerializer),
        description="Alleen voor analisten van IND TSZ en privacyfunctionarissen van de IND; voor ieder ander 404.",
    )
    def get(self, request: Request) -> Response:
        if not may_see_ambtsberichten(request.user):
            raise Http404  # exactly as if the list did not exist, like the web list
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.ambtsbericht_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="ambtsberichten_create",
        tags=TAG,
        request=InputSerializer,
        responses={201: OutputSerializer},
        description="Een ambtsbericht registreren (door IND TSZ bij ontvangst, of door de verzendende dienst). Wordt zonder "
        "bronnen opgeslagen: velden als source/bron worden geweigerd (400).",
    )
    def post(self, request: Request) -> Response:
        submitted = list(request.data.keys()) if hasattr(request.data, "keys") else []
        services.ambtsbericht_refuse_sources(submitted)
        data = kit.validated(self.InputSerializer, request.data)
        signal = selectors.signal_get_visible(user=request.user, signal_id=data["signal"]) if data["signal"] else None
        person = _person(request.user, data["person"]) if data["person"] else None
        naslag = (
            selectors.naslag_request_get(user=request.user, request_id=data["naslag_request"]) if data["naslag_request"] else None
        )
        report = services.ambtsbericht_register(
            actor=request.user,
            service=data["service"],
            dated=data["date"],
            subject=data["subject"],
            summary=data["summary"],
            content=data["content"],
            signal=signal,
            person=person,
            naslag_request=naslag,
            submitted_fields=submitted,
            channel="api",
        )
        return Response(self.OutputSerializer(report).data, status=status.HTTP_201_CREATED)


class AmbtsberichtDetailView(APIView):
    OutputSerializer = AmbtsberichtenView.OutputSerializer

    @extend_schema(operation_id="ambtsberichten_retrieve", tags=TAG, responses=OutputSerializer)
    def get(self, request: Request, pk: str) -> Response:
        report = selectors.ambtsbericht_get(user=request.user, ambtsbericht_id=pk)
        return Response(self.OutputSerializer(report).data)
