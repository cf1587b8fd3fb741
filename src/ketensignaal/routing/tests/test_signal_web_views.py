"""Inbox, signal detail with the actions of a hop, and 'Mijn meldingen', as a user sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ketensignaal.intake.models import Signal
from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.services import signal_submit

ACTION_URLS = ["signal_take", "signal_add_note", "signal_assign", "signal_return", "signal_forward", "signal_close"]


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True  # skip the TOTP step; sign-in itself is tested in web/
    session.save()
    return client


def _submit(reporter: Any, *, acute: bool = False, category: str = "radicalisering", text: str = "Waarneming") -> Signal:
    data = parse_signal_input(
        {
            "subject": {"names": [{"name": "Test Persoon"}]},
            "observation": {"type": "statement", "text": text},
            "categories": [category],
            "touchpoint": "opvanglocatie",
            "acute": acute,
        }
    )
    signal, _ = signal_submit(actor=reporter, data=data, channel="web")
    return signal


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user("coa.locatie.ter-apel", "reporter"),
        "bv": make_user("coa.bureau-veiligheid", "handler"),
        "bv2": make_user("coa.bureau-veiligheid", "handler"),
        "adviseur": make_user("coa.adviseur-nv", "handler"),
        "tsz": make_user("ind.tsz", "handler", "hub-analyst"),
        "kmar": make_user("kmar.ir", "reporter", "handler"),
    }


@pytest.mark.django_db
def test_inbox_lists_signals_at_the_unit_acute_first(people: dict[str, Any]) -> None:
    calm = _submit(people["reporter"])
    acute = _submit(people["reporter"], acute=True)
    response = _client_for(people["bv"]).get(reverse("routing:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(acute.reference) < html.index(calm.reference)
    assert "Acuut" in html and "<html" in html


@pytest.mark.django_db
def test_inbox_htmx_filter_returns_only_the_partial(people: dict[str, Any]) -> None:
    radical = _submit(people["reporter"])
    fraud = _submit(people["reporter"], category="identiteitsfraude")
    response = _client_for(people["bv"]).get(reverse("routing:inbox"), {"categorie": "identiteitsfraude"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<div id="inbox-results"')
    assert fraud.reference in html and radical.reference not in html


@pytest.mark.django_db
def test_inbox_query_count_does_not_grow_with_rows(people: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    client = _client_for(people["bv"])
    for _ in range(2):
        _submit(people["reporter"])
    client.get(reverse("routing:inbox"))  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("routing:inbox"))
    for _ in range(12):
        _submit(people["reporter"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("routing:inbox"))
    assert response.content.decode().count("/signalen/") >= 14
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_inbox_marks_overdue_with_text(people: dict[str, Any]) -> None:
    from datetime import timedelta

    from django.utils import timezone

    signal = _submit(people["reporter"])
    Signal.objects.filter(pk=signal.pk).update(due_at=timezone.now() - timedelta(days=1))
    html = _client_for(people["bv"]).get(reverse("routing:inbox")).content.decode()
    assert "(verlopen)" in html


@pytest.mark.django_db
def test_unknown_user_gets_404_on_detail_and_every_action(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    outsider = _client_for(people["kmar"])
    assert outsider.get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).status_code == 404
    assert outsider.get(reverse("intake:signal_confirmation", kwargs={"pk": signal.pk})).status_code == 404
    for name in ACTION_URLS:
        response = outsider.post(
            reverse(f"routing:{name}", kwargs={"pk": signal.pk}),
            {"note": "x", "to_unit": "kmar.ir", "outcome": "unfounded", "assignee": people["kmar"].pk},
        )
        assert response.status_code == 404, name
    signal.refresh_from_db()
    assert signal.version == 1 and signal.current_unit.code == "coa.bureau-veiligheid"


@pytest.mark.django_db
def test_handler_takes_and_forwards_along_the_route(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    client = _client_for(people["bv"])
    detail = reverse("routing:signal_detail", kwargs={"pk": signal.pk})
    page = client.get(detail).content.decode()
    assert "In behandeling nemen" in page and "COA beleidsadviseur Nationale Veiligheid" in page
    assert client.post(reverse("routing:signal_take", kwargs={"pk": signal.pk}), {"expected_version": 1}).status_code == 302
    response = client.post(
        reverse("routing:signal_forward", kwargs={"pk": signal.pk}),
        {"expected_version": 2, "to_unit": "coa.adviseur-nv", "note": "Graag advies"},
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.current_unit.code == "coa.adviseur-nv"
    after = client.get(detail).content.decode()
    assert "Het signaal is doorgestuurd." in after and "Graag advies" in after
    assert "In behandeling nemen" not in after  # no actions once it left this unit


@pytest.mark.django_db
def test_stale_version_shows_conflict_and_changes_nothing(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    first, second = _client_for(people["bv"]), _client_for(people["bv2"])
    assert first.post(reverse("routing:signal_take", kwargs={"pk": signal.pk}), {"expected_version": 1}).status_code == 302
    response = second.post(
        reverse("routing:signal_close", kwargs={"pk": signal.pk}),
        {"expected_version": 1, "outcome": "unfounded", "note": "Geen grond.", "confirmed": "1"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit signaal intussen gewijzigd" in html
    assert f'href="{reverse("routing:signal_detail", kwargs={"pk": signal.pk})}"' in html
    signal.refresh_from_db()
    assert signal.status == "taken"


@pytest.mark.django_db
def test_forward_across_organisations_without_justification_is_refused(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    bv = _client_for(people["bv"])
    bv.post(reverse("routing:signal_forward", kwargs={"pk": signal.pk}), {"to_unit": "coa.adviseur-nv"})
    adviseur = _client_for(people["adviseur"])
    response = adviseur.post(
        reverse("routing:signal_forward", kwargs={"pk": signal.pk}), {"to_unit": "ind.tsz", "justification": ""}
    )
    # A missing justification is a missing field: 400, the message at the justification field.
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_forward_justification_error"' in html and "afweging per geval" in html.lower()
    signal.refresh_from_db()
    assert signal.current_unit.code == "coa.adviseur-nv"


@pytest.mark.django_db
def test_off_route_forward_needs_a_reason(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    response = _client_for(people["bv"]).post(
        reverse("routing:signal_forward", kwargs={"pk": signal.pk}), {"to_unit": "coa.locatie.budel"}
    )
    assert response.status_code == 400
    assert "reden" in response.content.decode()


@pytest.mark.django_db
def test_my_signals_shows_feedback_without_partner_details(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    client = _client_for(people["reporter"])
    html = client.get(reverse("routing:my_signals")).content.decode()
    assert signal.reference in html and "Ontvangen door COA Bureau Veiligheid" in html


@pytest.mark.django_db
def test_start_page_loads_the_inbox_for_handlers_only(people: dict[str, Any]) -> None:
    handler_home = _client_for(people["bv"]).get(reverse("web:home")).content.decode()
    assert f'hx-get="{reverse("routing:inbox")}"' in handler_home
    reporter_home = _client_for(people["reporter"]).get(reverse("web:home")).content.decode()
    assert 'id="home-inbox"' not in reporter_home


@pytest.mark.django_db
def test_reporter_sees_the_signal_but_no_hop_actions(people: dict[str, Any]) -> None:
    signal = _submit(people["reporter"])
    html = _client_for(people["reporter"]).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert signal.reference in html and "Wat doet u met dit signaal?" not in html
    assert "Gemeld" in html  # history timeline


@pytest.mark.django_db
def test_an_account_without_a_name_is_shown_by_role_and_unit_never_by_its_account_name(people: dict[str, Any]) -> None:
    """Issue 10: the inbox, the signal page and its history name a colleague without a personal name as "Behandelaar,
    COA Bureau Veiligheid", not by the account name they sign in with."""
    from ketensignaal.routing.services import signal_assign, signal_take

    signal = _submit(people["reporter"])
    handler = people["bv"]
    assert not handler.get_full_name()
    signal_take(actor=handler, signal_id=signal.pk, channel="web")
    signal_assign(actor=handler, signal_id=signal.pk, assignee_id=handler.pk, channel="web")
    client = _client_for(handler)
    pages = [
        client.get(reverse("routing:inbox")).content.decode(),
        client.get(reverse("routing:signal_detail", args=[signal.pk])).content.decode(),
    ]
    for page in pages:
        assert "Behandelaar, COA Bureau Veiligheid" in page
        assert handler.username not in page
