"""Issue 10, points 5–7 in the browser: the LRO agenda, the LIV list and trajectory page say who and what with links;
the person page merges by picking a person found by name; axe-core on every one of these pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.coordination import services as coordination
from ketensignaal.coordination.models import Decision
from ketensignaal.coordination.tests.conftest import coa_signal, link, person, soon
from ketensignaal.persons.services import signal_link_person
from ketensignaal.persons.tests.factories import signal_make
from ketensignaal.trajectories.catalogue import catalogue_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agenda_and_liv_list_say_who_and_what(live_url: str, make_user: Any, browser_login: Any, axe_check: Any) -> None:
    catalogue_load()
    lro = {
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member"),
        "coa": make_user("coa", "reporter"),
    }
    liv_staff = make_user("lse.liv", "liv-staff")
    signal = coa_signal(lro, observation__text="Toonde medebewoners filmpjes van aanslagen en sprak over vertrek.")
    alfa = person("Karim Haddad")
    link(signal, alfa, lro["hub"])
    meeting = coordination.meeting_create(actor=lro["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    item = coordination.item_put_forward(actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Duiding")
    coordination.decision_record(
        actor=lro["hub"],
        meeting_id=meeting.pk,
        item_id=item.pk,
        interpretation="Zorgen om psychische gezondheid en beïnvloeding.",
        decision="liv",
        owner="lse.liv",
        due=soon(42),
    )
    trajectory_id = Decision.objects.get(kind="liv").liv_trajectory_id

    page = browser_login(lro["hub"])
    page.goto(f"{live_url}/lro/{meeting.pk}")
    agenda = page.locator(f"#item-{item.pk}")
    agenda.get_by_role("link", name="Karim Haddad").wait_for()
    assert "Toonde medebewoners filmpjes" in agenda.inner_text()
    assert agenda.get_by_role("link", name="Naar het LIV-traject").get_attribute("href") == f"/liv/{trajectory_id}"
    axe_check(page, label="agenda")

    page = browser_login(liv_staff)
    page.goto(f"{live_url}/liv/")
    # The row names the signal's subject as reported and what was seen, linked to the signal.
    row = page.locator("tr", has_text="Toonde medebewoners filmpjes").first
    assert row.locator(f'a[href="/signalen/{signal.pk}"]').count() == 1
    axe_check(page, label="liv-list")
    page.goto(f"{live_url}/liv/{trajectory_id}")
    assert page.get_by_role("link", name=signal.reference).get_attribute("href") == f"/signalen/{signal.pk}"
    axe_check(page, label="liv-trajectory")


def test_merge_by_picking_a_person_found_by_name(live_url: str, make_user: Any, browser_login: Any, axe_check: Any) -> None:
    hub = make_user("ind.tsz", "hub-analyst", "handler")
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    survivor = signal_link_person(
        actor=hub, signal_id=signal_make(reporter=reporter, names=[("Omar Haddad", "Latn")], nationality="SYR").pk, new=True
    ).person
    other = signal_link_person(
        actor=hub,
        signal_id=signal_make(reporter=reporter, names=[("Omar Hadad", "Latn")], v_number="1234567890").pk,
        new=True,
    ).person
    page = browser_login(hub)
    page.goto(f"{live_url}/personen/{survivor.pk}")
    assert "Syrië" in page.locator("main").inner_text()
    page.get_by_label("Naam of V-nummer van de andere persoon").fill("1234567890")
    page.get_by_role("button", name="Zoeken").click()
    choice = page.get_by_label("Omar Hadad")
    choice.wait_for()
    axe_check(page, label="merge-search")
    choice.check()
    page.get_by_role("button", name="Samenvoegen", exact=True).click()
    page.get_by_text("De personen zijn samengevoegd.").wait_for()
    other.refresh_from_db()
    assert other.merged_into_id == survivor.pk
