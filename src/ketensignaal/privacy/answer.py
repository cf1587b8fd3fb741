"""The answer package: what may be disclosed, and — where the law allows saying so — that a restriction applies.

Withheld items never appear, not even by their label; a withheld item's ground is named only when the ground says
it may be (``RestrictionGround.may_mention``), once per ground. A ground that may not be mentioned leaves no trace in
the answer (AVG art. 23(2)(h): the person is told of a restriction unless that would defeat its purpose).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import Unprocessable
from ketensignaal.privacy.models import (
    DECISIONS_WITH_GROUND,
    Decision,
    RequestItem,
    RequestKind,
    RequestStatus,
    RestrictionGround,
    SubjectRequest,
)

_CONCERNS = "Hieronder staan de gegevens waarop uw verzoek betrekking heeft."
INTRO = {
    RequestKind.ACCESS: "U vroeg om inzage in de persoonsgegevens die de organisaties in de vreemdelingenketen over u verwerken.",
    RequestKind.RECTIFICATION: f"U vroeg om rectificatie van persoonsgegevens. {_CONCERNS}",
    RequestKind.ERASURE: f"U vroeg om wissing van persoonsgegevens. {_CONCERNS}",
    RequestKind.RESTRICTION: f"U vroeg om beperking van de verwerking. {_CONCERNS}",
    RequestKind.OBJECTION: f"U maakte bezwaar tegen de verwerking. {_CONCERNS}",
}


def answer_context(request: SubjectRequest, items: list[RequestItem]) -> dict[str, Any]:
    disclosed = [i for i in items if i.decision == Decision.DISCLOSE]
    grounds: dict[int, RestrictionGround] = {}
    for item in items:
        if item.decision in DECISIONS_WITH_GROUND and item.ground is not None and item.ground.may_mention:
            grounds.setdefault(item.ground.pk, item.ground)
    return {
        "erasure": request.kind == RequestKind.ERASURE,
        "erased": [i for i in items if i.decision == Decision.ERASE],
        "rectifications": list(request.rectifications.all()),
        "outcome": request.get_outcome_display() if request.outcome else "",
        "outcome_reasons": request.outcome_reasons,
        "request": request,
        "title": f"Antwoord op uw verzoek {request.reference}",
        "intro": INTRO[RequestKind(request.kind)],
        "disclosed": disclosed,
        "grounds": list(grounds.values()),
        "no_record": request.person_id is None,
        "answered_at": request.answered_at or timezone.now(),
    }


def answer_html(request: SubjectRequest, items: list[RequestItem]) -> str:
    return render_to_string("privacy/answer_pdf.html", answer_context(request, items))


def answer_pdf(request: SubjectRequest, items: list[RequestItem], *, uncompressed: bool = False) -> bytes:
    if request.status != RequestStatus.ANSWERED:
        raise Unprocessable(
            gettext("Het antwoord bestaat pas als over alle gegevens is beslist en het verzoek is beantwoord."),
            code="not_answered",
        )
    from weasyprint import HTML

    return HTML(string=answer_html(request, items)).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed)
