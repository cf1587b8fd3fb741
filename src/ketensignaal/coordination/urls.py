"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.coordination import views

app_name = "coordination"

urlpatterns: list[URLPattern | URLResolver] = [
    path("lro/", views.meeting_list, name="meetings"),
    path("lro/<uuid:pk>", views.meeting_detail, name="meeting"),
    path("lro/<uuid:pk>/punten/<uuid:item>/besluit", views.decide, name="decide"),
    path("lro/<uuid:pk>/punten/<uuid:item>/verwijderen", views.remove_item, name="remove_item"),
    path(
        "lro/<uuid:pk>/punten/<uuid:item>/besluiten/<uuid:decision>/wijzigen",
        views.decision_change,
        name="decision_change",
    ),
    path(
        "lro/<uuid:pk>/punten/<uuid:item>/besluiten/<uuid:decision>/intrekken",
        views.decision_withdraw,
        name="decision_withdraw",
    ),
    path("lro/<uuid:pk>/voordragen", views.put_forward, name="put_forward"),
    path("lro/<uuid:pk>/afsluiten", views.close, name="close"),
    path("lro/<uuid:pk>/verslag.pdf", views.minutes, name="minutes"),
    path("taken", views.tasks, name="tasks"),
]
