"""A case marked sensitive asks for a reason first, on the page, the plan PDF and the API; an unseen case stays 404."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import BreakGlassAccess, SensitiveMark

pytestmark = pytest.mark.django_db
REASON = "Voorbereiding van het casusoverleg van dinsdag."


def test_sensitive_case_asks_for_a_reason(
    people: dict[str, Any], case_for: Any, web_client_for: Any, api_client_for: Any
) -> None:
    case = case_for(admitted=True)
    SensitiveMark.objects.create(
        object_type="conference-case", object_id=str(case.pk), reason="Media", marked_by=people["utrecht"]
    )
    web = web_client_for(people["utrecht"])
    gate = web.get(f"/casusoverleg/{case.pk}")
    assert gate.status_code == 403 and case.reference not in gate.content.decode()
    assert web.get(f"/casusoverleg/{case.pk}/plan-van-aanpak.pdf").status_code == 403
    api = api_client_for(people["utrecht"])
    refused = api.get(f"/api/v1/conference-cases/{case.pk}")
    assert refused.status_code == 403 and refused.json()["code"] == "break_glass_required"
    # Someone without need to know still gets a 404, never the reason form.
    assert web_client_for(people["police"]).get(f"/casusoverleg/{case.pk}").status_code == 404
    assert api_client_for(people["police"]).get(f"/api/v1/conference-cases/{case.pk}").status_code == 404

    web.post("/privacy/doorbreken", {"object_type": "conference-case", "object_id": str(case.pk), "reason": REASON, "next": "/"})
    assert BreakGlassAccess.objects.get().organisation_code == "gemeente-utrecht"  # queued for the municipality's officer
    assert web.get(f"/casusoverleg/{case.pk}").status_code == 200
    assert api.get(f"/api/v1/conference-cases/{case.pk}").status_code == 200


def test_the_reason_form_sent_twice_records_one_opening(people: dict[str, Any], case_for: Any, web_client_for: Any) -> None:
    """Issue 10: a double click on the reason form puts one opening in the privacy officer's queue, not two."""
    import re

    case = case_for(admitted=True)
    SensitiveMark.objects.create(
        object_type="conference-case", object_id=str(case.pk), reason="Media", marked_by=people["utrecht"]
    )
    web = web_client_for(people["utrecht"])
    url = f"/casusoverleg/{case.pk}"
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
    assert token, "no form token on the reason form"
    body = {"object_type": "conference-case", "object_id": str(case.pk), "reason": REASON, "next": url}
    body["form_token"] = token.group(1)
    first, second = web.post("/privacy/doorbreken", body), web.post("/privacy/doorbreken", body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"] == url
    assert BreakGlassAccess.objects.filter(object_id=str(case.pk)).count() == 1
    page = web.get(url)
    assert page.status_code == 200 and "Dit formulier was al verstuurd" in page.content.decode()
