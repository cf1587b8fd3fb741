"""Reading watch lists, checks and hits through need to know; reads of a person's checks are logged."""

from __future__ import annotations

from typing import Any

from ketensignaal.core.need_to_know import get_visible_or_404, visible
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.processing_log import subject_ref
from ketensignaal.governance.reads import read_item, reads_record
from ketensignaal.persons.models import Person
from ketensignaal.screening.models import WatchList, WatchListCheck, WatchListHit, WatchListVersion

ACTIVITY = Activity.WATCHLIST_CHECK


def watch_lists(*, user: Any) -> list[WatchList]:
    return list(visible(user, WatchList.objects.select_related("flow", "current_version")).order_by("name"))


def watch_list_get(*, user: Any, watch_list_id: object) -> WatchList:
    return get_visible_or_404(user, WatchList.objects.select_related("flow", "current_version"), pk=watch_list_id)


def watch_list_versions(*, user: Any, watch_list: WatchList) -> list[WatchListVersion]:
    return list(visible(user, WatchListVersion.objects.filter(watch_list=watch_list)).select_related("imported_by"))


def _log_reads(*, actor: Any, checks: list[WatchListCheck], channel: str) -> None:
    if not checks:
        return
    reads_record(
        user=actor,
        channel=channel,
        items=[
            read_item(
                activity=ACTIVITY,
                object_type="watch-list-check",
                object_id=c.pk,
                subject=subject_ref("person", c.person_id),
                legal_basis=c.legal_basis,
            )
            for c in checks
        ],
    )


def _checks(user: Any) -> Any:
    return (
        visible(user, WatchListCheck.objects.all())
        .select_related("watch_list", "version", "touchpoint", "checked_by", "unit")
        .prefetch_related("hits__entry", "hits__decided_by")
    )


def watch_list_check_get(*, user: Any, check_id: object, channel: str = "web") -> WatchListCheck:
    check = get_visible_or_404(user, _checks(user), pk=check_id)
    _log_reads(actor=user, checks=[check], channel=channel)
    return check


def person_watch_list_checks(*, user: Any, person: Person, channel: str = "web") -> list[WatchListCheck]:
    checks = list(_checks(user).filter(person=person))
    _log_reads(actor=user, checks=checks, channel=channel)
    return checks


def watch_list_hit_get(*, user: Any, hit_id: object) -> WatchListHit:
    return get_visible_or_404(user, WatchListHit.objects.select_related("watch_check", "entry"), pk=hit_id)
