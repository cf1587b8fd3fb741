"""The recall form: the disclosing unit (or the hub) ends a disclosure from the signal page, after a confirmation
step with a required reason; the recipient loses access at once; everybody else sees no link and gets a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from ketensignaal.core.errors import NotAllowed
from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.identity.models import Unit
from ketensignaal.intake.models import Signal, SignalInvolvement
from ketensignaal.routing import services
from ketensignaal.routing.disclosure import signal_disclose
from ketensignaal.routing.models import SignalEvent
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user: Any) -> dict[str, Any]:
    people = {
        "reporter": make_user("ind.aanmeldcentrum", "reporter"),
        "handhaving": make_user("ind.handhaving", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
        "cter": make_user("politie.cter", "handler"),
    }
    signal = submit(people["reporter"], categories=["terrorisme"])
    with transaction.atomic():
        for to, justification in (("politie.cter", "Concrete dreiging; de politie moet het weten."), ("ind.tsz", "")):
            signal_disclose(
                actor=people["handhaving"],
                signal=signal,
                to_unit=Unit.objects.get(code=to),
                reason="disclosed",
                channel="web",
                justification=justification,
            )
    return {**people, "signal": signal}


def _cter_grant(signal: Signal) -> SignalInvolvement:
    return SignalInvolvement.objects.get(signal=signal, unit__code="politie.cter")


def _url(signal: Signal, involvement: SignalInvolvement) -> str:
    return f"/signalen/{signal.pk}/verstrekkingen/{involvement.pk}/intrekken"


def test_the_disclosing_unit_recalls_after_confirming_with_a_reason(world: Any, web_client_for: Any) -> None:
    signal, grant = world["signal"], _cter_grant(world["signal"])
    web = web_client_for(world["handhaving"])
    page = web.get(f"/signalen/{signal.pk}").content.decode()
    assert "Verstrekkingen die u kunt intrekken" in page and _url(signal, grant) in page

    confirm = web.get(_url(signal, grant))
    assert confirm.status_code == 200
    assert "Daarna kan Politie cluster CTER het signaal niet meer inzien" in confirm.content.decode()

    empty = web.post(_url(signal, grant), {"reason": "  "})
    assert empty.status_code == 400 and "Geef een reden om de verstrekking in te trekken." in empty.content.decode()
    assert SignalInvolvement.objects.filter(pk=grant.pk).exists()

    done = web.post(_url(signal, grant), {"reason": "Verkeerde ontvanger gekozen."})
    assert done.status_code == 302 and done["Location"] == f"/signalen/{signal.pk}"
    assert not SignalInvolvement.objects.filter(pk=grant.pk).exists()
    event = SignalEvent.objects.get(signal=signal, action="recalled")
    assert (event.to_unit.code, event.reason, event.by) == ("politie.cter", "Verkeerde ontvanger gekozen.", world["handhaving"])
    assert ProcessingLogEntry.objects.filter(action="delete", object_type="signal-involvement").count() == 1
    assert web_client_for(world["cter"]).get(f"/signalen/{signal.pk}").status_code == 404
    # The grant is gone: its recall page is gone too (a second recall cannot happen).
    assert web.get(_url(signal, grant)).status_code == 404


def test_the_hub_may_recall_a_disclosure_another_unit_made(world: Any, web_client_for: Any) -> None:
    signal, grant = world["signal"], _cter_grant(world["signal"])
    web = web_client_for(world["tsz"])
    assert _url(signal, grant) in web.get(f"/signalen/{signal.pk}").content.decode()
    assert web.post(_url(signal, grant), {"reason": "Geen grond meer."}).status_code == 302
    assert not SignalInvolvement.objects.filter(pk=grant.pk).exists()


def test_others_who_see_the_signal_get_no_link_and_a_404(world: Any, web_client_for: Any) -> None:
    signal, grant = world["signal"], _cter_grant(world["signal"])
    for who in ("reporter", "cter"):
        web = web_client_for(world[who])
        assert _url(signal, grant) not in web.get(f"/signalen/{signal.pk}").content.decode()
        assert web.get(_url(signal, grant)).status_code == 404
        assert web.post(_url(signal, grant), {"reason": "Weg ermee."}).status_code == 404
    with pytest.raises(NotAllowed):
        services.disclosure_recall(
            actor=world["reporter"], signal_id=signal.pk, involvement_id=grant.pk, reason="Weg ermee.", channel="api"
        )
    assert SignalInvolvement.objects.filter(pk=grant.pk).exists()
