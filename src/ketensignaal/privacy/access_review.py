"""The privacy officer's access review: find a person by name, see who saw the file, when and why; mark files
sensitive; work the break-the-glass queue.

Who the officer may look up: the contact point's officers (the organisation that keeps the person records) every
person record; any other privacy officer the persons their own organisation's signals reach (the persons scope).
What they see of the log is the processing by their own organisation (``governance.selectors``, ADR 0004).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketensignaal.conferences.models import CaseSubjectName, ConferenceCase
from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.core.language import in_reader_language
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import BreakGlassAccess, LogAction, SensitiveMark
from ketensignaal.governance.pickers import pick_candidates
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.governance.processing_register import processing_activities_by_code
from ketensignaal.governance.reads import read_item, reads_record
from ketensignaal.governance.selectors import LogQuery, processing_log_entries
from ketensignaal.governance.sensitive import REASON_VALID_FOR
from ketensignaal.governance.services import processing_log_inspection_record
from ketensignaal.identity.models import Unit
from ketensignaal.identity.selectors import display_names, unit_names
from ketensignaal.intake.models import Signal, SignalInvolvement, SubjectName
from ketensignaal.persons.matching.compare import Description
from ketensignaal.persons.matching.engine import candidates_find
from ketensignaal.persons.matching.normalize import name_analyse
from ketensignaal.persons.models import Person
from ketensignaal.persons.selectors import person_display_name
from ketensignaal.privacy.scopes import may_handle_subject_requests, may_review_access

ACTIVITY = Activity.PRIVACY_OVERSIGHT
OBJECT_LABELS = {
    "person": _("persoonsdossier"),
    "signal": _("signaal"),
    "signal-reference": _("signaal"),
    "attachment": _("bijlage"),
    "ambtsbericht": _("ambtsbericht"),
    "processing-log": _("verwerkingenlog"),
    "subject-request": _("verzoek van de betrokkene"),
    "conference-case": _("casus"),
    "liv-trajectory": _("LIV-traject"),
    "screening": _("screening"),
    "enrichment": _("verrijking"),
    "disclosure": _("verstrekking"),
    "naslag-answer": _("antwoord op naslag"),
    "lro-item": _("LRO-agendapunt"),
}
LEGAL_BASIS = "AVG art. 38-39"
SEARCH_LIMIT = 20
VIEW_ROWS = 200


def _require_officer(user: Any) -> None:
    if not may_review_access(user):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris doet de inzagecontrole."), code="privacy_officer_only")


def _persons(user: Any) -> Any:
    current = Person.objects.filter(merged_into__isnull=True)
    return current if may_handle_subject_requests(user) else visible(user, current)


def officer_person_get(*, user: Any, person_id: object) -> Person:
    """A person the officer may look up (404 otherwise); showing their name is a logged read."""
    _require_officer(user)
    if may_handle_subject_requests(user):
        person = _get_or_404(person_id)
    else:
        person = get_visible_or_404(user, Person.objects.all(), pk=person_id)
    reads_record(user=user, items=[_read("person", person.pk)])
    return person


def _get_or_404(person_id: object) -> Person:
    from django.http import Http404

    person = Person.objects.filter(pk=str(person_id)).first()
    if person is None:
        raise Http404
    return person


def _read(object_type: str, object_id: UUID) -> LogItem:
    """The review's logged read of one file (person, signal or conference case), about that file as its subject."""
    return read_item(
        activity=ACTIVITY,
        object_type=object_type,
        object_id=object_id,
        subject=subject_ref(object_type, object_id),
        legal_basis=LEGAL_BASIS,
    )


@dataclass
class FoundPerson:
    person: Person
    name: str
    sensitive: bool


def person_search(*, user: Any, name: str) -> list[FoundPerson]:
    """Persons whose names resemble ``name`` (the persons' matcher: any script, transliterated), best first."""
    _require_officer(user)
    name = (name or "").strip()
    if len(name) < 2:
        raise ValidationFailed(
            gettext("Vul een naam in (ten minste twee tekens)."), invalid_params=[{"name": "naam", "reason": gettext("Te kort.")}]
        )
    allowed = _persons(user)

    def restrict(ids: set[UUID]) -> set[UUID]:
        return set(allowed.filter(pk__in=ids).values_list("pk", flat=True))

    found = candidates_find(Description(names=[name_analyse(name)]), restrict=restrict, limit=SEARCH_LIMIT)
    persons = Person.objects.in_bulk([c.person_id for c in found])
    marked = set(
        SensitiveMark.objects.filter(object_type="person", object_id__in=[str(c.person_id) for c in found]).values_list(
            "object_id", flat=True
        )
    )
    reads_record(user=user, items=[_read("person", c.person_id) for c in found])
    return [
        FoundPerson(persons[c.person_id], person_display_name(user=user, person=persons[c.person_id]), str(c.person_id) in marked)
        for c in found
    ]


@dataclass
class FileView:
    occurred_at: datetime
    actor: str
    actor_unit: str
    what: str
    why: str
    break_glass: bool


def _file_views(*, user: Any, query: LogQuery, signal_kind: str, marked: tuple[str, str]) -> list[FileView]:
    """Reads in the officer's organisation's log under ``query`` (newest first), each with why: the reason given at
    break-the-glass on the file ``marked`` (object type, id) where there was one, else the processing activity from
    the register with its legal basis. Looking is itself logged (an inspection of the log)."""
    _require_officer(user)
    entries = list(
        processing_log_entries(user=user, query=query, signal_kind=signal_kind).filter(action=LogAction.READ)[:VIEW_ROWS]
    )
    processing_log_inspection_record(user=user, query=query, count=len(entries))
    register = processing_activities_by_code()
    units = unit_names({e.audit.actor_unit for e in entries})
    people = display_names({e.audit.actor_username for e in entries})
    reasons: dict[int, list[BreakGlassAccess]] = defaultdict(list)
    for access in BreakGlassAccess.objects.filter(object_type=marked[0], object_id=marked[1]).order_by("at"):
        reasons[access.user_id].append(access)
    views = []
    for entry in entries:
        given = [a for a in reasons.get(entry.audit.actor_id or 0, []) if a.at <= entry.occurred_at <= a.at + REASON_VALID_FOR]
        activity = register.get(entry.activity)
        why = (
            given[-1].reason
            if given
            else (
                f"{in_reader_language(activity, 'name')} ({entry.legal_basis or in_reader_language(activity, 'legal_basis')})"
                if activity
                else entry.activity
            )
        )
        views.append(
            FileView(
                occurred_at=entry.occurred_at,
                actor=people.get(entry.audit.actor_username, entry.audit.actor_username),
                actor_unit=units.get(entry.audit.actor_unit, entry.audit.actor_unit),
                what=str(OBJECT_LABELS.get(entry.object_type, _("ander gegeven"))),
                why=why,
                break_glass=bool(given),
            )
        )
    return views


def person_file_views(*, user: Any, person: Person) -> list[FileView]:
    """Who saw this person's file (reads of the person and of their linked signals), when, and why."""
    return _file_views(user=user, query=LogQuery(person=str(person.pk)), signal_kind="signal", marked=("person", str(person.pk)))


def signal_file_views(*, user: Any, signal: Signal) -> list[FileView]:
    """Who of the officer's organisation saw this signal (and what hangs on it), when, and why."""
    return _file_views(user=user, query=LogQuery(signal=str(signal.pk)), signal_kind="signal", marked=("signal", str(signal.pk)))


def case_file_views(*, user: Any, case: ConferenceCase) -> list[FileView]:
    """Who of the officer's organisation saw this case-conference case, when, and why (break-the-glass reasons on a
    sensitive case included)."""
    return _file_views(
        user=user,
        query=LogQuery(signal=str(case.pk)),
        signal_kind="conference-case",
        marked=("conference-case", str(case.pk)),
    )


def _own_signals(user: Any) -> Any:
    """Signals the officer's organisation had a part in (reported, handled, received): its log is about those."""
    units = Unit.objects.filter(organisation_id=user.unit.organisation_id).values("pk")
    return Signal.objects.filter(Exists(SignalInvolvement.objects.filter(signal=OuterRef("pk"), unit_id__in=units)))


def officer_signal_get(*, user: Any, signal_id: object) -> Signal:
    """A signal of the officer's organisation (404 otherwise); opening its review is a logged read."""
    _require_officer(user)
    signal = get_object_or_404(_own_signals(user), pk=signal_id)
    reads_record(user=user, items=[_read("signal", signal.pk)])
    return signal


def officer_case_get(*, user: Any, case_id: object) -> ConferenceCase:
    """A case of the officer's own organisation (404 otherwise); opening its review is a logged read."""
    _require_officer(user)
    case = get_object_or_404(_own_cases(user), pk=case_id)
    reads_record(user=user, items=[_read("conference-case", case.pk)])
    return case


@dataclass
class FoundFile:
    kind: str  # "signal" or "case"
    pk: UUID
    reference: str
    name: str
    since: datetime
    sensitive: bool


def file_search(*, user: Any, name: str) -> list[FoundFile]:
    """Signals and case-conference cases of the officer's organisation about someone whose name contains ``name``
    (as written, or its transliteration for a signal linked to a person), newest first."""
    _require_officer(user)
    name = (name or "").strip()
    if len(name) < 2:
        return []
    names = SubjectName.objects.filter(signal=OuterRef("pk"), name__icontains=name)
    signals = list(_own_signals(user).filter(Exists(names)).order_by("-created_at").prefetch_related("names")[:SEARCH_LIMIT])
    case_names = CaseSubjectName.objects.filter(case=OuterRef("pk"), name__icontains=name)
    cases = list(_own_cases(user).filter(Exists(case_names)).order_by("-created_at").prefetch_related("names")[:SEARCH_LIMIT])
    marked = set(
        SensitiveMark.objects.filter(
            object_type__in=["signal", "conference-case"], object_id__in=[str(s.pk) for s in signals] + [str(c.pk) for c in cases]
        ).values_list("object_id", flat=True)
    )
    found = [
        FoundFile("signal", s.pk, s.reference, "; ".join(n.name for n in s.names.all()), s.created_at, str(s.pk) in marked)
        for s in signals
    ] + [
        FoundFile("case", c.pk, c.reference, "; ".join(n.name for n in c.names.all()), c.created_at, str(c.pk) in marked)
        for c in cases
    ]
    reads_record(user=user, items=[_read("signal" if f.kind == "signal" else "conference-case", f.pk) for f in found])
    return sorted(found, key=lambda f: f.since, reverse=True)


def is_marked(object_type: str, object_id: object) -> SensitiveMark | None:
    return SensitiveMark.objects.filter(object_type=object_type, object_id=str(object_id)).first()


@transaction.atomic
def person_sensitive_set(*, actor: Any, person_id: object, sensitive: bool, reason: str, channel: str = "web") -> bool:
    """Mark a person record sensitive (with the reason) or lift the mark. The record is the contact point's
    organisation's, so its privacy officers decide. Returns whether anything changed."""
    if not may_handle_subject_requests(actor):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris van de persoonsregistratie markeert een persoon als gevoelig."))
    person = _get_or_404(person_id)
    mark = SensitiveMark.objects.select_for_update().filter(object_type="person", object_id=str(person.pk)).first()
    if sensitive == (mark is not None):
        return False
    reason = (reason or "").strip()
    if not reason:
        detail = gettext("Geef de reden; die staat bij de markering en in de geschiedenis.")
        raise ValidationFailed(detail, invalid_params=[{"name": "reason", "code": "required", "reason": detail}])
    if sensitive:
        mark = SensitiveMark.objects.create(object_type="person", object_id=str(person.pk), reason=reason, marked_by=actor)
        action, object_id = "create", mark.pk
    else:
        assert mark is not None
        object_id = mark.pk
        mark.delete()
        action = "delete"
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type="sensitive-mark",
                object_id=object_id,
                subject=subject_ref("person", person.pk),
                legal_basis=LEGAL_BASIS,
            )
        ],
    )
    return True


@dataclass
class QueueRow:
    access: BreakGlassAccess
    file_label: str
    person_id: UUID | None


def queue_rows(*, user: Any, accesses: list[BreakGlassAccess]) -> list[QueueRow]:
    """Each break-the-glass access with the file's name as the officer may see it (never an internal id)."""
    person_ids = [a.object_id for a in accesses if a.object_type == "person"]
    persons = Person.objects.in_bulk(person_ids) if person_ids else {}
    case_ids = [a.object_id for a in accesses if a.object_type == "conference-case"]
    cases = ConferenceCase.objects.in_bulk(case_ids) if case_ids else {}
    visible_ids = set(_persons(user).filter(pk__in=person_ids).values_list("pk", flat=True)) if person_ids else set()
    rows = []
    for access in accesses:
        if access.object_type == "person":
            person = persons.get(UUID(access.object_id))
            if person is not None and person.pk in visible_ids:
                rows.append(QueueRow(access, person_display_name(user=user, person=person), person.pk))
                continue
            rows.append(QueueRow(access, gettext("Persoon (naam niet zichtbaar)"), None))
        else:
            case = cases.get(UUID(access.object_id))
            rows.append(
                QueueRow(
                    access,
                    gettext("Casus %(reference)s") % {"reference": case.reference} if case else gettext("Casus (casusoverleg)"),
                    None,
                )
            )
    reads_record(user=user, items=[_read("person", row.person_id) for row in rows if row.person_id is not None])
    return rows


def _own_cases(user: Any) -> Any:
    """Cases of the officer's own organisation (a municipality's officer answers for its case conferences)."""
    return ConferenceCase.objects.filter(municipality__organisation_id=user.unit.organisation_id)


def marked_cases(*, user: Any) -> list[tuple[ConferenceCase, SensitiveMark]]:
    _require_officer(user)
    marks = {m.object_id: m for m in SensitiveMark.objects.filter(object_type="conference-case")}
    cases = _own_cases(user).filter(pk__in=list(marks)).order_by("reference") if marks else []
    return [(case, marks[str(case.pk)]) for case in cases]


def case_pick(*, user: Any, query: str) -> list[ConferenceCase]:
    """Cases of the officer's own organisation not yet marked sensitive, found by a name, the reference, a V-number
    or words from the reason for the case (the one picker search, ``governance.pickers``): each case shown is a
    logged read of its summary; cases of other organisations are never found."""
    _require_officer(user)
    marked = SensitiveMark.objects.filter(object_type="conference-case").values_list("object_id", flat=True)
    return pick_candidates(
        _own_cases(user).exclude(pk__in=[UUID(object_id) for object_id in marked]),
        query=query,
        user=user,
        activity=ACTIVITY,
        object_type="conference-case-summary",
        subject_type="conference-case",
        names="names__name",
        words=("reason",),
        prefetch=("names",),
    )


@transaction.atomic
def case_sensitive_set(
    *, actor: Any, sensitive: bool, reason: str, reference: str = "", case_id: object = None, channel: str = "web"
) -> bool:
    """Mark a case of the officer's own organisation sensitive (with the reason), or lift the mark. The case is the
    one picked (``case_id``) or, for a client that has it, named by its reference."""
    _require_officer(actor)
    case = None
    if case_id:
        try:
            case = _own_cases(actor).filter(pk=UUID(str(case_id))).first()
        except ValueError:
            case = None
    elif (reference or "").strip():
        case = _own_cases(actor).filter(reference=reference.strip().upper()).first()
    if case is None:
        detail = gettext("Kies eerst de casus: zoek hem op naam, kenmerk of V-nummer en selecteer hem.")
        raise ValidationFailed(detail, invalid_params=[{"name": "casus", "code": "not_found", "reason": detail}])
    mark = SensitiveMark.objects.select_for_update().filter(object_type="conference-case", object_id=str(case.pk)).first()
    if sensitive == (mark is not None):
        return False
    reason = (reason or "").strip()
    if not reason:
        detail = gettext("Geef de reden; die staat bij de markering en in de geschiedenis.")
        raise ValidationFailed(detail, invalid_params=[{"name": "reason", "code": "required", "reason": detail}])
    if sensitive:
        mark = SensitiveMark.objects.create(object_type="conference-case", object_id=str(case.pk), reason=reason, marked_by=actor)
        action = "create"
    else:
        assert mark is not None
        mark.delete()
        action = "delete"
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type="sensitive-mark",
                object_id=case.pk,
                subject=subject_ref("conference-case", case.pk),
                legal_basis=LEGAL_BASIS,
            )
        ],
    )
    return True
