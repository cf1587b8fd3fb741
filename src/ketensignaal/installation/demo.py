"""Demo data: one account per unit and role, then each context's own demo data.

Every demo account has the same password and a confirmed TOTP device; the
``demo-code`` command prints the current code for a demo account, so the
mandatory MFA step can be shown without an authenticator app.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketensignaal.identity.models import User
from ketensignaal.identity.services import user_create

DEMO_PASSWORD = "Ketensignaal-demo-2026"
DEMO_DEVICE_NAME = "demo"

DEMO_ACCOUNTS: list[tuple[str, str, list[str], str, str]] = [
    # username, unit, roles, first name, last name
    ("coa.terapel", "coa.locatie.ter-apel", ["reporter"], "Sanne", "de Vries"),
    ("coa.budel", "coa.locatie.budel", ["reporter"], "Yusuf", "Demir"),
    ("coa.bv", "coa.bureau-veiligheid", ["handler", "reporter"], "Peter", "Jansen"),
    ("coa.adviseur", "coa.adviseur-nv", ["handler", "liv-staff"][:1], "Ingrid", "Bakker"),
    ("ind.aanmeld", "ind.aanmeldcentrum", ["reporter"], "Fatima", "El Amrani"),
    ("ind.handhaving", "ind.handhaving", ["handler"], "Marco", "Visser"),
    ("ind.tsz", "ind.tsz", ["handler", "hub-analyst", "lro-member"], "Eva", "Mulder"),
    ("ind.1f", "ind.unit-1f", ["handler"], "Johan", "Smit"),
    ("politie.avim", "politie.avim", ["reporter", "handler"], "Kees", "Meijer"),
    ("politie.drio", "politie.drio", ["handler"], "Linda", "de Boer"),
    ("politie.cter", "politie.cter", ["handler", "lro-member"], "Ahmed", "Yilmaz"),
    ("politie.tim", "politie.tim", ["handler"], "Roos", "Dekker"),
    ("kmar.ir", "kmar.ir", ["reporter"], "Tom", "Hendriks"),
    ("kmar.intel", "kmar.intelligence", ["handler", "lro-member"], "Nina", "van Dijk"),
    ("dtv.medewerker", "dtv", ["reporter"], "Bas", "Koster"),
    ("liv.staf", "lse.liv", ["liv-staff"], "Mirjam", "Vos"),
    ("liv.expert", "lse.liv", ["liv-expert"], "Daan", "Peters"),
    ("gemeente.utrecht", "gemeente.utrecht", ["reporter", "case-director"], "Lotte", "Brouwer"),
    ("privacy", "ind", ["privacy-officer"], "Hanna", "Willems"),
    ("beheer", "ind", ["functional-admin"], "Joost", "Bos"),
]


@transaction.atomic
def demo_load() -> list[User]:
    users = []
    for username, unit, roles, first, last in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username,
                unit_code=unit,
                roles=roles,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                validate=False,
            )
            if "functional-admin" in roles:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        TOTPDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME, defaults={"confirmed": True})
        users.append(user)
    by_name = {u.username: u for u in users}
    for config in apps.get_app_configs():
        if config.name.startswith("ketensignaal.") and config.label != "installation":
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            loader: Any = module.demo_load
            loader(users=by_name)
    return users


def demo_code(username: str) -> str:
    """The current TOTP code of a demo account's demo device."""
    device = TOTPDevice.objects.get(user__username=username, name=DEMO_DEVICE_NAME)
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):0{device.digits}d}"
