"""HTTP API of the LIV trajectory (API.md "LIV trajectories"); services hold every rule."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ketensignaal.core.errors import NotAllowed, Unprocessable
from ketensignaal.trajectories import deadlines, selectors, services, team
from ketensignaal.trajectories import serializers as s
from ketensignaal.trajectories.figures import liv_figures
from ketensignaal.trajectories.models import Source
from ketensignaal.trajectories.report import report_pdf

TAGS = ["LIV-trajecten"]
NOT_READY = OpenApiResponse(
    description="Niet verwerkbaar (problem+json): wat ontbreekt staat in invalid_params; er is niets gewijzigd."
)
WORK_RESPONSES: dict[Any, Any] = {200: s.TrajectoryWorkOut, 201: s.TrajectoryWorkOut, 409: NOT_READY, 422: NOT_READY}
CHANNEL = "api"


def _valid(serializer_class: type, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(request: Request, trajectory: Any, status: int = 200) -> Response:
    fresh = selectors.trajectory_get(user=request.user, pk=trajectory.pk, channel=CHANNEL)
    if selectors.can_see_working_file(request.user, fresh):
        return Response(s.TrajectoryWorkOut(s.work_representation(fresh, request.user)).data, status=status)
    return Response(s.TrajectoryStatusOut(s.status_representation(fresh)).data, status=status)


class TrajectoryListCreate(APIView):
    @extend_schema(
        operation_id="liv_trajectories_list",
        tags=TAGS,
        summary="LIV-trajecten die u mag zien",
        responses={200: s.TrajectoryListOut},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.trajectory_list(user=request.user, phase=request.query_params.get("phase") or None, channel=CHANNEL)
        work = selectors.working_file_ids(request.user, rows)
        body = {"count": len(rows), "results": [s.list_representation(t, working_file=t.pk in work) for t in rows]}
        return Response(s.TrajectoryListOut(body).data)

    @extend_schema(
        operation_id="liv_trajectories_create",
        tags=TAGS,
        request=s.TrajectoryRequestIn,
        summary="Aanmelding bij het LIV",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request) -> Response:
        data = _valid(s.TrajectoryRequestIn, request)
        trajectory = services.trajectory_request(
            actor=request.user,
            client_code=data["client"],
            question=data["question"],
            signal_id=data.get("signal") or None,
            source=data.get("source") or (Source.DIRECT if not data.get("signal") else Source.PARTNER),
            channel=CHANNEL,
            person_language=data.get("person_language", ""),
            interpreter_needed=data.get("interpreter_needed"),
        )
        return _detail(request, trajectory, status=201)


class TrajectoryDetail(APIView):
    @extend_schema(
        operation_id="liv_trajectories_read",
        tags=TAGS,
        summary="Eén LIV-traject (status, of het werkdossier voor het LIV)",
        responses=WORK_RESPONSES,
    )
    def get(self, request: Request, pk: str) -> Response:
        trajectory = selectors.trajectory_get(user=request.user, pk=pk, channel=CHANNEL)
        return _detail(request, trajectory)


class _WorkView(APIView):
    """Base for endpoints on the working file: 404 for everyone outside the LIV team."""

    def trajectory(self, request: Request, pk: str) -> Any:
        return selectors.trajectory_get_for_work(user=request.user, pk=pk)


class Weigh(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_weigh",
        tags=TAGS,
        request=s.WeighIn,
        summary="Wegingsmoment: aannemen of niet",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request, pk: str) -> Response:
        data = _valid(s.WeighIn, request)
        t = services.trajectory_weigh(
            actor=request.user,
            trajectory=self.trajectory(request, pk),
            accepted=data["accepted"],
            answers=data["answers"],
            reason=data["reason"],
            underlying_problem=data["underlying_problem"],
            channel=CHANNEL,
        )
        return _detail(request, t)


class Advance(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_advance",
        tags=TAGS,
        request=None,
        summary="Naar de volgende fase",
        responses={
            200: OpenApiResponse(description="Nieuwe fase"),
            422: OpenApiResponse(description="Verplichte velden ontbreken"),
        },
    )
    def post(self, request: Request, pk: str) -> Response:
        t = services.trajectory_advance(actor=request.user, trajectory=self.trajectory(request, pk), channel=CHANNEL)
        return _detail(request, t)


class PhaseAnswers(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_phase_fill",
        tags=TAGS,
        request=s.PhaseAnswersIn,
        summary="Format van een fase invullen",
        responses=WORK_RESPONSES,
    )
    def put(self, request: Request, pk: str, phase: str) -> Response:
        data = _valid(s.PhaseAnswersIn, request)
        t = self.trajectory(request, pk)
        services.trajectory_phase_fill(actor=request.user, trajectory=t, phase=phase, answers=data["answers"], channel=CHANNEL)
        return _detail(request, t)


class Factors(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_factor_record",
        tags=TAGS,
        request=s.FactorIn,
        summary="Risico- of beschermende factor vastleggen",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request, pk: str) -> Response:
        data = _valid(s.FactorIn, request)
        t = self.trajectory(request, pk)
        services.trajectory_factor_record(
            actor=request.user,
            trajectory=t,
            factor_code=data["factor"],
            presence=data["presence"],
            explanation=data["explanation"],
            source=data["source"],
            channel=CHANNEL,
        )
        return _detail(request, t)


class Team(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_assign",
        tags=TAGS,
        request=s.AssignIn,
        summary="Expert of medewerker toewijzen",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request, pk: str) -> Response:
        data = _valid(s.AssignIn, request)
        t = self.trajectory(request, pk)
        team.trajectory_member_assign(
            actor=request.user,
            trajectory=t,
            expert_id=data["expert"],
            staff_username=data["staff"],
            task=data["task"],
            channel=CHANNEL,
        )
        return _detail(request, t, status=201)


class Interpreter(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_interpreter",
        tags=TAGS,
        request=s.InterpreterIn,
        summary="Taal en tolkbehoefte",
        responses=WORK_RESPONSES,
    )
    def put(self, request: Request, pk: str) -> Response:
        data = _valid(s.InterpreterIn, request)
        t = self.trajectory(request, pk)
        services.trajectory_interpreter_set(
            actor=request.user, trajectory=t, language=data["person_language"], needed=data["interpreter_needed"], channel=CHANNEL
        )
        return _detail(request, t)


class DeadlineAction(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_deadline",
        tags=TAGS,
        request=s.ExtendIn,
        summary="Termijn pauzeren, hervatten of verlengen",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request, pk: str, action: str) -> Response:
        t = self.trajectory(request, pk)
        if action == "extend":
            data = _valid(s.ExtendIn, request)
            deadlines.trajectory_deadline_extend(
                actor=request.user, trajectory=t, new_deadline=data["new_deadline"], reason=data["reason"], channel=CHANNEL
            )
        elif action in ("pause", "resume"):
            data = _valid(s.ReasonIn, request)
            fn = deadlines.trajectory_deadline_pause if action == "pause" else deadlines.trajectory_deadline_resume
            fn(actor=request.user, trajectory=t, reason=data["reason"], channel=CHANNEL)
        else:
            from django.http import Http404

            raise Http404
        return _detail(request, t)


class ConclusionView(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_conclusion",
        tags=TAGS,
        request=s.ConclusionIn,
        summary="Conclusie en advies vastleggen",
        responses=WORK_RESPONSES,
    )
    def put(self, request: Request, pk: str) -> Response:
        data = _valid(s.ConclusionIn, request)
        t = self.trajectory(request, pk)
        services.trajectory_conclusion_record(actor=request.user, trajectory=t, channel=CHANNEL, **data)
        return _detail(request, t)


class ReportDelivery(_WorkView):
    @extend_schema(
        operation_id="liv_trajectories_report_deliver",
        tags=TAGS,
        request=None,
        summary="Adviesrapport verstrekken aan de opdrachtgever",
        responses=WORK_RESPONSES,
    )
    def post(self, request: Request, pk: str) -> Response:
        t = services.trajectory_report_deliver(actor=request.user, trajectory=self.trajectory(request, pk), channel=CHANNEL)
        return _detail(request, t)


def report_response(*, user: Any, pk: str, channel: str) -> HttpResponse:
    """Shared by API and web: LIV from advice on; requesting unit and client only once delivered."""
    trajectory = selectors.trajectory_report_get(user=user, pk=pk, channel=channel)
    if not selectors.can_see_working_file(user, trajectory):
        if trajectory.report_delivered_at is None:
            from django.http import Http404

            raise Http404
    else:
        missing = services.report_missing(trajectory)
        if missing:
            raise Unprocessable(
                gettext("Het adviesrapport is nog niet beschikbaar; zie de toelichting per veld."),
                code="report_not_ready",
                invalid_params=missing,
            )
    response = HttpResponse(report_pdf(trajectory), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="adviesrapport-{trajectory.reference}.pdf"'
    return response


class ReportPdf(APIView):
    @extend_schema(
        operation_id="liv_trajectories_report_pdf",
        tags=TAGS,
        responses={(200, "application/pdf"): bytes, 422: NOT_READY},
        summary="Adviesrapport (PDF/UA)",
    )
    def get(self, request: Request, pk: str) -> HttpResponse:
        return report_response(user=request.user, pk=pk, channel=CHANNEL)


class ExpertPool(APIView):
    @extend_schema(operation_id="liv_experts_list", tags=TAGS, summary="Expertpool van het LIV", responses={200: s.ExpertListOut})
    def get(self, request: Request) -> Response:
        if not selectors.is_liv_member(request.user):
            raise NotAllowed(gettext("Alleen het LIV ziet de expertpool."))
        return Response(
            s.ExpertListOut(
                {
                    "results": [
                        {
                            "id": e.pk,
                            "name": e.name,
                            "expertise": e.expertise,
                            "languages": e.languages,
                            "availability": [
                                {"from": a.starts_on.isoformat(), "until": a.ends_on.isoformat()} for a in e.availability.all()
                            ],
                        }
                        for e in selectors.expert_pool(user=request.user)
                    ]
                }
            ).data
        )


class FiguresView(APIView):
    @extend_schema(
        operation_id="liv_figures_read",
        tags=TAGS,
        summary="Cijfers over het werk van het LIV (kleine aantallen als '< 5')",
        responses={200: s.FiguresOut},
    )
    def get(self, request: Request) -> Response:
        figures = liv_figures(user=request.user)
        return Response(s.FiguresOut({"rows": [{"section": a, "label": b, "value": c} for a, b, c in figures.rows()]}).data)
