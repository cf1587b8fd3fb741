"""Issue 10, no internal ids as input: the LIV request form finds its signal by a search (reference or name as
reported, within need to know) instead of a dropdown of up to 200 signals, each of them a logged read."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.intake.models import SubjectName
from ketensignaal.trajectories.models import LivTrajectory
from ketensignaal.trajectories.tests.conftest import signal_for

pytestmark = pytest.mark.django_db


def _named(user: Any, name: str) -> Any:
    signal = signal_for(user)
    SubjectName.objects.create(signal=signal, name=name, position=0)
    return signal


def _choices(html: str) -> list[str]:
    return re.findall(r'<input type="radio" id="signaal-[^"]+" name="signal" value="([^"]+)"', html)


def test_the_form_renders_without_listing_or_reading_any_signal(liv: dict[str, Any], web_client_for: Any) -> None:
    own = [_named(liv["coa"], f"Persoon {i}") for i in range(3)]
    summaries = ProcessingLogEntry.objects.filter(object_type="signal-summary")
    before = summaries.count()
    html = web_client_for(liv["coa"]).get("/liv/aanmelden").content.decode()
    assert _choices(html) == [] and not [s for s in own if s.reference in html]
    assert "<select" not in html.split('id="signaal-keuze"')[1].split("</fieldset>")[0]
    assert summaries.count() == before, "rendering the form reads no signal"


def test_the_search_finds_by_name_or_reference_only_what_the_user_may_see(liv: dict[str, Any], web_client_for: Any) -> None:
    mine = _named(liv["coa"], "Yusuf Demir")
    other = _named(liv["coa"], "Karim Haddad")
    hidden = _named(liv["ind"], "Yusuf Demirel")  # another organisation's signal: not within need to know
    web = web_client_for(liv["coa"])
    by_name = web.get("/liv/aanmelden", {"zoek": "demir"}).content.decode()
    assert _choices(by_name) == [str(mine.pk)]
    assert hidden.reference not in by_name and "Demirel" not in by_name and other.reference not in by_name
    assert _choices(web.get("/liv/aanmelden", {"zoek": other.reference}).content.decode()) == [str(other.pk)]
    # Only the rows shown are read, and the hidden one is never touched.
    read = set(ProcessingLogEntry.objects.filter(object_type="signal-summary").values_list("object_id", flat=True))
    assert str(mine.pk) in read and str(hidden.pk) not in read
    nothing = web.get("/liv/aanmelden", {"zoek": "Demirel"}).content.decode()
    assert _choices(nothing) == [] and "Geen signaal gevonden" in nothing
    assert "ten minste twee tekens" in web.get("/liv/aanmelden", {"zoek": "y"}).content.decode()


def test_starting_from_the_signal_page_and_choosing_from_the_results(liv: dict[str, Any], web_client_for: Any) -> None:
    signal = _named(liv["coa"], "Yusuf Demir")
    hidden = _named(liv["ind"], "Amal Saleh")
    web = web_client_for(liv["coa"])
    html = web.get("/liv/aanmelden", {"signaal": str(signal.pk)}).content.decode()
    assert re.search(rf'id="signaal-{signal.pk}" name="signal" value="{signal.pk}" checked', html)
    assert _choices(web.get("/liv/aanmelden", {"signaal": str(hidden.pk)}).content.decode()) == []
    assert web.get("/liv/aanmelden", {"signaal": "geen-id"}).status_code == 200
    response = web.post(
        "/liv/aanmelden?zoek=Demir", {"client": "coa", "signal": str(signal.pk), "question": "Graag duiding en advies."}
    )
    assert response.status_code == 302
    assert list(LivTrajectory.objects.get().signals.all()) == [signal]
