"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.routing import views

app_name = "routing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox", views.inbox, name="inbox"),
    path("mijn-meldingen", views.my_signals, name="my_signals"),
    path("wacht-op-anderen", views.waiting_on_others, name="waiting_on_others"),
    path("signalen/<uuid:pk>", views.signal_detail, name="signal_detail"),
    path("signalen/<uuid:pk>/overnemen", views.signal_take_over, name="signal_take_over"),
    path("signalen/<uuid:pk>/beantwoorden", views.signal_answer, name="signal_answer"),
    path("signalen/<uuid:pk>/in-behandeling-nemen", views.signal_take, name="signal_take"),
    path("signalen/<uuid:pk>/notitie", views.signal_add_note, name="signal_add_note"),
    path("signalen/<uuid:pk>/toewijzen", views.signal_assign, name="signal_assign"),
    path("signalen/<uuid:pk>/terugsturen", views.signal_return, name="signal_return"),
    path("signalen/<uuid:pk>/doorsturen", views.signal_forward, name="signal_forward"),
    path("signalen/<uuid:pk>/afsluiten", views.signal_close, name="signal_close"),
    path(
        "signalen/<uuid:pk>/verstrekkingen/<int:involvement_pk>/intrekken",
        views.disclosure_recall,
        name="disclosure_recall",
    ),
]
