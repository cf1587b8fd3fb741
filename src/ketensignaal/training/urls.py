"""Web routes of the training registry, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.training import views

app_name = "training"

urlpatterns: list[URLPattern | URLResolver] = [
    path("opleidingen/", views.overview, name="overview"),
    path("opleidingen/registreren", views.completion_register, name="register"),
    path("oefenen/nabespreking", views.debrief, name="debrief"),
]
