"""No write across a need-to-know line: linking and merging may reveal a signal only by a registered disclosure.

Person records show each viewer only what their own visible signals brought (``persons.scopes``), except to the
viewers who see a record whole: the IND hub's analysts and the IND's privacy officers (``sees_whole_person``).
Linking a signal to a person record, or merging two records, therefore reveals every signal of the resulting
record to the units of those viewers that can see the record. Such a step is allowed only when each signal
such a unit cannot yet see is disclosed to it through the disclosure service — by the actor, who must see the
signal, over a registered flow with a case-level justification and within the signal's handling code — and
is otherwise refused with a message that says why. Unmerging reveals nothing new (each part's viewers could see
it before), so it only needs the actor to see the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from ketensignaal.core.errors import DomainError, NotAllowed
from ketensignaal.core.need_to_know import visible
from ketensignaal.identity.models import RoleCode, Unit
from ketensignaal.intake.models import InvolvementReason, Signal, SignalInvolvement
from ketensignaal.persons.models import Person, PersonSignalLink
from ketensignaal.persons.scopes import HUB_UNIT
from ketensignaal.routing.disclosure import signal_disclose
from ketensignaal.routing.models import REVEALED_NOTE


def whole_viewer_units() -> list[Unit]:
    """Units with at least one active user who sees a person record whole."""
    hub_org = HUB_UNIT.split(".", 1)[0]
    return list(
        Unit.objects.filter(
            Q(code=HUB_UNIT, members__roles__code=RoleCode.HUB_ANALYST, members__is_active=True)
            | Q(organisation__code=hub_org, members__roles__code=RoleCode.PRIVACY_OFFICER, members__is_active=True)
        )
        .select_related("organisation")
        .distinct()
    )


def _signals_of(person_ids: Iterable[Any]) -> list[Any]:
    ids = list(person_ids)
    family = Person.objects.filter(Q(pk__in=ids) | Q(merged_into_id__in=ids)).values("pk")
    return list(PersonSignalLink.objects.filter(person_id__in=family).values_list("signal_id", flat=True).distinct())


def reveal_by_disclosure(
    *, actor: Any, person_ids: Iterable[Any], extra_signals: Iterable[Any] = (), justification: str, what: str, channel: str
) -> list[tuple[str, str]]:
    """Disclose to each whole-view unit that will see the record every signal of it that unit cannot see yet.

    ``person_ids``: the record(s) as they will be after the step; ``extra_signals``: signals the step adds;
    ``what``: the step's Dutch name (a ``gettext_noop`` msgid), stored as written and shown in the reader's language.
    Raises (nothing written) when a disclosure is not possible; returns the (signal reference, unit code) pairs
    disclosed. Must run in the step's transaction.
    """
    signal_ids = set(_signals_of(person_ids)) | set(extra_signals)
    if not signal_ids:
        return []
    seen_by: dict[int, set[Any]] = {}
    for unit_id, signal_id in SignalInvolvement.objects.filter(signal_id__in=signal_ids, user__isnull=True).values_list(
        "unit_id", "signal_id"
    ):
        seen_by.setdefault(unit_id, set()).add(signal_id)
    actor_sees = set(visible(actor, Signal.objects.filter(pk__in=signal_ids)).values_list("pk", flat=True))
    disclosed: list[tuple[str, str]] = []
    for unit in whole_viewer_units():
        sees = seen_by.get(unit.pk, set())
        if not sees:
            continue  # this unit will not see the record at all
        missing = signal_ids - sees
        if not missing:
            continue
        hidden = missing - actor_sees
        if hidden:
            raise NotAllowed(
                gettext(
                    "%(what)s is niet mogelijk: %(unit)s zou dan signalen zien die u zelf niet kunt zien en dus niet kunt "
                    "verstrekken. Laat de houder van die signalen ze eerst verstrekken."
                )
                % {"what": gettext(what), "unit": unit.name},
                code="reveals_unseen_signals",
            )
        for signal in Signal.objects.filter(pk__in=missing).select_related("current_unit").order_by("created_at"):
            try:
                signal_disclose(
                    actor=actor,
                    signal=signal,
                    to_unit=unit,
                    reason=InvolvementReason.DISCLOSED,
                    justification=justification,
                    channel=channel,
                    # Stored in Dutch; SignalEvent.display_note shows it in the reader's language.
                    note=REVEALED_NOTE % {"what": what, "unit": unit.name},
                )
            except DomainError as refusal:
                refusal.detail = gettext(
                    "%(what)s is niet mogelijk zonder dit signaal (%(reference)s) aan %(unit)s te verstrekken, "
                    "die de persoon volledig ziet: %(detail)s"
                ) % {"what": gettext(what), "reference": signal.reference, "unit": unit.name, "detail": refusal.detail}
                raise
            disclosed.append((signal.reference, unit.code))
    return disclosed
