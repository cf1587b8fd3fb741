"""API routes of this context, included under /api/v1 by ketensignaal.api.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.training import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("trainings", api.TrainingsApi.as_view(), name="trainings"),
    path("training-completions", api.TrainingCompletionsApi.as_view(), name="training-completions"),
    path("training-coverage", api.TrainingCoverageApi.as_view(), name="training-coverage"),
]
