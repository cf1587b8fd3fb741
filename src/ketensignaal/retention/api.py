"""HTTP API of retention (API.md "Information governance"): rules, legal holds, destruction lists.

Thin views over the services; problem+json on refusal. Lists, items and holds hold no personal data.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core import serializers as kit
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.pagination import Pagination, paginated
from ketensignaal.retention import selectors, services
from ketensignaal.retention.models import HoldTarget, ItemStatus
from ketensignaal.retention.report import report_pdf

TAGS = ["bewaartermijnen"]
CHANNEL = "api"
REFUSED = OpenApiResponse(description="problem+json; detail en invalid_params noemen wat ontbreekt; er is niets gewijzigd.")
CONFLICT = OpenApiResponse(
    description="problem+json (409): de lijst is niet in de juiste stand, of er loopt al een vernietiging."
)


class RuleOut(kit.OutputSerializer):
    record_type = serializers.CharField(help_text="Soort gegevens (en uitkomst), bijv. signal-unfounded.")
    label = serializers.CharField()  # type: ignore[assignment]
    period_months = serializers.IntegerField()
    counted_from = serializers.CharField(help_text="Waarvandaan de termijn loopt.")
    minimum_months = serializers.IntegerField(help_text="Het wettelijk minimum; een kortere termijn wordt geweigerd.")
    minimum_source = serializers.CharField()
    legal_source = serializers.CharField()
    automated = serializers.BooleanField(help_text="Of de nachtelijke taak deze soort al op vernietigingslijsten zet.")
    updated_at = serializers.DateTimeField()


def _rule_data(row: selectors.RuleRow) -> dict[str, Any]:
    return {
        "record_type": row.record_type,
        "label": row.rule.get_record_type_display(),
        "period_months": row.rule.period_months,
        "counted_from": row.counted_from,
        "minimum_months": row.minimum_months,
        "minimum_source": row.minimum_source,
        "legal_source": row.rule.legal_source,
        "automated": row.automated,
        "updated_at": row.rule.updated_at,
    }


class RetentionRulesApi(APIView):
    class OutputSerializer(kit.OutputSerializer):
        count = serializers.IntegerField()
        results = RuleOut(many=True)

    @extend_schema(
        operation_id="retention_rules_list",
        tags=TAGS,
        summary="Bewaarregels met hun wettelijke bron",
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        rows = [_rule_data(r) for r in selectors.retention_rules()]
        return Response(self.OutputSerializer({"count": len(rows), "results": rows}).data)


class RetentionRuleApi(APIView):
    class InputSerializer(kit.InputSerializer):
        period_months = serializers.IntegerField(min_value=0, max_value=100000)
        legal_source = serializers.CharField(max_length=4000)
        reason = serializers.CharField(max_length=2000, allow_blank=True)

    @extend_schema(
        operation_id="retention_rules_update",
        tags=TAGS,
        summary="Een bewaarregel wijzigen (privacyfunctionaris); korter dan het wettelijk minimum wordt geweigerd",
        request=InputSerializer,
        responses={200: RuleOut, 400: REFUSED},
    )
    def put(self, request: Request, record_type: str) -> Response:
        selectors.retention_rule_get(record_type=record_type)
        data = kit.validated(self.InputSerializer, request.data)
        services.retention_rule_update(actor=request.user, record_type=record_type, channel=CHANNEL, **data)
        return Response(RuleOut(_rule_data(selectors.retention_rule_get(record_type=record_type))).data)


class HoldOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    target = serializers.ChoiceField(choices=HoldTarget.choices)
    target_id = serializers.UUIDField()
    target_label = serializers.CharField()
    reason = serializers.CharField()
    owner = serializers.CharField(source="owner.username")
    placed_at = serializers.DateTimeField()
    active = serializers.BooleanField()
    released_at = serializers.DateTimeField(allow_null=True)
    release_reason = serializers.CharField()


class LegalHoldsApi(APIView):
    class InputSerializer(kit.InputSerializer):
        person = serializers.UUIDField(required=False)
        signal = serializers.CharField(required=False, max_length=64, help_text="Id of kenmerk (KS-…) van het signaal.")
        case = serializers.CharField(required=False, max_length=64, help_text="Id of kenmerk van de casus (casusoverleg).")
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema(
        operation_id="legal_holds_list",
        tags=TAGS,
        summary="Bewaarplichten van uw organisatie",
        responses={200: paginated(HoldOut)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.legal_holds(user=request.user), request, view=self)
        return paginator.get_paginated_response(HoldOut(page, many=True).data)

    @extend_schema(
        operation_id="legal_holds_create",
        tags=TAGS,
        summary="Bewaarplicht (legal hold) op een persoon, signaal of casus",
        description="Precies één van person, signal of case. Een tweede gelijke aanvraag geeft de bestaande terug (200).",
        request=InputSerializer,
        responses={201: HoldOut, 200: HoldOut, 400: REFUSED},
    )
    def post(self, request: Request) -> Response:
        selectors.officer_check(request.user)
        data = kit.validated(self.InputSerializer, request.data)
        given = [t for t in HoldTarget.values if data.get(t)]
        if len(given) != 1:
            reason = "Geef precies één van person, signal of case."
            raise ValidationFailed(reason, invalid_params=[{"name": "person", "code": "one_target", "reason": reason}])
        target = given[0]
        hold, created = services.legal_hold_place(
            actor=request.user, target=target, identifier=str(data[target]), reason=data["reason"], channel=CHANNEL
        )
        return Response(HoldOut(hold).data, status=201 if created else 200)


class LegalHoldReleaseApi(APIView):
    class InputSerializer(kit.InputSerializer):
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema(
        operation_id="legal_holds_release",
        tags=TAGS,
        summary="Een bewaarplicht opheffen, met reden",
        request=InputSerializer,
        responses={200: HoldOut, 400: REFUSED},
    )
    def post(self, request: Request, hold_id: str) -> Response:
        hold = selectors.legal_hold_get(user=request.user, hold_id=hold_id)
        data = kit.validated(self.InputSerializer, request.data)
        hold = services.legal_hold_release(actor=request.user, hold=hold, reason=data["reason"], channel=CHANNEL)
        return Response(HoldOut(hold).data)


class ListOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    organisation = serializers.CharField(source="organisation.code")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    proposed_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    destroy_after = serializers.DateTimeField(allow_null=True, help_text="Einde van de bedenktijd.")
    finished_at = serializers.DateTimeField(allow_null=True)
    total = serializers.IntegerField()
    processed = serializers.IntegerField(help_text="Verwerkte regels tijdens of na de vernietiging.")


class ItemOut(kit.OutputSerializer):
    id = serializers.UUIDField()
    record_type = serializers.CharField()
    reference = serializers.CharField()
    reference_date = serializers.DateField()
    due_on = serializers.DateField()
    period_months = serializers.IntegerField()
    status = serializers.CharField()
    reason = serializers.CharField()
    not_before = serializers.DateField(allow_null=True)
    destroyed_at = serializers.DateTimeField(allow_null=True)
    copies_recalled = serializers.IntegerField()


class ListDetailOut(ListOut):
    status_counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Regels per stand (proposed, destroyed, …)."
    )


class DestructionListsApi(APIView):
    @extend_schema(
        operation_id="destruction_lists_list",
        tags=TAGS,
        summary="Vernietigingslijsten van uw organisatie",
        responses={200: paginated(ListOut)},
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.destruction_lists(user=request.user), request, view=self)
        return paginator.get_paginated_response(ListOut(page, many=True).data)


class DestructionListApi(APIView):
    @extend_schema(
        operation_id="destruction_lists_retrieve",
        tags=TAGS,
        summary="Een vernietigingslijst, met het aantal regels per stand",
        responses={200: ListDetailOut},
    )
    def get(self, request: Request, list_id: str) -> Response:
        dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
        dlist.status_counts = selectors.status_counts(dlist)  # type: ignore[attr-defined]
        return Response(ListDetailOut(dlist).data)


class DestructionListItemsApi(APIView):
    @extend_schema(
        operation_id="destruction_lists_items",
        tags=TAGS,
        summary="De regels van een vernietigingslijst (kenmerk, soort, data, stand; geen persoonsgegevens)",
        parameters=[
            OpenApiParameter("status", str, enum=[s.value for s in ItemStatus], description="Alleen regels in deze stand.")
        ],
        responses={200: paginated(ItemOut)},
    )
    def get(self, request: Request, list_id: str) -> Response:
        dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
        status = request.query_params.get("status") or None
        if status is not None and status not in ItemStatus.values:
            reason = "Kies een bestaande stand."
            raise ValidationFailed(reason, invalid_params=[{"name": "status", "code": "invalid_choice", "reason": reason}])
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.destruction_items(user=request.user, dlist=dlist, status=status), request, view=self
        )
        return paginator.get_paginated_response(ItemOut(page, many=True).data)


class ExclusionIn(kit.InputSerializer):
    item = serializers.UUIDField(help_text="Id van de regel op de lijst.")
    reason = serializers.CharField(max_length=4000, allow_blank=True)
    until = serializers.DateField(required=False, help_text="Uitstellen tot deze datum in plaats van uitzonderen.")


class DestructionListReviewApi(APIView):
    class InputSerializer(kit.InputSerializer):
        exclude = ExclusionIn(many=True)

    @extend_schema(
        operation_id="destruction_lists_review",
        tags=TAGS,
        summary="Regels van de lijst halen: uitzonderen met reden, of uitstellen tot een datum",
        request=InputSerializer,
        responses={200: ListOut, 400: REFUSED, 409: CONFLICT},
    )
    def post(self, request: Request, list_id: str) -> Response:
        dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
        data = kit.validated(self.InputSerializer, request.data)
        rows = [services.Exclusion(row["item"], row["reason"], row.get("until")) for row in data["exclude"]]
        dlist = services.destruction_list_review(actor=request.user, dlist=dlist, exclude=rows, channel=CHANNEL)
        return Response(ListOut(dlist).data)


class DestructionListConfirmApi(APIView):
    @extend_schema(
        operation_id="destruction_lists_confirm",
        tags=TAGS,
        summary="De lijst bevestigen: de bedenktijd begint; daarna volgt de vernietiging",
        request=None,
        responses={200: ListOut, 409: CONFLICT},
    )
    def post(self, request: Request, list_id: str) -> Response:
        dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
        return Response(ListOut(services.destruction_list_confirm(actor=request.user, dlist=dlist, channel=CHANNEL)).data)


class DestructionListCancelApi(APIView):
    class InputSerializer(kit.InputSerializer):
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema(
        operation_id="destruction_lists_cancel",
        tags=TAGS,
        summary="De vernietiging annuleren (vóór of tijdens de bedenktijd), met reden",
        request=InputSerializer,
        responses={200: ListOut, 400: REFUSED, 409: CONFLICT},
    )
    def post(self, request: Request, list_id: str) -> Response:
        dlist = selectors.destruction_list_get(user=request.user, list_id=list_id)
        data = kit.validated(self.InputSerializer, request.data)
        dlist = services.destruction_list_cancel(actor=request.user, dlist=dlist, reason=data["reason"], channel=CHANNEL)
        return Response(ListOut(dlist).data)


def report_response(*, user: Any, list_id: Any) -> HttpResponse:
    dlist = selectors.destruction_list_get(user=user, list_id=list_id)
    response = HttpResponse(report_pdf(dlist), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="vernietigingsverslag-{dlist.number}.pdf"'
    return response


class DestructionReportApi(APIView):
    @extend_schema(
        operation_id="destruction_lists_report_pdf",
        tags=TAGS,
        summary="Vernietigingsverslag (PDF/UA), zonder persoonsgegevens",
        responses={(200, "application/pdf"): bytes},
    )
    def get(self, request: Request, list_id: str) -> HttpResponse:
        return report_response(user=request.user, list_id=list_id)
