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
