from typing import Any

from django.conf import settings
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    sandbox = bool(getattr(settings, "SANDBOX", False))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset(), "sandbox": sandbox}
    return {"nav_roles": user.role_codes, "nav_unit": user.unit, "sandbox": sandbox}
