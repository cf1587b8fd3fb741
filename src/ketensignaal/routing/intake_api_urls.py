"""API routes for registering and reading signals, included under /api/v1 by ketensignaal.api.urls (ADR 0009)."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.routing import intake_api as api

urlpatterns: list[URLPattern | URLResolver] = [
    path("signals", api.SignalCollectionApi.as_view(), name="api-signals"),
    path("my-signals", api.MySignalsApi.as_view(), name="api-my-signals"),
    path("signals/<uuid:signal_id>", api.SignalDetailApi.as_view(), name="api-signal"),
    path("signals/<uuid:signal_id>/attachments", api.SignalAttachmentsApi.as_view(), name="api-signal-attachments"),
    path(
        "signals/<uuid:signal_id>/attachments/<uuid:attachment_id>",
        api.SignalAttachmentDownloadApi.as_view(),
        name="api-signal-attachment",
    ),
]
