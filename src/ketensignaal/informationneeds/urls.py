"""Web routes of the information-needs inventory, beside the legal-basis register."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.informationneeds import views

app_name = "informationneeds"

urlpatterns: list[URLPattern | URLResolver] = [
    path("informatiebehoeften", views.need_list, name="list"),
    path("informatiebehoeften/nieuw", views.need_new, name="new"),
    path("informatiebehoeften/<uuid:pk>", views.need_detail, name="detail"),
    path("informatiebehoeften/<uuid:pk>/nieuwe-versie", views.need_edit, name="edit"),
]
