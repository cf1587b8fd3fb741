"""What each record type's retention means: the moment the period counts from, the default, and the legal minimum.

The period itself is data (``RetentionRule``, maintained by the privacy officer); the minimum is code, because a
privacy officer must not be able to lower it: a rule shorter than its documented minimum is refused. Defaults and
minimums are justified in ADR 0014 (docs/adr/0014-retention-and-destruction.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ketensignaal.retention.models import RecordType


@dataclass(frozen=True)
class RecordTypeRule:
    counted_from: str | Promise
    default_months: int
    minimum_months: int
    minimum_source: str
    legal_source: str
    automated: bool = True


RULES: dict[str, RecordTypeRule] = {
    RecordType.SIGNAL_UNFOUNDED: RecordTypeRule(
        counted_from=_("de datum van afsluiten"),
        default_months=12,
        minimum_months=6,
        minimum_source="Awb art. 6:7 en 9:8, AVG art. 12 lid 3",
        legal_source=(
            "AVG art. 5 lid 1 onder e (opslagbeperking): een ongegrond signaal zegt niets meer over de persoon. "
            "Ondergrens 6 maanden: bezwaar en klacht over de afhandeling (Awb art. 6:7, 9:8) en een inzageverzoek "
            "(AVG art. 12 lid 3: één maand, verlengbaar met twee) moeten nog te beantwoorden zijn."
        ),
    ),
    RecordType.SIGNAL_NO_FURTHER_ACTION: RecordTypeRule(
        counted_from=_("de datum van afsluiten"),
        default_months=24,
        minimum_months=12,
        minimum_source="AVG art. 5 lid 1 onder e; seed 004 (signalen samen)",
        legal_source=(
            "AVG art. 5 lid 1 onder e. Eén signaal zegt misschien niets, meerdere samen wel (seed 004): het LRO en de "
            "hub moeten een herhaling binnen redelijke tijd kunnen zien. Ondergrens 12 maanden [ontwerpkeuze]."
        ),
    ),
    RecordType.SIGNAL_ESTABLISHED: RecordTypeRule(
        counted_from=_("de datum van afsluiten"),
        default_months=60,
        minimum_months=60,
        minimum_source="Archiefwet 1995 art. 3 en 5 (selectielijst)",
        legal_source=(
            "Een gegrond signaal kan een asielbesluit of een 1F-tegenwerping dragen; vernietiging alleen volgens de "
            "vastgestelde selectielijst (Archiefwet 1995 art. 3 en 5). Ondergrens 5 jaar, te toetsen aan de "
            "selectielijst van de organisatie."
        ),
    ),
    RecordType.PERSON_WITHOUT_SIGNALS: RecordTypeRule(
        counted_from=_("de datum waarop de persoon geen signalen meer had"),
        default_months=3,
        minimum_months=1,
        minimum_source="AVG art. 16 (rectificatie)",
        legal_source=(
            "Een persoonsrecord zonder signalen heeft geen doel meer (AVG art. 5 lid 1 onder b en e). Ondergrens één "
            "maand: een ten onrechte ontkoppeld signaal moet nog opnieuw gekoppeld kunnen worden (AVG art. 16)."
        ),
    ),
    RecordType.LIV_TRAJECTORY: RecordTypeRule(
        counted_from=_("de datum van afsluiten"),
        default_months=24,
        minimum_months=12,
        minimum_source="seed 000 (navolgbaarheid); AVG art. 5 lid 2",
        legal_source=(
            "Het LIV moet de onderbouwing van een interventie navolgbaar houden (seed 000); de opdrachtgever kan op "
            "het advies terugkomen. Ondergrens 12 maanden (verantwoording, AVG art. 5 lid 2) [ontwerpkeuze]."
        ),
    ),
    RecordType.CONFERENCE_CASE: RecordTypeRule(
        counted_from=_("de datum van afsluiten"),
        default_months=60,
        minimum_months=24,
        minimum_source="NCTV-modelconvenant casusoverleg",
        legal_source=(
            "Casussen worden afgeschaald met blijvende aandacht (seed 004); het NCTV-modelconvenant laat gegevens "
            "niet langer bewaren dan nodig. Ondergrens 2 jaar (de aandachtsperiode na afschalen) [ontwerpkeuze]."
        ),
    ),
    RecordType.NASLAG_ANSWER: RecordTypeRule(
        counted_from=_("de datum van het antwoord"),
        default_months=12,
        minimum_months=6,
        minimum_source="Wiv 2017 art. 8 lid 2 onder f; AVG art. 12 lid 3",
        legal_source=(
            "Het antwoord op naslag (Wiv 2017 art. 8 lid 2 onder f) dient het signaal waarvoor het werd gevraagd en "
            "gaat in elk geval met dat signaal mee. Ondergrens 6 maanden (inzageverzoek, AVG art. 12 lid 3)."
        ),
    ),
    RecordType.AMBTSBERICHT: RecordTypeRule(
        counted_from=_("de datum van ontvangst"),
        default_months=60,
        minimum_months=60,
        minimum_source="Archiefwet 1995 art. 3 en 5; Wiv 2017 art. 66",
        legal_source=(
            "Een ambtsbericht (Wiv 2017 art. 66) kan een besluit dragen en blijft zolang dat besluit aangevochten "
            "kan worden; vernietiging volgens de selectielijst (Archiefwet 1995 art. 5). Ondergrens 5 jaar."
        ),
    ),
    RecordType.ATTACHMENT: RecordTypeRule(
        counted_from=_("de datum van afsluiten van het signaal"),
        default_months=12,
        minimum_months=6,
        minimum_source="Awb art. 6:7 en 9:8, AVG art. 12 lid 3",
        legal_source=(
            "Foto's en documenten bij een afgesloten signaal zijn na de afhandeling zelden nog nodig (AVG art. 5 lid 1 "
            "onder c en e); ze gaan uiterlijk met het signaal mee. Ondergrens 6 maanden, als bij een ongegrond signaal."
        ),
    ),
}


def rule_meta(record_type: str) -> RecordTypeRule:
    return RULES[record_type]


def ensure_default_rules() -> None:
    """Every record type has a rule: the defaults (migration 0002) are put back where a row is missing, e.g. after
    a test database flush. Existing rules are never changed."""
    from ketensignaal.retention.models import RetentionRule

    present = set(RetentionRule.objects.values_list("record_type", flat=True))
    missing = [t for t in RULES if t not in present]
    if missing:
        RetentionRule.objects.bulk_create(
            [
                RetentionRule(record_type=t, period_months=RULES[t].default_months, legal_source=RULES[t].legal_source)
                for t in missing
            ],
            ignore_conflicts=True,
        )
