"""Recording information needs, versioned: a change is a new version; the previous one stays as history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Organisation, User
from ketensignaal.informationneeds.models import InformationNeed
from ketensignaal.informationneeds.scopes import may_keep_inventory


def _check(
    *, actor: User, provider: Organisation | None, receiver: Organisation | None, need: str, purpose: str, flow_code: str
) -> None:
    if not may_keep_inventory(actor):
        raise NotAllowed(gettext("Alleen privacyfunctionarissen en functioneel beheerders houden de inventarisatie bij."))
    problems = []
    if provider is None:
        problems.append({"name": "provider", "code": "required", "reason": gettext("Kies de leverende organisatie.")})
    if receiver is None:
        problems.append({"name": "receiver", "code": "required", "reason": gettext("Kies de ontvangende organisatie.")})
    if not (need or "").strip():
        problems.append({"name": "need", "code": "required", "reason": gettext("Beschrijf wat de ontvanger nodig heeft.")})
    if not (purpose or "").strip():
        problems.append({"name": "purpose", "code": "required", "reason": gettext("Beschrijf het doel.")})
    if flow_code:
        flow = LegalBasisFlow.objects.filter(code=flow_code, is_current=True).first()
        if flow is None:
            problems.append(
                {
                    "name": "flow_code",
                    "code": "unknown_flow",
                    "reason": gettext("Geen gegevensstroom met code '%(flow_code)s'.") % {"flow_code": flow_code},
                }
            )
        elif (
            provider is not None
            and receiver is not None
            and (flow.from_organisation_id, flow.to_organisation_id) != (provider.pk, receiver.pk)
        ):
            problems.append(
                {
                    "name": "flow_code",
                    "code": "other_pair",
                    "reason": gettext("Deze gegevensstroom loopt tussen andere organisaties."),
                }
            )
    if problems:
        raise ValidationFailed(gettext("De informatiebehoefte is niet vastgelegd."), invalid_params=problems)


def _log(actor: User, need: InformationNeed, action: str, channel: str) -> None:
    item = LogItem(activity=Activity.ADMINISTRATION, action=action, object_type="information-need", object_id=need.pk)
    processing_log_record(actor=actor, items=[item], channel=channel)


@transaction.atomic
def need_create(
    *,
    actor: User,
    provider: Organisation | None,
    receiver: Organisation | None,
    need: str,
    purpose: str,
    flow_code: str = "",
    open_questions: str = "",
    channel: str,
) -> InformationNeed:
    _check(actor=actor, provider=provider, receiver=receiver, need=need, purpose=purpose, flow_code=flow_code)
    assert provider is not None and receiver is not None
    row = InformationNeed.objects.create(
        provider=provider,
        receiver=receiver,
        need=need.strip(),
        purpose=purpose.strip(),
        flow_code=flow_code,
        open_questions=(open_questions or "").strip(),
        changed_by=actor,
    )
    _log(actor, row, "create", channel)
    return row


@transaction.atomic
def need_new_version(
    *, actor: User, current: InformationNeed, change_note: str = "", channel: str, **changes: Any
) -> InformationNeed:
    locked = InformationNeed.objects.select_for_update().get(pk=current.pk)
    if not locked.is_current:
        raise ValidationFailed(gettext("Er is intussen een nieuwere versie; laad opnieuw."), code="stale_version")
    fields = {
        "provider": locked.provider,
        "receiver": locked.receiver,
        "need": locked.need,
        "purpose": locked.purpose,
        "flow_code": locked.flow_code,
        "open_questions": locked.open_questions,
        **changes,
    }
    _check(
        actor=actor,
        provider=fields["provider"],
        receiver=fields["receiver"],
        need=fields["need"],
        purpose=fields["purpose"],
        flow_code=fields["flow_code"],
    )
    InformationNeed.objects.filter(pk=locked.pk).update(is_current=False)
    row = InformationNeed.objects.create(
        key=locked.key, version=locked.version + 1, change_note=(change_note or "")[:300], changed_by=actor, **fields
    )
    _log(actor, row, "update", channel)
    return row
