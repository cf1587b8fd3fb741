"""Web (HTML/htmx) routes of screening, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.screening import views
from ketensignaal.screening.watchlists import views as watch_views

app_name = "screening"

urlpatterns: list[URLPattern | URLResolver] = [
    path("personen/<uuid:pk>/screening", views.screening_new, name="screening_new"),
    path("screening/hiaten", views.gaps_overview, name="gaps"),
    path("signaleringslijsten", watch_views.watch_lists, name="watch_lists"),
    path("signaleringslijsten/<uuid:pk>", watch_views.watch_list_detail, name="watch_list"),
    path("signaleringslijsten/<uuid:pk>/voortgang", watch_views.watch_list_progress, name="watch_list_progress"),
    path("personen/<uuid:pk>/signaleringslijst-controle", watch_views.person_check, name="person_check"),
    path("signaleringslijst-controles/<uuid:pk>", watch_views.check_detail, name="watch_list_check"),
    path("signaleringslijst-treffers/<uuid:pk>/besluit", watch_views.hit_decide, name="hit_decide"),
]
