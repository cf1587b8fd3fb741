"""Issue 10, point 5: an agenda item links the person, each signal with what it is about, and what a decision led to
(the task of the viewer's unit, the LIV trajectory), each only as far as the viewer may open it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ketensignaal.coordination import services
from ketensignaal.coordination.models import Decision
from ketensignaal.coordination.tests.conftest import coa_signal, link, person, soon


def test_agenda_item_links_person_signal_task_and_trajectory(lro: dict[str, Any], web_client_for: Any) -> None:
    signal = coa_signal(lro, observation__text="Dreigende uitspraken in de gemeenschappelijke ruimte")
    alfa = person("Persoon Alfa")
    link(signal, alfa, lro["hub"])
    meeting = services.meeting_create(actor=lro["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    item = services.item_put_forward(actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Voorgedragen")
    for kind, owner in (("police-cter", "politie.cter"), ("liv", "lse.liv")):
        services.decision_record(
            actor=lro["hub"],
            meeting_id=meeting.pk,
            item_id=item.pk,
            interpretation=f"Duiding voor {kind}",
            decision=kind,
            owner=owner,
            due=soon(21),
        )
    cter_task = Decision.objects.get(kind="police-cter").task
    trajectory_id = Decision.objects.get(kind="liv").liv_trajectory_id
    assert trajectory_id is not None

    hub = web_client_for(lro["hub"]).get(f"/lro/{meeting.pk}").content.decode()
    assert f"/personen/{alfa.pk}" in hub
    assert f"/signalen/{signal.pk}" in hub and "Dreigende uitspraken in de gemeenschappelijke ruimte" in hub
    assert f"/liv/{trajectory_id}" in hub  # the hub requested the trajectory: it may follow it
    assert f"#taak-{cter_task.pk}" not in hub  # the police's task is not the hub's to open

    cter = web_client_for(lro["cter"]).get(f"/lro/{meeting.pk}").content.decode()
    assert f"/taken#taak-{cter_task.pk}" in cter
    assert f"/liv/{trajectory_id}" not in cter  # no need to know on the LIV trajectory
    tasks = web_client_for(lro["cter"]).get("/taken").content.decode()
    assert f'id="taak-{cter_task.pk}"' in tasks
