"""Rectification, erasure, restriction and objection do what they say: the person record is corrected, erased items
are destroyed through the retention service (legal holds respected, every copy recalled), a restricted record is
marked and no longer linked, and an objection's decision is kept with its reasons. Every step is logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from ketensignaal.core.errors import Conflict, Unprocessable, ValidationFailed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify, subject_ref
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.persons.models import Person, PersonBirthDate, PersonEvent, PersonEventKind
from ketensignaal.persons.services import signal_link_person
from ketensignaal.privacy import services
from ketensignaal.privacy.answer import answer_html
from ketensignaal.privacy.models import Decision, ErasureResult, Rectification, RequestItem
from ketensignaal.privacy.tests.conftest import SUBJECT
from ketensignaal.retention.services import legal_hold_place
from ketensignaal.routing.disclosure import signal_disclose
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db
GROUND = "uavg-41-nationale-veiligheid"


@pytest.fixture
def shared(analyst: Any, make_user: Any) -> dict[str, Any]:
    """A signal reported by the hub, disclosed to police CTER, linked to a new person record (no ambtsbericht)."""
    signal = submit(analyst)
    person = signal_link_person(actor=analyst, signal_id=signal.pk, new=True).person
    with transaction.atomic():
        signal_disclose(
            actor=analyst,
            signal=signal,
            to_unit=Unit.objects.get(code="politie.cter"),
            reason="disclosed",
            channel="web",
            justification="Concrete aanwijzing; de politie moet dit weten.",
        )
    return {"signal": signal, "person": person, "cter": make_user("politie.cter", "handler")}


def _matched(officer: Any, kind: str, person: Person) -> Any:
    request, _ = services.subject_request_register(actor=officer, kind=kind, subject=SUBJECT)
    return services.subject_request_match(actor=officer, request_id=request.pk, person_id=person.pk, reason="Paspoort gezien")


def _items(request: Any) -> dict[str, RequestItem]:
    return {i.object_type: i for i in RequestItem.objects.filter(request=request)}


# --- rectification ------------------------------------------------------------------------------------------------


def test_rectification_corrects_the_person_record_through_the_persons_service(officer: Any, shared: dict[str, Any]) -> None:
    person = shared["person"]
    request = _matched(officer, "rectification", person)

    with pytest.raises(ValidationFailed) as no_reason:
        services.subject_request_rectify(
            actor=officer, request_id=request.pk, field="date_of_birth", value="1994-03-12", reason=""
        )
    assert no_reason.value.invalid_params[0]["name"] == "reason"
    with pytest.raises(ValidationFailed):
        services.subject_request_rectify(actor=officer, request_id=request.pk, field="nationality", value="Syrië", reason="x")
    with pytest.raises(ValidationFailed):
        services.subject_request_rectify(actor=officer, request_id=request.pk, field="reference", value="x", reason="x")

    rectification = services.subject_request_rectify(
        actor=officer, request_id=request.pk, field="date_of_birth", value="1994-03-12", reason="Geboorteakte overgelegd"
    )
    person.refresh_from_db()
    assert person.date_of_birth == "1994-03-12"
    assert list(PersonBirthDate.objects.filter(person=person).values_list("text", flat=True)) == ["1994-03-12"]
    assert (rectification.before, rectification.after) == ("1994-03", "1994-03-12")
    event = PersonEvent.objects.get(person=person, kind=PersonEventKind.RECTIFIED)
    assert event.details["reason"] == "Geboorteakte overgelegd"
    ref = subject_ref("person", person.pk)
    assert ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="person", action="update").exists()
    assert ProcessingLogEntry.objects.filter(object_type="subject-request-rectification", action="update").count() == 1

    for item in RequestItem.objects.filter(request=request):
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="disclose")
    answered = services.subject_request_answer(actor=officer, request_id=request.pk)
    assert "1994-03 → 1994-03-12" in answer_html(answered, list(RequestItem.objects.filter(request=request)))
    assert processing_log_verify().intact


def test_rectification_only_on_a_rectification_request(officer: Any, shared: dict[str, Any]) -> None:
    request = _matched(officer, "access", shared["person"])
    with pytest.raises(Conflict):
        services.subject_request_rectify(actor=officer, request_id=request.pk, field="v_number", value="1234567890", reason="x")
    assert not Rectification.objects.exists()


# --- erasure ------------------------------------------------------------------------------------------------------


def test_erasure_destroys_the_signal_and_every_copy_through_the_retention_service(
    officer: Any, shared: dict[str, Any], api_client_for: Any
) -> None:
    signal, person = shared["signal"], shared["person"]
    holders = set(SignalInvolvement.objects.filter(signal=signal).values_list("unit__code", flat=True))
    assert {"ind.tsz", "politie.cter"} <= holders
    request = _matched(officer, "erasure", person)
    items = _items(request)

    with pytest.raises(ValidationFailed) as no_ground:
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["person"].pk, decision="refuse")
    assert no_ground.value.invalid_params[0]["name"] == "ground"
    with pytest.raises(ValidationFailed):  # an access decision on an erasure request
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["signal"].pk, decision="disclose")

    services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["signal"].pk, decision="erase")
    for item in RequestItem.objects.filter(request=request, decision=Decision.PENDING):
        if item.object_type in ("person", "attachment"):
            services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="erase")
        else:
            services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="refuse", ground=GROUND)
    services.subject_request_answer(actor=officer, request_id=request.pk)

    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert api_client_for(shared["cter"]).get(f"/api/v1/signals/{signal.pk}").status_code == 404
    ref = subject_ref("signal", signal.pk)
    recalls = ProcessingLogEntry.objects.filter(data_subject_ref=ref, object_type="signal-involvement", action="delete")
    assert {e.object_id.split(":", 1)[1] for e in recalls} == holders, "one recall entry per unit that held a copy"
    destroyed = ProcessingLogEntry.objects.get(data_subject_ref=ref, object_type="signal", action="delete")
    assert "AVG art. 17" in destroyed.legal_basis
    assert ProcessingLogEntry.objects.filter(
        data_subject_ref=subject_ref("person", person.pk), object_type="person", action="delete"
    ).exists()
    assert set(RequestItem.objects.filter(request=request, decision=Decision.ERASE).values_list("erasure_result", flat=True)) == {
        ErasureResult.DESTROYED
    }
    assert processing_log_verify().intact


def test_a_legal_hold_stops_the_erasure_and_nothing_is_destroyed(officer: Any, shared: dict[str, Any]) -> None:
    signal, person = shared["signal"], shared["person"]
    request = _matched(officer, "erasure", person)
    items = _items(request)
    services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["signal"].pk, decision="erase")
    for item in RequestItem.objects.filter(request=request, decision=Decision.PENDING):
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="refuse", ground=GROUND)
    # A hold placed after the decision: re-checked when the erasure runs.
    legal_hold_place(
        actor=officer, target="signal", identifier=signal.reference, reason="Klacht bij de Nationale ombudsman", channel="web"
    )
    with pytest.raises(Conflict) as held:
        services.subject_request_answer(actor=officer, request_id=request.pk)
    assert held.value.code == "legal_hold"
    assert Signal.objects.filter(pk=signal.pk).exists() and SignalInvolvement.objects.filter(signal=signal).count() >= 2
    request.refresh_from_db()
    assert request.status == "matched"
    # With the hold in place the handler cannot mark it for erasure at all.
    with pytest.raises(Conflict):
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["signal"].pk, decision="erase")


def test_a_person_another_file_still_refers_to_is_not_erased_and_nothing_is(officer: Any, person_with_ambtsbericht: Any) -> None:
    request = _matched(officer, "erasure", person_with_ambtsbericht)
    items = _items(request)
    with pytest.raises(ValidationFailed) as not_erasable:
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=items["ambtsbericht"].pk, decision="erase")
    assert not_erasable.value.code == "invalid" or not_erasable.value.invalid_params[0]["code"] == "not_erasable"
    for item in RequestItem.objects.filter(request=request):
        decision = "erase" if item.object_type in ("person", "signal") else "refuse"
        services.request_item_decide(
            actor=officer, request_id=request.pk, item_id=item.pk, decision=decision, ground="" if decision == "erase" else GROUND
        )
    with pytest.raises(Conflict):
        services.subject_request_answer(actor=officer, request_id=request.pk)
    assert Person.objects.filter(pk=person_with_ambtsbericht.pk).exists()
    assert Signal.objects.filter(pk=items["signal"].object_id).exists(), "all or nothing: the signal stays too"


# --- restriction and objection -------------------------------------------------------------------------------------


def test_a_granted_restriction_marks_the_person_and_stops_linking(
    officer: Any, analyst: Any, shared: dict[str, Any], web_client_for: Any
) -> None:
    person = shared["person"]
    request = _matched(officer, "restriction", person)
    with pytest.raises(ValidationFailed):
        services.subject_request_decide(actor=officer, request_id=request.pk, outcome="granted", reasons="  ")
    with pytest.raises(ValidationFailed):
        services.subject_request_decide(actor=officer, request_id=request.pk, outcome="maybe", reasons="x")
    services.subject_request_decide(
        actor=officer, request_id=request.pk, outcome="granted", reasons="Juistheid betwist (AVG art. 18 lid 1 sub a)"
    )
    person.refresh_from_db()
    assert person.restricted_since is not None and "Juistheid betwist" in person.restriction_reason
    assert PersonEvent.objects.filter(person=person, kind=PersonEventKind.RESTRICTED).count() == 1

    other = submit(analyst)
    with pytest.raises(Conflict) as restricted:
        signal_link_person(actor=analyst, signal_id=other.pk, person_id=person.pk)
    assert restricted.value.code == "person_restricted"
    page = web_client_for(analyst).get(f"/personen/{person.pk}")
    assert page.status_code == 200 and "Verwerking beperkt" in page.content.decode()
    assert ProcessingLogEntry.objects.filter(
        data_subject_ref=subject_ref("person", person.pk), object_type="person", action="update"
    ).exists()


def test_an_objection_is_decided_with_reasons_and_answered_with_them(officer: Any, shared: dict[str, Any]) -> None:
    request = _matched(officer, "objection", shared["person"])
    for item in RequestItem.objects.filter(request=request):
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="disclose")
    with pytest.raises(Unprocessable):
        services.subject_request_answer(actor=officer, request_id=request.pk)
    services.subject_request_decide(
        actor=officer, request_id=request.pk, outcome="rejected", reasons="Dwingende gerechtvaardigde gronden (AVG art. 21 lid 1)"
    )
    shared["person"].refresh_from_db()
    assert shared["person"].restricted_since is None
    answered = services.subject_request_answer(actor=officer, request_id=request.pk)
    assert answered.outcome == "rejected"
    html = answer_html(answered, list(RequestItem.objects.filter(request=request)))
    assert "Afgewezen" in html and "Dwingende gerechtvaardigde gronden" in html
    with pytest.raises(Conflict):
        services.subject_request_decide(actor=officer, request_id=request.pk, outcome="granted", reasons="Toch wel")
