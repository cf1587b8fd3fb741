"""Issue 10: the meeting page carries no decision form per item (2,000 items were 10 MB of HTML). Each item loads its
forms on demand — htmx swaps them into place, without JavaScript a link opens the item's own page with the same
forms — under the page's need to know (an item the user may not see is a 404) and logged as the agenda logs the
line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ketensignaal.coordination import services
from ketensignaal.coordination.models import AgendaItem, Decision
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify, subject_ref

from .conftest import coa_signal, link, person, soon

pytestmark = pytest.mark.django_db


def _on_agenda(lro: dict[str, Any]) -> tuple[Any, Any, Any]:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro)
    someone = person("Persoon Delta")
    link(signal, someone, lro["hub"])
    item = services.item_put_forward(
        actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Zorgen", justification="Gezamenlijke duiding nodig."
    )
    return meeting, item, someone


def _last() -> int:
    return ProcessingLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


def test_the_meeting_page_links_to_each_items_form_instead_of_carrying_it(lro: Any, web_client_for: Any) -> None:
    meeting, item, _someone = _on_agenda(lro)
    page = web_client_for(lro["cter"]).get(f"/lro/{meeting.pk}").content.decode()
    url = f"/lro/{meeting.pk}/punten/{item.pk}/besluit"
    assert 'name="interpretation"' not in page and 'name="decision"' not in page and 'name="token"' not in page
    # One action for the item: a link to its own decision page, which htmx fetches into place.
    assert f'href="{url}" hx-get="{url}" hx-target="#item-{item.pk}" hx-swap="outerHTML"' in page
    assert "utrecht-button--primary-action" in page and ">Besluit vastleggen</a>" in page


def test_the_form_loads_into_place_with_need_to_know_and_a_logged_read(lro: Any, web_client_for: Any) -> None:
    meeting, item, someone = _on_agenda(lro)
    url = f"/lro/{meeting.pk}/punten/{item.pk}/besluit"
    before = _last()
    partial = web_client_for(lro["cter"]).get(url, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in html and html.lstrip().startswith("<section")
    assert f'id="dui-{item.pk}"' in html and "autofocus" in html and 'name="token"' in html
    assert '<option value="">' in html and " selected" not in html  # no default that records a decision
    reads = list(
        ProcessingLogEntry.objects.filter(sequence__gt=before, action="read")
        .order_by("sequence")
        .values_list("object_type", "object_id", "data_subject_ref")
    )
    # as the agenda logs the line: the meeting, and the item with its data subject (not the whole agenda)
    assert ("lro-agenda-item", str(item.pk), subject_ref("person", someone.pk)) in reads
    assert ("lro-meeting", str(meeting.pk), "") in reads
    assert not [r for r in reads if r[0] == "lro-agenda"]
    assert processing_log_verify().intact

    # Need to know exactly as on the page: not a member, another meeting's item, an item taken off the agenda.
    assert web_client_for(lro["outsider"]).get(url, HTTP_HX_REQUEST="true").status_code == 404
    assert web_client_for(lro["outsider"]).get(url).status_code == 404
    other = services.meeting_create(actor=lro["hub"], date=meeting.date + dt.timedelta(days=7))
    assert web_client_for(lro["cter"]).get(f"/lro/{other.pk}/punten/{item.pk}/besluit").status_code == 404
    services.item_remove(actor=lro["hub"], meeting_id=meeting.pk, item_id=item.pk, reason="Niet meer nodig")
    assert web_client_for(lro["cter"]).get(url, HTTP_HX_REQUEST="true").status_code == 404


def test_without_javascript_the_items_own_page_records_the_decision(lro: Any, web_client_for: Any) -> None:
    meeting, item, _someone = _on_agenda(lro)
    url = f"/lro/{meeting.pk}/punten/{item.pk}/besluit"
    hub = web_client_for(lro["hub"])
    page = hub.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html and f'action="{url}"' in html
    assert f'href="/lro/{meeting.pk}#item-{item.pk}"' in html  # back to the item on the agenda
    token = html.split('name="token" value="')[1].split('"')[0]
    form = {"interpretation": "Zorgelijk", "decision": "", "owner": "", "due": soon(), "token": token, "version": "1"}
    refused = hub.post(url, form)
    again = refused.content.decode()
    assert refused.status_code == 400 and "<html" in again
    assert f'id="dec-err-{item.pk}"' in again and "Kies het afgesproken vervolg." in again and "Zorgelijk</textarea>" in again
    assert not Decision.objects.exists()
    ok = hub.post(url, {**form, "decision": "monitoring", "owner": "politie.cter", "version": str(item.version)})
    assert ok.status_code == 302 and ok["Location"] == f"/lro/{meeting.pk}#item-{item.pk}"
    assert hub.post(url, {**form, "decision": "monitoring", "owner": "politie.cter"}).status_code == 302  # sent twice
    assert Decision.objects.count() == 1
    followed = hub.get(f"/lro/{meeting.pk}").content.decode()
    assert "Besluit vastgelegd" in followed and ">Besluit wijzigen of intrekken</a>" in followed
    # The decided item's own page offers the change and the withdrawal, and another decision behind one more step.
    decided = hub.get(url).content.decode()
    assert "Wijziging opslaan" in decided and "Besluit intrekken" in decided and "Nog een besluit vastleggen" in decided


def test_a_closed_meetings_item_page_has_no_forms(lro: Any, web_client_for: Any) -> None:
    meeting, item, _someone = _on_agenda(lro)
    services.meeting_close(actor=lro["hub"], meeting_id=meeting.pk)
    html = web_client_for(lro["hub"]).get(f"/lro/{meeting.pk}/punten/{item.pk}/besluit").content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists() and "Persoon Delta" in html
    assert 'name="interpretation"' not in html and 'name="reason"' not in html
