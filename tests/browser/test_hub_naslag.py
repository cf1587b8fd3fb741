"""Issue 4, done-when (hub part): a TSZ analyst takes a signal from the inbox to a naslag request.

Inbox → signal → enrichment from the IND file → the person: an earlier signal about the same man exists; the
analyst opens the candidates from the signal page, sees why the candidate matches (names, date of birth,
nationality), links the signal and sees both signals on the person's timeline → disclosure to the AIVD → naslag
request (first refused without its preconditions, then recorded) → the service's answer. Ambtsberichten and the
legal-basis register are checked too. Every page passes axe-core (WCAG 2.2 AA) without CSP violations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _signal_at_hub(make_user: Any, name: str = "Abdullah Haddad", dob: str = "1991") -> Any:
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.routing.services import signal_submit

    reporter = make_user("dtv", "reporter")
    data = parse_signal_input(
        {
            "subject": {"names": [{"name": name}], "date_of_birth": dob, "nationality": "SYR"},
            "observation": {"type": "statement", "text": "Sprak met instemming over een aanslag tijdens een vertrekgesprek."},
            "categories": ["terrorisme"],
            "touchpoint": "na-besluit",
        }
    )
    signal, _ = signal_submit(actor=reporter, data=data, channel="web")
    assert signal.current_unit.code == "ind.tsz"
    return signal


def test_hub_inbox_to_naslag_request(browser_login: Any, axe_check: Any, live_url: str, make_user: Any) -> None:
    from ketensignaal.persons.models import PersonSignalLink
    from ketensignaal.persons.services import signal_link_person

    earlier = _signal_at_hub(make_user, name="Abdallah Hadad", dob="1991-04")
    signal_link_person(actor=make_user("ind.tsz", "hub-analyst", "handler"), signal_id=earlier.pk, new=True)
    signal = _signal_at_hub(make_user)
    page = browser_login("ind.tsz")

    page.goto(f"{live_url}/inbox")
    axe_check(page)
    page.get_by_role("link", name=signal.reference).click()
    page.wait_for_url(re.compile(rf".*/signalen/{signal.pk}$"))

    # Enrichment from the IND file, with its source (linked from the signal page).
    axe_check(page)
    page.get_by_role("link", name="Verrijking uit het IND-dossier").click()
    page.wait_for_url(re.compile(r".*/verrijking$"))
    axe_check(page)
    page.select_option("#id_kind", "procedure-stage")
    page.fill("#id_value", "Asielaanvraag afgewezen; vertrektermijn loopt.")
    page.fill("#id_source", "INDiGO dossier")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    assert "INDiGO dossier" in page.content()
    axe_check(page)

    # Person linking: from the signal page to the candidates, with the reason they match, then the timeline.
    page.goto(f"{live_url}/signalen/{signal.pk}")
    page.get_by_role("link", name="Persoon koppelen: kandidaten bekijken").click()
    page.get_by_role("heading", name="Mogelijke personen").wait_for()
    axe_check(page)
    candidate = page.locator("li.ks-candidate").first
    explanation = candidate.inner_text()
    assert "Abdallah Hadad" in explanation and "Geboortedatum" in explanation and "Nationaliteit" in explanation
    candidate.get_by_role("button", name=re.compile("^Koppelen aan")).click()
    page.get_by_role("heading", name="Tijdlijn van signalen").wait_for()
    assert signal.reference in page.content() and earlier.reference in page.content()
    assert PersonSignalLink.objects.get(signal=signal).person_id == PersonSignalLink.objects.get(signal=earlier).person_id
    axe_check(page)
    page.get_by_role("link", name=signal.reference).first.click()
    page.wait_for_url(re.compile(rf".*/signalen/{signal.pk}$"))

    # Disclosure to the AIVD: the flow version is named.
    page.get_by_role("link", name="Verstrekkingen en naslag").click()
    page.wait_for_url(re.compile(r".*/verstrekkingen$"))
    axe_check(page)
    # No recipient is chosen for the user; the first send only shows what would cross, on which basis.
    assert page.locator("#id_recipient").input_value() == ""
    page.select_option("#id_recipient", "aivd")
    page.fill("#id_justification", "Instemmende uitspraken over een aanslag; vertrek ophanden.")
    page.get_by_role("button", name="Controleren", exact=True).click()
    page.get_by_role("heading", name="Verstrekking bevestigen").wait_for()
    confirm = page.locator("#verstrekking").inner_text()
    assert "IND → AIVD: verstrekking en naslag (versie 1)" in confirm and "Wiv 2017 art. 8 lid 2 sub f" in confirm
    assert "identificerende gegevens" in confirm and "ind-aivd-wiv@v1" not in page.content()
    axe_check(page, label="disclosure-confirm")
    page.get_by_role("button", name="Terug", exact=True).click()
    page.get_by_role("heading", name="Voorleggen aan politie of dienst").wait_for()
    assert page.locator("#id_recipient").input_value() == "aivd"
    page.get_by_role("button", name="Controleren", exact=True).click()
    page.get_by_role("button", name="Verstrekken", exact=True).click()
    page.wait_for_url(re.compile(r".*/verstrekkingen$"))
    assert "IND → AIVD: verstrekking en naslag (versie 1)" in page.content() and "ind-aivd-wiv@v1" not in page.content()

    # Naslag: refused without the preconditions and a justification, nothing typed is lost.
    page.get_by_role("link", name="Naslag aanvragen bij AIVD of MIVD").click()
    page.wait_for_url(re.compile(r".*/naslag$"))
    axe_check(page)
    page.check("#id_own_means_exhausted")
    page.get_by_role("button", name="Naslag aanvragen").click()
    page.wait_for_load_state()
    summary = page.locator("#form-errors")
    assert summary.is_visible()
    assert "Andere manieren om de gegevens te verkrijgen" in summary.inner_text()
    assert page.is_checked("#id_own_means_exhausted")
    axe_check(page)
    page.check("#id_other_means_insufficient")
    page.fill("#id_justification", "Dossier, gehoren en eigen registraties geraadpleegd; de politie heeft niets aanvullends.")
    page.get_by_role("button", name="Naslag aanvragen").click()
    page.wait_for_url(re.compile(r".*/naslag/[0-9a-f-]+$"))
    assert "IND → AIVD: verstrekking en naslag (versie 1)" in page.content() and "ind-aivd-wiv@v1" not in page.content()
    axe_check(page)

    # The service's answer, whatever it is.
    page.select_option("#id_kind", "no-information")
    page.get_by_role("button", name="Antwoord registreren").click()
    page.wait_for_load_state()
    assert "Antwoord geregistreerd" in page.content()
    axe_check(page)

    # An ambtsbericht on the service's own initiative.
    page.goto(f"{live_url}/ambtsberichten/nieuw")
    axe_check(page)
    page.select_option("#id_service", "aivd")
    page.fill("#id_dated", "2026-11-10")
    page.fill("#id_subject", "Trends in ronselen")
    page.fill("#id_content", "De dienst signaleert pogingen tot ronselen.")
    page.fill("#id_signal_reference", signal.reference)
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(re.compile(r".*/ambtsberichten/[0-9a-f-]+$"))
    axe_check(page)
    page.goto(f"{live_url}/ambtsberichten")
    assert "Trends in ronselen" in page.content()
    axe_check(page)


def test_legal_basis_register_screens(browser_login: Any, axe_check: Any, live_url: str) -> None:
    page = browser_login("privacy")
    page.goto(f"{live_url}/grondslagen")
    assert "Geen grondslag vastgesteld" in page.content()
    axe_check(page)
    page.get_by_role("link", name=re.compile("CTER-kennisknooppunt")).click()
    page.wait_for_url("**/grondslagen/ind-politie-cter-kennisknooppunt")
    axe_check(page)
    page.goto(f"{live_url}/grondslagen/ind-politie-convenant-ct/nieuwe-versie")
    axe_check(page)
    page.fill("#id_signal_categories", "terrorisme, radicalisering, ronselen, psychische-zorgen, extremisme")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url("**/grondslagen/ind-politie-convenant-ct")
    assert "Versie 2 van de gegevensstroom is vastgelegd." in page.content()
    axe_check(page)
