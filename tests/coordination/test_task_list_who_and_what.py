"""Issue 10, point 5: a task names the person and the signal it is about, with links (task ↔ person ↔ signal ↔
meeting), each only as far as the viewer may see it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ketensignaal.coordination import services
from ketensignaal.coordination.tests.conftest import coa_signal, link, person, soon
from ketensignaal.intake.models import Signal


def _cter_task(lro: dict[str, Any]) -> tuple[Any, Any, Any]:
    signal = coa_signal(lro, observation__text="Dreigende uitspraken in de gemeenschappelijke ruimte")
    alfa = person("Persoon Alfa")
    link(signal, alfa, lro["hub"])
    meeting = services.meeting_create(actor=lro["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    item = services.item_put_forward(actor=lro["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Voorgedragen")
    services.decision_record(
        actor=lro["hub"],
        meeting_id=meeting.pk,
        item_id=item.pk,
        interpretation="Zorgelijk beeld",
        decision="police-cter",
        owner="politie.cter",
        due=soon(21),
    )
    return signal, alfa, meeting


def test_a_police_cter_task_names_the_person_and_the_signal(lro: dict[str, Any], web_client_for: Any) -> None:
    signal, alfa, meeting = _cter_task(lro)
    page = web_client_for(lro["cter"]).get("/taken")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Persoon Alfa" in html and f"/personen/{alfa.pk}" in html
    assert signal.reference in html and f"/signalen/{signal.pk}" in html
    assert "Dreigende uitspraken" in html
    assert f"/lro/{meeting.pk}" in html


def test_a_task_never_shows_a_signal_the_viewer_may_not_see(lro: dict[str, Any], web_client_for: Any) -> None:
    signal, alfa, _meeting = _cter_task(lro)
    # A second signal of the same person that the police never received: not on the police's task row.
    other = coa_signal(lro, observation__text="Alleen bij de hub bekend")
    link(other, alfa, lro["hub"])
    assert not Signal.objects.filter(pk=other.pk, involvements__unit__code="politie.cter").exists()
    html = web_client_for(lro["cter"]).get("/taken").content.decode()
    assert signal.reference in html
    assert other.reference not in html and "Alleen bij de hub bekend" not in html


def test_a_task_reads_in_the_readers_language_also_for_a_row_written_in_dutch(lro: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: the task title was composed in Dutch when the LRO decided ("LRO 3 december 2026: Politie CTER — …")
    and shown so on English pages. It is composed again from the decision at display time."""
    from django.utils import translation

    from ketensignaal.coordination.models import DecisionKind, Task

    _cter_task(lro)
    task = Task.objects.get()
    assert "december" in task.description or "LRO" in task.description  # the stored Dutch text stays as it was
    client = web_client_for(lro["cter"])
    client.cookies["django_language"] = "en"
    html = client.get("/taken").content.decode()
    with translation.override("en"):
        english_kind = str(DecisionKind("police-cter").label)
    with translation.override("nl"):
        dutch_kind = str(DecisionKind("police-cter").label)
    assert english_kind != dutch_kind
    assert f"{english_kind} — Zorgelijk beeld" in html
    assert f"{dutch_kind} — Zorgelijk beeld" not in html
