"""The register of processing activities (AVG art. 30): reading it, and changing an entry with an audit trail.

Every processing-log entry names its activity by the register entry's ``code`` (the log's hashed ``activity``
column), so the log needs no extra column and its hash chain is untouched. Codes are therefore never edited; a
change to what an entry says is recorded field by field (:class:`ProcessingActivityChange`) and logged in the same
transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import ProcessingActivity, ProcessingActivityChange
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.governance.scopes import may_see_register

DUTCH_FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "controller",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "security_measures",
)
# Each field in English beside the Dutch (``<field>_en``), maintained the same way; optional.
EDITABLE_FIELDS = (*DUTCH_FIELDS, *(f"{field}_en" for field in DUTCH_FIELDS))
LIST_FIELDS = ("data_subjects", "data_categories", "recipients", "data_subjects_en", "data_categories_en", "recipients_en")
REQUIRED_FIELDS = ("name", "purpose", "legal_basis", "retention")
LEGAL_BASIS = "AVG art. 30"


def processing_activities() -> list[ProcessingActivity]:
    """The whole register, by code. It holds no personal data."""
    return list(ProcessingActivity.objects.order_by("code"))


def processing_activities_by_code() -> dict[str, ProcessingActivity]:
    """For readers of the log (exports): an entry's ``activity`` is the key of its register entry."""
    return {a.code: a for a in ProcessingActivity.objects.all()}


def processing_activity_history(activity: ProcessingActivity) -> list[ProcessingActivityChange]:
    return list(activity.changes.select_related("changed_by"))


def _normalised(field: str, value: Any) -> Any:
    if field in LIST_FIELDS:
        if isinstance(value, str):
            value = value.replace("\n", ",").split(",")
        return [str(part).strip() for part in value or [] if str(part).strip()]
    return str(value or "").strip()


@transaction.atomic
def processing_activity_update(
    *, actor: Any, code: str, reason: str, channel: str = "web", **changes: Any
) -> ProcessingActivityChange | None:
    """Change what a register entry says. ``reason`` is required; None when nothing changed (a repeated submit)."""
    if not may_see_register(actor):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris en de functioneel beheerder wijzigen het verwerkingsregister."))
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationFailed(
            gettext("Deze velden bestaan niet in het register."),
            invalid_params=[{"name": name, "reason": gettext("Onbekend veld.")} for name in unknown],
        )
    activity = ProcessingActivity.objects.select_for_update().filter(code=code).first()
    if activity is None:
        raise ValidationFailed(gettext("Deze verwerkingsactiviteit bestaat niet."), code="not_found", status=404)
    new = {field: _normalised(field, value) for field, value in changes.items()}
    missing = [field for field in REQUIRED_FIELDS if field in new and not new[field]]
    if missing:
        raise ValidationFailed(
            gettext("Naam, doel, grondslag en bewaartermijn zijn verplicht."),
            invalid_params=[{"name": name, "reason": gettext("Verplicht.")} for name in missing],
        )
    diff = {field: [getattr(activity, field), value] for field, value in new.items() if getattr(activity, field) != value}
    if not diff:
        return None
    if not reason.strip():
        raise ValidationFailed(
            gettext("Geef de reden van de wijziging."),
            invalid_params=[{"name": "reason", "reason": gettext("Verplicht bij een wijziging.")}],
        )
    for field, (_old, value) in diff.items():
        setattr(activity, field, value)
    activity.updated_at = timezone.now()
    activity.save(update_fields=[*diff, "updated_at"])
    change = ProcessingActivityChange.objects.create(activity=activity, changed_by=actor, reason=reason.strip(), changes=diff)
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=Activity.ADMINISTRATION,
                action="update",
                object_type="processing-activity",
                object_id=activity.code,
                legal_basis=LEGAL_BASIS,
            )
        ],
    )
    return change
