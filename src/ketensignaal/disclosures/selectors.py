"""Reading this context's rows, always through the need-to-know scopes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, EnrichmentFact, NaslagAnswer, NaslagRequest
from ketensignaal.intake.models import Signal


def signal_get_visible(*, user: Any, signal_id: object) -> Signal:
    return get_visible_or_404(user, Signal.objects.all(), pk=signal_id)


def enrichment_list(*, user: Any, signal: Signal) -> QuerySet[EnrichmentFact]:
    return visible(user, EnrichmentFact.objects.filter(signal=signal)).select_related("recorded_by", "recorded_unit")


def disclosure_list(*, user: Any, signal: Signal) -> QuerySet[Disclosure]:
    return visible(user, Disclosure.objects.filter(signal=signal)).select_related("recipient_unit", "disclosed_by", "flow")


def naslag_request_list(*, user: Any, signal: Signal) -> QuerySet[NaslagRequest]:
    return visible(user, NaslagRequest.objects.filter(signal=signal)).select_related("requested_by", "flow")


def naslag_request_get(*, user: Any, request_id: object) -> NaslagRequest:
    return get_visible_or_404(user, NaslagRequest.objects.select_related("signal", "requested_by"), pk=request_id)


def naslag_answer_list(*, user: Any, request: NaslagRequest) -> QuerySet[NaslagAnswer]:
    return visible(user, NaslagAnswer.objects.filter(request=request)).select_related("recorded_by")


def ambtsbericht_list(*, user: Any, signal: Signal | None = None) -> QuerySet[Ambtsbericht]:
    qs = Ambtsbericht.objects.select_related("signal", "received_by")
    if signal is not None:
        qs = qs.filter(signal=signal)
    return visible(user, qs)


def ambtsbericht_get(*, user: Any, ambtsbericht_id: object) -> Ambtsbericht:
    return get_visible_or_404(
        user, Ambtsbericht.objects.select_related("signal", "received_by", "naslag_request"), pk=ambtsbericht_id
    )
