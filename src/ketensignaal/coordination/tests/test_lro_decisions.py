"""Issue 10, point 3: LRO decisions without defaults, changeable until the meeting closes, harmless to repeat;
closing asks for confirmation; putting a signal on the agenda shows its recipients before anything is shared."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.coordination import services
from ketensignaal.coordination.models import AgendaItem, Decision, MeetingStatus, Task, TaskStatus
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.routing.models import HopAction, SignalEvent
from ketensignaal.trajectories.models import LivTrajectory, Phase

from .conftest import coa_signal, soon

pytestmark = pytest.mark.django_db


def _on_agenda(lro: dict[str, Any]) -> tuple[Any, Any, Any]:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro)
    item = services.item_put_forward(
        actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Zorgen", justification="Gezamenlijke duiding nodig."
    )
    return meeting, item, signal


def test_the_form_chooses_nothing_and_a_missing_choice_is_an_error_at_the_field(lro: Any, web_client_for: Any) -> None:
    meeting, item, _signal = _on_agenda(lro)
    hub = web_client_for(lro["hub"])
    page = hub.get(f"/lro/{meeting.pk}/punten/{item.pk}/besluit", HTTP_HX_REQUEST="true").content.decode()
    form = page[page.index(f'id="dec-{item.pk}"') :]
    assert form.index('<option value="">') < form.index("police-cter")
    assert 'value="police-cter" selected' not in page and "selected>COA" not in page
    response = hub.post(
        f"/lro/{meeting.pk}/punten/{item.pk}/besluit",
        {"interpretation": "Zorgelijk", "decision": "", "owner": "", "due": soon(), "token": "t1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert f'id="dec-err-{item.pk}"' in html and f'id="own-err-{item.pk}"' in html
    assert "Kies het afgesproken vervolg." in html
    assert Decision.objects.count() == 0 and Task.objects.count() == 0


def test_a_repeated_submit_records_one_decision_and_one_liv_trajectory(lro: Any, web_client_for: Any) -> None:
    meeting, item, _signal = _on_agenda(lro)
    hub = web_client_for(lro["hub"])
    form = {
        "interpretation": "Begeleiding door het LIV", "decision": "liv", "owner": "lse.liv", "due": soon(), "token": "abc",
        "version": str(item.version),
    }  # fmt: skip
    for _ in range(2):  # a double click: the same form (token and version) twice
        response = hub.post(f"/lro/{meeting.pk}/punten/{item.pk}/besluit", form, HTTP_HX_REQUEST="true")
        assert "Besluit vastgelegd" in response.content.decode()
    form.pop("version")
    # A fresh form (new token) with the same content is the same decision sent again: still one.
    hub.post(f"/lro/{meeting.pk}/punten/{item.pk}/besluit", {**form, "token": "def"}, HTTP_HX_REQUEST="true")
    assert Decision.objects.count() == 1
    assert Task.objects.count() == 1
    assert LivTrajectory.objects.filter(source="lro").count() == 1


def test_repeat_through_the_api_with_an_idempotency_key(lro: Any, api_client_for: Any) -> None:
    meeting, item, _signal = _on_agenda(lro)
    api = api_client_for(lro["hub"])
    body = {"item": str(item.pk), "interpretation": "Volgen", "decision": "monitoring", "owner": "politie.cter", "due": soon()}
    first = api.post(f"/api/v1/lro-meetings/{meeting.pk}/decisions", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post(f"/api/v1/lro-meetings/{meeting.pk}/decisions", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Decision.objects.count() == 1
    missing = api.post(f"/api/v1/lro-meetings/{meeting.pk}/decisions", {**body, "decision": "", "owner": ""}, format="json")
    assert missing.status_code == 400
    assert {p["name"] for p in missing.json()["invalid_params"]} >= {"decision", "owner"}


def test_change_in_place_and_change_of_owner_before_closing(lro: Any) -> None:
    meeting, item, signal = _on_agenda(lro)
    first = services.decision_record(
        actor=lro["hub"], meeting_id=meeting.pk, item_id=item.pk, interpretation="Volgen", decision="monitoring",
        owner="politie.cter", due=soon(),
    )  # fmt: skip
    same = services.decision_change(
        actor=lro["cter"], decision_id=first.pk, interpretation="Volgen via de wijkagent", decision="monitoring",
        owner="politie.cter", due=soon(20),
    )  # fmt: skip
    assert same.pk == first.pk and Task.objects.get(decision=first).due.isoformat() == soon(20)
    assert "wijkagent" in Task.objects.get(decision=first).description
    moved = services.decision_change(
        actor=lro["hub"], decision_id=first.pk, interpretation="Naar KMar", decision="monitoring",
        owner="kmar.intelligence", due=soon(),
    )  # fmt: skip
    first.refresh_from_db()
    assert moved.pk != first.pk and moved.replaces_id == first.pk and first.withdrawn_at is not None
    assert Task.objects.get(decision=first).status == TaskStatus.DROPPED
    assert Task.objects.get(decision=moved).status == TaskStatus.OPEN
    # The police no longer hold a task about it: their task grant on the signal ended.
    assert not SignalInvolvement.objects.filter(signal=signal, unit__code="politie.cter", reason=InvolvementReason.TASK).exists()
    assert ProcessingLogEntry.objects.filter(object_type="lro-decision", object_id=str(first.pk), action="update").count() == 2


def test_withdraw_needs_a_reason_and_takes_back_an_unweighed_liv_request(lro: Any, web_client_for: Any) -> None:
    meeting, item, _signal = _on_agenda(lro)
    decision = services.decision_record(
        actor=lro["hub"], meeting_id=meeting.pk, item_id=item.pk, interpretation="LIV", decision="liv", owner="lse.liv",
        due=soon(),
    )  # fmt: skip
    with pytest.raises(ValidationFailed):
        services.decision_withdraw(actor=lro["hub"], decision_id=decision.pk, reason=" ")
    hub = web_client_for(lro["hub"])
    response = hub.post(
        f"/lro/{meeting.pk}/punten/{item.pk}/besluiten/{decision.pk}/intrekken", {"reason": "Verkeerd punt"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert "ingetrokken" in response.content.decode()
    decision.refresh_from_db()
    assert decision.withdrawn_reason == "Verkeerd punt"
    trajectory = LivTrajectory.objects.get(pk=decision.liv_trajectory_id)
    assert trajectory.phase == Phase.NOT_ACCEPTED and "Verkeerd punt" in trajectory.non_acceptance_reason
    # The item has no decision in force any more: it can be decided again or taken off the agenda.
    services.item_remove(actor=lro["hub"], meeting_id=meeting.pk, item_id=item.pk, reason="Niet meer nodig")


def test_the_recall_after_a_withdrawn_decision_reads_in_the_readers_language(lro: Any, web_client_for: Any) -> None:
    """Issue 10: the recall's reason was stored as Dutch text ("LRO-besluit ingetrokken: …") and shown so to everyone."""
    meeting, item, signal = _on_agenda(lro)
    decision = services.decision_record(
        actor=lro["hub"], meeting_id=meeting.pk, item_id=item.pk, interpretation="Volgen", decision="monitoring",
        owner="politie.avim", due=soon(),
    )  # fmt: skip
    services.decision_withdraw(actor=lro["hub"], decision_id=decision.pk, reason="Verkeerd punt")
    recall = SignalEvent.objects.get(signal=signal, action=HopAction.RECALLED)
    assert recall.reason == "LRO-besluit ingetrokken: Verkeerd punt"  # the record as written, also in the API
    hub = web_client_for(lro["hub"])
    dutch = hub.get(f"/signalen/{signal.pk}").content.decode()
    assert "LRO-besluit ingetrokken: Verkeerd punt" in dutch
    hub.cookies["django_language"] = "en"
    english = hub.get(f"/signalen/{signal.pk}").content.decode()
    assert "LRO decision withdrawn: Verkeerd punt" in english and "LRO-besluit ingetrokken" not in english


def test_closing_asks_for_confirmation_and_then_fixes_everything(lro: Any, web_client_for: Any) -> None:
    meeting, _item, _signal = _on_agenda(lro)
    hub = web_client_for(lro["hub"])
    page = hub.get(f"/lro/{meeting.pk}").content.decode()
    # Closing is its own section, after (not inside) putting a signal forward, and leads to a confirmation.
    assert page.index('id="h-put-forward"') < page.index('id="h-close-meeting"')
    assert f'href="/lro/{meeting.pk}/afsluiten"' in page
    confirm = hub.get(f"/lro/{meeting.pk}/afsluiten").content.decode()
    assert "Punten zonder besluit" in confirm and 'name="bevestigd"' in confirm
    hub.post(f"/lro/{meeting.pk}/afsluiten", {})  # no confirmation: nothing happens
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    hub.post(f"/lro/{meeting.pk}/afsluiten", {"bevestigd": "ja"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED


def test_putting_forward_shows_recipients_and_shares_only_after_confirmation(lro: Any, web_client_for: Any) -> None:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro)
    hub = web_client_for(lro["hub"])
    form = {"reference": signal.reference, "reason": "Zorgen", "justification": "Nodig voor gezamenlijke duiding."}
    preview = hub.post(f"/lro/{meeting.pk}/voordragen", form)
    html = preview.content.decode()
    assert preview.status_code == 200 and "Wie ontvangt het signaal" in html
    for name in ("Politie", "KMar"):
        assert name in html
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    assert not SignalInvolvement.objects.filter(signal=signal, reason=InvolvementReason.LRO).exists()
    hub.post(f"/lro/{meeting.pk}/voordragen", {**form, "bevestigd": "ja"})
    assert AgendaItem.objects.filter(meeting=meeting).exists()
    assert SignalInvolvement.objects.filter(signal=signal, reason=InvolvementReason.LRO).exists()


def test_recipient_preview_through_the_api(lro: Any, api_client_for: Any) -> None:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro)
    rows = api_client_for(lro["hub"]).get(f"/api/v1/lro-meetings/{meeting.pk}/items/preview", {"signal": str(signal.pk)})
    assert rows.status_code == 200
    assert {r["unit"] for r in rows.json()} == {"ind.tsz", "kmar.intelligence", "politie.cter"}
    assert not SignalInvolvement.objects.filter(signal=signal, reason=InvolvementReason.LRO).exists()


def test_the_hub_picks_the_signal_by_name_among_what_it_may_see(lro: Any, web_client_for: Any) -> None:
    """Issue 10: putting forward asks for no typed KS reference; the hub searches by the name as reported (or the
    reference) and picks. Need to know: a signal the hub may not see is never offered, whatever the search."""
    from ketensignaal.routing.tests.factories import submit

    meeting = services.meeting_create(actor=lro["hub"])
    seen = coa_signal(lro, subject__names=[{"name": "Karim Haddad", "script": "Latn"}])
    unseen = submit(lro["coa"], subject__names=[{"name": "Karim Haddouchi", "script": "Latn"}])  # never reached the hub
    hub = web_client_for(lro["hub"])
    page = hub.get(f"/lro/{meeting.pk}", {"zoek": "karim hadd"}).content.decode()
    assert 'id="pf-ref"' not in page
    assert f'value="{seen.pk}"' in page and "Karim Haddad" in page and seen.reference in page
    assert str(unseen.pk) not in page and "Haddouchi" not in page
    assert f'value="{seen.pk}"' in hub.get(f"/lro/{meeting.pk}", {"zoek": seen.reference}).content.decode()
    nobody = hub.get(f"/lro/{meeting.pk}", {"zoek": "Haddouchi"}).content.decode()
    assert "Geen signaal gevonden met" in nobody and str(unseen.pk) not in nobody

    form = {"signal": str(seen.pk), "reason": "Zorgen", "justification": "Nodig voor gezamenlijke duiding."}
    preview = hub.post(f"/lro/{meeting.pk}/voordragen", form).content.decode()
    assert "Wie ontvangt het signaal" in preview and f'name="signal" value="{seen.pk}"' in preview
    assert hub.post(f"/lro/{meeting.pk}/voordragen", {**form, "bevestigd": "ja"}).status_code == 302
    assert AgendaItem.objects.filter(meeting=meeting, signal=seen).exists()
    assert f'value="{seen.pk}"' not in hub.get(f"/lro/{meeting.pk}", {"zoek": "Karim"}).content.decode()  # on it already
    refused = hub.post(f"/lro/{meeting.pk}/voordragen", {**form, "signal": str(unseen.pk), "bevestigd": "ja"})
    assert refused.status_code == 302 and not AgendaItem.objects.filter(signal=unseen).exists()
