"""Reading the processing log for the privacy officer.

Only users with the ``privacy-officer`` role may read it, and they see the
processing done by units of their own organisation (the controller they
advise; ADR 0004). The log itself is not need-to-know scoped data about
signals: it holds pseudonymised references, never names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.errors import NotAllowed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LogAction, LogResult, ProcessingLogEntry
from ketensignaal.governance.scopes import may_inspect_log
from ketensignaal.governance.subjects import subject_refs_for
from ketensignaal.identity.models import RoleCode, Unit
from ketensignaal.identity.selectors import display_names, unit_names

PRIVACY_OFFICER = RoleCode.PRIVACY_OFFICER.value


def privacy_officer_check(user: Any) -> None:
    if not may_inspect_log(user):
        raise NotAllowed(gettext("Alleen de privacyfunctionaris mag het verwerkingenlog inzien."), code="privacy_officer_only")


@dataclass(frozen=True)
class LogQuery:
    person: str = ""
    signal: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.person or self.signal)


def processing_log_entries(*, user: Any, query: LogQuery, signal_kind: str = "signal") -> QuerySet[ProcessingLogEntry]:
    """Entries about the person (and its linked signals) or the signal, processed by the officer's organisation."""
    privacy_officer_check(user)
    qs = ProcessingLogEntry.objects.select_related("audit").order_by("-sequence")
    if query.is_empty:
        return qs.none()
    refs: list[str] = []
    if query.person:
        refs.extend(subject_refs_for("person", query.person))
    if query.signal:
        refs.extend(subject_refs_for(signal_kind, query.signal))
    own_units = Unit.objects.filter(organisation_id=user.unit.organisation_id).values_list("code", flat=True)
    return qs.filter(data_subject_ref__in=refs, audit__actor_unit__in=list(own_units))


@dataclass(frozen=True)
class LogRow:
    sequence: int
    occurred_at: datetime
    actor: str
    actor_unit: str
    channel: str
    activity: str
    action: str
    object_type: str
    object_id: str
    legal_basis: str
    result: str
    trace_id: str
    # How the screen names the actor and their unit (the account name and unit code above stay for the API and CSV).
    actor_name: str = ""
    actor_unit_name: str = ""

    # What the screen shows: Dutch (or English) words, never the stored codes (the CSV export keeps the codes).
    @property
    def activity_label(self) -> str:
        return str(dict(Activity.choices).get(self.activity, self.activity))

    @property
    def action_label(self) -> str:
        return str(dict(LogAction.choices).get(self.action, self.action))

    @property
    def result_label(self) -> str:
        return str(dict(LogResult.choices).get(self.result, self.result))

    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS.get(self.channel, self.channel))

    @property
    def object_label(self) -> str:
        return str(OBJECT_LABELS.get(self.object_type, self.object_type.replace("-", " ")))


CHANNEL_LABELS = {
    "web": _("via het scherm"),
    "web-export": _("export via het scherm"),
    "api": _("via de API"),
    "job": _("achtergrondtaak"),
    "cli": _("beheeropdracht"),
}

OBJECT_LABELS = {
    "signal": _("signaal"),
    "signal-history": _("geschiedenis van een signaal"),
    "signal-involvement": _("betrokkenheid bij een signaal"),
    "signal-summary": _("samenvatting van een signaal"),
    "attachment": _("bijlage"),
    "person": _("persoon"),
    "lro-agenda": _("LRO-agenda"),
    "lro-agenda-item": _("punt op de LRO-agenda"),
    "lro-decision": _("LRO-besluit"),
    "lro-meeting": _("LRO-overleg"),
    "lro-minutes": _("LRO-verslag"),
    "lro-task": _("taak"),
    "liv-factor": _("LIV-factor"),
    "liv-report": _("LIV-adviesrapport"),
    "liv-assignment": _("toewijzing in een LIV-traject"),
    "liv-phase-record": _("fase van een LIV-traject"),
    "naslag-request": _("naslagverzoek"),
    "naslag-answer": _("antwoord op naslag"),
    "ambtsbericht": _("ambtsbericht"),
    "enrichment-fact": _("gegeven uit het dossier"),
    "conference-case": _("casus in het casusoverleg"),
    "conference-plan": _("plan van aanpak"),
    "conference-plan-pdf": _("plan van aanpak (PDF)"),
    "screening": _("screening"),
    "watch-list-check": _("controle van een signaleringslijst"),
    "watch-list-hit": _("treffer op een signaleringslijst"),
    "processing-log": _("verwerkingenlog"),
    "legal-basis-flow": _("gegevensstroom"),
    "route": _("meldroute"),
    "training-completion": _("gevolgde training"),
    "subject-request": _("verzoek van een betrokkene"),
}


def processing_log_rows(entries: QuerySet[ProcessingLogEntry], *, limit: int | None = None) -> list[LogRow]:
    rows = list(entries[:limit] if limit else entries)
    people = display_names({e.audit.actor_username for e in rows})
    units = unit_names({e.audit.actor_unit for e in rows})
    return [
        LogRow(
            sequence=e.sequence,
            occurred_at=e.occurred_at,
            actor=e.audit.actor_username,
            actor_unit=e.audit.actor_unit,
            channel=e.audit.channel,
            activity=e.activity,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            legal_basis=e.legal_basis,
            result=e.result,
            trace_id=e.trace_id,
            actor_name=people.get(e.audit.actor_username, e.audit.actor_username),
            actor_unit_name=units.get(e.audit.actor_unit, e.audit.actor_unit),
        )
        for e in rows
    ]
