"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.trajectories import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("liv-trajectories", api.TrajectoryListCreate.as_view(), name="liv-trajectories"),
    path("liv-trajectories/<uuid:pk>", api.TrajectoryDetail.as_view(), name="liv-trajectory"),
    path("liv-trajectories/<uuid:pk>/weigh", api.Weigh.as_view(), name="liv-trajectory-weigh"),
    path("liv-trajectories/<uuid:pk>/advance", api.Advance.as_view(), name="liv-trajectory-advance"),
    path("liv-trajectories/<uuid:pk>/phases/<slug:phase>", api.PhaseAnswers.as_view(), name="liv-trajectory-phase"),
    path("liv-trajectories/<uuid:pk>/factors", api.Factors.as_view(), name="liv-trajectory-factors"),
    path("liv-trajectories/<uuid:pk>/team", api.Team.as_view(), name="liv-trajectory-team"),
    path("liv-trajectories/<uuid:pk>/interpreter", api.Interpreter.as_view(), name="liv-trajectory-interpreter"),
    path("liv-trajectories/<uuid:pk>/deadline/<slug:action>", api.DeadlineAction.as_view(), name="liv-trajectory-deadline"),
    path("liv-trajectories/<uuid:pk>/conclusion", api.ConclusionView.as_view(), name="liv-trajectory-conclusion"),
    path("liv-trajectories/<uuid:pk>/report-delivery", api.ReportDelivery.as_view(), name="liv-trajectory-report-delivery"),
    path("liv-trajectories/<uuid:pk>/report.pdf", api.ReportPdf.as_view(), name="liv-trajectory-report"),
    path("liv-experts", api.ExpertPool.as_view(), name="liv-experts"),
    path("liv-figures", api.FiguresView.as_view(), name="liv-figures"),
]
