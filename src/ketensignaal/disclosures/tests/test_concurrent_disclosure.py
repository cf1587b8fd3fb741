"""Two hub analysts disclose the same signal to the same service at the same moment (PostgreSQL, two connections):
one disclosure is made; the other is told who was first; one involvement, one disclosure, one log entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from ketensignaal.core.errors import Conflict
from ketensignaal.disclosures import services
from ketensignaal.disclosures.models import Disclosure
from ketensignaal.disclosures.tests.factories import signal_at_hub
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import SignalInvolvement
from ketensignaal.routing.tests.test_concurrency import _race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks between two connections)")


def test_two_analysts_disclosing_at_once_make_one_disclosure(make_user: Any) -> None:
    one = make_user("ind.tsz", "hub-analyst", "handler", username="analist-een")
    two = make_user("ind.tsz", "hub-analyst", "handler", username="analist-twee")
    signal = signal_at_hub(reporter=make_user("coa.locatie.ter-apel", "reporter"), categories=("terrorisme",))

    def disclose(actor: Any) -> Any:
        return services.disclosure_create(
            actor=actor, signal=signal, recipient="aivd", justification="Uitspraken over een aanslag; vertrek ophanden."
        )

    results = _race(lambda: disclose(one), lambda: disclose(two))
    made = [r for r in results if isinstance(r, Disclosure)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(made) == 1 and len(refused) == 1, results
    [refusal] = refused
    assert isinstance(refusal, Conflict) and refusal.status == 409 and refusal.code == "already_disclosed"
    winner = made[0].disclosed_by
    assert "heeft dit signaal al ontvangen" in refusal.detail and winner.display_name in refusal.detail
    assert [p["name"] for p in refusal.invalid_params] == ["recipient"]
    assert SignalInvolvement.objects.filter(signal=signal, unit__code="aivd").count() == 1
    assert Disclosure.objects.filter(signal=signal).count() == 1
    assert ProcessingLogEntry.objects.filter(action="disclose", object_id=str(signal.pk)).count() == 1
