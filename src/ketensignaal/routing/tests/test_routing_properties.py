"""Properties of routing under any sequence of actions:

1. routing never skips the log — every change to a signal (a version bump) comes with exactly one new
   history entry and at least one processing-log entry; a refused action changes nothing and writes
   at most a ``refused`` log entry;
2. need to know never leaks — the units that can see a signal are exactly its involved units, each of
   which reported it or was the destination of a hop, and an organisation never routed to never sees it.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.core.errors import DomainError
from ketensignaal.core.need_to_know import visible
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.routing import services
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

UNITS = ["coa.locatie.ter-apel", "coa.bureau-veiligheid", "coa.adviseur-nv", "ind.tsz", "ind.unit-1f", "politie.cter", "aivd"]
OUTSIDER = "kmar.intelligence"  # never a destination in these sequences
ACTIONS = ["take", "note", "return", "forward", "close", "assign"]
OUTCOMES = ["unfounded", "established", "monitoring"]

step = st.tuples(
    st.sampled_from(ACTIONS),
    st.sampled_from(UNITS),
    st.sampled_from(UNITS),
    st.booleans(),
    st.booleans(),
    st.sampled_from(OUTCOMES),
)


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {unit: make_user(unit, "handler", "reporter") for unit in [*UNITS, OUTSIDER]}


def _run(
    action: str,
    actor: Any,
    signal: Signal,
    target: str,
    with_reason: bool,
    with_justification: bool,
    outcome: str,
    colleague: Any,
) -> None:
    common = {"actor": actor, "signal_id": signal.pk, "channel": "api"}
    if action == "take":
        services.signal_take(**common)
    elif action == "note":
        services.signal_add_note(**common, note="Aanvullende waarneming.")
    elif action == "return":
        services.signal_return(**common, note="Graag meer context.")
    elif action == "forward":
        services.signal_forward(
            **common,
            to_unit=target,
            reason="Deskundigheid nodig." if with_reason else "",
            justification="Noodzakelijk en evenredig in dit geval." if with_justification else "",
        )
    elif action == "close":
        services.signal_close(**common, outcome=outcome, note="Afgerond.")
    else:
        services.signal_assign(**common, assignee_id=colleague.pk)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=10), database_hit=st.booleans())
def test_routing_never_skips_the_log_and_never_leaks(people: dict[str, Any], steps: list[Any], database_hit: bool) -> None:
    signal = submit(
        people["coa.locatie.ter-apel"], categories=["terrorisme"], observation__type="database" if database_hit else "statement"
    )
    for action, actor_unit, target, with_reason, with_justification, outcome in steps:
        actor = people[actor_unit]
        before_version = Signal.objects.get(pk=signal.pk).version
        before_events = SignalEvent.objects.filter(signal=signal).count()
        before_log = ProcessingLogEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        with contextlib.suppress(DomainError, Http404):
            _run(action, actor, signal, target, with_reason, with_justification, outcome, actor)
        after = Signal.objects.get(pk=signal.pk)
        new_log = list(ProcessingLogEntry.objects.filter(sequence__gt=before_log).values_list("action", "result"))
        new_events = SignalEvent.objects.filter(signal=signal).count() - before_events
        if after.version != before_version:
            assert after.version == before_version + 1
            assert new_events == 1
            assert any(result == "success" and act in {"update", "disclose", "create"} for act, result in new_log)
        else:
            assert new_events == 0
            assert all(result == "refused" for _act, result in new_log)

        involved = set(SignalInvolvement.objects.filter(signal=signal).values_list("unit__code", flat=True))
        reached = {"coa.locatie.ter-apel"} | set(
            SignalEvent.objects.filter(signal=signal).values_list("to_unit__code", flat=True)
        )
        assert involved <= reached
        assert after.current_unit.code in involved
        seeing = {code for code, person in people.items() if visible(person, Signal.objects.filter(pk=signal.pk)).exists()}
        assert seeing == involved & set(people)
        assert OUTSIDER not in seeing
        # A hop into another organisation only ever happened with a recorded legal basis.
        for event in SignalEvent.objects.filter(signal=signal, action__startswith="forwarded").select_related(
            "from_unit", "to_unit"
        ):
            if event.from_unit.organisation_id != event.to_unit.organisation_id:
                assert event.legal_basis and event.justification


def test_outsider_sees_nothing_in_lists(people: dict[str, Any]) -> None:
    submit(people["coa.locatie.ter-apel"])
    outsider = people[OUTSIDER]
    assert not visible(outsider, Signal.objects.all()).exists()
    assert Unit.objects.get(code=OUTSIDER).signal_involvements.count() == 0
