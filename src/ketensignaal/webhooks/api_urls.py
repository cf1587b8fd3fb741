"""API routes of webhooks, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.webhooks import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("webhook-subscriptions", api.WebhookSubscriptionsApi.as_view(), name="webhook-subscriptions"),
]
