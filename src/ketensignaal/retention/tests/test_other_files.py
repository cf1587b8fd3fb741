"""Issue 13, retention for every record type the rules name: closed case-conference cases, closed LIV trajectories,
naslag answers and ambtsberichten are proposed when due, destroyed one by one with their report line and log entry,
every partner a case was shared with gets a recall entry, and a legal hold is re-checked at destruction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.conferences import services as conferences
from ketensignaal.conferences.models import ConferenceCase
from ketensignaal.disclosures.models import Ambtsbericht, NaslagAnswer, NaslagRequest
from ketensignaal.disclosures.services import ambtsbericht_register
from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify, subject_ref
from ketensignaal.persons.models import Person
from ketensignaal.persons.services import signal_link_person
from ketensignaal.retention import services
from ketensignaal.retention.models import DestructionItem, ItemStatus, RecordType
from ketensignaal.routing.tests.factories import submit
from ketensignaal.trajectories import services as trajectories
from ketensignaal.trajectories.catalogue import catalogue_load
from ketensignaal.trajectories.models import LivTrajectory

pytestmark = pytest.mark.django_db
SUBJECT = {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996-04", "v_number": "1234567890"}


def _long_ago(months: int) -> Any:
    return timezone.now() - timedelta(days=31 * months)


def _closed_case(director: Any, *, months_ago: int = 61, invite: str = "politie.drio") -> ConferenceCase:
    case = conferences.case_register(
        actor=director, municipality_code=director.unit.code, subject=SUBJECT, reason="Zorgen over werving."
    )
    case = conferences.case_triage(actor=director, case=case, admitted=True, reason="Weegploeg besliste.")
    if invite:
        conferences.invitation_create(
            actor=director,
            case=case,
            unit_code=invite,
            purpose="Deelnemen aan het casusoverleg",
            justification="Nodig voor de persoonsgerichte aanpak in deze casus.",
        )
    ConferenceCase.objects.filter(pk=case.pk).update(phase="closed", closed_at=_long_ago(months_ago))
    return ConferenceCase.objects.get(pk=case.pk)


def _run(dlist: Any) -> services.RunResult:
    return services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))


def test_every_other_record_type_is_proposed_destroyed_and_recalled(make_user: Any, api_client_for: Any) -> None:
    catalogue_load()
    director = make_user("gemeente.utrecht", "case-director")
    police = make_user("politie.drio", "handler")
    utrecht_officer = make_user("gemeente.utrecht", "privacy-officer")
    liv_staff = make_user("lse.liv", "liv-staff")
    liv_officer = make_user("lse.liv", "privacy-officer")
    analyst = make_user("ind.tsz", "hub-analyst", "reporter")
    ind_officer = make_user("ind", "privacy-officer")

    case = _closed_case(director)
    recent_case = _closed_case(director, months_ago=2, invite="")
    trajectory = trajectories.trajectory_request(
        actor=liv_staff, client_code="coa", question="Telefonische aanmelding", channel="web"
    )
    LivTrajectory.objects.filter(pk=trajectory.pk).update(phase="closed", closed_at=_long_ago(25))
    signal = submit(analyst)
    person = signal_link_person(actor=analyst, signal_id=signal.pk, new=True).person
    report = ambtsbericht_register(
        actor=analyst, service="aivd", dated=date(2020, 1, 6), subject="Contacten", content="Inhoud.", person=person
    )
    Ambtsbericht.objects.filter(pk=report.pk).update(received_at=_long_ago(61))
    request = NaslagRequest.objects.create(
        signal=signal,
        service="aivd",
        own_means_exhausted=True,
        other_means_insufficient=True,
        justification="Eigen middelen uitgeput.",
        flow=LegalBasisFlow.objects.first(),
        flow_version_label="v1",
        requested_by=analyst,
        requesting_unit=analyst.unit,
    )
    answer = NaslagAnswer.objects.create(
        request=request, kind="no-information", received_on=timezone.localdate() - timedelta(days=400), recorded_by=analyst
    )

    lists = {d.organisation_id: d for d in services.destruction_lists_propose()}
    proposed = {(i.record_type, i.object_id) for d in lists.values() for i in d.items.all()}
    assert (RecordType.CONFERENCE_CASE, case.pk) in proposed
    assert (RecordType.CONFERENCE_CASE, recent_case.pk) not in proposed, "only what is past its retention"
    assert (RecordType.LIV_TRAJECTORY, trajectory.pk) in proposed
    assert (RecordType.AMBTSBERICHT, report.pk) in proposed
    assert (RecordType.NASLAG_ANSWER, answer.pk) in proposed
    assert lists[director.unit.organisation_id].items.get(object_id=case.pk).reference == case.reference
    assert "Contacten" not in lists[analyst.unit.organisation_id].items.get(object_id=report.pk).reference, "no content"

    for officer in (utrecht_officer, liv_officer, ind_officer):
        dlist = lists[officer.unit.organisation_id]
        services.destruction_list_confirm(actor=officer, dlist=dlist, channel="web")
        _run(dlist)

    assert not ConferenceCase.objects.filter(pk=case.pk).exists()
    assert ConferenceCase.objects.filter(pk=recent_case.pk).exists()
    assert not LivTrajectory.objects.filter(pk=trajectory.pk).exists()
    assert not Ambtsbericht.objects.filter(pk=report.pk).exists()
    assert not NaslagAnswer.objects.filter(pk=answer.pk).exists()
    assert Person.objects.filter(pk=person.pk).exists(), "the person record follows its own rule"
    assert api_client_for(police).get(f"/api/v1/conference-cases/{case.pk}").status_code == 404
    ref = subject_ref("conference-case", case.pk)
    recalls = ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="conference-case-copy", action="delete")
    assert [e.object_id.split(":", 1)[1] for e in recalls] == ["politie.drio"], "a recall entry per invited partner"
    assert ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="conference-case", action="delete").count() == 1
    item = DestructionItem.objects.get(object_id=case.pk)
    assert (item.status, item.copies_recalled) == (ItemStatus.DESTROYED, 1)
    for record in (trajectory, report, answer):
        assert DestructionItem.objects.get(object_id=record.pk).status == ItemStatus.DESTROYED
    assert processing_log_verify().intact


def test_a_legal_hold_on_a_case_placed_after_the_proposal_keeps_it(make_user: Any) -> None:
    director = make_user("gemeente.utrecht", "case-director")
    officer = make_user("gemeente.utrecht", "privacy-officer")
    case = _closed_case(director, invite="")
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=officer, dlist=dlist, channel="web")
    services.legal_hold_place(actor=officer, target="case", identifier=case.reference, reason="Klacht loopt", channel="web")
    result = _run(dlist)
    assert (result.destroyed, result.kept) == (0, 1)
    assert ConferenceCase.objects.filter(pk=case.pk).exists()
    assert DestructionItem.objects.get(object_id=case.pk).status == ItemStatus.KEPT_HOLD
    assert services.destruction_lists_propose() == [], "a held case is not proposed again"
