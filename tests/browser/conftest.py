"""Browser-test infrastructure: Debian's Chromium through Playwright, a live server, signed-in pages, axe-core.

Fixtures every context can use in ``tests/browser/test_*.py`` (mark tests with ``@pytest.mark.browser``):

- ``live_url``: base URL (no trailing slash) of a live server on a transactional test database with the
  reference data loaded.
- ``make_user(unit_code, *roles, username=None)``: a professional in that unit (password ``BROWSER_PASSWORD``).
- ``browser_login(user_or_username) -> Page``: a fresh browser context (Dutch locale) signed in with password
  and TOTP. A username that does not exist yet but is a demo account (installation/demo.py) is created in its unit.
- ``new_page()``: a fresh, signed-out page (Dutch locale).
- ``axe_check(page, label="")``: saves a screenshot of the page (see ``screenshot``), runs axe-core on it and asserts
  0 WCAG 2.2 AA violations; also asserts that the browser reported no Content-Security-Policy violations (inline
  scripts/styles are blocked in production).
- ``screenshot(page, label="")``: saves a full-page PNG to ``test-results/screenshots/<test>-<n>[-<label>].png``;
  CI (``.ci/run``) keeps that folder and prints the list.
- ``totp_code(user)``: the current code for the user's confirmed TOTP device.

Chromium is Debian's (/usr/bin/chromium: ``apt-get install -y chromium``); axe-core comes from npm (``npm ci``, which
``make test`` runs itself when node_modules lacks it). A browser test on a machine without either FAILS, never skips.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's async-safety check would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = Path(os.environ.get("KETENSIGNAAL_AXE_PATH", REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"))
SCREENSHOT_DIR = Path(os.environ.get("KETENSIGNAAL_SCREENSHOT_DIR", REPO_ROOT / "test-results" / "screenshots"))
CHROMIUM = os.environ.get("KETENSIGNAAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BROWSER_PASSWORD = "Een-lang-browser-wachtwoord-7"
# A loaded machine (several test runs sharing two cores) may need longer: KETENSIGNAAL_BROWSER_TIMEOUT_MS.
DEFAULT_TIMEOUT_MS = int(os.environ.get("KETENSIGNAAL_BROWSER_TIMEOUT_MS", "15000"))


# Made-up names for the professionals a test makes, so screens and screenshots name people as they would in use.
TEST_NAMES = [
    ("Anouk", "Verhoeven"),
    ("Bram", "Kuipers"),
    ("Carla", "Smits"),
    ("Dennis", "Vermeulen"),
    ("Esther", "Groen"),
    ("Frank", "Wouters"),
    ("Gerda", "Postma"),
    ("Hamid", "Bouzid"),
]


def missing_browser_requirements() -> list[str]:
    """What a browser test needs and this machine lacks (empty when Chromium and axe-core are both there)."""
    missing = []
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing.append(f"Chromium ontbreekt ({CHROMIUM}; apt-get install -y chromium)")
    if not AXE_PATH.exists():
        missing.append(f"axe-core ontbreekt ({AXE_PATH}; `make test` installs it with npm ci)")
    return missing


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A browser test that cannot run FAILS (it never skips): a machine without Chromium or axe-core would
    otherwise report a green suite that never opened a page. Checked before any fixture (database, live server)."""
    if item.get_closest_marker("browser") is None:
        return
    missing = missing_browser_requirements()
    if missing:
        pytest.fail("Browsertest kan niet draaien: " + "; ".join(missing), pytrace=False)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(_playwright: Any) -> Iterator[Any]:
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


def _sqlite_append_only(enable: bool) -> None:
    """On SQLite the processing log is append-only through triggers; the test flush after each live-server test
    deletes every row, so the triggers are lifted for the flush and put back before the next test."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("ketensignaal.governance.migrations.0003_sqlite_append_only")
    with connection.schema_editor() as editor:
        (migration.forwards if enable else migration.backwards)(None, editor)


@pytest.fixture
def _serial_requests_on_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """On SQLite the live server's threads share the test's single in-memory connection, so two requests the
    browser sends at once (a page and its htmx partial, each writing a log entry in a transaction) would nest
    transactions on it. Handle one request at a time there; PostgreSQL gives each thread its own connection."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    lock = threading.Lock()
    handle = WSGIHandler.__call__

    def serial(self: Any, environ: Any, start_response: Any) -> Any:
        with lock:
            return handle(self, environ, start_response)

    monkeypatch.setattr(WSGIHandler, "__call__", serial)


@pytest.fixture
def live_url(live_server: Any, transactional_db: Any, _serial_requests_on_sqlite: None) -> Iterator[str]:
    from ketensignaal.reference import reference_load

    _sqlite_append_only(True)
    reference_load()
    yield live_server.url.rstrip("/")
    _sqlite_append_only(False)


@pytest.fixture
def make_user(live_url: str) -> Callable[..., Any]:
    from ketensignaal.identity.services import user_create

    counter = {"n": 0}

    def factory(unit: str, *roles: str, username: str | None = None, **extra: Any) -> Any:
        counter["n"] += 1
        if "first_name" not in extra and "last_name" not in extra:  # a professional has a name, as in the demo
            extra["first_name"], extra["last_name"] = TEST_NAMES[(counter["n"] - 1) % len(TEST_NAMES)]
        user = user_create(
            username=username or f"{unit.replace('.', '-')}-{counter['n']}",
            unit_code=unit,
            roles=roles or ("reporter",),
            password=BROWSER_PASSWORD,
            validate=False,
            **extra,
        )
        if "functional-admin" in user.role_codes:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        return user

    return factory


def _user(user_or_username: Any) -> Any:
    from ketensignaal.identity.models import User
    from ketensignaal.identity.services import user_create
    from ketensignaal.installation.demo import DEMO_ACCOUNTS

    if not isinstance(user_or_username, str):
        return user_or_username
    user = User.objects.filter(username=user_or_username).first()
    if user is not None:
        return user
    for username, unit, roles, first, last in DEMO_ACCOUNTS:
        if username == user_or_username:
            user = user_create(
                username=username,
                unit_code=unit,
                roles=roles,
                password=BROWSER_PASSWORD,
                first_name=first,
                last_name=last,
                validate=False,
            )
            if "functional-admin" in roles:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            return user
    raise LookupError(f"Geen gebruiker {user_or_username!r} en ook geen demo-account met die naam.")


def current_totp(device: Any) -> str:
    """The code an authenticator app shows now, for a django-otp TOTPDevice.

    django-otp refuses a code of a time step it already accepted (replay), so when this device was used in the
    current step the next step's code is given (within the device's tolerance), or we wait for a fresh step.
    """
    from django_otp.oath import TOTP

    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    ahead = device.last_t - generator.t() + 1
    if ahead > device.tolerance:
        time.sleep(device.step)
        return current_totp(device)
    if ahead > 0:
        generator.drift += ahead
    return f"{generator.token():0{device.digits}d}"


def confirmed_device(user: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="browser-test", confirmed=True)
    return device


@pytest.fixture
def browser_password() -> str:
    """The password ``make_user`` and ``browser_login`` give accounts."""
    return BROWSER_PASSWORD


@pytest.fixture
def totp_code() -> Callable[[Any], str]:
    def code(user: Any) -> str:
        return current_totp(confirmed_device(_user(user)))

    return code


@pytest.fixture
def new_page(browser: Any, live_url: str) -> Iterator[Callable[[], Any]]:
    contexts: list[Any] = []

    def factory() -> Any:
        context = browser.new_context(locale="nl-NL", base_url=live_url)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []  # type: ignore[attr-defined]
        page.on("console", lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)  # type: ignore[attr-defined]
        return page

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def browser_login(new_page: Callable[[], Any], live_url: str) -> Callable[..., Any]:
    def login(user_or_username: Any) -> Any:
        user = _user(user_or_username)
        user.set_password(BROWSER_PASSWORD)
        user.save(update_fields=["password"])
        device = confirmed_device(user)
        page = new_page()
        page.goto(f"{live_url}/inloggen")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", BROWSER_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/mfa/**")
        page.fill("input[name=token]", current_totp(device))
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_url}/")
        return page

    return login


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} — {v.get('helpUrl', '')}")
        for node in v.get("nodes", [])[:10]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: {summary}")
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


def run_axe(page: Any) -> dict[str, Any]:
    """axe-core is evaluated through the DevTools protocol, which the page's CSP does not block."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    script = (
        "async (tags) => JSON.stringify(await window.axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
    )
    raw = page.evaluate(script, AXE_TAGS)
    return json.loads(raw)


def _screenshot_stem(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node_name).strip("-")[:120]


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``screenshot(page, label="")`` saves a full-page PNG of what the page shows now to
    ``test-results/screenshots/<test>-<n>[-<label>].png`` (the folder CI keeps and lists) and returns its path."""
    stem = _screenshot_stem(request.node.name)
    counter = {"n": 0}

    def take(page: Any, label: str = "") -> Path:
        counter["n"] += 1
        suffix = f"-{_screenshot_stem(label)}" if label else ""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{stem}-{counter['n']:02d}{suffix}.png"
        # caret="initial": hiding the caret would inject an inline style, which the page's CSP (rightly) reports.
        page.screenshot(path=str(path), full_page=True, caret="initial")
        return path

    return take


@pytest.fixture
def axe_check(screenshot: Callable[..., Path]) -> Callable[..., None]:
    """Checks the page with axe-core and saves a screenshot of it (every checked page is a screen worth seeing)."""

    def check(page: Any, *, allow_csp_violations: bool = False, label: str = "") -> None:
        screenshot(page, label)
        results = run_axe(page)
        violations = results["violations"]
        assert not violations, f"axe-core: {len(violations)} WCAG-overtreding(en) op {page.url}:\n{format_violations(violations)}"
        csp = getattr(page, "csp_violations", [])
        assert allow_csp_violations or not csp, f"CSP-overtredingen op {page.url}:\n" + "\n".join(csp)

    return check


@pytest.fixture
def page_check(axe_check: Callable[..., None]) -> Callable[..., None]:
    """``page_check(page, lang, label="")``: ``axe_check`` (screenshot, WCAG 2.2 AA, CSP), then the page speaks
    ``lang`` only — no untranslated Dutch on an English page, no English on a Dutch page — and is plain: no codes,
    internal ids or jargon on screen, no id used twice (``ui_language``)."""
    from ui_language import assert_one_language, assert_plain_page

    def check(page: Any, lang: str, label: str = "") -> None:
        axe_check(page, label=f"{lang}-{label}" if label else lang)
        assert_one_language(page, lang)
        assert_plain_page(page, lang)

    return check
