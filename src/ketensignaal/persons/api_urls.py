"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.persons import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("persons/<uuid:person_id>", api.PersonApi.as_view(), name="api-person"),
    path("persons/<uuid:person_id>/merge", api.PersonMergeApi.as_view(), name="api-person-merge"),
    path("persons/<uuid:person_id>/unmerge", api.PersonUnmergeApi.as_view(), name="api-person-unmerge"),
    path(
        "signals/<uuid:signal_id>/person-candidates", api.SignalPersonCandidatesApi.as_view(), name="api-signal-person-candidates"
    ),
    path(
        "signals/<uuid:signal_id>/person-candidates/<uuid:person_id>/reject",
        api.SignalCandidateRejectApi.as_view(),
        name="api-signal-person-candidate-reject",
    ),
    path("signals/<uuid:signal_id>/link-person", api.SignalLinkPersonApi.as_view(), name="api-signal-link-person"),
]
