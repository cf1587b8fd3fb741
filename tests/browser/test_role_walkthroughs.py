"""Issue 10, done-when: each role's main path walked through the real UI, in Dutch and again in English.

Reporter, handler, hub analyst, LRO member, LIV staff, privacy officer and functional administrator each sign in
with password and TOTP, choose their language with the header's button (Dutch is the default), and do their actual
work. Every page on the way is checked with ``page_check``: axe-core finds 0 WCAG 2.2 AA violations (a screenshot
is saved), the browser reports no CSP violation, and the page speaks one language — no untranslated Dutch on an
English page, no English UI text on a Dutch page (``ui_language``: the catalogues decide what is UI text, so names
and typed text never count).

Buttons and links are found by their text in the chosen language (``t``), so a missing translation also fails the
walk itself.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from ui_language import choose_language

pytestmark = pytest.mark.browser
LANGUAGES = pytest.mark.parametrize("lang", ["nl", "en"])


def t(lang: str, text: str) -> str:
    """What the UI shows for the Dutch source text ``text`` in ``lang``."""
    from django.utils import translation

    with translation.override(lang):
        return translation.gettext(text)


def _signal_at(make_user: Any, unit: str = "coa.locatie.ter-apel", **changes: Any) -> Any:
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.routing.services import signal_submit
    from ketensignaal.routing.tests.factories import body

    reporter = make_user(unit, "reporter")
    signal, _ = signal_submit(actor=reporter, data=parse_signal_input(body(**changes)), channel="web")
    return signal


def _show_action(page: Any, field: str) -> None:
    """Actions other than the state's primary one wait behind "Andere acties": open it when the field is hidden."""
    if not page.locator(field).first.is_visible():
        page.locator("details.ks-more-actions > summary").click()


def _start_page_offers(page: Any, lang: str, *paths: str) -> None:
    """The start page lists this role's own work with links (issue 10): never "Mijn meldingen" to a role without it."""
    tasks = page.locator("#start-tasks")
    for path in paths:
        assert tasks.locator(f"a[href$='{path}']").count() == 1, f"no link to {path} on the start page"
    assert t(lang, "Mijn meldingen") not in page.locator("main").inner_text()


def _signed_in(browser_login: Any, user: Any, lang: str, page_check: Any) -> Any:
    page = browser_login(user)
    choose_language(page, lang)
    page_check(page, lang, "start")
    return page


# --- reporter ---------------------------------------------------------------------------------------------------


@LANGUAGES
def test_reporter_submits_a_signal(lang: str, browser_login: Any, page_check: Any, live_url: str) -> None:
    page = _signed_in(browser_login, "coa.terapel", lang, page_check)
    page.goto(f"{live_url}/signalen/nieuw")
    page_check(page, lang, "acute-question")
    page.get_by_role("button", name=t(lang, "Volgende")).click()
    page.locator("#id_acuut_error").wait_for()  # point 2: no silent reload without a choice
    page_check(page, lang, "acute-question-error")
    page.get_by_label(t(lang, "Nee"), exact=True).check()
    page.get_by_role("button", name=t(lang, "Volgende")).click()
    page.wait_for_url("**/signalen/nieuw?stap=acuut&acuut=nee")
    page_check(page, lang, "form")

    page.fill("#id_names-0-name", "Yusuf Rahimi")
    page.fill("#id_dob_year", "1993")
    page.fill("#id_dob_month", "13")
    page.select_option("#id_observation_type", "statement")
    page.fill("#id_observation_text", "Said in the canteen that he supports an armed group.")
    page.select_option("#id_touchpoint", "opvanglocatie")
    page.get_by_role("button", name=t(lang, "Signaal versturen")).click()
    page.wait_for_load_state()
    # Point 1: a bad month is reported at the month, the summary names the missing category; nothing typed is lost.
    assert page.locator("#error-summary").is_visible()
    assert t(lang, "Een maand ligt tussen 1 en 12.") in page.locator("#id_dob_month_error").inner_text()
    assert page.locator("#id_dob_year_error").count() == 0
    assert page.input_value("#id_names-0-name") == "Yusuf Rahimi"
    page_check(page, lang, "form-errors")

    page.fill("#id_dob_month", "3")  # as the hint writes it
    page.locator("input[name=categories][value=radicalisering]").check()
    page.get_by_role("button", name=t(lang, "Signaal versturen")).click()
    page.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+/bevestiging$"))
    reference = page.locator(".ks-reference").inner_text()
    page_check(page, lang, "confirmation")

    page.goto(f"{live_url}/mijn-meldingen")
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+$"))
    page_check(page, lang, "own-signal")
    page.goto(f"{live_url}/mijn-meldingen")
    page_check(page, lang, "my-signals")

    from ketensignaal.intake.models import Signal

    assert Signal.objects.get(reference=reference).date_of_birth == "1993-03"

    # A handler asks the reporter's unit a question: it waits on the reporter's start page, with the way to answer.
    _ask_the_reporter(Signal.objects.get(reference=reference), "When exactly did he say this, and who else heard it?")
    page.goto(f"{live_url}/")
    questions = page.locator("section[aria-labelledby=questions-heading]")
    expect(questions).to_contain_text("When exactly did he say this")
    page_check(page, lang, "start-question")
    questions.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+$"))
    page_check(page, lang, "question-to-answer")


def _ask_the_reporter(signal: Any, question: str) -> None:
    from ketensignaal.identity.models import User
    from ketensignaal.routing.services import signal_return, signal_take

    handler = User.objects.filter(unit=signal.current_unit, is_active=True).first()
    if handler is None:
        from ketensignaal.identity.services import user_create

        handler = user_create(
            username="bv-asks", unit_code=signal.current_unit.code, roles=("handler",), password="x" * 20, validate=False
        )
    signal_take(actor=handler, signal_id=signal.pk, channel="web")
    signal_return(actor=handler, signal_id=signal.pk, note=question, channel="web")


# --- handler (COA Bureau Veiligheid) ----------------------------------------------------------------------------


@LANGUAGES
def test_handler_takes_assesses_and_forwards(
    lang: str, browser_login: Any, page_check: Any, live_url: str, make_user: Any
) -> None:
    from django.utils import timezone

    from ketensignaal.intake.models import Signal

    signal = _signal_at(make_user)
    late = _signal_at(make_user, subject__names=[{"name": "Omar Farouk", "script": "Latn"}])
    Signal.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(days=2))
    page = _signed_in(browser_login, "coa.bv", lang, page_check)
    page.goto(f"{live_url}/inbox")
    page_check(page, lang, "inbox")
    # Point 5: a row says who and what, and leads to the signal.
    row = page.locator("#inbox-results tbody tr", has=page.get_by_role("link", name=signal.reference))
    assert "Mohammed al-Hassan" in row.inner_text()
    page.goto(f"{live_url}/inbox/termijn-verstreken")
    assert late.reference in page.locator("main").inner_text() and signal.reference not in page.locator("main").inner_text()
    page_check(page, lang, "overdue")
    page.goto(f"{live_url}/inbox")
    page.get_by_role("link", name=signal.reference).click()
    page.wait_for_url(f"**/signalen/{signal.pk}")
    page_check(page, lang, "signal")

    page.locator("form[action$='/in-behandeling-nemen'] button[type=submit]").click()
    page.wait_for_load_state()
    page_check(page, lang, "taken")
    _show_action(page, "form[action$='/notitie'] textarea")
    page.locator("form[action$='/notitie'] textarea").first.fill(
        "Spoke with the location manager: the statement was heard twice."
    )
    page.locator("form[action$='/notitie'] button[type=submit]").click()
    page.wait_for_load_state()
    page_check(page, lang, "assessed")

    _show_action(page, "#id_forward_to_unit")
    page.select_option("#id_forward_to_unit", "coa.adviseur-nv")
    page.fill("#id_forward_note", "Forwarded along the reporting route.")
    page.locator("form[action$='/doorsturen'] button[type=submit]").click()
    page.wait_for_load_state()
    assert t(lang, "Het signaal is doorgestuurd.") in page.content()
    page_check(page, lang, "forwarded")
    signal.refresh_from_db()
    assert signal.current_unit.code == "coa.adviseur-nv"

    page.goto(f"{live_url}/notificaties")
    page_check(page, lang, "notifications")
    page.goto(f"{live_url}/wacht-op-anderen")
    page_check(page, lang, "waiting-on-others")


# --- hub analyst (IND TSZ) --------------------------------------------------------------------------------------


@LANGUAGES
def test_hub_analyst_links_asks_naslag_and_puts_forward_to_the_lro(
    lang: str, browser_login: Any, page_check: Any, live_url: str, make_user: Any
) -> None:
    from django.utils import timezone

    from ketensignaal.coordination import services as lro
    from ketensignaal.coordination.models import AgendaItem
    from ketensignaal.persons.services import signal_link_person

    analyst = make_user("ind.tsz", "handler", "hub-analyst", "lro-member", username=f"hub-{lang}")
    earlier = _signal_at(make_user, unit="dtv", touchpoint="na-besluit", subject__names=[{"name": "Abdallah Hadad"}])
    signal_link_person(actor=analyst, signal_id=earlier.pk, new=True)
    signal = _signal_at(make_user, unit="dtv", touchpoint="na-besluit", subject__names=[{"name": "Abdullah Haddad"}])
    assert signal.current_unit.code == "ind.tsz"
    meeting = lro.meeting_create(actor=analyst, date=timezone.localdate() + dt.timedelta(days=7))

    page = _signed_in(browser_login, analyst, lang, page_check)
    page.goto(f"{live_url}/inbox")
    page_check(page, lang, "inbox")
    page.get_by_role("link", name=signal.reference).click()
    page.wait_for_url(f"**/signalen/{signal.pk}")
    page_check(page, lang, "signal")

    # Link to the person the earlier signal is about.
    page.get_by_role("link", name=t(lang, "Persoon koppelen: kandidaten bekijken")).click()
    page.get_by_role("heading", name=t(lang, "Mogelijke personen")).wait_for()
    page_check(page, lang, "candidates")
    page.locator("li.ks-candidate").first.locator("form button[type=submit]").first.click()
    page.get_by_role("heading", name=t(lang, "Tijdlijn van signalen")).wait_for()
    assert earlier.reference in page.content() and signal.reference in page.content()
    page_check(page, lang, "person")

    # Naslag at the AIVD.
    page.goto(f"{live_url}/signalen/{signal.pk}")
    page.get_by_role("link", name=t(lang, "Verstrekkingen en naslag")).click()
    page.wait_for_url(re.compile(r".*/verstrekkingen$"))
    page_check(page, lang, "disclosures")
    page.get_by_role("link", name=t(lang, "Naslag aanvragen bij AIVD of MIVD")).click()
    page.wait_for_url(re.compile(r".*/naslag$"))
    page_check(page, lang, "naslag-form")
    page.check("#id_own_means_exhausted")
    page.get_by_role("button", name=t(lang, "Naslag aanvragen")).click()
    page.locator("#form-errors").wait_for()
    page_check(page, lang, "naslag-refused")
    page.check("#id_other_means_insufficient")
    page.fill("#id_justification", "File, interviews and own records consulted; the police have nothing to add.")
    page.get_by_role("button", name=t(lang, "Naslag aanvragen")).click()
    page.wait_for_url(re.compile(r".*/naslag/[0-9a-f-]+$"))
    page_check(page, lang, "naslag-requested")

    # Put forward to the LRO: the recipients are shown before anything is shared.
    page.goto(f"{live_url}/lro/")
    page_check(page, lang, "meetings")
    page.goto(f"{live_url}/lro/{meeting.pk}")
    page_check(page, lang, "meeting")
    page.fill("#pf-zoek", signal.reference)
    page.get_by_role("button", name=t(lang, "Zoeken"), exact=True).click()
    page.locator(f'input[name=signal][value="{signal.pk}"]').check()
    page_check(page, lang, "put-forward-pick")
    page.fill("#pf-reason", "Two signals about the same person")
    page.fill("#pf-justification", "The members need the signal for a joint interpretation.")
    page.get_by_role("button", name=t(lang, "Volgende: ontvangers bekijken")).click()
    page.wait_for_load_state()
    page_check(page, lang, "put-forward-recipients")
    page.get_by_role("button", name=t(lang, "Bevestigen en op de agenda zetten")).click()
    page.wait_for_url(f"**/lro/{meeting.pk}")
    page_check(page, lang, "on-the-agenda")
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


# --- LRO member -------------------------------------------------------------------------------------------------


@LANGUAGES
def test_lro_member_records_a_decision_in_the_meeting(
    lang: str, browser_login: Any, page_check: Any, live_url: str, make_user: Any
) -> None:
    from django.utils import timezone

    from ketensignaal.coordination import services as lro
    from ketensignaal.coordination.models import Decision, Task
    from ketensignaal.coordination.tests.conftest import coa_signal, link, person

    users = {
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member", username=f"lro-hub-{lang}"),
        "coa": make_user("coa", "reporter", username=f"lro-coa-{lang}"),
    }
    member = make_user("politie.cter", "handler", "lro-member", username=f"lro-cter-{lang}")
    signal = coa_signal(users)
    link(signal, person("Persoon Gamma"), users["hub"])
    meeting = lro.meeting_create(actor=users["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    lro.item_put_forward(actor=users["hub"], meeting_id=meeting.pk, signal_id=signal.pk, reason="Put forward by the hub")

    page = _signed_in(browser_login, users["hub"], lang, page_check)
    page.goto(f"{live_url}/lro/")
    page_check(page, lang, "meetings")
    page.goto(f"{live_url}/lro/{meeting.pk}")
    page_check(page, lang, "meeting")
    item = page.locator("section.ks-lro-item").first
    # The agenda carries no forms: the item's own "record decision" fetches its form into place (htmx).
    assert not item.locator("select[name=decision]").count()
    item.get_by_role("link", name=t(lang, "Besluit vastleggen")).click()
    item.locator("select[name=decision]").wait_for()
    page_check(page, lang, "decision-form")
    # No default decision: "record" without a choice records nothing (point 3).
    assert item.locator("select[name=decision]").input_value() == ""
    item.locator("textarea[name=interpretation]").fill("A worrying picture across several signals")
    item.locator("input[name=due]").fill((dt.date.today() + dt.timedelta(days=21)).isoformat())
    item.get_by_role("button", name=t(lang, "Besluit vastleggen")).click()
    page.locator("section.ks-lro-item .utrecht-form-field-error-message").first.wait_for()
    assert not Decision.objects.exists()
    page_check(page, lang, "decision-errors")
    item = page.locator("section.ks-lro-item").first
    item.locator("select[name=decision]").select_option("police-cter")
    item.locator("select[name=owner]").select_option("politie.cter")
    item.get_by_role("button", name=t(lang, "Besluit vastleggen")).click()
    expect(page.locator("section.ks-lro-item").first.get_by_role("status")).to_contain_text(t(lang, "Besluit vastgelegd"))
    page_check(page, lang, "decision-recorded")
    page.get_by_role("link", name=t(lang, "Overleg afsluiten…")).click()
    page.wait_for_url(f"**/lro/{meeting.pk}/afsluiten")
    page_check(page, lang, "close-confirmation")
    page.get_by_role("button", name=t(lang, "Ja, overleg definitief afsluiten")).click()
    page.wait_for_url(f"**/lro/{meeting.pk}")
    page_check(page, lang, "closed")
    assert Decision.objects.count() == 1

    # The police CTER member finds the task with who and what.
    cter = _signed_in(browser_login, member, lang, page_check)
    cter.goto(f"{live_url}/taken")
    task_text = cter.locator("main").inner_text()
    assert "A worrying picture across several signals" in task_text and "Persoon Gamma" in task_text  # point 5
    page_check(cter, lang, "tasks")
    assert Task.objects.filter(owner_unit__code="politie.cter").exists()


# --- LIV staff --------------------------------------------------------------------------------------------------


@LANGUAGES
def test_liv_staff_runs_a_trajectory_to_its_pdf(lang: str, browser_login: Any, page_check: Any, live_url: str) -> None:
    from ketensignaal.identity.models import User
    from ketensignaal.trajectories.models import LivTrajectory
    from ketensignaal.trajectories.tests.conftest import signal_for

    _liv_setup()
    coa = _signed_in(browser_login, "coa.bv", lang, page_check)
    signal = signal_for(User.objects.get(username="coa.bv"))
    coa.goto(f"{live_url}/liv/aanmelden")
    page_check(coa, lang, "request-form")
    coa.fill("#id_signal", signal.reference)
    coa.locator("#signaal-zoeken button[type=submit]").click()
    coa.locator(f"#signaal-{signal.pk}").wait_for()
    page_check(coa, lang, "request-signal-found")
    coa.check(f"#signaal-{signal.pk}")
    coa.select_option("#id_client", "coa")
    coa.fill("#id_question", "Resident talks about violence and does not sleep; please interpret and advise on care.")
    coa.locator("#aanmelden button[type=submit]").click()
    coa.wait_for_load_state()
    page_check(coa, lang, "requested")
    trajectory = LivTrajectory.objects.get()

    liv = _signed_in(browser_login, "liv.staf", lang, page_check)
    _start_page_offers(liv, lang, "/liv/")
    liv.goto(f"{live_url}/liv/")
    page_check(liv, lang, "overview")
    liv.get_by_role("link", name=trajectory.reference).click()
    liv.wait_for_url(f"**/liv/{trajectory.pk}")
    page_check(liv, lang, "weighing")
    for code in ("binnen-opdracht", "proportionaliteit", "legitimiteit", "opdrachtgever"):
        liv.check(f"#c-{code}-ja")
        liv.fill(f"#c-{code}-toelichting", "Weighed in the weighing meeting.")
    liv.check("#besluit-ja")
    _liv_submit(liv, "#weging button[type=submit]", t(lang, "De weging is vastgelegd."))
    page_check(liv, lang, "accepted")
    liv.select_option("#expert", index=1)
    _liv_submit(liv, "#expert-toewijzen button[type=submit]", t(lang, "Het teamlid is toegewezen."))

    _liv_format(
        liv, lang, "intake", {"aanleiding": "Report after statements in the common room.", "beschikbare_informatie": "Signal."}
    )
    _liv_advance(liv)
    page_check(liv, lang, "interpretation")
    # One factor form, one "Vastleggen" (nothing preselected).
    for code, explanation in (("geweld-herkomst", "Talks about bombings."), ("sociale-steun", "A cousin visits him.")):
        liv.check(f"#p-{code}-present")
        liv.fill(f"#e-{code}", explanation)
        liv.fill(f"#s-{code}", "Conversation with the person")
    liv.locator("form#factoren button[type=submit]").click()
    liv.wait_for_load_state()
    assert t(lang, "Niet opgeslagen:") not in liv.locator("main").inner_text()
    _liv_format(liv, lang, "interpretation", {"verloop_gesprekken": "Two conversations.", "duiding": "Trauma complaints."})
    page_check(liv, lang, "interpreted")
    _liv_advance(liv)
    _liv_format(liv, lang, "advice", {"samenvatting": "No signs of radicalisation.", "zorg_ondersteuning": "Trauma care."})
    _liv_format(liv, lang, "closure", {"afstemming_opdrachtgever": "Discussed with COA."})
    liv.check("#concl-no-radicalisation")
    liv.fill("#advies", "Refer to trauma care; day activities at the location.")
    _liv_submit(liv, "#conclusie button[type=submit]", t(lang, "Conclusie en advies zijn vastgelegd."))
    page_check(liv, lang, "advice")
    with liv.expect_download(timeout=90_000) as info:  # the PDF is rendered on request; slow on a loaded machine
        liv.locator("#rapport-download").click(timeout=90_000)
    pdf = open(info.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF")
    _liv_submit(
        liv, "form[action$='/verstrekken'] button[type=submit]", t(lang, "Het adviesrapport is verstrekt aan de opdrachtgever.")
    )
    _liv_advance(liv)
    page_check(liv, lang, "closed")

    coa.goto(f"{live_url}/liv/{trajectory.pk}")
    page_check(coa, lang, "client-view")


def _liv_setup() -> None:
    from django.utils import timezone

    from ketensignaal.trajectories.catalogue import catalogue_load
    from ketensignaal.trajectories.models import Expert, ExpertAvailability

    catalogue_load()
    expert = Expert.objects.create(name="Dr. Samira Haddou", expertise=["interpreter-of-radicalisation"], languages=["nl", "ar"])
    today = timezone.localdate()
    ExpertAvailability.objects.create(
        expert=expert, starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=100)
    )


def _liv_submit(page: Any, selector: str, expected: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
    assert expected in page.content(), page.locator("main").inner_text()[:2000]


def _liv_format(page: Any, lang: str, phase: str, values: dict[str, str]) -> None:
    for key, value in values.items():
        page.fill(f"#f-{phase}-{key}", value)
    _liv_submit(page, f"#format-{phase} button[type=submit]", t(lang, "Het format is opgeslagen."))


def _liv_advance(page: Any) -> None:
    before = page.locator("#fase").inner_text()
    page.locator("form[action$='/volgende-fase'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#fase").inner_text() != before, page.locator("main").inner_text()[:2000]


# --- privacy officer --------------------------------------------------------------------------------------------


@LANGUAGES
def test_privacy_officer_checks_the_log_access_and_a_subject_request(
    lang: str, browser_login: Any, page_check: Any, live_url: str, make_user: Any
) -> None:
    from ketensignaal.persons.services import signal_link_person

    analyst = make_user("ind.tsz", "hub-analyst", "reporter", username=f"po-analyst-{lang}")
    signal = _signal_at(make_user, unit="dtv", touchpoint="na-besluit")
    signal_link_person(actor=analyst, signal_id=signal.pk, new=True)

    page = _signed_in(browser_login, "privacy", lang, page_check)
    _start_page_offers(page, lang, "/privacy/verwerkingenlog", "/privacy/inzagecontrole", "/privacy/verzoeken")
    page.goto(f"{live_url}/privacy/verwerkingenlog")
    page_check(page, lang, "log")
    page.goto(f"{live_url}/privacy/verwerkingsregister")
    page_check(page, lang, "register")
    page.goto(f"{live_url}/privacy/verwerkingsregister/lro")
    page_check(page, lang, "register-entry")
    page.goto(f"{live_url}/privacy/inzagecontrole")
    page_check(page, lang, "access-review")
    page.locator("main form input[type=search], main form input[type=text]").first.fill("Mohamed al Hasan")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page_check(page, lang, "access-review-search")
    page.get_by_role("link", name="Mohammed al-Hassan").first.click()
    page.wait_for_load_state()
    page_check(page, lang, "access-review-person")

    page.goto(f"{live_url}/privacy/verzoeken")
    page_check(page, lang, "requests")
    page.get_by_role("link", name=t(lang, "Een nieuw verzoek registreren")).click()
    page.get_by_role("heading", name=t(lang, "Verzoek van een betrokkene registreren")).wait_for()
    page_check(page, lang, "request-new")
    page.get_by_label(t(lang, "Inzage")).check()
    page.get_by_label(t(lang, "Naam van de betrokkene")).fill("Mohammed al-Hassan")
    page.get_by_role("button", name=t(lang, "Verzoek registreren")).click()
    page.get_by_role("heading", name=t(lang, "Wie is de verzoeker?")).wait_for()
    page_check(page, lang, "request-candidates")
    page.get_by_label("Mohammed al-Hassan", exact=False).first.check()
    page.get_by_label(t(lang, "Waarom is dit de verzoeker (of niet)?")).fill("Name and month of birth match; passport copy seen.")
    page.get_by_role("button", name=t(lang, "Keuze vastleggen")).click()
    page.get_by_role("heading", name=t(lang, "Gevonden gegevens")).wait_for()
    page_check(page, lang, "request-items")
    items = page.locator("article")
    for index in range(items.count()):
        item = page.locator("article").nth(index)
        item.get_by_label(t(lang, "Verstrekken"), exact=True).check()
        item.get_by_role("button", name=t(lang, "Beslissing opslaan")).click()
        page.get_by_text(t(lang, "De beslissing is vastgelegd.")).first.wait_for()
    page_check(page, lang, "request-decided")
    page.get_by_role("button", name=t(lang, "Verzoek beantwoorden")).click()
    page.get_by_role("link", name=t(lang, "Het antwoord downloaden (PDF)")).wait_for()
    page_check(page, lang, "request-answered")


# --- functional administrator -----------------------------------------------------------------------------------


@LANGUAGES
def test_functional_admin_changes_the_configuration(lang: str, browser_login: Any, page_check: Any, live_url: str) -> None:
    from ketensignaal.configuration.models import SettingKey
    from ketensignaal.configuration.selectors import clear, setting_unit_codes

    page = _signed_in(browser_login, "beheer", lang, page_check)
    _start_page_offers(page, lang, "/ketenconfiguratie")
    page.get_by_role("link", name=t(lang, "Ketenconfiguratie")).first.click()
    page.wait_for_url(f"{live_url}/ketenconfiguratie")
    page_check(page, lang, "configuration")
    page.locator("a[href$='/lro-member-units/wijzigen']").click()
    page.wait_for_url("**/lro-member-units/wijzigen")
    page_check(page, lang, "change-form")
    page.locator("input[type=checkbox][value='politie.cter']").uncheck()
    page.locator("input[type=checkbox][value='politie.drio']").check()
    page.get_by_label(t(lang, "Reden van de wijziging")).fill("DRIO takes the place of CTER")
    page.get_by_role("button", name=t(lang, "Wijziging vastleggen")).click()
    page.wait_for_url(f"{live_url}/ketenconfiguratie")
    page_check(page, lang, "changed")
    clear()
    assert "politie.drio" in setting_unit_codes(SettingKey.LRO_MEMBER_UNITS)

    # The rest of the configuration lives in the admin (ADR 0015), in the user's language.
    page.get_by_role("link", name=t(lang, "Beheer")).click()
    page.wait_for_load_state()
    page_check(page, lang, "admin-index")
