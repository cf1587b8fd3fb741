"""Who may report, and on what terms: organisations that share only on their own judgement.

Nidos and VWN (and, when they join, the exit facility and care organisations) work on a relationship of
trust with the person; they share only when they themselves judge there is a security risk (DOMAIN.md
principle 6, seeds 001 and 004). ``Organisation.shares_on_own_judgement`` marks them; their reporters confirm
per signal that sharing is their organisation's own decision in its role as guardian or advocate. The
confirmation is stored on the signal and recorded as the first hop's justification.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.identity.models import Organisation

OWN_JUDGEMENT_NOTE = (
    "Gedeeld op eigen afweging van de organisatie, in haar rol als voogd of belangenbehartiger (bevestigd door de melder)."
)
OWN_JUDGEMENT_REASON = (
    "Bevestig dat delen de eigen beslissing van uw organisatie is, in haar rol als voogd of belangenbehartiger."
)


def shares_on_own_judgement(organisation: Organisation | None) -> bool:
    return bool(organisation is not None and organisation.shares_on_own_judgement)


def own_judgement_check(*, organisation: Organisation | None, own_judgement: bool) -> None:
    """400 naming ``own_judgement`` when a reporter of such an organisation did not confirm it."""
    if shares_on_own_judgement(organisation) and own_judgement is not True:
        raise ValidationFailed(
            gettext("Uw organisatie deelt alleen op eigen afweging; bevestig dat voordat u meldt."),
            code="own_judgement_required",
            invalid_params=[{"name": "own_judgement", "code": "required", "reason": OWN_JUDGEMENT_REASON}],
        )
