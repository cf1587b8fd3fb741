"""Web routes of retention (the privacy officer's screens), included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.retention import views

app_name = "retention"

urlpatterns: list[URLPattern | URLResolver] = [
    path("privacy/bewaren", views.overview, name="overview"),
    path("privacy/bewaren/regels/<slug:record_type>", views.rule_edit, name="rule_edit"),
    path("privacy/vernietigingslijsten", views.list_index, name="lists"),
    path("privacy/vernietigingslijsten/<uuid:list_id>", views.list_detail, name="list"),
    path("privacy/vernietigingslijsten/<uuid:list_id>/beoordelen", views.list_review, name="list_review"),
    path("privacy/vernietigingslijsten/<uuid:list_id>/bevestigen", views.list_confirm, name="list_confirm"),
    path("privacy/vernietigingslijsten/<uuid:list_id>/annuleren", views.list_cancel, name="list_cancel"),
    path("privacy/vernietigingslijsten/<uuid:list_id>/voortgang", views.list_progress, name="list_progress"),
    path("privacy/vernietigingslijsten/<uuid:list_id>/verslag.pdf", views.list_report, name="list_report"),
    path("privacy/bewaarplichten", views.holds, name="holds"),
    path("privacy/bewaarplichten/<uuid:hold_id>/opheffen", views.hold_release, name="hold_release"),
]
