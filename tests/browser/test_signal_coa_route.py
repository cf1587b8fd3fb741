"""Issue 3, done-when: the COA reporting line walked in the browser.

A location worker reports through the form; COA Bureau Veiligheid forwards; the National Security adviser
forwards to IND TSZ with a case-level justification; TSZ closes. A user of an uninvolved unit gets 404 on every
URL of that signal. Every page on the way passes axe-core (WCAG 2.2 AA) without CSP violations.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _show_action(page: Any, field: str) -> None:
    """Actions other than the state's primary one wait behind "Andere acties": open it when the field is hidden."""
    if not page.locator(field).is_visible():
        page.locator("details.ks-more-actions > summary").click()


def _forward(page: Any, to_unit: str, *, justification: str = "") -> None:
    _show_action(page, "#id_forward_to_unit")
    page.select_option("#id_forward_to_unit", to_unit)
    page.fill("#id_forward_note", "Doorgestuurd volgens de meldroute.")
    if justification:
        page.fill("#id_forward_justification", justification)
    page.locator("form[action$='/doorsturen'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Het signaal is doorgestuurd." in page.content()


def test_coa_route_from_report_to_close(browser_login: Any, axe_check: Any, live_url: str) -> None:
    # 1. A COA location worker reports. The form asks about acute danger first.
    reporter = browser_login("coa.terapel")
    reporter.goto(f"{live_url}/signalen/nieuw")
    assert reporter.get_by_text("Is er acuut gevaar?").first.is_visible()
    axe_check(reporter)
    reporter.get_by_label("Ja", exact=True).check()
    assert reporter.locator("#acute-now").is_visible()  # call 112 shows at once (signal-form.js)
    reporter.get_by_label("Nee", exact=True).check()
    assert not reporter.locator("#acute-now").is_visible()
    reporter.get_by_role("button", name="Volgende").click()
    reporter.wait_for_url("**/signalen/nieuw?stap=acuut&acuut=nee")
    axe_check(reporter)

    # Another name row comes in over htmx without reloading the page.
    reporter.fill("#id_names-0-name", "Mohammed al-Hassan")
    reporter.get_by_role("button", name="Nog een naam of alias toevoegen").click()
    reporter.locator("#id_names-3-name").wait_for()
    assert reporter.input_value("#id_names-0-name") == "Mohammed al-Hassan"
    reporter.fill("#id_names-3-name", "Abu Mohammed")
    reporter.select_option("#id_names-3-kind", "alias")

    # A first attempt with a mistake: the summary says what to fix, nothing typed is lost.
    reporter.fill("#id_names-0-name", "Mohammed al-Hassan")
    reporter.fill("#id_names-1-name", "محمد الحسن")
    reporter.select_option("#id_names-1-script", "Arab")
    reporter.fill("#id_v_number", "12345")
    reporter.select_option("#id_observation_type", "co-resident")
    reporter.fill("#id_observation_text", "Een medebewoner vertelde dat hij de persoon in 2015 in Raqqa met een wapen zag.")
    reporter.select_option("#id_touchpoint", "opvanglocatie")
    reporter.get_by_role("button", name="Signaal versturen").click()
    reporter.wait_for_load_state()
    summary = reporter.locator("#error-summary")
    assert summary.is_visible()
    assert "10 cijfers" in summary.inner_text() and "categorie" in summary.inner_text()
    assert reporter.input_value("#id_names-1-name") == "محمد الحسن"
    axe_check(reporter)

    reporter.fill("#id_v_number", "1234567890")
    reporter.get_by_label(re.compile(r"^Radicalisering")).check()
    reporter.get_by_role("button", name="Signaal versturen").click()
    reporter.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+/bevestiging$"))
    reference = reporter.locator(".ks-reference").inner_text()
    assert re.fullmatch(r"KS-\d{4}-\d{6}", reference)
    confirmation_url = reporter.url
    detail_url = confirmation_url.removesuffix("/bevestiging")
    assert "COA Bureau Veiligheid" in reporter.content()
    axe_check(reporter)

    reporter.goto(f"{live_url}/mijn-meldingen")
    assert reference in reporter.content()
    axe_check(reporter)

    # 2. COA Bureau Veiligheid finds it in its inbox and forwards along the route.
    bv = browser_login("coa.bv")
    bv.locator("#home-inbox").get_by_role("link", name=reference).wait_for()  # the start page loads the inbox (htmx)
    axe_check(bv)
    bv.goto(f"{live_url}/inbox")
    axe_check(bv)
    bv.get_by_role("link", name=reference).click()
    bv.wait_for_url(detail_url)
    axe_check(bv)
    bv.locator("form[action$='/in-behandeling-nemen'] button[type=submit]").click()
    bv.wait_for_load_state()
    _forward(bv, "coa.adviseur-nv")

    # 3. The National Security adviser forwards to IND TSZ: another organisation, so a justification.
    adviseur = browser_login("coa.adviseur")
    adviseur.goto(detail_url)
    axe_check(adviseur)
    _forward(
        adviseur,
        "ind.tsz",
        justification="Getuigenverklaring over wapenbezit in een conflictgebied; TSZ moet dit verrijken en beoordelen.",
    )

    # 4. IND TSZ closes with an outcome.
    tsz = browser_login("ind.tsz")
    tsz.goto(f"{live_url}/inbox")
    assert reference in tsz.content()
    tsz.goto(detail_url)
    axe_check(tsz)
    _show_action(tsz, "#id_close_outcome")
    tsz.select_option("#id_close_outcome", "monitoring")
    tsz.fill("#id_close_note", "Besproken; wordt gemonitord.")
    tsz.locator("form[action$='/afsluiten'] button[type=submit]").click()
    axe_check(tsz, label="close-confirmation")
    tsz.get_by_role("button", name="Bevestigen").click()  # closing is irreversible: confirmed first
    tsz.wait_for_load_state()
    assert "Het signaal is afgesloten." in tsz.content()
    assert "Afgesloten" in tsz.locator(".ks-status-line").inner_text()
    axe_check(tsz)

    # The reporter hears back, within limits: never where it went at the partner or how the partner closed it.
    reporter.goto(f"{live_url}/mijn-meldingen")
    assert reference in reporter.content()
    reporter.goto(detail_url)
    status_line = reporter.locator(".ks-status-line").inner_text()
    assert "Team Speciale Zaken" not in status_line and "Monitoren" not in status_line

    # 5. An uninvolved unit sees nothing: 404 on every URL of this signal, as if it did not exist.
    outsider = browser_login("kmar.ir")
    for url in (detail_url, confirmation_url):
        response = outsider.goto(url)
        assert response is not None and response.status == 404, url
    token = next(c["value"] for c in outsider.context.cookies() if c["name"] == "csrftoken")
    for action in ("in-behandeling-nemen", "notitie", "toewijzen", "terugsturen", "doorsturen", "afsluiten"):
        response = outsider.request.post(
            f"{detail_url}/{action}",
            form={"note": "x", "to_unit": "kmar.ir", "outcome": "unfounded", "assignee": "1"},
            headers={"X-CSRFToken": token, "Referer": detail_url},
        )
        assert response.status == 404, action
    outsider.goto(f"{live_url}/inbox")
    assert reference not in outsider.content()
