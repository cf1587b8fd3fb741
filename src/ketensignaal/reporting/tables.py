"""A figure table (rows × periods of counts) and how it is published for an audience.

Every table, in the UI, the API, CSV and XLSX, goes through :func:`table_publish`, so the disclosure control
and the rule stated under the table cannot differ between outputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.reporting.disclosure import default_threshold, protect, rule_text
from ketensignaal.reporting.periods import Period

AUDIENCES = ("internal", "external")


@dataclass
class FigureTable:
    title: str
    row_heading: str
    rows: list[tuple[str, str]]
    periods: list[Period]
    values: list[list[int]]
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(any(row) for row in self.values)


@dataclass
class Disclosure:
    audience: str = "internal"
    threshold: int | None = None

    @property
    def applied(self) -> bool:
        return self.audience == "external"

    @property
    def effective_threshold(self) -> int | None:
        return (self.threshold or default_threshold()) if self.applied else None


def disclosure_parse(*, audience: str | None, threshold: str | int | None) -> Disclosure:
    audience = audience or "internal"
    if audience not in AUDIENCES:
        raise ValidationFailed(
            gettext("Onbekend publiek."), invalid_params=[{"name": "audience", "reason": gettext("Kies internal of external.")}]
        )
    value: int | None = None
    if threshold not in (None, ""):
        try:
            value = int(str(threshold))
        except ValueError:
            value = 0
        if value < 1:
            raise ValidationFailed(
                gettext("De drempel voor kleine aantallen moet minstens 1 zijn."),
                invalid_params=[{"name": "threshold", "reason": gettext("Geef een geheel getal van 1 of meer.")}],
            )
    return Disclosure(audience=audience, threshold=value)


@dataclass
class PublishedTable:
    title: str
    row_heading: str
    periods: list[Period]
    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    disclosure: dict[str, Any]
    note: str = ""
    empty: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "periods": [{"key": p.key, "label": p.label} for p in self.periods],
            "rows": self.rows,
            "totals": self.totals,
            "disclosure": self.disclosure,
            "note": self.note,
        }

    def flat_rows(self) -> list[list[str]]:
        """Header and rows for CSV/XLSX: a suppressed cell is written as its marker, never as a number."""
        out = [[self.row_heading, *(p.label for p in self.periods), gettext("Totaal")]]

        def text(cell: dict[str, Any]) -> str:
            return gettext("onderdrukt") if cell["suppressed"] else str(cell["count"])

        for row in self.rows:
            out.append([row["label"], *(text(c) for c in row["cells"]), text(row["total"])])
        out.append([gettext("Totaal"), *(text(c) for c in self.totals["cells"]), text(self.totals["total"])])
        return out


def table_publish(table: FigureTable, disclosure: Disclosure) -> PublishedTable:
    threshold = disclosure.effective_threshold
    protected = protect(table.values, threshold=threshold, columns=len(table.periods))
    rows = []
    for (key, label), cells, total in zip(table.rows, protected.cells, protected.row_totals, strict=True):
        rows.append(
            {
                "key": key,
                "label": label,
                "cells": [{"period": p.key, **c.as_dict()} for p, c in zip(table.periods, cells, strict=True)],
                "total": total.as_dict(),
            }
        )
    totals = {
        "cells": [{"period": p.key, **c.as_dict()} for p, c in zip(table.periods, protected.column_totals, strict=True)],
        "total": protected.total.as_dict(),
    }
    return PublishedTable(
        title=table.title,
        row_heading=table.row_heading,
        periods=table.periods,
        rows=rows,
        totals=totals,
        disclosure={
            "audience": disclosure.audience,
            "applied": disclosure.applied,
            "threshold": threshold,
            "suppressed_cells": protected.suppressed_count,
            "rule": rule_text(threshold),
        },
        note=table.note,
        empty=table.is_empty,
    )
