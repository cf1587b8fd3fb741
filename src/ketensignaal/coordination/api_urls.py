"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.coordination import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("lro-meetings", api.Meetings.as_view(), name="lro-meetings"),
    path("lro-meetings/<uuid:pk>", api.MeetingDetail.as_view(), name="lro-meeting"),
    path("lro-meetings/<uuid:pk>/close", api.MeetingClose.as_view(), name="lro-meeting-close"),
    path("lro-meetings/<uuid:pk>/items", api.Items.as_view(), name="lro-items"),
    path("lro-meetings/<uuid:pk>/items/<uuid:item>/remove", api.ItemRemove.as_view(), name="lro-item-remove"),
    path("lro-meetings/<uuid:pk>/agenda", api.Agenda.as_view(), name="lro-agenda"),
    path("lro-meetings/<uuid:pk>/decisions", api.Decisions.as_view(), name="lro-decisions"),
    path("lro-meetings/<uuid:pk>/decisions/<uuid:decision>/change", api.DecisionChange.as_view(), name="lro-decision-change"),
    path(
        "lro-meetings/<uuid:pk>/decisions/<uuid:decision>/withdraw", api.DecisionWithdraw.as_view(), name="lro-decision-withdraw"
    ),
    path("lro-meetings/<uuid:pk>/items/preview", api.PutForwardPreview.as_view(), name="lro-items-preview"),
    path("lro-meetings/<uuid:pk>/minutes.pdf", api.Minutes.as_view(), name="lro-minutes"),
    path("tasks", api.Tasks.as_view(), name="tasks"),
    path("tasks/<uuid:pk>", api.TaskDetail.as_view(), name="task"),
]
