"""Notifications screen (list, unread badge, mark as read) and the overdue view: what a user sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ketensignaal.intake.models import Signal
from ketensignaal.routing.models import Notification, NotificationKind
from ketensignaal.routing.notifications import deadline_sweep
from ketensignaal.routing.tests.notification_helpers import signal_at, web_client

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "handler": make_user("coa.bureau-veiligheid", "handler"),
        "tsz": make_user("ind.tsz", "handler"),
    }


def test_list_shows_own_notifications_and_header_badge(people: dict[str, Any]) -> None:
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    response = web_client(people["handler"]).get(reverse("notifications:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert signal.reference in html
    assert "Termijn verstreken" in html
    assert "1 ongelezen notificatie" in html  # header badge

    other = web_client(people["tsz"]).get(reverse("notifications:list")).content.decode()
    assert signal.reference not in other
    assert "U heeft geen notificaties." in other


def test_mark_one_read_and_all_read(people: dict[str, Any]) -> None:
    for _ in range(2):
        signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    client = web_client(people["handler"])
    first = Notification.objects.filter(recipient=people["handler"]).first()
    response = client.post(reverse("notifications:read", kwargs={"pk": first.pk}), {"next": "/notificaties?filter=ongelezen"})
    assert response.status_code == 302 and response["Location"] == "/notificaties?filter=ongelezen"
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(recipient=people["handler"], read_at__isnull=True).count() == 1

    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=people["handler"], read_at__isnull=True).exists()
    assert "ongelezen notificatie" not in client.get(reverse("notifications:list")).content.decode()


def test_marking_someone_elses_notification_is_404_and_changes_nothing(people: dict[str, Any]) -> None:
    signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    theirs = Notification.objects.get(recipient=people["handler"])
    response = web_client(people["tsz"]).post(reverse("notifications:read", kwargs={"pk": theirs.pk}))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert web_client(people["handler"]).post(reverse("notifications:read", kwargs={"pk": 999999})).status_code == 404


def test_offsite_next_is_not_followed(people: dict[str, Any]) -> None:
    signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    pk = Notification.objects.get().pk
    response = web_client(people["handler"]).post(
        reverse("notifications:read", kwargs={"pk": pk}), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


def test_notifications_require_sign_in(people: dict[str, Any], client: Any) -> None:
    assert client.get(reverse("notifications:list")).status_code == 302


def test_overdue_view_lists_only_overdue_open_signals_at_own_unit(people: dict[str, Any]) -> None:
    reporter = people["reporter"]
    overdue = signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=-HOUR)
    on_time = signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=dt.timedelta(days=3))
    paused = signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=-HOUR, paused_at=timezone.now() - 2 * HOUR)
    elsewhere = signal_at("ind.tsz", reporter=reporter, due_in=-HOUR)

    html = web_client(people["handler"]).get(reverse("notifications:overdue")).content.decode()
    assert overdue.reference in html
    assert on_time.reference not in html
    assert paused.reference not in html
    assert elsewhere.reference not in html

    tsz_html = web_client(people["tsz"]).get(reverse("notifications:overdue")).content.decode()
    assert elsewhere.reference in tsz_html
    assert overdue.reference not in tsz_html


def test_overdue_view_is_404_for_a_user_without_unit(make_user: Any) -> None:
    user = make_user("coa.bureau-veiligheid", "handler")
    user.unit = None
    user.save()
    assert web_client(user).get(reverse("notifications:overdue")).status_code == 404


def test_alarm_notification_is_marked_as_such(people: dict[str, Any]) -> None:
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=dt.timedelta(days=5), acute=True)
    Notification.objects.create(
        recipient=people["tsz"], signal=signal, unit=people["tsz"].unit, kind=NotificationKind.ALARM, hop_key="alarm"
    )
    html = web_client(people["tsz"]).get(reverse("notifications:list")).content.decode()
    assert "Acuut alarm" in html and signal.reference in html


def test_list_says_who_and_what_with_a_link_and_read_is_a_secondary_button(people: dict[str, Any]) -> None:
    """Issue 10: a notification row names the person (as reported) and the observation, linked to the signal; a
    signal the user may no longer see keeps only its reference. "Markeer als gelezen" is a button, not text."""
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    html = web_client(people["handler"]).get(reverse("notifications:list")).content.decode()
    row = html[html.index("<tbody>") : html.index("</tbody>")]
    link = f'href="{reverse("routing:signal_detail", kwargs={"pk": signal.pk})}"'
    assert link in row and "Mohammed al-Hassan" in row and "Sprak in de gemeenschappelijke ruimte" in row
    assert 'utrecht-button--secondary-action ks-button--compact" type="submit">Markeer als gelezen' in row
    assert "utrecht-button--subtle" not in row
    # The signal moved on and the unit's need to know ended: the notification stays, without who or what.
    signal.involvements.filter(unit=people["handler"].unit).delete()
    Signal.objects.filter(pk=signal.pk).update(current_unit=people["tsz"].unit)
    html = web_client(people["handler"]).get(reverse("notifications:list")).content.decode()
    row = html[html.index("<tbody>") : html.index("</tbody>")]
    assert signal.reference in row and "Mohammed al-Hassan" not in row and "U kunt dit signaal niet meer inzien." in row
