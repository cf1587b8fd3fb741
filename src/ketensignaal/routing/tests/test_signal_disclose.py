"""The one disclosure service: flow, handling code and justification weighed; grant, history and log together."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction

from ketensignaal.core.errors import HandlingCodeForbids, NoLegalBasis, ValidationFailed
from ketensignaal.governance.models import LegalBasisFlow, ProcessingLogEntry
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.routing import services
from ketensignaal.routing.disclosure import disclosure_check, signal_disclose, signal_disclosure_recall
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("ind.aanmeldcentrum", "reporter"),
        "handhaving": make_user("ind.handhaving", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
        "cter": make_user("politie.cter", "handler"),
    }


def _unit(code: str) -> Unit:
    return Unit.objects.select_related("organisation").get(code=code)


def _counts(signal: Signal) -> tuple[int, int, int]:
    return (
        SignalInvolvement.objects.filter(signal=signal).count(),
        SignalEvent.objects.filter(signal=signal).count(),
        ProcessingLogEntry.objects.count(),
    )


def _disclose(actor: Any, signal: Signal, to: str, **kwargs: Any) -> Any:
    with transaction.atomic():
        return signal_disclose(actor=actor, signal=signal, to_unit=_unit(to), reason="disclosed", channel="api", **kwargs)


def test_a_grant_across_organisations_writes_involvement_history_and_log_with_the_flow_version(people: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"])
    grant = _disclose(people["reporter"], signal, "politie.cter", justification="Concrete dreiging, politie moet weten.")
    assert grant.created and grant.permit.crosses
    involvement = SignalInvolvement.objects.get(signal=signal, unit__code="politie.cter")
    assert involvement.legal_basis == "ind-politie-convenant-ct@v1"
    event = SignalEvent.objects.get(signal=signal, action="disclosed")
    assert (event.to_unit.code, event.legal_basis) == ("politie.cter", "ind-politie-convenant-ct@v1")
    assert event.justification == "Concrete dreiging, politie moet weten."
    entry = ProcessingLogEntry.objects.order_by("sequence").last()
    assert (entry.action, entry.legal_basis, entry.result) == ("disclose", "ind-politie-convenant-ct@v1", "success")


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("none", "geen gegevensstroom geregistreerd"),
        ("expired", "verlopen op"),
        ("category", "'extremisme'"),
        ("data-category", "'adviesrapport'"),
    ],
    ids=["no-flow", "expired-flow", "category-not-covered", "data-category-not-covered"],
)
def test_no_registered_flow_is_a_403_and_nothing_is_written(people: Any, setup: str, expected: str) -> None:
    categories = ["extremisme"] if setup == "category" else ["terrorisme"]
    signal = submit(people["reporter"], categories=categories)
    flows = LegalBasisFlow.objects.filter(from_organisation__code="ind", to_organisation__code="politie", named_use_only=False)
    if setup == "none":
        flows.delete()
    elif setup == "expired":
        flows.update(valid_until=date.today() - timedelta(days=1))
    before = _counts(signal)
    with pytest.raises(NoLegalBasis) as refused:
        _disclose(
            people["reporter"],
            signal,
            "politie.cter",
            justification="Waarom wel.",
            data_categories=["adviesrapport"] if setup == "data-category" else None,
        )
    assert refused.value.status == 403 and expected in refused.value.detail
    assert _counts(signal) == before


def test_a_missing_justification_is_a_400_naming_it_after_the_flow_check(people: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"])
    before = _counts(signal)
    with pytest.raises(ValidationFailed) as refused:
        _disclose(people["reporter"], signal, "politie.cter", justification="  ")
    assert refused.value.status == 400 and [p["name"] for p in refused.value.invalid_params] == ["justification"]
    assert _counts(signal) == before


def test_the_acute_flow_never_carries_an_ordinary_disclosure(people: Any) -> None:
    signal = submit(people["reporter"], categories=["mensenhandel-smokkel"])  # no ordinary IND → police flow covers it
    assert LegalBasisFlow.objects.filter(code="acuut-gevaar-ind-politie", named_use_only=True).exists()
    with pytest.raises(NoLegalBasis):
        _disclose(people["reporter"], signal, "politie.cter", justification="Waarom wel.")


@pytest.mark.parametrize(
    ("code", "to", "allowed"),
    [
        ("RED", "ind.tsz", False),  # RED: not even within the organisation beyond the named recipients
        ("RED", "politie.cter", False),
        ("AMBER+STRICT", "ind.tsz", True),  # stays within the recipient organisation
        ("AMBER+STRICT", "politie.cter", False),
        ("AMBER", "politie.cter", True),  # over a registered flow
        ("GREEN", "politie.cter", True),
        ("CLEAR", "politie.cter", True),
    ],
)
def test_the_suppliers_handling_code_binds_every_step(people: Any, code: str, to: str, allowed: bool) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"], handling_code=code)
    before = _counts(signal)
    if allowed:
        assert _disclose(people["handhaving"], signal, to, justification="Nodig.").created
        return
    with pytest.raises(HandlingCodeForbids) as refused:
        _disclose(people["handhaving"], signal, to, justification="Nodig.")
    assert refused.value.status == 403 and refused.value.code == "handling_code"
    assert refused.value.invalid_params[0]["name"] == "handling_code" and f"TLP:{code}" in refused.value.detail
    assert _counts(signal) == before


def test_a_handling_code_never_replaces_a_legal_basis(people: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"], handling_code="CLEAR")
    LegalBasisFlow.objects.filter(from_organisation__code="ind", to_organisation__code="politie").delete()
    with pytest.raises(NoLegalBasis):
        _disclose(people["reporter"], signal, "politie.cter", justification="Openbaar, dus mag het?")


def test_red_stays_with_the_first_hop_the_supplier_named(people: Any) -> None:
    signal = submit(people["reporter"], handling_code="RED")
    assert signal.current_unit.code == "ind.handhaving"  # the route's first hop still receives it
    with pytest.raises(HandlingCodeForbids):
        services.signal_forward(
            actor=people["handhaving"], signal_id=signal.pk, to_unit="ind.tsz", channel="api", justification="x"
        )
    refusal = ProcessingLogEntry.objects.order_by("sequence").last()
    assert (refusal.action, refusal.result) == ("disclose", "refused")  # the attempt is on record


def test_the_check_writes_nothing_and_names_the_refusal_for_the_form(people: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"])
    before = _counts(signal)
    permit = disclosure_check(
        signal=signal, from_unit=_unit("ind.handhaving"), to_unit=_unit("politie.cter"), require_justification=False
    )
    assert permit.legal_basis == "ind-politie-convenant-ct@v1" and not permit.already_involved
    assert _counts(signal) == before


def test_recall_ends_the_grant_with_a_reason_logged_per_recipient(people: Any, api_client_for: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"])
    _disclose(people["reporter"], signal, "politie.cter", justification="Nodig.")
    cter = api_client_for(people["cter"])
    assert cter.get(f"/api/v1/signals/{signal.pk}").status_code == 200
    with pytest.raises(ValidationFailed):
        signal_disclosure_recall(actor=people["reporter"], signal=signal, unit=_unit("politie.cter"), reason="", channel="api")
    signal_disclosure_recall(
        actor=people["reporter"], signal=signal, unit=_unit("politie.cter"), reason="Verkeerde ontvanger.", channel="api"
    )
    assert cter.get(f"/api/v1/signals/{signal.pk}").status_code == 404
    event = SignalEvent.objects.get(signal=signal, action="recalled")
    assert (event.to_unit.code, event.reason) == ("politie.cter", "Verkeerde ontvanger.")
    entry = ProcessingLogEntry.objects.filter(action="delete", object_type="signal-involvement").get()
    assert entry.object_id.endswith(":politie.cter")
    # The reporting unit's own involvement is its history: it cannot be recalled.
    with pytest.raises(ValidationFailed):
        signal_disclosure_recall(
            actor=people["reporter"], signal=signal, unit=_unit("ind.aanmeldcentrum"), reason="Weg.", channel="api"
        )


def test_recalling_a_grant_to_one_person_notes_it_in_the_readers_language(people: Any) -> None:
    """Issue 10, English complete: the history note of a recall was an untranslated f-string. It is stored in Dutch
    (whoever wrote it) and shown in the reader's language."""
    from django.utils import translation

    signal = submit(people["reporter"], categories=["terrorisme"])
    _disclose(people["reporter"], signal, "politie.cter", justification="Nodig.", to_user=people["cter"])
    with translation.override("en"):
        signal_disclosure_recall(
            actor=people["reporter"],
            signal=signal,
            unit=_unit("politie.cter"),
            user=people["cter"],
            reason="Verkeerde ontvanger.",
            channel="api",
        )
    event = SignalEvent.objects.get(signal=signal, action="recalled")
    assert event.note.startswith("Verstrekking ingetrokken (") and event.note.endswith(")")
    name = event.note[len("Verstrekking ingetrokken (") : -1]
    assert name
    with translation.override("en"):
        assert event.display_note == f"Disclosure recalled ({name})"
    with translation.override("nl"):
        assert event.display_note == event.note


def test_a_second_grant_to_the_same_unit_keeps_the_first(people: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"])
    first = _disclose(people["reporter"], signal, "politie.cter", justification="Nodig.")
    second = _disclose(people["reporter"], signal, "politie.cter", justification="Nog eens.")
    assert first.created and not second.created
    assert SignalInvolvement.objects.filter(signal=signal, unit__code="politie.cter").count() == 1


def test_only_the_disclosure_service_writes_need_to_know() -> None:
    """Static check over every production module: no other module creates, changes or deletes SignalInvolvement."""
    from ketensignaal.routing.tests.involvement_writers import involvement_writers, writes_in_source

    assert involvement_writers() == []
    # The detector itself can fail: it flags each way of writing the table.
    for snippet in (
        "SignalInvolvement.objects.create(signal=s, unit=u, reason='x')",
        "SignalInvolvement.objects.bulk_create([SignalInvolvement(signal=s, unit=u)])",
        "SignalInvolvement.objects.filter(signal=s).update(reason='x')",
        "signal.involvements.create(unit=u)",
        "SignalInvolvement.objects.get_or_create(signal=s, unit=u)",
        "SignalInvolvement(signal=s, unit=u).save()",
        "x.involvements.all().delete()",
    ):
        assert writes_in_source(snippet), snippet
    assert not writes_in_source("SignalInvolvement.objects.filter(signal=s).exists()")


def test_only_the_supplier_lowers_the_handling_code_and_it_is_recorded(people: Any, api_client_for: Any) -> None:
    signal = submit(people["reporter"], categories=["terrorisme"], handling_code="RED")
    url = f"/api/v1/signals/{signal.pk}/handling-code"
    holder = api_client_for(people["handhaving"])
    assert holder.post(url, {"handling_code": "AMBER", "reason": "Mag verder."}, format="json").status_code == 403
    supplier = api_client_for(people["reporter"])
    assert supplier.post(url, {"handling_code": "RED", "reason": "Gelijk."}, format="json").status_code == 400
    lowered = supplier.post(url, {"handling_code": "AMBER", "reason": "De bron is akkoord."}, format="json")
    assert lowered.status_code == 200, lowered.content
    assert lowered.json()["handling_code"] == "AMBER"
    event = SignalEvent.objects.get(signal=signal, action="handling-code-lowered")
    assert event.note == "TLP:RED → TLP:AMBER" and event.reason == "De bron is akkoord."
    # Now the holder may share it within the organisation.
    signal.refresh_from_db()
    assert _disclose(people["handhaving"], signal, "ind.tsz", justification="Nodig.").created
