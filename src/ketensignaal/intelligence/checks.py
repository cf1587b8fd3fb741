"""A briefing is about trends and indicators, never about a person: a check on what looks like personal data.

A V-number (ten digits) has no place in a briefing and is refused. A date that could be a date of birth is common in
a trend text too ("since 1 March"), so the writer must confirm it is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

V_NUMBER = re.compile(r"(?<!\d)\d{10}(?!\d)")
DATES = re.compile(
    r"(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})(?!\d)"
    r"|\b(?:geboren|geb\.|born|d\.o\.b\.|geboortedatum)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PersonalDataFindings:
    v_numbers: list[str]
    dates: list[str]


def personal_data_findings(*texts: str) -> PersonalDataFindings:
    joined = "\n".join(texts)
    return PersonalDataFindings(v_numbers=V_NUMBER.findall(joined), dates=[m.group(0) for m in DATES.finditer(joined)])
