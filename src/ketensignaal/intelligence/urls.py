"""Web routes of inbound intelligence and briefings, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.intelligence import views

app_name = "intelligence"

urlpatterns: list[URLPattern | URLResolver] = [
    path("inlichtingen", views.inbound_list, name="inbound_list"),
    path("inlichtingen/nieuw", views.inbound_new, name="inbound_new"),
    path("inlichtingen/<uuid:pk>", views.inbound_detail, name="inbound_detail"),
    path("inlichtingen/<uuid:pk>/vervolg", views.follow_up_record, name="follow_up_record"),
    path("inlichtingen/<uuid:pk>/inzageverzoek", views.inspection_request_record, name="inspection_request_record"),
    path("inlichtingen/inzageverzoeken/<uuid:pk>/uitkomst", views.inspection_outcome_record, name="inspection_outcome_record"),
    path("briefings", views.briefing_list, name="briefing_list"),
    path("briefings/nieuw", views.briefing_new, name="briefing_new"),
    path("briefings/<uuid:pk>", views.briefing_detail, name="briefing_detail"),
    path("briefings/<uuid:pk>/gelezen", views.briefing_confirm_read, name="briefing_confirm_read"),
]
