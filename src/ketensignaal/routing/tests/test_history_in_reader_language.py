"""Issue 10: lines the system wrote into a signal's history are stored in Dutch (the record as written) and shown in
the reader's language by their known pattern; a professional's own words are shown as written."""

from __future__ import annotations

import pytest
from django.utils import translation

from ketensignaal.routing.models import HopAction, SignalEvent


@pytest.mark.parametrize(
    ("action", "stored", "english"),
    [
        (
            HopAction.ALARM,
            "Acuut gevaar gemeld: de melder is gevraagd direct 112 te bellen.",
            "Acute danger reported: the reporter was asked to call 112 at once.",
        ),
        (HopAction.ASSIGNED, "Toegewezen aan Ilse de Vries", "Assigned to Ilse de Vries"),
        (
            HopAction.FOLLOW_UP_AGREED,
            "Besproken in het landelijk overleg (LRO 3 december 2026); vervolg is afgesproken.",
            "Discussed in the national meeting (LRO 3 December 2026); follow-up has been agreed.",
        ),
        (
            HopAction.NOTE,
            "Aanvulling van de melder: hij was er ook gisteren",
            "Addition from the reporter: hij was er ook gisteren",
        ),
        (HopAction.NOTE, "Toegewezen aan de buurvrouw, zei hij.", "Toegewezen aan de buurvrouw, zei hij."),
    ],
)
def test_system_lines_read_in_the_readers_language_and_own_words_as_written(action: str, stored: str, english: str) -> None:
    event = SignalEvent(action=action, note=stored)
    with translation.override("nl"):
        assert event.display_note == stored
    with translation.override("en"):
        assert event.display_note == english
