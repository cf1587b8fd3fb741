"""The browser-test fixtures themselves work: a demo account signs in with TOTP and lands on the home page."""

import pytest


@pytest.mark.browser
def test_browser_login_lands_signed_in_on_home(browser_login, live_url):
    page = browser_login("coa.bv")
    assert page.url == f"{live_url}/"
    assert page.locator("h1").first.is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()


@pytest.mark.browser
def test_two_logins_of_the_same_user_in_one_time_step(browser_login, make_user):
    user = make_user("ind.tsz", "handler")
    first = browser_login(user)
    second = browser_login(user)
    assert first.url == second.url


@pytest.mark.browser
def test_axe_check_runs_and_reports_violations(new_page, live_url, axe_check):
    page = new_page()
    page.goto(f"{live_url}/inloggen")
    page.set_content("<html><body><img src='x.png'></body></html>")  # no lang, no alt: must be reported
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check(page)
