"""/beheer/: only functional administrators, with the TOTP step done; no password hashes on screen."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry

from ketensignaal.identity.models import Role


@pytest.fixture
def admin_user(make_user):
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    return user


def test_functional_admin_sees_the_identity_models(admin_user, web_client_for):
    response = web_client_for(admin_user).get("/beheer/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Organisaties", "Eenheden", "Rollen", "Gebruikers"):
        assert name in html


def test_user_change_page_shows_unit_and_roles_but_no_password_hash(admin_user, make_user, web_client_for):
    other = make_user("coa.bureau-veiligheid", "handler", username="peter")
    response = web_client_for(admin_user).get(f"/beheer/identity/user/{other.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="unit"' in html and 'name="roles"' in html and 'name="is_active"' in html
    assert "pbkdf2" not in html and "md5$" not in html and other.password not in html and 'name="password"' not in html


def test_admin_can_deactivate_a_user_and_it_is_logged(admin_user, make_user, web_client_for):
    other = make_user("coa.bureau-veiligheid", "handler", username="peter")
    handler_role = Role.objects.get(code="handler")
    response = web_client_for(admin_user).post(
        f"/beheer/identity/user/{other.pk}/change/",
        {"username": "peter", "unit": other.unit_id, "roles": [handler_role.pk], "preferred_language": "nl"},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_active
    assert LogEntry.objects.filter(object_id=str(other.pk), user=admin_user).exists()


def test_staff_without_the_role_is_refused(make_user, web_client_for):
    user = make_user("ind", "privacy-officer", username="privacy")
    user.is_staff = True
    user.save()
    web = web_client_for(user)
    response = web.get("/beheer/", follow=True)
    assert response.status_code == 403 and "Geen toegang" in response.content.decode()
    assert web.get("/beheer/identity/user/", follow=True).status_code == 403


def test_role_without_staff_flag_is_refused(make_user, web_client_for):
    user = make_user("ind", "functional-admin", username="halve-beheerder")
    assert web_client_for(user).get("/beheer/", follow=True).status_code == 403


def test_admin_login_form_is_replaced_by_the_product_sign_in(client, db):
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")


def test_password_only_admin_session_is_sent_to_mfa(admin_user, client):
    client.post("/inloggen", {"username": "beheer", "password": "Een-lang-test-wachtwoord-1"})
    assert client.get("/beheer/")["Location"] == "/mfa/"
