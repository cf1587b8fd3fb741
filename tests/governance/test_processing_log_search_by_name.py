"""Issue 10, points 6 and 7: the privacy officer searches the processing log by a person's name (no id to type), a
name that finds nobody says why, and the rows show Dutch words, not the stored codes or ids."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement, Touchpoint
from ketensignaal.persons.models import Person, PersonName, PersonSignalLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_user: Any) -> tuple[Person, Signal]:
    handler = make_user("ind.tsz", "hub-analyst", username="analist")
    signal = Signal.objects.create(
        reference="KS-2026-000101",
        reporting_unit=handler.unit,
        reported_by=handler,
        current_unit=handler.unit,
        observation_type="statement",
        observation_text="t",
        touchpoint=Touchpoint.objects.first(),
    )
    SignalInvolvement.objects.create(signal=signal, unit=handler.unit, reason=InvolvementReason.ROUTED)
    person = Person.objects.create(display_name="Karim Haddad")
    PersonSignalLink.objects.create(signal=signal, person=person, linked_by=handler)
    PersonName.objects.create(
        person=person,
        original="Karim Haddad",
        script="Latn",
        cleaned="karim haddad",
        latin="karim haddad",
        significant="karim haddad",
        source_signal=signal,
    )
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
                ),
                LogItem(
                    activity="persoonskoppeling",
                    action="create",
                    object_type="person",
                    object_id=person.pk,
                    subject=subject_ref("person", person.pk),
                ),
            ],
        )
    return person, signal


def test_search_by_name_finds_the_persons_processing_in_plain_words(make_user: Any, web_client_for: Any, history: Any) -> None:
    person, signal = history
    officer = web_client_for(make_user("ind.tsz", "privacy-officer"))
    html = officer.get("/privacy/verwerkingenlog", {"person": "haddad"}).content.decode()
    assert "analist" in html
    assert "personen koppelen" in html and "aanmaken" in html and "inzien" in html
    # no stored codes or ids on screen
    for code in (">read<", ">create<", "persoonskoppeling", str(person.pk), str(signal.pk)):
        assert code not in html, code


def test_a_name_that_finds_nobody_says_why(make_user: Any, web_client_for: Any, history: Any) -> None:
    officer = web_client_for(make_user("ind.tsz", "privacy-officer"))
    html = officer.get("/privacy/verwerkingenlog", {"person": "Onbekende Naam"}).content.decode()
    assert "Geen persoon gevonden met" in html and "V-nummer" in html


def test_the_log_names_the_professional_and_their_unit_not_the_account(make_user: Any, web_client_for: Any, history: Any) -> None:
    """Issue 10: a log row names the person who processed (and their unit), not their account name or unit code;
    the CSV export keeps the account name, exactly as stored."""
    from ketensignaal.identity.models import User

    User.objects.filter(username="analist").update(first_name="Eva", last_name="Mulder")
    officer = web_client_for(make_user("ind.tsz", "privacy-officer"))
    html = officer.get("/privacy/verwerkingenlog", {"person": "haddad"}).content.decode()
    assert "Eva Mulder (IND Team Speciale Zaken)" in html
    assert "analist" not in html and "(ind.tsz)" not in html
    export = officer.get("/privacy/verwerkingenlog", {"person": "haddad", "export": "csv"}).content.decode()
    assert "analist" in export
