"""The one place that decides whether a registered flow permits a disclosure.

Data crosses from one organisation to another only over a registered flow
(DOMAIN.md §2.5, §11): the current version of a flow from → to, with an
established statutory basis, valid on the day, covering every signal category
(and data category, when asked) of what is shared. A covenant governs a flow
but is never its basis. Every refusal names the flow and what is missing.

Versioning: a flow is never edited in place. :func:`flow_new_version` writes
version n+1 and marks the previous one not current, so a disclosure keeps
pointing at the exact version it used (``version_label``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketensignaal.core.errors import NoLegalBasis, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Organisation

# Markers accompany a security category and are covered wherever that category is.
MARKER_CATEGORIES = frozenset({"psychische-zorgen"})

EDITABLE_FIELDS = (
    "name",
    "purpose",
    "statutory_basis",
    "covenant",
    "data_categories",
    "signal_categories",
    "status",
    "valid_from",
    "valid_until",
    "from_organisation",
    "to_organisation",
    "named_use_only",
)


def _org(value: Organisation | str) -> Organisation:
    if isinstance(value, Organisation):
        return value
    org = Organisation.objects.filter(code=value).first()
    if org is None:
        raise NoLegalBasis(
            gettext("Onbekende organisatie '%(value)s': er is geen gegevensstroom naar of van deze organisatie geregistreerd.")
            % {"value": value}
        )
    return org


def _date_nl(value: date) -> str:
    return date_format(value, "j F Y")


def flow_problems(flow: LegalBasisFlow, *, categories: Iterable[str], data_categories: Iterable[str] = (), on: date) -> list[str]:
    """Everything that stops ``flow`` from carrying this disclosure, in Dutch; empty when it may."""
    label = gettext('gegevensstroom "%(name)s" (versie %(version)s)') % {"name": flow.name, "version": flow.version}
    if flow.status == FlowStatus.NO_LEGAL_BASIS:
        return [gettext("%(flow)s is gemarkeerd als ‘geen grondslag vastgesteld’") % {"flow": label}]
    problems: list[str] = []
    if not flow.statutory_basis.strip():
        problems.append(gettext("%(flow)s noemt geen wettelijke grondslag (een convenant is geen grondslag)") % {"flow": label})
    if flow.valid_from > on:
        problems.append(gettext("%(flow)s geldt pas vanaf %(date)s") % {"flow": label, "date": _date_nl(flow.valid_from)})
    if flow.valid_until is not None and flow.valid_until < on:
        problems.append(gettext("%(flow)s is verlopen op %(date)s") % {"flow": label, "date": _date_nl(flow.valid_until)})
    covered = set(flow.signal_categories)
    missing = [c for c in dict.fromkeys(categories) if c not in covered and not (c in MARKER_CATEGORIES and covered)]
    if missing:
        problems.append(
            gettext("%(flow)s dekt de categorie(ën) %(categories)s niet")
            % {"flow": label, "categories": ", ".join(repr(c) for c in missing)}
        )
    missing_data = [c for c in dict.fromkeys(data_categories) if c not in set(flow.data_categories)]
    if missing_data:
        problems.append(
            gettext("%(flow)s dekt de gegevenscategorie(ën) %(categories)s niet")
            % {"flow": label, "categories": ", ".join(repr(c) for c in missing_data)}
        )
    return problems


def flow_for_disclosure(
    *,
    from_org: Organisation | str,
    to_org: Organisation | str,
    categories: list[str],
    on: date | None = None,
    data_categories: list[str] | None = None,
    flow_code: str | None = None,
) -> LegalBasisFlow:
    """The current flow that permits sharing ``categories`` from one organisation to another on ``on``.

    Raises :class:`NoLegalBasis` (403, code ``no_legal_basis``) with a Dutch
    detail that names every candidate flow and what it lacks, or says that no
    flow is registered at all. ``flow_code`` restricts the choice to one flow.
    """
    source, target = _org(from_org), _org(to_org)
    on = on or timezone.localdate()
    candidates = LegalBasisFlow.objects.filter(from_organisation=source, to_organisation=target, is_current=True)
    # A flow registered for one named step (the acute alarm) never carries an ordinary disclosure.
    candidates = candidates.filter(code=flow_code) if flow_code else candidates.filter(named_use_only=False)
    candidates = candidates.order_by("status", "code")  # established before no-legal-basis, then stable
    reasons: list[str] = []
    for flow in candidates:
        problems = flow_problems(flow, categories=categories, data_categories=data_categories or (), on=on)
        if not problems:
            return flow
        reasons.extend(problems)
    if not reasons:
        names = {"code": flow_code, "source": source.name, "target": target.name}
        if flow_code:
            raise NoLegalBasis(
                gettext(
                    'Geen grondslag: er is geen gegevensstroom met code "%(code)s" geregistreerd van %(source)s naar '
                    "%(target)s. Verstrekken is daarom niet toegestaan."
                )
                % names
            )
        raise NoLegalBasis(
            gettext(
                "Geen grondslag: er is geen gegevensstroom geregistreerd van %(source)s naar %(target)s. Verstrekken is "
                "daarom niet toegestaan."
            )
            % names
        )
    raise NoLegalBasis(
        gettext("Geen grondslag voor verstrekking van %(source)s aan %(target)s: %(reasons)s. Er is niets verstrekt.")
        % {"source": source.name, "target": target.name, "reasons": "; ".join(reasons)}
    )


def _validate(fields: dict[str, Any]) -> None:
    errors: list[dict[str, str]] = []
    if fields.get("status") == FlowStatus.ESTABLISHED:
        basis = (fields.get("statutory_basis") or "").strip()
        if not basis:
            errors.append(
                {
                    "name": "statutory_basis",
                    "code": "required",
                    "reason": gettext("Een vastgestelde stroom noemt de wettelijke grondslag."),
                }
            )
        elif basis.lower().startswith("convenant"):
            errors.append(
                {
                    "name": "statutory_basis",
                    "code": "covenant_is_no_basis",
                    "reason": gettext("Een convenant is geen grondslag; noem de wet en het artikel."),
                }
            )
    if fields.get("valid_until") and fields.get("valid_from") and fields["valid_until"] < fields["valid_from"]:
        errors.append({"name": "valid_until", "code": "before_start", "reason": gettext("De einddatum ligt vóór de begindatum.")})
    for key in ("data_categories", "signal_categories"):
        value = fields.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value)):
            errors.append({"name": key, "code": "invalid", "reason": gettext("Geef een lijst van categorieën.")})
    if not (fields.get("name") or "").strip():
        errors.append({"name": "name", "code": "required", "reason": gettext("Geef de stroom een naam.")})
    if errors:
        raise ValidationFailed(gettext("De gegevensstroom is niet geldig; zie de toelichting per veld."), invalid_params=errors)


def _audit(*, actor: Any, flow: LegalBasisFlow, action: str, channel: str) -> None:
    processing_log_record(
        actor=actor,
        items=[
            LogItem(
                activity=Activity.ADMINISTRATION,
                action=action,
                object_type="legal-basis-flow",
                object_id=flow.version_label,
                legal_basis=flow.version_label,
            )
        ],
        channel=channel,
    )


@transaction.atomic
def flow_new_version(*, actor: Any, flow: LegalBasisFlow, channel: str = "web", **changes: Any) -> LegalBasisFlow:
    """Write version n+1 of ``flow`` with ``changes``; the previous version stops being current."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            gettext("Deze velden kunnen niet worden gewijzigd: %(unknown)s.") % {"unknown": ", ".join(unknown)}
        )
    current = LegalBasisFlow.objects.select_for_update().filter(code=flow.code, is_current=True).order_by("-version").first()
    if current is None or current.pk != flow.pk:
        raise ValidationFailed(
            gettext("Er is intussen een nieuwere versie van deze stroom; begin opnieuw vanaf de actuele versie."),
            code="stale_version",
        )
    fields = {name: getattr(current, name) for name in EDITABLE_FIELDS}
    fields.update(changes)
    for key in ("from_organisation", "to_organisation"):
        fields[key] = _org(fields[key])
    _validate(fields)
    latest = LegalBasisFlow.objects.filter(code=current.code).order_by("-version").values_list("version", flat=True).first() or 0
    LegalBasisFlow.objects.filter(pk=current.pk).update(is_current=False)
    new = LegalBasisFlow.objects.create(code=current.code, version=latest + 1, is_current=True, **fields)
    _audit(actor=actor, flow=new, action="update", channel=channel)
    return new


@transaction.atomic
def flow_create(*, actor: Any, code: str, channel: str = "web", **fields: Any) -> LegalBasisFlow:
    """Register a new flow (version 1)."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(gettext("Onbekende velden: %(unknown)s.") % {"unknown": ", ".join(unknown)})
    if LegalBasisFlow.objects.filter(code=code).exists():
        raise ValidationFailed(
            gettext('Er bestaat al een stroom met code "%(code)s"; maak een nieuwe versie.') % {"code": code},
            invalid_params=[{"name": "code", "code": "duplicate", "reason": gettext("Deze code bestaat al.")}],
        )
    fields.setdefault("status", FlowStatus.ESTABLISHED)
    fields.setdefault("data_categories", [])
    fields.setdefault("signal_categories", [])
    for key in ("from_organisation", "to_organisation"):
        fields[key] = _org(fields[key])
    _validate(fields)
    flow = LegalBasisFlow.objects.create(code=code, version=1, is_current=True, **fields)
    _audit(actor=actor, flow=flow, action="create", channel=channel)
    return flow


@dataclass(frozen=True)
class FlowVersions:
    current: LegalBasisFlow | None
    history: list[LegalBasisFlow]


def flow_versions(*, code: str) -> FlowVersions:
    rows = list(
        LegalBasisFlow.objects.filter(code=code).select_related("from_organisation", "to_organisation").order_by("-version")
    )
    return FlowVersions(current=next((f for f in rows if f.is_current), None), history=rows)
