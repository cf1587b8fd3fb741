"""Issue 10, the LRO walk-through: a due date that does not exist says so; the agenda names units that did not
receive a signal by their Dutch names in a Dutch sentence (never "kmar.intelligence: niet gedeeld: geen grondslag");
"Van de agenda halen" is a visible secondary button on the item, with its own page asking the reason."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.coordination import services
from ketensignaal.coordination.models import AgendaItem, Decision, Meeting
from ketensignaal.identity.models import Unit

from .conftest import coa_signal, link, person, soon

pytestmark = pytest.mark.django_db


def _on_agenda(lro: dict[str, Any], **changes: Any) -> tuple[Any, Any]:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro, **changes)
    link(signal, person("Persoon Echo"), lro["hub"])
    item = services.item_put_forward(
        actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Zorgen", justification="Duiding nodig."
    )
    return meeting, item


def test_a_due_date_that_does_not_exist_says_so(lro: Any, web_client_for: Any) -> None:
    meeting, item = _on_agenda(lro)
    sent = {"interpretation": "Zorgen", "decision": "police-cter", "owner": "politie.cter", "due": "31-02-2026"}
    html = web_client_for(lro["hub"]).post(f"/lro/{meeting.pk}/punten/{item.pk}/besluit", sent).content.decode()
    assert "De datum 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen." in html
    assert "Vul de datum in als dag-maand-jaar" not in html  # it was written day-month-year
    assert not Decision.objects.exists()
    # Not a date at all still says how to write one.
    html = web_client_for(lro["hub"]).post(f"/lro/{meeting.pk}/punten/{item.pk}/besluit", {**sent, "due": "volgende week"})
    assert "Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-11-2026." in html.content.decode()


def test_planning_a_meeting_on_a_date_that_does_not_exist(lro: Any, web_client_for: Any) -> None:
    response = web_client_for(lro["hub"]).post("/lro/", {"date": "30-2-2027"})
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert "De datum 30-2-2027 bestaat niet: februari 2027 heeft 28 dagen." in response.content.decode()


def test_the_agenda_names_units_a_signal_was_not_shared_with(lro: Any, web_client_for: Any) -> None:
    meeting, _item = _on_agenda(lro, categories=["identiteitsfraude"])  # no flow to the police covers it: withheld
    html = web_client_for(lro["hub"]).get(f"/lro/{meeting.pk}").content.decode()
    police = Unit.objects.get(code="politie.cter").name
    assert re.search(rf"Niet gedeeld met [^<]*{re.escape(police)}[^<]*: daarvoor is geen grondslag\.", html)
    assert "politie.cter" not in html and "niet gedeeld: geen grondslag" not in html


def test_remove_from_agenda_is_a_visible_button_with_a_page_asking_the_reason(lro: Any, web_client_for: Any) -> None:
    meeting, item = _on_agenda(lro)
    web = web_client_for(lro["hub"])
    agenda = web.get(f"/lro/{meeting.pk}").content.decode()
    remove_url = f"/lro/{meeting.pk}/punten/{item.pk}/verwijderen"
    button = re.search(
        rf'<a class="utrecht-button utrecht-button--secondary-action[^"]*" href="{remove_url}">Van de agenda halen', agenda
    )
    assert button, "a secondary button on the agenda item itself"
    page = web.get(remove_url)
    assert page.status_code == 200 and "Persoon Echo" in page.content.decode() and 'name="reason"' in page.content.decode()
    refused = web.post(remove_url, {"reason": ""})
    assert refused.status_code == 400 and "Geef een reden om dit punt van de agenda te halen." in refused.content.decode()
    assert not AgendaItem.objects.get(pk=item.pk).removed
    done = web.post(remove_url, {"reason": "Dubbel voorgedragen"})
    assert done.status_code == 302 and AgendaItem.objects.get(pk=item.pk).removed
    assert remove_url not in web.get(f"/lro/{meeting.pk}").content.decode()


def test_a_decided_item_offers_no_removal(lro: Any, web_client_for: Any) -> None:
    meeting, item = _on_agenda(lro)
    services.decision_record(
        actor=lro["hub"],
        meeting_id=meeting.pk,
        item_id=item.pk,
        interpretation="Zorgen",
        decision="police-cter",
        owner="politie.cter",
        due=soon(),
        justification="Nodig voor de taak.",
    )
    web = web_client_for(lro["hub"])
    remove_url = f"/lro/{meeting.pk}/punten/{item.pk}/verwijderen"
    assert remove_url not in web.get(f"/lro/{meeting.pk}").content.decode()
    assert "Trek eerst het besluit in." in web.get(remove_url).content.decode()
