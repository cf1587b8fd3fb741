"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.persons import views

app_name = "persons"

urlpatterns: list[URLPattern | URLResolver] = [
    path("signalen/<uuid:pk>/personen", views.signal_candidates, name="signal_candidates"),
    path("signalen/<uuid:pk>/personen/koppelen", views.signal_link, name="signal_link"),
    path("signalen/<uuid:pk>/personen/<uuid:person_pk>/afwijzen", views.signal_reject, name="signal_reject"),
    path("personen/<uuid:pk>", views.person_detail, name="person_detail"),
    path("personen/<uuid:pk>/samenvoegen", views.person_merge, name="person_merge"),
    path("personen/<uuid:pk>/samenvoeging-ongedaan-maken", views.person_unmerge, name="person_unmerge"),
]
