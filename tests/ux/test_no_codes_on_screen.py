"""Issue 10, point 6: no codes or jargon on screen. A flow is named by its registered name and version, never by its
code (``coa-ind-nationale-veiligheid@v1``), in the signal's history and the forward panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.routing import services
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


def test_signal_history_and_forward_panel_name_the_flow_not_its_code(make_user: Any, web_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    bureau = make_user("coa.bureau-veiligheid", "handler")
    adviser = make_user("coa.adviseur-nv", "handler")
    tsz = make_user("ind.tsz", "handler", "hub-analyst")
    signal = submit(reporter, categories=["extremisme"])
    services.signal_forward(actor=bureau, signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    # At the adviser the next hop crosses to the IND: the forward panel names the flow that would carry it.
    html = web_client_for(adviser).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "COA → IND: veiligheidssignalen kleine keten (versie 1)" in html
    assert "coa-ind-nationale-veiligheid@v1" not in html
    services.signal_forward(
        actor=adviser, signal_id=signal.pk, to_unit="ind.tsz", justification="Raakt de nationale veiligheid.", channel="web"
    )
    # At the hub the history shows the disclosure's basis by name.
    html = web_client_for(tsz).get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    assert "COA → IND: veiligheidssignalen kleine keten (versie 1)" in html
    assert "@v1" not in html
