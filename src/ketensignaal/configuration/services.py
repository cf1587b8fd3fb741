"""Changing a chain setting: validated, kept with its reason, logged in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.configuration import selectors
from ketensignaal.configuration.models import (
    SETTING_SPECS,
    ChainSetting,
    ChainSettingChange,
    SettingKey,
    SettingKind,
)
from ketensignaal.configuration.scopes import may_configure
from ketensignaal.core.errors import Conflict, NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Unit

OBJECT_TYPE = "chain-setting"
# The acute alarm crosses organisations only over the named acute-danger flows ``acuut-gevaar-<from>-<to>``
# (routing.alerts.acute_flow_code); an alarm unit without them would make every acute report fail.
ACUTE_FLOW_PREFIX = "acuut-gevaar-"


def _param(name: str, reason: str, code: str = "required") -> dict[str, str]:
    return {"name": name, "code": code, "reason": reason}


def describe(units: Iterable[Unit], number: int | None, kind: str) -> str:
    """How a value reads in the history: unit names (no codes), or the number."""
    if kind == SettingKind.NUMBER:
        return "" if number is None else str(number)
    return "; ".join(sorted(u.name for u in units))


def _checked_units(key: str, unit_codes: Any, params: list[dict[str, str]]) -> list[Unit]:
    spec = SETTING_SPECS[key]
    if unit_codes is None or isinstance(unit_codes, str | bytes) or not isinstance(unit_codes, Iterable):
        params.append(_param("units", gettext("Kies de eenheden.")))
        return []
    codes = sorted({str(code).strip() for code in unit_codes if str(code).strip()})
    units = list(Unit.objects.filter(code__in=codes, is_active=True).select_related("organisation"))
    unknown = sorted(set(codes) - {u.code for u in units})
    if unknown:
        params.append(
            _param("units", gettext("Onbekende of opgeheven eenheid: %(unknown)s.") % {"unknown": ", ".join(unknown)}, "invalid")
        )
    elif spec.kind == SettingKind.UNIT and len(units) != 1:
        params.append(_param("units", gettext("Kies precies één eenheid."), "invalid"))
    elif len(units) < spec.minimum:
        params.append(_param("units", gettext("Kies minstens %(minimum)s eenheden.") % {"minimum": spec.minimum}, "too_few"))
    elif key == SettingKey.ACUTE_ALARM_UNITS:
        _check_acute_flows(units, params)
    return units


def _check_acute_flows(units: list[Unit], params: list[dict[str, str]]) -> None:
    """Every organisation that can raise an acute alarm must reach each alarm unit over a registered flow."""
    flows = LegalBasisFlow.objects.filter(code__startswith=ACUTE_FLOW_PREFIX, status=FlowStatus.ESTABLISHED)
    reporters = set(flows.values_list("from_organisation__name", flat=True))
    for unit in units:
        reached_from = set(flows.filter(to_organisation=unit.organisation).values_list("from_organisation__name", flat=True))
        missing = sorted(reporters - reached_from - {unit.organisation.name})
        if missing:
            params.append(
                _param(
                    "units",
                    gettext(
                        "Voor acuut gevaar naar %(unit)s is geen stroom geregistreerd vanuit %(missing)s. Laat die eerst in het "
                        "grondslagenregister vastleggen."
                    )
                    % {"unit": unit.name, "missing": ", ".join(missing)},
                    "no_legal_basis",
                )
            )


def _checked_number(key: str, number: Any, params: list[dict[str, str]]) -> int | None:
    spec = SETTING_SPECS[key]
    if number is None or number == "":
        params.append(_param("number", gettext("Geef een aantal dagen.")))
        return None
    try:
        value = int(number)
    except (TypeError, ValueError):
        params.append(_param("number", gettext("Geef een geheel getal."), "invalid"))
        return None
    if value < spec.minimum or (spec.maximum is not None and value > spec.maximum):
        params.append(
            _param(
                "number",
                gettext("Kies een getal van %(minimum)s tot en met %(maximum)s.")
                % {"minimum": spec.minimum, "maximum": spec.maximum},
                "out_of_range",
            )
        )
        return None
    return value


@transaction.atomic
def chain_setting_update(
    *,
    actor: Any,
    key: str,
    reason: str,
    unit_codes: Iterable[str] | None = None,
    number: Any = None,
    expected_version: int | None = None,
    channel: str = "web",
) -> ChainSetting | None:
    """Set one setting; ``None`` when the value was already so (nothing written, nothing logged)."""
    if not may_configure(actor):
        raise NotAllowed(gettext("Alleen een functioneel beheerder kan de ketenconfiguratie wijzigen."))
    if key not in SETTING_SPECS:
        raise ValidationFailed(
            gettext("Onbekende instelling."), invalid_params=[_param("key", gettext("Onbekende instelling."), "invalid")]
        )
    spec = SETTING_SPECS[key]
    params: list[dict[str, str]] = []
    units: list[Unit] = []
    value: int | None = None
    if spec.kind == SettingKind.NUMBER:
        value = _checked_number(key, number, params)
    else:
        units = _checked_units(key, unit_codes, params)
    reason = (reason or "").strip()
    if not reason:
        params.append(_param("reason", gettext("Geef de reden van de wijziging.")))
    if params:
        raise ValidationFailed(gettext("De instelling is niet gewijzigd; zie de toelichting per veld."), invalid_params=params)
    setting, _created = ChainSetting.objects.get_or_create(key=key)
    setting = ChainSetting.objects.select_for_update().get(pk=setting.pk)
    if expected_version is not None and setting.version != expected_version:
        raise Conflict(
            gettext(
                "Een andere beheerder heeft deze instelling intussen gewijzigd. Bekijk de huidige waarde en probeer het opnieuw."
            ),
            code="version_mismatch",
        )
    current_units = list(setting.units.all())
    if spec.kind == SettingKind.NUMBER:
        if setting.number == value:
            return None
    elif {u.pk for u in current_units} == {u.pk for u in units}:
        return None
    before = describe(current_units, setting.number, spec.kind)
    if spec.kind == SettingKind.NUMBER:
        setting.number = value
    else:
        setting.units.set(units)
    setting.version += 1
    setting.updated_at = timezone.now()
    setting.updated_by = actor
    setting.save(update_fields=["number", "version", "updated_at", "updated_by"])
    ChainSettingChange.objects.create(
        setting=setting, changed_by=actor, before=before, after=describe(units, value, spec.kind), reason=reason
    )
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[LogItem(activity=Activity.ADMINISTRATION, action="update", object_type=OBJECT_TYPE, object_id=key)],
    )
    selectors.clear()
    transaction.on_commit(selectors.clear)
    return setting


def chain_settings_seed(rows: Iterable[dict[str, Any]]) -> int:
    """The reference loader's first values (today's practice); after that the functional administrator owns them,
    so a reload only creates settings that are still missing. Units not (yet) in the reference data are skipped."""
    created = 0
    for row in rows:
        key = SettingKey(row["key"])
        if ChainSetting.objects.filter(key=key).exists():
            continue
        setting = ChainSetting.objects.create(key=key, number=row.get("number"))
        setting.units.set(Unit.objects.filter(code__in=row.get("units", [])))
        created += 1
    selectors.clear()
    return created
