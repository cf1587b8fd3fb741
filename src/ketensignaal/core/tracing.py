"""W3C Trace Context (``traceparent``) for correlating processing-log entries.

Every request gets a trace id (taken from an incoming ``traceparent`` when it is
well-formed, otherwise new) and its own span id. Commands and jobs start their
own trace with :func:`new_trace`.
"""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar
from dataclasses import dataclass

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True)
class TraceContext:
    trace_id: str
    span_id: str
    parent_span_id: str = ""

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-01"


_current: ContextVar[TraceContext | None] = ContextVar("ketensignaal_trace", default=None)


def new_trace(traceparent: str | None = None) -> TraceContext:
    """Start a span, continuing the trace of a valid incoming ``traceparent``."""
    match = _TRACEPARENT.match((traceparent or "").strip().lower())
    if match and set(match.group(1)) != {"0"} and set(match.group(2)) != {"0"}:
        ctx = TraceContext(trace_id=match.group(1), span_id=secrets.token_hex(8), parent_span_id=match.group(2))
    else:
        ctx = TraceContext(trace_id=secrets.token_hex(16), span_id=secrets.token_hex(8))
    _current.set(ctx)
    return ctx


def current_trace() -> TraceContext:
    ctx = _current.get()
    return ctx if ctx is not None else new_trace()
