"""Test-only URLconf: the real one plus an API view that crashes."""

from django.urls import path
from rest_framework.views import APIView

from ketensignaal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from ketensignaal.urls import urlpatterns as real_patterns


class Boom(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("test crash")


urlpatterns = [path("api/v1/test-boom", Boom.as_view()), *real_patterns]
