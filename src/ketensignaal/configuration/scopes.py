"""Capabilities of the chain configuration: who may change it."""

from __future__ import annotations

from typing import Any

from ketensignaal.identity.models import RoleCode


def may_configure(user: Any) -> bool:
    """The functional administrator maintains the chain settings (screen, API and the navigation link)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_role(RoleCode.FUNCTIONAL_ADMIN)
    )
