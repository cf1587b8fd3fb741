"""Stable, machine-readable error codes and the domain error type.

Services raise :class:`DomainError` with one of these codes; the API turns it
into problem+json and the web views into a readable message. Codes never
change meaning once published.
"""

from __future__ import annotations

from typing import Any


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
