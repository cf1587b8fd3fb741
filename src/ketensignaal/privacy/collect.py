"""Everything the chain holds about one person, for a data-subject request.

This is the one reader across contexts for a request: it runs only for the person a handler matched the request to
(never on a guess), reads each kind of record with a fixed number of queries whatever the size of the database
(every lookup goes through an indexed foreign key of the person or of their linked signals), and returns
descriptions and the text that could be disclosed — the source rows stay where they are. What it hands out is
logged per item by the service that stores the items (activity ``rechten-betrokkenen``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q

from ketensignaal.conferences.models import ConferenceCase
from ketensignaal.coordination.models import AgendaItem
from ketensignaal.core.dates import birth_date_text, long_date
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, EnrichmentFact, NaslagAnswer
from ketensignaal.intake.models import Attachment, Signal
from ketensignaal.persons.models import Person, PersonBirthDate, PersonIdentifier, PersonName, PersonNationality
from ketensignaal.privacy.item_labels import day, item_label_dutch
from ketensignaal.screening.models import Screening
from ketensignaal.trajectories.models import LivTrajectory

PERSON_RECORD_HOLDER = "IND (persoonsregistratie in de keten)"


@dataclass(frozen=True)
class Found:
    """One item; its title is a kind with parameters (``item_labels``), put into words in the reader's language."""

    object_type: str
    object_id: str
    holder: str
    label_params: dict[str, str]
    content: str

    @property
    def label(self) -> str:
        """The title in Dutch, as stored."""
        return item_label_dutch(self.object_type, self.label_params)


def _date(value: Any) -> str:
    return long_date(value) if value else "onbekende datum"


def _person_ids(person_id: UUID) -> list[UUID]:
    """The person and the records merged into it (their data is the person's too)."""
    return [person_id, *Person.objects.filter(merged_into_id=person_id).values_list("pk", flat=True)]


def _person_record(person: Person, ids: list[UUID]) -> Found:
    names = sorted({n.original for n in PersonName.objects.filter(person_id__in=ids)})
    identifiers = sorted({f"{i.get_kind_display()} {i.value}" for i in PersonIdentifier.objects.filter(person_id__in=ids)})
    births = [birth_date_text(text) for text in sorted({b.text for b in PersonBirthDate.objects.filter(person_id__in=ids)})]
    nationalities = sorted(set(PersonNationality.objects.filter(person_id__in=ids).values_list("code", flat=True)))
    lines = [
        f"Namen: {', '.join(names) or person.display_name}",
        f"Nummers: {', '.join(identifiers) or 'geen'}",
        f"Geboortedatum: {', '.join(births) or 'onbekend'}",
        f"Nationaliteit: {', '.join(nationalities) or 'onbekend'}",
    ]
    return Found("person", str(person.pk), PERSON_RECORD_HOLDER, {}, "\n".join(lines))


def _signals(ids: list[UUID]) -> list[Signal]:
    return list(
        Signal.objects.filter(person_link__person_id__in=ids)
        .select_related("reporting_unit__organisation", "touchpoint")
        .prefetch_related("categories")
        .order_by("created_at")
    )


def _signal_items(signals: list[Signal]) -> Iterable[Found]:
    for s in signals:
        categories = ", ".join(c.name for c in s.categories.all())
        content = (
            f"Gemeld op {_date(s.created_at)} bij {s.touchpoint.name}.\n"
            f"Waarneming: {s.observation_text}\nCategorieën: {categories or 'geen'}\nStatus: {s.get_status_display()}"
        )
        holder = s.reporting_unit.organisation.name
        yield Found("signal", str(s.pk), holder, {"reference": s.reference, "date": day(s.created_at)}, content)


def person_everything(person_id: UUID) -> list[Found]:
    """Every record about the person, in a stable order (person record, signals and what hangs on them, the rest)."""
    person = Person.objects.get(pk=person_id)
    ids = _person_ids(person.pk)
    found = [_person_record(person, ids)]
    signals = _signals(ids)
    found.extend(_signal_items(signals))
    signal_ids = [s.pk for s in signals]
    by_signal = {s.pk: s for s in signals}
    for a in Attachment.objects.filter(signal_id__in=signal_ids):
        ref = by_signal[a.signal_id].reference
        found.append(
            Found(
                "attachment",
                str(a.pk),
                by_signal[a.signal_id].reporting_unit.organisation.name,
                {"reference": ref, "name": a.original_name},
                f"Document {a.original_name} ({a.get_kind_display()}).",
            )
        )
    for e in EnrichmentFact.objects.filter(signal_id__in=signal_ids).select_related("recorded_unit__organisation"):
        ref = by_signal[e.signal_id].reference
        found.append(
            Found(
                "enrichment",
                str(e.pk),
                e.recorded_unit.organisation.name,
                {"reference": ref, "kind": e.kind},
                e.value,
            )
        )
    for d in Disclosure.objects.filter(signal_id__in=signal_ids).select_related("recipient_unit__organisation"):
        ref = by_signal[d.signal_id].reference
        found.append(
            Found(
                "disclosure",
                str(d.pk),
                by_signal[d.signal_id].reporting_unit.organisation.name,
                {"reference": ref, "recipient": d.recipient_unit.organisation.name},
                f"Op {_date(d.disclosed_at)} verstrekt aan {d.recipient_unit.organisation.name}.",
            )
        )
    for n in NaslagAnswer.objects.filter(request__signal_id__in=signal_ids).select_related("request"):
        found.append(
            Found(
                "naslag-answer",
                str(n.pk),
                n.request.get_service_display(),
                {"service": n.request.get_service_display(), "date": day(n.received_on)},
                f"{n.get_kind_display()}. {n.text}".strip(),
            )
        )
    reports = Ambtsbericht.objects.filter(Q(person_id__in=ids) | Q(signal_id__in=signal_ids)).order_by("dated")
    for r in reports:
        found.append(
            Found(
                "ambtsbericht",
                str(r.pk),
                r.get_service_display(),
                {"service": r.get_service_display(), "date": day(r.dated)},
                f"{r.subject}\n{r.summary or r.content}",
            )
        )
    for t in LivTrajectory.objects.filter(signals__in=signal_ids).distinct().order_by("created_at"):
        found.append(
            Found(
                "liv-trajectory",
                str(t.pk),
                "Landelijk Steunpunt Extremisme (LIV)",
                {"reference": t.reference},
                f"Hulpvraag: {t.question}\nFase: {t.get_phase_display()}\nAdvies: {t.advice or '—'}",
            )
        )
    for c in (
        ConferenceCase.objects.filter(signals__in=signal_ids).select_related("municipality").distinct().order_by("created_at")
    ):
        found.append(
            Found(
                "conference-case",
                str(c.pk),
                c.municipality.name,
                {"reference": c.reference},
                f"Aanleiding: {c.reason}\nFase: {c.get_phase_display()}\nDoelen: {c.plan_goals or '—'}",
            )
        )
    for sc in Screening.objects.filter(person_id__in=ids).select_related("unit__organisation", "touchpoint"):
        found.append(
            Found(
                "screening",
                str(sc.pk),
                sc.unit.organisation.name,
                {"touchpoint": sc.touchpoint.name, "touchpoint_en": sc.touchpoint.name_en, "date": day(sc.screened_at)},
                f"Screening in de procedurestap {sc.touchpoint.name} op {_date(sc.screened_at)}.",
            )
        )
    for item in AgendaItem.objects.filter(person_id__in=ids).select_related("meeting"):
        found.append(
            Found(
                "lro-item",
                str(item.pk),
                "Landelijk Regie Overleg",
                {"date": day(item.meeting.date)},
                f"Besproken in het Landelijk Regie Overleg van {_date(item.meeting.date)}.",
            )
        )
    return found
