"""Issue 10, point 8: the signal page is calm — one primary action per state, the rest behind "Andere acties",
and no element id twice (the forms used to share ``id_expected_version``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.intake.models import Signal, SignalStatus
from ketensignaal.routing import services
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

PRIMARY = re.compile(r'class="utrecht-button utrecht-button--primary-action"')


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "adviser": make_user("coa.adviseur-nv", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
    }


def _page(web_client_for: Any, user: Any, signal: Signal) -> str:
    response = web_client_for(user).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk}))
    assert response.status_code == 200
    return str(response.content.decode())


def _primary_form_action(html: str) -> str:
    """The URL the one primary button posts to."""
    [button] = list(PRIMARY.finditer(html))
    form_start = html.rfind("<form", 0, button.start())
    match = re.search(r'action="([^"]+)"', html[form_start:])
    assert match is not None
    return match.group(1)


def _other_actions(html: str) -> str:
    # Up to the end of the actions section: the forward form holds a details element of its own.
    match = re.search(r'<details class="ks-more-actions"[^>]*>(.*?)</details>\s*</section>', html, re.S)
    return match.group(1) if match else ""


def _ids(html: str) -> Counter[str]:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def _assert_unique_ids(html: str) -> None:
    twice = [i for i, n in _ids(html).items() if n > 1]
    assert twice == []


def test_received_the_one_primary_action_is_take(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    html = _page(web_client_for, people["bv"], signal)
    assert len(PRIMARY.findall(html)) == 1
    assert _primary_form_action(html) == reverse("routing:signal_take", kwargs={"pk": signal.pk})
    others = _other_actions(html)
    for name in ("signal_forward", "signal_close", "signal_return", "signal_add_note", "signal_assign"):
        assert reverse(f"routing:{name}", kwargs={"pk": signal.pk}) in others, name
    assert "utrecht-button--primary-action" not in others
    assert '<details class="ks-more-actions">' in html  # collapsed: the page shows one action panel
    _assert_unique_ids(html)


def test_taken_the_one_primary_action_is_forward_along_the_route(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_take(actor=people["bv"], signal_id=signal.pk, channel="web")
    html = _page(web_client_for, people["bv"], signal)
    assert len(PRIMARY.findall(html)) == 1
    assert _primary_form_action(html) == reverse("routing:signal_forward", kwargs={"pk": signal.pk})
    assert reverse("routing:signal_close", kwargs={"pk": signal.pk}) in _other_actions(html)
    assert reverse("routing:signal_take", kwargs={"pk": signal.pk}) not in html
    _assert_unique_ids(html)


def test_a_question_to_answer_is_the_one_primary_action(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_forward(actor=people["bv"], signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_take(actor=people["adviser"], signal_id=signal.pk, channel="web")
    services.signal_return(actor=people["adviser"], signal_id=signal.pk, note="Wie was erbij?", channel="web")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.AWAITING_INFORMATION
    html = _page(web_client_for, people["bv"], signal)
    assert len(PRIMARY.findall(html)) == 1
    assert _primary_form_action(html) == reverse("routing:signal_answer", kwargs={"pk": signal.pk})
    _assert_unique_ids(html)


def test_an_acute_alarm_elsewhere_has_take_over_as_the_one_primary_action(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"], acute=True)
    html = _page(web_client_for, people["tsz"], signal)
    assert len(PRIMARY.findall(html)) == 1
    assert _primary_form_action(html) == reverse("routing:signal_take_over", kwargs={"pk": signal.pk})
    _assert_unique_ids(html)


def test_an_error_in_a_secondary_action_opens_the_disclosure(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    response = web_client_for(people["bv"]).post(
        reverse("routing:signal_forward", kwargs={"pk": signal.pk}), {"to_unit": "coa.locatie.budel"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="ks-more-actions" open>' in html
    assert len(PRIMARY.findall(html)) == 1
    _assert_unique_ids(html)


def test_a_closed_signal_offers_no_primary_action(people: dict[str, Any], web_client_for: Any) -> None:
    signal = submit(people["reporter"])
    services.signal_close(actor=people["bv"], signal_id=signal.pk, outcome="no-further-action", note="Afgerond.", channel="web")
    html = _page(web_client_for, people["bv"], signal)
    assert PRIMARY.findall(html) == [] and "ks-more-actions" not in html
