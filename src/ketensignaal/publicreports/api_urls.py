"""API routes of the public channel, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.publicreports import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("public-reports/challenge", api.PublicReportChallengeApi.as_view(), name="public-reports-challenge"),
    path("public-reports", api.PublicReportCreateApi.as_view(), name="public-reports"),
    path("public-reports/<str:receipt>/additions", api.PublicAdditionCreateApi.as_view(), name="public-report-additions"),
]
