from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]), name="openapi"),
    path("", include("ketensignaal.identity.api_urls")),
    path("", include("ketensignaal.governance.api_urls")),
    path("", include("ketensignaal.configuration.api_urls")),
    path("", include("ketensignaal.routing.intake_api_urls")),
    path("", include("ketensignaal.routing.api_urls")),
    path("", include("ketensignaal.persons.api_urls")),
    path("", include("ketensignaal.disclosures.api_urls")),
    path("", include("ketensignaal.coordination.api_urls")),
    path("", include("ketensignaal.trajectories.api_urls")),
    path("", include("ketensignaal.conferences.api_urls")),
    path("", include("ketensignaal.screening.api_urls")),
    path("", include("ketensignaal.reporting.api_urls")),
    path("", include("ketensignaal.training.api_urls")),
    path("", include("ketensignaal.retention.api_urls")),
    path("", include("ketensignaal.privacy.api_urls")),
    path("", include("ketensignaal.publicreports.api_urls")),
    path("", include("ketensignaal.webhooks.api_urls")),
    path("", include("ketensignaal.intelligence.api_urls")),
    path("", include("ketensignaal.informationneeds.api_urls")),
]
