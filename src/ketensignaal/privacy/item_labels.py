"""What a found item is called, in the reader's language.

An item's title is stored as a kind and its parameters (references, names, dates as ISO days, codes), and put
into words when it is shown, so a privacy officer reading in English sees English whoever matched the request.
The Dutch title is stored beside them (``RequestItem.label``): the record as written, the Dutch answer letter, and
what items collected before the kind was stored show in every language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from ketensignaal.core.dates import long_date
from ketensignaal.core.language import in_reader_language
from ketensignaal.disclosures.models import EnrichmentKind

ITEM_LABELS: dict[str, str] = {
    "person": gettext_noop("Persoonsgegevens in de persoonsregistratie"),
    "signal": gettext_noop("Signaal %(reference)s van %(date)s"),
    "attachment": gettext_noop("Bijlage bij signaal %(reference)s: %(name)s"),
    "enrichment": gettext_noop("Verrijking bij signaal %(reference)s: %(kind)s"),
    "disclosure": gettext_noop("Verstrekking van signaal %(reference)s aan %(recipient)s"),
    "naslag-answer": gettext_noop("Antwoord op naslag bij de %(service)s (%(date)s)"),
    "ambtsbericht": gettext_noop("Ambtsbericht van de %(service)s van %(date)s"),
    "liv-trajectory": gettext_noop("LIV-traject %(reference)s"),
    "conference-case": gettext_noop("Casus %(reference)s (casusoverleg)"),
    "screening": gettext_noop("Screening bij %(touchpoint)s (%(date)s)"),
    "lro-item": gettext_noop("Besproken in het LRO van %(date)s"),
}


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A moment as the ISO day it fell on here ("" when unknown), for a stored parameter."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.isoformat()


def _words(params: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(params)
    if "date" in values:
        values["date"] = long_date(datetime.date.fromisoformat(values["date"])) if values["date"] else gettext("onbekende datum")
    if "kind" in values:
        values["kind"] = EnrichmentKind(values["kind"]).label if values["kind"] in EnrichmentKind.values else values["kind"]
    if "touchpoint" in values:
        values["touchpoint"] = in_reader_language(params, "touchpoint")
    return values


def item_label(kind: str, params: Mapping[str, Any]) -> str:
    """The title in the active language."""
    return gettext(ITEM_LABELS[kind]) % _words(params)


def item_label_dutch(kind: str, params: Mapping[str, Any]) -> str:
    """The title as stored in Dutch."""
    with translation.override("nl"):
        return item_label(kind, params)
