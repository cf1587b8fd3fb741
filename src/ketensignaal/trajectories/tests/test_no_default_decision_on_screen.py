"""Issue 10, points 7 and 8: an LIV factor has no default answer (a default would record a decision about a person at
one click), and LIV staff are assigned by choosing a name, not by typing a username."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from django.template.loader import render_to_string

from ketensignaal.trajectories.factors import FactorAnswer
from ketensignaal.trajectories.models import Presence

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "trajectories"


def test_an_unrecorded_factor_preselects_nothing() -> None:
    row = {
        "definition": SimpleNamespace(code="f1", label="Steun van familie", description=""),
        "recorded": None,
        "answer": FactorAnswer(),
        "errors": [],
    }
    html = render_to_string("trajectories/_factor_row.html", {"row": row, "presences": Presence.choices})
    radios = re.findall(r'<input type="radio"[^>]*name="presence-f1"[^>]*>', html)
    assert len(radios) == len(Presence.choices)
    assert not [r for r in radios if "checked" in r], html
    assert "<select" not in html and "Niet beoordeeld" in html


def test_liv_staff_are_chosen_by_name_not_typed() -> None:
    detail = (TEMPLATES / "detail.html").read_text(encoding="utf-8")
    assert '<select id="medewerker" name="staff" required>' in detail
    assert not re.search(r'<input[^>]*name="staff"', detail)
