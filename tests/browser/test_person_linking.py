"""TSZ analyst: open a signal's person view, read the candidates' explanations, link, see the person's timeline."""

from __future__ import annotations

import pytest

from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_links_signal_to_person_and_sees_timeline(live_url, make_user, browser_login, axe_check):
    analyst = make_user("ind.tsz", "hub-analyst", "handler")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    earlier = signal_make(reporter=reporter, names=[("Khaled Al-Masri", "Latn")], date_of_birth="1996", nationality="SYR")
    person = signal_link_person(actor=analyst, signal_id=earlier.pk, new=True).person
    signal = signal_make(reporter=reporter, names=[("خالد المصري", "Arab")], date_of_birth="1996-05", nationality="SYR")

    page = browser_login(analyst)
    page.goto(f"{live_url}/signalen/{signal.pk}/personen")
    page.get_by_role("heading", name="Mogelijke personen").wait_for()
    candidate = page.locator(".ks-candidate").first
    assert "Khaled Al-Masri" in candidate.inner_text()
    assert "zelfde medeklinkers" in candidate.inner_text() and " ~ " not in candidate.inner_text()
    assert "Geboortedata verenigbaar" in candidate.inner_text()
    assert "Nationaliteit gelijk (Syrië)" in candidate.inner_text()
    axe_check(page)

    candidate.get_by_role("button", name="Koppelen aan Khaled Al-Masri").click()
    page.get_by_role("heading", name="Tijdlijn van signalen").wait_for()
    assert page.url.endswith(f"/personen/{person.pk}")
    timeline = page.locator(".ks-timeline").inner_text()
    assert earlier.reference in timeline and signal.reference in timeline
    assert "خالد المصري" in page.locator("main").inner_text()
    axe_check(page)
