"""Web pages of the training registry (Dutch); the same services and selectors as the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketensignaal.core.errors import DomainError
from ketensignaal.core.forms import DutchDateField, typed_values
from ketensignaal.training import selectors, services
from ketensignaal.training.scopes import may_manage_trainings

CHANNEL = "web"


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    own = getattr(getattr(user, "unit", None), "organisation", None)
    code = request.GET.get("organisatie") or (own.code if own else "")
    try:
        coverage = selectors.coverage_for(user=user, organisation_code=code) if code else None
    except Http404:
        coverage = None
        messages.error(request, _("U kunt de dekking van deze organisatie niet inzien."))
    return render(
        request,
        "training/overview.html",
        {
            "trainings": selectors.trainings_list(user=user),
            "coverage": coverage,
            "completions": selectors.completions_for(user=user),
            "untrained": selectors.untrained_new_staff(user=user),
            "may_manage": may_manage_trainings(user),
            # The staff to register for, chosen by name per unit (the username is the form value, never typed).
            "staff": selectors.registrable_staff(user=user) if may_manage_trainings(user) else [],
        },
    )


@login_required
@require_POST
def completion_register(request: HttpRequest) -> HttpResponse:
    post = request.POST
    try:  # the shared Dutch date field: its messages (how to write a date, a date that does not exist)
        completed_on = typed_values(post, {"completed_on": DutchDateField(label=_("Gevolgd op"))})["completed_on"]
    except DomainError as exc:
        messages.error(request, " ".join(p["reason"] for p in exc.invalid_params))
        return redirect("training:overview")
    try:
        completion = services.completion_register(
            actor=request.user,
            username=post.get("username") or request.user.get_username(),
            training_code=post.get("training", ""),
            completed_on=completed_on,
            channel=CHANNEL,
        )
    except DomainError as exc:
        messages.error(request, " ".join([exc.detail, *(p["reason"] for p in exc.invalid_params)]))
        return redirect("training:overview")
    messages.success(
        request,
        _("Geregistreerd: %(training)s op %(date)s.")
        % {"training": completion.training.name, "date": date_format(completion.completed_on, "j F Y")},
    )
    return redirect("training:overview")


@login_required
@require_GET
def debrief(request: HttpRequest) -> HttpResponse:
    """The trainer's debrief in the sandbox: what each trainee did with the hypothetical cases (404 elsewhere)."""
    from ketensignaal.training.sandbox import CASES, CONFERENCE_LESSON
    from ketensignaal.training.sandbox import debrief as sandbox_debrief

    by_trainee = sandbox_debrief(user=request.user)
    lessons = [(key, lesson) for key, _user, lesson, _body in CASES] + [("casusoverleg", CONFERENCE_LESSON)]
    return render(request, "training/debrief.html", {"by_trainee": by_trainee, "lessons": lessons})
