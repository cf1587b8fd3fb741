"""Identifiers typed or passed as text."""

from __future__ import annotations

import uuid


def is_uuid(value: object) -> bool:
    """Whether ``value`` reads as a UUID (so a lookup by primary key can be tried instead of refused by the database)."""
    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError):
        return False
    return True
