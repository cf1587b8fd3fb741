"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
