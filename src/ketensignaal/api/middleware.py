from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from ketensignaal.core.problems import problem_response


class ApiVersionMiddleware:
    """``API-Version`` on every response (API Design Rules /core/version-header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["API-Version"] = settings.API_VERSION
        return response


class ApiRequestGuardMiddleware:
    """Refuses oversize API bodies early, and turns any uncaught API error into problem+json."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            content_type = request.META.get("CONTENT_TYPE", "")
            limit = (
                settings.MAX_ATTACHMENT_BYTES + 1024 * 1024
                if content_type.startswith("multipart/")
                else settings.MAX_API_BODY_BYTES
            )
            if length > limit:
                return problem_response(
                    request,
                    413,
                    gettext("Het verzoek is te groot (%(length)s bytes; maximaal %(limit)s).")
                    % {"length": length, "limit": limit},
                    code="too_large",
                )
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") and isinstance(exception, BadRequest | SuspiciousOperation):
            return problem_response(request, 400, gettext("Het verzoek is ongeldig of te groot opgebouwd."), code="bad_request")
        if request.path.startswith("/api/"):
            import logging

            logging.getLogger("ketensignaal.api").exception("Unhandled error under /api/")
            return problem_response(
                request, 500, gettext("Er ging iets mis aan onze kant. Probeer het later opnieuw."), code="server_error"
            )
        return None
