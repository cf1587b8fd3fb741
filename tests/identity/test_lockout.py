"""Issue 16.5: lockout per account (from every address) and per address as a second dimension; a locked account's API
tokens are refused until a functional administrator unlocks it; lockout, refusals and unlock are in the processing log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from ketensignaal.core.errors import NotAllowed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.identity.lockout import account_locked, account_unlock

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-test-wachtwoord-1"


def sign_in(username: str, password: str = PASSWORD, *, ip: str = "10.0.0.1") -> Any:
    return Client().post(reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def lock(username: str, settings: Any, *, ip: str = "10.0.0.1") -> None:
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(username, f"fout-{i}", ip=ip)


def _entries(object_type: str) -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(object_type=object_type))


def test_a_locked_account_stays_locked_from_another_address(make_user: Any, settings: Any) -> None:
    make_user("coa.bureau-veiligheid", "handler", username="peter")
    lock("peter", settings, ip="10.0.0.1")
    response = sign_in("peter", ip="192.0.2.77")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert {e.object_id for e in _entries("account-lockout")} == {"peter"}  # the lockout and each refused try


def test_other_accounts_behind_the_same_address_can_still_sign_in(make_user: Any, settings: Any) -> None:
    make_user("coa.bureau-veiligheid", "handler", username="peter")
    make_user("ind.tsz", "handler", username="eva")
    lock("peter", settings)
    assert sign_in("eva")["Location"] == reverse("web:mfa")


def test_many_failures_from_one_address_block_that_address_only(make_user: Any, settings: Any) -> None:
    settings.IP_FAILURE_LIMIT = 6
    for name in ("a1", "a2", "a3", "eva"):
        make_user("ind.tsz", "handler", username=name)
    for name in ("a1", "a2", "a3"):
        sign_in(name, "fout-1", ip="198.51.100.9")
        sign_in(name, "fout-2", ip="198.51.100.9")
    assert not any(account_locked(username=n) for n in ("a1", "a2", "a3"))  # no account reached its own limit
    assert sign_in("eva", ip="198.51.100.9").status_code == 429
    assert sign_in("eva", ip="198.51.100.10")["Location"] == reverse("web:mfa")
    assert _entries("sign-in-blocked-address")


def test_api_tokens_of_a_locked_account_are_refused_until_unlocked(
    make_user: Any, api_client_for: Any, web_client_for: Any, settings: Any
) -> None:
    peter = make_user("coa.bureau-veiligheid", "handler", username="peter")
    api = api_client_for(peter)
    assert api.get("/api/v1/me").status_code == 200
    lock("peter", settings)

    refused = api.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "geblokkeerd" in refused.json()["detail"]
    assert [e.result for e in _entries("api-token-locked-account")] == ["refused"]

    admin = make_user("ind", "functional-admin", username="beheer")
    admin.is_staff = True
    admin.save(update_fields=["is_staff"])
    changelist = reverse("admin:identity_user_changelist")
    page = web_client_for(admin).get(changelist)
    assert page.status_code == 200 and "Geselecteerde accounts ontgrendelen" in page.content.decode()
    done = web_client_for(admin).post(changelist, {"action": "unlock_accounts", "_selected_action": [peter.pk]}, follow=True)
    assert f"Ontgrendeld: {escape(peter.display_name)}." in done.content.decode()

    assert not account_locked(username="peter")
    assert api.get("/api/v1/me").status_code == 200
    assert sign_in("peter", ip="192.0.2.77")["Location"] == reverse("web:mfa")
    unlock = _entries("account-unlock")
    assert [e.object_id for e in unlock] == ["peter"]
    assert unlock[0].activity == "beheer"


def test_only_a_functional_administrator_can_unlock(make_user: Any, settings: Any) -> None:
    peter = make_user("coa.bureau-veiligheid", "handler", username="peter")
    colleague = make_user("coa.bureau-veiligheid", "handler")
    lock("peter", settings)
    with pytest.raises(NotAllowed):
        account_unlock(actor=colleague, user=peter)
    assert account_locked(username="peter")
    assert not _entries("account-unlock")
