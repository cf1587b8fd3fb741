"""HTTP API of screening (API.md "Screening and watch lists"): thin views over services and selectors.

Each view has its own ``InputSerializer`` (shape and types, unknown fields refused) and ``OutputSerializer``;
the business rules (items of the checklist version, reasons, legal basis) live in the services.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import choose_one_of
from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.persons.models import Person
from ketensignaal.screening import selectors, services
from ketensignaal.screening.models import AnswerStatus, DataCarrierHandling, HearingMode, IdentityBasis, Procedure, SisPurpose

TAGS = ["screening"]
CHANNEL = "api"
REFUSED = OpenApiResponse(description="problem+json; invalid_params noemt elk veld of onderdeel; er is niets opgeslagen.")


def _valid(serializer_class: type[serializers.Serializer], request: Request, unseen_check: Any = None) -> dict[str, Any]:
    return dict(kit.validated(serializer_class, request.data, unseen_check=unseen_check))


class ChecklistItemOut(kit.OutputSerializer):
    code = serializers.CharField()
    # ``label`` follows Accept-Language (Dutch unless the client asks for English, the Dutch where the English is
    # missing); ``label_en`` keeps the English as written, as the other endpoints do.
    label = kit.InReaderLanguage(  # type: ignore[assignment]
        "label", help_text="In de taal van de lezer (Accept-Language): Nederlands, of Engels waar die vertaling er is."
    )
    label_en = serializers.CharField(help_text="De Engelse tekst zoals vastgelegd; leeg zolang die ontbreekt.")


class ChecklistOut(kit.OutputSerializer):
    procedure = serializers.CharField()
    step = serializers.CharField(source="touchpoint.code")
    step_name = serializers.CharField(source="touchpoint.name")
    version = serializers.IntegerField()
    open_source_minimum = serializers.IntegerField()
    items = ChecklistItemOut(many=True, source="items.all")


class ChecklistsApi(APIView):
    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = ChecklistOut(many=True)

    @extend_schema(
        operation_id="screening_checklists_list",
        tags=TAGS,
        summary="Actuele screeningschecklists per procedure en stap",
        parameters=[
            OpenApiParameter("procedure", str, enum=Procedure.values),
            OpenApiParameter("step", str, description="Code van het contactmoment (DOMAIN.md §8)"),
            kit.READER_LANGUAGE,
        ],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        procedure = request.query_params.get("procedure", "")
        if procedure and procedure not in Procedure.values:
            raise serializers.ValidationError({"procedure": [choose_one_of(Procedure.labels)]})
        rows = selectors.checklists_list(user=request.user, procedure=procedure, step=request.query_params.get("step", ""))
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)


class AnswerIn(kit.InputSerializer):
    status = serializers.ChoiceField(choices=AnswerStatus.values)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SisAlertIn(kit.InputSerializer):
    purpose = serializers.ChoiceField(choices=SisPurpose.values)
    issuing_state = serializers.CharField(max_length=3)
    content = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    more_information_requested = serializers.BooleanField(required=False, default=False)
    answer = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    thin = serializers.BooleanField(required=False, allow_null=True, default=None)


class SisAlertOut(kit.OutputSerializer):
    purpose = serializers.CharField()
    issuing_state = serializers.CharField()
    content = serializers.CharField()
    more_information_requested = serializers.BooleanField()
    answer = serializers.CharField()
    thin = serializers.BooleanField()


class AnswerOut(kit.OutputSerializer):
    item = serializers.CharField(source="item_code")
    status = serializers.CharField()
    reason = serializers.CharField()


class ScreeningOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    person = serializers.UUIDField(source="person_id")
    procedure = serializers.CharField()
    step = serializers.CharField(source="touchpoint.code")
    checklist_version = serializers.IntegerField(source="checklist.version")
    unit = serializers.CharField(source="unit.code")
    screened_at = serializers.DateTimeField()
    hearing_mode = serializers.CharField()
    data_carrier_handling = serializers.CharField()
    identity_basis = serializers.CharField()
    open_source_minutes = serializers.IntegerField(allow_null=True)
    open_source_searches = serializers.IntegerField(allow_null=True)
    answers = AnswerOut(many=True, source="answers.all")
    sis_alert = serializers.SerializerMethodField()
    gaps = serializers.SerializerMethodField()

    def get_sis_alert(self, obj: Any) -> dict[str, Any] | None:
        alert = getattr(obj, "sis_alert", None) if hasattr(obj, "sis_alert") else None
        return SisAlertOut(alert).data if alert is not None else None

    def get_gaps(self, obj: Any) -> list[str]:
        return sorted(g.code for g in obj.gaps.all())


class PersonScreeningsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        procedure = serializers.ChoiceField(choices=Procedure.values)
        step = serializers.CharField(max_length=64)
        answers = serializers.DictField(child=AnswerIn())
        hearing_mode = serializers.ChoiceField(choices=HearingMode.values, required=False, allow_blank=True)
        data_carrier_handling = serializers.ChoiceField(choices=DataCarrierHandling.values, required=False, allow_blank=True)
        identity_basis = serializers.ChoiceField(choices=IdentityBasis.values, required=False, allow_blank=True)
        open_source_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100000)
        open_source_searches = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100000)
        sis_alert = SisAlertIn(required=False, allow_null=True)

    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = ScreeningOut(many=True)

    @extend_schema(
        operation_id="person_screenings_list",
        tags=TAGS,
        summary="Screenings van een persoon die u mag zien",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = get_visible_or_404(request.user, Person.objects.all(), pk=person_id)
        rows = selectors.person_screenings(user=request.user, person=person, channel=CHANNEL)
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)

    @extend_schema(
        operation_id="person_screenings_create",
        tags=TAGS,
        summary="Leg een screening vast bij een stap van de procedure",
        description="Elk onderdeel van de actuele checklistversie van de stap krijgt een antwoord: done, not-done "
        "(met reden) of not-applicable. Een fout antwoord weigert de hele screening (niets half opgeslagen).",
        request=InputSerializer,
        responses={201: ScreeningOut, 400: REFUSED, 403: REFUSED, 404: REFUSED},
    )
    def post(self, request: Request, person_id: str) -> Response:
        get_visible_or_404(request.user, Person.objects.all(), pk=person_id)
        data = _valid(self.InputSerializer, request)
        screening = services.screening_record(actor=request.user, person_id=person_id, channel=CHANNEL, **data)
        fresh = selectors.screening_get(user=request.user, screening_id=screening.pk, channel=CHANNEL)
        return Response(ScreeningOut(fresh).data, status=201)


class GapCellOut(kit.OutputSerializer):
    count = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class GapRowOut(kit.OutputSerializer):
    location = serializers.CharField()
    location_name = serializers.CharField()
    step = serializers.CharField()
    step_name = serializers.CharField()
    screenings = GapCellOut()
    gaps = serializers.DictField(child=GapCellOut())


class ScreeningGapsApi(APIView):
    class OutputSerializer(kit.OutputSerializer):
        suppressed_below = serializers.SerializerMethodField()
        screenings = GapCellOut()
        totals = serializers.DictField(child=GapCellOut())
        rows = GapRowOut(many=True)

        def get_fields(self) -> dict[str, serializers.Field]:
            fields = super().get_fields()  # "from" and "to" are Python keywords: added here, first
            return {
                "from": serializers.DateField(source="date_from"),
                "to": serializers.DateField(source="date_to"),
                **fields,
            }

        def get_suppressed_below(self, obj: Any) -> int:
            return selectors.SUPPRESS_BELOW

    @extend_schema(
        operation_id="screening_gaps",
        tags=TAGS,
        summary="Hoe vaak de bekende hiaten optraden, per locatie en stap (kleine aantallen onderdrukt)",
        parameters=[
            OpenApiParameter("from", str, description="JJJJ-MM-DD"),
            OpenApiParameter("to", str, description="JJJJ-MM-DD"),
        ],
        responses={200: OutputSerializer, 400: REFUSED, 403: REFUSED},
    )
    def get(self, request: Request) -> Response:
        start, end = selectors.parse_period(request.query_params.get("from"), request.query_params.get("to"))
        report = selectors.screening_gaps_report(user=request.user, date_from=start, date_to=end)
        return Response(self.OutputSerializer(report).data)
