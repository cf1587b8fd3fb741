"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.privacy import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("subject-requests", api.SubjectRequestsApi.as_view(), name="subject-requests"),
    path("subject-requests/<uuid:pk>", api.SubjectRequestApi.as_view(), name="subject-request"),
    path("subject-requests/<uuid:pk>/candidates", api.SubjectRequestCandidatesApi.as_view(), name="subject-request-candidates"),
    path("subject-requests/<uuid:pk>/match", api.SubjectRequestMatchApi.as_view(), name="subject-request-match"),
    path("subject-requests/<uuid:pk>/extend", api.SubjectRequestExtendApi.as_view(), name="subject-request-extend"),
    path("subject-requests/<uuid:pk>/items/<int:item_id>", api.SubjectRequestItemApi.as_view(), name="subject-request-item"),
    path("subject-requests/<uuid:pk>/rectify", api.SubjectRequestRectifyApi.as_view(), name="subject-request-rectify"),
    path("subject-requests/<uuid:pk>/decide", api.SubjectRequestDecideApi.as_view(), name="subject-request-decide"),
    path("subject-requests/<uuid:pk>/answer", api.SubjectRequestAnswerApi.as_view(), name="subject-request-answer"),
    path("subject-requests/<uuid:pk>/answer.pdf", api.SubjectRequestAnswerPdfApi.as_view(), name="subject-request-answer-pdf"),
    path("restriction-grounds", api.RestrictionGroundsApi.as_view(), name="restriction-grounds"),
]
