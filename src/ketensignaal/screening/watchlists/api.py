"""HTTP API of watch lists (API.md "Screening and watch lists"): thin views over the services.

A hit is a candidate for a person to decide on. The similarity accompanies the explanation only to order the
hits; there is no score of the person and no automated decision.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.persons.api import EXPLANATION_HELP, MatchExplanation
from ketensignaal.screening.models import HitDecision
from ketensignaal.screening.watchlists import selectors, services

TAGS = ["signaleringslijsten"]
CHANNEL = "api"
REFUSED = OpenApiResponse(
    description="problem+json; wat ontbreekt of fout is staat in detail en invalid_params; er is niets gewijzigd."
)
NO_BASIS = OpenApiResponse(description="problem+json (code no_legal_basis): de detail noemt de ontbrekende grondslag.")
HIT_NOTICE = gettext_lazy(
    "Een treffer is een kandidaat voor menselijke beoordeling, geen feit. De gelijkenis dient alleen om te ordenen; "
    "een treffer verandert niets zonder besluit."
)


def _valid(serializer_class: type[serializers.Serializer], request: Request, unseen_check: Any = None) -> dict[str, Any]:
    return dict(kit.validated(serializer_class, request.data, unseen_check=unseen_check))


class VersionOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    format = serializers.CharField()
    filename = serializers.CharField()
    status = serializers.CharField()
    lines = serializers.IntegerField(source="total_lines")
    processed = serializers.IntegerField(source="processed_lines")
    imported = serializers.IntegerField(source="entries_count")
    skipped = serializers.IntegerField(source="skipped_count", help_text="Entiteiten die geen persoon zijn")
    errors = serializers.JSONField()  # type: ignore[assignment]
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class WatchListOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.code")
    flow = serializers.CharField(source="flow.version_label")
    current_version = VersionOut(allow_null=True)
    created_at = serializers.DateTimeField()


class WatchListsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        name = serializers.CharField(max_length=200)
        flow = serializers.CharField(max_length=100, help_text="Code van een geregistreerde gegevensstroom")

    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = WatchListOut(many=True)

    @extend_schema(
        operation_id="watch_lists_list",
        tags=TAGS,
        summary="Signaleringslijsten van uw organisatie",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.watch_lists(user=request.user)
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)

    @extend_schema(
        operation_id="watch_lists_create",
        tags=TAGS,
        summary="Maak een signaleringslijst aan, gebonden aan een geregistreerde gegevensstroom",
        request=InputSerializer,
        responses={201: WatchListOut, 400: REFUSED, 403: NO_BASIS},
    )
    def post(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        watch_list = services.watch_list_create(actor=request.user, name=data["name"], flow=data["flow"], channel=CHANNEL)
        return Response(WatchListOut(selectors.watch_list_get(user=request.user, watch_list_id=watch_list.pk)).data, status=201)


class WatchListImportsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        file = serializers.FileField(
            help_text="FollowTheMoney JSON lines (OpenSanctions) of CSV met kopregel id,name,aliases,birth_date,nationality"
        )

    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = VersionOut(many=True)

    @extend_schema(
        operation_id="watch_list_imports_list",
        tags=TAGS,
        summary="Versies (imports) van een lijst",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request, pk: str) -> Response:
        watch_list = selectors.watch_list_get(user=request.user, watch_list_id=pk)
        rows = selectors.watch_list_versions(user=request.user, watch_list=watch_list)
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)

    @extend_schema(
        operation_id="watch_list_imports_create",
        tags=TAGS,
        summary="Importeer een nieuwe versie van de lijst",
        description="Eén foute regel weigert het hele bestand (invalid_params noemt elke regel); er wordt dan niets "
        "geïmporteerd. Anders: aantallen (regels, geïmporteerd, overgeslagen niet-personen).",
        request={"multipart/form-data": InputSerializer},
        responses={201: VersionOut, 400: REFUSED, 403: NO_BASIS},
    )
    def post(self, request: Request, pk: str) -> Response:
        selectors.watch_list_get(user=request.user, watch_list_id=pk)
        data = _valid(self.InputSerializer, request)
        upload = data["file"]
        version = services.watch_list_import(
            actor=request.user, watch_list_id=pk, content=upload.read(), filename=upload.name or "", channel=CHANNEL
        )
        version.refresh_from_db()
        return Response(VersionOut(version).data, status=201)


class EntryOut(kit.OutputSerializer):
    id = serializers.CharField(source="external_id")
    caption = serializers.CharField()
    names = serializers.SerializerMethodField()
    # Named dates_of_birth in the API (as subject.date_of_birth): partial dates (YYYY, YYYY-MM) as the list gives them.
    dates_of_birth = serializers.ListField(
        child=serializers.CharField(help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD, zoals de lijst het geeft."), source="birth_dates"
    )
    nationalities = serializers.ListField(child=serializers.CharField())

    def get_names(self, obj: Any) -> list[dict[str, str]]:
        return [{"name": n["name"], "script": n["script"], "kind": n["kind"]} for n in obj.names]


class HitOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    rank = serializers.IntegerField()
    entry = EntryOut()
    explanation = MatchExplanation(help_text=EXPLANATION_HELP)
    similarity = serializers.FloatField(help_text="Alleen voor de volgorde; nooit los te gebruiken.")
    decision = serializers.CharField()
    note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class CheckOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    person = serializers.UUIDField(source="person_id")
    watch_list = serializers.UUIDField(source="watch_list_id")
    list_version = serializers.IntegerField(source="version.version")
    step = serializers.CharField(source="touchpoint.code")
    justification = serializers.CharField()
    legal_basis = serializers.CharField()
    checked_at = serializers.DateTimeField()
    notice = serializers.SerializerMethodField()
    hits = HitOut(many=True, source="hits.all")

    def get_notice(self, obj: Any) -> str:
        return str(HIT_NOTICE)


class PersonWatchListChecksApi(APIView):
    class InputSerializer(kit.InputSerializer):
        watch_list = serializers.UUIDField()
        step = serializers.CharField(max_length=64)
        justification = serializers.CharField(allow_blank=True, max_length=2000)

    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = CheckOut(many=True)

    @extend_schema(
        operation_id="person_watch_list_checks_list",
        parameters=[kit.READER_LANGUAGE],
        tags=TAGS,
        summary="Controles van een persoon",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request, person_id: str) -> Response:
        from ketensignaal.core.need_to_know import get_visible_or_404
        from ketensignaal.persons.models import Person

        person = get_visible_or_404(request.user, Person.objects.all(), pk=person_id)
        rows = selectors.person_watch_list_checks(user=request.user, person=person, channel=CHANNEL)
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)

    @extend_schema(
        operation_id="person_watch_list_checks_create",
        parameters=[kit.READER_LANGUAGE],
        tags=TAGS,
        summary="Controleer één persoon, op verzoek, bij een procedurestap tegen een lijst",
        request=InputSerializer,
        responses={201: CheckOut, 400: REFUSED, 403: NO_BASIS, 404: REFUSED, 409: REFUSED},
    )
    def post(self, request: Request, person_id: str) -> Response:
        from ketensignaal.core.need_to_know import get_visible_or_404
        from ketensignaal.persons.models import Person

        data = _valid(
            self.InputSerializer,
            request,
            unseen_check=lambda: get_visible_or_404(request.user, Person.objects.all(), pk=person_id),
        )
        check = services.watch_list_check(
            actor=request.user,
            person_id=person_id,
            watch_list_id=data["watch_list"],
            step=data["step"],
            justification=data["justification"],
            channel=CHANNEL,
        )
        return Response(
            CheckOut(selectors.watch_list_check_get(user=request.user, check_id=check.pk, channel=CHANNEL)).data, status=201
        )


class WatchListCheckApi(APIView):
    @extend_schema(
        operation_id="watch_list_checks_read",
        tags=TAGS,
        summary="Eén controle met haar treffers",
        parameters=[kit.READER_LANGUAGE],
        responses={200: CheckOut},
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(CheckOut(selectors.watch_list_check_get(user=request.user, check_id=pk, channel=CHANNEL)).data)


class WatchListHitDecisionApi(APIView):
    class InputSerializer(kit.InputSerializer):
        decision = serializers.ChoiceField(choices=HitDecision.values)
        note = serializers.CharField(allow_blank=True, max_length=2000)

    @extend_schema(
        operation_id="watch_list_hit_decision",
        parameters=[kit.READER_LANGUAGE],
        tags=TAGS,
        summary="Leg het besluit over een treffer vast (zelfde persoon / niet dezelfde / onzeker)",
        request=InputSerializer,
        responses={200: HitOut, 400: REFUSED, 404: REFUSED, 409: REFUSED},
    )
    def post(self, request: Request, pk: str) -> Response:
        selectors.watch_list_hit_get(user=request.user, hit_id=pk)
        data = _valid(self.InputSerializer, request)
        hit = services.watch_list_hit_decide(
            actor=request.user, hit_id=pk, decision=data["decision"], note=data["note"], channel=CHANNEL
        )
        return Response(HitOut(selectors.watch_list_hit_get(user=request.user, hit_id=hit.pk)).data)


class WatchListBulkCheckApi(APIView):
    class InputSerializer(kit.InputSerializer):
        watch_list = serializers.UUIDField(required=False)
        persons = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=1000)
        step = serializers.CharField(max_length=64)
        justification = serializers.CharField(allow_blank=True, max_length=2000)
        compare_with = serializers.CharField(required=False, allow_blank=True, help_text="bijv. politie-cter-kennisknooppunt")

    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = CheckOut(many=True)

    @extend_schema(
        operation_id="watch_list_checks_bulk",
        tags=TAGS,
        summary="Meerdere personen tegelijk controleren: geweigerd zonder geregistreerde grondslag",
        description="Populatiescreening is geweigerd (403, met de ontbrekende grondslag) tenzij een gegevensstroom met "
        "gegevenscategorie 'bulkvergelijking' is geregistreerd. Vergelijken met het informatieknooppunt CTER van de "
        "politie (compare_with) is geweigerd: daarvoor is geen duidelijke rechtsgrond (systeemcheck 2023).",
        request=InputSerializer,
        responses={201: OutputSerializer, 400: REFUSED, 403: NO_BASIS},
    )
    def post(self, request: Request) -> Response:
        compare_with = request.data.get("compare_with", "") if isinstance(request.data, dict) else ""
        services.bulk_basis_check(actor=request.user, compare_with=str(compare_with or ""))
        data = _valid(self.InputSerializer, request)
        if not data.get("watch_list"):
            raise ValidationFailed(
                gettext("Geef de lijst op."),
                invalid_params=[{"name": "watch_list", "code": "required", "reason": gettext("Verplicht.")}],
            )
        checks = services.watch_list_bulk_check(
            actor=request.user,
            watch_list_id=data["watch_list"],
            person_ids=data["persons"],
            step=data["step"],
            justification=data["justification"],
            compare_with=data.get("compare_with", ""),
            channel=CHANNEL,
        )
        rows = [selectors.watch_list_check_get(user=request.user, check_id=c.pk, channel=CHANNEL) for c in checks]
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data, status=201)
