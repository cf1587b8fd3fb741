"""The periodic deadline sweep: reminders before and at expiry, once per hop, mails without personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ketensignaal.intake.models import SignalStatus
from ketensignaal.routing.alerts import raise_acute_alarm
from ketensignaal.routing.disclosure import Pending, pending_flush
from ketensignaal.routing.models import Notification, NotificationKind
from ketensignaal.routing.notifications import deadline_sweep
from ketensignaal.routing.tests.notification_helpers import NAMES, OBSERVATION, V_NUMBER, signal_at

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    handler = make_user("coa.bureau-veiligheid", "handler")
    handler.email = "behandelaar@coa.example"
    handler.save()
    colleague_reporter = make_user("coa.bureau-veiligheid", "reporter")  # not a handler: hears nothing
    other_unit = make_user("ind.tsz", "handler")
    return {"reporter": reporter, "handler": handler, "colleague": colleague_reporter, "other": other_unit}


def _kinds(user: Any) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_due_soon_reminder_once_per_hop_then_overdue_once(people: dict[str, Any]) -> None:
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=2 * HOUR)

    first = deadline_sweep()
    assert first.due_soon == 1 and first.overdue == 0 and first.mailed == 1
    assert _kinds(people["handler"]) == [NotificationKind.DUE_SOON]
    assert _kinds(people["colleague"]) == []
    assert _kinds(people["other"]) == []

    second = deadline_sweep()  # idempotent: nothing new, no second mail
    assert (second.due_soon, second.overdue, second.mailed) == (0, 0, 0)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1

    later = signal.due_at + HOUR
    third = deadline_sweep(now=later)
    assert third.overdue == 1
    deadline_sweep(now=later + HOUR)
    assert _kinds(people["handler"]) == [NotificationKind.DUE_SOON, NotificationKind.OVERDUE]
    assert len(mail.outbox) == 2


def test_signal_far_from_its_deadline_paused_or_closed_gets_no_reminder(people: dict[str, Any]) -> None:
    reporter = people["reporter"]
    signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=dt.timedelta(days=10))
    signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=-HOUR, paused_at=timezone.now() - 2 * HOUR)
    signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=-HOUR, status=SignalStatus.CLOSED)
    signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=-HOUR, status=SignalStatus.AWAITING_INFORMATION)
    signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=None)
    result = deadline_sweep()
    assert (result.checked, result.due_soon, result.overdue) == (0, 0, 0)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_new_hop_gets_its_own_reminder(people: dict[str, Any]) -> None:
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    signal.arrived_at = timezone.now()  # forwarded away and back: a new hop
    signal.save(update_fields=["arrived_at"])
    assert deadline_sweep().overdue == 1
    assert Notification.objects.filter(kind=NotificationKind.OVERDUE).count() == 2


def test_reminder_mail_contains_no_personal_data_only_a_link(people: dict[str, Any], settings: Any) -> None:
    settings.BASE_URL = "https://ketensignaal.example"
    signal = signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    deadline_sweep()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["behandelaar@coa.example"]
    text = message.subject + "\n" + message.body
    assert "Er is een signaal in uw inbox waarvan de termijn (bijna) verstreken is" in message.body
    assert f"https://ketensignaal.example/signalen/{signal.pk}" in message.body
    for secret in (V_NUMBER, *NAMES, OBSERVATION, "al-Hassan", signal.reference, people["reporter"].username):
        assert secret not in text
    assert not message.attachments and not getattr(message, "alternatives", [])


def test_failed_mail_is_retried_by_the_next_sweep(people: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr("ketensignaal.routing.notifications.send_mail", broken)
    assert deadline_sweep().mailed == 0
    monkeypatch.undo()
    assert deadline_sweep().mailed == 1
    assert Notification.objects.get().emailed_at is not None


def test_acute_alarm_notifies_police_cter_and_ind_tsz_members_at_once(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    cter = make_user("politie.cter", "handler")
    cter.email = "cter@politie.example"
    cter.save()
    tsz = make_user("ind.tsz", "hub-analyst")
    bystander = make_user("ind.handhaving", "handler")
    signal = signal_at("coa.bureau-veiligheid", reporter=reporter, due_in=dt.timedelta(days=5), acute=True)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pending = Pending()
        raise_acute_alarm(signal, reporter, categories=["terrorisme"], pending=pending)
        pending_flush(pending, actor=reporter, channel="web")
    assert _kinds(cter) == [NotificationKind.ALARM]
    assert _kinds(tsz) == [NotificationKind.ALARM]
    assert _kinds(bystander) == []
    assert [m.to for m in mail.outbox] == [["cter@politie.example"]]
    assert V_NUMBER not in mail.outbox[0].body and NAMES[0] not in mail.outbox[0].body
    assert str(signal.pk) in mail.outbox[0].body


def test_run_jobs_command_runs_the_sweep_once(people: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    signal_at("coa.bureau-veiligheid", reporter=people["reporter"], due_in=-HOUR)
    call_command("run-jobs")
    assert "1 verlopen" in capsys.readouterr().out
    call_command("run-jobs", "--loop", "--max-runs", "2", "--interval", "1")
    assert Notification.objects.count() == 1
