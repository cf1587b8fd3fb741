from collections.abc import Callable

from django.conf import settings
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
