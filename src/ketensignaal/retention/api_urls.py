"""API routes of retention, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.retention import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("retention-rules", api.RetentionRulesApi.as_view(), name="api-retention-rules"),
    path("retention-rules/<slug:record_type>", api.RetentionRuleApi.as_view(), name="api-retention-rule"),
    path("legal-holds", api.LegalHoldsApi.as_view(), name="api-legal-holds"),
    path("legal-holds/<uuid:hold_id>/release", api.LegalHoldReleaseApi.as_view(), name="api-legal-hold-release"),
    path("destruction-lists", api.DestructionListsApi.as_view(), name="api-destruction-lists"),
    path("destruction-lists/<uuid:list_id>", api.DestructionListApi.as_view(), name="api-destruction-list"),
    path("destruction-lists/<uuid:list_id>/items", api.DestructionListItemsApi.as_view(), name="api-destruction-list-items"),
    path("destruction-lists/<uuid:list_id>/review", api.DestructionListReviewApi.as_view(), name="api-destruction-list-review"),
    path(
        "destruction-lists/<uuid:list_id>/confirm", api.DestructionListConfirmApi.as_view(), name="api-destruction-list-confirm"
    ),
    path("destruction-lists/<uuid:list_id>/cancel", api.DestructionListCancelApi.as_view(), name="api-destruction-list-cancel"),
    path("destruction-lists/<uuid:list_id>/report.pdf", api.DestructionReportApi.as_view(), name="api-destruction-list-report"),
]
