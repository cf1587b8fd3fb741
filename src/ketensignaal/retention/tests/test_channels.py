"""The privacy officer's screens and the API: the same services, need to know per organisation, problem+json."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.retention import services
from ketensignaal.retention.models import DestructionItem, DestructionList, ItemStatus, LegalHold, ListStatus
from ketensignaal.retention.tests.conftest import closed_signal

pytestmark = pytest.mark.django_db


def test_api_rules_list_every_record_type_with_its_source_and_minimum(people: Any, api_client_for: Any) -> None:
    response = api_client_for(people["officer"]).get("/api/v1/retention-rules")
    assert response.status_code == 200
    rows = {r["record_type"]: r for r in response.json()["results"]}
    assert {
        "signal-unfounded",
        "signal-no-further-action",
        "signal-established",
        "person-without-signals",
        "liv-trajectory",
        "conference-case",
        "naslag-answer",
        "ambtsbericht",
        "attachment",
    } == set(rows)
    assert rows["signal-unfounded"]["minimum_months"] == 6 and "AVG" in rows["signal-unfounded"]["legal_source"]


def test_api_rule_below_minimum_is_a_problem_naming_the_field(people: Any, api_client_for: Any) -> None:
    client = api_client_for(people["officer"])
    response = client.put(
        "/api/v1/retention-rules/signal-established",
        {"period_months": 12, "legal_source": "Eigen keuze", "reason": "Sneller weg"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["invalid_params"][0]["name"] == "period_months" and "wettelijk minimum" in body["detail"]


def test_api_destruction_review_confirm_cancel_and_report(people: Any, api_client_for: Any) -> None:
    keep = closed_signal(people, share=False)
    closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    client = api_client_for(people["officer"])
    listing = client.get("/api/v1/destruction-lists").json()
    assert listing["count"] == 1 and listing["results"][0]["number"] == dlist.number
    detail = client.get(f"/api/v1/destruction-lists/{dlist.pk}").json()
    assert detail["status_counts"] == {"proposed": 2}
    items = client.get(f"/api/v1/destruction-lists/{dlist.pk}/items?status=proposed").json()
    assert items["count"] == 2
    assert client.get(f"/api/v1/destruction-lists/{dlist.pk}/items?status=nonsense").status_code == 400
    item = next(i for i in items["results"] if i["reference"] == keep.reference)

    bad = client.post(
        f"/api/v1/destruction-lists/{dlist.pk}/review", {"exclude": [{"item": item["id"], "reason": ""}]}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "exclude[0].reason"
    unknown = client.post(f"/api/v1/destruction-lists/{dlist.pk}/review", {"exclude": [], "extra": 1}, format="json")
    assert unknown.status_code == 400

    ok = client.post(
        f"/api/v1/destruction-lists/{dlist.pk}/review",
        {"exclude": [{"item": item["id"], "reason": "Klacht loopt", "until": str(timezone.localdate() + timedelta(days=90))}]},
        format="json",
    )
    assert ok.status_code == 200
    assert DestructionItem.objects.get(pk=item["id"]).status == ItemStatus.POSTPONED

    confirmed = client.post(f"/api/v1/destruction-lists/{dlist.pk}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert client.post(f"/api/v1/destruction-lists/{dlist.pk}/confirm").status_code == 200, "a repeated confirm is harmless"
    late_review = client.post(f"/api/v1/destruction-lists/{dlist.pk}/review", {"exclude": []}, format="json")
    assert late_review.status_code == 409

    services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))
    pdf = client.get(f"/api/v1/destruction-lists/{dlist.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_report_contains_references_but_no_personal_data(people: Any) -> None:
    from django.template.loader import render_to_string

    from ketensignaal.retention.report import report_context

    signal = closed_signal(people)
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))
    html = render_to_string("retention/report_pdf.html", report_context(dlist))
    assert signal.reference in html and "Vernietigd: 1" in html
    for personal in ("Mohammed", "1234567890", "SYR", "gewapende groep"):
        assert personal not in html


def test_api_legal_hold_needs_one_target_and_a_reason(people: Any, api_client_for: Any) -> None:
    signal = closed_signal(people, share=False)
    client = api_client_for(people["officer"])
    assert client.post("/api/v1/legal-holds", {"reason": "x"}, format="json").status_code == 400
    no_reason = client.post("/api/v1/legal-holds", {"signal": signal.reference, "reason": ""}, format="json")
    assert no_reason.status_code == 400 and no_reason.json()["invalid_params"][0]["name"] == "reason"
    created = client.post("/api/v1/legal-holds", {"signal": str(signal.pk), "reason": "Beroep"}, format="json")
    assert created.status_code == 201 and created.json()["target_label"] == signal.reference
    again = client.post("/api/v1/legal-holds", {"signal": str(signal.pk), "reason": "Beroep"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    assert client.get("/api/v1/legal-holds").json()["count"] == 1
    released = client.post(f"/api/v1/legal-holds/{created.json()['id']}/release", {"reason": "Uitspraak gedaan"}, format="json")
    assert released.status_code == 200 and released.json()["active"] is False


def test_other_organisations_and_other_roles_get_404_or_403(people: Any, api_client_for: Any, web_client_for: Any) -> None:
    closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    police = api_client_for(people["police_officer"])
    assert police.get(f"/api/v1/destruction-lists/{dlist.pk}").status_code == 404
    assert police.get(f"/api/v1/destruction-lists/{dlist.pk}/items").status_code == 404
    assert police.post(f"/api/v1/destruction-lists/{dlist.pk}/confirm").status_code == 404
    assert police.get(f"/api/v1/destruction-lists/{dlist.pk}/report.pdf").status_code == 404
    assert police.get("/api/v1/destruction-lists").json()["count"] == 0
    handler = api_client_for(people["handler"])
    assert handler.get("/api/v1/destruction-lists").status_code == 403
    assert web_client_for(people["handler"]).get(f"/privacy/vernietigingslijsten/{dlist.pk}").status_code == 404
    assert web_client_for(people["police_officer"]).get(f"/privacy/vernietigingslijsten/{dlist.pk}").status_code == 404


def test_web_review_confirm_progress_and_report(people: Any, web_client_for: Any) -> None:
    keep = closed_signal(people, share=False)
    closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    web = web_client_for(people["officer"])
    page = web.get("/privacy/bewaren")
    assert page.status_code == 200 and "Signaal afgesloten als ongegrond" in page.content.decode()
    detail = web.get(f"/privacy/vernietigingslijsten/{dlist.pk}").content.decode()
    assert keep.reference in detail and "Lijst bevestigen en bedenktijd starten" in detail
    item = DestructionItem.objects.get(list=dlist, object_id=keep.pk)

    refused = web.post(f"/privacy/vernietigingslijsten/{dlist.pk}/beoordelen", {"item": str(item.pk), "reason": ""})
    assert refused.status_code == 400
    done = web.post(f"/privacy/vernietigingslijsten/{dlist.pk}/beoordelen", {"item": str(item.pk), "reason": "Bezwaar loopt"})
    assert done.status_code == 302
    assert DestructionItem.objects.get(pk=item.pk).status == ItemStatus.EXCLUDED
    assert web.post(f"/privacy/vernietigingslijsten/{dlist.pk}/bevestigen").status_code == 302
    dlist.refresh_from_db()
    assert dlist.status == ListStatus.CONFIRMED

    DestructionList.objects.filter(pk=dlist.pk).update(status=ListStatus.RUNNING)
    partial = web.get(f"/privacy/vernietigingslijsten/{dlist.pk}/voortgang").content.decode()
    assert 'hx-trigger="every 2s"' in partial and "0 van 1 dossiers verwerkt" in partial
    services.destruction_run(dlist=dlist)
    partial = web.get(f"/privacy/vernietigingslijsten/{dlist.pk}/voortgang").content.decode()
    assert "hx-trigger" not in partial and "Vernietigingsverslag downloaden" in partial
    assert web.get(f"/privacy/vernietigingslijsten/{dlist.pk}/verslag.pdf")["Content-Type"] == "application/pdf"


def test_web_rule_edit_and_holds(people: Any, web_client_for: Any) -> None:
    signal = closed_signal(people, share=False)
    web = web_client_for(people["officer"])
    refused = web.post("/privacy/bewaren/regels/signal-unfounded", {"period_months": 2, "legal_source": "x", "reason": "y"})
    assert refused.status_code == 400 and "wettelijk minimum" in refused.content.decode()
    ok = web.post(
        "/privacy/bewaren/regels/signal-unfounded", {"period_months": 18, "legal_source": "AVG art. 5", "reason": "Beleid"}
    )
    assert ok.status_code == 302
    placed = web.post("/privacy/bewaarplichten", {"target": "signal", "identifier": signal.reference, "reason": "Procedure"})
    assert placed.status_code == 302
    hold = LegalHold.objects.get()
    listing = web.get("/privacy/bewaarplichten").content.decode()
    assert signal.reference in listing and "Procedure" in listing
    unknown = web.post("/privacy/bewaarplichten", {"target": "signal", "identifier": "KS-1999-000001", "reason": "x"})
    assert unknown.status_code == 400
    web.post(f"/privacy/bewaarplichten/{hold.pk}/opheffen", {"reason": "Klaar"})
    assert LegalHold.objects.get().released_at is not None


def test_the_rule_form_sent_twice_records_one_change(people: Any, web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    import re

    from ketensignaal.retention.models import RetentionRuleChange

    web = web_client_for(people["officer"])
    url = "/privacy/bewaren/regels/signal-unfounded"
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
    assert token
    before = RetentionRuleChange.objects.count()
    body = {"period_months": 18, "legal_source": "AVG art. 5", "reason": "Beleid", "form_token": token.group(1)}
    first, second = web.post(url, body), web.post(url, body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert RetentionRuleChange.objects.count() == before + 1


def test_postpone_until_is_typed_day_month_year(people: Any, web_client_for: Any) -> None:
    """Issue 10: 'Uitstellen tot' is the one Dutch date input (not the browser's picker); a date it cannot read is
    refused with how to write it and changes nothing."""
    keep = closed_signal(people, share=False)
    (dlist,) = services.destruction_lists_propose()
    web = web_client_for(people["officer"])
    detail = web.get(f"/privacy/vernietigingslijsten/{dlist.pk}").content.decode()
    assert 'type="date"' not in detail and "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in detail
    item = DestructionItem.objects.get(list=dlist, object_id=keep.pk)
    url = f"/privacy/vernietigingslijsten/{dlist.pk}/beoordelen"
    wrong = web.post(url, {"item": str(item.pk), "reason": "Bezwaar loopt", "until": "31-2-2030"})
    assert wrong.status_code == 400
    assert "De datum 31-2-2030 bestaat niet: februari 2030 heeft 28 dagen." in wrong.content.decode()
    assert DestructionItem.objects.get(pk=item.pk).status == ItemStatus.PROPOSED
    later = timezone.localdate() + timedelta(days=60)
    done = web.post(url, {"item": str(item.pk), "reason": "Bezwaar loopt", "until": f"{later.day}-{later.month}-{later.year}"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.POSTPONED and item.not_before == later
