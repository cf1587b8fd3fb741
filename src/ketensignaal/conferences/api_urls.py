"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.conferences import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("conference-cases", api.CaseListCreate.as_view(), name="conference-cases"),
    path("conference-reports", api.ConferenceReports.as_view(), name="conference-reports"),
    path("conference-cases/known-elsewhere", api.KnownElsewhere.as_view(), name="conference-cases-known-elsewhere"),
    path("conference-cases/<uuid:pk>", api.CaseDetail.as_view(), name="conference-case"),
    path("conference-cases/<uuid:pk>/triage", api.Triage.as_view(), name="conference-case-triage"),
    path("conference-cases/<uuid:pk>/invitations", api.Invitations.as_view(), name="conference-case-invitations"),
    path(
        "conference-cases/<uuid:pk>/invitations/<uuid:invitation>",
        api.InvitationDetail.as_view(),
        name="conference-case-invitation",
    ),
    path("conference-cases/<uuid:pk>/case-director", api.CaseDirector.as_view(), name="conference-case-director"),
    path("conference-cases/<uuid:pk>/plan", api.PlanGoals.as_view(), name="conference-case-plan"),
    path("conference-cases/<uuid:pk>/measures", api.Measures.as_view(), name="conference-case-measures"),
    path(
        "conference-cases/<uuid:pk>/warnings/<uuid:warning>/acknowledge",
        api.WarningAcknowledge.as_view(),
        name="conference-case-warning-acknowledge",
    ),
    path("conference-cases/<uuid:pk>/reviews", api.Reviews.as_view(), name="conference-case-reviews"),
    path("conference-cases/<uuid:pk>/review-meeting", api.ReviewMeeting.as_view(), name="conference-case-review-meeting"),
    path("conference-cases/<uuid:pk>/notes", api.Notes.as_view(), name="conference-case-notes"),
    path("conference-cases/<uuid:pk>/scale-down", api.ScaleDown.as_view(), name="conference-case-scale-down"),
    path("conference-cases/<uuid:pk>/close", api.Close.as_view(), name="conference-case-close"),
    path("conference-cases/<uuid:pk>/plan.pdf", api.PlanPdf.as_view(), name="conference-case-plan-pdf"),
    path("conference-cases/<uuid:pk>/zgw-export", api.ZgwExport.as_view(), name="conference-case-zgw-export"),
    path("measures", api.MeasureCatalogue.as_view(), name="measures"),
]
