"""The LIV's weighing criteria, factors and phase formats read in English on an English page (issue 10, point 9)."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.trajectories import services
from ketensignaal.trajectories.catalogue import CRITERIA, ENGLISH, FACTORS, FORMATS
from ketensignaal.trajectories.models import FactorDefinition, PhaseFormat, WeighingCriterion
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, signal_for

pytestmark = pytest.mark.django_db


def test_every_starter_text_has_english() -> None:
    dutch = [text for _code, label, help_text in CRITERIA for text in (label, help_text)]
    dutch += [text for _code, _kind, _phase, label, description in FACTORS for text in (label, description)]
    dutch += [field[key] for fields in FORMATS.values() for field in fields for key in ("label", "help")]
    assert [text for text in dutch if text and text not in ENGLISH] == []


def test_the_loaded_catalogue_carries_the_english(liv: dict[str, Any]) -> None:
    assert not WeighingCriterion.objects.filter(label_en="").exists()
    assert not FactorDefinition.objects.filter(label_en="").exists()
    intake = PhaseFormat.objects.get(phase="intake", version=1)
    assert intake.fields[0]["label_en"] == "Reason and concerns of the referrer"


def test_an_english_reader_sees_criteria_factors_and_formats_in_english(liv: dict[str, Any], web_client_for: Any) -> None:
    trajectory = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Vraag van COA", signal_id=signal_for(liv["coa"]).pk, channel="web"
    )
    web = web_client_for(liv["staff"])
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    weighing = web.get(f"/liv/{trajectory.pk}").content.decode()
    assert "Is deploying the LIV proportionate to the concerns?" in weighing
    assert "Is inzet van het LIV proportioneel" not in weighing
    services.trajectory_weigh(actor=liv["staff"], trajectory=trajectory, accepted=True, answers=ACCEPT_ANSWERS, channel="web")
    page = web.get(f"/liv/{trajectory.pk}").content.decode()
    assert "Reason and concerns of the referrer" in page and "Aanleiding en zorgen van de aanmelder" not in page
    refused = web.post(f"/liv/{trajectory.pk}/factoren", {"presence-sociale-steun": "present", "explanation-sociale-steun": ""})
    assert "Social support: an explanation is required." in refused.content.decode()
