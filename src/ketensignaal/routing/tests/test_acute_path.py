"""Issue 10, point 2: an acute signal never dead-ends.

It is placed at once with the unit on duty for acute signals, is due within hours, heads every inbox that has
it, and the alarm leads to a page where the recipient can act: take (over), forward, close with an outcome.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse

from ketensignaal.core.errors import NotAllowed
from ketensignaal.intake.models import SignalStatus
from ketensignaal.routing import services
from ketensignaal.routing.config import acute_deadline_hours, acute_duty_unit_code
from ketensignaal.routing.models import HopAction, Notification, NotificationKind, SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "cter": make_user("politie.cter", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
    }


def _client(web_client_for: Any, user: Any) -> Any:
    return web_client_for(user)


def test_acute_signal_is_held_by_the_duty_unit_with_a_deadline_in_hours(people: dict[str, Any]) -> None:
    signal = submit(people["reporter"], acute=True)
    assert signal.current_unit.code == acute_duty_unit_code()
    assert signal.status == SignalStatus.RECEIVED
    assert signal.due_at - signal.arrived_at == timedelta(hours=acute_deadline_hours())
    assert signal.due_at - signal.arrived_at < timedelta(days=1)
    calm = submit(people["reporter"])
    assert calm.current_unit.code == "coa.bureau-veiligheid" and calm.due_at - calm.arrived_at >= timedelta(days=1)


def test_acute_signal_heads_every_inbox_that_has_it(people: dict[str, Any], web_client_for: Any) -> None:
    calm = submit(people["reporter"])
    acute = submit(people["reporter"], acute=True)
    for who in ("cter", "tsz", "bv"):
        html = web_client_for(people[who]).get(reverse("routing:inbox")).content.decode()
        assert acute.reference in html, who
        if calm.reference in html:
            assert html.index(acute.reference) < html.index(calm.reference), who


def test_alarm_recipient_at_another_unit_can_take_over_then_forward_or_close(people: dict[str, Any], web_client_for: Any) -> None:
    with_alarm = submit(people["reporter"], acute=True)
    notification = Notification.objects.get(recipient=people["tsz"], signal=with_alarm, kind=NotificationKind.ALARM)
    client = web_client_for(people["tsz"])
    page = client.get(reverse("routing:signal_detail", kwargs={"pk": notification.signal_id})).content.decode()
    assert reverse("routing:signal_take_over", kwargs={"pk": with_alarm.pk}) in page
    response = client.post(
        reverse("routing:signal_take_over", kwargs={"pk": with_alarm.pk}), {"expected_version": with_alarm.version}
    )
    assert response.status_code == 302
    with_alarm.refresh_from_db()
    assert with_alarm.current_unit.code == "ind.tsz" and with_alarm.status == SignalStatus.TAKEN
    assert with_alarm.assigned_to == people["tsz"]
    assert SignalEvent.objects.filter(signal=with_alarm, action=HopAction.TAKEN_OVER).exists()
    page = client.get(reverse("routing:signal_detail", kwargs={"pk": with_alarm.pk})).content.decode()
    assert reverse("routing:signal_forward", kwargs={"pk": with_alarm.pk}) in page
    assert reverse("routing:signal_close", kwargs={"pk": with_alarm.pk}) in page
    closed = client.post(
        reverse("routing:signal_close", kwargs={"pk": with_alarm.pk}),
        {
            "expected_version": with_alarm.version,
            "outcome": "referred-police-cter",
            "note": "Politie ter plaatse.",
            "confirmed": "1",
        },
    )
    assert closed.status_code == 302
    with_alarm.refresh_from_db()
    assert with_alarm.status == SignalStatus.CLOSED and with_alarm.outcome == "referred-police-cter"


def test_duty_unit_acts_directly_from_the_alarm(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    page = web_client_for(people["cter"]).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert reverse("routing:signal_take", kwargs={"pk": signal.pk}) in page
    assert reverse("routing:signal_close", kwargs={"pk": signal.pk}) in page


def test_only_units_the_acute_signal_reached_take_over(people: dict[str, Any], make_user: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    # The reporter's own first hop had it along its route: it is a recipient and may act (issue 10 walk-through).
    assert services.signal_take_over(actor=people["bv"], signal_id=signal.pk, channel="web").current_unit.code == (
        "coa.bureau-veiligheid"
    )
    # A unit the signal never reached does not even see it.
    with pytest.raises(Http404):
        services.signal_take_over(actor=make_user("kmar.ir", "handler"), signal_id=signal.pk, channel="web")
    # The reporter is no handler: a recipient, but not one who acts on it.
    with pytest.raises((NotAllowed, Http404)):
        services.signal_take_over(actor=people["reporter"], signal_id=signal.pk, channel="web")
    calm = submit(people["reporter"])
    with pytest.raises(Http404):  # not alarmed about an ordinary signal: TSZ does not even see it
        services.signal_take_over(actor=people["tsz"], signal_id=calm.pk, channel="web")
    assert services.signal_take_over(actor=people["tsz"], signal_id=signal.pk, channel="web").current_unit.code == "ind.tsz"


def test_forwarding_an_acute_signal_keeps_a_deadline_in_hours(people: dict[str, Any]) -> None:
    signal = submit(people["reporter"], acute=True)
    services.signal_take(actor=people["cter"], signal_id=signal.pk, channel="web")
    moved = services.signal_forward(
        actor=people["cter"], signal_id=signal.pk, to_unit="politie.drio", reason="Spoed, informatiepositie.", channel="web"
    )
    assert moved.due_at - moved.arrived_at == timedelta(hours=acute_deadline_hours())


def test_take_over_through_the_api(people: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    assert api_client_for(people["reporter"]).post(f"/api/v1/signals/{signal.pk}/take-over", {}, format="json").status_code in (
        403,
        404,
    )
    response = api_client_for(people["tsz"]).post(f"/api/v1/signals/{signal.pk}/take-over", {}, format="json")
    assert response.status_code == 200
    assert response.json()["current_unit"] == "ind.tsz" and response.json()["status"] == "taken"


def test_acute_signals_held_elsewhere_through_the_api(people: dict[str, Any], api_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    rows = api_client_for(people["tsz"]).get("/api/v1/inbox/acute-elsewhere")
    assert rows.status_code == 200
    assert [(r["id"], r["status"], r["current_unit"]) for r in rows.json()] == [(str(signal.pk), "received", "politie.cter")]
    assert api_client_for(people["cter"]).get("/api/v1/inbox/acute-elsewhere").json() == []  # it is in its own inbox


def test_the_history_lines_the_system_wrote_read_in_the_readers_language(
    people: dict[str, Any], make_user: Any, web_client_for: Any
) -> None:
    """Issue 10: the alarm line and "Toegewezen aan …" were stored in Dutch and shown so on English pages. They stay
    stored as written (the record) and are shown in the reader's language by their known pattern."""
    signal = submit(people["reporter"], acute=True)
    duty = make_user(acute_duty_unit_code(), "handler")
    duty.first_name, duty.last_name = "Ilse", "Dienst"
    duty.save(update_fields=["first_name", "last_name"])
    services.signal_assign(actor=duty, signal_id=signal.pk, assignee_id=duty.pk, channel="web")
    stored = list(SignalEvent.objects.filter(signal=signal).values_list("note", flat=True))
    assert "Toegewezen aan Ilse Dienst" in stored  # the record keeps the words as written

    client = web_client_for(duty)
    url = reverse("routing:signal_detail", kwargs={"pk": signal.pk})
    dutch = client.get(url).content.decode()
    assert "Toegewezen aan Ilse Dienst" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Assigned to Ilse Dienst" in english and "Toegewezen aan Ilse Dienst" not in english
    if SignalEvent.objects.filter(signal=signal, action=HopAction.ALARM).exists():
        assert "Acute danger reported" in english and "Acuut gevaar gemeld" not in english
