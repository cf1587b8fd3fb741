"""ADR 0015: the Django admin speaks Dutch (also Django's newest strings) and carries the product's look."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user: Any, web_client_for: Any) -> Any:
    user = make_user("coa", "functional-admin")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return web_client_for(user)


def test_admin_pages_have_the_product_look_and_a_way_back(admin_client: Any) -> None:
    html = admin_client.get("/beheer/").content.decode()
    assert "/static/ketensignaal/admin.css" in html
    assert 'class="ks-admin-back" href="/"' in html and "Terug naar Ketensignaal" in html
    assert "Django" not in html.split("<body", 1)[1]  # no stock "Django administration" branding


def test_admin_empty_choice_is_dutch(admin_client: Any) -> None:
    html = admin_client.get("/beheer/webhooks/subscription/add/").content.decode()
    assert "— kies —" in html and "Select an option" not in html and "Kies een optie" not in html


def test_admin_in_english_by_choice(admin_client: Any) -> None:
    admin_client.cookies["django_language"] = "en"
    html = admin_client.get("/beheer/webhooks/subscription/add/").content.decode()
    assert 'lang="en"' in html
    assert "Back to Ketensignaal" in html and "— choose —" in html and "kies" not in html
