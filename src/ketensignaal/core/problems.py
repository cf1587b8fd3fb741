"""RFC 9457 problem details for every error under /api/."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.response import Response

from ketensignaal.core.errors import DomainError

PROBLEM_TYPE = "https://ketensignaal.example/problemen/"
CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Niet verwerkbaar",
    429: "Te veel verzoeken",
    500: "Interne fout",
}


def problem(
    status_code: int, detail: str, *, code: str = "", invalid_params: list[dict[str, Any]] | None = None, instance: str = ""
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + (code or str(status_code)),
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if code:
        body["code"] = code
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalid_params"] = invalid_params
    return body


def problem_response(request: HttpRequest | None, status_code: int, detail: str, **kwargs: Any) -> JsonResponse:
    instance = request.path if request is not None else ""
    return JsonResponse(
        problem(status_code, detail, instance=instance, **kwargs),
        status=status_code,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def problem_params(detail: Any) -> list[dict[str, Any]]:
    """DRF's nested error structure as ``invalid_params`` (dotted names, e.g. ``subject.names.0.name``)."""
    return _flatten(detail)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """DRF's nested error structure → ``[{name, code, reason}]``."""
    params: list[dict[str, Any]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            if key == "non_field_errors":
                name = prefix or "body"
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        if detail and all(isinstance(d, exceptions.ErrorDetail | str) for d in detail):
            for d in detail:
                params.append({"name": prefix or "body", "code": getattr(d, "code", "invalid"), "reason": str(d)})
        else:
            for index, value in enumerate(detail):
                params.extend(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        params.append({"name": prefix or "body", "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return params


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DomainError):
        body = problem(exc.status, exc.detail, code=exc.code, invalid_params=exc.invalid_params, instance=instance)
        return Response(body, status=exc.status, content_type=CONTENT_TYPE)
    if isinstance(exc, BadRequest | SuspiciousOperation):  # e.g. too many form fields: the request, not the server
        body = problem(400, gettext("Het verzoek is ongeldig of te groot opgebouwd."), code="bad_request", instance=instance)
        return Response(body, status=400, content_type=CONTENT_TYPE)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Deze resource bestaat niet of u heeft er geen toegang toe.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        body = problem(
            400,
            gettext("De invoer is niet geldig; zie invalid_params."),
            code="invalid",
            invalid_params=params,
            instance=instance,
        )
        return Response(body, status=400, content_type=CONTENT_TYPE)
    if isinstance(exc, exceptions.ParseError):
        body = problem(
            400,
            gettext("De body is geen geldige JSON."),
            code="parse_error",
            invalid_params=[{"name": "body", "code": "parse_error", "reason": str(exc.detail)}],
            instance=instance,
        )
        return Response(body, status=400, content_type=CONTENT_TYPE)
    if isinstance(exc, exceptions.APIException):
        code = exc.status_code
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if code == status.HTTP_401_UNAUTHORIZED or isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            code = 401
            if isinstance(exc, exceptions.NotAuthenticated):
                detail = "Authenticatie vereist: stuur 'Authorization: Bearer <token>'."
        if isinstance(exc, exceptions.MethodNotAllowed):
            detail = f"De methode {request.method if request else ''} is hier niet toegestaan."
        response = Response(
            problem(code, str(detail), code=exc.default_code, instance=instance), status=code, content_type=CONTENT_TYPE
        )
        if code == 401:
            response["WWW-Authenticate"] = 'Bearer realm="ketensignaal"'
        wait = getattr(exc, "wait", None)
        if isinstance(exc, exceptions.Throttled) and wait:
            response["Retry-After"] = str(int(wait))
        return response
    import logging

    logging.getLogger("ketensignaal.api").exception("Unhandled API error")
    return Response(
        problem(
            500, gettext("Er ging iets mis aan onze kant. Probeer het later opnieuw."), code="server_error", instance=instance
        ),
        status=500,
        content_type=CONTENT_TYPE,
    )
