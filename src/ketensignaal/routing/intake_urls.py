"""Web (HTML/htmx) routes for reporting a signal, included by ketensignaal.urls under the ``intake`` namespace (ADR 0009)."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.routing import intake_views as views

app_name = "intake"

urlpatterns: list[URLPattern | URLResolver] = [
    path("signalen/nieuw", views.signal_new, name="signal_new"),
    path("signalen/nieuw/naam", views.signal_name_row, name="signal_name_row"),
    path("signalen/<uuid:pk>/bijlagen/<uuid:attachment_pk>", views.attachment_download, name="attachment_download"),
    path("signalen/<uuid:pk>/bevestiging", views.signal_confirmation, name="signal_confirmation"),
]
