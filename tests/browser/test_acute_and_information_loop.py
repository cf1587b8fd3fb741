"""Issue 10, points 2 and 4, walked in the browser (Dutch UI, axe-core on every page, a screenshot of each).

The acute path: "Volgende" without a choice is an error at the field; an acute signal lands at once with the unit
on duty for acute signals (due in hours) and heads every inbox that has it; the IND TSZ alarm leads to a page where
TSZ takes it over, and then closes it with an outcome.

The information-request loop: TSZ asks the COA adviser a question; the adviser is notified, finds the question at
the top of the signal and answers in place; meanwhile TSZ keeps the signal in "Wacht op anderen"; the answer brings
the signal back to TSZ with the answer in its history.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _show_action(page: Any, field: str) -> None:
    """Actions other than the state's primary one wait behind "Andere acties": open it when the field is hidden."""
    if not page.locator(field).is_visible():
        page.locator("details.ks-more-actions > summary").click()


def test_acute_signal_from_report_to_taken_over_and_closed(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any
) -> None:
    tsz_user = make_user("ind.tsz", "handler", "hub-analyst", username="acuut-tsz")
    police_user = make_user("politie.cter", "handler", username="acuut-cter")

    reporter = browser_login("coa.terapel")
    reporter.goto(f"{live_url}/signalen/nieuw")
    reporter.get_by_role("button", name="Volgende").click()
    reporter.wait_for_load_state()
    # No reload without a word: the error is at the question, and the summary links to it.
    assert reporter.locator("#id_acuut_error").is_visible()
    assert "Kies Ja of Nee" in reporter.locator("#id_acuut_error").inner_text()
    axe_check(reporter, label="acute-question-error")
    reporter.get_by_label("Ja", exact=True).check()
    reporter.get_by_role("button", name="Volgende").click()
    reporter.wait_for_url("**/signalen/nieuw?stap=acuut&acuut=ja")

    reporter.fill("#id_names-0-name", "Karim Haddad")
    reporter.fill("#id_dob_year", "1990")
    reporter.fill("#id_dob_month", "3")  # as the hint writes it
    reporter.select_option("#id_observation_type", "statement")
    reporter.fill("#id_observation_text", "Kondigde in de eetzaal aan vanavond iemand iets aan te doen.")
    reporter.locator("input[name=categories][value=openbare-orde]").check()
    reporter.select_option("#id_touchpoint", "opvanglocatie")
    reporter.get_by_role("button", name="Signaal versturen").click()
    reporter.wait_for_url(re.compile(r".*/signalen/[0-9a-f-]+/bevestiging$"))
    axe_check(reporter, label="acute-confirmation")

    from ketensignaal.intake.models import Signal

    signal = Signal.objects.get(names__name="Karim Haddad")
    assert signal.date_of_birth == "1990-03"
    assert signal.current_unit.code == "politie.cter" and (signal.due_at - signal.arrived_at).total_seconds() <= 24 * 3600

    # The unit on duty has it at the top of its inbox.
    police = browser_login(police_user)
    police.goto(f"{live_url}/inbox")
    assert signal.reference in police.locator("#inbox-results tbody tr").first.inner_text()
    axe_check(police, label="duty-unit-inbox")

    # IND TSZ got the alarm: its inbox shows the signal on top, the notification leads to a page to act on.
    tsz = browser_login(tsz_user)
    tsz.goto(f"{live_url}/inbox")
    assert signal.reference in tsz.locator("#h-acute-elsewhere + p + ul").inner_text()
    axe_check(tsz, label="alarmed-unit-inbox")
    tsz.goto(f"{live_url}/notificaties")
    axe_check(tsz, label="alarm-notification")
    tsz.get_by_role("link", name=signal.reference).first.click()
    tsz.wait_for_url(f"**/signalen/{signal.pk}")
    take_over = tsz.get_by_role("button", name="Overnemen en in behandeling nemen")
    assert take_over.is_visible()
    axe_check(tsz, label="alarm-signal-page")
    take_over.click()
    tsz.wait_for_load_state()
    assert "U heeft het acute signaal overgenomen" in tsz.content()
    axe_check(tsz, label="taken-over")
    _show_action(tsz, "#id_close_outcome")
    tsz.select_option("#id_close_outcome", "referred-police-cter")
    tsz.fill("#id_close_note", "Politie was ter plaatse; verdere opvolging bij CTER.")
    tsz.locator("form[action$='/afsluiten'] button[type=submit]").click()
    tsz.get_by_role("button", name="Bevestigen").click()  # closing is irreversible: confirmed first
    tsz.wait_for_load_state()
    assert "Het signaal is afgesloten." in tsz.content()
    signal.refresh_from_db()
    assert signal.status == "closed" and signal.outcome == "referred-police-cter"


def test_information_request_loop(browser_login: Any, axe_check: Any, live_url: str, make_user: Any) -> None:
    from ketensignaal.routing import services
    from ketensignaal.routing.tests.factories import submit

    reporter = make_user("coa.locatie.ter-apel", username="loop-melder")
    bureau = make_user("coa.bureau-veiligheid", "handler", username="loop-bv")
    adviser = make_user("coa.adviseur-nv", "handler", username="loop-adviseur")
    tsz_user = make_user("ind.tsz", "handler", "hub-analyst", username="loop-tsz")
    signal = submit(reporter)
    services.signal_forward(actor=bureau, signal_id=signal.pk, to_unit="coa.adviseur-nv", channel="web")
    services.signal_forward(
        actor=adviser, signal_id=signal.pk, to_unit="ind.tsz", justification="Mogelijke steun aan terrorisme.", channel="web"
    )

    # TSZ asks the adviser a question.
    tsz = browser_login(tsz_user)
    tsz.goto(f"{live_url}/signalen/{signal.pk}")
    tsz.get_by_role("button", name="In behandeling nemen").first.click()
    tsz.wait_for_load_state()
    _show_action(tsz, "#id_return_note")
    tsz.fill("#id_return_note", "Wie hoorde de uitspraak, en op welke dag?")
    tsz.locator("form[action$='/terugsturen'] button[type=submit]").click()
    tsz.wait_for_load_state()
    assert "Uw eenheid wacht op een antwoord" in tsz.content()
    axe_check(tsz, label="asker-waits")
    tsz.goto(f"{live_url}/wacht-op-anderen")
    assert signal.reference in tsz.content() and "Wie hoorde de uitspraak" in tsz.content()
    axe_check(tsz, label="waiting-on-others")

    # The adviser is notified and answers at the top of the signal.
    page = browser_login(adviser)
    page.goto(f"{live_url}/notificaties")
    assert "Informatie gevraagd" in page.content()
    axe_check(page, label="question-notification")
    page.get_by_role("link", name=signal.reference).first.click()
    page.wait_for_url(f"**/signalen/{signal.pk}")
    question = page.locator("section.ks-question")
    assert "Wie hoorde de uitspraak" in question.inner_text()
    assert page.locator("#id_forward_to_unit").count() == 0  # no forward panel over every unit of the chain
    axe_check(page, label="question-at-top")
    page.fill("#id_answer_answer", "Twee medebewoners, los van elkaar, op dinsdag 17 november.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_load_state()
    assert "Uw antwoord is verstuurd" in page.content()

    # Back with TSZ, the answer in the history, nothing left waiting.
    tsz.goto(f"{live_url}/signalen/{signal.pk}")
    assert "Vraag beantwoord" in tsz.content() and "Twee medebewoners" in tsz.content()
    axe_check(tsz, label="answer-back-with-asker")
    tsz.goto(f"{live_url}/wacht-op-anderen")
    assert "Uw eenheid wacht nu op geen enkel antwoord." in tsz.content()
    signal.refresh_from_db()
    assert signal.current_unit.code == "ind.tsz" and signal.assigned_to_id == tsz_user.pk


def test_lro_put_forward_decide_change_and_close_with_confirmation(
    browser_login: Any, axe_check: Any, live_url: str, make_user: Any
) -> None:
    """Issue 10, point 3: recipients shown before sharing, no default decision, a change, a confirmed close."""
    import datetime as dt

    from django.utils import timezone

    from ketensignaal.coordination import services
    from ketensignaal.coordination.models import Decision, Meeting
    from ketensignaal.coordination.tests.conftest import coa_signal

    users = {
        "hub": make_user("ind.tsz", "handler", "hub-analyst", "lro-member", username="pad-hub"),
        "coa": make_user("coa", "reporter", username="pad-coa"),
    }
    signal = coa_signal(users)
    meeting = services.meeting_create(actor=users["hub"], date=timezone.localdate() + dt.timedelta(days=7))
    hub = browser_login(users["hub"])
    hub.goto(f"{live_url}/lro/{meeting.pk}")
    hub.fill("#pf-zoek", "Mohammed")  # by the name as reported: no reference to type
    hub.get_by_role("button", name="Zoeken", exact=True).click()
    radio = hub.locator(f'input[name=signal][value="{signal.pk}"]')
    radio.check()
    # The radio sits beside its label (the Utrecht radio field), not half a page away from it.
    box, text = radio.bounding_box(), hub.locator(f'label[for="{radio.get_attribute("id")}"]').bounding_box()
    assert box and text and 0 <= text["x"] - (box["x"] + box["width"]) <= 16, (box, text)
    axe_check(hub, label="put-forward-pick")
    hub.fill("#pf-reason", "Zorgen over meerdere meldingen")
    hub.fill("#pf-justification", "De leden hebben het signaal nodig voor een gezamenlijke duiding.")
    hub.get_by_role("button", name="Volgende: ontvangers bekijken").click()
    hub.wait_for_load_state()
    assert "Wie ontvangt het signaal" in hub.content()
    axe_check(hub, label="put-forward-recipients")
    hub.get_by_role("button", name="Bevestigen en op de agenda zetten").click()
    hub.wait_for_url(f"**/lro/{meeting.pk}")

    item = hub.locator("section.ks-lro-item").first
    item.get_by_role("link", name="Besluit vastleggen").click()  # the item's form, fetched into place
    item.locator("textarea[name=interpretation]").fill("Zorgelijk beeld")
    item.locator("input[name=due]").fill((dt.date.today() + dt.timedelta(days=21)).isoformat())
    item.get_by_role("button", name="Besluit vastleggen").click()
    hub.locator("section.ks-lro-item .utrecht-form-field-error-message").first.wait_for()
    assert "Kies het afgesproken vervolg." in hub.locator("section.ks-lro-item").first.inner_text()
    axe_check(hub, label="decision-errors-at-fields")
    assert not Decision.objects.exists()
    item = hub.locator("section.ks-lro-item").first
    item.locator("select[name=decision]").select_option("monitoring")
    item.locator("select[name=owner]").select_option("politie.cter")
    item.get_by_role("button", name="Besluit vastleggen").click()
    hub.get_by_text("Besluit vastgelegd").wait_for()
    hub.get_by_role("link", name="Besluit wijzigen of intrekken").click()
    item = hub.locator("section.ks-lro-item").first
    item.get_by_role("button", name="Wijziging opslaan").wait_for()
    axe_check(hub, label="decision-change-form")
    item.locator("textarea[name=interpretation]").first.fill("Zorgelijk beeld; volgen via de wijkagent")
    item.get_by_role("button", name="Wijziging opslaan").click()
    hub.get_by_text("Het besluit is gewijzigd.").wait_for()
    axe_check(hub, label="decision-changed")
    assert Decision.objects.get().interpretation == "Zorgelijk beeld; volgen via de wijkagent"

    hub.get_by_role("link", name="Overleg afsluiten…").click()
    hub.wait_for_url(f"**/lro/{meeting.pk}/afsluiten")
    axe_check(hub, label="close-confirmation")
    hub.get_by_role("button", name="Ja, overleg definitief afsluiten").click()
    hub.wait_for_url(f"**/lro/{meeting.pk}")
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"
