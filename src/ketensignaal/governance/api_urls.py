"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.governance.api import ProcessingLogView
from ketensignaal.governance.break_glass_api import BreakGlassApi
from ketensignaal.governance.log_export import ProcessingLogExportApi
from ketensignaal.governance.processing_register_api import ProcessingActivitiesApi, ProcessingActivityApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("processing-log", ProcessingLogView.as_view(), name="processing-log"),
    path("break-glass", BreakGlassApi.as_view(), name="break-glass"),
    path("processing-log/export", ProcessingLogExportApi.as_view(), name="processing-log-export"),
    path("processing-activities", ProcessingActivitiesApi.as_view(), name="processing-activities"),
    path("processing-activities/<slug:code>", ProcessingActivityApi.as_view(), name="processing-activity"),
]
