"""Figures about the LIV team's work (never about persons), with small counts suppressed.

Turnaround is measured from acceptance to closure against the configured
term; counts below ``SUPPRESS_BELOW`` are shown as "< 5" in every output.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from ketensignaal.core.errors import NotAllowed
from ketensignaal.trajectories.deadlines import OPEN_PHASES, add_months, deadline_months
from ketensignaal.trajectories.models import Conclusion, LivTrajectory, Phase
from ketensignaal.trajectories.scopes import is_liv_staff

SUPPRESS_BELOW = 5


def shown(count: int) -> str:
    return f"< {SUPPRESS_BELOW}" if 0 < count < SUPPRESS_BELOW else str(count)


@dataclass
class Figures:
    turnaround: list[tuple[str, str]] = field(default_factory=list)
    median_days: str = ""
    conclusions: list[tuple[str, str]] = field(default_factory=list)
    non_acceptance_criteria: list[tuple[str, str]] = field(default_factory=list)
    non_acceptance_reasons: list[tuple[str, str]] = field(default_factory=list)
    underlying_problems: list[tuple[str, str]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        for section, items in (
            ("Aanvragen", self.requests),
            ("Doorlooptijd", self.turnaround),
            ("Conclusies", self.conclusions),
            ("Niet aangenomen: criterium met 'nee'", self.non_acceptance_criteria),
            ("Niet aangenomen: reden", self.non_acceptance_reasons),
            ("Niet aangenomen: onderliggend probleem", self.underlying_problems),
        ):
            out.extend((section, label, value) for label, value in items)
        out.append(("Doorlooptijd", "Mediaan (dagen, afgeronde trajecten)", self.median_days))
        return out


def _grouped(values: list[str]) -> list[tuple[str, str]]:
    """Free-text reasons grouped by their normalised wording; rare ones merged so no single case shows."""
    counter = Counter(" ".join(v.split()).capitalize() for v in values if v.strip())
    common = [(text, n) for text, n in counter.most_common() if n >= SUPPRESS_BELOW]
    rare = sum(n for _, n in counter.items() if n < SUPPRESS_BELOW)
    rows = [(text, shown(n)) for text, n in common]
    if rare:
        rows.append(("Overige (samengevoegd)", shown(rare)))
    return rows


def liv_figures(*, user: Any) -> Figures:
    if not is_liv_staff(user):
        raise NotAllowed(gettext("Alleen medewerkers van het LIV zien de cijfers."))
    today = timezone.localdate()
    months = deadline_months()
    rows = list(
        LivTrajectory.objects.values(
            "phase",
            "source",
            "accepted_at",
            "closed_at",
            "deadline",
            "paused_since",
            "conclusions",
            "non_acceptance_reason",
            "underlying_problem",
        )
    )
    figures = Figures()
    by_source = Counter(r["source"] for r in rows)
    figures.requests = [
        ("Partner", shown(by_source["partner"])),
        ("LRO", shown(by_source["lro"])),
        ("Rechtstreeks", shown(by_source["direct"])),
        ("Niet aangenomen", shown(sum(1 for r in rows if r["phase"] == Phase.NOT_ACCEPTED))),
    ]
    buckets: Counter[str] = Counter()
    durations = []
    for r in rows:
        if r["accepted_at"] is None:
            continue
        start = timezone.localdate(r["accepted_at"])
        target = add_months(start, months)
        if r["phase"] == Phase.CLOSED and r["closed_at"]:
            end = timezone.localdate(r["closed_at"])
            durations.append((end - start).days)
            buckets["closed_in_time" if end <= max(target, r["deadline"] or target) else "closed_late"] += 1
        elif r["phase"] in OPEN_PHASES:
            buckets["open_late" if (r["deadline"] or target) < today else "open_in_time"] += 1
    figures.turnaround = [
        ("Afgerond binnen de termijn", shown(buckets["closed_in_time"])),
        ("Afgerond na de termijn", shown(buckets["closed_late"])),
        ("Lopend, binnen de termijn", shown(buckets["open_in_time"])),
        ("Lopend, termijn verstreken", shown(buckets["open_late"])),
    ]
    figures.median_days = (
        str(round(statistics.median(durations)))
        if len(durations) >= SUPPRESS_BELOW
        else f"niet getoond (< {SUPPRESS_BELOW} afgerond)"
    )
    conclusion_counter = Counter(code for r in rows for code in (r["conclusions"] or []))
    figures.conclusions = [(str(label), shown(conclusion_counter[code])) for code, label in Conclusion.choices]
    not_accepted = [r for r in rows if r["phase"] == Phase.NOT_ACCEPTED]
    from ketensignaal.trajectories.models import WeighingAnswer

    failed = Counter(
        WeighingAnswer.objects.filter(trajectory__phase=Phase.NOT_ACCEPTED, answer=False).values_list(
            "criterion__label", flat=True
        )
    )
    figures.non_acceptance_criteria = [(label, shown(n)) for label, n in failed.most_common()]
    figures.non_acceptance_reasons = _grouped([r["non_acceptance_reason"] for r in not_accepted])
    figures.underlying_problems = _grouped([r["underlying_problem"] for r in not_accepted])
    return figures
