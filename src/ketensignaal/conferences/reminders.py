"""Overdue reviews remind the case director; reporting partners hear whether their report was admitted.

:func:`review_reminders_sweep` is a periodic job body (``conferences.tasks`` on PostgreSQL, ``ketensignaal run-jobs``
on the SQLite demo, tests call it directly). It is idempotent: one reminder per case, director and review date,
however often it runs. The e-mail says only that a case needs a review and links to the list; whoever follows the
link signs in and passes need to know like any other request. No reference, name or content goes into a mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketensignaal.conferences.models import ConferenceCase, ReportFeedback, ReviewReminder
from ketensignaal.conferences.workflow import PHASES
from ketensignaal.core.need_to_know import visible

logger = logging.getLogger(__name__)
MAIL_SUBJECT = "Ketensignaal: herbeoordeling van een casus is te laat"
MAIL_BODY = (
    "De datum voor de herbeoordeling van een casus waarvan u casusregisseur bent, is verstreken.\n\n"
    "Log in om de casus te bekijken: {link}\n\n"
    "Deze e-mail bevat bewust geen gegevens over de casus of de persoon."
)


def _mail(reminder: ReviewReminder) -> bool:
    address = reminder.recipient.email
    if not address:
        return False
    link = settings.BASE_URL.rstrip("/") + reverse("conferences:list")
    try:
        send_mail(MAIL_SUBJECT, MAIL_BODY.format(link=link), settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # a mail server hiccup must not undo the reminder; the next sweep retries
        logger.warning("review reminder mail failed", exc_info=True)
        return False
    return True


@transaction.atomic
def review_reminders_sweep(today: dt.date | None = None) -> dict[str, int]:
    """Remind each case director of their cases whose review date has passed (in phases where the plan runs)."""
    today = today or timezone.localdate()
    running = [code for code, meaning in PHASES.items() if meaning.plan_editable]
    overdue = ConferenceCase.objects.filter(
        phase__in=running, next_review__lt=today, case_director__isnull=False, case_director__is_active=True
    ).values_list("pk", "case_director_id", "next_review")
    existing = set(
        ReviewReminder.objects.filter(case_id__in=[pk for pk, _d, _n in overdue]).values_list("case_id", "recipient_id", "due")
    )
    new = [
        ReviewReminder(case_id=pk, recipient_id=director, due=due)
        for pk, director, due in overdue
        if due is not None and (pk, director, due) not in existing
    ]
    created = ReviewReminder.objects.bulk_create(new, ignore_conflicts=True)
    mailed = 0
    for reminder in ReviewReminder.objects.filter(emailed_at__isnull=True, read_at__isnull=True).select_related("recipient"):
        if _mail(reminder):
            reminder.emailed_at = timezone.now()
            reminder.save(update_fields=["emailed_at"])
            mailed += 1
    return {"overdue": len(overdue), "reminded": len(created), "mailed": mailed}


def reminders_for(*, user: Any) -> list[ReviewReminder]:
    """The user's unread reminders for cases they may still see (the case page marks them read)."""
    qs = visible(user, ReviewReminder.objects.filter(read_at__isnull=True)).select_related("case")
    return list(qs.order_by("due")[:50])


def reminders_mark_read(*, user: Any, case: ConferenceCase) -> int:
    return ReviewReminder.objects.filter(recipient_id=user.pk, case=case, read_at__isnull=True).update(read_at=timezone.now())


def feedback_status(row: ReportFeedback) -> tuple[str, str]:
    if row.admitted is None:
        return "pending", _("Nog niet gewogen")
    if row.admitted:
        return "admitted", _("Toegelaten tot het casusoverleg")
    return "not-admitted", _("Niet toegelaten tot het casusoverleg")


def feedback_for(*, user: Any, limit: int = 200) -> list[ReportFeedback]:
    """What became of the reports the user's unit made to a municipality: admitted or not, and nothing more."""
    rows = list(visible(user, ReportFeedback.objects.all()).select_related("case__municipality")[:limit])
    for row in rows:
        row.status, row.status_label = feedback_status(row)  # type: ignore[attr-defined]
        row.municipality_name = row.case.municipality.name  # type: ignore[attr-defined]
    return rows


def feedback_mark_read(*, user: Any, ids: list[Any]) -> int:
    """The reporting unit has seen these decisions (so the list can show what is new)."""
    if not ids:
        return 0
    return visible(user, ReportFeedback.objects.filter(pk__in=ids)).update(read_at=timezone.now())


def feedback_unread_count(*, user: Any) -> int:
    return visible(user, ReportFeedback.objects.filter(decided_at__isnull=False, read_at__isnull=True)).count()
