"""Find the modules that write ``SignalInvolvement`` (need to know), so a test can insist there is one owner."""

from __future__ import annotations

import ast
from pathlib import Path

import ketensignaal

OWNER = "ketensignaal.routing.disclosure"
WRITE_METHODS = frozenset(
    {"create", "bulk_create", "get_or_create", "update_or_create", "update", "delete", "save", "bulk_update", "add"}
)


def _mentions_involvement(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id == "SignalInvolvement":
            return True
        if isinstance(sub, ast.Attribute) and sub.attr in {"involvements", "SignalInvolvement", "signal_involvements"}:
            return True
    return False


def writes_in_source(source: str) -> bool:
    """Whether ``source`` constructs a SignalInvolvement or calls a write method on a chain that names it."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "SignalInvolvement":
            return True
        if isinstance(func, ast.Attribute) and func.attr in WRITE_METHODS and _mentions_involvement(func.value):
            return True
    return False


def involvement_writers() -> list[str]:
    """Production modules (not tests, not migrations) other than the owner that write the table."""
    root = Path(ketensignaal.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent)
        if "tests" in rel.parts or "migrations" in rel.parts or path.name == "conftest.py":
            continue
        module = ".".join(rel.with_suffix("").parts)
        if module == OWNER:
            continue
        if writes_in_source(path.read_text(encoding="utf-8")):
            found.append(module)
    return found
