"""DOMAIN.md principle 4, "a database hit alone is not enough": what counts as corroboration of a database hit.

Routing owns the rule (``signal_close`` refuses ``established`` without corroboration); the facts that
corroborate live in contexts above routing (an ambtsbericht, enrichment from the IND file, another observation
about the same person), so those contexts register a source here at start-up (a port, as in ADR 0004). A
free-text note, a routing remark or an attachment is not corroboration: it may be the hit itself, retold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext

from ketensignaal.intake.models import ObservationType, Signal


@dataclass(frozen=True)
class CorroborationSource:
    code: str
    label: str | Promise  # marked for translation (gettext_lazy), so the refusal reads in the reader's language
    present: Callable[[Signal], bool]


_sources: dict[str, CorroborationSource] = {}


def register_corroboration_source(code: str, label: str | Promise, present: Callable[[Signal], bool]) -> None:
    _sources[code] = CorroborationSource(code, label, present)


def corroboration_sources() -> list[CorroborationSource]:
    return list(_sources.values())


def only_single_database_hit(signal: Signal) -> bool:
    """True when the signal's only information is a database hit: its observation is a ``database`` hit and no
    registered source corroborates it."""
    if signal.observation_type != ObservationType.DATABASE:
        return False
    return not any(source.present(signal) for source in _sources.values())


def missing_corroboration_detail() -> str:
    """The refusal, naming what would count (and that a note does not), in the reader's language."""
    wanted = [str(source.label) for source in _sources.values()]
    options = "; ".join(wanted) if wanted else gettext("aanvullende informatie van een andere soort")
    return gettext(
        "Een signaal waarvan de enige informatie een treffer in een databank is, kan niet als gegrond worden "
        "afgesloten (een signalering alleen is nooit genoeg). Wat ontbreekt is bevestiging van een andere soort: "
        "%(options)s. Een notitie telt daarvoor niet."
    ) % {"options": options}
