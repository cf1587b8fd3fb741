"""Who keeps and reads the inventory: privacy officers and functional administrators (as the register of flows).
The inventory holds no personal data; it describes needs between organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.governance.scopes import may_see_register
from ketensignaal.informationneeds.models import InformationNeed


def may_keep_inventory(user: Any) -> bool:
    return may_see_register(user)


@register_scope(InformationNeed)
def need_scope(user: Any, qs: QuerySet[InformationNeed]) -> QuerySet[InformationNeed]:
    return qs if may_keep_inventory(user) else qs.none()
