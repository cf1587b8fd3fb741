"""The unit that disclosed a signal recalls the disclosure: the link on the signal page, the confirmation step with
its required reason (refused empty), the recall — each page without WCAG 2.2 AA violations, with a screenshot."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_the_disclosing_unit_recalls_a_disclosure(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any, screenshot: Any
) -> None:
    from django.db import transaction

    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import SignalInvolvement
    from ketensignaal.routing.disclosure import signal_disclose
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("ind.aanmeldcentrum", "reporter")
    handler = make_user("ind.handhaving", "handler", username="handhaving", first_name="Sanne", last_name="de Wit")
    signal = submit(reporter, categories=["terrorisme"])
    with transaction.atomic():
        signal_disclose(
            actor=handler,
            signal=signal,
            to_unit=Unit.objects.get(code="politie.cter"),
            reason="disclosed",
            channel="web",
            justification="Concrete dreiging; de politie moet het weten.",
        )

    page = browser_login("handhaving")
    page.goto(f"{live_url}/signalen/{signal.pk}")
    assert page.get_by_role("heading", name="Verstrekkingen die u kunt intrekken").is_visible()
    axe_check(page)
    screenshot(page, "signaal")

    page.get_by_role("link", name="Intrekken — Politie cluster CTER").click()
    page.wait_for_url("**/intrekken")
    assert page.get_by_role("heading", level=1).inner_text() == "Verstrekking intrekken"
    axe_check(page)
    page.get_by_role("button", name="Verstrekking intrekken").click()
    expect(page.get_by_text("Geef een reden om de verstrekking in te trekken.").first).to_be_visible()
    axe_check(page)
    screenshot(page, "zonder-reden")

    page.get_by_label("Reden om de verstrekking in te trekken").fill("Verkeerde ontvanger gekozen.")
    page.get_by_role("button", name="Verstrekking intrekken").click()
    page.wait_for_url(f"{live_url}/signalen/{signal.pk}")
    assert page.get_by_text("De verstrekking aan Politie cluster CTER is ingetrokken.").is_visible()
    assert page.get_by_text("Verstrekking ingetrokken").first.is_visible()
    assert not SignalInvolvement.objects.filter(signal=signal, unit__code="politie.cter").exists()
    axe_check(page)
    screenshot(page, "ingetrokken")
