"""Reading LIV trajectories, always scoped by need to know and logged in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ketensignaal.core.errors import Unprocessable
from ketensignaal.core.language import in_reader_language
from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.trajectories.audit import trajectories_log_read
from ketensignaal.trajectories.models import (
    Assignment,
    Expert,
    FactorDefinition,
    FormatPhase,
    LivTrajectory,
    Phase,
    RecordedFactor,
    StoryPhase,
    WeighingAnswer,
    WeighingCriterion,
)
from ketensignaal.trajectories.scopes import is_liv_expert, is_liv_staff, working_file_scope


def is_liv_member(user: Any) -> bool:
    return is_liv_staff(user) or is_liv_expert(user)


def _base() -> QuerySet[LivTrajectory]:
    return LivTrajectory.objects.select_related("client", "requesting_unit", "requested_by", "report_delivered_to")


def trajectory_list(*, user: Any, phase: str | None = None, channel: str = "web") -> list[LivTrajectory]:
    qs = visible(user, _base()).prefetch_related("signals")
    if phase:
        qs = qs.filter(phase=phase)
    rows = list(qs.order_by("deadline", "created_at"))
    trajectories_log_read(actor=user, trajectories=rows, channel=channel)
    return rows


def trajectories_visible(*, user: Any, ids: list[Any]) -> set[Any]:
    """Which of ``ids`` the user may open (for a link from another page; nothing is shown of them, nothing read)."""
    if not ids:
        return set()
    return set(visible(user, LivTrajectory.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def trajectory_get(*, user: Any, pk: Any, channel: str = "web") -> LivTrajectory:
    """A trajectory the user may see at all (LIV, or the requesting/client unit's status view); a logged read."""
    trajectory = get_visible_or_404(user, _base(), pk=pk)
    trajectories_log_read(actor=user, trajectories=[trajectory], channel=channel)
    return trajectory


def trajectory_report_get(*, user: Any, pk: Any, channel: str = "web") -> LivTrajectory:
    """A trajectory whose advisory report is being handed out: logged as a read of the report."""
    trajectory = get_visible_or_404(user, _base(), pk=pk)
    trajectories_log_read(actor=user, trajectories=[trajectory], channel=channel, object_type="liv-report")
    return trajectory


def trajectory_get_for_work(*, user: Any, pk: Any, channel: str = "web") -> LivTrajectory:
    """A trajectory whose working file the user may open; everyone else gets 404."""
    try:
        trajectory = working_file_scope(user, _base()).get(pk=pk)
    except (LivTrajectory.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    except Exception as exc:
        from django.core.exceptions import ValidationError

        if isinstance(exc, ValidationError):
            raise Http404 from None
        raise
    trajectories_log_read(actor=user, trajectories=[trajectory], channel=channel)
    return trajectory


def working_file_ids(user: Any, trajectories: list[LivTrajectory]) -> set[Any]:
    """In one query: which of these trajectories' working files the user may open."""
    ids = [t.pk for t in trajectories]
    return set(working_file_scope(user, LivTrajectory.objects.filter(pk__in=ids)).values_list("pk", flat=True)) if ids else set()


def can_see_working_file(user: Any, trajectory: LivTrajectory) -> bool:
    return working_file_scope(user, LivTrajectory.objects.filter(pk=trajectory.pk)).exists()


def can_download_report(user: Any, trajectory: LivTrajectory) -> bool:
    if can_see_working_file(user, trajectory):
        return trajectory.phase in (Phase.ADVICE, Phase.CLOSED)
    return trajectory.report_delivered_at is not None


@dataclass
class FactorRow:
    definition: FactorDefinition
    recorded: RecordedFactor | None


@dataclass
class StoryPhaseBlock:
    code: str
    label: str
    risk: list[FactorRow] = field(default_factory=list)
    protective: list[FactorRow] = field(default_factory=list)


def factor_table(*, user: Any, trajectory: LivTrajectory) -> list[StoryPhaseBlock]:
    """The catalogue per story phase with what was recorded; never a figure, only the answers."""
    recorded = {
        f.definition_id: f
        for f in visible(user, RecordedFactor.objects.filter(trajectory=trajectory)).select_related("definition")
    }
    blocks = {code: StoryPhaseBlock(code, str(label)) for code, label in StoryPhase.choices}
    definitions = FactorDefinition.objects.filter(is_active=True) | FactorDefinition.objects.filter(pk__in=recorded.keys())
    for definition in definitions.distinct().order_by("story_phase", "kind", "position", "code"):
        row = FactorRow(definition, recorded.get(definition.pk))
        getattr(blocks[definition.story_phase], definition.kind).append(row)
    return list(blocks.values())


def weighing_answers(*, user: Any, trajectory: LivTrajectory) -> list[WeighingAnswer]:
    return list(visible(user, WeighingAnswer.objects.filter(trajectory=trajectory)).select_related("criterion"))


def active_criteria() -> list[WeighingCriterion]:
    return list(WeighingCriterion.objects.filter(is_active=True))


def team(*, user: Any, trajectory: LivTrajectory) -> list[Assignment]:
    return list(visible(user, Assignment.objects.filter(trajectory=trajectory)).select_related("expert", "staff"))


def expert_pool(*, user: Any) -> list[Expert]:
    return list(visible(user, Expert.objects.filter(is_active=True)).prefetch_related("availability"))


def interpreter_arranged(trajectory: LivTrajectory) -> bool:
    """Whether an assigned language interpreter speaks the person's language."""
    if not trajectory.interpreter_needed:
        return True
    language = (trajectory.person_language or "").lower()
    for assignment in trajectory.assignments.select_related("expert"):
        expert = assignment.expert
        if expert and "language-interpreter" in expert.expertise and language in [lang.lower() for lang in expert.languages]:
            return True
    return False


def phase_forms(trajectory: LivTrajectory) -> list[dict[str, Any]]:
    """Each format with its version, fields and current answers (for the page, the API and the report)."""
    from ketensignaal.trajectories.services import format_for

    result = []
    for phase, label in FormatPhase.choices:
        try:
            fmt, answers = format_for(trajectory, phase)
        except Unprocessable:  # no format configured for this phase yet
            continue
        result.append(
            {
                "phase": phase,
                "label": str(label),
                "version": fmt.version,
                "fields": [
                    {
                        **f,
                        "label": in_reader_language(f, "label"),
                        "help": in_reader_language(f, "help"),
                        "value": answers.get(f["key"], ""),
                    }
                    for f in fmt.fields
                ],
            }
        )
    return result
