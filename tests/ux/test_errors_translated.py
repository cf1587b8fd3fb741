"""Issue 10, points 6 and 9: a refusal a professional reads is in their language. Domain errors, form and field
reasons and flash messages are marked for translation and fixed in the request's language when raised; no app
raises, flashes or explains with a bare Dutch constant any more."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation

from ketensignaal.coordination import services as coordination
from ketensignaal.core.errors import NoLegalBasis, ValidationFailed
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.reporting.periods import range_parse

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ketensignaal"
# What a user reads: the detail of a domain error (problem+json or a page), Django's own refusals, a management
# command's error, the per-field reason of invalid_params, and a flash message.
ERRORS = {
    "DomainError",
    "ValidationFailed",
    "NotAllowed",
    "NoLegalBasis",
    "Conflict",
    "Unprocessable",
    "HandlingCodeForbids",
    "ValidationError",
    "PermissionDenied",
    "Http404",
    "ParseError",
    "CommandError",
    "ErrorDetail",
    "problem",
    "problem_response",
    # the contexts' helpers that build one invalid_params entry
    "_invalid",
    "param",
    "_param",
    "_problem",
}
FLASHES = {"debug", "info", "success", "warning", "error"}
LOGGERS = {"messages", "logger", "log", "logging"}
# Words that make a sentence Dutch and not English; internal programming errors stay in English.
DUTCH = re.compile(
    r"\b(de|het|een|niet|geen|van|deze|dit|naar|kan|voor|met|zijn|wordt|alleen|bij|uw|ligt|moet|geef|kies|"
    r"onbekende?|verplicht|hoogstens|maximaal|regel|verwacht|gebruik)\b",
    re.IGNORECASE,
)


def _literal_text(node: ast.expr) -> str:
    """The constant text a message is built from when it is not marked for translation ('' when it is marked)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp):
        return f"{_literal_text(node.left)} {_literal_text(node.right)}"
    if isinstance(node, ast.IfExp):
        return f"{_literal_text(node.body)} {_literal_text(node.orelse)}"
    return ""


def _messages(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in ERRORS:
        return [*call.args, *(k.value for k in call.keywords if k.arg in ("detail", "message", "reason"))]
    if name == "error" and not (
        isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS
    ):
        return list(call.args)  # a parse result's error for one line of an imported file
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "messages":
        return list(call.args[1:]) if name in FLASHES else []
    return []


def bare_dutch_messages(source: str, where: str = "<source>") -> list[str]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, feature_version=(3, 13))):
        if isinstance(node, ast.Call):
            candidates = _messages(node)
        elif isinstance(node, ast.Dict):
            candidates = [
                v for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant) and k.value == "reason"
            ]
        else:
            continue
        for candidate in candidates:
            text = _literal_text(candidate)
            if DUTCH.search(text):
                found.append((candidate.lineno, f"{where}:{candidate.lineno}: {text}"))
    return [message for _, message in sorted(found)]


def _app_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts and "migrations" not in path.parts
    ]


def test_the_check_finds_a_bare_dutch_refusal() -> None:
    source = """
raise NotAllowed("Dit mag niet.")
raise Conflict(f"Er is al een overleg op {day}.")
problems.append({"name": "x", "reason": "Vul een naam in."})
params.append(_param("x", "Kies een eenheid."))
result.error(3, "geen geldige JSON")
messages.error(request, "De lijst is niet opgeslagen: " + reasons)
raise ValidationFailed(gettext("Dit mag niet."))
logger.error("de taak is niet gelukt")
raise RuntimeError("must run inside the caller's transaction")
"""
    assert [line.split(":")[1] for line in bare_dutch_messages(source)] == ["2", "3", "4", "5", "6", "7"]


def test_no_app_refuses_with_a_bare_dutch_message() -> None:
    modules = _app_modules()
    assert len({path.relative_to(PACKAGE).parts[0] for path in modules}) > 15  # every context is scanned
    bare = [message for path in modules for message in bare_dutch_messages(path.read_text(), str(path.relative_to(PACKAGE)))]
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


def test_a_field_reason_reads_in_the_users_language() -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        range_parse(start="2026-05-01", end="2026-01-01")
    assert refused.value.detail == "The start of the period is after its end."
    assert refused.value.invalid_params == [{"name": "from", "reason": "Choose a start date on or before the end date."}]
    with translation.override("nl"), pytest.raises(ValidationFailed) as refused:
        range_parse(start="2026-05-01", end="2026-01-01")
    assert refused.value.detail == "Het begin van de periode ligt na het einde."


@pytest.mark.django_db
def test_a_refusal_without_legal_basis_reads_in_the_users_language() -> None:
    with translation.override("en"), pytest.raises(NoLegalBasis) as refused:
        flow_for_disclosure(from_org="no-such-org", to_org="ind", categories=[])
    assert refused.value.detail == (
        "Unknown organisation 'no-such-org': no data flow to or from this organisation is registered."
    )
