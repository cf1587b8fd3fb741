"""Data-subject requests at the contact point: register, match by a person, decide per item, answer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from ketensignaal.core.errors import Conflict, NotAllowed, Unprocessable, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify
from ketensignaal.intake.models import Signal
from ketensignaal.privacy import selectors, services
from ketensignaal.privacy.answer import answer_html, answer_pdf
from ketensignaal.privacy.models import Decision, RequestItem, RequestStatus
from ketensignaal.privacy.tests.conftest import AMBTSBERICHT_CONTENT, SUBJECT

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def test_deadline_is_one_month_and_can_be_extended_once_by_two(officer: Any) -> None:
    request, created = services.subject_request_register(
        actor=officer, kind="access", subject=SUBJECT, received_at=datetime(2026, 1, 31, 10, tzinfo=AMS)
    )
    assert created and request.deadline == date(2026, 2, 28)
    with pytest.raises(ValidationFailed) as no_reason:
        services.subject_request_extend(actor=officer, request_id=request.pk, months=2, reason="")
    assert no_reason.value.invalid_params[0]["name"] == "reason"
    with pytest.raises(ValidationFailed):
        services.subject_request_extend(actor=officer, request_id=request.pk, months=3, reason="Veel gegevens")
    request = services.subject_request_extend(actor=officer, request_id=request.pk, months=2, reason="Gegevens bij vijf partners")
    assert request.extended_until == date(2026, 4, 28)
    with pytest.raises(Conflict):
        services.subject_request_extend(actor=officer, request_id=request.pk, months=1, reason="Nog meer")


def test_a_request_without_a_subject_is_refused_clearly(officer: Any, api_client_for: Any) -> None:
    with pytest.raises(ValidationFailed) as missing:
        services.subject_request_register(actor=officer, kind="access", subject=None)
    assert missing.value.invalid_params[0]["name"] == "subject"
    response = api_client_for(officer).post("/api/v1/subject-requests", {"kind": "access"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "subject" in {p["name"] for p in response.json()["invalid_params"]}


def test_the_same_request_twice_is_registered_once(officer: Any) -> None:
    moment = datetime(2026, 11, 2, 9, tzinfo=AMS)
    first, _ = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT, received_at=moment)
    second, created = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT, received_at=moment)
    assert second.pk == first.pk and not created


def test_only_the_contact_points_privacy_officer_sees_requests(
    officer: Any, make_user: Any, api_client_for: Any, web_client_for: Any
) -> None:
    request, _ = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT)
    for other in (make_user("politie.cter", "privacy-officer"), make_user("ind.tsz", "hub-analyst")):
        api = api_client_for(other)
        assert api.get(f"/api/v1/subject-requests/{request.pk}").status_code == 404
        assert api.get("/api/v1/subject-requests").status_code == 403
        assert web_client_for(other).get(f"/privacy/verzoeken/{request.pk}").status_code == 404
        with pytest.raises(NotAllowed):
            services.subject_request_register(actor=other, kind="access", subject=SUBJECT)


def test_access_request_withholds_the_ambtsbericht_with_its_ground(
    officer: Any, person_with_ambtsbericht: Any, api_client_for: Any
) -> None:
    """Done when: a data-subject access request for a person with an ambtsbericht produces an answer PDF that
    withholds the ambtsbericht with its ground."""
    api = api_client_for(officer)
    created = api.post("/api/v1/subject-requests", {"kind": "access", "subject": SUBJECT}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    request_id = body["id"]
    assert body["deadline"] and body["status"] == "received"
    # Nothing is matched automatically: the handler picks from the matcher's candidates.
    candidates = api.get(f"/api/v1/subject-requests/{request_id}/candidates").json()
    assert [c["person"] for c in candidates] == [str(person_with_ambtsbericht.pk)]
    assert api.get(f"/api/v1/subject-requests/{request_id}").json()["items"] == []
    matched = api.post(
        f"/api/v1/subject-requests/{request_id}/match",
        {"person": candidates[0]["person"], "reason": "Naam, geboortemaand en nationaliteit gelijk; kopie paspoort."},
        format="json",
    )
    assert matched.status_code == 200, matched.content
    items = {i["object_type"]: i for i in matched.json()["items"]}
    assert set(items) >= {"person", "signal", "ambtsbericht"}
    assert all(i["decision"] == "pending" for i in items.values())
    # Answering with items undecided is refused, naming them.
    refused = api.post(f"/api/v1/subject-requests/{request_id}/answer")
    assert refused.status_code == 422 and refused.json()["invalid_params"]
    # A withhold without a ground is refused clearly.
    no_ground = api.post(
        f"/api/v1/subject-requests/{request_id}/items/{items['ambtsbericht']['id']}", {"decision": "withhold"}, format="json"
    )
    assert no_ground.status_code == 400 and no_ground.json()["invalid_params"][0]["name"] == "ground"
    withheld = api.post(
        f"/api/v1/subject-requests/{request_id}/items/{items['ambtsbericht']['id']}",
        {"decision": "withhold", "ground": "uavg-41-nationale-veiligheid"},
        format="json",
    )
    assert withheld.status_code == 200 and withheld.json()["ground"]["code"] == "uavg-41-nationale-veiligheid"
    for kind in ("person", "signal"):
        decided = api.post(
            f"/api/v1/subject-requests/{request_id}/items/{items[kind]['id']}", {"decision": "disclose"}, format="json"
        )
        assert decided.status_code == 200
    for item in RequestItem.objects.filter(request_id=request_id, decision=Decision.PENDING):
        api.post(f"/api/v1/subject-requests/{request_id}/items/{item.pk}", {"decision": "disclose"}, format="json")
    assert api.get(f"/api/v1/subject-requests/{request_id}/answer.pdf").status_code == 422
    answered = api.post(f"/api/v1/subject-requests/{request_id}/answer")
    assert answered.status_code == 200 and answered.json()["status"] == "answered"

    pdf = api.get(f"/api/v1/subject-requests/{request_id}/answer.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    request = selectors.subject_request_get(user=officer, request_id=request_id)
    html = answer_html(request, selectors.request_items(user=officer, request=request))
    assert "Sprak op de gang over steun aan een gewapende groep." in html  # the signal is disclosed
    assert AMBTSBERICHT_CONTENT not in html and "Contacten van betrokkene" not in html
    assert "Ambtsbericht" not in html  # not even its label
    assert "Nationale veiligheid" in html and "UAVG art. 41 lid 1 sub a" in html  # the restriction, with its ground
    assert b"/StructTreeRoot" in answer_pdf(request, selectors.request_items(user=officer, request=request), uncompressed=True)

    # Every step is in the processing log under the register's activity, and the chain holds.
    steps = ProcessingLogEntry.objects.filter(activity=Activity.SUBJECT_RIGHTS).exclude(action="read")
    assert steps.filter(object_type="subject-request", action="create").count() == 1
    assert steps.filter(object_type="subject-request-item").count() == len(items)
    assert steps.filter(object_type="subject-request", action="disclose").count() == 1
    assert ProcessingLogEntry.objects.filter(activity=Activity.SUBJECT_RIGHTS, action="read", object_type="ambtsbericht").exists()
    assert processing_log_verify().intact


def test_a_ground_that_may_not_be_mentioned_leaves_no_trace(officer: Any, person_with_ambtsbericht: Any) -> None:
    request, _ = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT)
    services.subject_request_match(actor=officer, request_id=request.pk, person_id=person_with_ambtsbericht.pk, reason="Paspoort")
    for item in RequestItem.objects.filter(request=request):
        if item.object_type == "ambtsbericht":
            services.request_item_decide(
                actor=officer, request_id=request.pk, item_id=item.pk, decision="withhold", ground="wiv-2017-niet-noemen"
            )
        else:
            services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="disclose")
    request = services.subject_request_answer(actor=officer, request_id=request.pk)
    html = answer_html(request, list(RequestItem.objects.filter(request=request)))
    assert "Beperking van uw rechten" not in html and "Wiv" not in html and AMBTSBERICHT_CONTENT not in html
    with pytest.raises(Conflict):
        services.request_item_decide(actor=officer, request_id=request.pk, item_id=item.pk, decision="withhold", ground="wpg")


def test_no_record_and_answer_needs_a_match(officer: Any) -> None:
    request, _ = services.subject_request_register(actor=officer, kind="erasure", subject=SUBJECT)
    with pytest.raises(Unprocessable):
        services.subject_request_answer(actor=officer, request_id=request.pk)
    with pytest.raises(ValidationFailed):
        services.subject_request_no_record(actor=officer, request_id=request.pk, reason="")
    services.subject_request_no_record(actor=officer, request_id=request.pk, reason="Geen van de kandidaten")
    request = services.subject_request_answer(actor=officer, request_id=request.pk)
    assert request.status == RequestStatus.ANSWERED
    assert "geen persoonsgegevens over u gevonden" in answer_html(request, [])


def test_screens_walk_the_request(officer: Any, person_with_ambtsbericht: Any, web_client_for: Any) -> None:
    web = web_client_for(officer)
    assert web.get("/privacy/verzoeken").status_code == 200
    empty = web.post("/privacy/verzoeken/nieuw", {"kind": "access", "received_on": "2026-11-02"})
    assert empty.status_code == 400 and "vul de betrokkene in" in empty.content.decode()
    created = web.post(
        "/privacy/verzoeken/nieuw",
        {"kind": "access", "name": "Mohammed al-Hassan", "date_of_birth": "1994-03", "received_on": "2026-11-02"},
    )
    assert created.status_code == 302
    detail = web.get(created["Location"]).content.decode()
    assert "Mohammed al-Hassan" in detail and "Wie is de verzoeker?" in detail
    web.post(created["Location"] + "/koppelen", {"person": str(person_with_ambtsbericht.pk), "reason": "Paspoort gezien"})
    page = web.get(created["Location"]).content.decode()
    assert "Gevonden gegevens" in page and "Ambtsbericht van de AIVD" in page


def test_a_request_received_today_before_noon_is_not_in_the_future(officer: Any, web_client_for: Any) -> None:
    """The form asks a date only; at 01:30 in Amsterdam 'today' must be accepted (was: noon of today, so refused)."""
    import datetime as dt
    from unittest import mock
    from zoneinfo import ZoneInfo

    early = dt.datetime(2026, 11, 2, 1, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    web = web_client_for(officer)
    with mock.patch("django.utils.timezone.now", return_value=early):
        created = web.post(
            "/privacy/verzoeken/nieuw",
            {"kind": "access", "name": "Mohammed al-Hassan", "date_of_birth": "1994-03", "received_on": "02-11-2026"},
        )
    assert created.status_code == 302, created.content.decode()[:2000]
    from ketensignaal.privacy.models import SubjectRequest

    stored = SubjectRequest.objects.get()
    assert stored.received_at <= early
    assert stored.deadline == dt.date(2026, 12, 2)


def test_item_titles_read_in_the_readers_language_whoever_collected_them(
    officer: Any, person_with_ambtsbericht: Any, web_client_for: Any
) -> None:
    """Issue 10: item titles were stored as Dutch sentences and shown so to an English reader (and a matching
    officer reading English stored half-English ones); they are stored as a kind with parameters."""
    request, _ = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT)
    with translation.override("en"):  # matched by an officer who reads English
        services.subject_request_match(
            actor=officer, request_id=request.pk, person_id=person_with_ambtsbericht.pk, reason="Paspoort"
        )
    items = {i.object_type: i for i in RequestItem.objects.filter(request=request)}
    report, person = items["ambtsbericht"], items["person"]
    assert report.label == "Ambtsbericht van de AIVD van 30 november 2026"  # the record, in Dutch
    signal = Signal.objects.get(pk=items["signal"].object_id)
    with translation.override("nl"):
        assert f"Status: {signal.get_status_display()}" in items["signal"].content  # the content is Dutch too
    with translation.override("nl"):
        assert report.display_label == report.label
        assert person.display_label == "Persoonsgegevens in de persoonsregistratie"
    with translation.override("en"):
        assert report.display_label == "Official report from the AIVD of 30 November 2026"
        assert person.display_label == "Personal data in the person registration"
        assert items["signal"].display_label.startswith("Signal ")
    web = web_client_for(officer)
    assert "Ambtsbericht van de AIVD van 30 november 2026" in web.get(f"/privacy/verzoeken/{request.pk}").content.decode()
    web.cookies["django_language"] = "en"
    english = web.get(f"/privacy/verzoeken/{request.pk}").content.decode()
    assert "Official report from the AIVD of 30 November 2026" in english and "Ambtsbericht van de" not in english
    # An item collected before the parameters were stored keeps its Dutch title in every language.
    RequestItem.objects.filter(pk=report.pk).update(label_params=None)
    report.refresh_from_db()
    with translation.override("en"):
        assert report.display_label == "Ambtsbericht van de AIVD van 30 november 2026"
