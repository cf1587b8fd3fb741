"""Issue 17 item 5, done-when: a functional administrator subscribes a partner system to a unit in /beheer/, and a
webhook receiver started by the test gets a signed CloudEvent without personal data when a signal reaches the unit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from typing import Any

import pytest

from ketensignaal.webhooks.tests.receiver import Receiver

pytestmark = pytest.mark.browser


def test_partner_system_hears_of_a_new_signal_at_its_unit(
    browser_login: Any, make_user: Any, screenshot: Any, live_url: str, settings: Any
) -> None:
    from ketensignaal.identity.models import Unit
    from ketensignaal.routing.tests.factories import submit

    settings.WEBHOOKS_DELIVER_IN_PROCESS = True  # no job worker in a test run, on PostgreSQL either
    from ketensignaal.webhooks.models import Delivery, DeliveryStatus

    settings.WEBHOOKS_ALLOW_LOCAL = True  # the receiver listens on http://127.0.0.1; production demands https
    admin = make_user("coa", "functional-admin")
    page = browser_login(admin)
    with Receiver() as receiver:
        page.goto(f"{live_url}/beheer/webhooks/subscription/add/")
        unit = Unit.objects.get(code="coa.bureau-veiligheid")
        page.select_option("#id_unit", value=str(unit.pk))
        page.fill("#id_url", receiver.url)
        page.get_by_label("Nieuw signaal bij de eenheid").check()
        screenshot(page, "subscription-form")
        page.locator("input[name=_save]").click()
        page.wait_for_load_state()
        message = page.locator(".messagelist").inner_text()
        secret = re.search(r"[0-9a-f]{64}", message)
        assert secret, message
        screenshot(page, "subscription-saved")

        signal = submit(make_user("coa.locatie.ter-apel", "reporter"), subject__names=[{"name": "Rahim Saberi"}])
        assert len(receiver.received) == 1
    request = receiver.received[0]
    headers = request["headers"]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    expected = "v1," + base64.b64encode(hmac.new(secret.group(0).encode(), signed, hashlib.sha256).digest()).decode()
    assert hmac.compare_digest(expected, headers["webhook-signature"])
    event = json.loads(request["body"])
    assert event["type"] == "nl.ketensignaal.signal.arrived"
    assert event["data"] == {"unit": "coa.bureau-veiligheid", "signal": str(signal.pk)}
    for personal in ("Rahim", "Saberi", signal.v_number, signal.reference):
        assert personal not in request["body"].decode()
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED

    # The delivery log is in the subscription's page.
    page.goto(f"{live_url}/beheer/webhooks/subscription/")
    page.locator("#result_list tbody a").first.click()
    page.wait_for_load_state()
    assert "Afgeleverd" in page.content()
    screenshot(page, "subscription-deliveries")
