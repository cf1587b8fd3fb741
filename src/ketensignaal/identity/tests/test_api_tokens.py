"""API tokens: created on the screen (shown once), listed and revoked on screen and through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ketensignaal.identity.models import ApiToken
from ketensignaal.identity.tokens import api_token_issue, hash_token


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def user(make_user):
    return make_user("ind.tsz", "handler", "hub-analyst", username="eva")


def test_screen_creates_a_token_and_shows_it_exactly_once(user, web_client_for):
    web = web_client_for(user)
    response = web.post(reverse("identity:api-tokens"), {"name": "Koppeling zaaksysteem", "lifetime": "30"})
    assert response.status_code == 201
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    raw = html.split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("ks_") and hash_token(raw) == token.key_hash
    assert token.name == "Koppeling zaaksysteem"
    assert (token.expires_at - timezone.now()).days in (29, 30)
    again = web.get(reverse("identity:api-tokens")).content.decode()
    assert raw not in again
    assert token.prefix in again and "Koppeling zaaksysteem" in again and "geldig" in again
    assert bearer(raw).get("/api/v1/me").status_code == 200


def test_screen_refuses_a_token_without_name(user, web_client_for):
    response = web_client_for(user).post(reverse("identity:api-tokens"), {"name": "", "lifetime": "90"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert 'aria-describedby="id_name_helptext id_name_error"' in response.content.decode()


def test_screen_lists_only_own_tokens_with_status(user, make_user, web_client_for):
    other = make_user("ind.tsz", "handler", username="johan")
    api_token_issue(user=other, name="van-johan")
    revoked, _ = api_token_issue(user=user, name="oud")
    revoked.revoked_at = timezone.now()
    revoked.save()
    api_token_issue(user=user, name="verlopen-token", lifetime=timedelta(seconds=-1))
    html = web_client_for(user).get(reverse("identity:api-tokens")).content.decode()
    assert "van-johan" not in html
    assert "ingetrokken" in html and "verlopen" in html


def test_screen_revokes_own_token_but_not_someone_elses(user, make_user, web_client_for):
    own, raw = api_token_issue(user=user, name="eigen")
    other_token, other_raw = api_token_issue(user=make_user("ind.tsz", "handler", username="johan"), name="ander")
    web = web_client_for(user)
    assert web.post(reverse("identity:api-token-revoke", args=[other_token.pk])).status_code == 404
    assert bearer(other_raw).get("/api/v1/me").status_code == 200
    response = web.post(reverse("identity:api-token-revoke", args=[own.pk]), follow=True)
    assert "is ingetrokken" in response.content.decode()
    assert bearer(raw).get("/api/v1/me").status_code == 401


def test_api_lists_own_tokens_without_secrets(user, make_user):
    token, raw = api_token_issue(user=user, name="integratie")
    api_token_issue(user=make_user("ind.tsz", "handler", username="johan"), name="ander")
    response = bearer(raw).get("/api/v1/api-tokens")
    assert response.status_code == 200
    body = response.json()
    assert [t["name"] for t in body["results"]] == ["integratie"]
    item = body["results"][0]
    assert item["prefix"] == token.prefix and item["status"] == "valid" and item["id"] == token.pk
    assert "key_hash" not in item and raw not in response.content.decode()


def test_api_revokes_own_token_and_then_it_is_refused(user):
    first, first_raw = api_token_issue(user=user, name="eerste")
    _second, second_raw = api_token_issue(user=user, name="tweede")
    assert bearer(second_raw).delete(f"/api/v1/api-tokens/{first.pk}").status_code == 204
    response = bearer(first_raw).get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Het token is ingetrokken."
    listed = {t["name"]: t["status"] for t in bearer(second_raw).get("/api/v1/api-tokens").json()["results"]}
    assert listed == {"eerste": "revoked", "tweede": "valid"}


def test_api_cannot_revoke_someone_elses_token(user, make_user):
    _own, raw = api_token_issue(user=user)
    other, other_raw = api_token_issue(user=make_user("coa.bureau-veiligheid", "handler", username="peter"))
    response = bearer(raw).delete(f"/api/v1/api-tokens/{other.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert bearer(other_raw).get("/api/v1/me").status_code == 200


def test_expired_token_gets_401_problem_with_dutch_detail(user):
    _token, raw = api_token_issue(user=user, lifetime=timedelta(seconds=-1))
    response = bearer(raw).get("/api/v1/api-tokens")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Het token is verlopen. Vraag een nieuw token aan."
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_token_and_bad_token_get_401(db):
    assert APIClient().get("/api/v1/me").status_code == 401
    response = bearer("ks_onzin").get("/api/v1/me")
    assert response.status_code == 401 and response.json()["detail"] == "Het token is onbekend of ongeldig."


def test_me_tells_username_unit_organisation_and_roles(user, api_client_for):
    response = api_client_for(user).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "username": "eva",
        "name": "",
        "unit": "ind.tsz",
        "organisation": "ind",
        "roles": ["handler", "hub-analyst"],
    }


def test_the_token_form_sent_twice_issues_and_shows_one_token(user, web_client_for):
    """Issue 10: a double click or a reload of the answer issues no second token and shows none; it says so."""
    import re

    web = web_client_for(user)
    url = reverse("identity:api-tokens")
    form_token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
    assert form_token, "no form token on the token form"
    body = {"name": "Koppeling zaaksysteem", "lifetime": "30", "form_token": form_token.group(1)}
    first, second = web.post(url, body), web.post(url, body)
    assert first.status_code == 201 and 'id="new-token"' in first.content.decode()
    raw = first.content.decode().split('id="new-token">')[1].split("<")[0]
    assert ApiToken.objects.filter(user=user).count() == 1
    repeated = second.content.decode()
    assert second.status_code == 200 and 'id="new-token"' not in repeated and raw not in repeated
    assert "er is geen tweede token aangemaakt" in repeated
    # The answer's form has a fresh token: a second token made on purpose is made.
    fresh = re.search(r'name="form_token" value="([0-9a-f]{32})"', first.content.decode())
    assert fresh and fresh.group(1) != form_token.group(1)
    assert web.post(url, {**body, "form_token": fresh.group(1)}).status_code == 201
    assert ApiToken.objects.filter(user=user).count() == 2


def test_a_refused_token_form_keeps_its_token_so_the_corrected_send_counts_once(user, web_client_for):
    web = web_client_for(user)
    url = reverse("identity:api-tokens")
    body = {"name": "", "lifetime": "30", "form_token": "a" * 32}
    refused = web.post(url, body)
    assert refused.status_code == 400 and 'value="' + "a" * 32 + '"' in refused.content.decode()
    body["name"] = "Koppeling"
    assert web.post(url, body).status_code == 201
    assert web.post(url, body).status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1


def test_token_check_is_one_statement_read_fresh_each_time(user, django_assert_num_queries):
    """The statement's text is built once per process, the token never: a revocation, a deactivation or an unknown
    hash is seen on the very next call; the user's unit and organisation come with the same statement."""
    from ketensignaal.identity.tokens import api_token_authenticate

    token, raw = api_token_issue(user=user)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())  # no last-used write in the count
    unit, organisation = user.unit.code, user.unit.organisation.code
    with django_assert_num_queries(1):
        found, reason = api_token_authenticate(raw)
        assert reason == "" and found == user
        assert found is not None and found.unit.code == unit and found.unit.organisation.code == organisation
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    assert api_token_authenticate(raw) == (None, "revoked")
    _, raw_other = api_token_issue(user=user, name="tweede")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert api_token_authenticate(raw_other) == (None, "invalid")
    assert api_token_authenticate(raw_other[:-2] + "xx") == (None, "invalid")


def test_token_check_counts_recent_failed_sign_ins_only(user, settings):
    from axes.models import AccessAttempt

    from ketensignaal.identity.tokens import api_token_authenticate

    _, raw = api_token_issue(user=user)
    settings.AXES_COOLOFF_TIME = 1  # hours
    settings.AXES_FAILURE_LIMIT = 3
    old = AccessAttempt.objects.create(username=user.username, failures_since_start=5, get_data="", post_data="")
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(hours=2))
    assert api_token_authenticate(raw)[1] == ""
    AccessAttempt.objects.create(username=user.username, ip_address="10.0.0.1", failures_since_start=3, get_data="", post_data="")
    assert api_token_authenticate(raw)[1] == "locked"
    settings.AXES_COOLOFF_TIME = None  # no cool-off: every failure counts
    assert api_token_authenticate(raw)[1] == "locked"
