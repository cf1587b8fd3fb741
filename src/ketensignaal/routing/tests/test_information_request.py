"""Issue 10, point 4: the "more information" loop.

The asked unit is notified, sees the question at the top of the signal and answers in place; the answer brings
the signal back to the asker (with the answer in the history); meanwhile the asker keeps the signal in sight
("Wacht op anderen"). One state name everywhere: "Informatie gevraagd".
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import SignalStatus
from ketensignaal.routing import services
from ketensignaal.routing.models import HopAction, Notification, NotificationKind, SignalEvent
from ketensignaal.routing.selectors import signal_history, waiting_on_others
from ketensignaal.routing.tests.factories import submit
from ketensignaal.routing.views import FEEDBACK_LABELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "adviser": make_user("coa.adviseur-nv", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
        "tsz2": make_user("ind.tsz", "handler"),
    }


def _at_tsz(people: dict[str, Any]) -> Any:
    signal = submit(people["reporter"])
    services.signal_forward(actor=people["bv"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_forward(
        actor=people["adviser"],
        signal_id=signal.pk,
        to_unit="ind.tsz",
        justification="Mogelijke betrokkenheid bij terrorisme; de IND beoordeelt.",
        channel="web",
    )
    services.signal_take(actor=people["tsz"], signal_id=signal.pk, channel="web")
    return signal


def test_the_whole_loop_across_organisations(people: dict[str, Any], web_client_for: Any) -> None:
    signal = _at_tsz(people)
    services.signal_return(actor=people["tsz"], signal_id=signal.pk, note="Wie heeft de uitspraak gehoord?", channel="web")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.AWAITING_INFORMATION and signal.current_unit.code == "coa.adviseur-nv"

    # The asked unit is notified.
    assert Notification.objects.filter(
        recipient=people["adviser"], signal=signal, kind=NotificationKind.INFORMATION_REQUESTED
    ).exists()

    # The asker keeps it in sight.
    rows = waiting_on_others(user=people["tsz"])
    assert [r.signal.pk for r in rows] == [signal.pk]
    assert rows[0].question.note == "Wie heeft de uitspraak gehoord?" and rows[0].question.to_unit.code == "coa.adviseur-nv"
    waiting_page = web_client_for(people["tsz"]).get(reverse("routing:waiting_on_others")).content.decode()
    assert signal.reference in waiting_page and "Wie heeft de uitspraak gehoord?" in waiting_page
    asker_page = web_client_for(people["tsz"]).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "Uw eenheid wacht op een antwoord" in asker_page

    # The question is at the top of the signal, with the answer form; no forward panel over every unit.
    client = web_client_for(people["adviser"])
    page = client.get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert page.index("Wie heeft de uitspraak gehoord?") < page.index('id="h-subject"')
    assert reverse("routing:signal_answer", kwargs={"pk": signal.pk}) in page
    assert reverse("routing:signal_forward", kwargs={"pk": signal.pk}) not in page
    assert "Informatie gevraagd" in page and "Wacht op informatie" not in page

    # Answering without text is an error at the field; nothing moves.
    empty = client.post(
        reverse("routing:signal_answer", kwargs={"pk": signal.pk}), {"answer": "", "expected_version": signal.version}
    )
    assert empty.status_code == 400 and 'id="id_answer_answer_error"' in empty.content.decode()

    response = client.post(
        reverse("routing:signal_answer", kwargs={"pk": signal.pk}),
        {"answer": "Twee medebewoners, los van elkaar.", "expected_version": signal.version},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    # Back with the handler who asked, clock running again.
    assert signal.current_unit.code == "ind.tsz" and signal.status == SignalStatus.TAKEN
    assert signal.assigned_to == people["tsz"] and signal.paused_at is None
    answered = SignalEvent.objects.get(signal=signal, action=HopAction.ANSWERED)
    assert answered.note == "Twee medebewoners, los van elkaar." and answered.to_unit.code == "ind.tsz"
    assert any(e.action == HopAction.ANSWERED for e in signal_history(user=people["tsz"], signal_id=signal.pk))
    # Back across organisations over the flow it came with: logged as a disclosure.
    assert ProcessingLogEntry.objects.filter(
        object_id=str(signal.pk), action="disclose", legal_basis=answered.legal_basis
    ).exists()
    assert answered.legal_basis
    # The asker hears it; the wait is over.
    assert Notification.objects.filter(
        recipient=people["tsz"], signal=signal, kind=NotificationKind.INFORMATION_ANSWERED
    ).exists()
    assert not Notification.objects.filter(recipient=people["tsz2"], kind=NotificationKind.INFORMATION_ANSWERED).exists()
    assert waiting_on_others(user=people["tsz"]) == []


def test_the_reporter_answers_a_question_from_the_first_hop(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_take(actor=people["bv"], signal_id=signal.pk, channel="web")
    services.signal_return(actor=people["bv"], signal_id=signal.pk, note="Op welke dag was dit?", channel="web")
    assert Notification.objects.filter(recipient=people["reporter"], kind=NotificationKind.INFORMATION_REQUESTED).count() == 1
    page = web_client_for(people["reporter"]).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "Op welke dag was dit?" in page and reverse("routing:signal_answer", kwargs={"pk": signal.pk}) in page
    services.signal_answer(actor=people["reporter"], signal_id=signal.pk, answer="Dinsdag 17 november.", channel="web")
    signal.refresh_from_db()
    assert signal.current_unit.code == "coa.bureau-veiligheid" and signal.assigned_to == people["bv"]


def test_answer_is_required_and_only_while_a_question_is_open(people: dict[str, Any]) -> None:
    signal = _at_tsz(people)
    with pytest.raises(Exception):  # noqa: B017 - not awaiting information: the transition table refuses
        services.signal_answer(actor=people["tsz"], signal_id=signal.pk, answer="Hier is het.", channel="web")
    services.signal_return(actor=people["tsz"], signal_id=signal.pk, note="Welke locatie?", channel="web")
    with pytest.raises(ValidationFailed) as refused:
        services.signal_answer(actor=people["adviser"], signal_id=signal.pk, answer="  ", channel="web")
    assert refused.value.invalid_params[0]["name"] == "answer"


def test_one_state_name_everywhere() -> None:
    assert SignalStatus.AWAITING_INFORMATION.label == "Informatie gevraagd"
    assert str(FEEDBACK_LABELS["information-requested"]) == "Informatie gevraagd"
    assert HopAction.RETURNED.label == "Informatie gevraagd"


def test_the_loop_through_the_api(people: dict[str, Any], api_client_for: Any) -> None:
    signal = _at_tsz(people)
    tsz, adviser = api_client_for(people["tsz"]), api_client_for(people["adviser"])
    asked = tsz.post(f"/api/v1/signals/{signal.pk}/return", {"note": "Welke datum?"}, format="json")
    assert asked.status_code == 200
    waiting = tsz.get("/api/v1/waiting-on-others")
    assert waiting.status_code == 200
    assert [(r["signal"]["id"], r["asked_unit"], r["question"]) for r in waiting.json()] == [
        (str(signal.pk), "coa.adviseur-nv", "Welke datum?")
    ]
    missing = adviser.post(f"/api/v1/signals/{signal.pk}/answer", {}, format="json")
    assert missing.status_code == 400 and missing["Content-Type"].startswith("application/problem+json")
    assert missing.json()["invalid_params"][0]["name"] == "answer"
    # Someone else's question cannot be answered by the asker itself (the signal is not at its unit).
    assert tsz.post(f"/api/v1/signals/{signal.pk}/answer", {"answer": "x"}, format="json").status_code == 403
    answered = adviser.post(f"/api/v1/signals/{signal.pk}/answer", {"answer": "Dinsdag."}, format="json")
    assert answered.status_code == 200
    assert tsz.get("/api/v1/waiting-on-others").json() == []
    history = tsz.get(f"/api/v1/signals/{signal.pk}/history").json()
    assert [e["note"] for e in history if e["action"] == "answered"] == ["Dinsdag."]
