"""Web screens for notifications (list, mark as read) and the overdue view of a unit's inbox.

Reads go through selectors scoped by need to know: a notification is only its
recipient's; the overdue view lists only signals at the user's own unit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from ketensignaal.identity.models import User
from ketensignaal.routing import notifications, selectors

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("filter") == "ongelezen"
    qs = notifications.notification_list(user=request.user, unread_only=unread_only)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # Who and what each notification is about: the signal's name as reported and its observation, for the signals
    # the user may still see (a logged read per row, as in every list); the reference alone otherwise.
    user: Any = request.user
    shown = {s.pk: s for s in selectors.signal_summaries(user=user, signal_ids={n.signal_id for n in page})}
    for n in page:
        n.subject = shown.get(n.signal_id)  # type: ignore[attr-defined]
    context = {
        "page": page,
        "unread_only": unread_only,
        "unread_count": notifications.notification_unread_count(user=request.user),
    }
    return render(request, "routing/notifications.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; someone else's notification is 404 like a missing one."""
    changed = notifications.notification_mark_read(user=request.user, notification_id=pk)
    if not changed and not notifications.notification_list(user=request.user).filter(pk=pk).exists():
        raise Http404
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notifications.notification_mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
@require_GET
def overdue_list(request: HttpRequest) -> HttpResponse:
    """Signals at the user's unit whose deadline has passed (paused ones excluded)."""
    user = request.user
    if not isinstance(user, User) or user.unit_id is None:
        raise Http404
    signals = selectors.inbox_list(user=user, overdue=True)
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "routing/notifications_overdue.html", {"page": page, "now": timezone.now()})
