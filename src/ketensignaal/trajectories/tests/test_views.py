"""Web pages: readable refusals that change nothing, status-only view for the requester, figures suppressed."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.trajectories import services
from ketensignaal.trajectories.models import LivTrajectory, RecordedFactor
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, make_expert, signal_for

pytestmark = pytest.mark.django_db


def _accepted(liv: dict[str, Any]) -> LivTrajectory:
    t = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Vraag van COA", signal_id=signal_for(liv["coa"]).pk, channel="web"
    )
    return services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS, channel="web")


def test_request_form_creates_trajectory(liv: dict[str, Any], web_client_for: Any) -> None:
    signal = signal_for(liv["coa"])
    web = web_client_for(liv["coa"])
    assert web.get("/liv/aanmelden").status_code == 200
    empty = web.post("/liv/aanmelden", {"client": "coa", "signal": str(signal.pk), "question": ""})
    assert empty.status_code == 400 and "Beschrijf de hulpvraag" in empty.content.decode()
    response = web.post("/liv/aanmelden", {"client": "coa", "signal": str(signal.pk), "question": "Graag duiding"})
    assert response.status_code == 302
    page = web.get(response["Location"]).content.decode()
    assert "Status van uw aanmelding" in page and "Graag duiding" not in page  # never the working file


def test_advance_with_empty_field_shows_which(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    response = web_client_for(liv["staff"]).post(f"/liv/{t.pk}/volgende-fase")
    html = response.content.decode()
    assert response.status_code == 422
    assert "Aanleiding en zorgen van de aanmelder" in html and "Er is niets gewijzigd" in html
    t.refresh_from_db()
    assert t.phase == "intake"


def test_factor_without_explanation_and_unavailable_expert(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    web = web_client_for(liv["staff"])
    r = web.post(f"/liv/{t.pk}/factoren", {"presence-sociale-steun": "present", "explanation-sociale-steun": ""})
    assert r.status_code == 400 and "toelichting is verplicht" in r.content.decode()
    assert not RecordedFactor.objects.exists()
    expert = make_expert("Dr. Op Vakantie", available=False)
    r = web.post(f"/liv/{t.pk}/team", {"expert": str(expert.pk)})
    assert r.status_code == 422 and "niet beschikbaar" in r.content.decode()
    assert not t.assignments.exists()


def test_report_before_advice_is_a_readable_message(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    web = web_client_for(liv["staff"])
    r = web.get(f"/liv/{t.pk}/adviesrapport.pdf", follow=True)
    assert "pas in de fase Advies" in r.content.decode()


def test_outsider_gets_404_and_requester_cannot_act(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    assert web_client_for(liv["ind"]).get(f"/liv/{t.pk}").status_code == 404
    assert web_client_for(liv["coa"]).post(f"/liv/{t.pk}/volgende-fase").status_code == 404


def test_dashboard_suppresses_small_counts(liv: dict[str, Any], web_client_for: Any) -> None:
    for _ in range(2):
        t = services.trajectory_request(actor=liv["staff"], client_code="coa", question="x", channel="web")
        services.trajectory_weigh(
            actor=liv["staff"], trajectory=t, accepted=False, reason="Buiten opdracht", underlying_problem="Huisvesting"
        )
    web = web_client_for(liv["staff"])
    html = web.get("/liv/cijfers").content.decode()
    assert "&lt; 5" in html and "Huisvesting" not in html  # rare free text merged
    csv_text = web.get("/liv/cijfers.csv").content.decode()
    assert "< 5" in csv_text and ";2\r\n" not in csv_text
    assert web_client_for(liv["coa"]).get("/liv/cijfers").status_code == 403


def test_the_request_form_sent_twice_registers_one_trajectory(liv: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    signal = signal_for(liv["coa"])
    web = web_client_for(liv["coa"])
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get("/liv/aanmelden").content.decode())
    assert token
    body = {"client": "coa", "signal": str(signal.pk), "question": "Graag duiding", "form_token": token.group(1)}
    first = web.post("/liv/aanmelden", body)
    second = web.post("/liv/aanmelden", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert LivTrajectory.objects.count() == 1
    assert "niets dubbel geregistreerd" in web.get(second["Location"]).content.decode()


def test_a_new_term_is_typed_as_day_month_year(liv: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: 'Nieuwe termijn' is the project's one Dutch date input (day-month-year, ``core.dates``), not the
    browser's date picker; a date that does not exist says so, and changes nothing."""
    import datetime as dt

    t = _accepted(liv)
    assert t.deadline is not None
    web = web_client_for(liv["staff"])
    page = web.get(f"/liv/{t.pk}").content.decode()
    field = page[page.index('id="nieuwe-termijn"') - 200 : page.index('id="nieuwe-termijn"') + 200]
    assert 'type="date"' not in field and "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in page
    before = t.deadline
    wrong = web.post(f"/liv/{t.pk}/verlengen", {"new_deadline": "31-2-2030", "reason": "Tolk later beschikbaar"})
    assert wrong.status_code == 400 and "De datum 31-2-2030 bestaat niet" in wrong.content.decode()
    assert 'value="31-2-2030"' in wrong.content.decode()
    t.refresh_from_db()
    assert t.deadline == before
    later = before + dt.timedelta(days=30)
    ok = web.post(f"/liv/{t.pk}/verlengen", {"new_deadline": f"{later.day}-{later.month}-{later.year}", "reason": "Tolk"})
    assert ok.status_code == 302
    t.refresh_from_db()
    assert t.deadline == later


def test_the_cter_report_moment_is_typed_day_month_year_and_time(liv: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10: 'Gemeld op' is the one Dutch date-time input (3-11-2026 14:30), not the browser's datetime-local
    picker; a moment it cannot read is refused with how to write it (before, it was silently dropped)."""
    import datetime as dt

    from django.utils import timezone

    from ketensignaal.trajectories.tests.test_trajectory_services import _at_advice

    t = _at_advice(liv)
    web = web_client_for(liv["staff"])
    page = web.get(f"/liv/{t.pk}").content.decode()
    field = re.search(r'<input[^>]*id="cter-wanneer"[^>]*>', page)
    assert field and 'type="text"' in field.group(0) and "datetime-local" not in page
    assert "Dag-maand-jaar en tijd, bijvoorbeeld 3-11-2026 14:30." in page
    body = {
        "conclusions": ["cter-concerns"],
        "advice": "Zorg en melden",
        "cter_reported_by": "Teamleider LIV",
        "cter_reported_to": "Politie CTER",
    }
    wrong = web.post(f"/liv/{t.pk}/conclusie", {**body, "cter_reported_at": "gisteren"})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "Gemeld op: Vul datum en tijd in als dag-maand-jaar uu:mm, bijvoorbeeld 3-11-2026 14:30." in html
    assert 'value="gisteren"' in html
    t.refresh_from_db()
    assert t.conclusions == [] and t.cter_reported_at is None
    assert web.post(f"/liv/{t.pk}/conclusie", {**body, "cter_reported_at": "3-11-2026 14:30"}).status_code == 302
    t.refresh_from_db()
    assert timezone.localtime(t.cter_reported_at).replace(tzinfo=None) == dt.datetime(2026, 11, 3, 14, 30)
    assert 'value="3-11-2026 14:30"' in web.get(f"/liv/{t.pk}").content.decode()
