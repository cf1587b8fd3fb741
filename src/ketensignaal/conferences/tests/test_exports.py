"""The plan of action as PDF and the case as a ZGW Zaak with its documents."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


def test_plan_pdf_downloads_for_participants_only(
    people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    invite(case, "om")
    for who in ("utrecht", "om"):
        response = api_client_for(people[who]).get(f"/api/v1/conference-cases/{case.pk}/plan.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert api_client_for(people["police"]).get(f"/api/v1/conference-cases/{case.pk}/plan.pdf").status_code == 404
    assert ProcessingLogEntry.objects.filter(object_type="conference-plan-pdf").count() == 2


def test_plan_pdf_is_tagged_pdf_ua_with_the_plan(people: dict[str, Any], case_for: Any) -> None:
    from ketensignaal.conferences import selectors
    from ketensignaal.conferences.exports import plan_html, plan_pdf

    case = case_for(admitted=True)
    page = selectors.case_page(user=people["utrecht"], case=case)
    assert "Plan van aanpak" in plan_html(page) and 'lang="nl"' in plan_html(page)
    content = plan_pdf(page=page, actor=people["utrecht"], channel="test", uncompressed=True)
    assert b"/StructTreeRoot" in content and b"pdfuaid" in content


def test_zgw_export_for_the_municipality(people: dict[str, Any], api_client_for: Any, case_for: Any, invite: Any) -> None:
    case = case_for(admitted=True)
    invite(case, "om")
    body = api_client_for(people["utrecht"]).get(f"/api/v1/conference-cases/{case.pk}/zgw-export").json()
    assert body["zaak"]["identificatie"] == case.reference
    assert body["zaak"]["vertrouwelijkheidaanduiding"] == "geheim"
    assert [s["statustype"].rsplit(":", 1)[1] for s in body["statussen"]] == ["triage", "conference"]
    assert {r["betrokkeneType"] for r in body["rollen"]} >= {"natuurlijk_persoon", "organisatorische_eenheid"}
    [document] = body["enkelvoudiginformatieobjecten"]
    assert document["formaat"] == "application/pdf" and base64.b64decode(document["inhoud"]).startswith(b"%PDF")
    assert body["zaakinformatieobjecten"][0]["informatieobject"] == document["url"]
    assert api_client_for(people["om"]).get(f"/api/v1/conference-cases/{case.pk}/zgw-export").status_code == 403
