"""Finding a file to pick without typing its reference: one search for every picker (the LRO's put-forward picker,
the privacy officer's "mark case sensitive"), so each finds the same way and logs the same way.

A person types a name as it was reported, the reference, a V-number or words from the text; the caller passes the
rows the user may see (need to know is the caller's queryset, so the rest is never found). Every row shown is a read
of that file's summary and is logged as one (``governance.reads.reads_logged``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Q

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import reads_logged

PICK_MIN = 2
PICK_LIMIT = 20
_MAX_QUERY = 200
_V_NUMBER_MIN_DIGITS = 6


def pick_query(raw: str | None) -> str:
    """The search as typed, with runs of spaces made one and at most 200 characters."""
    return " ".join((raw or "").split())[:_MAX_QUERY]


def pick_match(query: str, *, names: str, words: Sequence[str], reference: str = "reference", v_number: str = "v_number") -> Q:
    """A name as reported (part of it), words from the text, the whole reference, or a V-number (its first six or
    more digits; only when the search is digits)."""
    match = Q(**{f"{names}__icontains": query}) | Q(**{f"{reference}__iexact": query})
    for field in words:
        match |= Q(**{f"{field}__icontains": query})
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= _V_NUMBER_MIN_DIGITS and len(digits) == len(query.replace(" ", "")):
        match |= Q(**{f"{v_number}__startswith": digits})
    return match


def pick_candidates[M: models.Model](
    visible_rows: models.QuerySet[M],
    *,
    query: str,
    user: Any,
    activity: Activity,
    object_type: str,
    subject_type: str,
    names: str,
    words: Sequence[str],
    prefetch: Sequence[str] = (),
    order_by: str = "-created_at",
    limit: int = PICK_LIMIT,
) -> list[M]:
    """The rows of ``visible_rows`` (already limited to what ``user`` may see) that the search finds, newest first,
    each shown row logged as a read of ``object_type`` about ``subject_type``. A search shorter than two characters
    finds nothing (it would list everything)."""
    query = pick_query(query)
    if len(query) < PICK_MIN:
        return []
    ids = visible_rows.filter(pick_match(query, names=names, words=words)).values("pk").distinct()
    rows = reads_logged(
        visible_rows.filter(pk__in=ids).prefetch_related(*prefetch),
        user=user,
        activity=activity,
        object_type=object_type,
        subject=lambda row: subject_ref(subject_type, row.pk),
    )
    return list(rows.order_by(order_by)[:limit])
