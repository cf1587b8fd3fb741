"""Web (HTML/htmx) routes of screening, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.screening import views

app_name = "screening"

urlpatterns: list[URLPattern | URLResolver] = [
    path("personen/<uuid:pk>/screening", views.screening_new, name="screening_new"),
    path("screening/hiaten", views.gaps_overview, name="gaps"),
]
