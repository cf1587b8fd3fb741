"""The one rule deciding whether a flow permits a disclosure, and flow versioning."""

from __future__ import annotations

from datetime import date

import pytest

from ketensignaal.core.errors import NoLegalBasis, ValidationFailed
from ketensignaal.governance.legal_basis import flow_create, flow_for_disclosure, flow_new_version
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow, ProcessingLogEntry


def test_covenant_flow_permits_terrorism_to_police(reference: None) -> None:
    flow = flow_for_disclosure(from_org="ind", to_org="politie", categories=["terrorisme", "psychische-zorgen"])
    assert flow.code == "ind-politie-convenant-ct"
    assert flow.version_label == "ind-politie-convenant-ct@v1"


def test_covenant_does_not_cover_extremism_and_says_so(reference: None) -> None:
    with pytest.raises(NoLegalBasis) as exc:
        flow_for_disclosure(from_org="ind", to_org="politie", categories=["extremisme"])
    assert "contraterrorisme" in exc.value.detail
    assert "'extremisme'" in exc.value.detail
    assert exc.value.status == 403 and exc.value.code == "no_legal_basis"


def test_cter_knowledge_hub_comparison_is_refused_as_no_legal_basis(reference: None) -> None:
    with pytest.raises(NoLegalBasis) as exc:
        flow_for_disclosure(from_org="ind", to_org="politie", categories=[], flow_code="ind-politie-cter-kennisknooppunt")
    assert "kennisknooppunt" in exc.value.detail
    assert "geen grondslag vastgesteld" in exc.value.detail


def test_missing_flow_names_both_organisations(reference: None) -> None:
    with pytest.raises(NoLegalBasis) as exc:
        flow_for_disclosure(from_org="vwn", to_org="aivd", categories=["terrorisme"])
    assert "geen gegevensstroom" in exc.value.detail
    assert "VluchtelingenWerk" in exc.value.detail and "Algemene Inlichtingen" in exc.value.detail


def test_expired_flow_is_refused_with_its_end_date(reference: None) -> None:
    flow = LegalBasisFlow.objects.get(code="ind-aivd-wiv")
    LegalBasisFlow.objects.filter(pk=flow.pk).update(valid_until=date(2025, 12, 31))
    with pytest.raises(NoLegalBasis) as exc:
        flow_for_disclosure(from_org="ind", to_org="aivd", categories=["terrorisme"], on=date(2026, 1, 2))
    assert "verlopen op 31 december 2025" in exc.value.detail
    assert "IND → AIVD" in exc.value.detail
    assert flow_for_disclosure(from_org="ind", to_org="aivd", categories=["terrorisme"], on=date(2025, 12, 31)).pk == flow.pk


def test_new_version_supersedes_old_and_is_logged(make_user) -> None:
    officer = make_user("ind", "privacy-officer")
    old = LegalBasisFlow.objects.get(code="ind-politie-convenant-ct")
    new = flow_new_version(actor=officer, flow=old, signal_categories=[*old.signal_categories, "extremisme"])
    old.refresh_from_db()
    assert (old.is_current, new.is_current, new.version) == (False, True, 2)
    assert (
        flow_for_disclosure(from_org="ind", to_org="politie", categories=["extremisme"]).version_label
        == "ind-politie-convenant-ct@v2"
    )
    entry = ProcessingLogEntry.objects.get(object_type="legal-basis-flow")
    assert (entry.activity, entry.action, entry.object_id) == ("beheer", "update", "ind-politie-convenant-ct@v2")
    with pytest.raises(ValidationFailed):  # a stale version cannot be versioned again
        flow_new_version(actor=officer, flow=old, purpose="x")


def test_covenant_alone_is_no_statutory_basis(make_user) -> None:
    officer = make_user("ind", "privacy-officer")
    with pytest.raises(ValidationFailed) as exc:
        flow_create(
            actor=officer,
            code="ind-om-test",
            name="IND → OM",
            from_organisation="ind",
            to_organisation="om",
            purpose="Test",
            statutory_basis="Convenant IND–OM",
            valid_from=date(2026, 1, 1),
            status=FlowStatus.ESTABLISHED,
        )
    assert exc.value.invalid_params[0]["code"] == "covenant_is_no_basis"
    assert not LegalBasisFlow.objects.filter(code="ind-om-test").exists()
    assert not ProcessingLogEntry.objects.exists()
