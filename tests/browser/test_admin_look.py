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
    assert options[0] == "— kies —"  # as the product's own selects (ADR 0015)
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


def _fits(page: Any, selector: str) -> tuple[int, int]:
    """(content width, visible width) of the first element matching ``selector``: equal when nothing is cut off."""
    return page.locator(selector).first.evaluate("e => [e.scrollWidth, e.clientWidth]")


def test_route_list_and_route_form_fit_1280_in_dutch_names_and_accessible(
    browser_login: Any, axe_check: Any, screenshot: Any, make_user: Any, live_url: str
) -> None:
    """Issue 10: the route list showed codes ("(coa)", "reference-data") and was cut off at 1280 pixels."""
    admin_user = make_user("coa", "functional-admin")
    admin_user.is_staff = True
    admin_user.save()
    page = browser_login(admin_user)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{live_url}/beheer/routing/route/")
    page.locator("#result_list").wait_for()
    table = page.locator("#result_list")
    headers = table.locator("thead th").all_text_contents()  # (inner text is upper-cased by the admin's style)
    assert any("Organisatie" in h for h in headers) and any("Vastgesteld door" in h for h in headers)
    text = table.text_content() or ""
    assert "COA, Centraal Orgaan opvang asielzoekers" in text
    assert "(coa)" not in text and "reference-data" not in text
    assert "Referentiegegevens (installatie)" in text
    screenshot(page, label="admin-route-list-1280")
    content, visible = _fits(page, "#changelist .results")
    assert content <= visible, f"route list cut off at 1280 px: {content} > {visible}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    axe_check(page, label="admin-route-list")

    table.get_by_role("link", name="COA, Centraal Orgaan opvang asielzoekers").click()
    page.locator("#route_form").wait_for()
    form_text = page.locator("#content").text_content() or ""
    assert "Referentiegegevens (installatie)" in form_text and "reference-data" not in form_text
    options = page.locator("select[name$='-to_unit']").first.locator("option").all_inner_texts()
    assert "COA" in options and not any(o.endswith(")") and "(coa" in o for o in options)
    screenshot(page, label="admin-route-change-form-1280")
    content, visible = _fits(page, "#edges-group")
    assert content <= visible, f"route form's edges cut off at 1280 px: {content} > {visible}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    axe_check(page, label="admin-route-change-form")


def test_every_change_list_fits_1280_and_is_accessible(browser_login: Any, axe_check: Any, make_user: Any, live_url: str) -> None:
    """Every list the functional administrator can open: nothing cut off at 1280 pixels, 0 axe violations."""
    from django.contrib import admin

    admin_user = make_user("coa", "functional-admin")
    admin_user.is_staff = True
    admin_user.save()
    page = browser_login(admin_user)
    page.set_viewport_size({"width": 1280, "height": 800})
    opened = 0
    for model in admin.site._registry:
        meta = model._meta
        page.goto(f"{live_url}/beheer/{meta.app_label}/{meta.model_name}/")
        page.locator("#changelist").wait_for()
        opened += 1
        if page.locator("#changelist .results").count():
            content, visible = _fits(page, "#changelist .results")
            assert content <= visible, f"{meta.label} cut off at 1280 px: {content} > {visible}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, meta.label
        axe_check(page, label=f"admin-list-{meta.app_label}-{meta.model_name}")
    assert opened >= 20
