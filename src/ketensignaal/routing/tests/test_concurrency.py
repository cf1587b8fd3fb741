"""Real concurrency on PostgreSQL: the row lock and the version make exactly one of two racing actions win,
and the per-year counter hands out each reference once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from ketensignaal.core.errors import DomainError
from ketensignaal.intake.models import Signal
from ketensignaal.routing import services
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks)")


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_handlers_closing_at_once_only_one_wins(make_user: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel")
    one, two = make_user("coa.bureau-veiligheid", "handler"), make_user("coa.bureau-veiligheid", "handler")
    signal = submit(reporter)
    version = Signal.objects.get(pk=signal.pk).version
    results = _race(
        lambda: services.signal_close(
            actor=one, signal_id=signal.pk, outcome="unfounded", note="Afgerond.", expected_version=version, channel="api"
        ),
        lambda: services.signal_forward(
            actor=two, signal_id=signal.pk, to_unit="coa.adviseur-nv", expected_version=version, channel="api"
        ),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError) and errors[0].status == 409, results
    signal.refresh_from_db()
    assert signal.version == version + 1
    assert SignalEvent.objects.filter(signal=signal).count() == 2  # reported + the winner


def test_without_versions_the_lock_serialises_and_the_table_refuses_the_second(make_user: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel")
    one, two = make_user("coa.bureau-veiligheid", "handler"), make_user("coa.bureau-veiligheid", "handler")
    signal = submit(reporter)
    results = _race(
        lambda: services.signal_close(actor=one, signal_id=signal.pk, outcome="unfounded", note="Afgerond.", channel="api"),
        lambda: services.signal_close(actor=two, signal_id=signal.pk, outcome="monitoring", note="Afgerond.", channel="api"),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError) and errors[0].code == "invalid_transition", results
    assert SignalEvent.objects.filter(signal=signal, action="closed").count() == 1


def test_references_are_unique_under_concurrent_submits(make_user: Any) -> None:
    reporters = [make_user("coa.locatie.ter-apel") for _ in range(8)]
    results = _race(*[lambda r=r: submit(r) for r in reporters])
    references = sorted(s.reference for s in results)
    assert len(set(references)) == 8
    assert [int(ref.rsplit("-", 1)[1]) for ref in references] == list(range(1, 9))
