"""Matching a new signal after commit: inline on SQLite, a procrastinate job on PostgreSQL."""

from __future__ import annotations

import pytest

from ketensignaal.persons import hooks
from ketensignaal.persons.tests.factories import signal_make

pytestmark = pytest.mark.django_db


def test_new_signal_is_matched_inline_without_postgres(make_user, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.IS_POSTGRES = False
    refreshed = []
    monkeypatch.setattr(
        "ketensignaal.persons.services.signal_proposals_refresh", lambda *, signal_id: refreshed.append(signal_id) or 0
    )
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    with django_capture_on_commit_callbacks(execute=True):
        signal = signal_make(reporter=reporter, names=[("Mohammed al-Hassan", "Latn")])
    assert refreshed == [signal.pk]


def test_new_signal_defers_a_job_on_postgres(make_user, settings, monkeypatch, django_capture_on_commit_callbacks):
    pytest.importorskip("procrastinate")
    from ketensignaal.persons import tasks

    settings.IS_POSTGRES = True
    deferred = []
    monkeypatch.setattr(tasks.signal_match_job, "defer", lambda **kwargs: deferred.append(kwargs))
    monkeypatch.setattr(
        "ketensignaal.persons.services.signal_proposals_refresh",
        lambda **kwargs: pytest.fail("matching must not run inside the request on PostgreSQL"),
    )
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    with django_capture_on_commit_callbacks(execute=True):
        signal = signal_make(reporter=reporter, names=[("Mohammed al-Hassan", "Latn")])
    assert deferred == [{"signal_id": str(signal.pk)}]


def test_matching_failure_never_breaks_intake(make_user, settings, monkeypatch, django_capture_on_commit_callbacks, caplog):
    settings.IS_POSTGRES = False

    def boom(**kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("ketensignaal.persons.services.signal_proposals_refresh", boom)
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    with caplog.at_level("ERROR", logger=hooks.logger.name), django_capture_on_commit_callbacks(execute=True):
        signal = signal_make(reporter=reporter, names=[("Mohammed al-Hassan", "Latn")])
    # The signal is registered all the same, and the failure is logged for operators, not swallowed.
    assert type(signal).objects.filter(pk=signal.pk).exists()
    assert [r.getMessage() for r in caplog.records if r.name == hooks.logger.name] == ["Matching a new signal failed"]
