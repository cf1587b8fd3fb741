"""Reading person records and candidates, always through need to know; searches are logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, subject_ref
from ketensignaal.governance.reads import reads_record
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import Signal
from ketensignaal.persons.matching.compare import Description
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.engine import Candidate, candidates_find
from ketensignaal.persons.matching.normalize import name_analyse
from ketensignaal.persons.models import (
    IdentifierKind,
    Person,
    PersonBirthDate,
    PersonEvent,
    PersonIdentifier,
    PersonName,
    PersonNationality,
    PersonSignalLink,
)
from ketensignaal.persons.scopes import sees_whole_person
from ketensignaal.routing.selectors import status_for

ACTIVITY = Activity.PERSON_LINKING
HUB_UNIT = "ind.tsz"
LEGAL_BASIS = "AVG art. 6 lid 1 sub e"
NAME_NOT_VISIBLE = "Persoon (naam niet zichtbaar)"
FORWARDED_LABEL = "Doorgezet naar ketenpartner"


def may_match(user: Any) -> bool:
    """Hub analysts at TSZ and handlers (of a unit that can see the signal) may search and link."""
    unit_code = getattr(getattr(user, "unit", None), "code", "")
    return (user.has_role(RoleCode.HUB_ANALYST) and unit_code == HUB_UNIT) or user.has_role(RoleCode.HANDLER)


def _require_matcher(user: Any) -> None:
    if not may_match(user):
        raise NotAllowed(
            gettext("Alleen analisten van TSZ en behandelaars mogen signalen aan personen koppelen."), code="not_a_matcher"
        )


def signal_for_matching(user: Any, signal_id: object, *, lock: bool = False) -> Signal:
    qs = Signal.objects.select_for_update(of=("self",)) if lock else Signal.objects.all()
    signal = get_visible_or_404(user, qs, pk=signal_id)
    _require_matcher(user)
    return signal


def person_for_change(user: Any, person_id: object, *, lock: bool = False) -> Person:
    _require_matcher(user)
    person = get_visible_or_404(user, Person.objects.all(), pk=person_id)
    if lock:
        person = Person.objects.select_for_update().get(pk=person.pk)
    return person


def signal_query_description(signal: Signal) -> Description:
    names = [name_analyse(n.name, n.script) for n in signal.names.all()]
    birth_dates = []
    if signal.date_of_birth:
        try:
            birth_dates = [birth_date_parse(signal.date_of_birth, uncertain=signal.date_of_birth_uncertain)]
        except ValidationFailed:
            birth_dates = []
    return Description(
        names=names,
        birth_dates=birth_dates,
        nationalities=frozenset({signal.nationality} if signal.nationality else ()),
        v_numbers=frozenset({signal.v_number} if signal.v_number else ()),
    )


def signal_candidates_compute(user: Any, signal: Signal, query: Description | None = None) -> list[Candidate]:
    query = query or signal_query_description(signal)
    linked = PersonSignalLink.objects.filter(signal=signal).values_list("person_id", flat=True)

    def restrict(ids: set[UUID]) -> set[UUID]:
        return set(visible(user, Person.objects.filter(pk__in=ids, merged_into__isnull=True)).values_list("pk", flat=True))

    return candidates_find(query, restrict=restrict, exclude=list(linked))


@dataclass
class CandidateView:
    person: Person
    candidate: Candidate


def signal_person_candidates(*, user: Any, signal_id: object, channel: str = "web") -> tuple[Signal, list[CandidateView]]:
    """Candidates for a signal, best first, each with its explanation. The search is logged."""
    signal = signal_for_matching(user, signal_id)
    with transaction.atomic():
        candidates = signal_candidates_compute(user, signal)
        persons = Person.objects.in_bulk([c.person_id for c in candidates])
        items = [
            LogItem(
                activity=ACTIVITY,
                action="read",
                object_type="signal",
                object_id=signal.pk,
                subject=subject_ref("signal", signal.pk),
                legal_basis=LEGAL_BASIS,
            )
        ]
        items += [
            LogItem(
                activity=ACTIVITY,
                action="read",
                object_type="person",
                object_id=c.person_id,
                subject=subject_ref("person", c.person_id),
                legal_basis=LEGAL_BASIS,
            )
            for c in candidates
        ]
        reads_record(user=user, channel=channel, items=items)
    return signal, [CandidateView(persons[c.person_id], c) for c in candidates]


def person_get(*, user: Any, person_id: object, channel: str = "web") -> Person:
    person = get_visible_or_404(user, Person.objects.select_related("merged_into"), pk=person_id)
    with transaction.atomic():
        reads_record(
            user=user,
            channel=channel,
            items=[
                LogItem(
                    activity=ACTIVITY,
                    action="read",
                    object_type="person",
                    object_id=person.pk,
                    subject=subject_ref("person", person.pk),
                    legal_basis=LEGAL_BASIS,
                )
            ],
        )
    return person


def person_visible_signals(*, user: Any, person: Person) -> list[Signal]:
    """The person's linked signals that this user may see (Signal scope), oldest first: the timeline."""
    return list(
        visible(user, Signal.objects.filter(person_link__person=person))
        .select_related("reporting_unit", "current_unit__organisation", "touchpoint")
        .prefetch_related("categories")
        .order_by("created_at")
    )


def person_events(*, user: Any, person: Person) -> list[PersonEvent]:
    return list(visible(user, PersonEvent.objects.filter(person=person)).select_related("actor", "other_person"))


@dataclass
class TimelineEntry:
    """A linked signal with its status as the viewer may know it (hidden once it left their organisation)."""

    signal: Signal
    status: str
    status_label: str


def _timeline(user: Any, signals: list[Signal]) -> list[TimelineEntry]:
    entries = []
    for signal in signals:
        status = status_for(user, signal)["status"]
        label = FORWARDED_LABEL if status == "forwarded-to-partner" else signal.get_status_display()
        entries.append(TimelineEntry(signal, status, str(label)))
    return entries


@dataclass
class PersonDetails:
    """A person as one viewer may see it: outside the hub only what derives from signals the viewer may see."""

    person: Person
    display_name: str
    complete: bool
    names: list[PersonName]
    identifiers: list[PersonIdentifier]
    birth_dates: list[PersonBirthDate]
    nationalities: list[str]
    timeline: list[TimelineEntry]
    events: list[PersonEvent]
    merged_into_name: str


def display_name_for(person: Person, originals: list[str], *, complete: bool) -> str:
    """The person's name as a viewer may see it, given the name variants visible to them (``originals``).

    The stored display name comes from the signal that created the person, which the viewer may not see.
    """
    return display_name_from(person.display_name, originals, complete=complete)


def display_name_from(stored: str, originals: list[str], *, complete: bool) -> str:
    """:func:`display_name_for` given the person's stored display name (a list that read it as a plain value)."""
    if complete or stored in originals:
        return stored
    return originals[0] if originals else NAME_NOT_VISIBLE


def person_display_name(*, user: Any, person: Person) -> str:
    names = list(visible(user, PersonName.objects.filter(person=person)))
    return display_name_for(person, [n.original for n in names], complete=sees_whole_person(user))


def person_details(*, user: Any, person: Person) -> PersonDetails:
    """Everything the person page and ``GET /persons/{id}`` show, each part through its need-to-know scope."""
    complete = sees_whole_person(user)
    names = list(visible(user, PersonName.objects.filter(person=person)))
    merged_into = person.merged_into
    return PersonDetails(
        person=person,
        display_name=display_name_for(person, [n.original for n in names], complete=complete),
        complete=complete,
        names=names,
        identifiers=list(visible(user, PersonIdentifier.objects.filter(person=person)).order_by("id")),
        birth_dates=list(visible(user, PersonBirthDate.objects.filter(person=person)).order_by("id")),
        nationalities=sorted(set(visible(user, PersonNationality.objects.filter(person=person)).values_list("code", flat=True))),
        timeline=_timeline(user, person_visible_signals(user=user, person=person)),
        events=person_events(user=user, person=person),
        merged_into_name=person_display_name(user=user, person=merged_into) if merged_into is not None else "",
    )


@dataclass(frozen=True)
class MergeChoice:
    """A person the user may merge into the one on the page, as the picker shows them (the id is the form value)."""

    id: UUID
    name: str
    identifiers: list[str]


MERGE_SEARCH_MIN = 2
MERGE_SEARCH_LIMIT = 20


def merge_choices_search(*, user: Any, person: Person, query: str, channel: str = "web") -> list[MergeChoice]:
    """Persons to merge into ``person``, found by a name or an identifier (V-number, passport) the user may see.

    Only persons within need to know, not already merged and not ``person`` itself; each one shown is a logged read.
    """
    _require_matcher(user)
    text = " ".join(query.split())
    if len(text) < MERGE_SEARCH_MIN:
        return []
    names = visible(user, PersonName.objects.filter(original__icontains=text)).values("person_id")
    identifiers = visible(user, PersonIdentifier.objects.filter(value__iexact=text.replace(" ", ""))).values("person_id")
    found = list(
        visible(user, Person.objects.filter(merged_into__isnull=True))
        .exclude(pk=person.pk)
        .filter(Q(pk__in=names) | Q(pk__in=identifiers))
        .order_by("display_name", "created_at")[:MERGE_SEARCH_LIMIT]
    )
    if not found:
        return []
    complete = sees_whole_person(user)
    originals: dict[Any, list[str]] = {}
    for person_id, original in (
        visible(user, PersonName.objects.filter(person__in=found)).order_by("id").values_list("person_id", "original")
    ):
        originals.setdefault(person_id, []).append(original)
    shown_ids: dict[Any, list[str]] = {}
    for person_id, kind, value in (
        visible(user, PersonIdentifier.objects.filter(person__in=found)).order_by("id").values_list("person_id", "kind", "value")
    ):
        shown_ids.setdefault(person_id, []).append(f"{IdentifierKind(kind).label} {value}")
    with transaction.atomic():
        reads_record(user=user, channel=channel, items=[_read("person", p.pk, subject_ref("person", p.pk)) for p in found])
    return [
        MergeChoice(p.pk, display_name_for(p, originals.get(p.pk, []), complete=complete), shown_ids.get(p.pk, [])) for p in found
    ]


def signal_person_link(*, user: Any, signal: Signal) -> PersonSignalLink | None:
    """The person the signal is linked to, if the user may see the link; the page names them: a logged read."""
    link = visible(user, PersonSignalLink.objects.filter(signal=signal)).select_related("person").first()
    if link is not None:
        reads_record(user=user, items=[_read("person", link.person_id, subject_ref("person", link.person_id))])
    return link


def _read(object_type: str, object_id: object, subject: str) -> LogItem:
    return LogItem(
        activity=ACTIVITY,
        action="read",
        object_type=object_type,
        object_id=object_id,
        subject=subject,
        legal_basis=LEGAL_BASIS,
    )


def signal_for_matching_or_error(user: Any, signal_id: object) -> Signal:
    """For web pages: 404 when the signal is not visible, 403 (Django) when the user may not match."""
    from django.core.exceptions import PermissionDenied

    signal = get_visible_or_404(user, Signal.objects.all(), pk=signal_id)
    if not may_match(user):
        raise PermissionDenied
    # The page shows the signal's subject (names, date of birth) beside any candidates: a logged read.
    reads_record(user=user, items=[_read("signal", signal.pk, subject_ref("signal", signal.pk))])
    return signal
