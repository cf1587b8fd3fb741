"""Issue 10, a walk-through of the signal page: each defect found there, as the user met it.

Closing asks for an explanation and a confirmation; refusals name fields and choices in words, at a visible field,
in the one error summary; every unit an acute signal reached can act on it; the forward list holds only what can be
chosen; the history says who took a signal; values read as values ("Onbekend").
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.intake.models import Signal, SignalStatus
from ketensignaal.routing import services
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "adviser": make_user("coa.adviseur-nv", "handler"),
        "cter": make_user("politie.cter", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
    }


def _url(name: str, signal: Signal) -> str:
    return reverse(f"routing:{name}", kwargs={"pk": signal.pk})


def _details_open(html: str) -> bool:
    return '<details class="ks-more-actions" open>' in html


# Point 2: closing is irreversible --------------------------------------------------------------------------------


def test_close_without_explanation_is_refused_at_the_field(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    response = web_client_for(people["bv"]).post(
        _url("signal_close", signal), {"outcome": "no-further-action", "note": "  ", "expected_version": signal.version}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_close_note_error"' in html and "Geef een toelichting" in html
    assert '<a class="utrecht-link" href="#id_close_note">Toelichting: Geef een toelichting' in html
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RECEIVED


def test_close_shows_a_confirmation_first_and_closes_only_on_confirm(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    client = web_client_for(people["bv"])
    data = {"outcome": "no-further-action", "note": "Besproken met de locatie; geen zorgen.", "expected_version": signal.version}
    step = client.post(_url("signal_close", signal), data)
    assert step.status_code == 200
    html = step.content.decode()
    assert f"Signaal {signal.reference} afsluiten?" in html
    assert "Geen verdere actie" in html and "Besproken met de locatie; geen zorgen." in html
    assert ">Bevestigen</button>" in html and ">Terug</button>" in html
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RECEIVED  # nothing closed yet

    # "Terug": the signal page with the close form still filled in, its section open.
    token = re.search(r'name="form_token" value="([^"]+)"', html)
    assert token is not None
    back = client.post(_url("signal_close", signal), {**data, "form_token": token.group(1), "back": "1"})
    assert back.status_code == 200
    assert "Besproken met de locatie; geen zorgen.</textarea>" in back.content.decode()
    assert _details_open(back.content.decode())
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RECEIVED

    confirm = {**data, "form_token": token.group(1), "confirmed": "1"}
    done = client.post(_url("signal_close", signal), confirm, follow=True)
    assert "Het signaal is afgesloten." in done.content.decode()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED and signal.outcome == "no-further-action"
    # The confirmation sent twice (a double click): harmless, one close, a calm notice.
    again = client.post(_url("signal_close", signal), confirm, follow=True)
    assert "er is niets dubbel geregistreerd" in again.content.decode()
    assert signal.events.filter(action="closed").count() == 1


# Point 3: errors in words, at a visible field ---------------------------------------------------------------------


def test_close_without_outcome_names_no_codes_and_opens_the_section(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])  # received: "take" is primary, close waits under "Andere acties"
    response = web_client_for(people["bv"]).post(_url("signal_close", signal), {"outcome": "", "note": "Klaar."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "no-further-action" not in html.split('<select name="outcome"')[0]  # not in any message
    assert "Kies de uitkomst waarmee u het signaal afsluit." in html
    assert 'id="id_close_outcome_error"' in html and 'aria-invalid="true"' in html
    assert _details_open(html)


def test_close_errors_in_english_for_an_english_reader(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    client = web_client_for(people["bv"])
    client.cookies["django_language"] = "en"
    response = client.post(_url("signal_close", signal), {"outcome": "", "note": ""})
    html = response.content.decode()
    assert "Choose the outcome you close the signal with." in html
    assert "Explain why you close the signal with this outcome." in html


def test_forward_without_unit_names_no_code(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    response = web_client_for(people["bv"]).post(_url("signal_forward", signal), {"to_unit": "", "note": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Onbekende eenheid" not in html and "&#x27;&#x27;" not in html
    assert "Kies de eenheid waar het signaal naartoe gaat." in html
    assert 'id="id_forward_to_unit_error"' in html
    assert _details_open(html)


def test_service_refuses_an_unknown_unit_without_echoing_the_code(people: dict[str, Any]) -> None:
    from ketensignaal.core.errors import ValidationFailed

    signal = submit(people["reporter"])
    with pytest.raises(ValidationFailed) as refused:
        services.signal_forward(actor=people["bv"], signal_id=signal.pk, to_unit="", channel="web")
    assert "''" not in str(refused.value.invalid_params) and "''" not in refused.value.detail


# Point 4: every recipient of an acute signal can act ------------------------------------------------------------


def test_first_hop_of_an_acute_signal_can_take_it_over(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    assert signal.current_unit.code == "politie.cter"
    client = web_client_for(people["bv"])
    html = client.get(_url("signal_detail", signal)).content.decode()
    assert "Overnemen en in behandeling nemen" in html
    assert f'action="{_url("signal_take_over", signal)}"' in html
    client.post(_url("signal_take_over", signal), {"expected_version": signal.version})
    signal.refresh_from_db()
    assert signal.current_unit.code == "coa.bureau-veiligheid" and signal.assigned_to == people["bv"]
    html = client.get(_url("signal_detail", signal)).content.decode()
    for name in ("signal_forward", "signal_close"):
        assert f'action="{_url(name, signal)}"' in html, name
    # Point 6: the history says who took it over, not "van X naar X".
    assert "Overgenomen door COA Bureau Veiligheid" in html


def test_a_reporter_of_an_acute_signal_is_offered_no_take_over(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    html = web_client_for(people["reporter"]).get(_url("signal_detail", signal)).content.decode()
    assert "Overnemen en in behandeling nemen" not in html


# Point 5: the forward list holds what can be chosen --------------------------------------------------------------


def test_forward_list_holds_only_units_that_can_be_chosen(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_take(actor=people["bv"], signal_id=signal.pk, channel="web")
    html = web_client_for(people["bv"]).get(_url("signal_detail", signal)).content.decode()
    select = re.search(r'<select name="to_unit".*?</select>', html, re.S)
    assert select is not None
    listed = re.findall(r"<option value=\"([^\"]*)\"", select.group(0))
    assert "coa.adviseur-nv" in listed
    assert "aivd" not in listed and "niet toegestaan" not in select.group(0)
    assert "geen grondslag of niet toegestaan" not in html
    unavailable = re.search(r'<details class="ks-unavailable-units">(.*?)</details>', html, re.S)
    assert unavailable is not None
    assert "kunt u niet kiezen" in unavailable.group(1)
    assert '<details class="ks-unavailable-units" open' not in html  # collapsed


# Point 6: history phrasing ----------------------------------------------------------------------------------------


def test_history_of_a_take_at_the_own_unit_reads_door_not_van_naar(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_take(actor=people["bv"], signal_id=signal.pk, channel="web")
    html = web_client_for(people["bv"]).get(_url("signal_detail", signal)).content.decode()
    assert "van COA Bureau Veiligheid naar COA Bureau Veiligheid" not in re.sub(r"\s+", " ", html)
    assert "Door COA Bureau Veiligheid" in html


def test_history_shows_the_outcome_by_its_label(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_close(actor=people["bv"], signal_id=signal.pk, outcome="no-further-action", note="Klaar.", channel="web")
    html = web_client_for(people["bv"]).get(_url("signal_detail", signal)).content.decode()
    assert "Uitkomst: Geen verdere actie" in html and "Uitkomst: no-further-action" not in html


# Point 7: an empty answer: one message, the standard summary ------------------------------------------------------


def test_empty_answer_gives_one_message_in_the_standard_summary(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_forward(actor=people["bv"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_return(actor=people["adviser"], signal_id=signal.pk, note="Wie hoorde het?", channel="web")
    response = web_client_for(people["bv"]).post(_url("signal_answer", signal), {"answer": "   "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht" not in html and "Een toelichting is verplicht" not in html
    assert html.count("Schrijf uw antwoord op de vraag.") == 2  # in the summary (a link to the field) and at the field
    assert 'id="form-errors"' in html and 'href="#id_answer_answer"' in html
    assert 'id="action-error"' not in html


# Point 8: values read as values ----------------------------------------------------------------------------------


def test_unknown_minor_is_capitalised_and_birth_date_is_in_words(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"], subject__minor=None)
    html = web_client_for(people["bv"]).get(_url("signal_detail", signal)).content.decode()
    assert re.search(r"<dt>Minderjarig</dt><dd>Onbekend</dd>", html)
    assert "maart 1994" in html and "1994-03" not in html
