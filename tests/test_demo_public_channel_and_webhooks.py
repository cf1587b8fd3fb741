"""Issue 10: the demo installation has public-channel reports and webhook rows, so the demo shows those screens with
something on them and the every-channel probe (tests/test_need_to_know_every_channel.py), whose world is this demo,
tries their routes with real rows. Both had none."""

from __future__ import annotations

from typing import Any

from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.installation.demo import demo_load
from ketensignaal.publicreports.models import PublicAddition, PublicReport, SubmissionAttempt
from ketensignaal.webhooks.models import Delivery, DeliveryAttempt, DeliveryStatus, Subscription

MODELS = [PublicReport, PublicAddition, SubmissionAttempt, Subscription, Delivery, DeliveryAttempt]


def test_the_demo_has_public_reports_and_webhooks_and_need_to_know_holds(reference: Any, make_user: Any) -> None:
    users = {u.username: u for u in demo_load()}
    for model in MODELS:
        assert model in registered_models() and model.objects.exists(), model._meta.label
    assert PublicAddition.objects.get().report == PublicReport.objects.get()
    assert not Delivery.objects.filter(status=DeliveryStatus.DELIVERED).exists(), "the demo sends nothing anywhere"
    # Who sees them: the hub (the channel's signals arrive there), the IND's administrator (its own subscription).
    assert visible(users["ind.tsz"], PublicReport.objects.all()).exists()
    assert visible(users["beheer"], Subscription.objects.all()).exists()
    assert visible(users["privacy"], SubmissionAttempt.objects.all()).exists()
    outsider = make_user("gemeente.amsterdam", "functional-admin", "privacy-officer", "handler", "hub-analyst")
    for model in MODELS:
        assert not visible(outsider, model.objects.all()).exists(), model._meta.label
