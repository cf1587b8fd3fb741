"""Stable, machine-readable error codes and the domain error type.

Services raise :class:`DomainError` with one of these codes; the API turns it
into problem+json and the web views into a readable message. Codes never
change meaning once published.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        status: int | None = None,
        invalid_params: list[dict[str, Any]] | None = None,
    ) -> None:
        # A message marked for translation (gettext or gettext_lazy) is fixed here in the language of the request
        # that raised it, so pages, problem+json and logs all carry plain text.
        detail = str(detail)
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        if status:
            self.status = status
        self.invalid_params = [
            {key: str(value) if key == "reason" else value for key, value in param.items()} for param in invalid_params or []
        ]


class ValidationFailed(DomainError):
    status = 400
    code = "invalid"


class NotAllowed(DomainError):
    status = 403
    code = "forbidden"


class NoLegalBasis(DomainError):
    status = 403
    code = "no_legal_basis"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Unprocessable(DomainError):
    status = 422
    code = "unprocessable"


class HandlingCodeForbids(DomainError):
    """The supplier's handling code (TLP 2.0) forbids the step; a legal basis never overrides it."""

    status = 403
    code = "handling_code"

    def __init__(self, detail: str, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_params", [{"name": "handling_code", "code": "handling_code_forbids", "reason": detail}])
        super().__init__(detail, **kwargs)


def choose_one_of(labels: Iterable[Any]) -> str:
    """The reason for an unknown choice, naming the choices as a reader knows them: their labels in the reader's
    language ("Kies een van: Ongegrond, Gegrond."), never the codes; an API client finds those in the schema's enum."""
    return gettext("Kies een van: %(choices)s.") % {"choices": ", ".join(str(label) for label in labels)}
