"""Issue 16 item 6: responses with personal data are never cached, HSTS and Secure cookies follow the one https
setting, and a signed-in session ends after an idle spell and after an absolute lifetime."""

from __future__ import annotations

import importlib
import time
from typing import Any

import pytest
from django.test import Client

from ketensignaal.coordination import services as lro
from ketensignaal.routing.tests.factories import submit

SIGNED_IN_AT, SEEN_AT = "ks_signed_in_at", "ks_seen_at"  # session keys of web.middleware.SessionLifetimeMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(make_user: Any) -> Any:
    return make_user("ind.tsz", "handler", "hub-analyst", "lro-member")


def _no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_channel_with_personal_data_says_no_store(
    make_user: Any, hub: Any, web_client_for: Any, api_client_for: Any
) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    signal = submit(reporter)
    web = web_client_for(reporter)
    meeting = lro.meeting_create(actor=hub)
    liv = make_user("lse.liv", "liv-staff")
    responses = {
        "html page": web.get(f"/signalen/{signal.pk}"),
        "html list": web.get("/mijn-meldingen"),
        "htmx partial": web_client_for(hub).get("/inbox", HTTP_HX_REQUEST="true"),
        "api": api_client_for(reporter).get(f"/api/v1/signals/{signal.pk}"),
        "api list": api_client_for(reporter).get("/api/v1/my-signals"),
        "pdf": web_client_for(hub).get(f"/lro/{meeting.pk}/verslag.pdf"),
        "csv": web_client_for(liv).get("/liv/cijfers.csv"),
        "api problem": api_client_for(reporter).get("/api/v1/signals/00000000-0000-0000-0000-000000000000"),
    }
    for channel, response in responses.items():
        assert response.status_code in (200, 404), (channel, response.status_code)
        assert _no_store(response), f"{channel} may be cached: {response.get('Cache-Control')!r}"
    assert responses["pdf"]["Content-Type"] == "application/pdf"
    assert responses["csv"]["Content-Type"].startswith("text/csv")


def test_static_files_stay_cacheable(client: Client) -> None:
    response = client.get("/static/ketensignaal/theme.css")
    assert response.status_code == 200
    assert not _no_store(response)


def test_without_https_no_hsts_and_plain_cookies(client: Client, settings: Any) -> None:
    settings.HSTS_SECONDS = 0
    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in client.get("/inloggen")


def test_behind_https_hsts_on_every_response_and_secure_cookies(monkeypatch: Any, client: Client, settings: Any) -> None:
    import ketensignaal.settings as ks_settings

    monkeypatch.setenv("KETENSIGNAAL_HTTPS", "1")
    monkeypatch.delenv("KETENSIGNAAL_HSTS_SECONDS", raising=False)
    try:
        fresh = importlib.reload(ks_settings)
        assert fresh.HTTPS and fresh.SESSION_COOKIE_SECURE and fresh.CSRF_COOKIE_SECURE
        assert fresh.HSTS_SECONDS == 31536000
        for name in ("HSTS_SECONDS", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
            setattr(settings, name, getattr(fresh, name))
        # Behind a TLS-terminating proxy the request reaches Django as plain http: HSTS is still sent.
        for path in ("/inloggen", "/api/v1/signals"):
            assert client.get(path)["Strict-Transport-Security"].startswith("max-age=31536000")
        page = client.get("/inloggen")
        assert page.cookies["csrftoken"]["secure"]
    finally:
        monkeypatch.delenv("KETENSIGNAAL_HTTPS")
        importlib.reload(ks_settings)


def test_https_follows_the_base_url_by_default(monkeypatch: Any) -> None:
    import ketensignaal.settings as ks_settings

    monkeypatch.delenv("KETENSIGNAAL_HTTPS", raising=False)
    monkeypatch.setenv("KETENSIGNAAL_BASE_URL", "https://ketensignaal.example")
    monkeypatch.setenv("KETENSIGNAAL_DEBUG", "1")  # a debug deployment behind https still gets Secure cookies
    try:
        fresh = importlib.reload(ks_settings)
        assert fresh.HTTPS and fresh.SESSION_COOKIE_SECURE and fresh.HSTS_SECONDS > 0
        monkeypatch.setenv("KETENSIGNAAL_HTTPS", "0")
        assert not importlib.reload(ks_settings).SESSION_COOKIE_SECURE
    finally:
        monkeypatch.undo()
        importlib.reload(ks_settings)


def test_session_defaults_are_thirty_minutes_idle_and_twelve_hours_absolute(monkeypatch: Any) -> None:
    import ketensignaal.settings as ks_settings

    for name in ("KETENSIGNAAL_SESSION_IDLE_MINUTES", "KETENSIGNAAL_SESSION_MAX_HOURS"):
        monkeypatch.delenv(name, raising=False)
    try:
        fresh = importlib.reload(ks_settings)
        assert (fresh.SESSION_IDLE_SECONDS, fresh.SESSION_MAX_SECONDS) == (30 * 60, 12 * 3600)
        assert fresh.SESSION_COOKIE_AGE == 12 * 3600
        monkeypatch.setenv("KETENSIGNAAL_SESSION_IDLE_MINUTES", "5")
        monkeypatch.setenv("KETENSIGNAAL_SESSION_MAX_HOURS", "2")
        fresh = importlib.reload(ks_settings)
        assert (fresh.SESSION_IDLE_SECONDS, fresh.SESSION_MAX_SECONDS) == (5 * 60, 2 * 3600)
    finally:
        monkeypatch.undo()
        importlib.reload(ks_settings)


def _age_session(web: Client, **seconds_ago: float) -> None:
    session = web.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"signed_in": SIGNED_IN_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_an_active_session_stays_open(hub: Any, web_client_for: Any) -> None:
    web = web_client_for(hub)
    _age_session(web, signed_in=3600, seen=29 * 60)
    assert web.get("/inbox").status_code == 200
    assert web.get("/inbox").status_code == 200


def test_an_idle_session_ends_after_thirty_minutes(hub: Any, web_client_for: Any) -> None:
    web = web_client_for(hub)
    assert web.get("/inbox").status_code == 200
    _age_session(web, seen=31 * 60)
    response = web.get("/inbox")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen")
    assert web.get("/inbox").status_code == 302, "the ended session does not come back"


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(hub: Any, web_client_for: Any) -> None:
    web = web_client_for(hub)
    _age_session(web, signed_in=12 * 3600 + 60, seen=10)
    response = web.get("/inbox")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen")


def test_idle_limit_is_configurable(hub: Any, web_client_for: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 5 * 60
    web = web_client_for(hub)
    _age_session(web, seen=6 * 60)
    assert web.get("/inbox").status_code == 302


def test_sign_in_stamps_the_session_start(hub: Any, web_client_for: Any) -> None:
    web = web_client_for(hub)
    assert abs(web.session[SIGNED_IN_AT] - time.time()) < 60
