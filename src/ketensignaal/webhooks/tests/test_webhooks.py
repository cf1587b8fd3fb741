"""Webhooks: a partner's system gets a signed CloudEvent without personal data when a signal reaches its unit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.routing.tests.factories import submit
from ketensignaal.webhooks.delivery import BACKOFF_SECONDS, deliveries_due_send
from ketensignaal.webhooks.models import Delivery, DeliveryStatus, EventType
from ketensignaal.webhooks.tests.receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_targets(settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_LOCAL = True


def _subscribe(api_client_for: Any, admin: Any, unit: str, url: str, types: list[str] | None = None) -> Any:
    return api_client_for(admin).post(
        "/api/v1/webhook-subscriptions", {"unit": unit, "url": url, "types": types or [EventType.SIGNAL_ARRIVED]}, format="json"
    )


def _verify(secret: str, request: dict[str, Any]) -> bool:
    headers = request["headers"]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    expected = "v1," + base64.b64encode(hmac.new(secret.encode(), signed, hashlib.sha256).digest()).decode()
    return hmac.compare_digest(expected, headers["webhook-signature"])


def test_a_signal_reaching_the_unit_sends_a_signed_cloudevent_without_personal_data(
    make_user: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    admin = make_user("coa", "functional-admin")
    with Receiver() as receiver:
        created = _subscribe(api_client_for, admin, "coa.bureau-veiligheid", receiver.url)
        assert created.status_code == 201, created.content
        secret = created.json()["secret"]
        assert api_client_for(admin).get("/api/v1/webhook-subscriptions").json()["results"][0]["unit"] == "coa.bureau-veiligheid"
        assert "secret" not in api_client_for(admin).get("/api/v1/webhook-subscriptions").json()["results"][0]
        reporter = make_user("coa.locatie.ter-apel", "reporter")
        with django_capture_on_commit_callbacks(execute=True):
            signal = submit(reporter, subject__names=[{"name": "Yusuf Haddad"}])
        assert len(receiver.received) == 1
    request = receiver.received[0]
    assert request["headers"]["content-type"].startswith("application/cloudevents+json")
    assert _verify(secret, request)
    event = json.loads(request["body"])
    assert event["specversion"] == "1.0"
    assert event["type"] == "nl.ketensignaal.signal.arrived"
    assert event["subject"] == str(signal.pk)
    assert event["id"] == request["headers"]["webhook-id"]
    assert event["time"].endswith("Z")
    assert event["data"] == {"unit": "coa.bureau-veiligheid", "signal": str(signal.pk)}
    assert event["dataref"].endswith(f"/api/v1/signals/{signal.pk}")
    text = request["body"].decode()
    for personal in ("Yusuf", "Haddad", "1234567890", signal.reference, signal.observation_text[:20]):
        assert personal not in text
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.tries.get().status_code == 204


def test_a_failed_delivery_is_retried_with_backoff_and_every_try_is_logged(
    make_user: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    admin = make_user("coa", "functional-admin")
    with Receiver() as receiver:
        receiver.answers = [503]
        assert _subscribe(api_client_for, admin, "coa.bureau-veiligheid", receiver.url).status_code == 201
        with django_capture_on_commit_callbacks(execute=True):
            submit(make_user("coa.locatie.ter-apel", "reporter"))
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.attempts == 1
        assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=BACKOFF_SECONDS[0] - 5)
        assert deliveries_due_send() == {"due": 0, "delivered": 0, "failed": 0}  # not yet due
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        assert deliveries_due_send()["delivered"] == 1
        assert len(receiver.received) == 2
        assert receiver.received[0]["headers"]["webhook-id"] == receiver.received[1]["headers"]["webhook-id"]
    assert [t.status_code for t in Delivery.objects.get().tries.all()] == [503, 204]


def test_no_subscription_without_a_flow_from_the_units_organisation(make_user: Any, api_client_for: Any) -> None:
    admin = make_user("coa", "functional-admin")  # nothing flows from the police to the COA
    refused = _subscribe(api_client_for, admin, "politie.cter", "https://example.org/hook")
    assert refused.status_code == 403, refused.content.decode()
    assert refused.json()["code"] == "no_legal_basis"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://partner.example.org/hook", "https"),
        ("https://10.1.2.3/hook", "intern"),
        ("https://127.0.0.1/hook", "intern"),
        ("https://169.254.169.254/latest", "intern"),
    ],
)
def test_in_production_only_https_to_public_addresses(
    make_user: Any, api_client_for: Any, settings: Any, url: str, reason: str
) -> None:
    settings.WEBHOOKS_ALLOW_LOCAL = False
    admin = make_user("coa", "functional-admin")
    refused = _subscribe(api_client_for, admin, "coa.bureau-veiligheid", url)
    assert refused.status_code == 400
    assert reason in refused.json()["detail"]


def test_only_functional_admins_subscribe_and_see_subscriptions(make_user: Any, api_client_for: Any) -> None:
    admin = make_user("coa", "functional-admin")
    _subscribe(api_client_for, admin, "coa.bureau-veiligheid", "http://127.0.0.1:9/x")
    handler = make_user("coa.bureau-veiligheid", "handler")
    assert _subscribe(api_client_for, handler, "coa.bureau-veiligheid", "http://127.0.0.1:9/x").status_code == 403
    assert api_client_for(handler).get("/api/v1/webhook-subscriptions").json()["results"] == []
    other = make_user("ind", "functional-admin")
    assert api_client_for(other).get("/api/v1/webhook-subscriptions").json()["results"] == []


def test_a_task_for_the_unit_is_an_event_with_ids_only(
    make_user: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ketensignaal.coordination.models import Task
    from ketensignaal.identity.models import Unit

    admin = make_user("coa", "functional-admin")
    with Receiver() as receiver:
        assert (
            _subscribe(api_client_for, admin, "coa.bureau-veiligheid", receiver.url, [EventType.TASK_ASSIGNED]).status_code == 201
        )
        with django_capture_on_commit_callbacks(execute=True):
            submit(make_user("coa.locatie.ter-apel", "reporter"))  # not subscribed to arrivals: no event
            task = Task.objects.create(
                description="Gesprek met de bewoner over zijn uitlatingen",
                owner_unit=Unit.objects.get(code="coa.bureau-veiligheid"),
                due=timezone.localdate(),
            )
    assert len(receiver.received) == 1
    event = json.loads(receiver.received[0]["body"])
    assert event["type"] == "nl.ketensignaal.task.assigned"
    assert event["data"] == {"unit": "coa.bureau-veiligheid", "task": str(task.pk)}
    assert "Gesprek" not in receiver.received[0]["body"].decode()
