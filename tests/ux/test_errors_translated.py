"""Issue 10, point 6: a refusal a professional reads is in their language. Domain errors are marked for translation
and fixed in the request's language when raised; these contexts raise no bare Dutch constant any more."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation

from ketensignaal.coordination import services as coordination
from ketensignaal.core.errors import ValidationFailed

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ketensignaal"
ERRORS = {"DomainError", "ValidationFailed", "NotAllowed", "NoLegalBasis", "Conflict", "Unprocessable", "HandlingCodeForbids"}
TRANSLATED_CONTEXTS = ("coordination", "trajectories", "persons", "training", "routing")


def _bare_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), feature_version=(3, 13))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERRORS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {first.value}")
    return found


def test_no_bare_dutch_refusals_in_the_translated_contexts() -> None:
    bare = [
        message
        for context in TRANSLATED_CONTEXTS
        for path in sorted((PACKAGE / context).rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for message in _bare_messages(path)
    ]
    assert not bare, "\n".join(bare)


@pytest.mark.django_db
def test_a_refusal_reads_in_the_users_language(make_user: Any) -> None:
    hub = make_user("ind.tsz", "handler", "hub-analyst", "lro-member")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        coordination.meeting_create(actor=hub, date=yesterday)
    assert refused.value.detail == "A meeting cannot be planned in the past."
    with translation.override("nl"), pytest.raises(ValidationFailed) as refused:
        coordination.meeting_create(actor=hub, date=yesterday)
    assert refused.value.detail == "Een overleg kan niet in het verleden worden gepland."
