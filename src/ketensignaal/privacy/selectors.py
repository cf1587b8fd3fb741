"""Reading data-subject requests: only at the contact point (``scopes``), every request shown is a logged read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import read_item, reads_logged, reads_record
from ketensignaal.intake.validation import parse_subject_input
from ketensignaal.persons.matching.compare import Description
from ketensignaal.persons.matching.dates import birth_date_parse
from ketensignaal.persons.matching.engine import Candidate, candidates_find
from ketensignaal.persons.matching.normalize import name_analyse
from ketensignaal.persons.models import Person
from ketensignaal.privacy.models import RequestItem, RequestStatus, RestrictionGround, SubjectRequest
from ketensignaal.privacy.services import LEGAL_BASIS

ACTIVITY = Activity.SUBJECT_RIGHTS


def _subject(request: SubjectRequest) -> str:
    return subject_ref("person", request.person_id) if request.person_id else subject_ref("subject-request", request.pk)


def _read(request: SubjectRequest) -> Any:
    return read_item(
        activity=ACTIVITY, object_type="subject-request", object_id=request.pk, subject=_subject(request), legal_basis=LEGAL_BASIS
    )


def subject_request_list(*, user: Any, open_only: bool = False) -> QuerySet[SubjectRequest]:
    qs = visible(user, SubjectRequest.objects.all()).order_by("deadline", "created_at")
    if open_only:
        qs = qs.exclude(status=RequestStatus.ANSWERED)
    return reads_logged(qs, user=user, activity=ACTIVITY, object_type="subject-request", subject=_subject)


def subject_request_get(*, user: Any, request_id: object, channel: str = "web") -> SubjectRequest:
    request = get_visible_or_404(user, SubjectRequest.objects.select_related("person"), pk=request_id)
    reads_record(user=user, channel=channel, items=[_read(request)])
    return request


def request_items(*, user: Any, request: SubjectRequest) -> list[RequestItem]:
    return list(visible(user, RequestItem.objects.filter(request=request)).select_related("ground"))


def restriction_grounds() -> list[RestrictionGround]:
    return list(RestrictionGround.objects.filter(active=True))


def _description(request: SubjectRequest) -> Description:
    parsed = parse_subject_input({"names": request.subject_names})
    births = []
    if request.subject_date_of_birth:
        births = [birth_date_parse(request.subject_date_of_birth)]
    return Description(
        names=[name_analyse(n.name, n.script) for n in parsed.names],
        birth_dates=births,
        nationalities=frozenset({request.subject_nationality} if request.subject_nationality else ()),
        v_numbers=frozenset({request.subject_v_number} if request.subject_v_number else ()),
    )


@dataclass
class PersonCandidate:
    person: Person
    candidate: Candidate


def subject_request_candidates(*, user: Any, request: SubjectRequest, channel: str = "web") -> list[PersonCandidate]:
    """The matcher's candidates for the requester, best first; a person chooses (``services.subject_request_match``).

    The contact point answers for the whole chain, so every person record is a possible candidate; each candidate
    shown is a logged read.
    """
    get_visible_or_404(user, SubjectRequest.objects.all(), pk=request.pk)

    def current(ids: set[Any]) -> set[Any]:
        return set(Person.objects.filter(pk__in=ids, merged_into__isnull=True).values_list("pk", flat=True))

    found = candidates_find(_description(request), restrict=current)
    persons = Person.objects.in_bulk([c.person_id for c in found])
    reads_record(
        user=user,
        channel=channel,
        items=[
            read_item(
                activity=ACTIVITY,
                object_type="person",
                object_id=c.person_id,
                subject=subject_ref("person", c.person_id),
                legal_basis=LEGAL_BASIS,
            )
            for c in found
        ],
    )
    return [PersonCandidate(persons[c.person_id], c) for c in found]
