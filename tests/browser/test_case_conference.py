"""Issue 11, done-when: a Utrecht case end to end in the browser.

Report → triage → conference with police, OM and probation invited → plan with ``prosecution`` and then
``undesirable-alien`` showing the interference warning → review → scaled down, after which the invited police
unit gets 404; the plan PDF downloads; every case-conference page passes axe-core (WCAG 2.2 AA) without CSP
violations.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _submit(page: Any, selector: str, expect: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
    assert expect in page.content(), page.content()[:4000]


def _in(days: int) -> str:
    from django.utils import timezone

    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_utrecht_case_from_report_to_scale_down(browser_login: Any, axe_check: Any, live_url: str, make_user: Any) -> None:
    from ketensignaal.conferences.models import ConferenceCase

    make_user("om", "handler", username="om.officier")
    make_user("rn", "case-director", username="rn.toezicht")

    # 1. The police report a person to the municipality (over their registered flow) and then see nothing more.
    police = browser_login("politie.drio")
    police.goto(f"{live_url}/casusoverleg/aanmelden")
    axe_check(police)
    police.select_option("#gemeente", "gemeente.utrecht")
    police.fill("#naam", "Samir El Idrissi")
    # The date of birth as the signal form asks it: only what is known, "4" for April as the hint says.
    police.fill("#id_dob_year", "1996")
    police.fill("#id_dob_month", "4")
    police.fill("#aanleiding", "Contacten met een netwerk dat uitreizigers werft; familie maakt zich zorgen.")
    _submit(police, "#aanmelden button[type=submit]", "is aangemeld en staat in de weging")
    case = ConferenceCase.objects.get()

    # 2. The municipality triages: admitted, with the reason.
    utrecht = browser_login("gemeente.utrecht")
    utrecht.goto(f"{live_url}/casusoverleg/")
    axe_check(utrecht)
    utrecht.get_by_role("link", name=case.reference).click()
    utrecht.wait_for_load_state()
    axe_check(utrecht)
    utrecht.check("#toelaten-ja")
    utrecht.fill("#weging-reden", "Weegploeg: zorgen over werving; casusoverleg nodig.")
    _submit(utrecht, "#weging button[type=submit]", "De weging is vastgelegd.")
    assert utrecht.locator("#fase").inner_text() == "Casusoverleg"

    # 3. Police, OM and probation are invited, each with a purpose and a case-level justification. The picker
    # chooses no partner and names units, never their codes.
    assert utrecht.locator("#uitnodigen-eenheid").input_value() == ""
    picker = dict(
        zip(
            utrecht.locator("#uitnodigen-eenheid option").evaluate_all("options => options.map(o => o.value)"),
            utrecht.locator("#uitnodigen-eenheid option").all_inner_texts(),
            strict=True,
        )
    )
    assert picker["aivd"] == "AIVD" and picker["coa.locatie.ter-apel"] == "COA-locatie Ter Apel"
    assert not [label for code, label in picker.items() if code and f"({code})" in label]
    assert not [code for code in picker if code.startswith("extern.")], "the public reporting point is no partner"
    for unit in ("politie.drio", "om", "rn", "ind"):
        utrecht.select_option("#uitnodigen-eenheid", unit)
        utrecht.fill("#uitnodigen-doel", "Deelnemen aan het casusoverleg")
        utrecht.fill("#uitnodigen-onderbouwing", "Nodig voor de persoonsgerichte aanpak van deze persoon.")
        _submit(utrecht, "#uitnodigen button[type=submit]", "De partner is uitgenodigd.")
    axe_check(utrecht)

    # Probation's invitation is withdrawn: a confirmation page, a reason, then its access ends.
    utrecht.get_by_role("link", name="Intrekken (Reclassering Nederland)").click()
    utrecht.get_by_role("heading", name="Uitnodiging intrekken").wait_for()
    axe_check(utrecht, label="withdraw-confirm")
    utrecht.get_by_role("button", name="Uitnodiging intrekken").click()
    utrecht.locator("#form-errors").wait_for()
    utrecht.fill("#id_note", "Reclassering heeft geen rol meer in deze casus.")
    _submit(utrecht, "#intrekken button[type=submit]", "is ingetrokken; de eenheid heeft geen toegang meer")
    assert "Reclassering heeft geen rol meer in deze casus." in utrecht.content()

    # The invited police unit now sees the case.
    police.goto(f"{live_url}/casusoverleg/{case.pk}")
    assert "Samir El Idrissi" in police.content()
    axe_check(police)

    # 4. Plan: prosecution (OM), then declaring an undesirable alien (IND) shows the interference warning.
    utrecht.fill("#doelen-tekst", "Werving stoppen; contact met familie herstellen.")
    _submit(utrecht, "#doelen button[type=submit]", "Het plan van aanpak is opgeslagen.")
    utrecht.select_option("#maatregel-code", "prosecution")
    # The owner is picked by name from the units taking part (probation's invitation ended: no longer offered).
    owners = utrecht.locator("#maatregel-eigenaar option").all_inner_texts()
    assert "Openbaar Ministerie" in owners and "Reclassering Nederland" not in owners
    utrecht.select_option("#maatregel-eigenaar", label="Openbaar Ministerie")
    utrecht.fill("#maatregel-doel", "Onderzoek naar deelname aan werving")
    utrecht.fill("#maatregel-evaluatie", _in(60))
    _submit(utrecht, "#maatregel button[type=submit]", "De maatregel is toegevoegd aan het plan van aanpak.")
    assert "kunnen elkaar tegenwerken" not in utrecht.content()
    utrecht.select_option("#maatregel-code", "undesirable-alien")
    utrecht.select_option("#maatregel-eigenaar", label="IND, Immigratie- en Naturalisatiedienst")
    utrecht.fill("#maatregel-doel", "Toegang tot Nederland ontzeggen bij uitreis")
    utrecht.fill("#maatregel-evaluatie", _in(60))
    _submit(utrecht, "#maatregel button[type=submit]", "Waarschuwing: maatregelen kunnen elkaar tegenwerken")
    assert "OM en IND overleggen" in utrecht.content()
    axe_check(utrecht)
    warning = utrecht.locator(".ks-co-warning").first
    warning.locator("input[value=consult]").check()
    warning.locator("textarea").fill("De officier overlegt met de IND voordat de ongewenstverklaring doorgaat.")
    _submit(utrecht, ".ks-co-warning form button[type=submit]", "Uw keuze bij de waarschuwing is vastgelegd.")

    # 5. The plan downloads as PDF.
    with utrecht.expect_download() as info:
        utrecht.get_by_text("Plan van aanpak downloaden (PDF)").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    assert info.value.suggested_filename == f"plan-van-aanpak-{case.reference}.pdf"

    # 6. A review: what changed since the last one, and the next date.
    utrecht.fill("#herbeoordeling-samenvatting", "Plan loopt; contact met de familie hersteld.")
    utrecht.fill("#herbeoordeling-veranderd", "Hij heeft werk gevonden en mijdt het netwerk.")
    utrecht.fill("#herbeoordeling-volgende", _in(42))
    _submit(utrecht, "#herbeoordeling button[type=submit]", "De herbeoordeling is vastgelegd.")
    assert utrecht.locator("#fase").inner_text() == "Monitoring"

    # One primary action on the page (while monitoring: the review); every other action is a secondary button.
    assert utrecht.locator(".utrecht-button--primary-action, .utrecht-button-link--primary-action").count() == 1
    assert utrecht.locator("#volgende-herbeoordeling").is_visible()
    axe_check(utrecht, label="monitoring")

    # 7. Scaled down after a confirmation page (who loses access, what continues), with a reason and an attention
    # period; the running measures stay with their owners, and no next review is shown any more.
    utrecht.locator("a#afschalen").click()
    utrecht.get_by_role("heading", name="Casus afschalen").wait_for()
    assert "Politie" in utrecht.locator("#gevolgen").inner_text()
    axe_check(utrecht, label="scale-down-confirm")
    utrecht.fill("#id_reason", "Geen zorgen meer over werving; nazorg door het wijkteam.")
    utrecht.fill("#id_attention_until", _in(180))
    _submit(utrecht, "#afschalen button[type=submit]", "De casus is afgeschaald")
    assert "Strafrechtelijke vervolging (Openbaar Ministerie)" in utrecht.content() and "(om)" not in utrecht.content()
    assert utrecht.locator("#volgende-herbeoordeling").count() == 0 and utrecht.locator("#nazorg-tot").is_visible()
    assert utrecht.locator(".utrecht-button--primary-action, .utrecht-button-link--primary-action").count() == 1
    axe_check(utrecht, label="scaled-down")

    # 8. The invited police unit's next request answers 404.
    response = police.goto(f"{live_url}/casusoverleg/{case.pk}")
    assert response is not None and response.status == 404
    police.goto(f"{live_url}/casusoverleg/")
    assert case.reference not in police.content()

    # 9. Closing before the aftercare ends: a confirmation page and a reason.
    utrecht.locator("a#afsluiten").click()
    utrecht.get_by_role("heading", name="Casus afsluiten").wait_for()
    axe_check(utrecht, label="close-confirm")
    utrecht.fill("#id_reason", "Verhuisd naar een andere gemeente; daar loopt de nazorg.")
    _submit(utrecht, "#afsluiten button[type=submit]", "De casus is afgesloten.")
    assert utrecht.locator("#fase").inner_text() == "Afgesloten"


def test_known_elsewhere_page(browser_login: Any, axe_check: Any, live_url: str) -> None:
    utrecht = browser_login("gemeente.utrecht")
    utrecht.goto(f"{live_url}/casusoverleg/elders-bekend")
    axe_check(utrecht)
    utrecht.fill("#naam", "Yara Mansour")
    utrecht.fill("#id_dob_year", "1999")
    _submit(utrecht, "#elders-bekend button[type=submit]", "Nee: deze persoon is bij geen andere gemeente")
    axe_check(utrecht)
