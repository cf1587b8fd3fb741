"""Issue 10, point 8: the factor assessment is one form with one "Vastleggen", nothing preselected, all or nothing,
and the same form sent twice records (and logs) once."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.trajectories import services
from ketensignaal.trajectories.models import FactorDefinition, LivTrajectory, RecordedFactor
from ketensignaal.trajectories.tests.conftest import ACCEPT_ANSWERS, signal_for

pytestmark = pytest.mark.django_db


def _accepted(liv: dict[str, Any]) -> LivTrajectory:
    t = services.trajectory_request(
        actor=liv["coa"], client_code="coa", question="Vraag van COA", signal_id=signal_for(liv["coa"]).pk, channel="web"
    )
    return services.trajectory_weigh(actor=liv["staff"], trajectory=t, accepted=True, answers=ACCEPT_ANSWERS, channel="web")


def _factor_form(html: str) -> str:
    match = re.search(r'<form method="post" action="[^"]*/factoren"[^>]*>(.*?)</form>', html, re.S)
    assert match, "no factor form on the page"
    return match.group(1)


def test_one_form_one_submit_no_answer_preselected(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    html = web_client_for(liv["staff"]).get(f"/liv/{t.pk}").content.decode()
    form = _factor_form(html)
    assert len(re.findall(r'<button[^>]*type="submit"', form)) == 1
    assert html.count('action="/liv/' + str(t.pk) + '/factor"') == 0  # no per-factor forms any more
    radios = re.findall(r'<input type="radio"[^>]*>', form)
    active = FactorDefinition.objects.filter(is_active=True).count()
    assert len(radios) == 3 * active and active > 0
    assert not [r for r in radios if "checked" in r]
    assert "<select" not in form  # no select that starts on an answer
    assert form.count("<fieldset") == active + len(re.findall(r'class="ks-liv-phase"', form))


def test_the_form_records_only_what_was_chosen(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    web = web_client_for(liv["staff"])
    posted = {
        "presence-sociale-steun": "present",
        "explanation-sociale-steun": "Neef komt op bezoek.",
        "source-sociale-steun": "Gesprek",
        "presence-isolement": "",
        "explanation-isolement": "",
        "source-isolement": "",
    }
    response = web.post(f"/liv/{t.pk}/factoren", posted)
    assert response.status_code == 302
    [factor] = RecordedFactor.objects.filter(trajectory=t)
    assert factor.definition.code == "sociale-steun" and factor.presence == "present"
    page = web.get(f"/liv/{t.pk}").content.decode()
    assert "1 factor is vastgelegd." in page
    checked = re.findall(r'<input type="radio" id="p-([a-z-]+)" [^>]*checked>', _factor_form(page))
    assert checked == ["sociale-steun-present"]


def test_one_incomplete_answer_records_nothing(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    response = web_client_for(liv["staff"]).post(
        f"/liv/{t.pk}/factoren",
        {
            "presence-sociale-steun": "present",
            "explanation-sociale-steun": "Neef komt op bezoek.",
            "presence-isolement": "absent",
            "explanation-isolement": "",
            "explanation-geweld-herkomst": "Getypt maar niets gekozen.",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert not RecordedFactor.objects.filter(trajectory=t).exists()
    assert 'id="factor-isolement-error"' in html and "toelichting is verplicht" in html
    assert 'id="factor-geweld-herkomst-error"' in html and "kies aanwezig, afwezig of onbekend" in html
    assert "Neef komt op bezoek." in html  # what was typed stays
    assert re.search(r'id="p-sociale-steun-present"[^>]*checked', html)


def test_the_same_form_twice_records_and_logs_once(liv: dict[str, Any], web_client_for: Any) -> None:
    t = _accepted(liv)
    web = web_client_for(liv["staff"])
    posted = {"presence-isolement": "absent", "explanation-isolement": "Doet mee.", "source-isolement": ""}
    assert web.post(f"/liv/{t.pk}/factoren", posted).status_code == 302
    factor_log = ProcessingLogEntry.objects.filter(object_type="liv-factor")
    logged = factor_log.count()
    recorded_at = RecordedFactor.objects.get(trajectory=t).recorded_at
    second = web.post(f"/liv/{t.pk}/factoren", posted)  # a double click, or the back button
    assert second.status_code == 302
    assert RecordedFactor.objects.filter(trajectory=t).count() == 1
    assert RecordedFactor.objects.get(trajectory=t).recorded_at == recorded_at
    assert factor_log.count() == logged == 1
    assert "Er is niets gewijzigd" in web.get(f"/liv/{t.pk}").content.decode()
