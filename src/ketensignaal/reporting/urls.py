"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.reporting import programme_views, views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cijfers/", views.dashboard, name="dashboard"),
    path("cijfers/toelichting", views.narrative_write, name="narrative-write"),
    path("cijfers/actieprogramma/", programme_views.programme_index, name="programme"),
    path("cijfers/actieprogramma/<slug:period>/", programme_views.programme_report, name="programme-report"),
    path("cijfers/actieprogramma/<slug:period>/opslaan", programme_views.programme_report_write, name="programme-report-write"),
    path("cijfers/actieprogramma/<slug:period>.pdf", programme_views.programme_report_pdf, name="programme-report-pdf"),
    path("cijfers/<slug:table>.<slug:fmt>", views.export, name="export"),
]
