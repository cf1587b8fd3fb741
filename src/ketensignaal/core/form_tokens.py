"""Idempotent web forms: a form that creates something carries a one-time token, and sending it twice (a double
click, the back button, a retry after a time-out) creates it once. The second send is shown the first one's result.

The form is rendered with ``form_token()`` in a hidden ``form_token`` input; the view wraps its service call in
``submit_once``. The token is stored in the same transaction as the change, under a unique constraint: two
simultaneous sends race on that row, and the loser's change is rolled back with it. A refused send (a
``DomainError``) stores nothing, so the corrected form can be sent again with the same token.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _lazy

from ketensignaal.core.models import FormSubmission

FIELD = "form_token"
ALREADY_SENT = _lazy("Dit formulier was al verstuurd; er is niets dubbel geregistreerd.")


def form_token() -> str:
    """A fresh token for one rendering of a form."""
    return uuid.uuid4().hex


def submit_once(*, user: Any, token: str, run: Callable[[], str]) -> tuple[str, bool]:
    """Run ``run`` (the change; it returns the URL of its result) once per token and user.

    Returns ``(url, True)`` when this send made the change, ``(url_of_the_first, False)`` for a repeated send.
    Without a token (an old page, a client without the field) the change simply runs."""
    token = (token or "").strip()[:64]
    if not token:
        return run(), True
    prior = FormSubmission.objects.filter(user=user, token=token).first()
    if prior is not None:
        return prior.result_url, False
    try:
        with transaction.atomic():
            url = run()
            FormSubmission.objects.create(user=user, token=token, result_url=url[:500])
    except IntegrityError:
        prior = FormSubmission.objects.filter(user=user, token=token).first()
        if prior is None:
            raise
        return prior.result_url, False
    return url, True


def already_sent(*, user: Any, token: str) -> str | None:
    """The URL of the result when this token was sent before, else None. A form that can no longer be validated on
    a repeat (files the browser does not send again after "back") checks this first and shows the first result."""
    token = (token or "").strip()[:64]
    if not token:
        return None
    prior = FormSubmission.objects.filter(user=user, token=token).first()
    return prior.result_url if prior is not None else None


def submit_once_in_steps(*, user: Any, token: str, result_url: str, run: Callable[[], object]) -> bool:
    """``submit_once`` for a change that commits in steps of its own (an import that shows its progress while it
    runs, and records a refused file): one transaction around it would hide the progress and undo the record.

    The token is claimed first, in its own transaction, with the result's URL known in advance; the change then runs
    outside it. A repeated send finds the claim and runs nothing, also while the first is still running. A change
    that is refused or fails releases the claim, so the corrected form can be sent again with the same token.
    Returns True when this send ran the change, False for a repeated send."""
    token = (token or "").strip()[:64]
    if not token:
        run()
        return True
    try:
        with transaction.atomic():
            FormSubmission.objects.create(user=user, token=token, result_url=result_url[:500])
    except IntegrityError:
        return False
    try:
        run()
    except BaseException:
        FormSubmission.objects.filter(user=user, token=token).delete()
        raise
    return True


def token_of(request: HttpRequest) -> str:
    """The token to render in a form: the one sent with it (a refused form comes back with its own token, so the
    corrected send still counts once), else a fresh one."""
    return str(request.POST.get(FIELD, "")).strip()[:64] or form_token()


def send_once(request: HttpRequest, run: Callable[[], str], *, done: str | Callable[[], str]) -> str:
    """A web view's ``submit_once``: the token comes from the POST, the user from the request.

    ``done`` is the success message of the first send (or a function making it after ``run``); a repeated send gets
    one calm notice instead. Returns the URL to redirect to. A ``DomainError`` from ``run`` propagates: nothing is
    stored, and the corrected form can be sent again."""
    url, first = submit_once(user=request.user, token=str(request.POST.get(FIELD, "")), run=run)
    if first:
        messages.success(request, done if isinstance(done, str) else done())
    else:  # the same form sent twice (a double click, the back button, a retry): nothing is made twice
        messages.info(request, ALREADY_SENT)
    return url
