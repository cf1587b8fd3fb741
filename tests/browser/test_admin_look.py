"""Issue 10, point 8 (ADR 0015): the functional administration is the Django admin, in Dutch and in the product's
look — its colours and font, a link back to the product, Dutch placeholders — and without WCAG 2.2 AA violations."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_admin_index_and_a_change_form_in_dutch_and_accessible(
    browser_login: Any, axe_check: Any, make_user: Any, live_url: str
) -> None:
    page = browser_login(make_user("coa", "functional-admin"))
    page.goto(f"{live_url}/beheer/")
    assert page.locator("#site-name").inner_text().startswith("Ketensignaal")
    back = page.get_by_role("link", name="Terug naar Ketensignaal")
    assert back.is_visible()
    header_bg = page.locator("#header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_bg == "rgb(21, 66, 115)"  # the product's primary colour, #154273
    assert "Sitebeheer" in page.content() or "beheer" in page.title().lower()
    axe_check(page, label="admin-index")

    page.goto(f"{live_url}/beheer/webhooks/subscription/add/")
    page.locator("#id_unit").wait_for()
    options = page.locator("#id_unit option").all_inner_texts()
    assert options[0] == "- Kies een optie -"
    assert "Select an option" not in page.content()
    axe_check(page, label="admin-change-form")

    # A change list: the row checkboxes, the sort links and the filters are targets of at least 24 by 24 pixels (or
    # spaced so) — axe's target-size rule, WCAG 2.2 SC 2.5.8.
    make_user("coa", "reporter")
    page.goto(f"{live_url}/beheer/identity/user/")
    page.locator("#result_list").wait_for()
    axe_check(page, label="admin-change-list")
    page.goto(f"{live_url}/beheer/identity/unit/")
    page.locator("#result_list").wait_for()
    axe_check(page, label="admin-change-list-units")

    page.get_by_role("link", name="Terug naar Ketensignaal").click()
    page.wait_for_url(f"{live_url}/")
