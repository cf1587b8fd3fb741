"""The OpenAPI document, shaped for the Logius API Design Rules (checked by Spectral in CI).

Postprocessing makes every operation tell the truth about what the stack
already does: every response carries ``API-Version`` (middleware), every error
is ``application/problem+json`` (``core.problems``), authenticated operations
can answer 401, operations with input can answer 400, and operations on one
resource can answer 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

API_VERSION_HEADER = {
    "API-Version": {
        "description": "De versie van de API (semver).",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (problem details).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string", "description": "Stabiele, machineleesbare foutcode."},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}

STANDARD_ERRORS = {
    "400": "Ongeldige invoer; zie invalid_params.",
    "401": "Geen, een ongeldig of een verlopen token.",
    "403": "Niet toegestaan.",
    "404": "Bestaat niet, of u heeft er geen need-to-know voor.",
    "409": "Conflict: de toestand is intussen veranderd (versie), of het bestaat al.",
    "500": "Interne fout.",
}

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def component_name(cls: type) -> str:
    """A serializer's component name: nested classes (HackSoft style) are named after where they are declared.

    ``SignalForwardApi.InputSerializer`` → ``SignalForwardInput``, ``CaseDetail.OutputSerializer`` →
    ``CaseDetailOutput``, so every view's ``InputSerializer``/``OutputSerializer`` gets its own component.
    """
    parts = [p for p in cls.__qualname__.split(".") if p != "<locals>"]
    words = [p.removesuffix("Serializer") for p in parts]
    if len(words) > 1:
        words[:-1] = [w.removesuffix("Api").removesuffix("View") for w in words[:-1]]
    return "".join(words)


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer: Any, direction: str) -> str:
        return component_name(type(serializer))


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "ketensignaal.identity.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "bearer", "description": "Een API-token: `ketensignaal issue-token GEBRUIKER`."}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _needs(method: str, operation: dict[str, Any], path: str) -> list[str]:
    codes = ["500"]
    if operation.get("security") != [{}] and operation.get("security") != []:
        codes += ["401", "403"]
    if method in {"post", "put", "patch"} or operation.get("parameters"):
        codes.append("400")
    if "{" in path or method in {"post", "put", "patch", "delete"}:
        codes.append("404")  # the resource itself, or one the body refers to, is unknown or unseen
    if method in {"post", "put", "patch", "delete"}:
        codes.append("409")
    return codes


def add_adr_headers(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Every response documents ``API-Version``; every error is problem+json (rules /core/version-header, problem-details)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in _METHODS or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for code in _needs(method, operation, path):
                responses.setdefault(code, _problem_response(STANDARD_ERRORS[code]))
            for code, response in responses.items():
                if code[:1] in {"4", "5"}:
                    response["content"] = _problem_response(response.get("description") or STANDARD_ERRORS.get(code, "Fout"))[
                        "content"
                    ]
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    tags = {
        tag
        for item in result.get("paths", {}).values()
        for op in item.values()
        if isinstance(op, dict)
        for tag in op.get("tags", [])
    }
    known = {t["name"] for t in result.get("tags", [])}
    result["tags"] = result.get("tags", []) + [{"name": t} for t in sorted(tags - known)]
    return result
