"""The chain settings: seeded with today's practice, changed only by the functional administrator, with a reason,
validated, kept in the history and logged in the same transaction; screen and API answer alike."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.configuration.models import ChainSetting, ChainSettingChange, SettingKey
from ketensignaal.configuration.selectors import setting_number, setting_unit_codes
from ketensignaal.configuration.services import chain_setting_update
from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user("ind.tsz", "functional-admin", username="beheerder")


def _setting_log() -> list[ProcessingLogEntry]:
    return list(ProcessingLogEntry.objects.filter(object_type="chain-setting"))


def test_the_reference_loader_seeds_todays_practice(reference: None) -> None:
    assert setting_unit_codes(SettingKey.LRO_MEMBER_UNITS) == ("ind.tsz", "kmar.intelligence", "politie.cter")
    assert setting_number(SettingKey.LRO_CYCLE_DAYS, 0) == 21
    assert setting_unit_codes(SettingKey.LIV_UNIT) == ("lse.liv",)
    assert setting_unit_codes(SettingKey.LIV_CLIENT_UNITS) == ("coa", "gemeente.amsterdam", "gemeente.utrecht")
    assert setting_unit_codes(SettingKey.ACUTE_ALARM_UNITS) == ("ind.tsz", "politie.cter")


def test_a_reload_keeps_what_the_administrator_changed(admin: Any) -> None:
    from ketensignaal.configuration.services import chain_settings_seed

    chain_setting_update(actor=admin, key=SettingKey.LRO_CYCLE_DAYS, number=28, reason="Vaker overleggen is niet nodig")
    assert chain_settings_seed([{"key": "lro-cycle-days", "number": 21}]) == 0
    assert setting_number(SettingKey.LRO_CYCLE_DAYS, 0) == 28


def test_a_change_is_kept_with_its_reason_and_logged_once(admin: Any) -> None:
    setting = chain_setting_update(
        actor=admin,
        key=SettingKey.ACUTE_ALARM_UNITS,
        unit_codes=["ind.tsz", "politie.cter", "politie.drio"],
        reason="De DRIO wil bij acuut gevaar direct meekijken",
    )
    assert setting is not None and setting.version == 2
    assert setting_unit_codes(SettingKey.ACUTE_ALARM_UNITS) == ("ind.tsz", "politie.cter", "politie.drio")
    change = ChainSettingChange.objects.get()
    assert change.reason == "De DRIO wil bij acuut gevaar direct meekijken" and change.changed_by == admin
    assert "Regionale Informatie" in change.after and "Regionale Informatie" not in change.before
    [entry] = _setting_log()
    assert (entry.activity, entry.action, entry.object_id) == (Activity.ADMINISTRATION, "update", "acute-alarm-units")


def test_an_alarm_unit_no_acute_flow_reaches_is_refused(admin: Any) -> None:
    """No acute-danger flow leads to the KMar: as an alarm unit it would make every acute report fail."""
    with pytest.raises(ValidationFailed) as refused:
        chain_setting_update(
            actor=admin, key=SettingKey.ACUTE_ALARM_UNITS, unit_codes=["ind.tsz", "kmar.intelligence"], reason="Proef"
        )
    [param] = refused.value.invalid_params
    assert param["name"] == "units" and param["code"] == "no_legal_basis" and "KMar Afdeling Intelligence" in param["reason"]
    assert setting_unit_codes(SettingKey.ACUTE_ALARM_UNITS) == ("ind.tsz", "politie.cter")


def test_the_same_value_again_writes_and_logs_nothing(admin: Any) -> None:
    assert chain_setting_update(actor=admin, key=SettingKey.LRO_CYCLE_DAYS, number=21, reason="Controle") is None
    assert not ChainSettingChange.objects.exists() and _setting_log() == []


@pytest.mark.parametrize(
    ("key", "change", "param"),
    [
        (SettingKey.LIV_UNIT, {"unit_codes": ["lse.liv", "coa"]}, "units"),
        (SettingKey.LIV_UNIT, {"unit_codes": ["bestaat.niet"]}, "units"),
        (SettingKey.LRO_MEMBER_UNITS, {"unit_codes": ["ind.tsz"]}, "units"),
        (SettingKey.ACUTE_ALARM_UNITS, {"unit_codes": []}, "units"),
        (SettingKey.LRO_CYCLE_DAYS, {"number": 3}, "number"),
        (SettingKey.LRO_CYCLE_DAYS, {"number": "drie"}, "number"),
        (SettingKey.LRO_CYCLE_DAYS, {"number": 14, "reason": "  "}, "reason"),
    ],
)
def test_bad_values_are_refused_at_the_field_and_nothing_changes(
    admin: Any, key: str, change: dict[str, Any], param: str
) -> None:
    before = ChainSetting.objects.get(key=key).version
    with pytest.raises(ValidationFailed) as refused:
        chain_setting_update(actor=admin, key=key, **{"reason": "Reden", **change})
    assert param in [p["name"] for p in refused.value.invalid_params]
    assert ChainSetting.objects.get(key=key).version == before and _setting_log() == []


def test_only_the_functional_administrator_may_change_a_setting(make_user: Any) -> None:
    handler = make_user("ind.tsz", "handler", "hub-analyst")
    with pytest.raises(NotAllowed):
        chain_setting_update(actor=handler, key=SettingKey.LRO_CYCLE_DAYS, number=14, reason="Sneller")


def test_a_change_on_an_outdated_version_is_refused(admin: Any) -> None:
    chain_setting_update(actor=admin, key=SettingKey.LRO_CYCLE_DAYS, number=14, reason="Sneller", expected_version=1)
    with pytest.raises(Conflict):
        chain_setting_update(actor=admin, key=SettingKey.LRO_CYCLE_DAYS, number=28, reason="Trager", expected_version=1)
    assert setting_number(SettingKey.LRO_CYCLE_DAYS, 0) == 14


def test_the_screen_shows_names_and_saves_a_change(admin: Any, web_client_for: Any) -> None:
    web = web_client_for(admin)
    page = web.get("/ketenconfiguratie").content.decode()
    assert "Leden van het landelijk regieoverleg" in page and "Landelijk Interventieteam" in page
    assert "kmar.intelligence" not in page  # names, not codes
    form = web.get("/ketenconfiguratie/lro-cycle-days/wijzigen")
    assert form.status_code == 200
    r = web.post("/ketenconfiguratie/lro-cycle-days/wijzigen", {"value": "28", "version": "1", "reason": "Minder vaak"})
    assert r.status_code == 302 and setting_number(SettingKey.LRO_CYCLE_DAYS, 0) == 28
    history = web.get("/ketenconfiguratie/lro-cycle-days/wijzigen").content.decode()
    assert "Minder vaak" in history


def test_the_screen_shows_a_refusal_at_the_field(admin: Any, web_client_for: Any) -> None:
    web = web_client_for(admin)
    r = web.post("/ketenconfiguratie/lro-member-units/wijzigen", {"value": ["ind.tsz"], "version": "1", "reason": "Alleen IND"})
    assert r.status_code == 400
    assert "Kies minstens 2 eenheden." in r.content.decode()
    assert setting_unit_codes(SettingKey.LRO_MEMBER_UNITS) == ("ind.tsz", "kmar.intelligence", "politie.cter")


def test_others_do_not_see_the_screen_and_get_403_from_the_api(make_user: Any, web_client_for: Any, api_client_for: Any) -> None:
    handler = make_user("ind.tsz", "handler")
    assert web_client_for(handler).get("/ketenconfiguratie").status_code == 404
    assert web_client_for(handler).get("/ketenconfiguratie/liv-unit/wijzigen").status_code == 404
    r = api_client_for(handler).get("/api/v1/chain-settings")
    assert r.status_code == 403 and r["Content-Type"].startswith("application/problem+json")


def test_the_api_lists_and_changes_a_setting(admin: Any, api_client_for: Any) -> None:
    api = api_client_for(admin)
    listed = {s["key"]: s for s in api.get("/api/v1/chain-settings").json()}
    assert listed["liv-unit"]["units"] == ["lse.liv"] and listed["lro-cycle-days"]["number"] == 21
    r = api.put(
        "/api/v1/chain-settings/liv-client-units",
        {"units": ["coa", "gemeente.utrecht"], "reason": "Amsterdam werkt met een eigen team", "version": 1},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["units"] == ["coa", "gemeente.utrecht"] and r.json()["version"] == 2
    stale = api.put("/api/v1/chain-settings/liv-client-units", {"units": ["coa"], "reason": "x", "version": 1}, format="json")
    assert stale.status_code == 409
    bad = api.put("/api/v1/chain-settings/lro-cycle-days", {"number": 200, "reason": "Zelden"}, format="json")
    assert bad.status_code == 400 and [p["name"] for p in bad.json()["invalid_params"]] == ["number"]
    missing = api.put("/api/v1/chain-settings/lro-cycle-days", {"number": 14}, format="json")
    assert missing.status_code == 400 and "reason" in [p["name"] for p in missing.json()["invalid_params"]]
    assert api.put("/api/v1/chain-settings/bestaat-niet", {"reason": "x"}, format="json").status_code == 404
