"""CloudEvents per the NL GOV profile for CloudEvents (Logius): structured JSON, ids and types only.

- ``specversion`` 1.0; ``id`` a UUID, unique per source; ``source`` the producing system as a URI
  (``WEBHOOKS_EVENT_SOURCE``: in production the URN with the OIN, ``urn:nld:oin:<OIN>:systeem:ketensignaal``);
  ``type`` in reverse-DNS form (``nl.ketensignaal.<object>.<what happened>``); ``time`` always (RFC 3339, UTC);
  ``subject`` the object's id; ``datacontenttype`` application/json; ``dataref`` where the partner can fetch
  the object with its own token (need to know applies there, not here).
- ``data`` holds the unit code and object ids: never names, V-numbers, dates of birth or free text.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"


def cloud_event(
    *, event_id: uuid.UUID, type: str, subject: str, unit_code: str, at: datetime, data: dict[str, str], path: str = ""
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "specversion": SPEC_VERSION,
        "id": str(event_id),
        "source": settings.WEBHOOKS_EVENT_SOURCE,
        "type": type,
        "subject": subject,
        "time": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": {"unit": unit_code, **data},
    }
    if path:
        event["dataref"] = settings.BASE_URL.rstrip("/") + path
    return event
