"""Web pages of the LRO (need to know, put forward by reference, htmx decision errors inline) and demo data."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.coordination import services
from ketensignaal.coordination.models import AgendaItem, Decision, Meeting

from .conftest import coa_signal, soon

pytestmark = pytest.mark.django_db


def test_outsider_gets_404_member_sees_agenda(lro: Any, web_client_for: Any) -> None:
    meeting = services.meeting_create(actor=lro["hub"])
    assert web_client_for(lro["outsider"]).get(f"/lro/{meeting.pk}").status_code == 404
    assert web_client_for(lro["cter"]).get(f"/lro/{meeting.pk}").status_code == 200


def test_hub_puts_forward_by_reference_and_htmx_error_inline(lro: Any, web_client_for: Any) -> None:
    meeting = services.meeting_create(actor=lro["hub"])
    signal = coa_signal(lro)
    hub = web_client_for(lro["hub"])
    hub.post(f"/lro/{meeting.pk}/voordragen", {"reference": signal.reference, "reason": "Zorgen", "bevestigd": "ja"})
    item = AgendaItem.objects.get(meeting=meeting)
    r = hub.post(
        f"/lro/{meeting.pk}/punten/{item.pk}/besluit",
        {"interpretation": "x", "decision": "monitoring", "owner": "politie.cter", "due": "2020-01-01"},
        HTTP_HX_REQUEST="true",
    )
    assert "De termijn ligt in het verleden." in r.content.decode() and Decision.objects.count() == 0
    r = hub.post(
        f"/lro/{meeting.pk}/punten/{item.pk}/besluit",
        {"interpretation": "Volgen via de wijkagent", "decision": "monitoring", "owner": "politie.cter", "due": soon()},
        HTTP_HX_REQUEST="true",
    )
    assert "Besluit vastgelegd" in r.content.decode()
    assert "Volgen via de wijkagent" in web_client_for(lro["cter"]).get("/taken").content.decode()
    assert "Volgen via de wijkagent" not in web_client_for(lro["outsider"]).get("/taken").content.decode()


def test_the_due_date_is_typed_as_day_month_year(lro: Any, web_client_for: Any) -> None:
    """Issue 10: the follow-up's due date is the project's one Dutch date input, not the browser's date picker."""
    import datetime as dt

    meeting = services.meeting_create(actor=lro["hub"])
    hub = web_client_for(lro["hub"])
    hub.post(f"/lro/{meeting.pk}/voordragen", {"reference": coa_signal(lro).reference, "reason": "Zorgen", "bevestigd": "ja"})
    item = AgendaItem.objects.get(meeting=meeting)
    page = hub.get(f"/lro/{meeting.pk}/punten/{item.pk}/besluit").content.decode()
    assert 'type="date"' not in page and "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in page
    body = {"interpretation": "Volgen via de wijkagent", "decision": "monitoring", "owner": "politie.cter"}
    url = f"/lro/{meeting.pk}/punten/{item.pk}/besluit"
    wrong = hub.post(url, {**body, "due": "31-2-2030"}, HTTP_HX_REQUEST="true").content.decode()
    assert (
        "De datum 31-2-2030 bestaat niet: februari 2030 heeft 28 dagen." in wrong
        and 'value="31-2-2030"' in wrong
        and Decision.objects.count() == 0
    )
    due = dt.date.today() + dt.timedelta(days=21)
    ok = hub.post(url, {**body, "due": f"{due.day}-{due.month}-{due.year}"}, HTTP_HX_REQUEST="true")
    assert "Besluit vastgelegd" in ok.content.decode()
    assert Decision.objects.get().due == due


def test_demo_is_idempotent(lro: Any) -> None:
    from ketensignaal.coordination.demo import demo_load

    coa_signal(lro), coa_signal(lro)
    users = {"ind.tsz": lro["hub"]}
    demo_load(users=users)
    demo_load(users=users)
    assert Meeting.objects.count() == 2
    assert Decision.objects.count() == 1
    assert Meeting.objects.filter(status="planned").get().items.exists()
