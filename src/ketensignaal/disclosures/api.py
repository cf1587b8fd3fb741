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

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.need_to_know import UnscopedModelError, get_visible_or_404
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.core.serializers import InputSerializer, OutputSerializer
from ketensignaal.disclosures import selectors, services
from ketensignaal.disclosures.models import AnswerKind, EnrichmentKind, Service
from ketensignaal.disclosures.scopes import may_see_ambtsberichten

TAG = ["Verstrekkingen"]


class EnrichmentIn(InputSerializer):
    kind = serializers.ChoiceField(choices=EnrichmentKind.choices)
    value = serializers.CharField()
    source = serializers.CharField(max_length=200)  # type: ignore[assignment]  # a declared field, not Field.source


class EnrichmentOut(OutputSerializer):
    id = serializers.UUIDField()
    signal = serializers.UUIDField(source="signal_id")
    kind = serializers.CharField()
    value = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.source
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_unit = serializers.CharField(source="recorded_unit.code")
    at = serializers.DateTimeField(source="recorded_at")


class DisclosureIn(InputSerializer):
    recipient = serializers.CharField(help_text="politie, aivd, mivd, kmar of een eenheidscode (politie.tim)")
    justification = serializers.CharField(required=False, allow_blank=True, default="")


class DisclosureOut(OutputSerializer):
    id = serializers.UUIDField()
    signal = serializers.UUIDField(source="signal_id")
    recipient = serializers.CharField(source="recipient_unit.organisation.code")
    recipient_unit = serializers.CharField(source="recipient_unit.code")
    legal_basis_flow = serializers.CharField(source="flow_version_label")
    statutory_basis = serializers.CharField(source="flow.statutory_basis")
    justification = serializers.CharField()
    disclosed_by = serializers.CharField(source="disclosed_by.username")
    disclosed_at = serializers.DateTimeField()


class NaslagIn(InputSerializer):
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


class NaslagAnswerIn(InputSerializer):
    kind = serializers.ChoiceField(choices=AnswerKind.choices)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    received_on = serializers.DateField(required=False, allow_null=True, default=None)


class NaslagAnswerOut(OutputSerializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    text = serializers.CharField()
    received_on = serializers.DateField()
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_at = serializers.DateTimeField()


class NaslagOut(OutputSerializer):
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

    @extend_schema_field(NaslagAnswerOut(many=True))
    def get_answers(self, obj: Any) -> Any:
        user = self.context["request"].user
        return NaslagAnswerOut(selectors.naslag_answer_list(user=user, request=obj), many=True).data


class AmbtsberichtIn(InputSerializer):
    service = serializers.ChoiceField(choices=Service.choices)
    date = serializers.DateField()
    subject = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    content = serializers.CharField()
    signal = serializers.UUIDField(required=False, allow_null=True, default=None)
    person = serializers.UUIDField(required=False, allow_null=True, default=None)
    naslag_request = serializers.UUIDField(required=False, allow_null=True, default=None)


class AmbtsberichtOut(OutputSerializer):
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


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class SignalEnrichmentsView(APIView):
    @extend_schema(operation_id="signal_enrichments_list", tags=TAG, responses=EnrichmentOut(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        facts = list(selectors.enrichment_list(user=request.user, signal=signal))
        return Response(EnrichmentOut(facts, many=True).data)

    @extend_schema(operation_id="signal_enrichments_create", tags=TAG, request=EnrichmentIn, responses={201: EnrichmentOut})
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = _valid(EnrichmentIn, request)
        fact = services.enrichment_record(actor=request.user, signal=signal, channel="api", **data)
        return Response(EnrichmentOut(fact).data, status=status.HTTP_201_CREATED)


class SignalDisclosuresView(APIView):
    @extend_schema(operation_id="signal_disclosures_list", tags=TAG, responses=DisclosureOut(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        rows = list(selectors.disclosure_list(user=request.user, signal=signal).select_related("recipient_unit__organisation"))
        return Response(DisclosureOut(rows, many=True).data)

    @extend_schema(
        operation_id="signal_disclosures_create",
        tags=TAG,
        request=DisclosureIn,
        responses={201: DisclosureOut},
        description="Een signaal voorleggen aan politie, AIVD of MIVD over de geregistreerde gegevensstroom, "
        "met een onderbouwing per zaak. Zonder geldige stroom: 403 met code no_legal_basis; er verandert dan niets.",
    )
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = _valid(DisclosureIn, request)
        disclosure = services.disclosure_create(actor=request.user, signal=signal, channel="api", **data)
        return Response(DisclosureOut(disclosure).data, status=status.HTTP_201_CREATED)


class SignalNaslagRequestsView(APIView):
    @extend_schema(operation_id="signal_naslag_requests_list", tags=TAG, responses=NaslagOut(many=True))
    def get(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        rows = list(selectors.naslag_request_list(user=request.user, signal=signal))
        return Response(NaslagOut(rows, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="signal_naslag_requests_create",
        tags=TAG,
        request=NaslagIn,
        responses={201: NaslagOut},
        description="Naslag (Wiv 2017 art. 8 lid 2 sub f). Geweigerd (422, code naslag_preconditions, met per veld de reden) "
        "tenzij own_means_exhausted true is en er een onderbouwing (justification) is. Het veld other_means_insufficient "
        "(andere wegen ontbreken of zijn ontoereikend) is optioneel: weggelaten geldt het als bevestigd met "
        "own_means_exhausted en de onderbouwing, en wordt het als true vastgelegd; expliciet false wordt geweigerd (422). "
        "403 zonder geregistreerde gegevensstroom.",
    )
    def post(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_get_visible(user=request.user, signal_id=pk)
        data = _valid(NaslagIn, request)
        naslag = services.naslag_request_create(actor=request.user, signal=signal, channel="api", **data)
        return Response(NaslagOut(naslag, context={"request": request}).data, status=status.HTTP_201_CREATED)


class NaslagRequestDetailView(APIView):
    @extend_schema(operation_id="naslag_requests_retrieve", tags=TAG, responses=NaslagOut)
    def get(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        return Response(NaslagOut(naslag, context={"request": request}).data)


class NaslagAnswersView(APIView):
    @extend_schema(operation_id="naslag_answers_list", tags=TAG, responses=NaslagAnswerOut(many=True))
    def get(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        return Response(NaslagAnswerOut(selectors.naslag_answer_list(user=request.user, request=naslag), many=True).data)

    @extend_schema(operation_id="naslag_answers_create", tags=TAG, request=NaslagAnswerIn, responses={201: NaslagAnswerOut})
    def post(self, request: Request, pk: str) -> Response:
        naslag = selectors.naslag_request_get(user=request.user, request_id=pk)
        data = _valid(NaslagAnswerIn, request)
        answer = services.naslag_answer_record(actor=request.user, request=naslag, channel="api", **data)
        return Response(NaslagAnswerOut(answer).data, status=status.HTTP_201_CREATED)


def _person(user: Any, person_id: object) -> Any:
    from ketensignaal.persons.models import Person

    try:
        return get_visible_or_404(user, Person.objects.all(), pk=person_id)
    except (UnscopedModelError, Exception) as exc:  # unseen or unscoped persons are unknown persons
        reason = "Onbekende persoon, of u heeft er geen toegang toe."
        raise ValidationFailed(reason, invalid_params=[{"name": "person", "code": "unknown", "reason": reason}]) from exc


class AmbtsberichtenView(APIView):
    @extend_schema(
        operation_id="ambtsberichten_list",
        tags=TAG,
        responses=paginated(AmbtsberichtOut),
        description="Alleen voor analisten van IND TSZ en privacyfunctionarissen van de IND; voor ieder ander 404.",
    )
    def get(self, request: Request) -> Response:
        if not may_see_ambtsberichten(request.user):
            raise Http404  # exactly as if the list did not exist, like the web list
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.ambtsbericht_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(AmbtsberichtOut(page, many=True).data)

    @extend_schema(
        operation_id="ambtsberichten_create",
        tags=TAG,
        request=AmbtsberichtIn,
        responses={201: AmbtsberichtOut},
        description="Een ambtsbericht registreren (door IND TSZ bij ontvangst, of door de verzendende dienst). Wordt zonder "
        "bronnen opgeslagen: velden als source/bron worden geweigerd (400).",
    )
    def post(self, request: Request) -> Response:
        submitted = list(request.data.keys()) if hasattr(request.data, "keys") else []
        services.ambtsbericht_refuse_sources(submitted)
        data = _valid(AmbtsberichtIn, request)
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
        return Response(AmbtsberichtOut(report).data, status=status.HTTP_201_CREATED)


class AmbtsberichtDetailView(APIView):
    @extend_schema(operation_id="ambtsberichten_retrieve", tags=TAG, responses=AmbtsberichtOut)
    def get(self, request: Request, pk: str) -> Response:
        report = selectors.ambtsbericht_get(user=request.user, ambtsbericht_id=pk)
        return Response(AmbtsberichtOut(report).data)
