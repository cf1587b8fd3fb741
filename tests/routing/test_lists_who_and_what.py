"""Issue 10, point 5: the inbox and 'Mijn meldingen' say who and what a signal is about (the name as reported and the
start of the observation), with the link to the signal; a list never shows a signal the viewer may not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ketensignaal.intake.validation import parse_signal_input
from ketensignaal.routing.services import signal_submit


def _submit(reporter: Any, name: str, text: str) -> Any:
    data = parse_signal_input(
        {
            "subject": {"names": [{"name": name}]},
            "observation": {"type": "statement", "text": text},
            "categories": ["radicalisering"],
            "touchpoint": "opvanglocatie",
            "acute": False,
        }
    )
    return signal_submit(actor=reporter, data=data, channel="web")[0]


@pytest.mark.django_db
def test_inbox_and_my_reports_show_who_and_what(make_user: Any, web_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    handler = make_user("coa.bureau-veiligheid", "handler")
    outsider = make_user("kmar.ir", "handler")
    signal = _submit(reporter, "Yusuf Demir", "Toonde op zijn telefoon een filmpje van een aanslag aan medebewoners.")
    for user, url in ((handler, "routing:inbox"), (reporter, "routing:my_signals")):
        html = web_client_for(user).get(reverse(url)).content.decode()
        assert "Yusuf Demir" in html, url
        assert "Toonde op zijn telefoon een filmpje" in html, url
        assert reverse("routing:signal_detail", kwargs={"pk": signal.pk}) in html, url
    html = web_client_for(outsider).get(reverse("routing:inbox")).content.decode()
    assert "Yusuf Demir" not in html and signal.reference not in html
