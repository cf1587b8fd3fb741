"""Issue 10, point 8: the header does not wrap at 1280 pixels, even for a user whose roles open many menus."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_the_main_menu_is_one_line_at_1280_pixels(browser_login: Any, make_user: Any, screenshot: Any) -> None:
    page = browser_login(make_user("ind.tsz", "handler", "hub-analyst", "lro-member", username="kop-hub"))
    page.set_viewport_size({"width": 1280, "height": 800})
    items = page.locator(".ks-nav__list > li")
    assert items.count() >= 12
    tops = set(items.evaluate_all("items => items.map(i => Math.round(i.getBoundingClientRect().top))"))
    screenshot(page, "header-1280")
    assert len(tops) == 1, f"the menu wraps onto {len(tops)} lines"
