"""Which pseudonymised data-subject references belong to a person: a port other contexts fill in.

The processing log only stores keyed hashes (``subject_ref("signal", id)``,
``subject_ref("person", id)``). Knowing that a person record is linked to
certain signals is the persons context's business, and governance sits
*below* persons in the layering (ADR 0004), so governance must not import it.
Instead governance owns this small registry; the composition root
(``ketensignaal.api.apps``) registers the resolver that the persons context
provides. Without a resolver a person resolves to its own reference only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ketensignaal.governance.processing_log import subject_ref

SubjectResolver = Callable[[str], Iterable[tuple[str, str]]]
"""``person id -> [(kind, id), …]``: the subjects (person itself, its linked signals) whose entries concern it."""

_resolvers: dict[str, SubjectResolver] = {}


def register_subject_resolver(kind: str, resolver: SubjectResolver) -> None:
    _resolvers[kind] = resolver


def subject_refs_for(kind: str, identifier: str) -> list[str]:
    """Every pseudonymised reference under which processing of this subject was logged."""
    pairs: list[tuple[str, str]] = [(kind, str(identifier))]
    resolver = _resolvers.get(kind)
    if resolver is not None:
        pairs.extend((k, str(i)) for k, i in resolver(str(identifier)))
    return list(dict.fromkeys(subject_ref(k, i) for k, i in pairs))


PersonFinder = Callable[[Any, str], list[tuple[str, str]]]
"""``(user, name or V-number) -> [(person id, what the user may see of the person's name), …]`` within need to know."""

_person_finders: list[PersonFinder] = []


def register_person_finder(finder: PersonFinder) -> None:
    _person_finders[:] = [finder]


def persons_find(user: Any, text: str) -> list[tuple[str, str]]:
    """Persons the user may see whose name or V-number matches ``text`` (a port the persons context fills in)."""
    return _person_finders[0](user, text) if _person_finders else []
