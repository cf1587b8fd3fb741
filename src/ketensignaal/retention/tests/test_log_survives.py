"""The processing log survives destruction: entries stay, verify-log passes, and the export (Logius LDV fields) still
shows them, each linked to its processing activity in the register and with the subject only as a pseudonym."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ketensignaal.governance.models import ProcessingActivity, ProcessingLogEntry
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.retention import services
from ketensignaal.retention.tests.conftest import closed_signal

pytestmark = pytest.mark.django_db


def test_log_entries_stay_verify_log_passes_and_the_export_follows_ldv(
    people: Any, api_client_for: Any, web_client_for: Any
) -> None:
    signal = closed_signal(people)
    ref = subject_ref("signal", signal.pk)
    before = ProcessingLogEntry.objects.filter(data_subject_ref=ref).count()
    (dlist,) = services.destruction_lists_propose()
    services.destruction_list_confirm(actor=people["officer"], dlist=dlist, channel="web")
    services.destruction_run(dlist=dlist, now=timezone.now() + timedelta(days=15))
    assert ProcessingLogEntry.objects.filter(data_subject_ref=ref).count() > before

    out = io.StringIO()
    call_command("verify-log", stdout=out)
    assert out.getvalue().strip()

    today = timezone.localdate().isoformat()
    response = api_client_for(people["officer"]).get(f"/api/v1/processing-log/export?from={today}&to={today}")
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
    records = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    about = [r for r in records if r["attributes"].get("dpl.core.data_subject_id") == ref]
    assert {"signal.delete", "signal-involvement.delete", "signal.update"} <= {r["name"] for r in about}
    codes = set(ProcessingActivity.objects.values_list("code", flat=True))
    for record in records:
        assert {"trace_id", "operation_id", "name", "start_time", "end_time", "status_code", "attributes"} <= set(record)
        assert len(record["trace_id"]) == 32 and len(record["operation_id"]) == 16
        uri = record["attributes"]["dpl.core.processing_activity_id"]
        assert uri.rsplit("/", 1)[1] in codes, "every entry links to an activity in the register"
    body = json.dumps(records, ensure_ascii=False)
    assert "Mohammed" not in body and "1234567890" not in body

    exported = ProcessingLogEntry.objects.filter(object_type="processing-log-export").get()
    assert exported.object_id == f"{today}/{today}"
    web = web_client_for(people["officer"])
    assert web.get("/privacy/verwerkingenlog/export").status_code == 200
    download = web.get(f"/privacy/verwerkingenlog/export?start={today}&end={today}")
    assert download["Content-Type"] == "application/x-ndjson"
    police = api_client_for(people["police_officer"]).get(f"/api/v1/processing-log/export?from={today}&to={today}")
    police_records = b"".join(police.streaming_content).decode()
    assert ref not in police_records, "another organisation's privacy officer does not see this organisation's processing"


def test_export_needs_a_valid_period(people: Any, api_client_for: Any) -> None:
    client = api_client_for(people["officer"])
    assert client.get("/api/v1/processing-log/export").status_code == 400
    bad = client.get("/api/v1/processing-log/export?from=2026-05-01&to=2026-04-01")
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "to"
    assert api_client_for(people["handler"]).get("/api/v1/processing-log/export?from=2026-05-01&to=2026-05-02").status_code == 403
