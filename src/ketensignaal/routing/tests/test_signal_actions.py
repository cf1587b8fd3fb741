"""Actions at a hop: forward (on/off route, across organisations), return, close, assign, concurrency."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.core.errors import Conflict, NoLegalBasis, NotAllowed, Unprocessable, ValidationFailed
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow, ProcessingLogEntry
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.routing import services
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.selectors import forward_options, signal_feedback
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coa(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bureau": make_user("coa.bureau-veiligheid", "handler"),
        "bureau2": make_user("coa.bureau-veiligheid", "handler"),
        "adviser": make_user("coa.adviseur-nv", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
    }


def _state(signal: Signal) -> tuple[Any, ...]:
    signal.refresh_from_db()
    return (
        signal.status,
        signal.current_unit_id,
        signal.version,
        SignalEvent.objects.filter(signal=signal).count(),
        SignalInvolvement.objects.filter(signal=signal).count(),
    )


def _at_adviser(coa: dict[str, Any], **changes: Any) -> Signal:
    signal = submit(coa["reporter"], **changes)
    services.signal_forward(actor=coa["bureau"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    return signal


def test_off_route_needs_a_reason(coa: dict[str, Any]) -> None:
    signal = submit(coa["reporter"])
    before = _state(signal)
    with pytest.raises(ValidationFailed) as refused:
        services.signal_forward(actor=coa["bureau"], signal_id=signal.pk, to_unit="coa.locatie.budel", channel="web")
    assert refused.value.invalid_params[0]["name"] == "reason"
    assert _state(signal) == before
    services.signal_forward(
        actor=coa["bureau"],
        signal_id=signal.pk,
        to_unit="coa.locatie.budel",
        reason="Persoon is verhuisd naar Budel.",
        channel="web",
    )
    assert SignalEvent.objects.filter(signal=signal).last().action == "forwarded-off-route"


@pytest.mark.parametrize(
    ("setup", "changes", "justification", "expected"),
    [
        ("none", {}, "Nodig voor verrijking.", "geen gegevensstroom geregistreerd"),
        ("no-basis", {}, "Nodig voor verrijking.", "geen grondslag vastgesteld"),
        ("expired", {}, "Nodig voor verrijking.", "verlopen op"),
        ("categories", {}, "Nodig voor verrijking.", "extremisme"),
    ],
    ids=["no-flow", "flow-without-basis", "flow-expired", "category-not-covered"],
)
def test_cross_organisation_forward_needs_basis_and_justification(
    coa: dict[str, Any], setup: str, changes: dict[str, Any], justification: str, expected: str
) -> None:
    flow = LegalBasisFlow.objects.get(code="coa-ind-nationale-veiligheid")
    categories = ["radicalisering"]
    if setup == "none":
        flow.delete()
    elif setup == "no-basis":
        LegalBasisFlow.objects.filter(pk=flow.pk).update(status=FlowStatus.NO_LEGAL_BASIS)
    elif setup == "expired":
        LegalBasisFlow.objects.filter(pk=flow.pk).update(valid_until=date.today() - timedelta(days=1))
    elif setup == "categories":
        LegalBasisFlow.objects.filter(pk=flow.pk).update(signal_categories=["terrorisme", "radicalisering"])
        categories = ["radicalisering", "extremisme"]
    signal = _at_adviser(coa, categories=categories)
    before, log_before = _state(signal), ProcessingLogEntry.objects.count()
    with pytest.raises(NoLegalBasis) as refused:
        services.signal_forward(
            actor=coa["adviser"], signal_id=signal.pk, to_unit="ind.tsz", justification=justification, channel="web"
        )
    assert refused.value.status == 403 and refused.value.code == "no_legal_basis"
    assert expected in refused.value.detail
    assert _state(signal) == before  # nothing about the signal changed
    refusal = ProcessingLogEntry.objects.order_by("sequence").last()
    assert ProcessingLogEntry.objects.count() == log_before + 1 and (refusal.action, refusal.result) == ("disclose", "refused")
    assert not SignalInvolvement.objects.filter(signal=signal, unit__code="ind.tsz").exists()


def test_cross_organisation_forward_without_justification_is_a_400_naming_it(coa: dict[str, Any]) -> None:
    signal = _at_adviser(coa)
    before, log_before = _state(signal), ProcessingLogEntry.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.signal_forward(actor=coa["adviser"], signal_id=signal.pk, to_unit="ind.tsz", justification=" ", channel="web")
    assert refused.value.status == 400
    assert [p["name"] for p in refused.value.invalid_params] == ["justification"]
    assert _state(signal) == before and ProcessingLogEntry.objects.count() == log_before


def test_forward_options_show_the_route_and_the_basis(coa: dict[str, Any]) -> None:
    signal = _at_adviser(coa, categories=["extremisme"])
    signal.refresh_from_db()
    [option] = forward_options(user=coa["adviser"], signal=signal)
    assert option.unit_code == "ind.tsz" and option.crosses_organisation and option.where_needed
    assert option.flow == "coa-ind-nationale-veiligheid@v1" and option.allowed


def test_return_goes_to_the_previous_unit_and_comes_back(coa: dict[str, Any]) -> None:
    signal = _at_adviser(coa)
    services.signal_return(actor=coa["adviser"], signal_id=signal.pk, note="Wie heeft dit precies gehoord?", channel="web")
    signal.refresh_from_db()
    assert (signal.status, signal.current_unit.code) == ("awaiting-information", "coa.bureau-veiligheid")
    assert signal.paused_at is not None
    services.signal_add_note(actor=coa["bureau"], signal_id=signal.pk, note="Twee medebewoners, los van elkaar.", channel="web")
    services.signal_forward(actor=coa["bureau"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    signal.refresh_from_db()
    assert (signal.status, signal.current_unit.code, signal.paused_at) == ("received", "coa.adviseur-nv", None)
    # Return from the first hop goes to the reporting location.
    first = submit(coa["reporter"])
    services.signal_return(actor=coa["bureau"], signal_id=first.pk, note="Graag de datum.", channel="web")
    first.refresh_from_db()
    assert first.current_unit.code == "coa.locatie.ter-apel"
    assert signal_feedback(user=coa["reporter"], signal_id=first.pk)["status"] == "information-requested"


def test_established_refused_on_a_single_database_hit(coa: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    settings.ATTACHMENT_ROOT = tmp_path
    signal = submit(coa["reporter"], observation__type="database", observation__text="Treffer in SIS II.")
    before = _state(signal)
    with pytest.raises(Unprocessable) as refused:
        services.signal_close(actor=coa["bureau"], signal_id=signal.pk, outcome="established", note="Afgerond.", channel="web")
    assert refused.value.code == "single_database_hit" and _state(signal) == before
    # Forward/return notes are routing remarks, not information: still refused.
    services.signal_forward(
        actor=coa["bureau"], signal_id=signal.pk, to_unit="coa.adviseur-nv", note="Zie treffer.", channel="web"
    )
    with pytest.raises(Unprocessable):
        services.signal_close(actor=coa["adviser"], signal_id=signal.pk, outcome="established", note="Afgerond.", channel="web")
    # A note is not corroboration (DOMAIN.md principle 4): still refused, and the refusal says what is missing.
    services.signal_add_note(
        actor=coa["adviser"], signal_id=signal.pk, note="Ambtsbericht AIVD bevestigt betrokkenheid.", channel="web"
    )
    with pytest.raises(Unprocessable) as still:
        services.signal_close(actor=coa["adviser"], signal_id=signal.pk, outcome="established", note="Afgerond.", channel="web")
    assert "ambtsbericht" in still.value.detail and "notitie telt daarvoor niet" in still.value.detail
    # Nor is an attachment (it may be the alert itself); what does count is tested in screening/tests/test_corroboration.py.
    other = submit(coa["reporter"], observation__type="database")
    services.signal_attach(
        actor=coa["reporter"],
        signal_id=other.pk,
        uploads=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")],
        channel="web",
    )
    with pytest.raises(Unprocessable):
        services.signal_close(actor=coa["bureau"], signal_id=other.pk, outcome="established", note="Afgerond.", channel="web")
    # Other outcomes are fine, and so is "established" for a signal that is not a database hit.
    services.signal_close(actor=coa["adviser"], signal_id=signal.pk, outcome="unfounded", note="Afgerond.", channel="web")
    statement = submit(coa["reporter"])
    services.signal_close(actor=coa["bureau"], signal_id=statement.pk, outcome="established", note="Afgerond.", channel="web")
    third = submit(coa["reporter"], observation__type="database")
    services.signal_close(actor=coa["bureau"], signal_id=third.pk, outcome="unfounded", note="Afgerond.", channel="web")


def test_stale_version_loses_with_a_clear_message(coa: dict[str, Any]) -> None:
    signal = submit(coa["reporter"])
    seen = Signal.objects.get(pk=signal.pk).version  # both handlers loaded this version
    services.signal_take(actor=coa["bureau"], signal_id=signal.pk, expected_version=seen, channel="web")
    with pytest.raises(Conflict) as lost:
        services.signal_close(
            actor=coa["bureau2"], signal_id=signal.pk, outcome="unfounded", note="Afgerond.", expected_version=seen, channel="web"
        )
    assert lost.value.status == 409 and "laad opnieuw" in lost.value.detail
    signal.refresh_from_db()
    assert (signal.status, signal.version) == ("taken", seen + 1)


def test_conflict_through_the_api(coa: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(coa["reporter"])
    one, two = api_client_for(coa["bureau"]), api_client_for(coa["bureau2"])
    version = one.get(f"/api/v1/signals/{signal.pk}").json()["version"]
    assert one.post(f"/api/v1/signals/{signal.pk}/take", {"expected_version": version}, format="json").status_code == 200
    lost = two.post(f"/api/v1/signals/{signal.pk}/take", {}, format="json", HTTP_IF_MATCH=f'"{version}"')
    assert lost.status_code == 409 and lost["Content-Type"].startswith("application/problem+json")
    assert lost.json()["detail"] == "Iemand anders heeft dit signaal intussen gewijzigd; laad opnieuw."


def test_only_the_unit_holding_it_acts_and_assigns_within_the_unit(coa: dict[str, Any], make_user: Any) -> None:
    signal = submit(coa["reporter"])
    with pytest.raises(NotAllowed):
        services.signal_take(actor=coa["reporter"], signal_id=signal.pk, channel="web")  # involved, but not holding it
    services.signal_assign(actor=coa["bureau"], signal_id=signal.pk, assignee_id=coa["bureau2"].pk, channel="web")
    signal.refresh_from_db()
    assert signal.assigned_to == coa["bureau2"]
    with pytest.raises(ValidationFailed):
        services.signal_assign(actor=coa["bureau"], signal_id=signal.pk, assignee_id=coa["adviser"].pk, channel="web")
    services.signal_close(actor=coa["bureau"], signal_id=signal.pk, outcome="no-further-action", note="Afgerond.", channel="web")
    with pytest.raises(Unprocessable) as closed:
        services.signal_add_note(actor=coa["bureau"], signal_id=signal.pk, note="nog iets", channel="web")
    assert closed.value.code == "invalid_transition"


def test_feedback_never_names_other_organisations_or_outcomes(coa: dict[str, Any]) -> None:
    signal = _at_adviser(coa)
    assert signal_feedback(user=coa["reporter"], signal_id=signal.pk) == {
        "status": "received",
        "summary": "Ontvangen door COA beleidsadviseur Nationale Veiligheid.",
    }
    services.signal_forward(
        actor=coa["adviser"], signal_id=signal.pk, to_unit="ind.tsz", justification="Verrijking nodig.", channel="web"
    )
    services.signal_take(actor=coa["tsz"], signal_id=signal.pk, channel="web")
    feedback = signal_feedback(user=coa["reporter"], signal_id=signal.pk)
    assert (
        feedback["status"] == "forwarded-to-partner"
        and "IND" not in feedback["summary"]
        and "Speciale" not in feedback["summary"]
    )
    services.signal_close(
        actor=coa["tsz"], signal_id=signal.pk, outcome="referred-police-cter", note="CTER pakt op.", channel="web"
    )
    feedback = signal_feedback(user=coa["reporter"], signal_id=signal.pk)
    assert feedback == {"status": "closed", "summary": "Afgesloten. Dank voor uw melding."}
