"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.identity import views

app_name = "identity"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api-tokens", views.api_tokens_view, name="api-tokens"),
    path("api-tokens/<int:pk>/intrekken", views.api_token_revoke_view, name="api-token-revoke"),
]
