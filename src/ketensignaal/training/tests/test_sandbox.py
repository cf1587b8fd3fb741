"""The training sandbox: a separate instance on its own SQLite file with hypothetical cases only, a banner on every
page, accounts that do not exist in the real instance, and no way to reach the real database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from ketensignaal.core.errors import NotAllowed
from ketensignaal.identity.models import User
from ketensignaal.intake.models import Signal
from ketensignaal.training.sandbox import CASES, SANDBOX_PASSWORD, TRAINEES, sandbox_load

SRC = Path(__file__).resolve().parents[3]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "KETENSIGNAAL_", "DJANGO_"))}
    base.update({"PYTHONPATH": str(SRC), **env})
    return subprocess.run([sys.executable, *args], env=base, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def sandbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sandbox prepared by the real command, started as an operator would from a real installation."""
    directory = tmp_path_factory.mktemp("oefen")
    real = tmp_path_factory.mktemp("echt") / "ketensignaal.sqlite3"
    result = _run(
        ["-m", "ketensignaal.cli", "sandbox", "--no-serve", "--dir", str(directory)],
        {
            "DATABASE_URL": f"sqlite:///{real}",
            "KETENSIGNAAL_SECRET_KEY": "echte-sleutel-" + "x" * 40,
            "KETENSIGNAAL_VAR_DIR": str(real.parent),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OEFENOMGEVING" in result.stdout
    assert not real.exists(), "the sandbox command must not touch the real database"
    return directory


def test_the_sandbox_holds_the_hypothetical_cases_and_trainees(sandbox_dir: Path) -> None:
    with sqlite3.connect(sandbox_dir / "sandbox.sqlite3") as db:
        texts = [row[0] for row in db.execute("SELECT observation_text FROM intake_signal")]
        users = {row[0] for row in db.execute("SELECT username FROM identity_user")}
        conference = list(db.execute("SELECT id, reason FROM conferences_conferencecase"))
        warnings = [row[0] for row in db.execute("SELECT code FROM conferences_measurewarning")]
    assert len(texts) == len(CASES) == 5
    assert all(text.startswith("[OEFENCASUS") for text in texts)
    assert users == {username for username, *_ in TRAINEES}
    # The municipal case with interfering measures is a real case in the case conference, with its warning.
    assert len(conference) == 1 and conference[0][1].startswith("[OEFENCASUS")
    assert warnings, "prosecution and undesirable-alien raise the interference warning"
    assert (sandbox_dir / "secret_key").exists(), "the sandbox generates its own secret key, never the real one"


def test_the_sandbox_process_knows_only_its_own_database(sandbox_dir: Path) -> None:
    probe = (
        "import django, json; django.setup(); from django.conf import settings; from django.db import connections; "
        "print(json.dumps([list(settings.DATABASES), str(settings.DATABASES['default']['NAME']), settings.SANDBOX, "
        "settings.SECRET_KEY.startswith('echte-sleutel'), [c.alias for c in connections.all()]]))"
    )
    result = _run(
        ["-c", probe],
        {
            "DJANGO_SETTINGS_MODULE": "ketensignaal.settings",
            "KETENSIGNAAL_SANDBOX": "1",
            "DATABASE_URL": f"sqlite:///{sandbox_dir / 'sandbox.sqlite3'}",
            "KETENSIGNAAL_VAR_DIR": str(sandbox_dir),
            "KETENSIGNAAL_SECRET_KEY": "echte-sleutel-" + "x" * 40,
        },
    )
    assert result.returncode == 0, result.stderr
    import json

    aliases, name, sandbox, real_key, connected = json.loads(result.stdout.strip().splitlines()[-1])
    assert aliases == ["default"] and connected == ["default"]
    assert name == str(sandbox_dir / "sandbox.sqlite3") and sandbox is True
    assert real_key is False, "the real instance's secret key never reaches the sandbox"


@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/ketensignaal", "sqlite:////tmp/ketensignaal.sqlite3"])
def test_sandbox_settings_refuse_any_other_database(url: str, tmp_path: Path) -> None:
    result = _run(
        ["-c", "import django; django.setup()"],
        {
            "DJANGO_SETTINGS_MODULE": "ketensignaal.settings",
            "KETENSIGNAAL_SANDBOX": "1",
            "DATABASE_URL": url,
            "KETENSIGNAAL_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    assert "nooit op de echte database" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/ks_echt", "sqlite:////tmp/ketensignaal.sqlite3"])
def test_the_command_pointed_at_a_real_database_refuses_and_writes_nothing(url: str, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="niets geschreven"):
        call_command("sandbox", "--no-serve", "--dir", str(tmp_path), "--database-url", url)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_hypothetical_cases_cannot_be_loaded_into_the_real_instance(reference: None) -> None:
    with pytest.raises(NotAllowed):
        sandbox_load()
    assert not Signal.objects.exists() and not User.objects.filter(username__startswith="oefen-").exists()


@pytest.mark.django_db
def test_sandbox_accounts_cannot_sign_in_to_the_real_instance(sandbox_dir: Path, reference: None) -> None:
    from django.test import Client, RequestFactory

    request = RequestFactory().post("/inloggen")
    assert authenticate(request, username="oefen-coa", password=SANDBOX_PASSWORD) is None
    page = Client().post("/inloggen", {"username": "oefen-coa", "password": SANDBOX_PASSWORD})
    assert page.status_code != 302, "a sandbox account is unknown to the real instance"


@pytest.mark.django_db
def test_every_page_carries_the_banner_in_the_sandbox_and_the_debrief_exists_only_there(
    settings: Any, make_user: Any, web_client_for: Any
) -> None:
    trainer = make_user("lse.liv", "liv-staff")
    web = web_client_for(trainer)
    assert web.get("/oefenen/nabespreking").status_code == 404
    assert "OEFENOMGEVING" not in web.get("/opleidingen/").content.decode()
    settings.SANDBOX = True
    page = web.get("/opleidingen/").content.decode()
    assert "OEFENOMGEVING" in page and "[OEFENING]" in page
    debrief = web.get("/oefenen/nabespreking")
    assert debrief.status_code == 200 and "Nabespreking" in debrief.content.decode()


@pytest.mark.django_db
def test_the_debrief_names_trainees_as_colleagues_know_them_not_by_account(
    settings: Any, make_user: Any, web_client_for: Any
) -> None:
    """Issue 10, point 6: the debrief grouped by account name ("oefen-coa"); it names the trainee (display_name)."""
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.routing.services import signal_submit
    from ketensignaal.routing.tests.factories import body

    trainer = make_user("lse.liv", "liv-staff")
    trainee = make_user("coa.locatie.ter-apel", "reporter", username="oefen-coa-test")
    trainee.first_name, trainee.last_name = "Oefen", "Deelnemer"
    trainee.save(update_fields=["first_name", "last_name"])
    signal_submit(actor=trainee, data=parse_signal_input(body()), channel="web")
    settings.SANDBOX = True
    page = web_client_for(trainer).get("/oefenen/nabespreking").content.decode()
    assert "Oefen Deelnemer" in page
    assert "oefen-coa-test" not in page
