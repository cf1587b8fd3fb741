"""Issue 10: the header does not wrap at 1280 pixels for any role, however many menus its roles open: what does not
fit goes under "Meer". The header names the person and their unit, never the account name."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROLES = [
    ("ind.tsz", ("handler", "hub-analyst", "lro-member")),
    ("ind", ("privacy-officer",)),
    ("ind.tsz", ("privacy-officer", "handler", "hub-analyst", "lro-member", "reporter", "functional-admin")),
]


def _lines(page: Any) -> set[int]:
    items = page.locator(".ks-nav__list > li")
    return set(items.evaluate_all("items => items.map(i => Math.round(i.getBoundingClientRect().top))"))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("unit", "roles"), ROLES)
def test_the_main_menu_is_one_line_at_1280_pixels(
    browser_login: Any, make_user: Any, page_check: Any, unit: str, roles: tuple[str, ...], language: str
) -> None:
    user = make_user(unit, *roles, first_name="Eva", last_name="Mulder")
    page = browser_login(user)
    page.set_viewport_size({"width": 1280, "height": 800})
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert len(_lines(page)) == 1, f"the menu wraps onto {len(_lines(page))} lines"
    header = page.locator(".ks-header__user").inner_text()
    assert "Eva Mulder" in header and user.unit.name in header and user.username not in header
    more = page.locator(".ks-nav__more summary")
    if more.count():
        more.click()
        menu = page.locator(".ks-nav__menu a")
        assert menu.count() >= 1 and menu.first.is_visible()
    # API tokens live in the account footer, not in every header (issue 10); sign-out and the language switch look
    # like buttons (a border and a fill), not like text.
    assert page.locator(".ks-header a[href$='/api-tokens']").count() == 0
    assert page.locator(".ks-footer a[href$='/api-tokens']").count() == 1
    for button in (page.locator(".ks-header__user button").first, page.locator(".ks-lang button").first):
        border, fill = button.evaluate("b => [getComputedStyle(b).borderTopWidth, getComputedStyle(b).backgroundColor]")
        assert border != "0px" and fill not in ("rgba(0, 0, 0, 0)", "transparent"), (border, fill)
    page_check(page, language, label=f"header-1280-{'-'.join(roles)[:40]}")
    every = page.locator(".ks-nav a").count()
    assert every >= (12 if "privacy-officer" in roles and len(roles) > 1 else 4), "control: the roles open many entries"
