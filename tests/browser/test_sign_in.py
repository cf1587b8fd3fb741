"""A person signs in for the first time: password, authenticator set-up from the key on screen, home page,
English and back, API tokens — every page without WCAG 2.2 AA violations (axe-core)."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect


def code_from_key(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


@pytest.mark.browser
def test_first_sign_in_with_authenticator_set_up_language_switch_and_accessibility(
    new_page, live_url, make_user, axe_check, browser_password
):
    make_user("coa.bureau-veiligheid", "handler", "reporter", username="p.jansen", first_name="Peter", last_name="Jansen")
    page = new_page()
    page.goto(f"{live_url}/")
    assert "/inloggen" in page.url
    axe_check(page)

    page.get_by_label("Gebruikersnaam").fill("p.jansen")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Gebruikersnaam of wachtwoord is onjuist.")).to_be_visible()
    axe_check(page)

    page.get_by_label("Wachtwoord").fill(browser_password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mfa/")
    assert page.get_by_role("heading", level=1).inner_text() == "Authenticator instellen"
    axe_check(page)

    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    page.get_by_role("button", name="Instellen en doorgaan").click()
    expect(page.get_by_text("Deze code klopt niet of is verlopen.").first).to_be_visible()
    axe_check(page)

    page.wait_for_timeout(1100)  # django-otp throttles for a second after a wrong code
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    assert page.locator("#totp-secret").inner_text().replace(" ", "") == secret
    page.get_by_label("Code uit uw authenticator-app").fill(code_from_key(secret))
    page.get_by_role("button", name="Instellen en doorgaan").click()
    page.wait_for_url(f"{live_url}/")
    assert page.get_by_role("heading", name="Inbox van uw eenheid").is_visible()
    axe_check(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Your unit's inbox").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Inbox van uw eenheid").is_visible()

    page.get_by_role("link", name="API-tokens voor koppelingen").click()
    axe_check(page)
    page.get_by_label("Naam").fill("Koppeling zaaksysteem")
    page.get_by_role("button", name="Token aanmaken").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("ks_")
    axe_check(page)
    page.get_by_role("button", name="Intrekken Koppeling zaaksysteem").click()
    expect(page.get_by_text("is ingetrokken")).to_be_visible()
    assert page.get_by_text("ingetrokken", exact=True).is_visible()
    axe_check(page)


@pytest.mark.browser
def test_locked_out_page_is_accessible(new_page, live_url, make_user, axe_check, settings):
    make_user("ind.tsz", "handler", username="e.mulder")
    page = new_page()
    page.goto(f"{live_url}/inloggen")
    for i in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Gebruikersnaam").fill("e.mulder")
        page.get_by_label("Wachtwoord").fill(f"fout-{i}")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tijdelijk geblokkeerd")).to_be_visible()
    axe_check(page)
