"""API routes of inbound intelligence and briefings, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.intelligence import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("inbound-messages", api.InboundMessagesApi.as_view(), name="inbound-messages"),
    path("inbound-messages/<uuid:pk>/follow-up", api.InboundFollowUpApi.as_view(), name="inbound-message-follow-up"),
    path(
        "inbound-messages/<uuid:pk>/inspection-requests",
        api.InspectionRequestsApi.as_view(),
        name="inbound-message-inspection-requests",
    ),
    path("inspection-requests/<uuid:pk>/outcome", api.InspectionOutcomeApi.as_view(), name="inspection-request-outcome"),
    path("briefings", api.BriefingsApi.as_view(), name="briefings"),
    path("briefings/<uuid:pk>/read", api.BriefingReadApi.as_view(), name="briefing-read"),
]
