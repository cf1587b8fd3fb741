"""Public pages (no account): included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.publicreports import views

app_name = "publicreports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("melden", views.report_new, name="report_new"),
    path("melden/aanvullen", views.addition_new, name="addition_new"),
]
