"""Webhook tests send deliveries in process (there is no job worker in a test run)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _deliver_in_process(settings: Any) -> None:
    """Tests have no job worker: on PostgreSQL too, a delivery is sent in this process after commit."""
    settings.WEBHOOKS_DELIVER_IN_PROCESS = True
