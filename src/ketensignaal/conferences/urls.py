"""Web (HTML) routes of the case-conference context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.conferences import views

app_name = "conferences"

urlpatterns: list[URLPattern | URLResolver] = [
    path("casusoverleg/", views.case_list, name="list"),
    path("casusoverleg/aanmelden", views.case_new, name="new"),
    path("casusoverleg/elders-bekend", views.ask_known_elsewhere, name="known-elsewhere"),
    path("casusoverleg/mijn-aanmeldingen", views.reports_mine, name="reports-mine"),
    path("casusoverleg/<uuid:pk>", views.case_detail, name="detail"),
    path("casusoverleg/<uuid:pk>/plan-van-aanpak.pdf", views.case_plan_pdf, name="plan-pdf"),
    path("casusoverleg/<uuid:pk>/afschalen", views.case_scale_down, name="scale-down"),
    path("casusoverleg/<uuid:pk>/afsluiten", views.case_close, name="close"),
    path(
        "casusoverleg/<uuid:pk>/uitnodigingen/<uuid:invitation>/intrekken", views.invitation_withdraw, name="invitation-withdraw"
    ),
    path("casusoverleg/<uuid:pk>/<slug:action>", views.case_action, name="action"),
]
