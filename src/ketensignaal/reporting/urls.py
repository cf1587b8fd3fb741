"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.reporting import views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cijfers/", views.dashboard, name="dashboard"),
    path("cijfers/toelichting", views.narrative_write, name="narrative-write"),
    path("cijfers/<slug:table>.<slug:fmt>", views.export, name="export"),
]
