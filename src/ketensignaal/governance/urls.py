"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.governance import break_glass_views, log_export, privacy_views, processing_register_views

app_name = "governance"

urlpatterns: list[URLPattern | URLResolver] = [
    path("privacy/verwerkingenlog", privacy_views.processing_log_view, name="processing-log"),
    path("privacy/verwerkingenlog/export", log_export.export_view, name="processing-log-export"),
    path("privacy/doorbreken", break_glass_views.break_glass_submit, name="break-glass"),
    path("privacy/verwerkingsregister", processing_register_views.activity_list, name="activity-list"),
    path("privacy/verwerkingsregister/<slug:code>", processing_register_views.activity_detail, name="activity-detail"),
    path("privacy/verwerkingsregister/<slug:code>/wijzigen", processing_register_views.activity_edit, name="activity-edit"),
]
