"""Issue 11: the review meeting (toetsingsoverleg) where a municipality has one, reminders to the case director when a
review is overdue, and feedback to the partner who reported: admitted or not, and nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from ketensignaal.conferences import plan, reminders, services
from ketensignaal.conferences.models import (
    ConferenceCase,
    MunicipalitySetup,
    Phase,
    ReportFeedback,
    Review,
    ReviewMeetingDecision,
    ReviewReminder,
)
from ketensignaal.conferences.tests.conftest import SUBJECT
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.identity.models import Unit

pytestmark = pytest.mark.django_db


def _day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _in(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _review_meeting(on: bool) -> None:
    MunicipalitySetup.objects.update_or_create(
        municipality=Unit.objects.get(code="gemeente.utrecht"), defaults={"has_review_meeting": on}
    )


def _with_measure(people: dict[str, Any], case_for: Any) -> Any:
    case = case_for(admitted=True)
    plan.measure_propose(
        actor=people["utrecht"], case=case, measure_code="prosecution", owner="om", goal="Vervolging", review=_day(30)
    )
    return case


def _review(api: Any, case: Any) -> Any:
    body = {"summary": "Plan loopt", "changes_since_last": "Start", "next_review": _in(42)}
    return api.post(f"/api/v1/conference-cases/{case.pk}/reviews", body, format="json")


def test_with_a_review_meeting_the_plan_is_judged_before_monitoring(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    _review_meeting(True)
    case = _with_measure(people, case_for)
    api = api_client_for(people["utrecht"])
    detail = api.get(f"/api/v1/conference-cases/{case.pk}").json()
    assert detail["review_meeting"] == {"required": True, "pending": True, "decisions": []}

    refused = _review(api, case)
    assert refused.status_code == 409 and refused.json()["code"] == "review_meeting_required"
    assert not Review.objects.exists() and ConferenceCase.objects.get(pk=case.pk).phase == Phase.CONFERENCE

    url = f"/api/v1/conference-cases/{case.pk}/review-meeting"
    returned = api.post(url, {"outcome": "returned", "note": "Eerst afstemmen met de IND."}, format="json")
    assert returned.status_code == 201
    assert _review(api, case).status_code == 409, "returned is not an approval"

    before = ProcessingLogEntry.objects.filter(object_type="conference-review-meeting").count()
    approved = api.post(url, {"outcome": "approved"}, format="json")
    assert approved.status_code == 201
    body = approved.json()
    assert body["outcome"] == "approved" and body["decided_by"] == people["utrecht"].username and len(body["measures"]) == 1
    assert ProcessingLogEntry.objects.filter(object_type="conference-review-meeting").count() == before + 1

    assert _review(api, case).status_code == 201
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.MONITORING
    # A measure proposed after the approval waits for the review meeting again.
    plan.measure_propose(actor=people["utrecht"], case=case, measure_code="care", owner="ggz", goal="Zorg", review=_day(30))
    meeting = api.get(f"/api/v1/conference-cases/{case.pk}").json()["review_meeting"]
    assert meeting["pending"] is True and [d["outcome"] for d in meeting["decisions"]] == ["returned", "approved"]


def test_without_a_review_meeting_the_plan_goes_straight_to_monitoring(
    people: dict[str, Any], api_client_for: Any, case_for: Any
) -> None:
    _review_meeting(False)
    case = _with_measure(people, case_for)
    api = api_client_for(people["utrecht"])
    assert api.get(f"/api/v1/conference-cases/{case.pk}").json()["review_meeting"]["required"] is False
    refused = api.post(f"/api/v1/conference-cases/{case.pk}/review-meeting", {"outcome": "approved"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "no_review_meeting"
    assert _review(api, case).status_code == 201
    assert ConferenceCase.objects.get(pk=case.pk).phase == Phase.MONITORING


@pytest.mark.parametrize(
    ("body", "field"),
    [({"outcome": "returned"}, "note"), ({"outcome": "maybe"}, "outcome"), ({"outcome": "approved", "x": 1}, "x")],
)
def test_bad_review_meeting_input_names_the_field_and_writes_nothing(
    people: dict[str, Any], api_client_for: Any, case_for: Any, body: dict[str, Any], field: str
) -> None:
    _review_meeting(True)
    case = _with_measure(people, case_for)
    response = api_client_for(people["utrecht"]).post(f"/api/v1/conference-cases/{case.pk}/review-meeting", body, format="json")
    assert response.status_code == 400
    assert field in [p["name"] for p in response.json()["invalid_params"]]
    assert not ReviewMeetingDecision.objects.exists()


def test_only_the_municipality_records_the_review_meeting(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    _review_meeting(True)
    case = _with_measure(people, case_for)
    invite(case, "politie.drio")
    url = f"/api/v1/conference-cases/{case.pk}/review-meeting"
    assert api_client_for(people["police"]).post(url, {"outcome": "approved"}, format="json").status_code == 403
    assert api_client_for(people["amsterdam"]).post(url, {"outcome": "approved"}, format="json").status_code == 404
    assert not ReviewMeetingDecision.objects.exists()


def test_the_review_meeting_on_the_case_page(people: dict[str, Any], web_client_for: Any, case_for: Any) -> None:
    _review_meeting(True)
    case = _with_measure(people, case_for)
    web = web_client_for(people["utrecht"])
    page = web.get(f"/casusoverleg/{case.pk}").content.decode()
    assert "Toetsingsoverleg" in page and 'id="toetsing"' in page
    posted = web.post(f"/casusoverleg/{case.pk}/toetsing", {"outcome": "approved", "note": ""})
    assert posted.status_code == 302
    assert ReviewMeetingDecision.objects.get().decided_by == people["utrecht"]


def test_an_overdue_review_reminds_the_case_director_once_without_content_in_the_mail(
    people: dict[str, Any], case_for: Any, web_client_for: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people["utrecht"].email = "regie@utrecht.example"
    people["utrecht"].save(update_fields=["email"])
    case = case_for(admitted=True)
    services.case_director_appoint(
        actor=people["utrecht"], case=case, username=people["utrecht"].username, reason="Gemeente leidt."
    )
    ConferenceCase.objects.filter(pk=case.pk).update(next_review=timezone.localdate() - dt.timedelta(days=1))
    first = reminders.review_reminders_sweep()
    assert first["reminded"] == 1 and first["mailed"] == 1
    assert reminders.review_reminders_sweep()["reminded"] == 0, "the job is idempotent"
    assert ReviewReminder.objects.count() == 1
    [message] = mail.outbox
    assert case.reference not in message.body and "Samir" not in message.body and "/casusoverleg/" in message.body
    web = web_client_for(people["utrecht"])
    assert "Herinneringen voor u als casusregisseur" in web.get("/casusoverleg/").content.decode()
    web.get(f"/casusoverleg/{case.pk}")
    assert ReviewReminder.objects.get().read_at is not None
    assert "Herinneringen voor u als casusregisseur" not in web.get("/casusoverleg/").content.decode()


def test_reminders_and_overdue_reviews_say_who_and_what_with_links(
    people: dict[str, Any], case_for: Any, web_client_for: Any
) -> None:
    """Issue 10: the case list's reminders name the person (as reported) and the case's municipality and phase, and
    link to the case's reviews; a bare reference says nothing to a case director with many cases."""
    case = case_for(admitted=True)
    services.case_director_appoint(
        actor=people["utrecht"], case=case, username=people["utrecht"].username, reason="Gemeente leidt."
    )
    ConferenceCase.objects.filter(pk=case.pk).update(next_review=timezone.localdate() - dt.timedelta(days=1))
    reminders.review_reminders_sweep()
    page = web_client_for(people["utrecht"]).get("/casusoverleg/").content.decode()
    link = f'href="/casusoverleg/{case.pk}#kop-herbeoordeling">Samir El Idrissi</a>'
    remind = page[page.index('id="kop-herinneringen"') : page.index('id="kop-verlopen"')]
    overdue = page[page.index('id="kop-verlopen"') : page.index('id="paginering"')]
    for section in (remind, overdue):
        assert link in section and case.reference in section and "Utrecht" in section


def test_no_reminder_for_a_case_without_director_or_a_future_review(people: dict[str, Any], case_for: Any) -> None:
    case_for(admitted=True)  # no director
    other = case_for(admitted=True)
    services.case_director_appoint(actor=people["utrecht"], case=other, username=people["utrecht"].username, reason="Gemeente.")
    assert reminders.review_reminders_sweep()["reminded"] == 0


def test_the_reporting_partner_hears_admitted_or_not_and_nothing_more(
    people: dict[str, Any], api_client_for: Any, web_client_for: Any
) -> None:
    police = api_client_for(people["police"])
    created = police.post(
        "/api/v1/conference-cases",
        {"municipality": "gemeente.utrecht", "subject": SUBJECT, "reason": "Politie ziet contacten met wervers."},
        format="json",
    ).json()
    [row] = police.get("/api/v1/conference-reports").json()
    assert row["reference"] == created["reference"] and row["status"] == "pending" and row["decided_at"] is None
    case = ConferenceCase.objects.get(pk=created["id"])
    services.case_triage(actor=people["utrecht"], case=case, admitted=False, reason="Zorgtraject via de huisarts loopt al.")
    [row] = police.get("/api/v1/conference-reports").json()
    assert row["status"] == "not-admitted" and row["municipality"] == "gemeente.utrecht"
    assert set(row) == {"reference", "municipality", "reported_at", "status", "decided_at"}
    page = web_client_for(people["police"]).get("/casusoverleg/mijn-aanmeldingen").content.decode()
    assert "Niet toegelaten tot het casusoverleg" in page and "huisarts" not in page and "Samir" not in page
    assert ReportFeedback.objects.get().read_at is not None
    # Another unit of the same organisation, the municipality's own registrations: nothing.
    assert api_client_for(people["police_other"]).get("/api/v1/conference-reports").json() == []
    assert api_client_for(people["utrecht"]).get("/api/v1/conference-reports").json() == []
