"""Issue 17 items 2 and 3, done-when: an inbound inlichtingenbericht gets a follow-up (with an owner) and a briefing
that a COA unit confirms reading; the briefing check stops a V-number. Every page passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_inlichtingenbericht_follow_up_and_a_briefing_coa_confirms(
    browser_login: Any, make_user: Any, axe_check: Any, live_url: str
) -> None:
    from ketensignaal.intelligence.models import BriefingReading, FollowUp
    from ketensignaal.training.models import TrainingCompletion

    hub = browser_login(make_user("ind.tsz", "hub-analyst", "handler"))
    hub.goto(f"{live_url}/inlichtingen")
    axe_check(hub, label="inbound-list-empty")
    hub.get_by_role("link", name="Ontvangen bericht registreren").click()
    hub.get_by_label("Inlichtingenbericht").check()
    hub.get_by_label("AIVD").check()
    hub.fill("#id_dated", "2026-11-02")
    hub.fill("#id_subject", "Ronselen via besloten chatgroepen")
    hub.fill("#id_content", "Jongeren in opvanglocaties worden via besloten chatgroepen benaderd met propaganda.")
    axe_check(hub, label="inbound-form")
    hub.get_by_role("button", name="Registreren").click()
    hub.get_by_role("heading", name="Vervolg door de IND").wait_for()

    # A follow-up without an owner: a clear message, nothing recorded.
    hub.get_by_label("Medewerkers informeren (briefing)").check()
    hub.get_by_role("button", name="Vervolgbesluit vastleggen").click()
    hub.wait_for_load_state()
    assert "Dit veld is verplicht" in hub.content() or "eigenaar" in hub.content().lower()
    assert not FollowUp.objects.exists()
    hub.get_by_label("Medewerkers informeren (briefing)").check()
    hub.select_option("#id_owner", "ind.tsz")
    hub.fill("#id_note", "COA- en IND-medewerkers informeren over de signalen.")
    hub.get_by_role("button", name="Vervolgbesluit vastleggen").click()
    hub.get_by_text("Het vervolgbesluit is vastgelegd.").wait_for()
    axe_check(hub, label="inbound-detail-follow-up")

    # The briefing: a V-number is refused, then the text is fixed.
    hub.get_by_role("link", name="Briefing schrijven").click()
    hub.fill("#id_title", "Signalen van online ronselen")
    hub.fill("#id_body", "Let op bewoner 1234567890 die over besloten groepen praat.")
    hub.get_by_label("COA-locatie Ter Apel").check()
    hub.get_by_role("button", name="Briefing versturen").click()
    hub.wait_for_load_state()
    assert "V-nummer" in hub.content()
    axe_check(hub, label="briefing-refused")
    hub.fill("#id_body", "Let op jongeren die zich terugtrekken, nieuwe telefoons hebben en over besloten groepen praten.")
    hub.get_by_role("button", name="Briefing versturen").click()
    hub.get_by_text("De briefing is verstuurd naar de gekozen eenheden.").wait_for()

    # A COA worker at Ter Apel reads it and confirms.
    coa = browser_login(make_user("coa.locatie.ter-apel", "reporter"))
    coa.goto(f"{live_url}/briefings")
    axe_check(coa, label="briefing-list-coa")
    coa.get_by_role("link", name="Signalen van online ronselen").click()
    coa.get_by_role("button", name="Ik heb deze briefing gelezen").click()
    coa.get_by_text("U heeft bevestigd dat u de briefing heeft gelezen.").first.wait_for()
    axe_check(coa, label="briefing-confirmed")
    assert BriefingReading.objects.count() == 1
    assert TrainingCompletion.objects.filter(training__code="briefing-trends-indicatoren").count() == 1
