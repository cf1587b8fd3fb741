"""No score, sum, ranking or rating about a person exists in the LIV models, API, pages or report (principle 2)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from ketensignaal.trajectories.models import LivTrajectory
from ketensignaal.trajectories.report import report_html, report_pdf
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS

pytestmark = pytest.mark.django_db
FORBIDDEN = re.compile(
    r"score|risk[ _-]?level|risiconiveau|ranking|rangorde|punten|totaal|rating|beoordelingscijfer", re.IGNORECASE
)
NUMERIC = (models.IntegerField, models.FloatField, models.DecimalField, models.DurationField)
ALLOWED_NUMERIC = {"id", "version", "position"}


def test_no_numeric_field_on_assessment_models() -> None:
    """Ids, format versions and the catalogue's display order are the only numbers."""
    offenders = []
    for model in apps.get_app_config("trajectories").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, NUMERIC) and not isinstance(field, models.ForeignKey) and field.name not in ALLOWED_NUMERIC:
                offenders.append(f"{model.__name__}.{field.name}")
            if FORBIDDEN.search(field.name):
                offenders.append(f"{model.__name__}.{field.name}")
    assert offenders == []


def _walk_keys(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [*data.keys(), *(k for v in data.values() for k in _walk_keys(v))]
    if isinstance(data, list):
        return [k for v in data for k in _walk_keys(v)]
    return []


def ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.content[:400]
    return response


def test_api_pages_and_report_carry_no_score(liv: dict[str, Any], signal: Any, api_client_for: Any, web_client_for: Any) -> None:
    staff_api = api_client_for(liv["staff"])
    created = (
        api_client_for(liv["coa"])
        .post("/api/v1/liv-trajectories", {"client": "coa", "signal": str(signal.pk), "question": "Vraag"}, format="json")
        .json()
    )
    pk = created["id"]
    ok(staff_api.post(f"/api/v1/liv-trajectories/{pk}/weigh", {"accepted": True, "answers": ACCEPT_ANSWERS}, format="json"))
    ok(
        staff_api.put(
            f"/api/v1/liv-trajectories/{pk}/phases/intake",
            {"answers": {"aanleiding": "a", "beschikbare_informatie": "b"}},
            format="json",
        )
    )
    ok(staff_api.post(f"/api/v1/liv-trajectories/{pk}/advance"))
    for code in ("geweld-herkomst", "trauma-vlucht", "isolement", "sociale-steun", "dagbesteding"):
        ok(
            staff_api.post(
                f"/api/v1/liv-trajectories/{pk}/factors",
                {"factor": code, "presence": "present", "explanation": "Toelichting"},
                format="json",
            )
        )
    ok(
        staff_api.put(
            f"/api/v1/liv-trajectories/{pk}/phases/interpretation",
            {"answers": {"verloop_gesprekken": "a", "duiding": "b"}},
            format="json",
        )
    )
    ok(staff_api.post(f"/api/v1/liv-trajectories/{pk}/advance"))
    ok(
        staff_api.put(
            f"/api/v1/liv-trajectories/{pk}/conclusion",
            {"conclusions": ["normative-frame-concerns"], "advice": "Dagbesteding"},
            format="json",
        )
    )

    detail = staff_api.get(f"/api/v1/liv-trajectories/{pk}").json()
    assert detail["phase"] == "advice"
    assert sum(len(b["recorded"]) for b in detail["factors"]) == 5  # the walk really recorded the factors
    listing = staff_api.get("/api/v1/liv-trajectories").json()
    keys = _walk_keys(detail) + _walk_keys(listing)
    assert [k for k in keys if FORBIDDEN.search(k)] == []
    assert not FORBIDDEN.search(str(detail)) and not FORBIDDEN.search(str(listing))
    # recorded factors are listed as answers, never counted
    assert all(
        set(f) == {"factor", "kind", "label", "presence", "explanation", "source"}
        for b in detail["factors"]
        for f in b["recorded"]
    )

    client = web_client_for(liv["staff"])
    for url in (f"/liv/{pk}", "/liv/", "/liv/cijfers"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not FORBIDDEN.search(html), url

    trajectory = LivTrajectory.objects.get(pk=pk)
    assert not FORBIDDEN.search(report_html(trajectory))
    pdf = report_pdf(trajectory, uncompressed=True)
    assert b"/StructTreeRoot" in pdf and b"/Lang" in pdf and b"Adviesrapport" in pdf
    assert not FORBIDDEN.search(pdf.decode("latin-1"))
