"""Capabilities of the governance context: who may inspect the processing log and the legal-basis register."""

from __future__ import annotations

from typing import Any

from ketensignaal.identity.models import RoleCode

REGISTER_ROLES = (RoleCode.PRIVACY_OFFICER, RoleCode.FUNCTIONAL_ADMIN)


def may_inspect_log(user: Any) -> bool:
    """The privacy officer of a unit reads the processing log (scoped to their organisation by the selectors)."""
    return bool(getattr(user, "is_authenticated", False) and user.unit_id and user.has_role(RoleCode.PRIVACY_OFFICER))


def may_see_register(user: Any) -> bool:
    """The register of legal-basis flows: privacy officers and functional administrators."""
    return bool(getattr(user, "is_authenticated", False) and any(user.has_role(role) for role in REGISTER_ROLES))


def _register_scopes() -> None:
    from django.db.models import QuerySet

    from ketensignaal.core.need_to_know import register_scope
    from ketensignaal.governance.models import BreakGlassAccess, SensitiveMark

    @register_scope(BreakGlassAccess)
    def break_glass_scope(user: Any, qs: QuerySet[BreakGlassAccess]) -> QuerySet[BreakGlassAccess]:
        """The privacy officer of the reader's organisation reviews the reasons (ADR 0004: own organisation)."""
        if not may_inspect_log(user):
            return qs.none()
        return qs.filter(organisation_code=user.unit.organisation.code)

    @register_scope(SensitiveMark)
    def sensitive_mark_scope(user: Any, qs: QuerySet[SensitiveMark]) -> QuerySet[SensitiveMark]:
        """Which files are marked is the privacy officers' business; the gate itself reads marks as a rule."""
        return qs if may_inspect_log(user) else qs.none()
