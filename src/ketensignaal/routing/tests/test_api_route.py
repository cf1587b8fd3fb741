"""The COA route end to end through the API, and need to know on every URL."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.routing.tests.factories import body

pytestmark = pytest.mark.django_db


def test_coa_route_through_the_api(make_user: Any, api_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    bureau = make_user("coa.bureau-veiligheid", "handler")
    adviser = make_user("coa.adviseur-nv", "handler")
    tsz = make_user("ind.tsz", "handler", "hub-analyst")
    outsider = make_user("kmar.intelligence", "handler")

    response = api_client_for(reporter).post("/api/v1/signals", body(), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["reference"].startswith("KS-") and len(created["reference"]) == len("KS-2026-000001")
    assert created["status"] == "received"
    assert created["current_unit"] == "coa.bureau-veiligheid"
    assert created["subject"]["names"][1]["name"] == "محمد الحسن"
    sid = created["id"]

    bv = api_client_for(bureau)
    inbox = bv.get("/api/v1/inbox").json()
    assert [row["id"] for row in inbox["results"]] == [sid]
    assert inbox["counts"]["received"] == 1
    assert bv.post(f"/api/v1/signals/{sid}/take", {}, format="json").json()["status"] == "taken"
    assert (
        bv.post(f"/api/v1/signals/{sid}/notes", {"note": "Medebewoner bevestigt de uitspraak."}, format="json").status_code == 200
    )
    forwarded = bv.post(
        f"/api/v1/signals/{sid}/forward", {"to_unit": "coa.adviseur-nv", "note": "Graag beoordeling."}, format="json"
    )
    assert forwarded.status_code == 200 and forwarded.json()["current_unit"] == "coa.adviseur-nv"

    adv = api_client_for(adviser)
    refused = adv.post(f"/api/v1/signals/{sid}/forward", {"to_unit": "ind.tsz"}, format="json")
    # A missing justification is a missing field (400 naming it), not a missing legal basis.
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalid_params"]] == ["justification"]
    ok = adv.post(
        f"/api/v1/signals/{sid}/forward",
        {"to_unit": "ind.tsz", "justification": "Uitspraken over gewapende strijd; TSZ moet verrijken."},
        format="json",
    )
    assert ok.status_code == 200, ok.json()
    # COA no longer sees where it is or how it ends.
    assert ok.json()["current_unit"] is None and ok.json()["status"] == "forwarded-to-partner"

    hub = api_client_for(tsz)
    assert hub.post(f"/api/v1/signals/{sid}/take", {}, format="json").status_code == 200
    closed = hub.post(
        f"/api/v1/signals/{sid}/close", {"outcome": "referred-police-cter", "note": "Voorgelegd aan CTER."}, format="json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"

    history = hub.get(f"/api/v1/signals/{sid}/history").json()
    assert [h["action"] for h in history] == ["reported", "taken", "note", "forwarded", "forwarded", "taken", "closed"]
    disclosure = history[4]
    assert disclosure["from_unit"] == "coa.adviseur-nv" and disclosure["to_unit"] == "ind.tsz"
    assert disclosure["legal_basis"] == "coa-ind-nationale-veiligheid@v1"
    assert (
        ProcessingLogEntry.objects.filter(
            action="disclose", legal_basis="coa-ind-nationale-veiligheid@v1", result="success"
        ).count()
        == 1
    )
    # The missing justification was a validation error (400): no disclosure was attempted, none is logged.
    assert ProcessingLogEntry.objects.filter(action="disclose", result="refused").count() == 0

    # The reporter's organisation sees only its own hops, and plain feedback.
    rep = api_client_for(reporter)
    coa_history = rep.get(f"/api/v1/signals/{sid}/history").json()
    assert all("ind.tsz" not in (h["from_unit"] or "") for h in coa_history)
    assert rep.get(f"/api/v1/signals/{sid}/feedback").json() == {
        "status": "closed",
        "summary": "Afgesloten. Dank voor uw melding.",
    }
    mine = rep.get("/api/v1/my-signals").json()
    assert mine["results"][0]["reference"] == created["reference"]

    # An uninvolved unit: 404 on every URL of this signal, exactly like a missing one.
    stranger = api_client_for(outsider)
    for method, url, data in [
        ("get", f"/api/v1/signals/{sid}", None),
        ("get", f"/api/v1/signals/{sid}/history", None),
        ("get", f"/api/v1/signals/{sid}/feedback", None),
        ("get", f"/api/v1/signals/{sid}/forward-options", None),
        ("post", f"/api/v1/signals/{sid}/take", {}),
        ("post", f"/api/v1/signals/{sid}/notes", {"note": "x"}),
        ("post", f"/api/v1/signals/{sid}/return", {"note": "x"}),
        ("post", f"/api/v1/signals/{sid}/forward", {"to_unit": "politie.cter", "reason": "x", "justification": "x"}),
        ("post", f"/api/v1/signals/{sid}/close", {"outcome": "unfounded"}),
        ("post", f"/api/v1/signals/{sid}/assign", {"assignee": outsider.pk}),
        ("post", f"/api/v1/signals/{sid}/attachments", {}),
        ("get", f"/api/v1/signals/{sid}/attachments/00000000-0000-0000-0000-000000000000", None),
    ]:
        response = getattr(stranger, method)(url, data, format="json") if data is not None else getattr(stranger, method)(url)
        assert response.status_code == 404, (url, response.status_code)
        assert response["Content-Type"].startswith("application/problem+json")
    assert stranger.get("/api/v1/inbox").json()["results"] == []
