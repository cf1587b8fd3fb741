from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from ketensignaal.core.tracing import new_trace


class TraceContextMiddleware:
    """Accepts and emits W3C ``traceparent`` so log entries can be correlated across partners."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ctx = new_trace(request.headers.get("traceparent"))
        request.trace = ctx  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["traceparent"] = ctx.traceparent
        return response


class QueryStringGuardMiddleware:
    """Refuses query strings carrying NUL or other control characters (400), on pages and API alike.

    No filter or identifier contains one; PostgreSQL cannot even store a NUL in text, so letting one through
    would turn a careless or hostile URL into a server error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if _has_control(key) or any(_has_control(v) for v in values):
                raise BadRequest(f"Queryparameter {key[:40]!r} bevat een stuurteken.")
        return self.get_response(request)


def _has_control(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text)
