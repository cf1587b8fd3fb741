"""Fixtures shared by every context's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from ketensignaal.identity.services import user_create
from ketensignaal.identity.tokens import api_token_issue
from ketensignaal.reference import reference_load


@pytest.fixture(autouse=True)
def _fresh_reference_cache() -> Any:
    """Each test starts and ends with an empty per-process reference cache (intake.refcache)."""
    from ketensignaal.configuration import selectors as chain_settings
    from ketensignaal.intake import refcache

    refcache.clear()
    chain_settings.clear()
    yield
    refcache.clear()
    chain_settings.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests create many accounts; production's PBKDF2 work factor would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_log_checkpoint_store(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test signs processing-log checkpoints into its own store with a fixed key (never into ./var, where a
    checkpoint from another test's database would make ``verify-log`` report a truncated log)."""
    settings.LOG_CHECKPOINT_DIR = tmp_path_factory.mktemp("log-checkpoints")
    settings.LOG_CHECKPOINT_KEY = "11" * 32


@pytest.fixture
def reference(db: Any) -> None:
    reference_load()


@pytest.fixture
def make_user(reference: None) -> Callable[..., Any]:
    counter = {"n": 0}

    def factory(unit: str, *roles: str, username: str | None = None) -> Any:
        counter["n"] += 1
        return user_create(
            username=username or f"{unit.replace('.', '-')}-{counter['n']}",
            unit_code=unit,
            roles=roles or ("reporter",),
            password="Een-lang-test-wachtwoord-1",
            validate=False,
        )

    return factory


@pytest.fixture
def api_client_for() -> Iterator[Callable[[Any], APIClient]]:
    """An API client with a token of ``user``; the language an Accept-Language request activated is deactivated
    at the end (as ``web_client_for`` does), so an English request leaves no English to the next test."""

    def factory(user: Any) -> APIClient:
        _token, raw = api_token_issue(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    yield factory
    translation.deactivate()


@pytest.fixture
def web_client_for(db: Any) -> Iterator[Callable[[Any], Any]]:
    """A Django test client signed in as ``user`` with the TOTP step done (a confirmed device, session verified).

    A request with the language cookie activates that language in the test's thread and it stays active after the
    test; it is deactivated at the end, so a test that reads a page in English leaves no English to the next one."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def factory(user: Any) -> Client:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        web = Client()
        web.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = web.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return web

    yield factory
    translation.deactivate()
