"""Read logging: one owner, so HTML, htmx, API, PDF and CSV cannot diverge.

Selectors say *what* they return — :func:`reads_record` for rows they already hold, :func:`reads_logged` for a
queryset whose rows are logged when (and only as far as) it is evaluated, e.g. one page of a list. Within a web or
API request the rows are collected, and :class:`ReadLogMiddleware` writes them as one processing step when the
response goes out (each row once, however many selectors touched it), naming the channel the response went out on.
Outside a request (commands, jobs, tests calling a selector) the read is written at once.

No caller decides whether a read is logged: there is no flag to switch it off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse

from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import LogAction, LogResult
from ketensignaal.governance.processing_log import (
    EntryRow,
    LogItem,
    entry_row,
    processing_log_append_rows,
    subject_ref,
)


@dataclass
class ReadSet:
    """The rows one request read, each once, in the order first read (as the log's plain entry rows: a request that
    reads thousands of rows holds thousands of small tuples, not objects)."""

    actor: Any = None
    items: dict[tuple[str, str], EntryRow] = field(default_factory=dict)

    def add(self, user: Any, items: Iterable[LogItem]) -> None:
        if self.actor is None:
            self.actor = user
        for item in items:
            row = entry_row(item)
            self.items.setdefault((row[3], row[4]), row)

    def add_rows(self, user: Any, *, activity: str, object_type: str, rows: Iterable[tuple[str, str]]) -> None:
        """Reads of many rows of one type: ``(object id, data subject)`` pairs, the id already text."""
        if self.actor is None:
            self.actor = user
        read, success, items = LogAction.READ.value, LogResult.SUCCESS.value, self.items
        for object_id, subject in rows:
            items.setdefault((object_type, object_id), (activity, subject, read, object_type, object_id, "", success))


_current: ContextVar[ReadSet | None] = ContextVar("ketensignaal_reads", default=None)


def read_item(*, activity: Activity, object_type: str, object_id: object, subject: str = "", legal_basis: str = "") -> LogItem:
    return LogItem(
        activity=activity,
        action=LogAction.READ,
        object_type=object_type,
        object_id=object_id,
        subject=subject,
        legal_basis=legal_basis,
    )


_ACTIVITIES = frozenset(Activity.values)


def _checked(items: Iterable[LogItem]) -> list[LogItem]:
    items = list(items)
    for item in items:
        if item.action != LogAction.READ:
            raise ValueError(f"reads_record logs reads only, not {item.action!r}")
        if item.activity not in _ACTIVITIES:
            raise ValueError(f"Unknown processing activity {item.activity!r}: add it to governance.activities.Activity")
    return items


def reads_record(*, user: Any, items: Iterable[LogItem], channel: str = "web") -> None:
    """Log that ``user`` read these rows: with the request's other reads, or at once outside a request."""
    items = _checked(items)
    if not items:
        return
    collected = _current.get()
    if collected is not None:
        collected.add(user, items)
        return
    unique = ReadSet()
    unique.add(user, items)
    with transaction.atomic():
        processing_log_append_rows(actor=user, rows=list(unique.items.values()), channel=channel)


def reads_record_rows(
    *,
    user: Any,
    activity: Activity,
    object_type: str,
    rows: Iterable[tuple[str, str]],
    channel: str = "web",
    with_items: Iterable[LogItem] = (),
) -> None:
    """:func:`reads_record` for thousands of rows of one type (an agenda): ``(object id as text, data subject)``
    pairs, logged without an item object per row; ``with_items``: other reads of the same step, logged first."""
    if activity not in _ACTIVITIES:
        raise ValueError(f"Unknown processing activity {activity!r}: add it to governance.activities.Activity")
    first = _checked(with_items)
    collected = _current.get()
    reads = collected if collected is not None else ReadSet()
    reads.add(user, first)
    reads.add_rows(user, activity=activity, object_type=object_type, rows=rows)
    if collected is None and reads.items:
        with transaction.atomic():
            processing_log_append_rows(actor=user, rows=list(reads.items.values()), channel=channel)


@dataclass(frozen=True)
class ReadSpec:
    user: Any
    activity: Activity
    object_type: str
    subject: Callable[[Any], str]
    channel: str

    def note(self, rows: Iterable[Any], model: type[models.Model]) -> None:
        """Log the rows handed out: model instances, or the dictionaries of ``values()`` when they carry the primary
        key (a plain-row list such as the API inbox; ``subject`` then takes the dictionary)."""
        rows = list(rows)
        if rows and isinstance(rows[0], dict):
            key = model._meta.pk.attname
            if any(key not in row for row in rows):
                raise ValueError(f"Rows logged as read must carry their primary key ({key!r}): add it to values().")
            pairs = [(str(row[key]), self.subject(row)) for row in rows]
            if pairs:
                reads_record_rows(
                    user=self.user, activity=self.activity, object_type=self.object_type, rows=pairs, channel=self.channel
                )
            return
        items = [
            read_item(activity=self.activity, object_type=self.object_type, object_id=row.pk, subject=self.subject(row))
            for row in rows
            if isinstance(row, model)
        ]
        reads_record(user=self.user, items=items, channel=self.channel)


class _ReadLoggedMixin:
    """A queryset that logs the rows it hands out, whenever and however it is evaluated."""

    _read_spec: ReadSpec | None = None

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._read_spec = self._read_spec
        return clone

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None  # type: ignore[attr-defined]
        super()._fetch_all()  # type: ignore[misc]
        if fresh and self._read_spec is not None:
            self._read_spec.note(self._result_cache, self.model)  # type: ignore[attr-defined]

    def iterator(self, chunk_size: int | None = None) -> Iterator[Any]:
        spec = self._read_spec
        for row in super().iterator(chunk_size=chunk_size):  # type: ignore[misc]
            if spec is not None:
                spec.note([row], self.model)  # type: ignore[attr-defined]
            yield row


_logged_classes: dict[type[Any], type[Any]] = {}


def reads_logged[M: models.Model](
    queryset: models.QuerySet[M],
    *,
    user: Any,
    activity: Activity,
    object_type: str,
    subject: Callable[[M], str] | None = None,
    channel: str = "web",
) -> models.QuerySet[M]:
    """``queryset``, logging as read every row it returns when evaluated (a page, a ``get``, a template loop)."""
    base = type(queryset)
    logged = _logged_classes.get(base)
    if logged is None:
        logged = _logged_classes[base] = type(f"ReadLogged{base.__name__}", (_ReadLoggedMixin, base), {})
    clone = queryset._chain()  # type: ignore[attr-defined]
    clone.__class__ = logged
    clone._read_spec = ReadSpec(user, activity, object_type, subject or (lambda _row: ""), channel)
    return clone  # type: ignore[no-any-return]


def signal_subject(signal_id: object) -> str:
    return subject_ref("signal", signal_id)


@contextmanager
def reads_collected() -> Iterator[ReadSet]:
    """Collect the reads of one unit of work (a request) instead of writing each at once."""
    collected = ReadSet()
    token = _current.set(collected)
    try:
        yield collected
    finally:
        _current.reset(token)


def reads_flush(collected: ReadSet, *, channel: str) -> None:
    if collected.items:
        with transaction.atomic():
            processing_log_append_rows(actor=collected.actor, rows=list(collected.items.values()), channel=channel)


def response_channel(request: HttpRequest, response: HttpResponse) -> str:
    content_type = response.get("Content-Type", "")
    if request.path.startswith("/api/"):
        return "api"
    if content_type.startswith("application/pdf"):
        return "web-pdf"
    if content_type.startswith("text/csv"):
        return "web-csv"
    if request.headers.get("HX-Request") == "true":
        return "htmx"
    return "web"


def _delivers(response: HttpResponse) -> bool:
    """Whether the response hands the read rows to the caller: a success, or a page shown again with its errors.

    A redirect, a problem+json refusal or a server error carries none of it."""
    if response.status_code < 300:
        return True
    return response.status_code in (400, 409, 422) and response.get("Content-Type", "").startswith("text/html")


class ReadLogMiddleware:
    """Writes the request's reads as one processing step, after the view, before the response leaves.

    If the log cannot be written the response does not go out (the error propagates): personal data is never
    delivered without its read entry.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with reads_collected() as collected:
            response = self.get_response(request)
        if collected.items and _delivers(response):
            reads_flush(collected, channel=response_channel(request, response))
        return response
