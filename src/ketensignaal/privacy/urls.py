"""Web routes of the privacy officer's screens (Dutch paths)."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.privacy import review_views, views

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("privacy/verzoeken", views.request_list, name="request-list"),
    path("privacy/verzoeken/nieuw", views.request_new, name="request-new"),
    path("privacy/verzoeken/<uuid:pk>", views.request_detail, name="request-detail"),
    path("privacy/verzoeken/<uuid:pk>/koppelen", views.request_match, name="request-match"),
    path("privacy/verzoeken/<uuid:pk>/verlengen", views.request_extend, name="request-extend"),
    path("privacy/verzoeken/<uuid:pk>/gegevens/<int:item_id>", views.item_decide, name="item-decide"),
    path("privacy/verzoeken/<uuid:pk>/rectificeren", views.request_rectify, name="request-rectify"),
    path("privacy/verzoeken/<uuid:pk>/beslissen", views.request_decide, name="request-decide"),
    path("privacy/verzoeken/<uuid:pk>/beantwoorden", views.request_answer, name="request-answer"),
    path("privacy/verzoeken/<uuid:pk>/antwoord.pdf", views.answer_pdf, name="answer-pdf"),
    path("privacy/inzagecontrole", review_views.review_queue, name="review-queue"),
    path("privacy/inzagecontrole/casussen", review_views.review_case_sensitive, name="review-case-sensitive"),
    path("privacy/inzagecontrole/<int:access_id>/beoordeeld", review_views.review_done, name="review-done"),
    path("privacy/inzagecontrole/personen/<uuid:pk>", review_views.review_person, name="review-person"),
    path("privacy/inzagecontrole/signalen/<uuid:pk>", review_views.review_signal, name="review-signal"),
    path("privacy/inzagecontrole/casussen/<uuid:pk>", review_views.review_case, name="review-case"),
    path(
        "privacy/inzagecontrole/personen/<uuid:pk>/gevoelig", review_views.review_person_sensitive, name="review-person-sensitive"
    ),
]
