"""Maintaining subscriptions (functional administrators): checks first, then one write with its log entry."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NoLegalBasis, NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import FlowStatus, LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record
from ketensignaal.identity.models import Organisation, Unit, User
from ketensignaal.webhooks.models import EventType, Subscription
from ketensignaal.webhooks.scopes import may_manage_subscriptions
from ketensignaal.webhooks.targets import target_problem


def _invalid(name: str, code: str, reason: str) -> ValidationFailed:
    return ValidationFailed(reason, invalid_params=[{"name": name, "code": code, "reason": reason}])


def partner_has_flow(*, partner: Organisation, unit: Unit) -> bool:
    """A partner hears of a unit's events only over a registered, current flow from that unit's organisation."""
    if unit.organisation_id == partner.pk:
        return True
    today = timezone.localdate()
    return (
        LegalBasisFlow.objects.filter(
            from_organisation_id=unit.organisation_id,
            to_organisation=partner,
            is_current=True,
            status=FlowStatus.ESTABLISHED,
            valid_from__lte=today,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .exists()
    )


@transaction.atomic
def subscription_create(
    *, actor: User, unit_code: str, url: str, types: Sequence[str], partner: Organisation | None = None, channel: str
) -> Subscription:
    """Register a subscription for the actor's organisation (or, in the admin, the partner chosen)."""
    if not may_manage_subscriptions(actor):
        raise NotAllowed(gettext("Alleen functioneel beheerders beheren webhook-abonnementen."), code="functional_admin_required")
    partner = partner or (actor.unit.organisation if actor.unit is not None else None)
    if partner is None:
        raise NotAllowed(gettext("U hoort niet bij een organisatie."), code="no_unit")
    unit = Unit.objects.select_related("organisation").filter(code=unit_code).first()
    if unit is None:
        raise _invalid("unit", "unknown_unit", gettext("Onbekende eenheid '%(unit_code)s'.") % {"unit_code": unit_code})
    wanted = list(dict.fromkeys(types))
    if not wanted or any(t not in EventType.values for t in wanted):
        raise _invalid(
            "types", "invalid_choice", gettext("Kies een of meer van: %(types)s.") % {"types": ", ".join(EventType.values)}
        )
    if not partner_has_flow(partner=partner, unit=unit):
        raise NoLegalBasis(
            gettext(
                "Geen grondslag: er is geen geregistreerde gegevensstroom van %(organisation)s naar %(partner)s. Een abonnement "
                "op gebeurtenissen van deze eenheid is daarom niet toegestaan."
            )
            % {"organisation": unit.organisation.name, "partner": partner.name}
        )
    problem = target_problem(url)
    if problem:
        raise _invalid("url", "url_not_allowed", problem)
    subscription = Subscription.objects.create(
        organisation=partner, unit=unit, url=url, types=wanted, secret=secrets.token_hex(32), created_by=actor
    )
    _log(actor, subscription, "create", channel)
    return subscription


@transaction.atomic
def subscription_deactivate(*, actor: User, subscription: Subscription, channel: str) -> Subscription:
    if not may_manage_subscriptions(actor):
        raise NotAllowed(gettext("Alleen functioneel beheerders beheren webhook-abonnementen."), code="functional_admin_required")
    subscription.is_active = False
    subscription.save(update_fields=["is_active"])
    _log(actor, subscription, "update", channel)
    return subscription


def _log(actor: Any, subscription: Subscription, action: str, channel: str) -> None:
    item = LogItem(activity=Activity.ADMINISTRATION, action=action, object_type="webhook-subscription", object_id=subscription.pk)
    processing_log_record(actor=actor, items=[item], channel=channel)
