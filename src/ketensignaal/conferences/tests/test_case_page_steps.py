"""Issue 10 on the case page: withdrawing a partner and scaling down are confirmed with a reason, the partner picker
chooses nothing and names units in Dutch, one primary action per phase, dates typed through ``DutchDateField``,
and no next review date once the case is scaled down."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences import plan
from ketensignaal.conferences.models import ConferenceCase, Invitation, Phase
from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

PRIMARY = re.compile(r"utrecht-button(?:-link)?--primary-action")


def _typed(days: int) -> str:
    day = timezone.localdate() + dt.timedelta(days=days)
    return f"{day.day}-{day.month}-{day.year}"


def test_withdrawing_a_partner_asks_for_a_reason_and_confirmation(
    people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    invitation = invite(case, "politie.drio")
    web, police = web_client_for(people["utrecht"]), web_client_for(people["police"])
    url = f"/casusoverleg/{case.pk}/uitnodigingen/{invitation.pk}/intrekken"
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert f'href="{url}"' in page and "uitnodiging-intrekken" not in page  # no one-click withdrawal any more
    # Only who may invite reaches the step; a partner and an outsider get a 404, as for an unknown invitation.
    assert police.get(url).status_code == 404 and police.post(url, {"note": "x"}).status_code == 404
    assert web_client_for(people["amsterdam"]).get(url).status_code == 404

    confirm = web.get(url)
    unit = invitation.unit.name
    assert confirm.status_code == 200 and f"Daarna kan {unit} de casus niet meer inzien" in confirm.content.decode()
    refused = web.post(url, {"note": "  "})
    assert refused.status_code == 400 and "Geef de reden om de uitnodiging in te trekken." in refused.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).ended_at is None
    assert police.get(f"/casusoverleg/{case.pk}").status_code == 200

    done = web.post(url, {"note": "Geen rol meer in deze casus."})
    assert done.status_code == 302 and done["Location"] == f"/casusoverleg/{case.pk}"
    ended = Invitation.objects.get(pk=invitation.pk)
    assert ended.ended_at is not None and ended.withdrawal_note == "Geen rol meer in deze casus."
    assert police.get(f"/casusoverleg/{case.pk}").status_code == 404
    assert ProcessingLogEntry.objects.filter(object_type="conference-invitation", object_id=str(invitation.pk)).exists()
    assert "Geen rol meer in deze casus." in web.get(f"/casusoverleg/{case.pk}").content.decode()
    # Sent again (a double click, the back button): lands on the case, nothing ends twice.
    again = web.post(url, {"note": "Nog eens."})
    assert again.status_code == 302 and Invitation.objects.get(pk=invitation.pk).ended_at == ended.ended_at


def test_scaling_down_is_confirmed_with_a_reason_and_then_the_next_review_is_gone(
    people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    invite(case, "politie.drio")
    plan.review_record(
        actor=people["utrecht"],
        case=case,
        summary="Loopt.",
        changes_since_last="Werk gevonden.",
        next_review=timezone.localdate() + dt.timedelta(days=40),
    )
    web, police = web_client_for(people["utrecht"]), web_client_for(people["police"])
    case_page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "Volgende herbeoordeling" in case_page and f'href="/casusoverleg/{case.pk}/afschalen"' in case_page
    assert 'name="attention_until"' not in case_page  # nothing scales down from the case page in one click

    url = f"/casusoverleg/{case.pk}/afschalen"
    confirm = web.get(url).content.decode()
    assert "Verliezen hun toegang" in confirm and "Politie" in confirm and "Casus afschalen" in confirm
    assert police.get(url).status_code == 404

    refused = web.post(url, {"reason": "", "attention_until": "31-2-2030"})
    body = refused.content.decode()
    assert refused.status_code == 400 and "De datum 31-2-2030 bestaat niet" in body and 'value="31-2-2030"' in body
    refused = web.post(url, {"reason": "", "attention_until": _typed(180)})
    assert refused.status_code == 400 and "Geef de reden van afschalen." in refused.content.decode()
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.MONITORING

    done = web.post(url, {"reason": "Geen zorgen meer; nazorg door het wijkteam.", "attention_until": _typed(180)})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.SCALED_DOWN and case.next_review is not None  # kept in the record, not shown
    assert police.get(f"/casusoverleg/{case.pk}").status_code == 404
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "Volgende herbeoordeling" not in page and 'id="volgende-herbeoordeling"' not in page
    assert re.search(r'<dd id="nazorg-tot">\d+ \w+ \d{4}</dd>', page)
    again = web.post(url, {"reason": "Nog eens.", "attention_until": _typed(100)})
    assert again.status_code == 302 and ConferenceCase.objects.get(pk=case.pk).attention_until == case.attention_until


def test_the_partner_picker_chooses_nothing_and_shows_dutch_names_only(
    people: dict[str, Any], web_client_for: Any, case_for: Any
) -> None:
    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    html = web.get(f"/casusoverleg/{case.pk}").content.decode()
    select = re.search(r'<select[^>]*id="uitnodigen-eenheid"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    options = re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select.group(1))
    assert options[0][0] == "" and all("selected" not in attrs for _code, attrs, _label in options)
    labels = {code: label for code, _attrs, label in options}
    assert labels["aivd"] == "AIVD" and "(" not in labels["coa.locatie.ter-apel"]
    assert not [label for code, _attrs, label in options if code and code in label], "a unit code on screen"
    refused = web.post(f"/casusoverleg/{case.pk}/uitnodigen", {"unit": "", "purpose": "Doel", "justification": "Nodig."})
    assert refused.status_code == 400 and not Invitation.objects.exists()


def _primaries(html: str) -> list[str]:
    return PRIMARY.findall(html)


def test_one_primary_action_per_phase(people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any) -> None:
    web = web_client_for(people["utrecht"])
    case = case_for()
    triage = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert len(_primaries(triage)) == 1 and re.search(r'--primary-action" type="submit">Weging vastleggen', triage)

    case = case_for(admitted=True)
    invite(case, "politie.drio")
    conference = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert len(_primaries(conference)) == 1 and re.search(r'--primary-action" type="submit">Maatregel toevoegen', conference)
    for secondary in ("Uitnodigen", "Herbeoordeling vastleggen", "Toevoegen", "Intrekken", "Afschalen"):
        assert re.search(rf"--secondary-action\"[^>]*>{secondary}\b", conference), secondary
    partner = web_client_for(people["police"]).get(f"/casusoverleg/{case.pk}").content.decode()
    assert len(_primaries(partner)) == 1 and re.search(r'--primary-action" type="submit">Toevoegen', partner)

    plan.review_record(
        actor=people["utrecht"],
        case=case,
        summary="Loopt.",
        changes_since_last="Niets.",
        next_review=timezone.localdate() + dt.timedelta(days=30),
    )
    monitoring = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert len(_primaries(monitoring)) == 1 and re.search(
        r'--primary-action" type="submit">Herbeoordeling vastleggen', monitoring
    )

    web.post(f"/casusoverleg/{case.pk}/afschalen", {"reason": "Klaar.", "attention_until": _typed(30)})
    scaled = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.SCALED_DOWN
    assert len(_primaries(scaled)) == 1 and re.search(r'--primary-action" type="submit">Toevoegen', scaled)


def test_case_page_dates_are_dutch_date_fields(people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any) -> None:
    """The walk-through found hand-written date boxes: a refused form lost the typed date and said nothing of how to
    write it. Every date input of the case conference is a ``DutchDateField`` now, none is written by hand."""
    templates = Path(plan.__file__).parent / "templates" / "conferences"
    assert not [p.name for p in templates.glob("*.html") if "ks-input--date" in p.read_text(encoding="utf-8")]
    case = case_for(admitted=True)
    invite(case, "om")  # the owner of the measure takes part in the case
    web = web_client_for(people["utrecht"])
    html = web.get(f"/casusoverleg/{case.pk}").content.decode()
    for html_id, name in (("maatregel-evaluatie", "review"), ("herbeoordeling-volgende", "next_review")):
        tag = re.search(rf'<input[^>]*id="{html_id}"[^>]*>', html)
        assert tag is not None, html_id
        assert 'type="text"' in tag.group(0) and f'name="{name}"' in tag.group(0) and "ks-input--date" in tag.group(0)
        assert f'aria-describedby="{html_id}-hint"' in tag.group(0)
        assert (
            f'<p class="utrecht-form-field-description" id="{html_id}-hint">Dag-maand-jaar, bijvoorbeeld 3-11-2026.</p>' in html
        )
    refused = web.post(
        f"/casusoverleg/{case.pk}/maatregel",
        {"measure": "prosecution", "owner": "om", "goal": "Onderzoek", "review": "31-2-2030", "version": case.version},
    )
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Evaluatiedatum: De datum 31-2-2030 bestaat niet: februari 2030 heeft 28 dagen." in body
    assert re.search(r'<input[^>]*id="maatregel-evaluatie"[^>]*value="31-2-2030"', body) or 'value="31-2-2030"' in body
    done = web.post(
        f"/casusoverleg/{case.pk}/maatregel",
        {"measure": "prosecution", "owner": "om", "goal": "Onderzoek", "review": _typed(60), "version": case.version},
    )
    assert done.status_code == 302


def test_closing_early_is_confirmed_with_a_reason(
    people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    web = web_client_for(people["utrecht"])
    plan.measure_propose(
        actor=people["utrecht"],
        case=case,
        measure_code="prosecution",
        owner="om",
        goal="Onderzoek",
        review=timezone.localdate() + dt.timedelta(days=60),
    )
    web.post(f"/casusoverleg/{case.pk}/afschalen", {"reason": "Klaar.", "attention_until": _typed(30)})
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    # What continues is named, not coded: the measure in the reader's language and its owner unit's name.
    assert "Strafrechtelijke vervolging (Openbaar Ministerie)" in page and "(om)" not in page
    url = f"/casusoverleg/{case.pk}/afsluiten"
    assert f'href="{url}"' in page and 'name="reason"' not in page.split('id="kop-afschalen"')[1].split("</section>")[0]
    assert web_client_for(people["police"]).get(url).status_code == 404
    confirm = web.get(url)
    assert confirm.status_code == 200 and "Dit kan niet ongedaan worden gemaakt." in confirm.content.decode()
    refused = web.post(url, {"reason": " "})
    assert refused.status_code == 400 and "Geef de reden van afsluiten." in refused.content.decode()
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.SCALED_DOWN
    assert web.post(url, {"reason": "Verhuisd naar het buitenland."}).status_code == 302
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.CLOSED
    assert web.post(url, {"reason": "Nog eens."}).status_code == 302  # a repeated send lands on the closed case


def test_the_measure_picker_chooses_nothing(people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any) -> None:
    case = case_for(admitted=True)
    invite(case, "om")
    web = web_client_for(people["utrecht"])
    html = web.get(f"/casusoverleg/{case.pk}").content.decode()
    select = re.search(r'<select[^>]*id="maatregel-code"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None and re.findall(r"<option([^>]*)>", select.group(1))[0] == ' value=""'
    assert "selected" not in select.group(1)
    refused = web.post(
        f"/casusoverleg/{case.pk}/maatregel",
        {"measure": "", "owner": "om", "goal": "Onderzoek", "review": _typed(60), "version": case.version},
    )
    assert refused.status_code == 400 and not case.measures.exists()
