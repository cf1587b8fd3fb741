"""Writing person records: linking signals, recording decisions, merging and undoing a merge.

A person confirms every link; the system only proposes. Every change and
every candidate search is written to the processing log in the same
transaction (activity ``persoonskoppeling``).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ketensignaal.core.errors import Conflict, DomainError, ValidationFailed  # noqa: F401 (DomainError re-exported for demo)
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.models import Signal
from ketensignaal.persons.matching.dates import BirthDate, birth_date_parse, birth_years
from ketensignaal.persons.matching.engine import require_significant
from ketensignaal.persons.matching.normalize import dated_keys, ending_keys, loose_keys, name_analyse, name_keys
from ketensignaal.persons.models import (
    IdentifierKind,
    MatchDecision,
    MatchDecisionKind,
    Person,
    PersonBirthDate,
    PersonEvent,
    PersonEventKind,
    PersonIdentifier,
    PersonName,
    PersonNameKey,
    PersonNationality,
    PersonSignalLink,
)
from ketensignaal.persons.reveal import reveal_by_disclosure
from ketensignaal.persons.selectors import (
    ACTIVITY,
    person_for_change,
    signal_candidates_compute,
    signal_for_matching,
    signal_query_description,
)

LEGAL_BASIS = "AVG art. 6 lid 1 sub e"


def _log(actor: Any, channel: str, action: str, object_type: str, object_id: object, person_id: object) -> None:
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id,
                subject=subject_ref("person", person_id),
                legal_basis=LEGAL_BASIS,
            )
        ],
    )


def person_name_add(
    *, person: Person, original: str, script: str = "", kind: str = "name", source_signal: Signal | None = None
) -> PersonName | None:
    """Store a name variant as entered plus its derived keys; an identical variant is not stored twice."""
    analysed = name_analyse(original, script)
    if PersonName.objects.filter(person=person, original=original, script=analysed.script).exists():
        return None
    name = PersonName.objects.create(
        person=person,
        original=original,
        script=analysed.script,
        kind=kind,
        cleaned=analysed.cleaned,
        latin=analysed.latin,
        significant=" ".join(t.text for t in analysed.significant),
        source_signal=source_signal,
    )
    PersonNameKey.objects.bulk_create(
        [
            PersonNameKey(name=name, person=person, kind=k, value=v[:80])
            for k, v in sorted(name_keys(analysed) | loose_keys(analysed, []) | ending_keys(analysed))
        ]
    )
    return name


def person_dated_keys_refresh(person_id: UUID) -> None:
    """Re-derive the skeleton+year retrieval keys (and their looser form) of a person's names from its dates of birth
    (after a name or a date of birth was added, or a merge moved either)."""
    PersonNameKey.objects.filter(person_id=person_id, kind__in=("y", "ly")).delete()
    dates = [
        BirthDate(text, earliest, latest, uncertain)
        for text, earliest, latest, uncertain in PersonBirthDate.objects.filter(person_id=person_id).values_list(
            "text", "earliest", "latest", "uncertain"
        )
    ]
    years = birth_years(dates)
    if not years:
        return
    rows = []
    for name_id, original, script in PersonName.objects.filter(person_id=person_id).values_list("pk", "original", "script"):
        analysed = name_analyse(original, script)
        dated = dated_keys(analysed, years) | {key for key in loose_keys(analysed, years) if key[0] == "ly"}
        for kind, value in sorted(dated):
            rows.append(PersonNameKey(name_id=name_id, person_id=person_id, kind=kind, value=value[:80]))
    PersonNameKey.objects.bulk_create(rows)


def _absorb_signal_subject(*, person: Person, signal: Signal) -> None:
    for subject_name in signal.names.all():
        person_name_add(
            person=person, original=subject_name.name, script=subject_name.script, kind=subject_name.kind, source_signal=signal
        )
    if (
        signal.v_number
        and not PersonIdentifier.objects.filter(person=person, kind=IdentifierKind.V_NUMBER, value=signal.v_number).exists()
    ):
        PersonIdentifier.objects.create(person=person, kind=IdentifierKind.V_NUMBER, value=signal.v_number, source_signal=signal)
    if signal.date_of_birth and not PersonBirthDate.objects.filter(person=person, text=signal.date_of_birth).exists():
        parsed = birth_date_parse(signal.date_of_birth, uncertain=signal.date_of_birth_uncertain)
        PersonBirthDate.objects.create(
            person=person,
            text=parsed.text,
            earliest=parsed.earliest,
            latest=parsed.latest,
            uncertain=parsed.uncertain,
            source_signal=signal,
        )
    if signal.nationality and not PersonNationality.objects.filter(person=person, code=signal.nationality).exists():
        PersonNationality.objects.create(person=person, code=signal.nationality, source_signal=signal)
    person_dated_keys_refresh(person.pk)


@transaction.atomic
def signal_link_person(
    *,
    actor: Any,
    signal_id: object,
    person_id: object = None,
    new: bool = False,
    justification: str = "",
    channel: str = "web",
) -> PersonSignalLink:
    """Link a signal to an existing person (which the actor must be able to see) or to a new person.

    When the link would show the signal to a viewer of the record who cannot see it (the hub sees a record
    whole), the signal is first disclosed to that viewer's unit over a registered flow with ``justification``,
    or the link is refused (``persons.reveal``).
    """
    signal = signal_for_matching(actor, signal_id, lock=True)
    if person_id and not new:
        _require_unrestricted(Person.objects.filter(pk=str(person_id)).first())
    if bool(person_id) == bool(new):
        raise ValidationFailed(
            gettext("Kies een bestaande persoon of een nieuwe persoon (precies één van beide)."),
            code="link_choice",
            invalid_params=[{"name": "person", "reason": gettext("Geef 'person' of 'new': true.")}],
        )
    if PersonSignalLink.objects.filter(signal=signal).exists():
        raise Conflict(gettext("Dit signaal is al aan een persoon gekoppeld."), code="already_linked")
    query = signal_query_description(signal)
    require_significant(query.names)
    candidates = {c.person_id: (rank, c) for rank, c in enumerate(signal_candidates_compute(actor, signal, query), 1)}
    if new:
        first = signal.names.first()
        person = Person.objects.create(
            display_name=first.name if first else "",
            v_number=signal.v_number,
            date_of_birth=signal.date_of_birth,
            nationality=signal.nationality,
        )
        PersonEvent.objects.create(person=person, kind=PersonEventKind.CREATED, signal=signal, actor=actor)
        decision = MatchDecision(
            signal=signal,
            person=person,
            decision=MatchDecisionKind.NEW_PERSON,
            decided_by=actor,
            explanation={"candidates_shown": [str(pid) for pid in candidates]},
        )
    else:
        person = person_for_change(actor, person_id)
        rank, candidate = candidates.get(person.pk, (None, None))
        decision = MatchDecision(
            signal=signal,
            person=person,
            decision=MatchDecisionKind.CONFIRMED,
            decided_by=actor,
            rank=rank,
            similarity=candidate.similarity if candidate else None,
            proposed_reason=candidate.proposed_reason if candidate else "",
            explanation=candidate.explanation if candidate else {},
        )
    if not new:
        reveal_by_disclosure(
            actor=actor,
            person_ids=[person.pk],
            extra_signals=[signal.pk],
            justification=justification,
            what=gettext_noop("Koppelen"),
            channel=channel,
        )
    decision.save()
    _absorb_signal_subject(person=person, signal=signal)
    link = PersonSignalLink.objects.create(
        signal=signal, person=person, linked_by=actor, reason="new-person" if new else (decision.proposed_reason or "confirmed")
    )
    PersonEvent.objects.create(person=person, kind=PersonEventKind.SIGNAL_LINKED, signal=signal, actor=actor)
    _log(actor, channel, "create", "person-signal-link", link.pk, person.pk)
    return link


@transaction.atomic
def signal_candidate_reject(*, actor: Any, signal_id: object, person_id: object, channel: str = "web") -> MatchDecision:
    signal = signal_for_matching(actor, signal_id)
    person = person_for_change(actor, person_id)
    query = signal_query_description(signal)
    candidates = signal_candidates_compute(actor, signal, query)
    found = next(((rank, c) for rank, c in enumerate(candidates, 1) if c.person_id == person.pk), (None, None))
    decision = MatchDecision.objects.create(
        signal=signal,
        person=person,
        decision=MatchDecisionKind.REJECTED,
        decided_by=actor,
        rank=found[0],
        similarity=found[1].similarity if found[1] else None,
        proposed_reason=found[1].proposed_reason if found[1] else "",
        explanation=found[1].explanation if found[1] else {},
    )
    _log(actor, channel, "create", "match-decision", decision.pk, person.pk)
    return decision


_MOVABLE = (
    ("links", PersonSignalLink),
    ("names", PersonName),
    ("identifiers", PersonIdentifier),
    ("birth_dates", PersonBirthDate),
    ("nationalities", PersonNationality),
)


@transaction.atomic
def person_merge(*, actor: Any, person_id: object, other_id: object, justification: str = "", channel: str = "web") -> Person:
    """Move everything of ``other`` to ``person`` (the survivor); ``other`` points to it via merged_into.

    Both records must be visible to the actor; signals that would become visible to a whole-record viewer who
    cannot see them are disclosed first (``justification``) or the merge is refused (``persons.reveal``).
    """
    if str(person_id) == str(other_id):
        raise ValidationFailed(
            gettext("Een persoon kan niet met zichzelf worden samengevoegd."),
            code="merge_self",
            invalid_params=[{"name": "other", "reason": gettext("Kies een andere persoon.")}],
        )
    survivor = person_for_change(actor, person_id, lock=True)
    other = person_for_change(actor, other_id, lock=True)
    if survivor.merged_into_id or other.merged_into_id:
        raise Conflict(gettext("Een van beide personen is al samengevoegd met een andere persoon."), code="already_merged")
    _require_unrestricted(survivor)
    _require_unrestricted(other)
    reveal_by_disclosure(
        actor=actor,
        person_ids=[survivor.pk, other.pk],
        justification=justification,
        what=gettext_noop("Samenvoegen"),
        channel=channel,
    )
    moved: dict[str, list[Any]] = {}
    for key, model in _MOVABLE:
        ids = list(model.objects.filter(person=other).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(person=survivor)
        moved[key] = ids
    PersonNameKey.objects.filter(name_id__in=moved["names"]).update(person=survivor)
    person_dated_keys_refresh(survivor.pk)
    other.merged_into = survivor
    other.save(update_fields=["merged_into"])
    PersonEvent.objects.create(
        person=survivor, kind=PersonEventKind.MERGED, other_person=other, actor=actor, details={"moved": moved}
    )
    PersonEvent.objects.create(person=other, kind=PersonEventKind.MERGED_INTO, other_person=survivor, actor=actor)
    _log(actor, channel, "update", "person", survivor.pk, survivor.pk)
    _log(actor, channel, "update", "person", other.pk, other.pk)
    return survivor


@transaction.atomic
def person_unmerge(*, actor: Any, person_id: object, channel: str = "web") -> Person:
    """Undo a merge: ``person_id`` is the person that was merged; what moved goes back to it."""
    merged = person_for_change(actor, person_id, lock=True)
    if not merged.merged_into_id:
        raise Conflict(gettext("Deze persoon is niet samengevoegd; er is niets ongedaan te maken."), code="not_merged")
    survivor = Person.objects.select_for_update().get(pk=merged.merged_into_id)
    event = (
        PersonEvent.objects.filter(person=survivor, kind=PersonEventKind.MERGED, other_person=merged)
        .order_by("-at", "-id")
        .first()
    )
    moved = (event.details or {}).get("moved", {}) if event else {}
    for key, model in _MOVABLE:
        model.objects.filter(pk__in=moved.get(key, []), person=survivor).update(person=merged)
    PersonNameKey.objects.filter(name_id__in=moved.get("names", [])).update(person=merged)
    person_dated_keys_refresh(survivor.pk)
    person_dated_keys_refresh(merged.pk)
    merged.merged_into = None
    merged.save(update_fields=["merged_into"])
    PersonEvent.objects.create(person=survivor, kind=PersonEventKind.UNMERGED, other_person=merged, actor=actor)
    PersonEvent.objects.create(person=merged, kind=PersonEventKind.UNMERGED, other_person=survivor, actor=actor)
    _log(actor, channel, "update", "person", survivor.pk, survivor.pk)
    _log(actor, channel, "update", "person", merged.pk, merged.pk)
    return merged


def signal_proposals_refresh(*, signal_id: UUID) -> int:
    """On a new signal: store the candidates (V-number match first) for whoever works the signal."""
    from ketensignaal.persons.matching.engine import candidates_find
    from ketensignaal.persons.models import MatchProposal

    signal = Signal.objects.filter(pk=signal_id).first()
    if signal is None:
        return 0
    query = signal_query_description(signal)
    if not any(n.significant for n in query.names):
        return 0
    with transaction.atomic():
        candidates = candidates_find(query)
        MatchProposal.objects.filter(signal=signal).delete()
        MatchProposal.objects.bulk_create(
            [
                MatchProposal(
                    signal=signal, person_id=c.person_id, rank=rank, reason=c.proposed_reason, explanation=c.explanation
                )
                for rank, c in enumerate(candidates, 1)
            ]
        )
        processing_log_record(
            actor=None,
            channel="job",
            items=[
                LogItem(
                    activity=ACTIVITY,
                    action="read",
                    object_type="signal",
                    object_id=signal.pk,
                    subject=subject_ref("signal", signal.pk),
                    legal_basis=LEGAL_BASIS,
                )
            ],
        )
    return len(candidates)


# ---------------------------------------------------------------------------------------------------------------
# Data-subject rights (called by the contact point's request handling, ``privacy.services``)

RECTIFIABLE = ("display_name", "date_of_birth", "nationality", "v_number")


def _require_unrestricted(person: Person | None) -> None:
    if person is not None and person.restricted_since is not None:
        raise Conflict(
            gettext(
                "De verwerking van de gegevens van deze persoon is beperkt op verzoek van de betrokkene (AVG art. 18): "
                "niet koppelen of samenvoegen zolang de beperking geldt."
            ),
            code="person_restricted",
        )


def _invalid(name: str, reason: str) -> ValidationFailed:
    return ValidationFailed(reason, invalid_params=[{"name": name, "code": "invalid", "reason": reason}])


@transaction.atomic
def person_rectify(
    *, actor: Any, person_id: object, field: str, value: str, reason: str, channel: str = "web"
) -> tuple[str, str]:
    """Correct one field of a person record on a rectification request (AVG art. 16); returns (before, after).

    The corrected value replaces the wrong one everywhere the record keeps it: a name is added as the record's name
    (its retrieval keys derived), a date of birth, nationality or V-number replaces the recorded ones. Logged with the
    person as subject; the history shows the correction and its reason."""
    if field not in RECTIFIABLE:
        raise _invalid("field", gettext("Kies naam, geboortedatum, nationaliteit of V-nummer."))
    value = (value or "").strip()
    reason = (reason or "").strip()
    if not value:
        raise _invalid("value", gettext("Vul de juiste waarde in."))
    if not reason:
        raise _invalid("reason", gettext("Leg vast waarom de gegevens onjuist waren."))
    person = Person.objects.select_for_update().filter(pk=str(person_id), merged_into__isnull=True).first()
    if person is None:
        raise ValidationFailed(gettext("Deze persoon bestaat niet (meer)."), code="not_found", status=404)
    before = str(getattr(person, field) or "")
    if field == "display_name":
        if len(value) > 200:
            raise _invalid("value", gettext("Een naam is hoogstens 200 tekens."))
        person_name_add(person=person, original=value)
        person_dated_keys_refresh(person.pk)
    elif field == "date_of_birth":
        parsed = birth_date_parse(value)  # refuses what is no date (ValidationFailed)
        if len(value) > 10:
            raise _invalid("value", gettext("Schrijf de geboortedatum als JJJJ-MM-DD, JJJJ-MM of JJJJ."))
        PersonBirthDate.objects.filter(person=person).delete()
        PersonBirthDate.objects.create(
            person=person, text=parsed.text, earliest=parsed.earliest, latest=parsed.latest, uncertain=parsed.uncertain
        )
        person_dated_keys_refresh(person.pk)
    elif field == "nationality":
        value = value.upper()
        if len(value) != 3 or not value.isalpha():
            raise _invalid("value", gettext("Een nationaliteit is een landcode van drie letters (ISO 3166)."))
        PersonNationality.objects.filter(person=person).delete()
        PersonNationality.objects.create(person=person, code=value)
    else:
        if len(value) > 10 or not value.isdigit():
            raise _invalid("value", gettext("Een V-nummer bestaat uit hoogstens tien cijfers."))
        PersonIdentifier.objects.filter(person=person, kind=IdentifierKind.V_NUMBER).delete()
        PersonIdentifier.objects.create(person=person, kind=IdentifierKind.V_NUMBER, value=value)
    setattr(person, field, value)
    person.save(update_fields=[field])
    PersonEvent.objects.create(
        person=person,
        kind=PersonEventKind.RECTIFIED,
        actor=actor,
        details={"field": field, "before": before, "after": value, "reason": reason},
    )
    _log(actor, channel, "update", "person", person.pk, person.pk)
    return before, value


@transaction.atomic
def person_restriction_set(*, actor: Any, person_id: object, restricted: bool, reason: str, channel: str = "web") -> Person:
    """Restrict the processing of a person record (AVG art. 18), or lift the restriction; a repeat changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", gettext("Geef de reden."))
    person = Person.objects.select_for_update().filter(pk=str(person_id), merged_into__isnull=True).first()
    if person is None:
        raise ValidationFailed(gettext("Deze persoon bestaat niet (meer)."), code="not_found", status=404)
    if (person.restricted_since is not None) == restricted:
        return person
    person.restricted_since = timezone.now() if restricted else None
    person.restriction_reason = reason if restricted else ""
    person.save(update_fields=["restricted_since", "restriction_reason"])
    kind = PersonEventKind.RESTRICTED if restricted else PersonEventKind.UNRESTRICTED
    PersonEvent.objects.create(person=person, kind=kind, actor=actor, details={"reason": reason})
    _log(actor, channel, "update", "person", person.pk, person.pk)
    return person
