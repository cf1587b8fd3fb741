"""Reading this context's rows, always through the need-to-know scopes; every row handed out is a logged read
(``governance.reads``), so the HTML pages and the API cannot differ in what they log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.disclosures.models import Ambtsbericht, Disclosure, EnrichmentFact, NaslagAnswer, NaslagRequest
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import reads_logged, signal_subject
from ketensignaal.intake.models import Signal


def _by_signal(row: Any) -> str:
    return signal_subject(row.signal_id) if row.signal_id else ""


def _logged[M: Any](qs: QuerySet[M], user: Any, object_type: str, subject: Any = _by_signal) -> QuerySet[M]:
    return reads_logged(qs, user=user, activity=Activity.DISCLOSURE, object_type=object_type, subject=subject)


def signal_get_visible(*, user: Any, signal_id: object) -> Signal:
    """The signal these pages are about (its reference and names are shown beside them): a logged read."""
    signal: Signal = get_visible_or_404(
        user,
        reads_logged(
            Signal.objects.all(),
            user=user,
            activity=Activity.SIGNAL_HANDLING,
            object_type="signal-summary",
            subject=lambda s: signal_subject(s.pk),
        ),
        pk=signal_id,
    )
    return signal


def enrichment_list(*, user: Any, signal: Signal) -> QuerySet[EnrichmentFact]:
    qs = visible(user, EnrichmentFact.objects.filter(signal=signal)).select_related("recorded_by", "recorded_unit")
    return _logged(qs, user, "enrichment-fact")


def disclosure_list(*, user: Any, signal: Signal) -> QuerySet[Disclosure]:
    qs = visible(user, Disclosure.objects.filter(signal=signal)).select_related("recipient_unit", "disclosed_by", "flow")
    return _logged(qs, user, "disclosure")


def naslag_request_list(*, user: Any, signal: Signal) -> QuerySet[NaslagRequest]:
    return _logged(
        visible(user, NaslagRequest.objects.filter(signal=signal)).select_related("requested_by", "flow"), user, "naslag-request"
    )


def naslag_request_get(*, user: Any, request_id: object) -> NaslagRequest:
    qs = _logged(NaslagRequest.objects.select_related("signal", "requested_by"), user, "naslag-request")
    return get_visible_or_404(user, qs, pk=request_id)


def naslag_answer_list(*, user: Any, request: NaslagRequest) -> QuerySet[NaslagAnswer]:
    qs = visible(user, NaslagAnswer.objects.filter(request=request)).select_related("recorded_by")
    return _logged(qs, user, "naslag-answer", lambda answer: signal_subject(request.signal_id))


def _ambtsbericht_subject(report: Ambtsbericht) -> str:
    if report.person_id:
        return subject_ref("person", report.person_id)
    return _by_signal(report)


def ambtsbericht_list(*, user: Any, signal: Signal | None = None) -> QuerySet[Ambtsbericht]:
    qs = Ambtsbericht.objects.select_related("signal", "received_by")
    if signal is not None:
        qs = qs.filter(signal=signal)
    return _logged(visible(user, qs), user, "ambtsbericht", _ambtsbericht_subject)


def ambtsbericht_get(*, user: Any, ambtsbericht_id: object) -> Ambtsbericht:
    qs = _logged(Ambtsbericht.objects.select_related("signal", "received_by", "naslag_request"), user, "ambtsbericht")
    return get_visible_or_404(user, qs, pk=ambtsbericht_id)
