"""The log commands start with only the processing log's apps: no views, API schema or jobs are imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketensignaal import cli

SRC = Path(__file__).resolve().parents[2] / "src"

PROBE = """
import json, sys
import django
django.setup()
from django.apps import apps
from django.core.management import get_commands
from ketensignaal.governance.checkpoints import log_verify  # what verify-log calls
from ketensignaal.governance.models import ProcessingLogEntry
print(json.dumps({
    "apps": sorted(config.label for config in apps.get_app_configs()),
    "commands": sorted(name for name in ("verify-log", "log-checkpoint") if name in get_commands()),
    "audit": ProcessingLogEntry._meta.get_field("audit").related_model._meta.label,
    "heavy": sorted(name for name in ("ketensignaal.api.schema", "drf_spectacular", "rigour", "procrastinate",
                                      "ketensignaal.conferences.services") if name in sys.modules),
}))
"""


def _probe(app_set: str | None) -> dict[str, list[str] | str]:
    env = {k: v for k, v in os.environ.items() if k != "KETENSIGNAAL_APP_SET"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(SRC), env.get("PYTHONPATH", ""))))
    env["DJANGO_SETTINGS_MODULE"] = "ketensignaal.settings"
    if app_set:
        env["KETENSIGNAAL_APP_SET"] = app_set
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_log_app_set_loads_the_log_and_nothing_heavy() -> None:
    probe = _probe("log")
    assert probe["apps"] == ["auth", "axes", "contenttypes", "governance", "identity"]
    assert probe["commands"] == ["log-checkpoint", "verify-log"]
    assert probe["audit"] == "governance.AuditRecord"
    assert probe["heavy"] == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ketensignaal", "verify-log"], "log"),
        (["ketensignaal", "log-checkpoint"], "log"),
        (["ketensignaal", "check"], None),
        (["ketensignaal"], None),
    ],
)
def test_cli_chooses_the_log_app_set_only_for_the_log_commands(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: str | None
) -> None:
    seen: dict[str, str | None] = {}
    # cli.main() sets the variable in os.environ itself: set it through monkeypatch first, so that the teardown
    # removes it again (a leaked app set would trim INSTALLED_APPS for every later subprocess of this worker).
    monkeypatch.setenv("KETENSIGNAAL_APP_SET", "")
    monkeypatch.delenv("KETENSIGNAAL_APP_SET")
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda args: seen.setdefault("app_set", os.environ.get("KETENSIGNAAL_APP_SET")),
    )
    cli.main()
    assert seen["app_set"] == expected
