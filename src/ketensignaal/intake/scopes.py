"""Need-to-know scopes for the intake context."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import Attachment, Signal, SignalInvolvement, SubjectName


def involvements_of(user: Any) -> QuerySet[SignalInvolvement]:
    """The involvements that give ``user`` need to know: their unit's, and grants to them in person (the LIV)."""
    return SignalInvolvement.objects.filter(Q(unit_id=user.unit_id, user__isnull=True) | Q(user_id=user.pk))


def involved(user: Any, signal_ref: str) -> Exists:
    """EXISTS (an involvement that gives ``user`` need to know on the signal at ``signal_ref``).

    A semi-join that neither multiplies rows nor forces a hash join over every involvement, so an ordered
    index walk over the signals (e.g. the inbox) stays cheap. Every scope that depends on seeing a signal
    (persons, links, match proposals) uses this one rule.
    """
    return Exists(involvements_of(user).filter(signal_id=OuterRef(signal_ref)))


_involved = involved


@register_scope(Signal)
def signal_scope(user: Any, qs: QuerySet[Signal]) -> QuerySet[Signal]:
    """A unit sees a signal it reported, that passed through it, or that was shared with it."""
    if not user.unit_id:
        return qs.none()
    return qs.filter(_involved(user, "pk"))


@register_scope(SubjectName)
def subject_name_scope(user: Any, qs: QuerySet[SubjectName]) -> QuerySet[SubjectName]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(_involved(user, "signal_id"))


@register_scope(Attachment)
def attachment_scope(user: Any, qs: QuerySet[Attachment]) -> QuerySet[Attachment]:
    """An attachment is visible exactly when its signal is."""
    if not user.unit_id:
        return qs.none()
    return qs.filter(_involved(user, "signal_id"))


# --- Capabilities ------------------------------------------------------------------------------------------------


def may_report(user: Any) -> bool:
    """A reporter of a unit reports signals and follows their own reports ("Mijn meldingen")."""
    return bool(getattr(user, "unit_id", None)) and user.has_role(RoleCode.REPORTER)
