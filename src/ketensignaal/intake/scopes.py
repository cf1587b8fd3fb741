"""Need-to-know scopes for the intake context."""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import Attachment, Signal, SignalInvolvement, SubjectName


def _involved(user: Any, signal_ref: str) -> Exists:
    """EXISTS (an involvement of the user's unit): a semi-join that neither multiplies rows nor forces a hash join
    over every involvement, so an ordered index walk over the signals (e.g. the inbox) stays cheap."""
    return Exists(SignalInvolvement.objects.filter(signal_id=OuterRef(signal_ref), unit_id=user.unit_id))


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
