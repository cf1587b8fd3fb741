"""Writing identities: professionals and their roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.identity.models import Role, RoleCode, Unit, User


@transaction.atomic
def user_create(
    *,
    username: str,
    unit_code: str,
    roles: Iterable[str],
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    validate: bool = True,
) -> User:
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in RoleCode.values]
    if unknown:
        raise ValidationFailed(
            gettext("Onbekende rol(len): %(unknown)s. Geldig: %(values)s.")
            % {"unknown": ", ".join(unknown), "values": ", ".join(RoleCode.values)},
            code="unknown_role",
        )
    unit = Unit.objects.filter(code=unit_code, is_active=True).first()
    if unit is None:
        raise ValidationFailed(gettext("Onbekende eenheid: %(unit_code)s.") % {"unit_code": unit_code}, code="unknown_unit")
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(
            gettext("De gebruikersnaam %(username)s bestaat al.") % {"username": username}, code="duplicate_username"
        )
    user = User(username=username, unit=unit, first_name=first_name, last_name=last_name, email=email)
    if password:
        if validate:
            from django.core.exceptions import ValidationError

            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationFailed(" ".join(exc.messages), code="weak_password") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.roles.set(Role.objects.filter(code__in=roles))
    return user
