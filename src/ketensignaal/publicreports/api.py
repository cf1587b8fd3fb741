"""HTTP API of the public channel (API.md "Public reporting"): no token; a proof-of-work challenge instead.

``GET /public-reports/challenge`` hands out a token; the client finds a ``nonce`` with
``sha256(challenge + ":" + nonce)`` starting with ``difficulty`` zero bits and sends both with the report.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.publicreports.challenge import challenge_issue
from ketensignaal.publicreports.models import AttemptKind, ReporterKind
from ketensignaal.publicreports.services import (
    MAX_ADDITION_CHARS,
    TOPICS,
    attempt_invalid,
    public_addition_add,
    public_report_input,
    public_report_submit,
)

TAGS = ["Publiek meldpunt"]
CHANNEL = "api"
REFUSALS = {
    413: OpenApiResponse(description="De melding is groter dan toegestaan."),
    429: OpenApiResponse(description="Te veel inzendingen vanaf dit adres of voor deze ontvangstcode; probeer het later."),
}


def _address(request: Request) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


def _size(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class _Public(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    def checked(self, serializer: type[serializers.Serializer], request: Request, *, kind: str, receipt: str = "") -> Any:
        """The validated body; a malformed one is logged as a refused attempt before the 400 goes out."""
        try:
            return kit.validated(serializer, request.data)
        except serializers.ValidationError:
            attempt_invalid(kind=kind, address=_address(request), receipt=receipt, size=_size(request), channel=CHANNEL)
            raise


class _ChallengeAnswer(kit.InputSerializer):
    challenge = serializers.CharField(max_length=200, allow_blank=True, help_text="Het token uit GET /public-reports/challenge.")
    nonce = serializers.CharField(
        max_length=64, allow_blank=True, help_text="Een getal waarmee sha256(challenge:nonce) met genoeg nulbits begint."
    )


class PublicReportChallengeApi(_Public):
    class OutputSerializer(kit.OutputSerializer):
        challenge = serializers.CharField(source="token")
        difficulty = serializers.IntegerField(help_text="Vereist aantal voorloop-nulbits van sha256(challenge:nonce).")

    @extend_schema(
        operation_id="public_reports_challenge",
        tags=TAGS,
        auth=[],
        summary="Een rekenopgave voor één melding of aanvulling (proof of work, één uur geldig, eenmalig)",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(challenge_issue()).data)


class PublicReportCreateApi(_Public):
    class InputSerializer(_ChallengeAnswer):
        reporter = serializers.ChoiceField(choices=ReporterKind.choices, default=ReporterKind.WITNESS)
        organisation_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        observation = serializers.CharField(max_length=5000, help_text="Wat de melder zag of hoorde.")
        person = serializers.CharField(max_length=200, help_text="Naam, bijnaam of omschrijving van de persoon.")
        place = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        observed_on = serializers.DateField(required=False, allow_null=True, default=None)
        topics = serializers.ListField(child=serializers.ChoiceField(choices=list(TOPICS)), min_length=1, max_length=len(TOPICS))
        language = serializers.CharField(max_length=16, required=False, default="nl")

    class OutputSerializer(kit.OutputSerializer):
        receipt = serializers.CharField(help_text="Ontvangstcode; alleen nu getoond. Nodig om later aan te vullen.")

    @extend_schema(
        operation_id="public_reports_create",
        tags=TAGS,
        auth=[],
        summary="Een melding zonder account (getuige, of gemeente/organisatie zonder account); komt bij IND TSZ",
        request=InputSerializer,
        responses={201: OutputSerializer, **REFUSALS},
    )
    def post(self, request: Request) -> Response:
        data = self.checked(self.InputSerializer, request, kind=AttemptKind.REPORT)
        receipt = public_report_submit(
            data=public_report_input(data, language=data["language"]),
            challenge=data["challenge"],
            nonce=data["nonce"],
            address=_address(request),
            size=_size(request),
            channel=CHANNEL,
        )
        return Response(self.OutputSerializer({"receipt": receipt}).data, status=201)


class PublicAdditionCreateApi(_Public):
    class InputSerializer(_ChallengeAnswer):
        text = serializers.CharField(max_length=MAX_ADDITION_CHARS)

    class OutputSerializer(kit.OutputSerializer):
        status = serializers.ChoiceField(
            choices=[("received", "Ontvangen")], help_text="Altijd 'received'; meer wordt niet verteld."
        )

    @extend_schema(
        operation_id="public_reports_additions_create",
        tags=TAGS,
        auth=[],
        summary="Informatie toevoegen aan een eerdere melding, met de ontvangstcode",
        description=(
            "Het antwoord zegt nooit welke ontvangstcodes bestaan. Een code met een juist controleteken die bij geen "
            "melding hoort krijgt hetzelfde antwoord als een bestaande ('received'); er wordt dan niets toegevoegd. "
            "Een code die niet goed is overgenomen (lengte, tekens of controleteken) geeft 400 `receipt_malformed`: "
            "een uitspraak over de code zelf."
        ),
        request=InputSerializer,
        responses={
            201: OutputSerializer,
            400: OpenApiResponse(
                description="Rekenopgave ontbreekt of klopt niet, of de ontvangstcode is niet goed overgenomen."
            ),
            **REFUSALS,
        },
    )
    def post(self, request: Request, receipt: str) -> Response:
        data = self.checked(self.InputSerializer, request, kind=AttemptKind.ADDITION, receipt=receipt)
        public_addition_add(
            receipt=receipt,
            text=data["text"],
            challenge=data["challenge"],
            nonce=data["nonce"],
            address=_address(request),
            size=_size(request),
            channel=CHANNEL,
        )
        return Response(self.OutputSerializer({"status": "received"}).data, status=201)
