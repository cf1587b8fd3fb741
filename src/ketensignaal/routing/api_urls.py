"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.routing import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox", api.InboxApi.as_view(), name="api-inbox"),
    path("inbox/acute-elsewhere", api.AcuteElsewhereApi.as_view(), name="api-inbox-acute-elsewhere"),
    path("waiting-on-others", api.WaitingOnOthersApi.as_view(), name="api-waiting-on-others"),
    path("signals/<uuid:signal_id>/history", api.SignalHistoryApi.as_view(), name="api-signal-history"),
    path("signals/<uuid:signal_id>/feedback", api.SignalFeedbackApi.as_view(), name="api-signal-feedback"),
    path("signals/<uuid:signal_id>/forward-options", api.SignalForwardOptionsApi.as_view(), name="api-signal-forward-options"),
    path("signals/<uuid:signal_id>/take", api.SignalTakeApi.as_view(), name="api-signal-take"),
    path("signals/<uuid:signal_id>/notes", api.SignalNoteApi.as_view(), name="api-signal-notes"),
    path("signals/<uuid:signal_id>/return", api.SignalReturnApi.as_view(), name="api-signal-return"),
    path("signals/<uuid:signal_id>/answer", api.SignalAnswerApi.as_view(), name="api-signal-answer"),
    path("signals/<uuid:signal_id>/take-over", api.SignalTakeOverApi.as_view(), name="api-signal-take-over"),
    path("signals/<uuid:signal_id>/forward", api.SignalForwardApi.as_view(), name="api-signal-forward"),
    path("signals/<uuid:signal_id>/close", api.SignalCloseApi.as_view(), name="api-signal-close"),
    path("signals/<uuid:signal_id>/assign", api.SignalAssignApi.as_view(), name="api-signal-assign"),
    path("signals/<uuid:signal_id>/handling-code", api.SignalHandlingCodeApi.as_view(), name="api-signal-handling-code"),
]
