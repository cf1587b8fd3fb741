"""API of data-subject requests (contact point only; anyone else gets 403 on the list and 404 on a request)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import NotAllowed
from ketensignaal.core.serializers import InputSerializer, OutputSerializer, validated
from ketensignaal.privacy import selectors, services
from ketensignaal.privacy.answer import answer_pdf
from ketensignaal.privacy.models import Decision, Outcome, RequestKind, SubjectRequest
from ketensignaal.privacy.scopes import may_handle_subject_requests

TAGS = ["Verzoeken van betrokkenen"]
CHANNEL = "api"
PROBLEM = OpenApiResponse(description="problem+json; invalid_params noemt elk veld; er is niets gewijzigd.")
ERRORS: dict[Any, Any] = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM, 422: PROBLEM}


class SubjectRequestNameIn(InputSerializer):
    name = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="Zoals geschreven, in elk schrift.")
    script = serializers.CharField(required=False, allow_blank=True, help_text="ISO 15924.")
    kind = serializers.CharField(required=False, allow_blank=True)


class SubjectRequestSubjectIn(InputSerializer):
    """Wie de verzoeker zegt te zijn, in de vorm van het subject van een signaal."""

    names = SubjectRequestNameIn(many=True)
    v_number = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.CharField(required=False, allow_blank=True, help_text="JJJJ, JJJJ-MM of JJJJ-MM-DD.")
    nationality = serializers.CharField(required=False, allow_blank=True)


class SubjectRequestGroundOut(OutputSerializer):
    code = serializers.CharField()
    name = serializers.CharField(source="label")
    legal_source = serializers.CharField()
    may_mention = serializers.BooleanField()


class SubjectRequestItemOut(OutputSerializer):
    id = serializers.IntegerField()
    object_type = serializers.CharField()
    holder = serializers.CharField()
    description = serializers.CharField(source="label", help_text="Wat het gegeven is, zonder de inhoud.")
    content = serializers.CharField()
    decision = serializers.ChoiceField(choices=Decision.choices)
    ground = SubjectRequestGroundOut(allow_null=True)
    decision_note = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    erasure_result = serializers.CharField(help_text="Bij wissing na beantwoorden: destroyed of gone; anders leeg.")


class SubjectRequestOut(OutputSerializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    display_name = serializers.CharField()
    received_at = serializers.DateTimeField()
    deadline = serializers.DateField()
    extended_until = serializers.DateField(allow_null=True)
    extension_reason = serializers.CharField()
    person = serializers.UUIDField(source="person_id", allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField(help_text="Beperking en bezwaar: granted of rejected; leeg zolang niet beslist.")
    outcome_reasons = serializers.CharField()


class SubjectRequestDetailOut(SubjectRequestOut):
    items = serializers.SerializerMethodField()

    def get_items(self, obj: SubjectRequest) -> Any:
        return SubjectRequestItemOut(self.context["items"], many=True).data


def _detail(request: Request, subject_request: SubjectRequest, status: int = 200) -> Response:
    items = selectors.request_items(user=request.user, request=subject_request)
    return Response(SubjectRequestDetailOut(subject_request, context={"items": items}).data, status=status)


def _unseen(request: Request, pk: Any) -> Any:
    return lambda: selectors.subject_request_get(user=request.user, request_id=pk, channel=CHANNEL)


class SubjectRequestsApi(APIView):
    class InputSerializer(InputSerializer):
        kind = serializers.ChoiceField(choices=RequestKind.choices)
        subject = SubjectRequestSubjectIn()
        received_at = serializers.DateTimeField(required=False, help_text="Ontvangen op; standaard nu.")
        request_text = serializers.CharField(required=False, allow_blank=True, help_text="Wat de verzoeker vraagt.")

    class OutputSerializer(SubjectRequestOut):
        pass

    @extend_schema(operation_id="subject_requests_list", tags=TAGS, responses={200: SubjectRequestOut(many=True), 403: PROBLEM})
    def get(self, request: Request) -> Response:
        if not may_handle_subject_requests(request.user):
            raise NotAllowed(gettext("Alleen de privacyfunctionaris van het contactpunt ziet verzoeken van betrokkenen."))
        return Response(SubjectRequestOut(selectors.subject_request_list(user=request.user), many=True).data)

    @extend_schema(
        operation_id="subject_requests_create", tags=TAGS, request=InputSerializer, responses={201: SubjectRequestOut, **ERRORS}
    )
    def post(self, request: Request) -> Response:
        if not may_handle_subject_requests(request.user):
            raise NotAllowed(gettext("Alleen de privacyfunctionaris van het contactpunt registreert verzoeken van betrokkenen."))
        data = validated(self.InputSerializer, request.data)
        subject_request, created = services.subject_request_register(
            actor=request.user,
            kind=data["kind"],
            subject=data["subject"],
            received_at=data.get("received_at"),
            request_text=data.get("request_text", ""),
            channel=CHANNEL,
        )
        return Response(SubjectRequestOut(subject_request).data, status=201 if created else 200)


class SubjectRequestApi(APIView):
    @extend_schema(operation_id="subject_requests_retrieve", tags=TAGS, responses={200: SubjectRequestDetailOut, 404: PROBLEM})
    def get(self, request: Request, pk: Any) -> Response:
        return _detail(request, selectors.subject_request_get(user=request.user, request_id=pk, channel=CHANNEL))


class SubjectRequestCandidateOut(OutputSerializer):
    person = serializers.UUIDField(source="person.pk")
    display_name = serializers.CharField(source="person.display_name")
    similarity = serializers.FloatField(source="candidate.similarity", help_text="Alleen voor de volgorde; een mens kiest.")
    proposed_reason = serializers.CharField(source="candidate.proposed_reason")
    explanation = serializers.DictField(source="candidate.explanation")


class SubjectRequestCandidatesApi(APIView):
    @extend_schema(
        operation_id="subject_requests_candidates",
        tags=TAGS,
        summary="Kandidaat-personen uit de matcher; de behandelaar kiest",
        responses={200: SubjectRequestCandidateOut(many=True), 400: PROBLEM, 404: PROBLEM},
    )
    def get(self, request: Request, pk: Any) -> Response:
        subject_request = selectors.subject_request_get(user=request.user, request_id=pk, channel=CHANNEL)
        found = selectors.subject_request_candidates(user=request.user, request=subject_request, channel=CHANNEL)
        return Response(SubjectRequestCandidateOut(found, many=True).data)


class SubjectRequestMatchApi(APIView):
    class InputSerializer(InputSerializer):
        person = serializers.UUIDField(required=False, allow_null=True, help_text="De gekozen persoon; leeg met no_record.")
        no_record = serializers.BooleanField(required=False, default=False, help_text="Geen van de kandidaten is de verzoeker.")
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="subject_requests_match",
        tags=TAGS,
        request=InputSerializer,
        responses={200: SubjectRequestDetailOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=_unseen(request, pk))
        if data.get("no_record"):
            subject_request = services.subject_request_no_record(
                actor=request.user, request_id=pk, reason=data["reason"], channel=CHANNEL
            )
        else:
            subject_request = services.subject_request_match(
                actor=request.user, request_id=pk, person_id=data.get("person"), reason=data["reason"], channel=CHANNEL
            )
        return _detail(request, subject_request)


class SubjectRequestExtendApi(APIView):
    class InputSerializer(InputSerializer):
        months = serializers.IntegerField(min_value=1, max_value=2)
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="subject_requests_extend", tags=TAGS, request=InputSerializer, responses={200: SubjectRequestOut, **ERRORS}
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=_unseen(request, pk))
        subject_request = services.subject_request_extend(
            actor=request.user, request_id=pk, months=data["months"], reason=data["reason"], channel=CHANNEL
        )
        return Response(SubjectRequestOut(subject_request).data)


class SubjectRequestItemApi(APIView):
    class InputSerializer(InputSerializer):
        decision = serializers.ChoiceField(
            choices=[Decision.DISCLOSE, Decision.WITHHOLD, Decision.ERASE, Decision.REFUSE],
            help_text="disclose/withhold bij inzage, rectificatie, beperking en bezwaar; erase/refuse bij wissing.",
        )
        ground = serializers.CharField(
            required=False, allow_blank=True, help_text="Code van de grond; verplicht bij withhold en refuse."
        )
        note = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        operation_id="subject_requests_item_decide",
        tags=TAGS,
        request=InputSerializer,
        responses={200: SubjectRequestItemOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any, item_id: int) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=_unseen(request, pk))
        item = services.request_item_decide(
            actor=request.user,
            request_id=pk,
            item_id=item_id,
            decision=data["decision"],
            ground=data.get("ground", ""),
            note=data.get("note", ""),
            channel=CHANNEL,
        )
        return Response(SubjectRequestItemOut(item).data)


class SubjectRequestRectificationOut(OutputSerializer):
    id = serializers.IntegerField()
    field = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()
    reason = serializers.CharField()
    made_at = serializers.DateTimeField()


class SubjectRequestRectifyApi(APIView):
    class InputSerializer(InputSerializer):
        field = serializers.ChoiceField(choices=["display_name", "date_of_birth", "nationality", "v_number"])
        value = serializers.CharField(allow_blank=True)
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="subject_requests_rectify",
        tags=TAGS,
        summary="Een gegeven van het persoonsrecord corrigeren (rectificatie, AVG art. 16)",
        request=InputSerializer,
        responses={201: SubjectRequestRectificationOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=_unseen(request, pk))
        rectification = services.subject_request_rectify(
            actor=request.user, request_id=pk, field=data["field"], value=data["value"], reason=data["reason"], channel=CHANNEL
        )
        return Response(SubjectRequestRectificationOut(rectification).data, status=201)


class SubjectRequestDecideApi(APIView):
    class InputSerializer(InputSerializer):
        outcome = serializers.ChoiceField(choices=Outcome.choices)
        reasons = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="subject_requests_decide",
        tags=TAGS,
        summary="Beslissen op een verzoek om beperking of een bezwaar, met motivering",
        request=InputSerializer,
        responses={200: SubjectRequestOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = validated(self.InputSerializer, request.data, unseen_check=_unseen(request, pk))
        subject_request = services.subject_request_decide(
            actor=request.user, request_id=pk, outcome=data["outcome"], reasons=data["reasons"], channel=CHANNEL
        )
        return Response(SubjectRequestOut(subject_request).data)


class SubjectRequestAnswerApi(APIView):
    @extend_schema(operation_id="subject_requests_answer", tags=TAGS, request=None, responses={200: SubjectRequestOut, **ERRORS})
    def post(self, request: Request, pk: Any) -> Response:
        selectors.subject_request_get(user=request.user, request_id=pk, channel=CHANNEL)
        subject_request = services.subject_request_answer(actor=request.user, request_id=pk, channel=CHANNEL)
        return Response(SubjectRequestOut(subject_request).data)


class SubjectRequestAnswerPdfApi(APIView):
    @extend_schema(
        operation_id="subject_requests_answer_pdf",
        tags=TAGS,
        responses={(200, "application/pdf"): OpenApiResponse(description="Het antwoordpakket (PDF/UA)"), **ERRORS},
    )
    def get(self, request: Request, pk: Any) -> HttpResponse:
        return answer_pdf_response(request, pk, channel=CHANNEL)


def answer_pdf_response(request: Any, pk: Any, *, channel: str) -> HttpResponse:
    subject_request = selectors.subject_request_get(user=request.user, request_id=pk, channel=channel)
    content = answer_pdf(subject_request, selectors.request_items(user=request.user, request=subject_request))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="antwoord-{subject_request.reference}.pdf"'
    return response


class RestrictionGroundsApi(APIView):
    @extend_schema(operation_id="restriction_grounds_list", tags=TAGS, responses={200: SubjectRequestGroundOut(many=True)})
    def get(self, request: Request) -> Response:
        return Response(SubjectRequestGroundOut(selectors.restriction_grounds(), many=True).data)
