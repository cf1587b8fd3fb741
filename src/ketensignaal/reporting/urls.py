"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.reporting import views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cijfers/", views.dashboard, name="dashboard"),
    path("cijfers/<slug:table>.csv", views.export_csv, name="export-csv"),
]
