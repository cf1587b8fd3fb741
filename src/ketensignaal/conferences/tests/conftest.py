"""Fixtures for case conferences: a municipality with its case director and partners in several organisations."""

from __future__ import annotations

from typing import Any

import pytest

SUBJECT = {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996-04", "v_number": "1234567890"}


@pytest.fixture
def people(reference: None, make_user: Any) -> dict[str, Any]:
    return {
        "utrecht": make_user("gemeente.utrecht", "case-director", username="utrecht-regie"),
        "utrecht_reporter": make_user("gemeente.utrecht", "reporter"),
        "amsterdam": make_user("gemeente.amsterdam", "case-director", username="amsterdam-regie"),
        "police": make_user("politie.drio", "handler", username="politie-drio"),
        "police_other": make_user("politie.cter", "handler"),
        "om": make_user("om", "handler", "case-director", username="om-officier"),
        "rn": make_user("rn", "case-director", username="rn-toezicht"),
        "kmar": make_user("kmar.ir", "handler"),
        "exit": make_user("fier.exit-faciliteit", "handler"),
    }


@pytest.fixture
def case_for(people: dict[str, Any]) -> Any:
    from ketensignaal.conferences import services

    def factory(*, admitted: bool | None = None, actor: Any = None, subject: dict[str, Any] | None = None) -> Any:
        actor = actor or people["utrecht"]
        case = services.case_register(
            actor=actor, municipality_code=actor.unit.code, subject=subject or SUBJECT, reason="Zorgen over werving."
        )
        if admitted is not None:
            case = services.case_triage(actor=actor, case=case, admitted=admitted, reason="Weegploeg besliste.")
        return case

    return factory


@pytest.fixture
def invite(people: dict[str, Any]) -> Any:
    from ketensignaal.conferences import services

    def factory(case: Any, unit: str) -> Any:
        return services.invitation_create(
            actor=people["utrecht"],
            case=case,
            unit_code=unit,
            purpose="Deelnemen aan het casusoverleg",
            justification="Nodig voor de persoonsgerichte aanpak in deze casus.",
        )

    return factory
