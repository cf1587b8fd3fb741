"""Loading the restriction grounds (reference data): created when missing; the administrator maintains them after."""

from __future__ import annotations

from typing import Any

from ketensignaal.privacy.models import RestrictionGround


def restriction_grounds_load(rows: list[dict[str, Any]]) -> int:
    for row in rows:
        RestrictionGround.objects.get_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    return len(rows)
