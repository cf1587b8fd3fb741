"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.identity import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("me", api.MeView.as_view(), name="me"),
    path("api-tokens", api.ApiTokenListView.as_view(), name="api-token-list"),
    path("api-tokens/<int:pk>", api.ApiTokenDetailView.as_view(), name="api-token-detail"),
]
