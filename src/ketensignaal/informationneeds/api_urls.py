"""API routes of the information-needs inventory, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.informationneeds import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("information-needs", api.InformationNeedsApi.as_view(), name="information-needs"),
]
