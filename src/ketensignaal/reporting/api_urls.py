"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.reporting import api, programme_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("figures/signals", api.SignalFiguresApi.as_view(), name="figures-signals"),
    path("figures/lead-times", api.LeadTimesApi.as_view(), name="figures-lead-times"),
    path("figures/narratives", api.NarrativesApi.as_view(), name="figures-narratives"),
    path("figures/<slug:table>", api.FigureTableApi.as_view(), name="figures-table"),
    path("programme-measures", programme_api.ProgrammeMeasuresApi.as_view(), name="programme-measures"),
    path("progress-reports", programme_api.ProgressReportsApi.as_view(), name="progress-reports"),
    path("progress-reports/<slug:period>", programme_api.ProgressReportApi.as_view(), name="progress-report"),
    path("progress-reports/<slug:period>/report.pdf", programme_api.ProgressReportPdfApi.as_view(), name="progress-report-pdf"),
]
