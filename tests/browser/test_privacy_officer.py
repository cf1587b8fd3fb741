"""Privacy officer at the chain's contact point: a data-subject access request from registration to the answer
(matched by a person, the ambtsbericht withheld on a ground), then the access review: mark a person sensitive, a
break-the-glass opening by an analyst, the reason in the officer's queue."""

from __future__ import annotations

from datetime import date

import pytest

from ketensignaal.disclosures.services import ambtsbericht_register
from ketensignaal.persons.services import signal_link_person
from ketensignaal.routing.tests.factories import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Nieuw signaal over deze persoon beoordelen voor het LRO van donderdag."


def test_access_request_and_access_review(live_url, make_user, browser_login, axe_check):
    analyst = make_user("ind.tsz", "hub-analyst", "reporter")
    officer = make_user("ind", "privacy-officer")
    signal = submit(analyst)
    person = signal_link_person(actor=analyst, signal_id=signal.pk, new=True).person
    ambtsbericht_register(
        actor=analyst,
        service="aivd",
        dated=date(2026, 11, 30),
        subject="Contacten",
        content="Inhoud van de dienst.",
        person=person,
    )

    page = browser_login(officer)
    page.goto(f"{live_url}/privacy/verzoeken")
    page.get_by_role("heading", name="Verzoeken van betrokkenen").wait_for()
    axe_check(page, label="lijst-leeg")
    page.get_by_role("link", name="Een nieuw verzoek registreren").click()
    page.get_by_role("heading", name="Verzoek van een betrokkene registreren").wait_for()
    page.get_by_label("Inzage").check()
    page.get_by_label("Naam van de betrokkene").fill("Mohammed al-Hassan")
    page.get_by_label("Geboortedatum (JJJJ, JJJJ-MM of JJJJ-MM-DD)").fill("1994-03")
    axe_check(page, label="nieuw-verzoek")
    page.get_by_role("button", name="Verzoek registreren").click()

    page.get_by_role("heading", name="Wie is de verzoeker?").wait_for()
    axe_check(page, label="kandidaten")
    page.get_by_label("Mohammed al-Hassan", exact=False).first.check()
    page.get_by_label("Waarom is dit de verzoeker (of niet)?").fill("Naam en geboortemaand gelijk; kopie paspoort gezien.")
    page.get_by_role("button", name="Keuze vastleggen").click()

    page.get_by_role("heading", name="Gevonden gegevens").wait_for()
    items = page.locator("article")
    for index in range(items.count()):
        item = items.nth(index)
        if "Ambtsbericht" in item.get_by_role("heading").inner_text():
            item.get_by_label("Niet verstrekken, op grond van:").check()
            item.get_by_label("Beperkingsgrond").select_option("uavg-41-nationale-veiligheid")
        else:
            item.get_by_label("Verstrekken", exact=True).check()
        item.get_by_role("button", name="Beslissing opslaan").click()
        page.get_by_text("De beslissing is vastgelegd.").wait_for()
        items = page.locator("article")
    assert "Nationale veiligheid" in page.locator("main").inner_text()
    axe_check(page, label="beslist")
    page.get_by_role("button", name="Verzoek beantwoorden").click()
    page.get_by_role("link", name="Het antwoord downloaden (PDF)").wait_for()
    axe_check(page, label="beantwoord")
    with page.expect_download() as download:
        page.get_by_role("link", name="Het antwoord downloaden (PDF)").click()
    assert download.value.suggested_filename.startswith("antwoord-AVG-")

    # Access review: find the person by name (not by id) and mark the file sensitive.
    page.goto(f"{live_url}/privacy/inzagecontrole")
    page.get_by_label("Naam (in elk schrift)").fill("Mohamed al Hasan")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("link", name="Mohammed al-Hassan").click()
    page.get_by_label("Waarom is dit dossier gevoelig?").fill("Zaak is in de media geweest.")
    page.get_by_role("button", name="Als gevoelig markeren").click()
    page.get_by_text("Gemarkeerd als gevoelig op").wait_for()
    axe_check(page, label="dossier-gemarkeerd")

    # The analyst opens the file: a reason first.
    other = browser_login(analyst)
    other.goto(f"{live_url}/personen/{person.pk}")
    other.get_by_role("heading", name="Dit dossier is als gevoelig gemarkeerd").wait_for()
    assert "Mohammed" not in other.locator("main").inner_text()
    axe_check(other, label="reden-gevraagd")
    other.get_by_label("Reden van inzage").fill(REASON)
    other.get_by_role("button", name="Reden vastleggen en dossier openen").click()
    other.get_by_role("heading", name="Tijdlijn van signalen").wait_for()

    # ...which lands in the officer's review queue, and in "who saw this file".
    page.goto(f"{live_url}/privacy/inzagecontrole")
    queue = page.locator("main").inner_text()
    assert REASON in queue and "Mohammed al-Hassan" in queue
    axe_check(page, label="wachtrij")
    page.get_by_role("link", name="Mohammed al-Hassan").first.click()
    page.get_by_role("heading", name="Wie zag het dossier van Mohammed al-Hassan?").wait_for()
    assert REASON in page.locator("main").inner_text()
    axe_check(page, label="wie-zag-het-dossier")


def test_the_officer_picks_a_case_to_mark_sensitive(live_url, make_user, browser_login, axe_check):
    """Issue 10: marking a case sensitive picks the case from a search (name, reference, V-number, words), as the
    LRO's put-forward picker does; the radio sits beside its label."""
    from ketensignaal.conferences import services as conferences

    director = make_user("gemeente.utrecht", "case-director")
    officer = make_user("gemeente.utrecht", "privacy-officer")
    case = conferences.case_register(
        actor=director,
        municipality_code="gemeente.utrecht",
        subject={"names": [{"name": "Mohammed al-Hassan"}], "date_of_birth": "1994-03"},
        reason="Zorgen over ronselen op school.",
    )
    page = browser_login(officer)
    page.goto(f"{live_url}/privacy/inzagecontrole")
    page.get_by_label("Zoek de casus op naam, kenmerk, V-nummer of woorden uit de aanleiding").fill("ronselen")
    page.get_by_role("button", name="Casus zoeken").click()
    radio = page.locator(f'input[name=casus][value="{case.pk}"]')
    radio.check()
    box, text = radio.bounding_box(), page.locator(f'label[for="{radio.get_attribute("id")}"]').bounding_box()
    assert box and text and 0 <= text["x"] - (box["x"] + box["width"]) <= 16, (box, text)
    axe_check(page, label="casus-kiezen")
    page.get_by_label("Waarom is deze casus gevoelig?").fill("Zaak is in de media geweest.")
    page.get_by_role("button", name="Casus als gevoelig markeren").click()
    page.get_by_text("De markering is vastgelegd.").wait_for()
    assert f"{case.reference} — Zaak is in de media geweest." in page.locator("main").inner_text()
    axe_check(page, label="casus-gemarkeerd")
