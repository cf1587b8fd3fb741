"""Issue 17 item 4, done-when (axe-core on the new pages): a privacy officer keeps the information-needs inventory —
a need without a flow stands out in the list, a new version links it to a registered flow, and the legal-basis
register shows the need a flow answers. Every page passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

FLOW = "coa-ind-nationale-veiligheid"


def test_inventory_list_create_version_and_the_link_from_the_register(
    browser_login: Any, make_user: Any, axe_check: Any, live_url: str
) -> None:
    from ketensignaal.informationneeds.models import InformationNeed

    officer = browser_login(make_user("ind", "privacy-officer"))
    officer.goto(f"{live_url}/informatiebehoeften")
    officer.get_by_role("heading", name="Informatiebehoeften", exact=True).wait_for()
    axe_check(officer, label="needs-list-empty")

    # A need without a flow: recorded, and visible as a gap.
    officer.get_by_role("link", name="Informatiebehoefte vastleggen").click()
    officer.select_option("#id_provider", label="COA, Centraal Orgaan opvang asielzoekers")
    officer.select_option("#id_receiver", label="IND, Immigratie- en Naturalisatiedienst")
    officer.fill("#id_need", "Signalen over bewoners met zorgelijke uitlatingen over geweld.")
    officer.fill("#id_purpose", "Beoordelen of de verblijfsaanvraag een risico voor de nationale veiligheid meebrengt.")
    officer.fill("#id_open_questions", "Welke gegevens over de context van de uitlating zijn nodig?")
    axe_check(officer, label="needs-form")
    officer.get_by_role("button", name="Vastleggen").click()
    officer.get_by_text("De informatiebehoefte is vastgelegd.").wait_for()
    assert "Geen geregistreerde stroom" in officer.content()
    axe_check(officer, label="needs-detail-gap")
    officer.get_by_role("link", name="Terug naar de inventarisatie").click()
    gaps = officer.locator("section", has=officer.get_by_role("heading", name="Zonder geldige gegevensstroom"))
    assert "Signalen over bewoners" in gaps.inner_text()
    axe_check(officer, label="needs-list-gap")

    # The register's flow does not yet point to a need.
    officer.goto(f"{live_url}/grondslagen/{FLOW}")
    officer.get_by_role("heading", name="Informatiebehoefte die deze stroom beantwoordt").wait_for()
    assert "Geen informatiebehoefte in de inventarisatie verwijst naar deze stroom." in officer.content()

    # A new version links the need to the flow; the old version stays readable.
    officer.goto(f"{live_url}/informatiebehoeften")
    officer.locator("section", has=officer.get_by_role("heading", name="Alle behoeften")).get_by_role(
        "link", name="Signalen over bewoners"
    ).click()
    officer.get_by_role("link", name="Nieuwe versie vastleggen").click()
    officer.select_option("#id_flow_code", FLOW)
    officer.fill("#id_change_note", "Gekoppeld aan de stroom COA → IND.")
    axe_check(officer, label="needs-new-version-form")
    officer.get_by_role("button", name="Vastleggen").click()
    officer.get_by_text("De nieuwe versie is vastgelegd.").wait_for()
    assert "voorziet erin" in officer.content()
    axe_check(officer, label="needs-detail-covered")
    assert InformationNeed.objects.count() == 2
    assert InformationNeed.objects.get(is_current=True).version == 2
    officer.goto(f"{live_url}/informatiebehoeften")
    assert "Elke behoefte in de inventarisatie heeft een geldige gegevensstroom." in officer.content()

    # From the register: the flow shows the need it answers, and the link leads to it.
    officer.goto(f"{live_url}/grondslagen/{FLOW}")
    section = officer.locator(
        "section", has=officer.get_by_role("heading", name="Informatiebehoefte die deze stroom beantwoordt")
    )
    section.get_by_role("link", name="Signalen over bewoners").wait_for()
    axe_check(officer, label="register-flow-with-need")
    section.get_by_role("link", name="Signalen over bewoners").click()
    officer.get_by_role(
        "heading", name="Informatiebehoefte: COA, Centraal Orgaan opvang asielzoekers → IND, Immigratie- en Naturalisatiedienst"
    ).wait_for()

    # Someone without the role finds nothing there.
    handler = browser_login(make_user("coa.bureau-veiligheid", "handler"))
    response = handler.goto(f"{live_url}/informatiebehoeften")
    assert response is not None and response.status == 404
