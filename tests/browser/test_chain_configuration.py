"""The functional administrator changes the LRO's members: overview, form, a refusal at the field, the change, the
history — each page without WCAG 2.2 AA violations, with a screenshot."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_functional_admin_changes_the_lro_members(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any, screenshot: Any
) -> None:
    from ketensignaal.configuration.models import SettingKey
    from ketensignaal.configuration.selectors import clear, setting_unit_codes

    make_user("ind.tsz", "functional-admin", username="beheerder", first_name="Joost", last_name="Bos")
    page = browser_login("beheerder")
    page.get_by_role("banner").get_by_role("link", name="Ketenconfiguratie").click()
    page.wait_for_url(f"{live_url}/ketenconfiguratie")
    assert page.get_by_role("heading", level=1).inner_text() == "Ketenconfiguratie"
    assert "KMar Afdeling Intelligence" in page.content()
    axe_check(page)
    screenshot(page, "overzicht")

    page.get_by_role("link", name="Wijzigen Leden van het landelijk regieoverleg (LRO)").click()
    page.wait_for_url("**/lro-member-units/wijzigen")
    page.get_by_label("KMar Afdeling Intelligence").uncheck()
    page.get_by_label("Politie cluster CTER").uncheck()
    page.get_by_label("Reden van de wijziging").fill("Alleen de hub blijft over")
    page.get_by_role("button", name="Wijziging vastleggen").click()
    expect(page.get_by_text("Kies minstens 2 eenheden.").first).to_be_visible()
    axe_check(page)
    screenshot(page, "weigering")

    page.get_by_label("Politie Dienst Regionale Informatie Organisatie").check()
    page.get_by_label("Reden van de wijziging").fill("De DRIO neemt de plaats van CTER in")
    page.get_by_role("button", name="Wijziging vastleggen").click()
    page.wait_for_url(f"{live_url}/ketenconfiguratie")
    assert page.get_by_text("De wijziging van de ketenconfiguratie is vastgelegd.").is_visible()
    clear()
    assert setting_unit_codes(SettingKey.LRO_MEMBER_UNITS) == ("ind.tsz", "politie.drio")
    axe_check(page)

    page.get_by_role("link", name="Wijzigen Leden van het landelijk regieoverleg (LRO)").click()
    expect(page.get_by_text("De DRIO neemt de plaats van CTER in")).to_be_visible()
    axe_check(page)
    screenshot(page, "geschiedenis")
