"""The privacy officer reads who processed a person's data; nobody else can, and every look is logged."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.models import Signal, Touchpoint
from ketensignaal.persons.models import Person, PersonSignalLink

pytestmark = pytest.mark.django_db


def _signal(user, reference: str) -> Signal:
    return Signal.objects.create(
        reference=reference,
        reporting_unit=user.unit,
        reported_by=user,
        current_unit=user.unit,
        observation_type="statement",
        observation_text="t",
        touchpoint=Touchpoint.objects.first(),
    )


@pytest.fixture
def person_with_history(make_user):
    handler = make_user("ind.tsz", "hub-analyst", username="analist")
    outsider = make_user("politie.cter", "handler", username="agent") if _unit_exists("politie.cter") else None
    signal = _signal(handler, "KS-2026-000001")
    person = Person.objects.create(display_name="X")
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=handler)
    with transaction.atomic():
        processing_log_record(
            actor=handler,
            items=[
                LogItem(
                    activity="signaal-behandeling",
                    action="read",
                    object_type="signal",
                    object_id=signal.pk,
                    subject=subject_ref("signal", signal.pk),
                    legal_basis="ind-politie@v1",
                ),
                LogItem(
                    activity="persoonskoppeling",
                    action="create",
                    object_type="person",
                    object_id=person.pk,
                    subject=subject_ref("person", person.pk),
                ),
                LogItem(
                    activity="signaal-behandeling",
                    action="read",
                    object_type="signal",
                    object_id="other",
                    subject=subject_ref("signal", uuid.uuid4()),
                ),
            ],
        )
    return person, signal, outsider


def _unit_exists(code: str) -> bool:
    from ketensignaal.identity.models import Unit

    return Unit.objects.filter(code=code).exists()


def test_privacy_officer_sees_processing_of_the_person_and_its_signals(make_user, api_client_for, person_with_history) -> None:
    person, signal, _ = person_with_history
    api = api_client_for(make_user("ind.tsz", "privacy-officer"))
    response = api.get(f"/api/v1/processing-log?person={person.pk}")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {(r["activity"], r["action"], r["object_id"]) for r in rows} == {
        ("signaal-behandeling", "read", str(signal.pk)),
        ("persoonskoppeling", "create", str(person.pk)),
    }
    read = next(r for r in rows if r["action"] == "read")
    assert read["actor"] == "analist" and read["actor_unit"] == "ind.tsz" and read["legal_basis"] == "ind-politie@v1"
    assert read["occurred_at"] and read["result"] == "success"
    inspection = ProcessingLogEntry.objects.order_by("-sequence").first()
    assert inspection.activity == "privacytoezicht" and inspection.data_subject_ref == subject_ref("person", person.pk)


def test_other_roles_get_403(make_user, api_client_for, person_with_history) -> None:
    person, _, _ = person_with_history
    before = ProcessingLogEntry.objects.count()
    response = api_client_for(make_user("ind.tsz", "hub-analyst", "handler")).get(f"/api/v1/processing-log?person={person.pk}")
    assert response.status_code == 403 and response["Content-Type"].startswith("application/problem+json")
    assert ProcessingLogEntry.objects.count() == before


def test_unknown_person_gives_an_empty_list(make_user, api_client_for, person_with_history) -> None:
    api = api_client_for(make_user("ind.tsz", "privacy-officer"))
    assert api.get(f"/api/v1/processing-log?person={uuid.uuid4()}").json()["results"] == []
    assert api.get("/api/v1/processing-log?person=geen-uuid").json()["results"] == []


def test_web_page_searches_by_signal_reference_and_exports_csv_which_is_logged(make_user, client, person_with_history) -> None:
    _, signal, _ = person_with_history
    officer = make_user("ind.tsz", "privacy-officer")
    client.force_login(officer)
    session = client.session
    session["otp_device_id"] = ""  # MFA middleware is exercised by the web tests; here we bypass it explicitly
    session.save()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=officer, name="t", confirmed=True)
    session["otp_device_id"] = device.persistent_id
    session.save()
    page = client.get("/privacy/verwerkingenlog", {"signal": signal.reference})
    assert page.status_code == 200
    assert "analist" in page.content.decode()
    before = ProcessingLogEntry.objects.count()
    export = client.get("/privacy/verwerkingenlog", {"signal": signal.reference, "export": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().strip().splitlines()
    assert lines[0].startswith("sequence,occurred_at,actor") and len(lines) >= 2
    assert ProcessingLogEntry.objects.count() == before + 1
    assert ProcessingLogEntry.objects.order_by("-sequence").first().activity == "privacytoezicht"


def test_web_page_is_forbidden_for_other_roles(make_user, client) -> None:
    client.force_login(make_user("ind.tsz", "handler"))
    assert client.get("/privacy/verwerkingenlog").status_code in (302, 403)
