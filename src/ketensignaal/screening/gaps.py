"""The gaps of one screening, derived in one place from what the screener recorded (seed 003)."""

from __future__ import annotations

from ketensignaal.screening.models import DataCarrierHandling, Gap, HearingMode, IdentityBasis

# An alert this short says too little to act on; the screener may mark a longer one thin as well.
THIN_ALERT_MAX_CHARS = 120


def sis_alert_thin_suggestion(*, content: str, more_information_requested: bool, answer: str) -> bool:
    """Whether an alert looks thin when the screener did not say: it says little, or the question to the issuing
    state brought nothing back. Only a default for the form; the screener's own marking wins."""
    if len(content.strip()) < THIN_ALERT_MAX_CHARS:
        return True
    return more_information_requested and not answer.strip()


def screening_gaps(
    *,
    hearing_mode: str,
    data_carrier_handling: str,
    identity_basis: str,
    sis_alert_thin: bool | None,
    open_source_searches: int | None,
    open_source_minimum: int,
) -> list[str]:
    """The gap codes of a screening, in the order of :class:`Gap`."""
    found = set()
    if data_carrier_handling == DataCarrierHandling.QUICK_SCAN:
        found.add(Gap.QUICK_SCAN_ONLY)
    if hearing_mode == HearingMode.WRITTEN:
        found.add(Gap.WRITTEN_HEARING)
    if hearing_mode == HearingMode.TELE:
        found.add(Gap.TELE_HEARING)
    if identity_basis in (IdentityBasis.LAISSEZ_PASSER, IdentityBasis.PLAUSIBLE):
        found.add(Gap.UNDOCUMENTED)
    if sis_alert_thin:
        found.add(Gap.THIN_SIS_ALERT)
    if open_source_minimum > 0 and (open_source_searches or 0) < open_source_minimum:
        found.add(Gap.OPEN_SOURCE_MINIMUM)
    return [str(code) for code in Gap if code in found]
