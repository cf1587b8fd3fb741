"""Person-level need to know.

A user sees a person only through a linked signal they may see themselves
(the Signal scope: their unit's involvement). The hub (ind.tsz) therefore
sees the persons of every signal that reached it. Seeing a person never
widens what signals one sees: lists of a person's signals are scoped by the
Signal scope again, so a unit that reported one signal about a person does
not see that person's other signals. A merged person is visible exactly when
the person it was merged into is.

The same holds for what the person record has taken over from its signals
(names, identifiers, dates of birth, nationalities, history): a viewer sees
a row only when it derives from a signal they may see — its source signal,
or a visible linked signal carrying the same value (a variant is stored once,
under the signal that brought it first). Only the TSZ hub analyst, who
weighs all signals about a person, and the privacy officer, who answers for
the processing of the whole record, see it complete.
"""

from collections.abc import Container, Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, register_scope, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.sensitive import sensitive_kind_register
from ketensignaal.identity.models import RoleCode
from ketensignaal.intake.models import Signal, SubjectName
from ketensignaal.intake.scopes import involved
from ketensignaal.persons.models import (
    IdentifierKind,
    MatchDecision,
    MatchProposal,
    Person,
    PersonBirthDate,
    PersonEvent,
    PersonIdentifier,
    PersonName,
    PersonNationality,
    PersonSignalLink,
)

HUB_UNIT = "ind.tsz"


def sees_whole_person(user: Any) -> bool:
    """Whether ``user`` sees a visible person's record complete, not only what their own signals brought."""
    if not getattr(user, "unit_id", None):
        return False
    # Person records are the IND hub's: its analysts and the IND's own privacy officers see them whole. A privacy
    # officer elsewhere sees what their own organisation's signals brought, like any other viewer there.
    if user.has_role(RoleCode.PRIVACY_OFFICER):
        return user.unit.organisation.code == HUB_UNIT.split(".", 1)[0]
    return user.has_role(RoleCode.HUB_ANALYST) and user.unit.code == HUB_UNIT


def _visible_person_ids(user: Any) -> QuerySet[Person, Any]:
    links = PersonSignalLink.objects.filter(involved(user, "signal_id"))
    return Person.objects.filter(
        Q(Exists(links.filter(person=OuterRef("pk")))) | Q(Exists(links.filter(person=OuterRef("merged_into"))))
    ).values("pk")


def _signal_visible(user: Any, signal_ref: str) -> Exists:
    return involved(user, signal_ref)


def _visible_linked_signals(user: Any) -> QuerySet[Signal]:
    """The row's person's linked signals that the user may see (for use inside ``Exists``)."""
    return Signal.objects.filter(involved(user, "pk"), person_link__person_id=OuterRef("person_id"))


def _same_value_in_visible_signal(user: Any, model: Any) -> Q:
    """A visible linked signal of the same person carries this row's value (the row was stored under another signal)."""
    if model is PersonName:
        names = SubjectName.objects.filter(
            involved(user, "signal_id"),
            signal__person_link__person_id=OuterRef("person_id"),
            name=OuterRef("original"),
        )
        return Q(Exists(names))
    if model is PersonIdentifier:
        return Q(kind=IdentifierKind.V_NUMBER) & Q(Exists(_visible_linked_signals(user).filter(v_number=OuterRef("value"))))
    if model is PersonBirthDate:
        return Q(Exists(_visible_linked_signals(user).filter(date_of_birth=OuterRef("text"))))
    if model is PersonNationality:
        return Q(Exists(_visible_linked_signals(user).filter(nationality=OuterRef("code"))))
    return Q(pk__in=[])


def persons_seen_among(user: Any, person_ids: Iterable[Any], *, with_visible_link: Container[str]) -> set[str]:
    """Which of ``person_ids`` ``user`` may see (as text ids), for a caller that has just read ``user``'s visible
    links of these persons (``visible(user, PersonSignalLink ...)``, e.g. an agenda's signal lines):
    ``with_visible_link`` holds the ids of those with at least one. Such a person is visible by this scope's own rule
    (a linked signal the user may see), so only the others — a person seen through the one it was merged into, or
    not seen at all — are asked of the database, and only when there are any: an agenda of thousands of persons
    needs no probe per person."""
    ids = [str(pk) for pk in person_ids]
    seen = {pk for pk in ids if pk in with_visible_link}
    rest = [pk for pk in ids if pk not in seen]
    if rest:
        seen.update(str(pk) for pk in visible(user, Person.objects.filter(pk__in=rest)).values_list("pk", flat=True))
    return seen


@register_scope(Person)
def person_scope(user: Any, qs: QuerySet[Person]) -> QuerySet[Person]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(pk__in=_visible_person_ids(user))


def _person_data(model: Any) -> Any:
    @register_scope(model)
    def scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
        if not user.unit_id:
            return qs.none()
        qs = qs.filter(person_id__in=_visible_person_ids(user))
        if sees_whole_person(user):
            return qs
        return qs.filter(Q(_signal_visible(user, "source_signal_id")) | _same_value_in_visible_signal(user, model))

    return scope


for _model in (PersonName, PersonIdentifier, PersonBirthDate, PersonNationality):
    _person_data(_model)


@register_scope(PersonEvent)
def person_event_scope(user: Any, qs: QuerySet[PersonEvent]) -> QuerySet[PersonEvent]:
    """Events of a visible person; outside the hub only those about a signal the user may see.

    Merges and links of other signals would otherwise tell a unit how many other signals exist and when.
    """
    if not user.unit_id:
        return qs.none()
    qs = qs.filter(person_id__in=_visible_person_ids(user))
    if sees_whole_person(user):
        return qs
    return qs.filter(_signal_visible(user, "signal_id"))


@register_scope(PersonSignalLink)
def person_signal_link_scope(user: Any, qs: QuerySet[PersonSignalLink]) -> QuerySet[PersonSignalLink]:
    """A link is visible exactly when its signal is."""
    if not user.unit_id:
        return qs.none()
    return qs.filter(involved(user, "signal_id"))


@register_scope(MatchDecision)
def match_decision_scope(user: Any, qs: QuerySet[MatchDecision]) -> QuerySet[MatchDecision]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(involved(user, "signal_id"), person_id__in=_visible_person_ids(user))


@register_scope(MatchProposal)
def match_proposal_scope(user: Any, qs: QuerySet[MatchProposal]) -> QuerySet[MatchProposal]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(involved(user, "signal_id"), person_id__in=_visible_person_ids(user))


# A person record can be marked sensitive: its page then asks for a reason first (governance.sensitive).
sensitive_kind_register(
    "person",
    activity=Activity.PERSON_LINKING,
    check_visible=lambda user, pk: get_visible_or_404(user, Person.objects.all(), pk=pk),
)
