"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.screening import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("screening-checklists", api.ChecklistsApi.as_view(), name="api-screening-checklists"),
    path("persons/<str:person_id>/screenings", api.PersonScreeningsApi.as_view(), name="api-person-screenings"),
    path("screening-gaps", api.ScreeningGapsApi.as_view(), name="api-screening-gaps"),
]
