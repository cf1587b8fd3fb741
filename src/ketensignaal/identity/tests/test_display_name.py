"""Issue 10: screens name a professional by their own name; an account without one by role and unit, never by its
account name (``User.display_name``, the one place that says how a person who acts is named)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_named_account_is_named_and_a_nameless_one_by_role_and_unit(make_user: Any) -> None:
    named = make_user("coa.bureau-veiligheid", "handler", username="j.devries")
    named.first_name, named.last_name = "Jan", "de Vries"
    assert named.display_name == "Jan de Vries" and named.name_or_role == "Jan de Vries"
    nameless = make_user("ind.tsz", "handler", "hub-analyst", username="tsz-svc-7")
    assert nameless.display_name == "Analist TSZ, IND Team Speciale Zaken"
    assert nameless.name_or_role == "Analist TSZ"
    with translation.override("en"):
        english = make_user("coa.bureau-veiligheid", "handler", username="bv-2").display_name
    assert english.endswith(", COA Bureau Veiligheid") and "bv-2" not in english and "Behandelaar" not in english
    without_role = make_user("ind.tsz", username="x-1")
    without_role.roles.clear()
    without_role._role_codes = None
    assert without_role.display_name == "Medewerker, IND Team Speciale Zaken"
