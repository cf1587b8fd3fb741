"""Need to know for the public channel's rows.

A public report and its additions are seen by whoever may see the signal they belong to (the hub, and whoever the
signal was disclosed to). Submission attempts (keyed address hashes, outcomes) only by privacy officers of the IND,
which runs the channel.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import register_scope, visible
from ketensignaal.intake.models import Signal
from ketensignaal.publicreports.models import PublicAddition, PublicReport, SubmissionAttempt

CHANNEL_ORGANISATION = "ind"


@register_scope(PublicReport)
def public_report_scope(user: Any, qs: QuerySet[PublicReport]) -> QuerySet[PublicReport]:
    return qs.filter(signal__in=visible(user, Signal.objects.all()).values("pk"))


@register_scope(PublicAddition)
def public_addition_scope(user: Any, qs: QuerySet[PublicAddition]) -> QuerySet[PublicAddition]:
    return qs.filter(report__signal__in=visible(user, Signal.objects.all()).values("pk"))


def may_see_attempts(user: Any) -> bool:
    unit = user.unit if getattr(user, "unit_id", None) else None
    return bool(unit is not None and user.has_role("privacy-officer") and unit.organisation.code == CHANNEL_ORGANISATION)


@register_scope(SubmissionAttempt)
def attempt_scope(user: Any, qs: QuerySet[SubmissionAttempt]) -> QuerySet[SubmissionAttempt]:
    return qs if may_see_attempts(user) else qs.none()
