"""Capabilities of the identity context: who may administer organisations, units and users."""

from __future__ import annotations

from typing import Any

from ketensignaal.identity.models import RoleCode


def may_administer(user: Any) -> bool:
    """The functional administrator with a staff account: the admin site, and its link in the navigation."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.has_role(RoleCode.FUNCTIONAL_ADMIN)
    )
