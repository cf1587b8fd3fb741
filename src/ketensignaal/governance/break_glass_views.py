"""The reason form of a sensitive file posts here: record the reason, then back to the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ketensignaal.core import form_tokens
from ketensignaal.core.errors import DomainError
from ketensignaal.governance.sensitive import break_glass_record, sensitive_kind


@login_required
@require_POST
def break_glass_submit(request: HttpRequest) -> HttpResponse:
    object_type = request.POST.get("object_type", "")
    if sensitive_kind(object_type) is None:
        raise Http404
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"

    def record() -> str:
        break_glass_record(
            actor=request.user,
            object_type=object_type,
            object_id=request.POST.get("object_id", ""),
            reason=request.POST.get("reason", ""),
        )
        return target

    try:
        # One reason, one access record: a double click must not put the same opening twice in the officer's queue.
        _url, first = form_tokens.submit_once(user=request.user, token=request.POST.get(form_tokens.FIELD, ""), run=record)
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        if not first:
            messages.info(request, _("Dit formulier was al verstuurd; er is niets dubbel geregistreerd."))
    return redirect(target)
