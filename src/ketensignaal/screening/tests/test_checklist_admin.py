"""/beheer/ screening checklists: a new version becomes current; an answered version is frozen; every save logged."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Touchpoint
from ketensignaal.screening.models import Checklist
from ketensignaal.screening.tests.factories import ID_REGISTRATION_BODY, visible_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_web(make_user: Any, web_client_for: Any) -> Any:
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    return web_client_for(user)


def _new_version(web: Any, touchpoint: Touchpoint, procedure: str = "asylum", codes: tuple[str, ...] = ("a", "b")) -> Any:
    data = {
        "procedure": procedure,
        "touchpoint": str(touchpoint.pk),
        "open_source_minimum": "2",
        "note": "",
        "items-TOTAL_FORMS": str(len(codes)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for i, code in enumerate(codes):
        data.update({f"items-{i}-position": str(i), f"items-{i}-code": code, f"items-{i}-label": f"Onderdeel {code}"})
    return web.post("/beheer/screening/checklist/add/", data)


def test_a_new_version_becomes_current_and_the_old_one_stays(admin_web: Any, make_user: Any, api_client_for: Any) -> None:
    touchpoint = Touchpoint.objects.get(code="id-registratie")
    response = _new_version(admin_web, touchpoint, codes=("biometrie", "documenten"))
    assert response.status_code == 302, response.content.decode()[:2000]
    current = Checklist.objects.get(procedure="asylum", touchpoint=touchpoint, is_current=True)
    assert current.version == 2 and [i.code for i in current.items.all()] == ["biometrie", "documenten"]
    assert Checklist.objects.get(procedure="asylum", touchpoint=touchpoint, version=1).is_current is False
    entry = ProcessingLogEntry.objects.get(activity="beheer", object_type="screening-checklist")
    assert entry.object_id == "asylum/id-registratie/v2" and entry.action == "create"
    # The API and the screening service use the new version at once: the old items are no longer part of it.
    avim = make_user("politie.avim", "reporter", "handler")
    response = api_client_for(avim).post(
        f"/api/v1/persons/{visible_person(avim).pk}/screenings", ID_REGISTRATION_BODY, format="json"
    )
    assert response.status_code == 400
    assert "answers.kleding-bagage" in [p["name"] for p in response.json()["invalid_params"]]


def test_a_touchpoint_of_the_other_procedure_is_refused(admin_web: Any) -> None:
    response = _new_version(admin_web, Touchpoint.objects.get(code="nareis-visum"), procedure="asylum")
    assert response.status_code == 200 and "hoort niet bij de gekozen procedure" in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(object_type="screening-checklist").exists()


def test_an_answered_version_is_frozen(admin_web: Any, make_user: Any, api_client_for: Any) -> None:
    avim = make_user("politie.avim", "reporter", "handler")
    api_client_for(avim).post(f"/api/v1/persons/{visible_person(avim).pk}/screenings", ID_REGISTRATION_BODY, format="json")
    answered = Checklist.objects.get(procedure="asylum", touchpoint__code="id-registratie", version=1)
    page = admin_web.get(f"/beheer/screening/checklist/{answered.pk}/change/").content.decode()
    assert 'name="open_source_minimum"' not in page
    admin_web.post(f"/beheer/screening/checklist/{answered.pk}/change/", {"open_source_minimum": "9"})
    answered.refresh_from_db()
    assert answered.open_source_minimum == 0


def test_staff_without_the_role_cannot_reach_checklists(make_user: Any, web_client_for: Any) -> None:
    user = make_user("ind", "privacy-officer")
    user.is_staff = True
    user.save()
    assert web_client_for(user).get("/beheer/screening/checklist/", follow=True).status_code == 403
