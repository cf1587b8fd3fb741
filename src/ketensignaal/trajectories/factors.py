"""Recording the factor assessment as one whole: every risk and protective factor answered in one form.

All or nothing: when one answer is incomplete (a chosen presence without explanation, text without a choice),
nothing is recorded and every problem is named at its factor. A factor nobody chose stays "niet beoordeeld":
there is no default answer, because a default would record something about a person without anyone deciding it.
Sending the same form twice changes nothing the second time (only changed answers are written and logged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from ketensignaal.core.errors import Unprocessable, ValidationFailed
from ketensignaal.core.language import in_reader_language
from ketensignaal.trajectories.models import FactorDefinition, LivTrajectory, Phase, Presence, RecordedFactor
from ketensignaal.trajectories.services import trajectory_factor_record


@dataclass(frozen=True)
class FactorAnswer:
    presence: str = ""
    explanation: str = ""
    source: str = ""

    @property
    def empty(self) -> bool:
        return not (self.presence or self.explanation.strip() or self.source.strip())


def answers_from_post(data: Mapping[str, Any]) -> dict[str, FactorAnswer]:
    """The answers in a posted factor form (``presence-<code>``, ``explanation-<code>``, ``source-<code>``)."""
    codes = {
        key.split("-", 1)[1]
        for key in data
        if key.startswith(("presence-", "explanation-", "source-")) and len(key.split("-", 1)) == 2
    }
    return {
        code: FactorAnswer(
            presence=str(data.get(f"presence-{code}", "")),
            explanation=str(data.get(f"explanation-{code}", "")),
            source=str(data.get(f"source-{code}", "")),
        )
        for code in codes
    }


def _param(code: str, field: str, reason: str, error: str = "required") -> dict[str, str]:
    return {"name": f"{field}-{code}", "code": error, "reason": reason}


@transaction.atomic
def trajectory_factors_record(
    *, actor: Any, trajectory: LivTrajectory, answers: Mapping[str, FactorAnswer], channel: str = "web"
) -> int:
    """Record every answered factor at once; return how many changed (0 for a repeated or empty form)."""
    if trajectory.phase not in (Phase.INTAKE, Phase.INTERPRETATION):
        raise Unprocessable(gettext("Factoren worden vastgelegd tijdens intake en duiding."), code="phase_closed")
    definitions = {d.code: d for d in FactorDefinition.objects.filter(code__in=answers.keys())}
    recorded = {
        f.definition.code: f
        for f in RecordedFactor.objects.filter(trajectory=trajectory, definition__code__in=answers.keys()).select_related(
            "definition"
        )
    }
    params: list[dict[str, str]] = []
    changed: list[tuple[str, FactorAnswer]] = []
    for code, answer in sorted(answers.items()):
        if answer.empty:
            continue  # not assessed: stays as it was
        definition = definitions.get(code)
        label = in_reader_language(definition, "label") if definition else code
        if definition is None:
            params.append(_param(code, "presence", gettext("Onbekende factor uit de catalogus."), "invalid"))
            continue
        if answer.presence not in Presence.values:
            params.append(_param(code, "presence", gettext("%(label)s: kies aanwezig, afwezig of onbekend.") % {"label": label}))
        if not answer.explanation.strip():
            params.append(_param(code, "explanation", gettext("%(label)s: een toelichting is verplicht.") % {"label": label}))
        before = recorded.get(code)
        unchanged = before is not None and (before.presence, before.explanation, before.source) == (
            answer.presence,
            answer.explanation.strip(),
            answer.source.strip(),
        )
        if not unchanged:
            changed.append((code, answer))
    if params:
        raise ValidationFailed(gettext("De factoren zijn niet vastgelegd; zie de toelichting per veld."), invalid_params=params)
    for code, answer in changed:
        trajectory_factor_record(
            actor=actor,
            trajectory=trajectory,
            factor_code=code,
            presence=answer.presence,
            explanation=answer.explanation,
            source=answer.source,
            channel=channel,
        )
    return len(changed)
