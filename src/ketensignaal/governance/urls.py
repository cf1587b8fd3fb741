"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.governance import privacy_views

app_name = "governance"

urlpatterns: list[URLPattern | URLResolver] = [
    path("privacy/verwerkingenlog", privacy_views.processing_log_view, name="processing-log"),
]
