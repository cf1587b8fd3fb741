"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.disclosures import api
from ketensignaal.governance import register_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("signals/<uuid:pk>/enrichments", api.SignalEnrichmentsView.as_view(), name="api-signal-enrichments"),
    path("signals/<uuid:pk>/disclosures", api.SignalDisclosuresView.as_view(), name="api-signal-disclosures"),
    path("signals/<uuid:pk>/naslag-requests", api.SignalNaslagRequestsView.as_view(), name="api-signal-naslag-requests"),
    path("naslag-requests/<uuid:pk>", api.NaslagRequestDetailView.as_view(), name="api-naslag-request"),
    path("naslag-requests/<uuid:pk>/answers", api.NaslagAnswersView.as_view(), name="api-naslag-answers"),
    path("ambtsberichten", api.AmbtsberichtenView.as_view(), name="api-ambtsberichten"),
    path("ambtsberichten/<uuid:pk>", api.AmbtsberichtDetailView.as_view(), name="api-ambtsbericht"),
    # The legal-basis register's API lives in governance; routed here so governance's own routes stay untouched.
    path("legal-basis-flows", register_api.LegalBasisFlowsView.as_view(), name="api-legal-basis-flows"),
    path("legal-basis-flows/<slug:code>", register_api.LegalBasisFlowDetailView.as_view(), name="api-legal-basis-flow"),
]
