"""The corroboration sources of DOMAIN.md principle 4, registered with routing's close check at start-up.

They sit here, in the one context above both persons and disclosures, so that every source of the rule is
listed in one place: an ambtsbericht linked to the signal (directly or through a naslag request), enrichment
recorded from the IND file, or an observation of another type about the same person (a linked signal that a
person confirmed). A free-text note is deliberately not among them.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketensignaal.disclosures.models import Ambtsbericht, EnrichmentFact
from ketensignaal.intake.models import ObservationType, Signal
from ketensignaal.routing.corroboration import register_corroboration_source


def _ambtsbericht(signal: Signal) -> bool:
    return Ambtsbericht.objects.filter(Q(signal=signal) | Q(naslag_request__signal=signal)).exists()


def _enrichment(signal: Signal) -> bool:
    return EnrichmentFact.objects.filter(signal=signal).exists()


def _other_observation(signal: Signal) -> bool:
    return (
        Signal.objects.filter(person_link__person__signal_links__signal=signal)
        .exclude(pk=signal.pk)
        .exclude(observation_type=ObservationType.DATABASE)
        .exists()
    )


register_corroboration_source("ambtsbericht", _("een gekoppeld ambtsbericht"), _ambtsbericht)
register_corroboration_source("enrichment", _("vastgelegde verrijking uit het IND-dossier"), _enrichment)
register_corroboration_source(
    "other-observation", _("een waarneming van een andere soort over dezelfde (gekoppelde) persoon"), _other_observation
)
