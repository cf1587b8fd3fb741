"""Watch lists: creating a list over a registered flow, importing versions, checking one person, deciding hits.

DOMAIN.md principles 1, 2 and 5: a screener checks one person, on demand, at a procedure step, with a recorded
justification, over the list's registered flow; hits are candidates a person decides about, and nothing changes
because of a hit. Checking many persons at once (population screening), or comparing with the police CTER
knowledge hub, is refused unless a flow with a statutory basis for exactly that is registered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Conflict, NoLegalBasis, NotAllowed, ValidationFailed, choose_one_of
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.legal_basis import flow_problems
from ketensignaal.governance.models import LegalBasisFlow
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.intake.models import Touchpoint
from ketensignaal.persons.matching.compare import Description
from ketensignaal.persons.matching.dates import BirthDate
from ketensignaal.persons.matching.engine import stored_name
from ketensignaal.persons.models import Person, PersonBirthDate, PersonName, PersonNationality
from ketensignaal.screening.models import (
    HitDecision,
    ImportStatus,
    WatchList,
    WatchListCheck,
    WatchListEntry,
    WatchListHit,
    WatchListNameKey,
    WatchListVersion,
)
from ketensignaal.screening.scopes import may_manage_watch_lists, may_screen
from ketensignaal.screening.watchlists.matching import entry_keys, watch_list_candidates
from ketensignaal.screening.watchlists.parsing import MAX_ERRORS_REPORTED, ParsedEntry, parse_watch_list

ACTIVITY = Activity.WATCHLIST_CHECK
LIST_DATA_CATEGORY = "signaleringslijst"
BULK_DATA_CATEGORY = "bulkvergelijking"
CTER_HUB_FLOW = "ind-politie-cter-kennisknooppunt"
IMPORT_BATCH = 2000


def _log(
    actor: Any, channel: str, action: str, object_type: str, object_id: object, *, person_id: object = None, basis: str
) -> None:
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action=action,
                object_type=object_type,
                object_id=object_id,
                subject=subject_ref("person", person_id) if person_id else "",
                legal_basis=basis,
            )
        ],
    )


def _usable_flow(flow: LegalBasisFlow, *, organisation_id: int) -> list[str]:
    problems = flow_problems(flow, categories=[], data_categories=[LIST_DATA_CATEGORY], on=timezone.localdate())
    if not flow.is_current:
        problems.append(
            gettext('gegevensstroom "%(name)s" (versie %(version)s) is niet meer de actuele versie')
            % {"name": flow.name, "version": flow.version}
        )
    if flow.from_organisation_id != organisation_id:
        problems.append(gettext('gegevensstroom "%(name)s" hoort niet bij uw organisatie') % {"name": flow.name})
    return problems


@transaction.atomic
def watch_list_create(*, actor: Any, name: str, flow: str, channel: str = "web") -> WatchList:
    """A new list of the actor's organisation, bound to a current registered flow that covers watch lists."""
    if not may_manage_watch_lists(actor):
        raise NotAllowed(gettext("Alleen de functioneel beheerder van IND, politie of KMar maakt signaleringslijsten aan."))
    problems = []
    if not (name or "").strip():
        problems.append({"name": "name", "code": "required", "reason": gettext("Geef de lijst een naam.")})
    if not (flow or "").strip():
        problems.append(
            {
                "name": "flow",
                "code": "required",
                "reason": gettext("Elke lijst hoort bij een geregistreerde gegevensstroom (grondslag)."),
            }
        )
    if problems:
        raise ValidationFailed(
            gettext("De lijst is niet aangemaakt: %(reasons)s") % {"reasons": " ".join(p["reason"] for p in problems)},
            invalid_params=problems,
        )
    row = LegalBasisFlow.objects.filter(code=flow.strip(), is_current=True).first()
    if row is None:
        raise NoLegalBasis(
            gettext('Geen grondslag: er is geen gegevensstroom met code "%(flow)s" geregistreerd. De lijst is niet aangemaakt.')
            % {"flow": flow}
        )
    missing = _usable_flow(row, organisation_id=actor.unit.organisation_id)
    if missing:
        raise NoLegalBasis(
            gettext("Geen grondslag voor deze lijst: %(reasons)s. De lijst is niet aangemaakt.") % {"reasons": "; ".join(missing)}
        )
    watch_list = WatchList.objects.create(name=name.strip(), organisation=actor.unit.organisation, flow=row, created_by=actor)
    _log(actor, channel, "create", "watch-list", watch_list.pk, basis=row.version_label)
    return watch_list


def _entry_rows(version: WatchListVersion, parsed: Iterable[ParsedEntry]) -> None:
    entries = WatchListEntry.objects.bulk_create(
        [
            WatchListEntry(
                version=version,
                external_id=p.external_id[:200],
                caption=p.caption,
                names=p.names,
                birth_dates=p.birth_dates,
                nationalities=p.nationalities,
                topics=p.topics,
            )
            for p in parsed
        ]
    )
    WatchListNameKey.objects.bulk_create(
        [
            WatchListNameKey(entry=entry, version=version, kind=kind, value=value[:80])
            for entry in entries
            for kind, value in sorted(entry_keys(entry.names))
        ]
    )


def watch_list_import(
    *, actor: Any, watch_list_id: object, content: bytes, filename: str = "", channel: str = "web"
) -> WatchListVersion:
    """Import a new version. Any wrong line refuses the whole file (recorded as a refused version, no entries);
    otherwise entries are written in batches (progress visible) and the version becomes current only at the end."""
    watch_list = get_visible_or_404(actor, WatchList.objects.select_related("flow"), pk=watch_list_id)
    if not may_manage_watch_lists(actor):
        raise NotAllowed(gettext("Alleen de functioneel beheerder importeert signaleringslijsten."))
    missing = _usable_flow(watch_list.flow, organisation_id=watch_list.organisation_id)
    if missing:
        raise NoLegalBasis(
            gettext("Geen grondslag meer voor deze lijst: %(reasons)s. Er is niets geïmporteerd.")
            % {"reasons": "; ".join(missing)}
        )
    parsed = parse_watch_list(content, filename)
    if not parsed.errors and not parsed.entries:
        parsed.error(0, gettext("het bestand bevat geen personen"))
    with transaction.atomic():
        number = (WatchListVersion.objects.filter(watch_list=watch_list).aggregate(n=Max("version"))["n"] or 0) + 1
        version = WatchListVersion.objects.create(
            watch_list=watch_list,
            version=number,
            format=parsed.format or "ftm",
            filename=filename[:200],
            total_lines=parsed.lines,
            imported_by=actor,
            status=ImportStatus.REFUSED if parsed.errors else ImportStatus.RUNNING,
            errors=parsed.errors[:MAX_ERRORS_REPORTED],
            skipped_count=parsed.skipped,
            finished_at=timezone.now() if parsed.errors else None,
        )
        if parsed.errors:
            _log(actor, channel, "create", "watch-list-version", version.pk, basis=watch_list.flow.version_label)
    if parsed.errors:
        shown = parsed.errors[:MAX_ERRORS_REPORTED]
        raise ValidationFailed(
            gettext("Het bestand is niet geïmporteerd: %(errors)s regel(s) met fouten; er is niets geïmporteerd.")
            % {"errors": len(parsed.errors)},
            code="import_refused",
            invalid_params=[
                {
                    "name": "file",
                    "code": "line_error",
                    "line": e["line"],
                    "reason": gettext("Regel %(line)s: %(reason)s") % {"line": e["line"], "reason": e["reason"]},
                }
                for e in shown
            ],
        )
    try:
        for start in range(0, len(parsed.entries), IMPORT_BATCH):
            batch = parsed.entries[start : start + IMPORT_BATCH]
            with transaction.atomic():
                _entry_rows(version, batch)
                WatchListVersion.objects.filter(pk=version.pk).update(processed_lines=start + len(batch))
        with transaction.atomic():
            version.status, version.finished_at = ImportStatus.COMPLETE, timezone.now()
            version.processed_lines, version.entries_count = parsed.lines, len(parsed.entries)
            version.save(update_fields=["status", "finished_at", "processed_lines", "entries_count"])
            WatchList.objects.filter(pk=watch_list.pk).update(current_version=version)
            _log(actor, channel, "create", "watch-list-version", version.pk, basis=watch_list.flow.version_label)
    except Exception:
        WatchListEntry.objects.filter(version=version).delete()
        WatchListVersion.objects.filter(pk=version.pk).update(status=ImportStatus.FAILED, finished_at=timezone.now())
        raise
    return version


def person_description(user: Any, person: Person) -> Description:
    """What the user may see of the person, as the query of a check."""
    names = [
        stored_name(original, script, significant)
        for original, script, significant in visible(user, PersonName.objects.filter(person=person)).values_list(
            "original", "script", "significant"
        )
    ]
    birth_dates = [
        BirthDate(text, earliest, latest, uncertain)
        for text, earliest, latest, uncertain in visible(user, PersonBirthDate.objects.filter(person=person)).values_list(
            "text", "earliest", "latest", "uncertain"
        )
    ]
    nationalities = frozenset(visible(user, PersonNationality.objects.filter(person=person)).values_list("code", flat=True))
    return Description(names=names, birth_dates=birth_dates, nationalities=nationalities)


@transaction.atomic
def watch_list_check(
    *, actor: Any, person_id: object, watch_list_id: object, step: str, justification: str, channel: str = "web"
) -> WatchListCheck:
    """Check one person against a list's current version; the hits wait for a person's decision."""
    person = get_visible_or_404(actor, Person.objects.all(), pk=person_id)
    if not may_screen(actor):
        raise NotAllowed(
            gettext("Alleen screeners van IND, politie en KMar controleren een persoon tegen een lijst."), code="not_a_screener"
        )
    watch_list = get_visible_or_404(actor, WatchList.objects.select_related("flow", "current_version"), pk=watch_list_id)
    problems = []
    touchpoint = Touchpoint.objects.filter(code=(step or "").strip()).first()
    if touchpoint is None:
        problems.append(
            {"name": "step", "code": "invalid_choice", "reason": gettext("Geef de procedurestap (code van het contactmoment).")}
        )
    if not (justification or "").strip():
        problems.append(
            {
                "name": "justification",
                "code": "required",
                "reason": gettext("Leg vast waarom controle van deze persoon bij deze stap nodig en evenredig is."),
            }
        )
    if problems or touchpoint is None:
        raise ValidationFailed(
            gettext("De controle is niet uitgevoerd: %(reasons)s") % {"reasons": " ".join(p["reason"] for p in problems)},
            invalid_params=problems,
        )
    missing = _usable_flow(watch_list.flow, organisation_id=watch_list.organisation_id)
    if missing:
        raise NoLegalBasis(
            gettext("Geen grondslag voor deze controle: %(reasons)s. Er is niet gecontroleerd.") % {"reasons": "; ".join(missing)}
        )
    version = watch_list.current_version
    if version is None:
        raise Conflict(gettext("Deze lijst heeft nog geen geïmporteerde versie."), code="no_list_version")
    query = person_description(actor, person)
    if not any(n.significant for n in query.names):
        raise ValidationFailed(
            gettext("Van deze persoon is geen naam zichtbaar waarop gecontroleerd kan worden."),
            invalid_params=[{"name": "person", "code": "no_name", "reason": gettext("Geen bruikbare naam.")}],
        )
    check = WatchListCheck.objects.create(
        person=person,
        watch_list=watch_list,
        version=version,
        touchpoint=touchpoint,
        justification=justification.strip(),
        legal_basis=watch_list.flow.version_label,
        unit=actor.unit,
        checked_by=actor,
    )
    WatchListHit.objects.bulk_create(
        [
            WatchListHit(watch_check=check, entry=c.entry, rank=rank, similarity=c.similarity, explanation=c.explanation)
            for rank, c in enumerate(watch_list_candidates(version, query), 1)
        ]
    )
    _log(actor, channel, "create", "watch-list-check", check.pk, person_id=person.pk, basis=check.legal_basis)
    return check


@transaction.atomic
def watch_list_hit_decide(*, actor: Any, hit_id: object, decision: str, note: str, channel: str = "web") -> WatchListHit:
    """Record a person's decision about one hit. It changes nothing else: a hit is never a fact."""
    hit = get_visible_or_404(actor, WatchListHit.objects.select_for_update(of=("self",)).select_related("watch_check"), pk=hit_id)
    if not may_screen(actor):
        raise NotAllowed(gettext("Alleen screeners beslissen over een treffer."), code="not_a_screener")
    problems = []
    if decision not in HitDecision.values:
        problems.append(
            {
                "name": "decision",
                "code": "invalid_choice",
                "reason": choose_one_of(HitDecision.labels),
            }
        )
    if not (note or "").strip():
        problems.append({"name": "note", "code": "required", "reason": gettext("Licht het besluit kort toe.")})
    if problems:
        raise ValidationFailed(
            gettext("Het besluit is niet vastgelegd: %(reasons)s") % {"reasons": " ".join(p["reason"] for p in problems)},
            invalid_params=problems,
        )
    if hit.decision:
        raise Conflict(gettext("Over deze treffer is al besloten; het besluit staat vast."), code="already_decided")
    hit.decision, hit.note, hit.decided_by, hit.decided_at = decision, note.strip(), actor, timezone.now()
    hit.save(update_fields=["decision", "note", "decided_by", "decided_at"])
    _log(
        actor, channel, "update", "watch-list-hit", hit.pk, person_id=hit.watch_check.person_id, basis=hit.watch_check.legal_basis
    )
    return hit


def bulk_basis_check(*, actor: Any, compare_with: str = "") -> LegalBasisFlow:
    """The registered flow permitting a bulk comparison, or NoLegalBasis naming what is missing."""
    if not getattr(actor, "unit_id", None):
        raise NotAllowed(gettext("Alleen medewerkers van een eenheid kunnen controleren."))
    if compare_with == "politie-cter-kennisknooppunt":
        flow = LegalBasisFlow.objects.filter(code=CTER_HUB_FLOW, is_current=True).first()
        reasons = (
            flow_problems(flow, categories=[], on=timezone.localdate()) if flow else ["er is geen gegevensstroom geregistreerd"]
        )
        if flow is not None and not reasons:
            return flow
        raise NoLegalBasis(
            gettext(
                "Geen grondslag: voor het vergelijken van asielgegevens met het informatieknooppunt CTER van de politie is geen "
                "duidelijke rechtsgrond vastgesteld (systeemcheck 2023; dit moet nader worden onderzocht). Registratie: "
                "%(reasons)s. Er is niets vergeleken."
            )
            % {"reasons": "; ".join(reasons)}
        )
    organisation = actor.unit.organisation
    for flow in LegalBasisFlow.objects.filter(from_organisation=organisation, is_current=True).order_by("code"):
        if BULK_DATA_CATEGORY in flow.data_categories and not flow_problems(
            flow, categories=[], data_categories=[BULK_DATA_CATEGORY], on=timezone.localdate()
        ):
            return flow
    raise NoLegalBasis(
        gettext(
            "Geen grondslag: voor het in één keer controleren van meerdere personen (populatiescreening) is geen gegevensstroom "
            "met een wettelijke grondslag geregistreerd (gegevenscategorie '%(category)s' van %(organisation)s). De "
            "asielprocedure is geen detectie-instrument; controleer één persoon tegelijk, bij een procedurestap en met een "
            "afweging. Er is niets gecontroleerd."
        )
        % {"category": BULK_DATA_CATEGORY, "organisation": organisation.name}
    )


def watch_list_bulk_check(
    *,
    actor: Any,
    watch_list_id: object,
    person_ids: list[object],
    step: str,
    justification: str,
    compare_with: str = "",
    channel: str = "web",
) -> list[WatchListCheck]:
    """Refused (403, naming the missing basis) unless a flow for bulk comparison is registered; then one check
    per person, each with the same recorded justification and logged on its own."""
    if not may_screen(actor):
        raise NotAllowed(gettext("Alleen screeners van IND, politie en KMar controleren tegen een lijst."), code="not_a_screener")
    bulk_basis_check(actor=actor, compare_with=compare_with)
    with transaction.atomic():
        return [
            watch_list_check(
                actor=actor, person_id=pid, watch_list_id=watch_list_id, step=step, justification=justification, channel=channel
            )
            for pid in person_ids
        ]
