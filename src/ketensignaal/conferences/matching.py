"""Match keys for "known elsewhere?": deliberately strict, so a hit is worth a call between case directors.

A key is the V-number, or a name's consonant skeleton (the form on which Arabic-script and Latin spellings
meet, from the persons context's analyser) together with the year of birth. A name alone is never enough:
common names would make every answer a hit. Keys are stored hashed, so the table reveals no names.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings

from ketensignaal.persons.matching.normalize import name_analyse


def _hash(raw: str) -> str:
    return hmac.new(settings.PSEUDONYM_KEY.encode(), f"conference-key:{raw}".encode(), hashlib.sha256).hexdigest()


def subject_keys(subject: Any) -> set[str]:
    """Keys of a parsed subject (``intake.validation.SubjectInput``)."""
    keys: set[str] = set()
    if subject.v_number:
        keys.add(_hash(f"v:{subject.v_number}"))
    year = (subject.date_of_birth or "")[:4]
    if year:
        for entry in subject.names:
            analysed = name_analyse(entry.name, entry.script)
            skeleton = " ".join(sorted(t.skeleton for t in analysed.significant if t.skeleton))
            if skeleton:
                keys.add(_hash(f"n:{skeleton}|{year}"))
    return keys
