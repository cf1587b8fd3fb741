"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.intake import api

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
