"""Recording a screening: per person and procedure step, against the step's current checklist version.

Everything is checked before anything is written, so a screening is saved whole or not at all; the
processing-log entry is written in the same transaction (activity ``screening``).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed, ValidationFailed, choose_one_of
from ketensignaal.core.language import in_reader_language
from ketensignaal.core.need_to_know import get_visible_or_404
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import LogItem, processing_log_record, subject_ref
from ketensignaal.persons.models import Person
from ketensignaal.screening.gaps import screening_gaps, sis_alert_thin_suggestion
from ketensignaal.screening.models import (
    AnswerStatus,
    Checklist,
    DataCarrierHandling,
    HearingMode,
    IdentityBasis,
    Procedure,
    Screening,
    ScreeningAnswer,
    ScreeningGap,
    SisAlert,
    SisPurpose,
)
from ketensignaal.screening.scopes import may_screen
from ketensignaal.screening.selectors import checklist_current

ACTIVITY = Activity.SCREENING
LEGAL_BASIS = "Vw 2000 art. 107; AVG art. 6 lid 1 sub e"
_STATE = re.compile(r"^[A-Z]{3}$")


def require_screener(user: Any) -> None:
    if not may_screen(user):
        raise NotAllowed(
            gettext("Alleen screeners van IND, politie en KMar (melder, behandelaar of analist) mogen een screening vastleggen."),
            code="not_a_screener",
        )


def _choice(value: Any, choices: Any, name: str, problems: list[dict[str, Any]], *, allow_blank: bool = True) -> str:
    text = "" if value is None else str(value)
    if (text == "" and allow_blank) or text in choices.values:
        return text
    problems.append(
        {
            "name": name,
            "code": "invalid_choice",
            "reason": choose_one_of(choices.labels),
        }
    )
    return ""


def _count(value: Any, name: str, problems: list[dict[str, Any]]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0 or number > 100000:
        problems.append({"name": name, "code": "invalid", "reason": gettext("Een geheel getal van 0 of meer.")})
        return None
    return number


def _answers(checklist: Checklist, answers: Any, problems: list[dict[str, Any]]) -> list[ScreeningAnswer]:
    if not isinstance(answers, dict):
        problems.append(
            {"name": "answers", "code": "invalid", "reason": gettext("Verwacht een object met per onderdeel een antwoord.")}
        )
        return []
    items = {item.code: item for item in checklist.items.all()}
    rows = []
    for code, answer in answers.items():
        if code not in items:
            problems.append(
                {
                    "name": f"answers.{code}",
                    "code": "unknown_item",
                    "reason": gettext(
                        "'%(code)s' is geen onderdeel van checklist versie %(version)s (%(touchpoint)s); kies uit: %(items)s."
                    )
                    % {
                        "code": code,
                        "version": checklist.version,
                        "touchpoint": checklist.touchpoint.code,
                        "items": ", ".join(items),
                    },
                }
            )
            continue
        answer = answer if isinstance(answer, dict) else {"status": answer}
        status = _choice(answer.get("status"), AnswerStatus, f"answers.{code}.status", problems, allow_blank=False)
        reason = str(answer.get("reason") or "").strip()
        if status == AnswerStatus.NOT_DONE and not reason:
            problems.append(
                {"name": f"answers.{code}.reason", "code": "required", "reason": gettext("Geef bij 'niet gedaan' de reden.")}
            )
        rows.append(ScreeningAnswer(item_code=code, status=status, reason=reason))
    for code in items:
        if code not in answers:
            problems.append(
                {
                    "name": f"answers.{code}",
                    "code": "required",
                    "reason": gettext("Niet beantwoord: %(items)s.") % {"items": in_reader_language(items[code], "label")},
                }
            )
    return rows


def _sis_alert(data: Any, problems: list[dict[str, Any]]) -> SisAlert | None:
    if data in (None, {}):
        return None
    if not isinstance(data, dict):
        problems.append({"name": "sis_alert", "code": "invalid", "reason": gettext("Verwacht een object.")})
        return None
    purpose = _choice(data.get("purpose"), SisPurpose, "sis_alert.purpose", problems, allow_blank=False)
    state = str(data.get("issuing_state") or "").strip().upper()
    if not _STATE.match(state):
        problems.append(
            {
                "name": "sis_alert.issuing_state",
                "code": "invalid",
                "reason": gettext("De signalerende staat als ISO 3166 alpha-3 (bijv. DEU)."),
            }
        )
    content = str(data.get("content") or "").strip()
    requested = bool(data.get("more_information_requested"))
    answer = str(data.get("answer") or "").strip()
    if answer and not requested:
        problems.append(
            {
                "name": "sis_alert.answer",
                "code": "invalid",
                "reason": gettext("Er is een antwoord ingevuld, maar geen nadere informatie gevraagd."),
            }
        )
    thin = data.get("thin")
    if thin is None:
        thin = sis_alert_thin_suggestion(content=content, more_information_requested=requested, answer=answer)
    return SisAlert(
        purpose=purpose,
        issuing_state=state,
        content=content,
        more_information_requested=requested,
        answer=answer,
        thin=bool(thin),
    )


@transaction.atomic
def screening_record(
    *,
    actor: Any,
    person_id: object,
    procedure: str,
    step: str,
    answers: Any,
    hearing_mode: str = "",
    data_carrier_handling: str = "",
    identity_basis: str = "",
    open_source_minutes: Any = None,
    open_source_searches: Any = None,
    sis_alert: Any = None,
    channel: str = "web",
) -> Screening:
    """Record one screening of a person at a procedure step; refused whole when any answer is wrong."""
    person = get_visible_or_404(actor, Person.objects.all(), pk=person_id)
    require_screener(actor)
    problems: list[dict[str, Any]] = []
    procedure = _choice(procedure, Procedure, "procedure", problems, allow_blank=False)
    checklist = checklist_current(procedure=procedure, step=step) if procedure else None
    if procedure and checklist is None:
        problems.append(
            {
                "name": "step",
                "code": "no_checklist",
                "reason": gettext("Voor stap '%(step)s' in de %(procedure)s is geen checklist vastgesteld.")
                % {"step": step, "procedure": Procedure(procedure).label.lower()},
            }
        )
    rows = _answers(checklist, answers, problems) if checklist is not None else []
    hearing = _choice(hearing_mode, HearingMode, "hearing_mode", problems)
    carrier = _choice(data_carrier_handling, DataCarrierHandling, "data_carrier_handling", problems)
    identity = _choice(identity_basis, IdentityBasis, "identity_basis", problems) or IdentityBasis.UNKNOWN
    minutes = _count(open_source_minutes, "open_source_minutes", problems)
    searches = _count(open_source_searches, "open_source_searches", problems)
    alert = _sis_alert(sis_alert, problems)
    if problems or checklist is None:
        raise ValidationFailed(
            gettext("De screening is niet opgeslagen: %(reasons)s")
            % {"reasons": "; ".join(f"{p['name']}: {p['reason']}" for p in problems)},
            code="invalid_screening",
            invalid_params=problems,
        )
    screening = Screening.objects.create(
        person=person,
        checklist=checklist,
        procedure=procedure,
        touchpoint=checklist.touchpoint,
        unit=actor.unit,
        screener=actor,
        hearing_mode=hearing,
        data_carrier_handling=carrier,
        identity_basis=identity,
        open_source_minutes=minutes,
        open_source_searches=searches,
    )
    for row in rows:
        row.screening = screening
    ScreeningAnswer.objects.bulk_create(rows)
    if alert is not None:
        alert.screening = screening
        alert.save()
    gaps = screening_gaps(
        hearing_mode=hearing,
        data_carrier_handling=carrier,
        identity_basis=identity,
        sis_alert_thin=alert.thin if alert else None,
        open_source_searches=searches,
        open_source_minimum=checklist.open_source_minimum,
    )
    ScreeningGap.objects.bulk_create([ScreeningGap(screening=screening, code=code) for code in gaps])
    processing_log_record(
        actor=actor,
        channel=channel,
        items=[
            LogItem(
                activity=ACTIVITY,
                action="create",
                object_type="screening",
                object_id=screening.pk,
                subject=subject_ref("person", person.pk),
                legal_basis=LEGAL_BASIS,
            )
        ],
    )
    return screening
