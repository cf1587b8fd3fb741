"""Issue 10, the signal pages as a handler uses them all day (Dutch UI, axe-core on every page, a screenshot of each).

- The inbox fits a 1280-pixel screen without scrolling sideways, every column (up to "Toegewezen aan") in view.
- Back and send again on the signal form shows the signal already registered, not a second one.
- Closing asks for an explanation, then a confirmation ("Bevestigen" / "Terug"), and only then closes.
- A refused close names the field in words and opens "Andere acties" where the field is.
- COA Bureau Veiligheid, the first hop of an acute signal, can take it over and act on it.
- The forward list holds the units that can be chosen; the rest is folded away with the reason.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_inbox_fits_1280_pixels(browser_login: Any, page_check: Any, live_url: str, make_user: Any) -> None:
    from ketensignaal.routing import services
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", username="breed-melder")
    bureau = make_user(
        "coa.bureau-veiligheid",
        "handler",
        username="breed-bv",
        first_name="Maximiliaan",
        last_name="van Oldenbarnevelt-Hoogstraten",
    )
    long_names = ["Abdulrahman Mohammed al-Hassan bin Khalid", "Oleksandr Volodymyrovych Shevchenko-Kovalenko"]
    for i, name in enumerate(long_names * 2):
        signal = submit(
            reporter,
            subject__names=[{"name": name, "script": "Latn"}],
            categories=["radicalisering", "openbare-orde"],
            acute=(i == 0),
        )
        if i % 2:
            services.signal_take(actor=bureau, signal_id=signal.pk, channel="web")

    page = browser_login(bureau)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/inbox")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] <= 1280, widths
    last_header = page.get_by_role("columnheader", name="Toegewezen aan")
    box = last_header.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    assert "van Oldenbarnevelt-Hoogstraten" in page.locator("#inbox-results").inner_text()
    page_check(page, "nl", label="inbox-1280")


def test_back_and_send_again_shows_the_first_signal(browser_login: Any, axe_check: Any, live_url: str) -> None:
    from ketensignaal.intake.models import Signal

    page = browser_login("coa.terapel")
    page.goto(f"{live_url}/signalen/nieuw?stap=acuut&acuut=nee")
    page.fill("#id_names-0-name", "Yusuf Demir")
    page.select_option("#id_observation_type", "statement")
    page.fill("#id_observation_text", "Vertelde medebewoners dat hij een wapen kan regelen.")
    page.locator("input[name=categories][value=openbare-orde]").check()
    page.select_option("#id_touchpoint", "opvanglocatie")
    page.get_by_role("button", name="Signaal versturen").click()
    page.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+/bevestiging$"))
    first_url = page.url
    page.go_back()
    page.wait_for_load_state()
    if page.locator("#id_observation_text").count():  # the browser restored the form: send it again
        page.get_by_role("button", name="Signaal versturen").click()
    else:  # the browser re-sent the POST itself
        page.reload()
    page.wait_for_load_state()
    assert Signal.objects.filter(names__name="Yusuf Demir").count() == 1
    assert page.url == first_url
    assert "er is niets dubbel geregistreerd" in page.content()
    axe_check(page, label="resent-form")


def test_close_asks_for_an_explanation_and_a_confirmation(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any
) -> None:
    from ketensignaal.intake.models import Signal
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", username="sluit-melder")
    bureau = make_user("coa.bureau-veiligheid", "handler", username="sluit-bv")
    signal = submit(reporter)

    page = browser_login(bureau)
    page.goto(f"{live_url}/signalen/{signal.pk}")
    # Received: "In behandeling nemen" is the one primary action; closing waits behind "Andere acties".
    page.locator("details.ks-more-actions > summary").click()
    page.select_option("#id_close_outcome", "no-further-action")
    page.locator("form[action$='/afsluiten'] button[type=submit]").click()
    page.wait_for_load_state()
    # No explanation: the summary names the field, the field is in view (its section open), nothing closed.
    assert page.locator("#form-errors").is_visible()
    assert "Toelichting: Geef een toelichting" in page.locator("#form-errors").inner_text()
    assert page.locator("#id_close_note").is_visible()
    assert page.locator("#id_close_note_error").is_visible()
    axe_check(page, label="close-needs-explanation")
    page.locator("#form-errors a").first.click()
    page.fill("#id_close_note", "Besproken met de locatie: een ruzie over de keuken, geen zorgen over radicalisering.")
    page.locator("form[action$='/afsluiten'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=f"Signaal {signal.reference} afsluiten?").is_visible()
    assert "Geen verdere actie" in page.locator(".ks-close-summary").inner_text()
    axe_check(page, label="close-confirmation")
    page.get_by_role("button", name="Terug").click()
    page.wait_for_load_state()
    assert page.locator("#id_close_note").is_visible()
    assert "een ruzie over de keuken" in page.locator("#id_close_note").input_value()
    signal.refresh_from_db()
    assert signal.status == "received"
    page.locator("form[action$='/afsluiten'] button[type=submit]").click()
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    assert "Het signaal is afgesloten." in page.content()
    assert Signal.objects.get(pk=signal.pk).status == "closed"
    assert "Uitkomst: Geen verdere actie" in page.locator("#h-history + ol").inner_text()
    axe_check(page, label="closed")


def test_acute_signal_first_hop_takes_over_and_sees_a_short_forward_list(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any
) -> None:
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", username="acuut-melder")
    bureau = make_user("coa.bureau-veiligheid", "handler", username="acuut-bv")
    signal = submit(reporter, acute=True)

    page = browser_login(bureau)
    page.goto(f"{live_url}/inbox")
    page.get_by_role("link", name=signal.reference).first.click()
    page.wait_for_url(f"**/signalen/{signal.pk}")
    take_over = page.get_by_role("button", name="Overnemen en in behandeling nemen")
    assert take_over.is_visible()
    axe_check(page, label="acute-at-first-hop")
    take_over.click()
    page.wait_for_load_state()
    assert "U heeft het acute signaal overgenomen" in page.content()
    assert "Overgenomen door COA Bureau Veiligheid" in page.locator("#h-history + ol").inner_text()
    # Taken: forwarding is the one primary action; the list holds only units that can be chosen.
    options = page.locator("#id_forward_to_unit option").all_inner_texts()
    assert 1 < len(options) < 20, options
    assert not any("niet toegestaan" in o or "geen grondslag" in o for o in options)
    folded = page.locator("details.ks-unavailable-units")
    assert folded.is_visible() and not folded.evaluate("d => d.open")
    folded.locator("summary").click()
    axe_check(page, label="taken-over-forward-list")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_close_steps_speak_one_language(lang: str, browser_login: Any, page_check: Any, live_url: str, make_user: Any) -> None:
    """The refused close, the confirmation and the folded forward list in Dutch, and again in English."""
    from ui_language import choose_language

    from ketensignaal.routing import services
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", username=f"taal-melder-{lang}")
    bureau = make_user("coa.bureau-veiligheid", "handler", username=f"taal-bv-{lang}")
    signal = submit(reporter)
    services.signal_take(actor=bureau, signal_id=signal.pk, channel="web")

    page = browser_login(bureau)
    choose_language(page, lang)
    page.goto(f"{live_url}/signalen/{signal.pk}")
    page.locator("details.ks-unavailable-units > summary").click()
    page_check(page, lang, "forward-list")
    page.locator("details.ks-more-actions > summary").click()
    page.locator("form[action$='/afsluiten'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_close_outcome_error").is_visible() and page.locator("#id_close_note_error").is_visible()
    page_check(page, lang, "close-refused")
    page.select_option("#id_close_outcome", "monitoring")
    page.fill("#id_close_note", "Wordt gemonitord door de locatie.")
    page.locator("form[action$='/afsluiten'] button[type=submit]").click()
    page.wait_for_load_state()
    page_check(page, lang, "close-confirmation")
