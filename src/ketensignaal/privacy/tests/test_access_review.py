"""Sensitive files: opening one asks for a reason, which is logged and lands in the privacy officer's queue; the
officer finds the person by name and sees who saw the file, when and why."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.governance.models import BreakGlassAccess, ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify
from ketensignaal.governance.sensitive import break_glass_queue, break_glass_review
from ketensignaal.privacy import access_review
from ketensignaal.privacy.tests.conftest import SUBJECT

pytestmark = pytest.mark.django_db
REASON = "Nieuw signaal over deze persoon beoordelen voor het LRO."


def test_break_glass_read_appears_in_the_review_queue(
    officer: Any, analyst: Any, person_with_ambtsbericht: Any, web_client_for: Any
) -> None:
    """Done when: a break-the-glass read appears in the review queue."""
    person = person_with_ambtsbericht
    page = f"/personen/{person.pk}"
    analyst_web = web_client_for(analyst)
    assert analyst_web.get(page).status_code == 200  # not sensitive: opens as before
    assert access_review.person_sensitive_set(
        actor=officer, person_id=person.pk, sensitive=True, reason="Bekende zaak in de media"
    )

    before = ProcessingLogEntry.objects.count()
    gate = analyst_web.get(page)
    assert gate.status_code == 403
    html = gate.content.decode()
    assert "als gevoelig gemarkeerd" in html and "Mohammed" not in html  # nothing of the file before the reason
    assert not ProcessingLogEntry.objects.filter(sequence__gt=before, action="read", object_type="person").exists()
    short = analyst_web.post(
        "/privacy/doorbreken", {"object_type": "person", "object_id": str(person.pk), "reason": "x", "next": page}
    )
    assert short.status_code == 302 and not BreakGlassAccess.objects.exists()
    given = analyst_web.post(
        "/privacy/doorbreken", {"object_type": "person", "object_id": str(person.pk), "reason": REASON, "next": page}
    )
    assert given.status_code == 302 and given["Location"] == page
    opened = analyst_web.get(page)
    assert opened.status_code == 200 and "Mohammed al-Hassan" in opened.content.decode()
    assert ProcessingLogEntry.objects.filter(object_type="break-glass", action="create").count() == 1

    [access] = break_glass_queue(user=officer)
    assert access.user == analyst and access.reason == REASON
    queue = web_client_for(officer).get("/privacy/inzagecontrole").content.decode()
    assert REASON in queue and "Mohammed al-Hassan" in queue and str(person.pk) not in queue.replace(f"/personen/{person.pk}", "")

    # Who saw this file, when, why: found by name, the reason given next to the read.
    found = access_review.person_search(user=officer, name="Mohamed al Hasan")
    assert [f.person.pk for f in found] == [person.pk] and found[0].sensitive
    views = access_review.person_file_views(user=officer, person=person)
    assert any(v.break_glass and v.why == REASON and v.actor == analyst.username for v in views)
    assert any(not v.break_glass for v in views)  # the read before the mark, with the register's activity
    detail = web_client_for(officer).get(f"/privacy/inzagecontrole/personen/{person.pk}").content.decode()
    assert REASON in detail and analyst.username in detail

    break_glass_review(actor=officer, access_id=access.pk, note="Past bij het werk van TSZ")
    assert break_glass_queue(user=officer) == []
    assert processing_log_verify().intact


def test_an_unseen_file_is_404_not_a_reason_form(
    officer: Any, person_with_ambtsbericht: Any, make_user: Any, web_client_for: Any
) -> None:
    access_review.person_sensitive_set(actor=officer, person_id=person_with_ambtsbericht.pk, sensitive=True, reason="Media")
    outsider = make_user("gemeente.amsterdam", "handler")
    web = web_client_for(outsider)
    assert web.get(f"/personen/{person_with_ambtsbericht.pk}").status_code == 404
    response = web.post(
        "/privacy/doorbreken",
        {"object_type": "person", "object_id": str(person_with_ambtsbericht.pk), "reason": REASON, "next": "/"},
    )
    assert response.status_code == 404 and not BreakGlassAccess.objects.exists()


def test_only_privacy_officers_review_and_only_the_record_keepers_mark(
    officer: Any, person_with_ambtsbericht: Any, make_user: Any, web_client_for: Any
) -> None:
    handler = make_user("coa.bureau-veiligheid", "handler")
    assert web_client_for(handler).get("/privacy/inzagecontrole").status_code == 404
    with pytest.raises(NotAllowed):
        break_glass_queue(user=handler)
    police_officer = make_user("politie.cter", "privacy-officer")
    with pytest.raises(NotAllowed):
        access_review.person_sensitive_set(
            actor=police_officer, person_id=person_with_ambtsbericht.pk, sensitive=True, reason="x"
        )
    # A privacy officer elsewhere cannot look the person up (their organisation's signals do not reach them).
    assert (
        web_client_for(police_officer).get(f"/privacy/inzagecontrole/personen/{person_with_ambtsbericht.pk}").status_code == 404
    )
    assert access_review.person_search(user=police_officer, name="Mohammed al-Hassan") == []
    with pytest.raises(ValidationFailed):
        access_review.person_sensitive_set(actor=officer, person_id=person_with_ambtsbericht.pk, sensitive=True, reason=" ")


def test_the_api_asks_for_the_reason_too(officer: Any, analyst: Any, person_with_ambtsbericht: Any, api_client_for: Any) -> None:
    person = person_with_ambtsbericht
    access_review.person_sensitive_set(actor=officer, person_id=person.pk, sensitive=True, reason="Media")
    api = api_client_for(analyst)
    refused = api.get(f"/api/v1/persons/{person.pk}")
    assert refused.status_code == 403 and refused.json()["code"] == "break_glass_required"
    short = api.post("/api/v1/break-glass", {"object_type": "person", "object_id": str(person.pk), "reason": ""}, format="json")
    assert short.status_code == 400 and short.json()["invalid_params"][0]["name"] == "reason"
    given = api.post(
        "/api/v1/break-glass", {"object_type": "person", "object_id": str(person.pk), "reason": REASON}, format="json"
    )
    assert given.status_code == 201
    assert api.get(f"/api/v1/persons/{person.pk}").status_code == 200
    assert [a.reason for a in break_glass_queue(user=officer)] == [REASON]


def test_a_municipality_officer_marks_its_own_case(make_user: Any, web_client_for: Any) -> None:
    from ketensignaal.conferences import services as conferences

    director = make_user("gemeente.utrecht", "case-director")
    officer = make_user("gemeente.utrecht", "privacy-officer")
    case = conferences.case_register(actor=director, municipality_code="gemeente.utrecht", subject=SUBJECT, reason="Zorgen.")
    other = make_user("gemeente.amsterdam", "privacy-officer")
    with pytest.raises(ValidationFailed):
        access_review.case_sensitive_set(actor=other, reference=case.reference, sensitive=True, reason="Media")
    web = web_client_for(officer)
    web.post("/privacy/inzagecontrole/casussen", {"kenmerk": case.reference.lower(), "sensitive": "1", "reason": "Media"})
    assert [c.pk for c, _mark in access_review.marked_cases(user=officer)] == [case.pk]
    assert case.reference in web.get("/privacy/inzagecontrole").content.decode()
    assert web_client_for(director).get(f"/casusoverleg/{case.pk}").status_code == 403
    assert access_review.case_sensitive_set(actor=officer, reference=case.reference, sensitive=False, reason="Voorbij")
    assert web_client_for(director).get(f"/casusoverleg/{case.pk}").status_code == 200


def test_who_saw_a_case_and_a_signal_found_by_name(
    make_user: Any, officer: Any, analyst: Any, person_with_ambtsbericht: Any, web_client_for: Any
) -> None:
    """Not only persons: the officer finds a case or a signal of their organisation by the subject's name and sees
    who of the organisation saw it, when and why (the break-the-glass reason on a sensitive case)."""
    from ketensignaal.conferences import services as conferences
    from ketensignaal.intake.models import Signal

    director = make_user("gemeente.utrecht", "case-director")
    municipal_officer = make_user("gemeente.utrecht", "privacy-officer")
    case = conferences.case_register(actor=director, municipality_code="gemeente.utrecht", subject=SUBJECT, reason="Zorgen.")
    access_review.case_sensitive_set(actor=municipal_officer, reference=case.reference, sensitive=True, reason="Media")
    director_web = web_client_for(director)
    director_web.post(
        "/privacy/doorbreken",
        {"object_type": "conference-case", "object_id": str(case.pk), "reason": REASON, "next": f"/casusoverleg/{case.pk}"},
    )
    assert director_web.get(f"/casusoverleg/{case.pk}").status_code == 200

    web = web_client_for(municipal_officer)
    search = web.get("/privacy/inzagecontrole", {"naam": "al-Hassan"}).content.decode()
    assert f"/privacy/inzagecontrole/casussen/{case.pk}" in search and f"Casus {case.reference}" in search
    page = web.get(f"/privacy/inzagecontrole/casussen/{case.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert director.username in html and REASON in html and "Mohammed al-Hassan" in html
    # Another municipality's officer does not see the case at all.
    other = make_user("gemeente.amsterdam", "privacy-officer")
    assert web_client_for(other).get(f"/privacy/inzagecontrole/casussen/{case.pk}").status_code == 404
    elsewhere = web_client_for(other).get("/privacy/inzagecontrole", {"naam": "al-Hassan"}).content.decode()
    assert f"/casussen/{case.pk}" not in elsewhere

    signal = Signal.objects.get(person_link__person=person_with_ambtsbericht)
    assert web_client_for(analyst).get(f"/signalen/{signal.pk}").status_code == 200
    ind_web = web_client_for(officer)
    found = ind_web.get("/privacy/inzagecontrole", {"naam": "Hassan"}).content.decode()
    assert f"/privacy/inzagecontrole/signalen/{signal.pk}" in found and f"Signaal {signal.reference}" in found
    seen = ind_web.get(f"/privacy/inzagecontrole/signalen/{signal.pk}").content.decode()
    assert analyst.username in seen
    assert web_client_for(municipal_officer).get(f"/privacy/inzagecontrole/signalen/{signal.pk}").status_code == 404
    assert processing_log_verify().intact


def test_the_officer_picks_the_case_to_mark_instead_of_typing_its_reference(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: "mark case sensitive" needed the case reference typed. The officer finds the case by a name, the
    reference, the V-number or words from its reason (the LRO picker's search, ``governance.pickers``), sees only
    the cases of their own organisation, and every case shown is a logged read."""
    from ketensignaal.conferences import services as conferences
    from ketensignaal.governance.models import SensitiveMark

    director = make_user("gemeente.utrecht", "case-director")
    officer = make_user("gemeente.utrecht", "privacy-officer")
    subject = {**SUBJECT, "v_number": "1234567890"}
    case = conferences.case_register(
        actor=director, municipality_code="gemeente.utrecht", subject=subject, reason="Zorgen over ronselen op school."
    )
    elsewhere = conferences.case_register(
        actor=make_user("gemeente.amsterdam", "case-director"),
        municipality_code="gemeente.amsterdam",
        subject=SUBJECT,
        reason="Zorgen.",
    )
    web = web_client_for(officer)
    page = web.get("/privacy/inzagecontrole").content.decode()
    assert 'name="kenmerk"' not in page.split('id="cases-heading"')[1].split('id="queue-heading"')[0]
    for query in ("al-Hassan", case.reference.lower(), "1234567890", "ronselen"):
        before = ProcessingLogEntry.objects.filter(object_type="conference-case-summary", object_id=str(case.pk)).count()
        found = web.get("/privacy/inzagecontrole", {"casus": query}).content.decode()
        assert f'name="casus" value="{case.pk}"' in found, query
        assert str(elsewhere.pk) not in found and elsewhere.reference not in found, "another organisation's case"
        assert "Mohammed al-Hassan — " in found and "Zorgen over ronselen op school." in found
        after = ProcessingLogEntry.objects.filter(object_type="conference-case-summary", object_id=str(case.pk)).count()
        assert after == before + 1, "showing the case in the picker is a logged read"
    nothing = web.get("/privacy/inzagecontrole", {"casus": "Jansen"}).content.decode()
    assert "Geen casus van uw organisatie gevonden met „Jansen”" in nothing

    unpicked = web.post("/privacy/inzagecontrole/casussen", {"sensitive": "1", "reason": "Media", "casus_zoek": "ronselen"})
    assert unpicked.status_code == 302 and "casus=ronselen" in unpicked["Location"]
    assert "Kies eerst de casus" in web.get(unpicked["Location"]).content.decode()
    assert not SensitiveMark.objects.exists()
    other = web.post("/privacy/inzagecontrole/casussen", {"casus": str(elsewhere.pk), "sensitive": "1", "reason": "Media"})
    assert other.status_code == 302 and not SensitiveMark.objects.exists()
    done = web.post("/privacy/inzagecontrole/casussen", {"casus": str(case.pk), "sensitive": "1", "reason": "Media"})
    assert done.status_code == 302
    assert [c.pk for c, _mark in access_review.marked_cases(user=officer)] == [case.pk]
    again = web.get("/privacy/inzagecontrole", {"casus": "ronselen"}).content.decode()
    assert f'name="casus" value="{case.pk}"' not in again, "a case already marked is not offered again"
