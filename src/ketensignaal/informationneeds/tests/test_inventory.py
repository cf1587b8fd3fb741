"""The information-needs inventory: versioned, kept by privacy officers and functional admins, tied to flows."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.identity.models import Organisation
from ketensignaal.informationneeds import services
from ketensignaal.informationneeds.models import InformationNeed

pytestmark = pytest.mark.django_db


def test_a_need_with_and_without_a_flow_and_its_versions(make_user: Any, api_client_for: Any, web_client_for: Any) -> None:
    officer = make_user("ind", "privacy-officer")
    client = api_client_for(officer)
    covered = client.post(
        "/api/v1/information-needs",
        {
            "provider": "coa",
            "receiver": "ind",
            "need": "Signalen uit de opvang.",
            "purpose": "Beoordeling.",
            "flow": "coa-ind-nationale-veiligheid",
        },
        format="json",
    )
    assert covered.status_code == 201, covered.content
    assert covered.json()["covered"] is True
    gap = client.post(
        "/api/v1/information-needs",
        {
            "provider": "ind",
            "receiver": "coa",
            "need": "Terugkoppeling op hoofdlijnen.",
            "purpose": "Melders gemotiveerd houden.",
            "open_questions": "Welke grondslag?",
        },
        format="json",
    )
    assert gap.status_code == 201
    assert gap.json()["covered"] is False
    wrong_pair = client.post(
        "/api/v1/information-needs",
        {"provider": "ind", "receiver": "coa", "need": "x", "purpose": "y", "flow": "coa-ind-nationale-veiligheid"},
        format="json",
    )
    assert wrong_pair.status_code == 400
    assert InformationNeed.objects.count() == 2

    need = InformationNeed.objects.get(pk=gap.json()["id"])
    newer = services.need_new_version(
        actor=officer, current=need, change_note="Vraag aangescherpt", open_questions="Wpg of AVG?", channel="web"
    )
    assert newer.version == 2
    assert InformationNeed.objects.filter(key=need.key, is_current=True).get() == newer

    web = web_client_for(officer)
    page = web.get("/informatiebehoeften").content.decode()
    assert "Zonder geldige gegevensstroom" in page
    assert "Terugkoppeling op hoofdlijnen." in page
    flow_page = web.get("/grondslagen/coa-ind-nationale-veiligheid").content.decode()
    assert "Signalen uit de opvang." in flow_page


def test_only_privacy_officers_and_functional_admins_keep_it(make_user: Any, api_client_for: Any) -> None:
    handler = make_user("ind.tsz", "handler", "hub-analyst")
    assert api_client_for(handler).get("/api/v1/information-needs").status_code == 404
    refused = api_client_for(handler).post(
        "/api/v1/information-needs", {"provider": "coa", "receiver": "ind", "need": "x", "purpose": "y"}, format="json"
    )
    assert refused.status_code == 403
    assert not InformationNeed.objects.exists()
    assert Organisation.objects.filter(code="coa").exists()


def test_the_need_form_and_its_new_version_sent_twice_record_once(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    import re

    web = web_client_for(make_user("ind", "privacy-officer"))

    def token(url: str) -> str:
        found = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
        assert found, url
        return found.group(1)

    coa, ind = Organisation.objects.get(code="coa"), Organisation.objects.get(code="ind")
    body = {"provider": coa.pk, "receiver": ind.pk, "need": "Signalen uit de opvang.", "purpose": "Beoordeling."}
    body["form_token"] = token("/informatiebehoeften/nieuw")
    first, second = web.post("/informatiebehoeften/nieuw", body), web.post("/informatiebehoeften/nieuw", body)
    assert first.status_code == second.status_code == 302, first.content.decode()[:2000]
    assert first["Location"] == second["Location"]
    need = InformationNeed.objects.get()
    url = f"/informatiebehoeften/{need.pk}/nieuwe-versie"
    body = {**body, "purpose": "Beoordeling en weging.", "change_note": "Doel aangescherpt", "form_token": token(url)}
    first, second = web.post(url, body), web.post(url, body)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert InformationNeed.objects.count() == 2
