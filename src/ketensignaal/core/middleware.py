from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

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


class PrivateResponseMiddleware:
    """No shared or browser cache keeps a page, partial, API answer, PDF or export: ``Cache-Control: no-store``.

    Sits below WhiteNoise, so static files (no personal data) stay cacheable; everything rendered by the
    application may carry personal data and is marked, whatever the view set itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class StrictTransportMiddleware:
    """``Strict-Transport-Security`` on every response when the deployment says it runs behind https.

    Django's SecurityMiddleware only sends HSTS on requests it sees as secure, which behind a TLS-terminating proxy
    depends on trusting a forwarded header; the deployment setting (``KETENSIGNAAL_HTTPS``) decides instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.HSTS_SECONDS and "Strict-Transport-Security" not in response:
            value = f"max-age={settings.HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                value += "; includeSubDomains"
            response["Strict-Transport-Security"] = value
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
