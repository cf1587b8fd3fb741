"""Issue 10, points 7 and 8: an LIV factor has no default answer (a default would record a decision about a person at
one click), and LIV staff are assigned by choosing a name, not by typing a username."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from django.template.loader import render_to_string

from ketensignaal.trajectories.models import Presence

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "trajectories"


def test_an_unrecorded_factor_preselects_nothing() -> None:
    row = SimpleNamespace(definition=SimpleNamespace(code="f1", label="Steun van familie", description=""), recorded=None)
    html = render_to_string(
        "trajectories/_factor_row.html",
        {
            "row": row,
            "t": SimpleNamespace(pk="00000000-0000-0000-0000-000000000001"),
            "kind_label": "Beschermende factor",
            "presences": Presence.choices,
            "factors_editable": True,
        },
    )
    select = re.search(r'<select id="p-f1" name="presence" required>(.*?)</select>', html, re.S)
    assert select, html
    assert "selected" not in select.group(1)
    assert select.group(1).startswith('<option value="">')


def test_liv_staff_are_chosen_by_name_not_typed() -> None:
    detail = (TEMPLATES / "detail.html").read_text(encoding="utf-8")
    assert '<select id="medewerker" name="staff" required>' in detail
    assert not re.search(r'<input[^>]*name="staff"', detail)
