"""Issue 6, done-when: a LIV trajectory from request through weighing, interpretation and advice to the PDF,
and a non-acceptance with its reason. Every LIV page passes axe-core (WCAG 2.2 AA) without CSP violations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CRITERIA = ("binnen-opdracht", "proportionaliteit", "legitimiteit", "opdrachtgever")


def _setup() -> Any:
    from django.utils import timezone

    from ketensignaal.trajectories.catalogue import catalogue_load
    from ketensignaal.trajectories.models import Expert, ExpertAvailability

    catalogue_load()  # the live server's transactional database is flushed between tests
    expert = Expert.objects.create(name="Dr. Samira Haddou", expertise=["interpreter-of-radicalisation"], languages=["nl", "ar"])
    today = timezone.localdate()
    ExpertAvailability.objects.create(
        expert=expert, starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=100)
    )
    return expert


def _submit(page: Any, selector: str, expect: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
    assert expect in page.content(), page.content()[:3000]


def _fill_format(page: Any, phase: str, values: dict[str, str]) -> None:
    for key, value in values.items():
        page.fill(f"#f-{phase}-{key}", value)
    _submit(page, f"#format-{phase} button[type=submit]", "Het format is opgeslagen.")


def _factor(page: Any, code: str, presence: str, explanation: str) -> None:
    """Answer one factor in the one factor form (recorded with the form's single "Vastleggen")."""
    page.check(f"#p-{code}-{presence}")
    page.fill(f"#e-{code}", explanation)
    page.fill(f"#s-{code}", "Gesprek met de persoon")


def _advance(page: Any, expect_phase: str) -> None:
    _submit(page, "form[action$='/volgende-fase'] button[type=submit]", f"Het traject is nu in de fase {expect_phase}.")


def test_liv_trajectory_from_request_to_pdf(browser_login: Any, axe_check: Any, live_url: str) -> None:
    from ketensignaal.trajectories.models import LivTrajectory
    from ketensignaal.trajectories.tests.conftest import signal_for

    _setup()
    coa = browser_login("coa.bv")
    from ketensignaal.identity.models import User

    signal = signal_for(User.objects.get(username="coa.bv"))

    # 1. COA Bureau Veiligheid asks the LIV, linking its signal. Nothing is chosen for them: no client preselected,
    # the signal picked by who and what; sending the empty form gives the standard error summary, stacked.
    coa.goto(f"{live_url}/liv/aanmelden")
    axe_check(coa)
    assert coa.locator("#id_client").input_value() == ""
    # No list of every visible signal: the signal is found by its reference (or the name as reported).
    assert coa.locator("#signaal-keuze input[type=radio]").count() == 0
    coa.fill("#id_signal", signal.reference)
    coa.locator("#signaal-zoeken button[type=submit]").click()
    choice = coa.locator(f"label[for='signaal-{signal.pk}']")
    choice.wait_for()
    assert signal.reference in choice.inner_text() and "Vreemd gedrag in de opvang" in choice.inner_text()
    axe_check(coa, label="request-signal-found")
    coa.locator("#aanmelden button[type=submit]").click()
    coa.wait_for_load_state()
    summary = coa.locator("#foutmelding")
    assert "Er is een probleem" in summary.inner_text()
    assert summary.get_by_role("link", name="Beschrijf de hulpvraag aan het LIV.").is_visible()
    heading, items = summary.locator("h2").bounding_box(), summary.locator("ul").bounding_box()
    assert heading and items and items["y"] > heading["y"] and abs(items["x"] - heading["x"]) < 40  # stacked, not columns
    axe_check(coa, label="request-error-summary")
    coa.select_option("#id_client", "coa")
    coa.check(f"#signaal-{signal.pk}")
    coa.fill("#id_question", "Bewoner doet uitspraken over geweld en slaapt niet; graag duiding en advies over zorg.")
    _submit(coa, "#aanmelden button[type=submit]", "is geregistreerd")
    assert "Status van uw aanmelding" in coa.content()
    axe_check(coa)
    trajectory = LivTrajectory.objects.get()

    # 2. LIV staff weigh against every criterion and accept.
    liv = browser_login("liv.staf")
    liv.goto(f"{live_url}/liv/")
    axe_check(liv)
    liv.get_by_role("link", name=trajectory.reference).click()
    liv.wait_for_load_state()
    axe_check(liv)
    for code in CRITERIA:
        liv.check(f"#c-{code}-ja")
        liv.fill(f"#c-{code}-toelichting", "Afgewogen in het wegingsoverleg.")
    liv.check("#besluit-ja")
    _submit(liv, "#weging button[type=submit]", "De weging is vastgelegd.")
    assert "Intake" in liv.locator("#fase").inner_text()

    # 3. Team: an available expert from the pool.
    liv.select_option("#expert", label="Dr. Samira Haddou — Duider radicalisering; talen: Nederlands, Arabisch")
    _submit(liv, "#expert-toewijzen button[type=submit]", "Het teamlid is toegewezen.")
    # The person's language is chosen and shown by its name, never its code.
    liv.select_option("#taal", "ti")
    liv.check("#tolk-ja")
    _submit(liv, "form[action$='/tolk'] button[type=submit]", "Taal en tolkbehoefte zijn opgeslagen.")
    assert "Taal van de persoon: Tigrinya." in liv.locator("main").inner_text()

    # 4. Intake: with empty required fields there is no "next phase" button; the reason stands there, once.
    assert liv.locator("form[action$='/volgende-fase']").count() == 0
    blocked = liv.locator("section[aria-labelledby=kop-verder]")
    assert "Het traject kan nog niet naar de fase Duiding" in blocked.inner_text()
    assert "Aanleiding en zorgen van de aanmelder" in blocked.inner_text()
    assert liv.locator("main").inner_text().count("Verplicht veld is leeg: Aanleiding en zorgen van de aanmelder") == 1
    axe_check(liv, label="next-phase-blocked")
    _fill_format(
        liv,
        "intake",
        {
            "aanleiding": "Melding COA na uitspraken in de gemeenschappelijke ruimte.",
            "beschikbare_informatie": "Signaal en gesprek met de woonbegeleider.",
        },
    )
    _advance(liv, "Duiding")

    # 5. Interpretation: risk and protective factors by story phase, then the format.
    # No answer is preselected (a default would record a decision about the person at one click).
    factor_form = liv.locator("form#factoren")
    assert factor_form.locator("input[type=radio]:checked").count() == 0
    assert factor_form.locator("button[type=submit], input[type=submit]").count() == 1
    liv.check("#p-sociale-steun-present")
    _submit(liv, "form#factoren button[type=submit]", "Niet opgeslagen:")  # a chosen answer needs an explanation
    assert "toelichting is verplicht" in liv.locator("#factor-sociale-steun").inner_text()
    assert liv.locator("#p-sociale-steun-present").is_checked()  # nothing typed or chosen is lost
    _factor(liv, "geweld-herkomst", "present", "Vertelt over bombardementen in de woonwijk.")
    _factor(liv, "sociale-steun", "present", "Heeft een neef in Utrecht die hem regelmatig bezoekt.")
    _factor(liv, "isolement", "absent", "Doet mee aan activiteiten op de locatie.")
    _submit(liv, "form#factoren button[type=submit]", "3 factoren zijn vastgelegd.")
    assert liv.locator("#p-isolement-absent").is_checked()
    _fill_format(
        liv,
        "interpretation",
        {"verloop_gesprekken": "Twee gesprekken met tolk Arabisch.", "duiding": "Uitspraken passen bij traumaklachten."},
    )
    axe_check(liv)
    _advance(liv, "Advies")

    # 6. Advice: formats, conclusion and advice; the report; delivery to the client; closing.
    _fill_format(
        liv,
        "advice",
        {"samenvatting": "Geen aanwijzingen voor radicalisering.", "zorg_ondersteuning": "Traumabehandeling via de huisarts."},
    )
    _fill_format(liv, "closure", {"afstemming_opdrachtgever": "Besproken met COA Bureau Veiligheid."})
    liv.check("#concl-no-radicalisation")
    liv.check("#concl-psychological-problems")
    liv.fill("#advies", "Toeleiden naar traumabehandeling; dagbesteding op de locatie.")
    _submit(liv, "#conclusie button[type=submit]", "Conclusie en advies zijn vastgelegd.")
    axe_check(liv)
    with liv.expect_download() as info:
        liv.locator("#rapport-download").click()
    pdf = Path_read(info.value.path())
    assert pdf.startswith(b"%PDF") and info.value.suggested_filename == f"adviesrapport-{trajectory.reference}.pdf"
    _submit(liv, "form[action$='/verstrekken'] button[type=submit]", "Het adviesrapport is verstrekt aan de opdrachtgever.")
    _advance(liv, "Afgesloten")

    # 7. The client sees the status and the report, never the working file.
    coa.goto(f"{live_url}/liv/{trajectory.pk}")
    assert "Het traject is afgesloten." in coa.content() and "Vertelt over bombardementen" not in coa.content()
    axe_check(coa)
    with coa.expect_download() as info:
        coa.get_by_role("link", name="Download het adviesrapport (PDF)").click()
    assert Path_read(info.value.path()).startswith(b"%PDF")


def Path_read(path: Any) -> bytes:
    from pathlib import Path

    return Path(path).read_bytes()


def test_liv_non_acceptance_with_reason(browser_login: Any, axe_check: Any, live_url: str) -> None:
    _setup()
    liv = browser_login("liv.staf")
    liv.goto(f"{live_url}/liv/aanmelden")
    liv.select_option("#id_client", "gemeente.utrecht")
    liv.fill("#id_question", "De gemeente belde over zorgen na een conflict in de wijk.")
    _submit(liv, "#aanmelden button[type=submit]", "is geregistreerd")

    # Not accepting without a reason is refused, readably.
    liv.check("#besluit-nee")
    liv.locator("#weging button[type=submit]").click()
    liv.wait_for_load_state()
    assert "Geef de reden" in liv.locator("#foutmelding").inner_text()
    axe_check(liv)

    liv.check("#besluit-nee")
    liv.check("#c-binnen-opdracht-nee")
    liv.fill("#c-binnen-opdracht-toelichting", "Er loopt een strafrechtelijke procedure.")
    liv.fill("#reden", "Buiten de opdracht: strafrechtelijke procedure loopt.")
    liv.fill("#onderliggend", "Spanning door huisvesting; doorverwezen naar het wijkteam.")
    _submit(liv, "#weging button[type=submit]", "De weging is vastgelegd.")
    assert "Niet aangenomen" in liv.locator("#fase").inner_text()
    assert "Buiten de opdracht: strafrechtelijke procedure loopt." in liv.content()
    assert "Spanning door huisvesting" in liv.content()
    axe_check(liv)

    liv.goto(f"{live_url}/liv/cijfers")
    assert "&lt; 5" in liv.content()
    axe_check(liv)
