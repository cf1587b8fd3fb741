"""Web (HTML) routes of the LIV context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.trajectories import views

app_name = "trajectories"

urlpatterns: list[URLPattern | URLResolver] = [
    path("liv/", views.overview, name="overview"),
    path("liv/aanmelden", views.request_create, name="request"),
    path("liv/cijfers", views.dashboard, name="dashboard"),
    path("liv/cijfers.csv", views.dashboard_csv, name="dashboard-csv"),
    path("liv/<uuid:pk>", views.detail, name="detail"),
    path("liv/<uuid:pk>/adviesrapport.pdf", views.report, name="report"),
    path("liv/<uuid:pk>/<slug:action>", views.action, name="action"),
]
