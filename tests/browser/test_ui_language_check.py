"""The checks ``page_check`` adds to axe-core would catch what issue 10 saw (points 6, 8, 9), and leave data alone."""

from __future__ import annotations

from typing import Any

import pytest
from ui_language import duplicate_ids, jargon, visible_texts, wrong_language

pytestmark = pytest.mark.browser


def test_untranslated_dutch_is_found_and_data_is_not() -> None:
    # Dutch UI text on an English page: a button, a message with its placeholder filled, a category label.
    texts = ["Signaal versturen", "Het signaal is doorgestuurd.", "Terrorisme", "Pagina 2 van 7"]
    found = [text for text, _ in wrong_language(texts, "en")]
    assert "Signaal versturen" in found and "Terrorisme" in found
    # Reference data in Dutch: a LIV factor, a weighing criterion, a screening checklist item.
    reference = [
        "Sociaal isolement",
        "Is inzet van het LIV proportioneel ten opzichte van de zorgen?",
        "Onderzoek aan kleding en in bagage",
    ]
    assert [text for text, _ in wrong_language(reference, "en")] == reference
    # Data is never UI text: names, places, typed text; nor words both languages use.
    data = [
        "Mohammed al-Hassan",
        "محمد الحسن",
        "Ter Apel",
        "Sprak op de gang over steun aan een gewapende groep.",
        "Status",
        "LRO",
    ]
    assert wrong_language(data, "en") == []
    # English UI text on a Dutch page, Django's own messages included.
    assert [t for t, _ in wrong_language(["Send signal", "This field is required.", "Mohammed al-Hassan"], "nl")] == [
        "Send signal",
        "This field is required.",
    ]


def test_visible_texts_read_what_a_user_can_see(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><body><p>Shown</p><p hidden>Verborgen</p>'
        "<details><summary>More</summary><p>Inside details</p></details>"
        '<select><option value="">— choose —</option></select>'
        '<button aria-label="Close">x</button><form lang="nl"><button>Nederlands</button></form></body></html>'
    )
    texts = visible_texts(page, "en")
    page.close()
    assert {"Shown", "Inside details", "— choose —", "Close", "More"} <= set(texts)
    assert "Verborgen" not in texts and "Nederlands" not in texts  # hidden; marked as the other language


def test_the_jargon_check_flags_codes_and_ids() -> None:
    flagged = [
        "invalid_params",
        "Gegevensstroom coa-ind-nationale-veiligheid@v1",
        "Persoon 3f2b1c9e-8a7d-4e6f-9b0c-1d2e3f4a5b6c",
        "Zie DOMAIN.md §5",
        "Seed 002",
        "Mohammed (Latn)",
        "hasan ~ hsn: gelijk medeklinkerskelet",
        "Geboortedatum (?)",
    ]
    assert [text for text, _ in jargon(flagged)] == flagged
    assert jargon(["Mohammed al-Hassan", "KS-2026-000123", "3 december 2026 14:05", "Nationaliteit gelijk (SYR)"]) == []


def test_the_duplicate_id_check_finds_an_id_used_twice(browser: Any) -> None:
    page = browser.new_page()
    page.set_content('<form><input id="id_expected_version"></form><form><input id="id_expected_version"></form><p id="x">')
    assert duplicate_ids(page) == ["id_expected_version"]
    page.close()
