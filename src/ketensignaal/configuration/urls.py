"""Web routes of the chain configuration, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.configuration import views

app_name = "configuration"

urlpatterns: list[URLPattern | URLResolver] = [
    path("ketenconfiguratie", views.settings_overview, name="overview"),
    path("ketenconfiguratie/<slug:key>/wijzigen", views.setting_edit, name="edit"),
]
