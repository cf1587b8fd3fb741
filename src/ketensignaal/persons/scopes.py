"""Person-level need to know.

A user sees a person only through a linked signal they may see themselves
(the Signal scope: their unit's involvement). The hub (ind.tsz) therefore
sees the persons of every signal that reached it. Seeing a person never
widens what signals one sees: lists of a person's signals are scoped by the
Signal scope again, so a unit that reported one signal about a person does
not see that person's other signals. A merged person is visible exactly when
the person it was merged into is.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ketensignaal.core.need_to_know import register_scope
from ketensignaal.persons.models import (
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


def _visible_person_ids(user: Any) -> QuerySet[Person, Any]:
    links = PersonSignalLink.objects.filter(signal__involvements__unit_id=user.unit_id)
    return Person.objects.filter(
        Q(Exists(links.filter(person=OuterRef("pk")))) | Q(Exists(links.filter(person=OuterRef("merged_into"))))
    ).values("pk")


@register_scope(Person)
def person_scope(user: Any, qs: QuerySet[Person]) -> QuerySet[Person]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(pk__in=_visible_person_ids(user))


def _by_person(model: Any) -> Any:
    @register_scope(model)
    def scope(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
        if not user.unit_id:
            return qs.none()
        return qs.filter(person_id__in=_visible_person_ids(user))

    return scope


for _model in (PersonName, PersonIdentifier, PersonBirthDate, PersonNationality, PersonEvent):
    _by_person(_model)


@register_scope(PersonSignalLink)
def person_signal_link_scope(user: Any, qs: QuerySet[PersonSignalLink]) -> QuerySet[PersonSignalLink]:
    """A link is visible exactly when its signal is."""
    if not user.unit_id:
        return qs.none()
    return qs.filter(signal__involvements__unit_id=user.unit_id)


@register_scope(MatchDecision)
def match_decision_scope(user: Any, qs: QuerySet[MatchDecision]) -> QuerySet[MatchDecision]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(signal__involvements__unit_id=user.unit_id, person_id__in=_visible_person_ids(user))


@register_scope(MatchProposal)
def match_proposal_scope(user: Any, qs: QuerySet[MatchProposal]) -> QuerySet[MatchProposal]:
    if not user.unit_id:
        return qs.none()
    return qs.filter(signal__involvements__unit_id=user.unit_id, person_id__in=_visible_person_ids(user))
