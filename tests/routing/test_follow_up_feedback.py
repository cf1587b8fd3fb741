"""Reporter feedback after the LRO agreed follow-up: that it was discussed, never which follow-up or why."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ketensignaal.coordination import services as coordination
from ketensignaal.core.dates import long_date
from ketensignaal.core.errors import NotAllowed
from ketensignaal.routing import services
from ketensignaal.routing.milestones import signal_follow_up_record
from ketensignaal.routing.models import HopAction, SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

INTERPRETATION = "Uitlatingen wijzen op steun aan een gewapende groep; contacten in Syrië."
AGREED = {"status": "follow-up-agreed", "summary": "Besproken in het landelijk overleg; vervolg is afgesproken."}


@pytest.fixture
def chain(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bureau": make_user("coa.bureau-veiligheid", "handler"),
        "adviser": make_user("coa.adviseur-nv", "handler"),
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member"),
    }


def _decided_at_lro(chain: dict[str, Any]) -> tuple[Any, str]:
    """A COA signal that reached the hub along the route, was put forward to the LRO and got a decision."""
    signal = submit(chain["reporter"])
    services.signal_forward(actor=chain["bureau"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_forward(
        actor=chain["adviser"], signal_id=signal.pk, to_unit="ind.tsz", justification="Verrijking nodig.", channel="web"
    )
    meeting = coordination.meeting_create(actor=chain["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    item = coordination.item_put_forward(
        actor=chain["hub"], meeting_id=meeting.pk, signal_id=signal.pk, justification="Gezamenlijke duiding nodig."
    )
    coordination.decision_record(
        actor=chain["hub"],
        meeting_id=meeting.pk,
        item_id=item.pk,
        interpretation=INTERPRETATION,
        decision="police-cter",
        owner="politie.cter",
        due=(timezone.localdate() + dt.timedelta(days=21)).isoformat(),
    )
    # What coordination.decision_record is to call for the signals the meeting discussed.
    occasion = f"LRO {long_date(meeting.date)}"
    signal_follow_up_record(actor=chain["hub"], signal_ids=[signal.pk], occasion=occasion)
    return signal, occasion


def test_reporter_hears_the_lro_agreed_follow_up_but_not_which(
    chain: dict[str, Any], api_client_for: Any, web_client_for: Any
) -> None:
    signal, _occasion = _decided_at_lro(chain)
    api = api_client_for(chain["reporter"])

    assert api.get(f"/api/v1/signals/{signal.pk}/feedback").json() == AGREED
    mine = api.get("/api/v1/my-signals").json()["results"]
    assert [row["feedback"] for row in mine] == [AGREED]
    html = web_client_for(chain["reporter"]).get(reverse("routing:my_signals")).content.decode()
    assert "Vervolg afgesproken" in html and AGREED["summary"] in html
    everything = html + str(mine) + api.get(f"/api/v1/signals/{signal.pk}/history").content.decode()
    for secret in ("CTER", INTERPRETATION, "Syrië", "besloten"):
        assert secret not in everything


def test_the_holder_sees_it_in_the_history_once_per_meeting(chain: dict[str, Any], api_client_for: Any) -> None:
    signal, occasion = _decided_at_lro(chain)
    # A second decision on the same item at the same meeting adds nothing.
    assert signal_follow_up_record(actor=chain["hub"], signal_ids=[signal.pk], occasion=occasion) == []
    history = api_client_for(chain["hub"]).get(f"/api/v1/signals/{signal.pk}/history").json()
    assert [e["action"] for e in history].count(HopAction.FOLLOW_UP_AGREED) == 1


def test_only_lro_members_record_an_agreed_follow_up(chain: dict[str, Any]) -> None:
    signal = submit(chain["reporter"])
    with pytest.raises(NotAllowed):
        signal_follow_up_record(actor=chain["bureau"], signal_ids=[signal.pk], occasion="LRO 08-12-2026")
    assert not SignalEvent.objects.filter(signal=signal, action=HopAction.FOLLOW_UP_AGREED).exists()
