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
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        if status:
            self.status = status
        self.invalid_params = invalid_params or []


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
