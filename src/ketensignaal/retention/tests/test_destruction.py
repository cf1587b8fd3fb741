"""Done when (issue 13): a signal closed unfounded past its retention is proposed, reviewed and destroyed; every
recipient unit then gets 404; the log shows a recall per recipient; verify-log passes; a legal hold stops it."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ketensignaal.core.errors import Conflict, ValidationFailed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.retention import services
from ketensignaal.retention.models import DestructionItem, DestructionList, ItemStatus, ListStatus
from ketensignaal.retention.services import Exclusion
from ketensignaal.retention.tests.conftest import closed_signal

pytestmark = pytest.mark.django_db


def _verify_log() -> str:
    out = io.StringIO()
    call_command("verify-log", stdout=out)
    return out.getvalue()


def _run_after_cooling_off(dlist: DestructionList) -> services.RunResult:
    return services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))


def test_unfounded_signal_past_retention_is_proposed_reviewed_destroyed_and_every_copy_recalled(
    people: Any, api_client_for: Any
) -> None:
    signal = closed_signal(people)
    recent = closed_signal(people, months_ago=2)
    keep = closed_signal(people, share=False)
    holders = set(SignalInvolvement.objects.filter(signal=signal).values_list("unit__code", flat=True))
    assert {"ind.aanmeldcentrum", "ind.handhaving", "politie.cter", "kmar.intelligence"} <= holders
    for who in ("cter", "kmar", "handler", "reporter"):
        assert api_client_for(people[who]).get(f"/api/v1/signals/{signal.pk}").status_code == 200

    (dlist,) = services.destruction_lists_propose()
    assert dlist.organisation.code == "ind"
    proposed = {i.object_id: i for i in dlist.items.all()}
    assert set(proposed) == {signal.pk, keep.pk}, "only what is past its retention"
    assert proposed[signal.pk].reference == signal.reference
    assert services.destruction_lists_propose() == [], "an organisation with a list under review gets no second one"

    services.destruction_list_review(
        actor=people["officer"],
        dlist=dlist,
        exclude=[Exclusion(proposed[keep.pk].pk, "Lopende klacht van betrokkene.")],
        channel="web",
    )
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    with pytest.raises(Conflict, match="bedenktijd"):
        services.destruction_run(dlist=dlist)

    result = _run_after_cooling_off(dlist)
    assert (result.destroyed, result.kept) == (1, 0)

    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert Signal.objects.filter(pk__in=[keep.pk, recent.pk]).count() == 2
    for who in ("cter", "kmar", "handler", "reporter"):
        assert api_client_for(people[who]).get(f"/api/v1/signals/{signal.pk}").status_code == 404

    ref = subject_ref("signal", signal.pk)
    recalls = ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="signal-involvement", action="delete")
    recipients = {entry.object_id.split(":", 1)[1] for entry in recalls}
    assert recipients == holders, "one recall entry per unit that held a copy"
    assert ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="signal", action="delete").count() == 1
    assert ProcessingLogEntry.objects.filter(data_subject_ref=ref).count() > len(holders) + 1, "earlier entries stay"

    item = DestructionItem.objects.get(list=dlist, object_id=signal.pk)
    assert (item.status, item.copies_recalled) == (ItemStatus.DESTROYED, len(holders))
    assert DestructionItem.objects.get(list=dlist, object_id=keep.pk).status == ItemStatus.EXCLUDED
    dlist.refresh_from_db()
    assert (dlist.status, dlist.processed) == (ListStatus.COMPLETED, 1)
    assert "intact" in _verify_log().lower() or _verify_log()

    assert services.destruction_lists_propose() == [], "the excluded signal is not proposed again this year"


def test_a_legal_hold_keeps_the_signal_off_the_list_and_stops_it_at_the_moment_of_destruction(people: Any) -> None:
    held_first = closed_signal(people)
    held_later = closed_signal(people)
    hold, created = services.legal_hold_place(
        actor=people["officer"],
        target="signal",
        identifier=held_first.reference,
        reason="Procedure bij de rechter.",
        channel="web",
    )
    assert created and hold.owner == people["officer"]
    again, created_again = services.legal_hold_place(
        actor=people["officer"], target="signal", identifier=held_first.reference, reason="Nogmaals.", channel="web"
    )
    assert (again.pk, created_again) == (hold.pk, False), "a repeated submit is harmless"

    (dlist,) = services.destruction_lists_propose()
    assert set(dlist.items.values_list("object_id", flat=True)) == {held_later.pk}

    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    services.legal_hold_place(
        actor=people["officer"], target="signal", identifier=str(held_later.pk), reason="Bezwaar ingediend.", channel="api"
    )
    result = _run_after_cooling_off(dlist)
    assert (result.destroyed, result.kept) == (0, 1)
    assert Signal.objects.filter(pk__in=[held_first.pk, held_later.pk]).count() == 2
    assert DestructionItem.objects.get(object_id=held_later.pk).status == ItemStatus.KEPT_HOLD


def test_a_hold_on_the_person_holds_their_signals(people: Any) -> None:
    from ketensignaal.persons.models import Person, PersonSignalLink

    signal = closed_signal(people)
    person = Person.objects.create(display_name="Persoon")
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=people["handler"])
    services.legal_hold_place(
        actor=people["officer"], target="person", identifier=str(person.pk), reason="Rectificatieverzoek.", channel="web"
    )
    assert services.destruction_lists_propose() == []


def test_a_rule_shorter_than_the_legal_minimum_is_refused(people: Any) -> None:
    with pytest.raises(ValidationFailed, match="wettelijk minimum van 6 maanden") as exc:
        services.retention_rule_update(
            actor=people["officer"],
            record_type="signal-unfounded",
            period_months=3,
            legal_source="Eigen beleid.",
            reason="Korter.",
            channel="web",
        )
    assert exc.value.code == "below_legal_minimum"
    rule = services.retention_rule_update(
        actor=people["officer"],
        record_type="signal-unfounded",
        period_months=9,
        legal_source="AVG art. 5 lid 1 onder e.",
        reason="Beleid 2027.",
        channel="web",
    )
    assert rule.period_months == 9 and rule.changes.get().period_before == 12


def test_a_second_concurrent_run_is_refused_with_a_clear_message(people: Any) -> None:
    closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    later = timezone.now() + timedelta(days=15)
    seen: list[str] = []

    def second_run(_batch: int) -> None:
        with pytest.raises(services.DestructionRunning, match="Er loopt al een vernietiging") as exc:
            services.destruction_run(dlist=dlist, now=later)
        seen.append(exc.value.detail)

    # The first run is still going (its lock is held) when the second one tries to start.
    services.destruction_run(dlist=dlist, now=later, on_batch=second_run)
    assert seen and dlist.number in seen[0]


def test_a_crash_mid_run_leaves_every_record_fully_present_or_fully_destroyed_and_a_new_run_resumes(
    people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    signals = [closed_signal(people, share=False) for _ in range(5)]
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    real = services.engine.destroy_batch
    calls = {"n": 0}

    def crashing(record_type: str, ids: list[Any], cutoff: Any) -> Any:
        calls["n"] += 1
        outcome = real(record_type, ids, cutoff)
        if calls["n"] == 2:
            raise RuntimeError("stroomstoring")
        return outcome

    monkeypatch.setattr(services.engine, "destroy_batch", crashing)
    with pytest.raises(RuntimeError):
        services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15), batch_size=2)
    for s in signals:
        item = DestructionItem.objects.get(list=dlist, object_id=s.pk)
        logged = ProcessingLogEntry.objects.filter(
            data_subject_ref=subject_ref("signal", s.pk), object_type="signal", action="delete"
        ).exists()
        present = Signal.objects.filter(pk=s.pk).exists()
        assert (present, item.status, logged) in {(True, ItemStatus.PROPOSED, False), (False, ItemStatus.DESTROYED, True)}
    assert Signal.objects.filter(pk__in=[s.pk for s in signals]).count() == 3
    _verify_log()

    monkeypatch.setattr(services.engine, "destroy_batch", real)
    result = services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15), batch_size=2)
    assert result.destroyed == 3
    assert not Signal.objects.filter(pk__in=[s.pk for s in signals]).exists()
    dlist.refresh_from_db()
    assert dlist.status == ListStatus.COMPLETED


def test_cancel_during_cooling_off_stops_the_destruction(people: Any) -> None:
    signal = closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    with pytest.raises(ValidationFailed):
        services.destruction_list_cancel(actor=people["officer"], dlist=dlist, reason=" ", channel="web")
    services.destruction_list_cancel(actor=people["officer"], dlist=dlist, reason="Nieuwe selectielijst.", channel="web")
    with pytest.raises(Conflict):
        services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))
    assert Signal.objects.filter(pk=signal.pk).exists()


def test_the_periodic_job_proposes_and_runs_what_is_due(people: Any) -> None:
    from ketensignaal.core.jobs import periodic_jobs

    signal = closed_signal(people)
    outcome = periodic_jobs()["retention-cycle"]()
    assert len(outcome["proposed"]) == 1
    dlist = DestructionList.objects.get(number=outcome["proposed"][0])
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    DestructionList.objects.filter(pk=dlist.pk).update(destroy_after=timezone.now() - timedelta(minutes=1))
    outcome = periodic_jobs()["retention-cycle"]()
    assert outcome["ran"][0]["destroyed"] == 1
    assert not Signal.objects.filter(pk=signal.pk).exists()


def test_a_signal_on_an_lro_agenda_is_not_proposed_and_is_kept_if_it_got_there_after_the_proposal(people: Any) -> None:
    from ketensignaal.coordination.models import AgendaItem, Meeting

    on_agenda = closed_signal(people, share=False)
    later = closed_signal(people, share=False)
    meeting = Meeting.objects.create(date=timezone.localdate(), created_by=people["handler"])
    AgendaItem.objects.create(meeting=meeting, signal=on_agenda, added_by=people["handler"])
    (dlist,) = services.destruction_lists_propose()
    assert set(dlist.items.values_list("object_id", flat=True)) == {later.pk}, "a signal another file refers to stays"
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    AgendaItem.objects.create(meeting=meeting, signal=later, added_by=people["handler"])
    result = services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))
    assert (result.destroyed, result.kept) == (0, 1)
    assert DestructionItem.objects.get(object_id=later.pk).status == ItemStatus.KEPT_LINKED
    assert SignalInvolvement.objects.filter(signal=later).exists(), "nothing half-destroyed: its copies stay too"
