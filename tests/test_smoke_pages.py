"""Every demo account can open every page in its navigation without a server error.

Cross-context smoke test: it follows the links a user actually sees (menu and start page),
so a broken template, URL or selector anywhere in the product shows up here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from ketensignaal.installation.demo import DEMO_ACCOUNTS, demo_load
from ketensignaal.reference import reference_load

HREF = re.compile(r'href="(/[^"#?]*)"')


@pytest.fixture
def demo(db: Any) -> None:
    reference_load()
    demo_load()


def _verified_client(username: str) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ketensignaal.installation.demo import DEMO_PASSWORD, demo_code

    client = Client()
    response = client.post("/inloggen", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not sign in"
    assert TOTPDevice.objects.filter(user__username=username, confirmed=True).exists()
    response = client.post("/mfa/", {"token": demo_code(username)})
    assert response.status_code == 302, f"{username} did not pass MFA"
    return client


@pytest.mark.parametrize("username", [account[0] for account in DEMO_ACCOUNTS])
def test_every_linked_page_opens(demo: None, username: str) -> None:
    client = _verified_client(username)
    home = client.get("/")
    assert home.status_code == 200
    links = {href for href in HREF.findall(home.content.decode()) if not href.startswith(("/static/", "/uitloggen"))}
    assert links, "the start page links to nothing"
    opened = 0
    for href in sorted(links):
        response = client.get(href)
        assert response.status_code in (200, 302), f"{username}: {href} gave {response.status_code}"
        if response.status_code == 200:
            opened += 1
            assert b"Traceback" not in response.content
    assert opened >= 2
