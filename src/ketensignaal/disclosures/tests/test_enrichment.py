"""Enrichment: structured facts from the IND file with their source."""

from __future__ import annotations

from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.governance.models import ProcessingLogEntry


def test_hub_records_fact_with_source_and_reporter_does_not_see_it(make_user, api_client_for) -> None:
    reporter = make_user("coa.locatie.ter-apel")
    hub = make_user("ind.tsz", "hub-analyst")
    signal = signal_at_hub(reporter=reporter)
    client = api_client_for(hub)
    response = client.post(
        f"/api/v1/signals/{signal.pk}/enrichments",
        {"kind": "procedure-stage", "value": "Nader gehoor gepland", "source": "INDiGO dossier"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert ProcessingLogEntry.objects.filter(object_type="enrichment-fact", action="create").count() == 1
    assert [f["source"] for f in client.get(f"/api/v1/signals/{signal.pk}/enrichments").json()] == ["INDiGO dossier"]
    assert api_client_for(reporter).get(f"/api/v1/signals/{signal.pk}/enrichments").json() == []


def test_fact_without_source_is_refused(make_user, api_client_for) -> None:
    hub = make_user("ind.tsz", "hub-analyst")
    signal = signal_at_hub(reporter=make_user("coa.locatie.ter-apel"))
    response = api_client_for(hub).post(
        f"/api/v1/signals/{signal.pk}/enrichments", {"kind": "track", "value": "AA", "source": " "}, format="json"
    )
    assert response.status_code == 400
    assert not ProcessingLogEntry.objects.exists()
