"""The chain's one contact point for data-subject requests is chain configuration, not code."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.services import chain_setting_update
from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.privacy import services
from ketensignaal.privacy.scopes import contact_point_organisation, may_handle_subject_requests
from ketensignaal.privacy.tests.conftest import SUBJECT

pytestmark = pytest.mark.django_db


def test_the_reference_data_names_the_ind_as_contact_point(officer: Any, reference: None) -> None:
    assert contact_point_organisation() == "ind"
    assert may_handle_subject_requests(officer)


def test_the_functional_admin_moves_the_contact_point_and_the_requests_follow(officer: Any, make_user: Any) -> None:
    admin = make_user("ind.tsz", "functional-admin", username="beheerder")
    police_officer = make_user("politie.cter", "privacy-officer")
    request, _ = services.subject_request_register(actor=officer, kind="access", subject=SUBJECT)

    chain_setting_update(
        actor=admin, key=SettingKey.SUBJECT_REQUEST_CONTACT_POINT, unit_codes=["politie.cter"], reason="Convenant 2027"
    )

    assert contact_point_organisation() == "politie"
    assert may_handle_subject_requests(police_officer) and not may_handle_subject_requests(officer)
    with pytest.raises(NotAllowed):
        services.subject_request_register(actor=officer, kind="access", subject=SUBJECT)
    moved, created = services.subject_request_register(actor=police_officer, kind="erasure", subject=SUBJECT)
    assert created and moved.pk != request.pk


def test_only_the_functional_admin_sets_one_unit_as_contact_point(officer: Any, make_user: Any) -> None:
    admin = make_user("ind.tsz", "functional-admin", username="beheerder")
    with pytest.raises(NotAllowed):
        chain_setting_update(
            actor=officer, key=SettingKey.SUBJECT_REQUEST_CONTACT_POINT, unit_codes=["politie.cter"], reason="Zelf doen"
        )
    with pytest.raises(ValidationFailed):
        chain_setting_update(
            actor=admin,
            key=SettingKey.SUBJECT_REQUEST_CONTACT_POINT,
            unit_codes=["politie.cter", "ind"],
            reason="Twee contactpunten",
        )
    assert contact_point_organisation() == "ind"
