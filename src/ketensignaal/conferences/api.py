"""HTTP API of local case conferences (API.md "Local case conferences"); services hold every rule.

Each view has its own nested ``InputSerializer`` (strict: unknown fields are refused) and answers with
the case detail or a small output of its own.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.conferences import known_elsewhere, plan, reminders, selectors, services
from ketensignaal.conferences import serializers as s
from ketensignaal.conferences.exports import plan_pdf, zgw_export
from ketensignaal.conferences.models import ReviewMeetingOutcome, WarningChoice
from ketensignaal.core import serializers as kit
from ketensignaal.governance.sensitive import break_glass_require

TAGS = ["Casusoverleg"]
CHANNEL = "api"
PROBLEM = OpenApiResponse(description="problem+json; invalid_params noemt elk veld; er is niets gewijzigd.")
ERRORS: dict[Any, Any] = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}


def _valid(cls: type[serializers.Serializer], request: Request, pk: Any = None) -> dict[str, Any]:
    """Validated input; for a case the caller may not see, 404 comes before any complaint about the body."""
    unseen = (lambda: _case(request, pk)) if pk is not None else None
    return dict(kit.validated(cls, request.data, unseen_check=unseen))


def _int(value: Any, default: int) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() else default


def _raw_subject(request: Request) -> Any:
    """The subject as sent: the intake rules validate it (names stored exactly as entered)."""
    return request.data.get("subject") if isinstance(request.data, dict) else None


def _case(request: Request, pk: Any) -> Any:
    case = selectors.case_get(user=request.user, pk=pk, channel=CHANNEL)
    break_glass_require(request.user, "conference-case", case.pk)
    return case


def detail_response(request: Request, case: Any, status: int = 200) -> Response:
    fresh = selectors.case_get(user=request.user, pk=case.pk, channel=CHANNEL)
    page = selectors.case_page(user=request.user, case=fresh)
    return Response(s.CaseDetailOut(fresh, context={"page": page}).data, status=status)


def _gone_response(case: Any) -> Response:
    """After scale-down a partner may no longer see the case: answer with what it did, not the case."""
    return Response({"id": str(case.pk), "reference": case.reference, "phase": case.phase})


class CaseListCreate(APIView):
    class InputSerializer(kit.InputSerializer):
        municipality = serializers.CharField(help_text="Eenheidscode van de gemeente, bijv. gemeente.utrecht.")
        subject = s.SubjectIn()
        reason = serializers.CharField(allow_blank=True)
        signals = serializers.ListField(child=serializers.CharField(), required=False, default=list)

    class OutputSerializer(s.CaseDetailOut):
        pass

    @extend_schema(
        operation_id="conference_cases_list",
        tags=TAGS,
        summary="Casussen die u mag zien (nieuwste eerst, per pagina)",
        parameters=[
            OpenApiParameter("phase", str, description="Alleen casussen in deze fase."),
            OpenApiParameter("page", int, description="Paginanummer (vanaf 1)."),
            OpenApiParameter("pageSize", int, description="Aantal per pagina (standaard 50, hoogstens 200)."),
        ],
        responses={200: s.CaseListOut},
    )
    def get(self, request: Request) -> Response:
        listing = selectors.case_list(
            user=request.user,
            phase=request.query_params.get("phase") or None,
            page=_int(request.query_params.get("page"), 1),
            page_size=_int(request.query_params.get("pageSize"), selectors.PAGE_SIZE),
            channel=CHANNEL,
        )

        def link(page: int) -> str:
            query = request.query_params.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return Response(
            {
                "count": listing.count,
                "next": link(listing.page + 1) if listing.has_next else None,
                "previous": link(listing.page - 1) if listing.has_previous else None,
                "results": s.CaseSummaryOut(listing.rows, many=True).data,
            }
        )

    @extend_schema(
        operation_id="conference_cases_create",
        tags=TAGS,
        summary="Casus aanmelden (start in de weging)",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={201: OutputSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        data = _valid(self.InputSerializer, request)
        case = services.case_register(
            actor=request.user,
            municipality_code=data["municipality"],
            subject=_raw_subject(request),
            reason=data["reason"],
            signal_ids=data["signals"],
            channel=CHANNEL,
        )
        if not selectors.case_visible(user=request.user, case=case):
            return Response(
                {"id": str(case.pk), "reference": case.reference, "phase": case.phase, "municipality": case.municipality.code},
                status=201,
            )
        return detail_response(request, case, status=201)


class CaseDetail(APIView):
    class OutputSerializer(s.CaseDetailOut):
        pass

    @extend_schema(
        operation_id="conference_cases_read",
        tags=TAGS,
        summary="Eén casus",
        description="De teksten van interferentiewaarschuwingen (`detail`, `coordination`) in de taal van de lezer.",
        parameters=[kit.READER_LANGUAGE],
        responses={200: OutputSerializer, 404: PROBLEM},
    )
    def get(self, request: Request, pk: Any) -> Response:
        return detail_response(request, _case(request, pk))


class Triage(APIView):
    class InputSerializer(kit.InputSerializer):
        admitted = serializers.BooleanField()
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="conference_cases_triage",
        tags=TAGS,
        summary="Weging: toelaten tot het casusoverleg of niet",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.CaseDetailOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        case = services.case_triage(
            actor=request.user, case=_case(request, pk), admitted=data["admitted"], reason=data["reason"], channel=CHANNEL
        )
        return detail_response(request, case)


class Invitations(APIView):
    class InputSerializer(kit.InputSerializer):
        unit = serializers.CharField(
            help_text="Eenheidscode van een partner (bijv. om). Eenheden van de gemeente zelf (400 own_organisation) en de "
            "ingangen van het publieke meldpunt (400 not_a_partner) kunnen niet worden uitgenodigd."
        )
        purpose = serializers.CharField(allow_blank=True)
        justification = serializers.CharField(allow_blank=True, required=False, default="")

    class OutputSerializer(s.InvitationOut):
        pass

    @extend_schema(
        operation_id="conference_cases_invite",
        tags=TAGS,
        summary="Partner uitnodigen (over een geregistreerde gegevensstroom, met onderbouwing)",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={201: OutputSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        invitation = services.invitation_create(
            actor=request.user,
            case=_case(request, pk),
            unit_code=data["unit"],
            purpose=data["purpose"],
            justification=data["justification"],
            channel=CHANNEL,
        )
        return Response(self.OutputSerializer(invitation).data, status=201)


class InvitationDetail(APIView):
    @extend_schema(
        operation_id="conference_cases_invitation_withdraw",
        tags=TAGS,
        summary="Uitnodiging intrekken met reden (?note=…, verplicht); de eenheid krijgt daarna 404",
        responses={204: None, **ERRORS},
    )
    def delete(self, request: Request, pk: Any, invitation: Any) -> Response:
        services.invitation_withdraw(
            actor=request.user,
            case=_case(request, pk),
            invitation_id=invitation,
            note=str(request.query_params.get("note", "")),
            channel=CHANNEL,
        )
        return Response(status=204)


class CaseDirector(APIView):
    class InputSerializer(kit.InputSerializer):
        username = serializers.CharField()
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="conference_cases_case_director",
        tags=TAGS,
        summary="Casusregisseur aanwijzen (met reden)",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.CaseDetailOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        case = services.case_director_appoint(
            actor=request.user, case=_case(request, pk), username=data["username"], reason=data["reason"], channel=CHANNEL
        )
        return detail_response(request, case)


class MeasureCatalogue(APIView):
    @extend_schema(
        operation_id="measures_list",
        tags=TAGS,
        summary="Maatregelencatalogus",
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.MeasureTypeOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(s.MeasureTypeOut(selectors.measure_catalogue(), many=True).data)


class Measures(APIView):
    class InputSerializer(kit.InputSerializer):
        measure = serializers.CharField()
        owner = serializers.CharField()
        goal = serializers.CharField(allow_blank=True)
        review = serializers.DateField()
        expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)

    class OutputSerializer(s.MeasureOut):
        pass

    @extend_schema(
        operation_id="conference_cases_measures_create",
        tags=TAGS,
        summary="Maatregel in het plan van aanpak (met interferentiewaarschuwingen)",
        description="De waarschuwingen (`detail`, `coordination`) in de taal van de lezer (Accept-Language; Nederlands "
        "standaard), met de Engelse tekst ernaast in `detail_en` en `coordination_en`.",
        parameters=[kit.READER_LANGUAGE],
        request=InputSerializer,
        responses={201: OutputSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        measure, _warnings = plan.measure_propose(
            actor=request.user,
            case=_case(request, pk),
            measure_code=data["measure"],
            owner=data["owner"],
            goal=data["goal"],
            review=data["review"],
            expected_version=data["expected_version"],
            channel=CHANNEL,
        )
        fresh = selectors.measure_get(user=request.user, pk=measure.pk)
        return Response(self.OutputSerializer(fresh).data, status=201)


class WarningAcknowledge(APIView):
    class InputSerializer(kit.InputSerializer):
        choice = serializers.ChoiceField(choices=WarningChoice.choices)
        note = serializers.CharField(allow_blank=True, required=False, default="")

    @extend_schema(
        operation_id="conference_cases_warning_acknowledge",
        tags=TAGS,
        summary="Interferentiewaarschuwing bevestigen met een vastgelegde keuze",
        parameters=[kit.READER_LANGUAGE],
        request=InputSerializer,
        responses={200: s.WarningOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any, warning: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        plan.warning_acknowledge(
            actor=request.user,
            case=_case(request, pk),
            warning_id=warning,
            choice=data["choice"],
            note=data["note"],
            channel=CHANNEL,
        )
        return Response(s.WarningOut(selectors.warning_get(user=request.user, pk=warning)).data)


class PlanGoals(APIView):
    class InputSerializer(kit.InputSerializer):
        goals = serializers.CharField(allow_blank=True)
        sentence_in_execution = serializers.BooleanField(required=False, allow_null=True, default=None)
        expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="conference_cases_plan_update",
        tags=TAGS,
        summary="Doelen van het plan van aanpak (409 als iemand anders intussen wijzigde)",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.CaseDetailOut, **ERRORS},
    )
    def put(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        case = plan.plan_goals_set(
            actor=request.user,
            case=_case(request, pk),
            goals=data["goals"],
            expected_version=data["expected_version"],
            channel=CHANNEL,
        )
        if data["sentence_in_execution"] is not None:
            case = plan.sentence_set(actor=request.user, case=case, in_execution=data["sentence_in_execution"], channel=CHANNEL)
        return detail_response(request, case)


class Reviews(APIView):
    class InputSerializer(kit.InputSerializer):
        summary = serializers.CharField(allow_blank=True)
        changes_since_last = serializers.CharField(allow_blank=True)
        next_review = serializers.DateField()

    @extend_schema(
        operation_id="conference_cases_reviews_create",
        tags=TAGS,
        summary="Herbeoordeling (wat is er veranderd sinds de vorige)",
        request=InputSerializer,
        responses={201: s.ReviewOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        review = plan.review_record(actor=request.user, case=_case(request, pk), channel=CHANNEL, **data)
        return Response(s.ReviewOut(review).data, status=201)


class ReviewMeeting(APIView):
    class InputSerializer(kit.InputSerializer):
        outcome = serializers.ChoiceField(choices=ReviewMeetingOutcome.choices)
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="conference_cases_review_meeting_create",
        tags=TAGS,
        summary="Oordeel van het toetsingsoverleg over het plan van aanpak (gemeenten met een toetsingsoverleg)",
        request=InputSerializer,
        responses={201: s.ReviewMeetingDecisionOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        decision = plan.review_meeting_decide(actor=request.user, case=_case(request, pk), channel=CHANNEL, **data)
        return Response(s.ReviewMeetingDecisionOut(decision).data, status=201)


class ConferenceReports(APIView):
    class OutputSerializer(s.ReportFeedbackOut):
        pass

    @extend_schema(
        operation_id="conference_reports_list",
        tags=TAGS,
        summary="Wat werd er van de aanmeldingen van mijn eenheid bij gemeenten: toegelaten of niet, verder niets",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = reminders.feedback_for(user=request.user)
        return Response(self.OutputSerializer(rows, many=True).data)


class Notes(APIView):
    class InputSerializer(kit.InputSerializer):
        text = serializers.CharField(allow_blank=True)
        own_judgement = serializers.BooleanField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="conference_cases_notes_create",
        tags=TAGS,
        summary="Voortgang of inbreng van een partner",
        request=InputSerializer,
        responses={201: s.NoteOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        note = services.note_add(
            actor=request.user, case=_case(request, pk), text=data["text"], own_judgement=data["own_judgement"], channel=CHANNEL
        )
        return Response(s.NoteOut(note).data, status=201)


class ScaleDown(APIView):
    class InputSerializer(kit.InputSerializer):
        reason = serializers.CharField(allow_blank=True)
        attention_until = serializers.DateField()

    @extend_schema(
        operation_id="conference_cases_scale_down",
        tags=TAGS,
        summary="Afschalen (uitgenodigde eenheden verliezen toegang)",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.CaseDetailOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        case = services.case_scale_down(
            actor=request.user,
            case=_case(request, pk),
            reason=data["reason"],
            attention_until=data["attention_until"],
            channel=CHANNEL,
        )
        if not selectors.case_visible(user=request.user, case=case):
            return _gone_response(case)
        return detail_response(request, case)


class Close(APIView):
    class InputSerializer(kit.InputSerializer):
        reason = serializers.CharField(allow_blank=True)

    @extend_schema(
        operation_id="conference_cases_close",
        tags=TAGS,
        summary="Afgeschaalde casus afsluiten",
        request=InputSerializer,
        parameters=[kit.READER_LANGUAGE],
        responses={200: s.CaseDetailOut, **ERRORS},
    )
    def post(self, request: Request, pk: Any) -> Response:
        data = _valid(self.InputSerializer, request, pk)
        case = services.case_close(actor=request.user, case=_case(request, pk), reason=data["reason"], channel=CHANNEL)
        return detail_response(request, case)


class KnownElsewhere(APIView):
    class InputSerializer(kit.InputSerializer):
        subject = s.SubjectIn()

    class OutputSerializer(kit.OutputSerializer):
        known_elsewhere = serializers.BooleanField()

    @extend_schema(
        operation_id="conference_cases_known_elsewhere",
        tags=TAGS,
        summary="Is deze persoon elders een casus? Alleen hit of geen hit",
        request=InputSerializer,
        responses={200: OutputSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        _valid(self.InputSerializer, request)
        hit = known_elsewhere.known_elsewhere_ask(actor=request.user, subject=_raw_subject(request), channel=CHANNEL)
        return Response({"known_elsewhere": hit})


class PlanPdf(APIView):
    @extend_schema(
        operation_id="conference_cases_plan_pdf",
        tags=TAGS,
        summary="Plan van aanpak (PDF/UA)",
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF"), 404: PROBLEM},
    )
    def get(self, request: Request, pk: Any) -> HttpResponse:
        case = _case(request, pk)
        return plan_pdf_response(request, case, channel=CHANNEL)


def plan_pdf_response(request: Any, case: Any, *, channel: str) -> HttpResponse:
    page = selectors.case_page(user=request.user, case=case)
    content = plan_pdf(page=page, actor=request.user, channel=channel)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-van-aanpak-{case.reference}.pdf"'
    return response


class ZgwExport(APIView):
    @extend_schema(
        operation_id="conference_cases_zgw_export",
        tags=TAGS,
        summary="Export als ZGW-zaak met documenten (voor het eigen zaaksysteem)",
        responses={200: OpenApiResponse(description="ZGW Zaak, status, rollen en documenten (JSON)"), **ERRORS},
    )
    def get(self, request: Request, pk: Any) -> Response:
        case = _case(request, pk)
        page = selectors.case_page(user=request.user, case=case)
        return Response(zgw_export(page=page, actor=request.user, channel=CHANNEL))
