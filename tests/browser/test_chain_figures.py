"""Issue 14, done-when (part): the chain dashboard shows a chart and a suppressed cell for an external audience,
exports XLSX, and the coordinating unit writes a period narrative. Every page passes axe-core (WCAG 2.2 AA)
without CSP violations; the training registry page too."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _signals() -> None:
    from ketensignaal.identity.models import User
    from ketensignaal.reporting.tests.factories import at, figure_signal

    reporter = User.objects.get(username="coa.terapel")
    for _ in range(12):
        figure_signal(reporter, created=at(2026, 3), category="radicalisering")
    for _ in range(2):
        figure_signal(reporter, created=at(2026, 4), category="terrorisme")


def test_chain_dashboard_chart_suppression_xlsx_and_narrative(browser_login: Any, axe_check: Any, live_url: str) -> None:
    browser_login("coa.terapel").close()  # creates the reporting demo account
    _signals()
    hub = browser_login("ind.tsz")
    hub.goto(f"{live_url}/cijfers/?from=2026-03-01&to=2026-04-30&audience=external")
    assert hub.locator("svg.ks-chart[role=img]").first.is_visible()
    assert hub.locator("td[data-suppressed=true]").count() > 0
    assert "kleiner dan 10" in hub.content()
    axe_check(hub)

    with hub.expect_download() as download_info:
        hub.locator("a[href*='/cijfers/signals.xlsx']").click()
    content = download_info.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>12</v>" in sheet and "onderdrukt" in sheet

    hub.fill("#n-period", "2026-T1")
    hub.fill("#n-went-well", "Signalen van de locaties kwamen binnen twee werkdagen bij TSZ.")
    hub.fill("#n-got-stuck", "Terugkoppeling aan melders bleef achter.")
    hub.locator("form[action$='/cijfers/toelichting'] button[type=submit]").click()
    hub.wait_for_load_state()
    assert "is opgeslagen" in hub.content()
    axe_check(hub)


def test_training_registry_page_is_accessible(browser_login: Any, axe_check: Any, live_url: str) -> None:
    page = browser_login("coa.bv")
    page.goto(f"{live_url}/opleidingen/")
    assert "Opleidingen en sleutelfiguren" in page.content()
    page.fill("#t-date", "2026-09-01")
    page.locator("form[action$='/opleidingen/registreren'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Geregistreerd" in page.content()
    axe_check(page)


def test_progress_report_on_the_action_programme_and_its_pdf(browser_login: Any, axe_check: Any, live_url: str) -> None:
    from ketensignaal.reporting.programme import today

    now = today()
    period = f"{now.year}-T{(now.month - 1) // 4 + 1}"
    hub = browser_login("ind.tsz")
    hub.goto(f"{live_url}/cijfers/")
    hub.locator("a[href$='/cijfers/actieprogramma/']").click()
    hub.wait_for_load_state()
    assert "Openbaar Ministerie" in hub.content()
    axe_check(hub, label="programme-index")

    hub.locator(f"a[href$='/cijfers/actieprogramma/{period}/']").first.click()
    hub.wait_for_load_state()
    hub.fill("#p-summary", "Preventie en lokale aanpak lopen; de financiële aanpak vraagt meer afstemming.")
    hub.select_option("#status-1", "applied")
    hub.fill("#narrative-1", "Bij elke bekende aansluiting is een onderzoek gestart.")
    hub.select_option("#status-13", "implemented")
    hub.fill("#narrative-24", "Geboren 03-04-2004 — voorbeeld dat de controle moet tegenhouden.")
    hub.select_option("#status-24", "not-implemented")
    hub.locator("form[action$='/opslaan'] button[type=submit]").click()
    hub.wait_for_load_state()
    assert "persoonsgegevens" in hub.content()
    axe_check(hub, label="programme-report-refused")

    hub.fill("#narrative-24", "Nog geen aanbod voor het mbo.")
    hub.locator("form[action$='/opslaan'] button[type=submit]").click()
    hub.wait_for_load_state()
    assert "is opgeslagen" in hub.content()
    axe_check(hub, label="programme-report-saved")

    with hub.expect_download() as download_info:
        hub.locator(f"a[href$='/cijfers/actieprogramma/{period}.pdf']").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
