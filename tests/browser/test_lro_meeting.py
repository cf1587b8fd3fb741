"""Issue 5, done-when: an LRO meeting with two persons bundling COA and KMar signals, decisions recorded live
(htmx per item), a task in the police CTER task list, an LIV request, the minutes PDF; axe 0 violations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _setup(make_user: Any) -> dict[str, Any]:
    from django.utils import timezone

    from ketensignaal.coordination import services
    from ketensignaal.coordination.tests.conftest import coa_signal, kmar_signal, link, person

    users = {
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member", username="lro-hub"),
        "cter": make_user("politie.cter", "handler", "lro-member", username="lro-cter"),
        "coa": make_user("coa", "reporter", username="lro-coa"),
        "kmar_reporter": make_user("kmar.ir", "reporter", username="lro-kmar"),
    }
    one, two = person("Persoon Alfa"), person("Persoon Beta")
    s1, s2, s3 = coa_signal(users), kmar_signal(users, acute=True), coa_signal(users)
    link(s1, one, users["hub"]), link(s2, one, users["hub"]), link(s3, two, users["hub"])
    meeting = services.meeting_create(actor=users["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    for s in (s1, s2, s3):
        services.item_put_forward(actor=users["hub"], meeting_id=meeting.pk, signal_id=s.pk, reason="Voorgedragen door de hub")
    return {"users": users, "meeting": meeting}


def _decide(page: Any, section: Any, decision: str, owner: str, due: str, text: str) -> None:
    # The agenda carries no forms: the item's "Besluit vastleggen" fetches its form into place (htmx).
    section.get_by_role("link", name="Besluit vastleggen").click()
    expect(section.locator("textarea[name=interpretation]")).to_be_focused(timeout=10_000)
    section.locator("textarea[name=interpretation]").fill(text)
    section.locator("select[name=decision]").select_option(decision)
    section.locator("select[name=owner]").select_option(owner)
    section.locator("input[name=due]").fill(due)
    # Fields sized to what they hold, not the whole column (about 1,000px on a laptop).
    for field, widest in (("textarea[name=interpretation]", 700), ("select[name=owner]", 700), ("input[name=due]", 200)):
        box = section.locator(field).bounding_box()
        assert box and box["width"] <= widest, (field, box)
    section.locator("button", has_text="Besluit vastleggen").click()
    # The item is swapped in place; its own status region must confirm (an error would show there instead).
    expect(section.get_by_role("status")).to_contain_text("Besluit vastgelegd", timeout=10_000)


def test_lro_meeting(browser_login: Any, axe_check: Any, live_url: str, make_user: Any) -> None:
    from ketensignaal.coordination.models import Task
    from ketensignaal.trajectories.models import LivTrajectory

    ctx = _setup(make_user)
    meeting = ctx["meeting"]
    hub = browser_login(ctx["users"]["hub"])
    hub.goto(f"{live_url}/lro/{meeting.pk}")
    content = hub.content()
    assert "Persoon Alfa" in content and "Persoon Beta" in content
    first_person = hub.locator("section.ks-lro-item", has_text="Persoon Alfa")
    # Persoon Alfa bundles a COA signal and a KMar signal; the KMar one is acute.
    expect(first_person).to_contain_text("COA")
    expect(first_person).to_contain_text("Koninklijke Marechaussee")  # the reporting organisation's name as shown
    axe_check(hub)
    due = (dt.date.today() + dt.timedelta(days=21)).strftime("%d-%m-%Y")  # day-month-year, as people type it
    sections = hub.locator("section.ks-lro-item")
    assert sections.count() == 2
    # "Van de agenda halen" is a visible secondary button on each undecided item; its page asks the reason.
    remove = sections.nth(0).get_by_role("link", name="Van de agenda halen")
    expect(remove).to_be_visible()
    assert "utrecht-button--secondary-action" in (remove.get_attribute("class") or "")
    remove.click()
    hub.wait_for_load_state()
    expect(hub.get_by_label("Reden om van de agenda te halen")).to_be_visible()
    axe_check(hub, label="remove-from-agenda")
    hub.get_by_role("link", name="Annuleren").click()
    hub.wait_for_load_state()
    first_id = sections.nth(0).get_attribute("id")
    _decide(hub, hub.locator(f"#{first_id}"), "police-cter", "politie.cter", due, "Zorgelijk beeld over meerdere meldingen")
    second_id = sections.nth(1).get_attribute("id")
    _decide(hub, hub.locator(f"#{second_id}"), "liv", "lse.liv", due, "Begeleiding door het LIV gewenst")
    axe_check(hub)
    assert Task.objects.filter(owner_unit__code="politie.cter", status="open").exists()
    # Without JavaScript the same link opens the item's own decision page: the decided item, its change forms.
    hub.goto(f"{live_url}/lro/{meeting.pk}/punten/{first_id.removeprefix('item-')}/besluit")
    expect(hub.get_by_role("button", name="Wijziging opslaan")).to_be_visible()
    axe_check(hub, label="item-decision-page")
    hub.goto(f"{live_url}/lro/{meeting.pk}")
    assert LivTrajectory.objects.filter(source="lro").exists()
    with hub.expect_download() as info:
        hub.get_by_text("Verslag downloaden (PDF)").click()
    path = info.value.path()
    with open(path, "rb") as fh:
        assert fh.read(4) == b"%PDF"

    cter = browser_login(ctx["users"]["cter"])
    cter.goto(f"{live_url}/taken")
    assert "Zorgelijk beeld over meerdere meldingen" in cter.content()
    axe_check(cter)
