"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.reporting import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("figures/signals", api.SignalFiguresApi.as_view(), name="figures-signals"),
    path("figures/lead-times", api.LeadTimesApi.as_view(), name="figures-lead-times"),
    path("figures/narratives", api.NarrativesApi.as_view(), name="figures-narratives"),
    path("figures/<slug:table>", api.FigureTableApi.as_view(), name="figures-table"),
]
