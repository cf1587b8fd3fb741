"""Sign-in: password, then mandatory TOTP (set-up the first time, a challenge later), lockout, MFA enforcement."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Een-lang-test-wachtwoord-1"


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
    return f"{generator.token():06d}"


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("web:login"), {"username": username, "password": password})


@pytest.fixture
def user(make_user):
    return make_user("coa.bureau-veiligheid", "handler", username="peter")


def test_login_page_lets_password_managers_fill_and_paste(client, db):
    response = client.get(reverse("web:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "onpaste" not in html
    assert "Inloggen met SSO" not in html  # SSO not configured here


def test_correct_password_leads_to_authenticator_set_up_not_home(client, user):
    response = sign_in(client, "peter")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:mfa")
    page = client.get(reverse("web:mfa"))
    html = page.content.decode()
    assert "Authenticator instellen" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert re.search(r'data-secret="[A-Z2-7]{16,}"', html)


def test_password_only_session_cannot_reach_home_or_other_pages(client, user):
    sign_in(client, "peter")
    for path in (reverse("web:home"), reverse("identity:api-tokens"), "/beheer/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("web:mfa"), path


def test_wrong_password_shows_dutch_error_and_signs_nobody_in(client, user):
    response = sign_in(client, "peter", "fout-wachtwoord")
    assert response.status_code == 400
    assert "Gebruikersnaam of wachtwoord is onjuist." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("web:login"))


def test_unknown_user_gets_the_same_message(client, db):
    response = sign_in(client, "niemand", "wat-dan-ook-123")
    assert "Gebruikersnaam of wachtwoord is onjuist." in response.content.decode()


def test_first_sign_in_sets_up_totp_then_home(client, user):
    sign_in(client, "peter")
    client.get(reverse("web:mfa"))
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    response = client.post(reverse("web:mfa"), {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    device.refresh_from_db()
    assert device.confirmed
    home = client.get(reverse("web:home"))
    assert home.status_code == 200
    assert "Inbox van uw eenheid" in home.content.decode()


def test_code_with_spaces_as_pasted_is_accepted(client, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "peter")
    code = code_for(device)
    response = client.post(reverse("web:mfa"), {"token": f" {code[:3]} {code[3:]} "})
    assert response["Location"] == reverse("web:home")


def test_wrong_totp_code_writes_nothing_and_shows_dutch_error(client, user):
    sign_in(client, "peter")
    client.get(reverse("web:mfa"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("web:mfa"), {"token": wrong})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Deze code klopt niet of is verlopen." in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_token_helptext id_token_error"' in html
    device.refresh_from_db()
    assert not device.confirmed
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 0
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("web:home"))["Location"] == reverse("web:mfa")


def test_later_sign_in_is_a_challenge_without_the_key(client, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "peter")
    page = client.get(reverse("web:mfa")).content.decode()
    assert "Tweede stap: code invoeren" in page
    assert "data-secret" not in page and device.key not in page
    response = client.post(reverse("web:mfa"), {"token": code_for(device)})
    assert response["Location"] == reverse("web:home")


def test_a_used_code_cannot_be_replayed(client, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    code = code_for(device)
    sign_in(client, "peter")
    client.post(reverse("web:mfa"), {"token": code})
    client.post(reverse("web:logout"))
    sign_in(client, "peter")
    response = client.post(reverse("web:mfa"), {"token": code})
    assert response.status_code == 400


def test_next_is_followed_after_mfa_but_only_on_this_site(client, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("web:login") + "?next=/api-tokens", {"username": "peter", "password": PASSWORD})
    assert client.post(reverse("web:mfa"), {"token": code_for(device)})["Location"] == "/api-tokens"
    client.post(reverse("web:logout"))
    client.post(reverse("web:login") + "?next=https://evil.example/", {"username": "peter", "password": PASSWORD})
    assert client.post(reverse("web:mfa"), {"token": code_for(device, offset=1)})["Location"] == reverse("web:home")


def test_lockout_after_repeated_wrong_passwords(client, user, settings):
    responses = [sign_in(client, "peter", f"fout-{i}") for i in range(settings.AXES_FAILURE_LIMIT)]
    assert responses[-1].status_code == 429
    assert "Tijdelijk geblokkeerd" in responses[-1].content.decode()
    # Even the right password is refused while locked out.
    locked = sign_in(client, "peter")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, user, make_user, settings):
    make_user("ind.tsz", "handler", username="eva")
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "peter", f"fout-{i}")
    assert sign_in(client, "eva")["Location"] == reverse("web:mfa")


def test_logout_ends_the_session(client, user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "peter")
    client.post(reverse("web:mfa"), {"token": code_for(device)})
    assert client.post(reverse("web:logout"))["Location"] == reverse("web:login")
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("web:login"))
