"""SSO: the identity provider's claims decide unit and roles; an unknown unit is refused; SSO counts as MFA."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import include, path, reverse

from ketensignaal import urls as project_urls
from ketensignaal.identity.models import User
from ketensignaal.identity.oidc import UnitClaimOIDCBackend

OIDC = {
    "OIDC_RP_CLIENT_ID": "ketensignaal",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}
OIDC_BACKEND = "ketensignaal.identity.oidc.UnitClaimOIDCBackend"

# The project's URLs as they are when SSO is switched on at start-up.
urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *project_urls.urlpatterns]


@pytest.fixture
def backend(reference):
    with override_settings(**OIDC):
        yield UnitClaimOIDCBackend()


def test_new_user_gets_unit_and_known_roles_from_claims(backend):
    claims = {
        "sub": "abc-123",
        "preferred_username": "k.meijer",
        "email": "k.meijer@politie.example",
        "ketensignaal_unit": "politie.avim",
        "ketensignaal_roles": ["handler", "reporter", "superuser"],
    }
    user = backend.create_user(claims)
    assert user.username == "k.meijer" and user.email == "k.meijer@politie.example"
    assert user.unit.code == "politie.avim"
    assert user.role_codes == {"handler", "reporter"}  # unknown role names are ignored
    assert not user.has_usable_password()


def test_roles_claim_may_be_a_space_separated_string(backend):
    user = backend.create_user({"sub": "x1", "ketensignaal_unit": "ind.tsz", "ketensignaal_roles": "handler lro-member"})
    assert user.username == "x1"
    assert user.role_codes == {"handler", "lro-member"}


def test_unknown_unit_is_refused_and_no_account_is_made(backend):
    with pytest.raises(PermissionDenied):
        backend.create_user({"sub": "x2", "ketensignaal_unit": "nergens", "ketensignaal_roles": ["handler"]})
    assert not User.objects.filter(username="x2").exists()


def test_update_follows_the_claims_on_each_login(backend, make_user):
    user = make_user("coa.locatie.ter-apel", "reporter", username="s.devries")
    updated = backend.update_user(
        user, {"sub": "s", "ketensignaal_unit": "coa.bureau-veiligheid", "ketensignaal_roles": ["handler"]}
    )
    updated.refresh_from_db()
    assert updated.unit.code == "coa.bureau-veiligheid"
    assert set(updated.roles.values_list("code", flat=True)) == {"handler"}


def test_update_with_unknown_unit_is_refused_and_changes_nothing(backend, make_user):
    user = make_user("coa.locatie.ter-apel", "reporter", username="s.devries")
    with pytest.raises(PermissionDenied):
        backend.update_user(user, {"sub": "s", "ketensignaal_unit": "opgeheven", "ketensignaal_roles": ["handler"]})
    user.refresh_from_db()
    assert user.unit.code == "coa.locatie.ter-apel"


def test_sso_sign_in_counts_as_mfa(client, make_user, settings):
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    user = make_user("ind.tsz", "handler", username="sso-user")
    with override_settings(**OIDC):
        client.force_login(user, backend=OIDC_BACKEND)
        assert client.session["sso_authenticated"] is True
        assert client.get(reverse("web:home")).status_code == 200


def test_password_sign_in_is_not_marked_as_sso(client, make_user):
    make_user("ind.tsz", "handler", username="lokaal")
    client.post(reverse("web:login"), {"username": "lokaal", "password": "Een-lang-test-wachtwoord-1"})
    assert not client.session.get("sso_authenticated")


@override_settings(ROOT_URLCONF=__name__, **OIDC)
def test_login_page_offers_sso_only_when_configured(client, db):
    html = client.get("/inloggen").content.decode()
    assert "Inloggen met SSO" in html and 'href="/oidc/authenticate/"' in html
