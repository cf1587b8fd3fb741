"""The one way need to know on a signal is granted or ended: the disclosure service.

Every writer of :class:`~ketensignaal.intake.models.SignalInvolvement` goes through this module (a test fails
when any other module writes that table): the first hop of a submitted signal, forwarding, the acute alarm,
the hub's disclosures to partners, the LRO (put-forward to members, share with a decision's owner), the LIV
request (to the trajectory's coordinators and assigned staff and experts, in person), and person linking.

:func:`signal_disclose` grants one unit (or one user) need to know on one signal. For a step to another
organisation it

1. resolves the registered flow through :func:`governance.legal_basis.flow_for_disclosure` (validity, signal
   categories, data categories) — no flow: ``403 no_legal_basis``;
2. applies the supplier's handling code (:mod:`governance.handling_codes`) — forbidden: ``403 handling_code``;
3. requires the case-level justification — missing: ``400`` with ``invalid_params`` naming ``justification``;

and then writes, in the caller's transaction, the involvement (with the flow version), one history entry and
one ``disclose`` processing-log entry naming the flow version. A refusal raises before anything is written.
Within one organisation no flow or justification is needed (the handling code still applies: ``RED`` stays
with the units the supplier named). :func:`disclosure_check` runs the same weighing without writing, for forms
that show per destination whether a flow exists before the user fills in the rest.

:func:`signal_disclosure_recall` ends a grant, with a reason, history entry and log entry per recipient;
:func:`signal_copies_recall` ends every grant on signals about to be destroyed (retention), a log item per copy.

Callers that already write a history entry for the step (a forward, the submit) pass it as ``hop_event``;
callers that collect their log entries to append them once (routing's services) pass a :class:`Pending`.
Later, a case (case-conference issue) can be granted through :func:`disclosure_check` plus its own involvement
table; the weighing is the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core import statements
from ketensignaal.core.errors import HandlingCodeForbids, NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.handling_codes import handling_code_problem
from ketensignaal.governance.legal_basis import flow_for_disclosure
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.identity.models import Unit, User
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement
from ketensignaal.routing.models import RECALLED_NOTE, HopAction, SignalEvent
from ketensignaal.routing.scopes import may_recall_disclosure

ACTIVITY = Activity.DISCLOSURE
JUSTIFICATION_REASON = "Leg vast waarom verstrekken in dit geval nodig en evenredig is."
# Reasons whose grant can be recalled; the reporting unit and the units the signal travelled keep their history.
RECALLABLE = frozenset(
    {InvolvementReason.DISCLOSED, InvolvementReason.LRO, InvolvementReason.LIV, InvolvementReason.TASK, InvolvementReason.ALARM}
)


@dataclass
class Pending:
    """History and log entries a caller appends itself, once, at the end of its transaction."""

    events: list[SignalEvent] = field(default_factory=list)
    items: list[LogItem] = field(default_factory=list)
    # Grants on a signal created in this transaction, written in one statement by :func:`pending_flush`.
    involvements: list[SignalInvolvement] = field(default_factory=list)


@dataclass(frozen=True)
class Permit:
    """The outcome of weighing one step: the flow (when it crosses organisations) and its version label."""

    to_unit: Unit
    crosses: bool
    flow: LegalBasisFlow | None
    already_involved: bool

    @property
    def legal_basis(self) -> str:
        return self.flow.version_label if self.flow is not None else ""


@dataclass(frozen=True)
class Grant:
    permit: Permit
    involvement: SignalInvolvement
    created: bool


def unit_resolve(code: str, *, field_name: str = "to_unit") -> Unit:
    """An active unit by code, or 400 naming ``field_name``."""
    unit = Unit.objects.select_related("organisation").filter(code=(code or "").strip(), is_active=True).first()
    if unit is None:
        raise ValidationFailed(
            gettext("Onbekende eenheid."),
            invalid_params=[
                {"name": field_name, "code": "unknown_unit", "reason": gettext("Onbekende eenheid '%(code)s'.") % {"code": code}}
            ],
        )
    return unit


def _categories(signal: Signal) -> list[str]:
    return [c.code for c in signal.categories.all()]


def _existing(signal: Signal, unit: Unit, user: User | None) -> SignalInvolvement | None:
    qs = SignalInvolvement.objects.filter(signal=signal)
    qs = qs.filter(user=user) if user is not None else qs.filter(unit=unit, user__isnull=True)
    return qs.first()


def disclosure_check(
    *,
    signal: Signal,
    from_unit: Unit,
    to_unit: Unit,
    justification: str = "",
    to_user: User | None = None,
    require_justification: bool = True,
    named_by_supplier: bool = False,
    flow_code: str | None = None,
    data_categories: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    new_signal: bool = False,
) -> Permit:
    """Weigh giving ``to_unit`` (or ``to_user``) need to know on ``signal``; raise the refusal, write nothing.

    Order of the refusals: no legal basis (403), handling code (403), missing justification (400) — the first
    cannot be cured by filling in a field, the last can.
    """
    crosses = to_unit.organisation_id != from_unit.organisation_id
    flow = None
    if crosses:
        flow = flow_for_disclosure(
            from_org=from_unit.organisation,
            to_org=to_unit.organisation,
            categories=list(categories) if categories is not None else _categories(signal),
            data_categories=list(data_categories) if data_categories else None,
            flow_code=flow_code,
        )
    already = False if new_signal else _existing(signal, to_unit, to_user) is not None
    if not already:
        problem = handling_code_problem(
            code=signal.handling_code, crosses_organisation=crosses, named_by_supplier=named_by_supplier
        )
        if problem:
            raise HandlingCodeForbids(problem)
    if crosses and require_justification and not (justification or "").strip():
        raise ValidationFailed(
            gettext("Een afweging per geval ontbreekt: leg vast waarom verstrekking in dit geval nodig en evenredig is."),
            code="justification_required",
            invalid_params=[{"name": "justification", "code": "required", "reason": JUSTIFICATION_REASON}],
        )
    return Permit(to_unit=to_unit, crosses=crosses, flow=flow, already_involved=already)


def _lock_signal(signal: Signal) -> None:
    # Two users granting on the same signal at once: the second waits here and then sees the first's grant.
    list(Signal.objects.select_for_update().filter(pk=signal.pk).values_list("pk", flat=True))


def signal_disclose(
    *,
    actor: User,
    signal: Signal,
    to_unit: Unit,
    reason: str,
    channel: str,
    justification: str = "",
    to_user: User | None = None,
    from_unit: Unit | None = None,
    hop_event: SignalEvent | None = None,
    note: str = "",
    require_justification: bool = True,
    named_by_supplier: bool = False,
    flow_code: str | None = None,
    data_categories: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    activity: Activity = ACTIVITY,
    pending: Pending | None = None,
    new_signal: bool = False,
) -> Grant:
    """Grant ``to_unit`` — or only ``to_user``, a member of it — need to know on ``signal``, or refuse.

    Must run inside the caller's transaction (``transaction.atomic``); the caller has checked that ``actor``
    may see the signal. ``from_unit`` is the unit that shares (default: the actor's). ``reason`` is an
    :class:`InvolvementReason`. ``hop_event``: the caller's own history entry for this step (a forward); it
    gets the flow version and justification, and no separate ``disclosed`` entry is written (nor a log entry
    for a step within the organisation: the caller logs its own step). An existing grant is kept as it was
    (``created`` is False); a step across organisations is still logged as a disclosure. ``new_signal``: the
    signal was created in this transaction (nobody else can hold it), so the grant is collected in ``pending``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("signal_disclose must run inside the caller's transaction.")
    source = from_unit or actor.unit
    if source is None:
        raise NotAllowed(gettext("U hoort niet bij een eenheid en kunt daarom niets delen."), code="no_unit")
    if to_user is not None and to_user.unit_id != to_unit.pk:
        raise ValueError("A grant to a user is a grant within that user's unit.")
    if not new_signal:
        _lock_signal(signal)
    permit = disclosure_check(
        signal=signal,
        from_unit=source,
        to_unit=to_unit,
        justification=justification,
        to_user=to_user,
        require_justification=require_justification,
        named_by_supplier=named_by_supplier,
        flow_code=flow_code,
        data_categories=data_categories,
        categories=categories,
        new_signal=new_signal,
    )
    now = timezone.now()
    own = pending is None
    pending = pending or Pending()
    involvement = None if new_signal else _existing(signal, to_unit, to_user)
    created = involvement is None
    if involvement is None:
        involvement = SignalInvolvement(
            signal=signal, unit=to_unit, user=to_user, reason=reason, since=now, legal_basis=permit.legal_basis
        )
        if new_signal:
            pending.involvements.append(involvement)
        else:
            involvement.save()
    if hop_event is not None:
        hop_event.legal_basis = permit.legal_basis
        hop_event.justification = justification if permit.crosses else hop_event.justification
        pending.events.append(hop_event)
    elif created:
        who = f" ({to_user.display_name})" if to_user is not None else ""
        pending.events.append(
            SignalEvent(
                signal=signal,
                action=HopAction.DISCLOSED,
                from_unit=source,
                to_unit=to_unit,
                by=actor,
                at=now,
                note=(note or f"Kennisnemen toegestaan: {InvolvementReason(reason).label}{who}").strip(),
                justification=justification if permit.crosses else "",
                legal_basis=permit.legal_basis,
            )
        )
    if permit.crosses or (created and hop_event is None):
        pending.items.append(
            LogItem(
                activity=activity,
                action="disclose" if permit.crosses else "update",
                object_type="signal",
                object_id=signal.pk,
                subject=subject_ref("signal", signal.pk),
                legal_basis=permit.legal_basis,
            )
        )
    if own:
        pending_flush(pending, actor=actor, channel=channel)
    return Grant(permit=permit, involvement=involvement, created=created)


def pending_flush(pending: Pending, *, actor: User, channel: str, include_log: bool = True) -> None:
    """Write the collected grants, history and log entries (the log last: it locks its head row until commit)."""
    if pending.involvements:
        statements.insert(pending.involvements)
        pending.involvements.clear()
    if pending.events:
        statements.insert(pending.events)
        pending.events.clear()
    if include_log and pending.items:
        processing_log_record(actor=actor, items=pending.items, channel=channel)
        pending.items.clear()


# The history entries that record a grant which can be recalled; their ``from_unit`` is the disclosing unit.
GRANT_EVENTS = (HopAction.DISCLOSED, HopAction.ALARM)


def recallable(signal: Signal, involvement: SignalInvolvement) -> bool:
    """A grant, not the reporting unit's or a routed unit's own history, and not the unit that holds the signal."""
    holds_it = involvement.user_id is None and signal.current_unit_id == involvement.unit_id
    return involvement.reason in RECALLABLE and not holds_it


def disclosing_unit_ids(signal: Signal, involvement: SignalInvolvement) -> set[int]:
    """The units that granted ``involvement`` (by its history entries)."""
    return set(
        SignalEvent.objects.filter(signal=signal, to_unit_id=involvement.unit_id, action__in=GRANT_EVENTS)
        .exclude(from_unit__isnull=True)
        .values_list("from_unit_id", flat=True)
    )


@transaction.atomic
def signal_disclosure_recall(
    *, actor: User, signal: Signal, unit: Unit, reason: str, user: User | None = None, channel: str
) -> SignalInvolvement:
    """End a grant: ``unit`` (or ``user``) no longer has need to know on ``signal`` through it.

    Refused for the reporting unit's and the routed units' involvement (their history stays theirs) and for
    the unit that holds the signal now. The end is a history entry and a log entry per recipient.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            gettext("Geef een reden om de verstrekking in te trekken."),
            invalid_params=[{"name": "reason", "code": "required", "reason": gettext("Reden is verplicht.")}],
        )
    _lock_signal(signal)
    involvement = _existing(signal, unit, user)
    if involvement is None:
        raise ValidationFailed(
            gettext("Deze eenheid heeft geen toegang tot dit signaal gekregen."),
            invalid_params=[{"name": "unit", "code": "not_involved", "reason": gettext("Geen verstrekking om in te trekken.")}],
        )
    if not recallable(signal, involvement):
        raise ValidationFailed(
            gettext("Deze betrokkenheid kan niet worden ingetrokken (gemeld, doorgestuurd of het signaal ligt daar)."),
            invalid_params=[{"name": "unit", "code": "not_recallable", "reason": gettext("Niet in te trekken.")}],
        )
    if not may_recall_disclosure(actor, disclosed_by_unit_ids=disclosing_unit_ids(signal, involvement)):
        raise NotAllowed(
            gettext("Alleen de eenheid die het signaal verstrekte of de hub kan deze verstrekking intrekken."),
            code="not_disclosing_unit",
        )
    involvement.delete()
    SignalEvent.objects.create(
        signal=signal,
        action=HopAction.RECALLED,
        from_unit=actor.unit,
        to_unit=unit,
        by=actor,
        reason=reason,
        legal_basis=involvement.legal_basis,
        # Stored in Dutch; SignalEvent.display_note shows it in the reader's language.
        note=RECALLED_NOTE % {"person": user.display_name} if user is not None else "",
    )
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[_recall_item(signal.pk, user.pk if user is not None else unit.code, involvement.legal_basis)],
    )
    return involvement


def _recall_item(signal_id: Any, recipient: Any, legal_basis: str) -> LogItem:
    """The log entry that proves one recipient's copy of a signal was recalled."""
    return LogItem(
        activity=ACTIVITY,
        action="delete",
        object_type="signal-involvement",
        object_id=f"{signal_id}:{recipient}",
        subject=subject_ref("signal", signal_id),
        legal_basis=legal_basis,
    )


def signal_copies_recall(*, signal_ids: Sequence[Any]) -> tuple[list[LogItem], dict[Any, int]]:
    """End every grant on ``signal_ids`` (the signals are about to be destroyed): every unit and user that held a
    copy loses it, whatever the reason it was given — reporter, routed, disclosed, LRO, LIV, task.

    Returns one log item per recipient (the caller appends them in its transaction, together with the destruction)
    and the number of copies per signal. No history entries: the signal's history is destroyed with it; the log
    entries stay and name each recipient (unit code, or user id for a grant to one person).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("signal_copies_recall must run inside the caller's transaction.")
    grants = SignalInvolvement.objects.filter(signal_id__in=list(signal_ids))
    items: list[LogItem] = []
    counts: dict[Any, int] = {}
    for signal_id, unit_code, user_id, legal_basis in grants.values_list("signal_id", "unit__code", "user_id", "legal_basis"):
        items.append(_recall_item(signal_id, user_id if user_id is not None else unit_code, legal_basis))
        counts[signal_id] = counts.get(signal_id, 0) + 1
    grants.delete()
    return items, counts


def reporting_grant(*, signal: Signal, reporting_unit: Unit, at: Any, pending: Pending) -> None:
    """The reporting unit's own involvement in the signal it has just reported (not a disclosure)."""
    pending.involvements.append(
        SignalInvolvement(signal=signal, unit=reporting_unit, reason=InvolvementReason.REPORTED, since=at)
    )
