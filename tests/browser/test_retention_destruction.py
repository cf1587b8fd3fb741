"""Issue 13, done-when (retention): the privacy officer reviews a destruction list, confirms it, sees the progress
while it runs and downloads the report; the police unit that had received the signal then gets 404; a legal hold is
placed; a rule below its legal minimum is refused. Every page passes axe-core (WCAG 2.2 AA) without CSP violations.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _closed_signal(make_user: Any, handler: Any, *, share: bool) -> Any:
    from django.db import transaction
    from django.utils import timezone

    from ketensignaal.identity.models import Unit
    from ketensignaal.intake.models import Signal
    from ketensignaal.routing import services as routing
    from ketensignaal.routing.disclosure import signal_disclose
    from ketensignaal.routing.tests.factories import submit

    signal = submit(make_user("ind.aanmeldcentrum", "reporter"), categories=["terrorisme"])
    if share:
        with transaction.atomic():
            signal_disclose(
                actor=handler,
                signal=signal,
                to_unit=Unit.objects.get(code="politie.cter"),
                reason="disclosed",
                channel="web",
                justification="Concrete aanwijzing; de politie moet dit weten.",
            )
    routing.signal_close(actor=handler, signal_id=signal.pk, outcome="unfounded", note="Afgerond.", channel="web")
    Signal.objects.filter(pk=signal.pk).update(closed_at=timezone.now() - timedelta(days=400))
    return Signal.objects.get(pk=signal.pk)


def test_privacy_officer_reviews_confirms_and_destroys_a_list(
    browser_login: Any, axe_check: Any, screenshot: Any, live_url: str, make_user: Any
) -> None:
    from django.utils import timezone

    from ketensignaal.retention import services
    from ketensignaal.retention.models import DestructionList, ListStatus

    handler = make_user("ind.handhaving", "handler")
    signal = _closed_signal(make_user, handler, share=True)
    kept = _closed_signal(make_user, handler, share=False)
    (dlist,) = services.destruction_lists_propose()
    officer = make_user("ind.handhaving", "privacy-officer")
    police = make_user("politie.cter", "handler")

    page = browser_login(officer)
    page.get_by_role("link", name="Bewaren", exact=True).click()
    page.wait_for_url(re.compile(r".*/privacy/bewaren$"))
    axe_check(page, label="bewaarregels")

    # A rule below its legal minimum is refused with the minimum and its source.
    page.get_by_role("link", name="Wijzigen Signaal afgesloten als ongegrond").click()
    page.fill("#id_period_months", "3")
    page.fill("#id_reason", "Sneller opruimen")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("korter dan het wettelijk minimum van 6 maanden").first).to_be_visible()
    axe_check(page, label="regel-geweigerd")

    page.get_by_role("navigation", name="Bewaren en vernietigen").get_by_role("link", name="Vernietigingslijsten").click()
    axe_check(page, label="lijsten")
    page.get_by_role("link", name=dlist.number).click()
    page.wait_for_url(re.compile(rf".*/privacy/vernietigingslijsten/{dlist.pk}$"))
    assert page.get_by_role("rowheader", name=signal.reference).is_visible()
    axe_check(page, label="lijst-te-beoordelen")

    # Exclude one item with a reason.
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=kept.reference))
    row.get_by_text("Uitzonderen of uitstellen").click()
    row.get_by_label("Reden").fill("Klacht van betrokkene loopt nog.")
    row.get_by_role("button", name="Van de lijst halen").click()
    expect(page.get_by_text("Uitgezonderd.").first).to_be_visible()

    page.get_by_role("button", name="Lijst bevestigen en bedenktijd starten").click()
    expect(page.get_by_text("De bedenktijd loopt tot").first).to_be_visible()
    axe_check(page, label="bedenktijd")

    # While a list runs the page shows (and polls) its progress.
    DestructionList.objects.filter(pk=dlist.pk).update(status=ListStatus.RUNNING)
    page.reload()
    assert page.get_by_text("0 van 1 dossiers verwerkt").is_visible()
    axe_check(page, label="voortgang")
    page.goto("about:blank")
    services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))

    page.goto(f"{live_url}/privacy/vernietigingslijsten/{dlist.pk}")
    assert page.get_by_text("Vernietiging afgerond op").is_visible()
    axe_check(page, label="vernietigd")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Vernietigingsverslag downloaden (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # A legal hold on the other signal.
    page.get_by_role("navigation", name="Bewaren en vernietigen").get_by_role("link", name="Bewaarplichten").click()
    page.get_by_label("Signaal").check()
    page.fill("#id_identifier", kept.reference)
    page.fill("#id_reason", "Procedure bij de rechtbank.")
    page.get_by_role("button", name="Bewaarplicht vastleggen").click()
    expect(page.get_by_role("rowheader", name=f"Signaal: {kept.reference}")).to_be_visible()
    axe_check(page, label="bewaarplichten")

    # The police unit that received the signal no longer has it.
    police_page = browser_login(police)
    response = police_page.goto(f"{live_url}/signalen/{signal.pk}")
    assert response is not None and response.status == 404
    screenshot(police_page, "politie-404")
