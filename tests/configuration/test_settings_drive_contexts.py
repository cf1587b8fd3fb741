"""The contexts read the chain configuration, not constants: a change by the functional administrator moves who sits
in the LRO and how often it meets, which unit is the LIV and whom it accepts as client, and whom an acute report
alarms — at once, without a deployment."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.configuration.models import SettingKey
from ketensignaal.configuration.services import chain_setting_update
from ketensignaal.coordination import services as lro
from ketensignaal.coordination.models import Meeting
from ketensignaal.coordination.scopes import is_member
from ketensignaal.core.errors import ValidationFailed
from ketensignaal.intake.models import InvolvementReason, SignalInvolvement
from ketensignaal.routing.tests.factories import submit
from ketensignaal.trajectories import services as liv
from ketensignaal.trajectories.models import Source
from ketensignaal.trajectories.scopes import is_liv_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user("ind.tsz", "functional-admin", username="beheerder")


def test_lro_membership_and_cycle_follow_the_settings(admin: Any, make_user: Any) -> None:
    cter = make_user("politie.cter", "handler", "lro-member")
    drio = make_user("politie.drio", "handler", "lro-member")
    assert is_member(cter) and not is_member(drio)
    chain_setting_update(
        actor=admin,
        key=SettingKey.LRO_MEMBER_UNITS,
        unit_codes=["ind.tsz", "kmar.intelligence", "politie.drio"],
        reason="De DRIO neemt de plaats van CTER in het LRO in",
    )
    assert is_member(drio) and not is_member(cter)

    Meeting.objects.create(date=timezone.localdate(), created_by=admin)
    chain_setting_update(actor=admin, key=SettingKey.LRO_CYCLE_DAYS, number=28, reason="Vierwekelijks overleg")
    assert lro.next_meeting_date() == timezone.localdate() + dt.timedelta(days=28)


def test_the_liv_unit_and_its_clients_follow_the_settings(admin: Any, make_user: Any) -> None:
    staff = make_user("lse.liv", "liv-staff")
    request = {"question": "Zorgen om psychische gezondheid na de vlucht", "source": Source.DIRECT}
    assert liv.trajectory_request(actor=staff, client_code="gemeente.amsterdam", **request).client.code == "gemeente.amsterdam"
    chain_setting_update(
        actor=admin, key=SettingKey.LIV_CLIENT_UNITS, unit_codes=["coa", "gemeente.utrecht"], reason="Amsterdam stopt"
    )
    with pytest.raises(ValidationFailed) as refused:
        liv.trajectory_request(actor=staff, client_code="gemeente.amsterdam", **request)
    assert [p["name"] for p in refused.value.invalid_params] == ["client"]

    chain_setting_update(actor=admin, key=SettingKey.LIV_UNIT, unit_codes=["politie.tim"], reason="Proef: andere eenheid")
    assert not is_liv_staff(staff)


def test_an_acute_report_alarms_the_configured_units(admin: Any, make_user: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    chain_setting_update(
        actor=admin,
        key=SettingKey.ACUTE_ALARM_UNITS,
        unit_codes=["politie.cter", "politie.drio"],
        reason="De DRIO neemt het alarm over van de hub",
    )
    signal = submit(reporter, acute=True)
    alarmed = set(
        SignalInvolvement.objects.filter(signal=signal, reason=InvolvementReason.ALARM).values_list("unit__code", flat=True)
    )
    assert "politie.drio" in alarmed
    # The hub is no longer an alarm unit, and the COA route does not reach it: it has no need to know.
    assert not SignalInvolvement.objects.filter(signal=signal, unit__code="ind.tsz").exists()
