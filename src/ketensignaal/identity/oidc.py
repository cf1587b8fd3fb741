"""Single sign-on: map the identity provider's claims to unit and roles."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ketensignaal.identity.models import Role, RoleCode, Unit


class UnitClaimOIDCBackend(OIDCAuthenticationBackend):
    """Refuses users whose unit claim names no known unit; roles come from a claim."""

    def _unit_and_roles(self, claims: dict[str, Any]) -> tuple[Unit, list[Role]]:
        unit = Unit.objects.filter(code=claims.get(settings.OIDC_UNIT_CLAIM), is_active=True).first()
        if unit is None:
            raise PermissionDenied(gettext("Onbekende eenheid in de SSO-claim."))
        raw_roles = claims.get(settings.OIDC_ROLES_CLAIM) or []
        if isinstance(raw_roles, str):
            raw_roles = raw_roles.split()
        codes = [r for r in raw_roles if r in RoleCode.values]
        return unit, list(Role.objects.filter(code__in=codes))

    def create_user(self, claims: dict[str, Any]) -> Any:
        unit, roles = self._unit_and_roles(claims)
        user = self.UserModel.objects.create_user(
            username=claims.get("preferred_username") or claims.get("sub"), email=claims.get("email", ""), unit=unit
        )
        user.roles.set(roles)
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        unit, roles = self._unit_and_roles(claims)
        user.unit = unit
        user.save(update_fields=["unit"])
        user.roles.set(roles)
        return user
