from collections.abc import Callable

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
