"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.screening import api
from ketensignaal.screening.watchlists import api as watch_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("screening-checklists", api.ChecklistsApi.as_view(), name="api-screening-checklists"),
    path("persons/<str:person_id>/screenings", api.PersonScreeningsApi.as_view(), name="api-person-screenings"),
    path("screening-gaps", api.ScreeningGapsApi.as_view(), name="api-screening-gaps"),
    path("watch-lists", watch_api.WatchListsApi.as_view(), name="api-watch-lists"),
    path("watch-lists/<str:pk>/imports", watch_api.WatchListImportsApi.as_view(), name="api-watch-list-imports"),
    path(
        "persons/<str:person_id>/watch-list-checks",
        watch_api.PersonWatchListChecksApi.as_view(),
        name="api-person-watch-list-checks",
    ),
    path("watch-list-checks/bulk", watch_api.WatchListBulkCheckApi.as_view(), name="api-watch-list-checks-bulk"),
    path("watch-list-checks/<str:pk>", watch_api.WatchListCheckApi.as_view(), name="api-watch-list-check"),
    path("watch-list-hits/<str:pk>/decision", watch_api.WatchListHitDecisionApi.as_view(), name="api-watch-list-hit-decision"),
]
