"""Issue 17 item 1, done-when: a witness reports without an account (Dutch and English), adds information with the
receipt code, and IND TSZ finds both reports — and the addition — in its inbox. Every page passes axe-core."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(autouse=True)
def _quick_challenge(settings: Any) -> None:
    settings.PUBLIC_REPORT_CHALLENGE_BITS = 10  # the real work, made quick: about a thousand hashes in the browser


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _report(page: Any, *, observation: str, person: str, topic: str, submit: str) -> str:
    page.get_by_label(re.compile("Getuige|Witness")).check()
    page.fill("#id_observation", observation)
    page.fill("#id_person", person)
    page.fill("#id_place", "Budel")
    page.get_by_label(topic).check()
    page.get_by_role("button", name=submit).click()
    page.locator("[data-receipt]").wait_for()
    return page.locator("[data-receipt]").inner_text()


def test_witness_reports_in_dutch_and_english_adds_information_and_tsz_sees_it(
    new_page: Any, browser_login: Any, axe_check: Any, live_url: str, browser: Any
) -> None:
    # Dutch, without an account.
    page = new_page()
    page.goto(f"{live_url}/melden")
    assert page.get_by_role("heading", name="Melden zonder account").is_visible()
    axe_check(page)
    _shot(page, "public-report-form-nl")
    receipt_nl = _report(
        page,
        observation="Hij liet filmpjes van een gewapende groep zien en zei dat hij erheen wilde.",
        person="Karim, kamer 14",
        topic="Iemand raakt in de ban van extreme ideeën (radicalisering)",
        submit="Melding versturen",
    )
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", receipt_nl)
    assert "Dank u wel. Uw melding is ontvangen." in page.content()
    axe_check(page)
    _shot(page, "public-report-receipt-nl")

    # English, switched with the language link.
    page = new_page()
    page.goto(f"{live_url}/melden")
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Report without an account").wait_for()
    axe_check(page)
    _shot(page, "public-report-form-en")
    receipt_en = _report(
        page,
        observation="A man at the reception centre tried to recruit two boys for a fighting group.",
        person="Tall man called Abu Bakr",
        topic="Someone is trying to recruit others",
        submit="Send report",
    )
    assert "Thank you. Your report has been received." in page.content()
    assert receipt_en != receipt_nl

    # Adding information with the receipt code: the answer says "received" and nothing else.
    page.get_by_role("link", name="Add something").click()
    axe_check(page)
    page.fill("#id_receipt", receipt_nl.lower())
    page.fill("#id_text", "Hij is vanochtend vertrokken met een grote sporttas.")
    page.get_by_role("button", name="Send addition").click()
    page.get_by_role("heading", name="Addition received").wait_for()
    axe_check(page)
    _shot(page, "public-report-addition-received")

    # Without JavaScript the form cannot do its challenge: a clear refusal, nothing saved.
    from ketensignaal.intake.models import Signal

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    plain = context.new_page()
    plain.goto(f"{live_url}/melden")
    plain.get_by_label("Getuige (privépersoon)").check()
    plain.fill("#id_observation", "Test zonder JavaScript.")
    plain.fill("#id_person", "Iemand")
    plain.get_by_label("Mensenhandel of mensensmokkel").check()
    plain.get_by_role("button", name="Melding versturen").click()
    plain.wait_for_load_state()
    assert "daarvoor is JavaScript nodig" in plain.content()
    context.close()
    assert Signal.objects.count() == 2

    # IND TSZ: both reports in the inbox, as witness reports from the public channel; the addition in the history.
    hub = browser_login("ind.tsz")
    hub.goto(f"{live_url}/inbox")
    inbox = hub.content()
    dutch = Signal.objects.get(names__name="Karim, kamer 14")
    english = Signal.objects.get(names__name="Tall man called Abu Bakr")
    assert dutch.reference in inbox
    assert english.reference in inbox
    axe_check(hub)
    _shot(hub, "public-report-tsz-inbox")
    hub.get_by_role("link", name=dutch.reference).click()
    hub.wait_for_load_state()
    detail = hub.content()
    assert "Karim, kamer 14" in detail
    assert "Hij is vanochtend vertrokken met een grote sporttas." in detail
    assert "Getuige" in detail
    axe_check(hub)
    _shot(hub, "public-report-tsz-detail")
