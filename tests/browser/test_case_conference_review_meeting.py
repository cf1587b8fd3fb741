"""Issue 11: the review meeting (toetsingsoverleg) before monitoring, the reminder to the case director when a review
is overdue, and the reporting partner's page with the outcome of its reports. Every page passes axe-core."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _submit(page: Any, selector: str, expect: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
    assert expect in page.content(), page.content()[:4000]


def test_review_meeting_reminder_and_feedback_to_the_reporter(browser_login: Any, axe_check: Any, live_url: str) -> None:
    from django.utils import timezone

    from ketensignaal.conferences import plan, reminders, services
    from ketensignaal.conferences.models import ConferenceCase, MunicipalitySetup
    from ketensignaal.identity.models import Unit, User

    police = browser_login("politie.drio")
    utrecht = browser_login("gemeente.utrecht")
    MunicipalitySetup.objects.update_or_create(
        municipality=Unit.objects.get(code="gemeente.utrecht"), defaults={"has_review_meeting": True}
    )
    reporter = User.objects.filter(unit__code="politie.drio").first()
    director = User.objects.filter(unit__code="gemeente.utrecht").first()
    assert director is not None and reporter is not None
    case = services.case_register(
        actor=reporter,
        municipality_code="gemeente.utrecht",
        subject={"names": [{"name": "Yusuf Verzonnen"}], "date_of_birth": "1998"},
        reason="Politie ziet contacten met wervers.",
    )
    case = services.case_triage(actor=director, case=case, admitted=True, reason="Weegploeg: casusoverleg nodig.")
    plan.measure_propose(
        actor=director,
        case=case,
        measure_code="prosecution",
        owner="om",
        goal="Onderzoek naar deelname aan werving",
        review=timezone.localdate() + dt.timedelta(days=30),
    )

    # The reporting partner hears that the case was admitted, and nothing of its content.
    police.goto(f"{live_url}/casusoverleg/mijn-aanmeldingen")
    assert "Toegelaten tot het casusoverleg" in police.content() and "Yusuf" not in police.content()
    axe_check(police, label="reports-mine")

    # The municipality cannot start monitoring before the review meeting has judged the plan.
    utrecht.goto(f"{live_url}/casusoverleg/{case.pk}")
    assert "Het plan zoals het nu is, wacht op het toetsingsoverleg." in utrecht.content()
    utrecht.fill("#herbeoordeling-samenvatting", "Plan loopt.")
    utrecht.fill("#herbeoordeling-veranderd", "Eerste herbeoordeling.")
    utrecht.fill("#herbeoordeling-volgende", (timezone.localdate() + dt.timedelta(days=42)).isoformat())
    _submit(utrecht, "#herbeoordeling button[type=submit]", "toetsingsoverleg")
    axe_check(utrecht, label="review-meeting-required")
    utrecht.check("#toetsing-approved")
    _submit(utrecht, "#toetsing button[type=submit]", "Het oordeel van het toetsingsoverleg is vastgelegd.")
    assert "Het toetsingsoverleg ging akkoord met het plan zoals het nu is." in utrecht.content()
    axe_check(utrecht, label="review-meeting-approved")

    # An overdue review reminds the case director (the periodic job), on the case list.
    services.case_director_appoint(actor=director, case=case, username=director.username, reason="Gemeente leidt.")
    ConferenceCase.objects.filter(pk=case.pk).update(next_review=timezone.localdate() - dt.timedelta(days=2))
    assert reminders.review_reminders_sweep()["reminded"] == 1
    utrecht.goto(f"{live_url}/casusoverleg/")
    assert "Herinneringen voor u als casusregisseur" in utrecht.content()
    axe_check(utrecht, label="review-reminder")
