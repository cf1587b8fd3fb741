"""Issue 10: the signal page said "beperkt verder delen" for TLP:AMBER and TLP:RED alike. Each handling code says
what it allows (TLP 2.0), in Dutch and in English, the same words on the form and on the signal page."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ketensignaal.intake.forms import HANDLING_HELP
from ketensignaal.intake.models import HANDLING_MEANING, HandlingCode
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db

AMBER_NL = "Beperkt delen: binnen de eigen organisatie en met haar cliënten die het moeten weten."
RED_NL = "Alleen voor de genoemde ontvangers; niet verder delen."


def test_every_code_has_its_own_meaning_in_both_languages() -> None:
    assert set(HANDLING_MEANING) == set(HandlingCode.values)
    for language in ("nl", "en"):
        with translation.override(language):
            texts = [str(text) for text in HANDLING_MEANING.values()]
            assert len(set(texts)) == len(texts), texts
    with translation.override("en"):
        assert str(HANDLING_MEANING[HandlingCode.AMBER]) == (
            "Limited sharing: within your own organisation and with its clients who need to know."
        )
        assert str(HANDLING_MEANING[HandlingCode.RED]) == "Only for the named recipients; no further sharing."
    assert {str(k): str(v) for k, v in HANDLING_HELP.items()} == {str(k): str(v) for k, v in HANDLING_MEANING.items()}


@pytest.mark.parametrize(("code", "meaning"), [("AMBER", AMBER_NL), ("RED", RED_NL)])
def test_the_signal_page_says_what_amber_and_red_allow(make_user: Any, web_client_for: Any, code: str, meaning: str) -> None:
    reporter = make_user("ind.aanmeldcentrum", "reporter")
    signal = submit(reporter, handling_code=code)
    html = web_client_for(reporter).get(f"/signalen/{signal.pk}").content.decode()
    assert f'TLP:{code} <span class="ks-muted">— {meaning}' in html
    assert "beperkt verder delen" not in html
