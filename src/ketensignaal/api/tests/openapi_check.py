"""Check a response body against the app's own OpenAPI document (OpenAPI 3.0 ``nullable`` → JSON Schema)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator


def _to_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [_to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    converted = {k: _to_json_schema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
            if "enum" in converted:
                converted["enum"] = [*converted["enum"], None]
        else:
            converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def response_errors(doc: dict[str, Any], path: str, method: str, status: int, body: Any) -> list[str]:
    """Every way ``body`` differs from the documented ``status`` response of ``method path`` (empty: it matches)."""
    pointer = "/".join(
        [
            "#",
            "paths",
            path.replace("~", "~0").replace("/", "~1"),
            method,
            "responses",
            str(status),
            "content",
            "application~1json",
            "schema",
        ]
    )
    schema = _to_json_schema({k: v for k, v in doc.items() if k == "components"})
    schema["$ref"] = pointer
    schema["paths"] = _to_json_schema(doc["paths"])
    validator = Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
