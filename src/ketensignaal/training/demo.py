"""Demo data of the training registry: the catalogue, a few completions, key figures at two locations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ketensignaal.training.catalogue import trainings_load
from ketensignaal.training.models import KeyFigure, Training, TrainingCompletion


def demo_load(*, users: dict[str, Any]) -> None:
    trainings_load()
    today = timezone.localdate()
    admin = users.get("beheer")
    if admin is None:
        return
    plan = [
        ("coa.terapel", "ror-radicalisering", 200),
        ("coa.terapel", "awarenessdag", 60),
        ("coa.bv", "ror-radicalisering", 400),
        ("coa.bv", "e-learning-nationale-veiligheid", 100),
        ("ind.aanmeld", "leerlijn-screening", 150),
        ("ind.tsz", "ror-radicalisering", 500),
    ]
    for username, code, days_ago in plan:
        user = users.get(username)
        if user is None:
            continue
        TrainingCompletion.objects.get_or_create(
            user=user,
            training=Training.objects.get(code=code),
            completed_on=today - dt.timedelta(days=days_ago),
            defaults={"registered_by": admin},
        )
    terapel = users.get("coa.terapel")
    if terapel is not None and terapel.unit is not None:
        KeyFigure.objects.get_or_create(user=terapel, unit=terapel.unit, defaults={"since": today - dt.timedelta(days=180)})
