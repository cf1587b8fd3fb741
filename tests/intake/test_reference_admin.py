"""/beheer/ categories and touchpoints: functional administrators only, every change in the processing log."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import Category, Touchpoint
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.tests.factories import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user: Any) -> Any:
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    return user


def test_a_new_category_is_usable_at_once_and_logged(admin_user: Any, web_client_for: Any) -> None:
    response = web_client_for(admin_user).post(
        "/beheer/intake/category/add/", {"code": "wapenbezit", "name": "Wapenbezit", "name_en": "Weapons", "_save": "Opslaan"}
    )
    assert response.status_code == 302
    assert "wapenbezit" in parse_signal_input(body(categories=["wapenbezit"])).categories
    entry = ProcessingLogEntry.objects.get(activity="beheer", object_type="category", object_id="wapenbezit")
    assert entry.action == "create" and entry.audit.actor_username == "beheer"


def test_a_touchpoint_is_renamed_but_keeps_its_code(admin_user: Any, web_client_for: Any) -> None:
    touchpoint = Touchpoint.objects.get(code="opvanglocatie")
    web = web_client_for(admin_user)
    page = web.get(f"/beheer/intake/touchpoint/{touchpoint.pk}/change/").content.decode()
    assert 'name="name"' in page and 'name="code"' not in page  # the code is part of the API
    response = web.post(
        f"/beheer/intake/touchpoint/{touchpoint.pk}/change/",
        {"code": "iets-anders", "name": "Opvanglocatie (COA)", "name_en": "", "procedure": "asiel", "position": "3"},
    )
    assert response.status_code == 302
    touchpoint.refresh_from_db()
    assert (touchpoint.code, touchpoint.name) == ("opvanglocatie", "Opvanglocatie (COA)")
    entry = ProcessingLogEntry.objects.get(activity="beheer", object_type="touchpoint", object_id="opvanglocatie")
    assert entry.action == "update"


def test_staff_without_the_role_cannot_edit_categories(make_user: Any, web_client_for: Any) -> None:
    user = make_user("ind", "privacy-officer", username="privacy")
    user.is_staff = True
    user.save()
    web = web_client_for(user)
    assert web.get("/beheer/intake/category/", follow=True).status_code == 403
    response = web.post("/beheer/intake/category/add/", {"code": "wapenbezit", "name": "Wapenbezit"}, follow=True)
    assert response.status_code == 403
    assert not Category.objects.filter(code="wapenbezit").exists()
    assert not ProcessingLogEntry.objects.filter(object_type="category").exists()
