"""Issue 9 item 7: who may do what is decided by capability functions in each context's ``scopes.py``; templates
render from them (``nav.<entry>``) and never test a role, so a link is shown exactly when its page opens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ketensignaal.identity.models import RoleCode
from ketensignaal.routing import services as routing
from ketensignaal.routing.scopes import signal_actions
from ketensignaal.routing.tests.factories import submit
from ketensignaal.routing.workflow import Action

SRC = Path(__file__).resolve().parents[2]
ROLE_CODES = sorted(RoleCode.values)


def test_no_template_decides_by_role() -> None:
    role_in_tag = re.compile(r"{%[^%]*(nav_roles|has_role|role_codes|[\"'](" + "|".join(map(re.escape, ROLE_CODES)) + r")[\"'])")
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("templates/**/*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if role_in_tag.search(line)
    ]
    assert offenders == [], "use a capability from the context's scopes.py (nav.<entry> or a view flag), not a role"


NAV = re.compile(r'<nav class="ks-nav".*?</nav>', re.S)
HREF = re.compile(r'href="(/[^"]*)"')

USERS = [
    ("coa.locatie.ter-apel", ("reporter",)),
    ("coa.bureau-veiligheid", ("handler",)),
    ("ind.tsz", ("hub-analyst", "handler", "lro-member")),
    ("ind.tsz", ("privacy-officer",)),
    ("politie.avim", ("privacy-officer",)),  # outside the IND: no ambtsberichten, so no link to them
    ("lse.liv", ("liv-staff",)),
    ("gemeente.utrecht", ("case-director",)),
    ("ind.tsz", ("functional-admin",)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "roles"), USERS)
def test_every_navigation_link_opens(make_user: Any, web_client_for: Any, unit: str, roles: tuple[str, ...]) -> None:
    user = make_user(unit, *roles)
    web = web_client_for(user)
    home = web.get("/")
    assert home.status_code == 200
    links = [href for href in HREF.findall(NAV.search(home.content.decode()).group(0)) if href != "/"]
    assert links, "control: every role has somewhere to go"
    for href in links:
        response = web.get(href)
        assert response.status_code == 200, f"{unit} {roles}: the menu offers {href}, which answers {response.status_code}"


@pytest.mark.django_db
def test_privacy_officer_outside_the_ind_is_not_offered_ambtsberichten(make_user: Any, web_client_for: Any) -> None:
    html = web_client_for(make_user("politie.avim", "privacy-officer")).get("/").content.decode()
    assert "/ambtsberichten" not in html
    assert "/ambtsberichten" in web_client_for(make_user("ind.tsz", "privacy-officer")).get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("roles", [("reporter",), ("handler",), ("hub-analyst",)])
def test_the_signal_page_offers_a_step_exactly_when_the_service_accepts_it(
    make_user: Any, web_client_for: Any, roles: tuple[str, ...]
) -> None:
    signal = submit(make_user("coa.locatie.ter-apel", "reporter"))
    user = make_user("coa.bureau-veiligheid", *roles)
    offered = signal_actions(user, signal)
    page = web_client_for(user).get(f"/signalen/{signal.pk}").content.decode()
    assert ("in-behandeling-nemen" in page) == (Action.TAKE in offered)
    try:
        routing.signal_take(actor=user, signal_id=signal.pk, channel="web")
        accepted = True
    except routing.NotAllowed:
        accepted = False
    assert accepted == (Action.TAKE in offered), roles


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_bar_keeps_to_its_width_and_the_rest_is_under_more(make_user: Any, language: str) -> None:
    """Issue 10: however many roles, the header's bar stays within what fits at 1280 pixels (measured by
    tests/browser/test_header_one_line.py); every entry the roles open is offered once, in the bar or under "Meer"."""
    from django.utils import translation

    from ketensignaal.web.context_processors import BAR_CHARACTERS, GAP_CHARACTERS, navigation_entries, navigation_menu

    user = make_user("ind.tsz", *ROLE_CODES)
    entries = navigation_entries(user)
    with translation.override(language):
        bar, more = navigation_menu(entries)
    assert sum(len(i.label) + GAP_CHARACTERS for i in bar) <= BAR_CHARACTERS
    assert more, "control: all roles at once open more than fits"
    urls = [i.url for i in [*bar, *more]]
    assert len(urls) == len(set(urls)) and "/privacy/bewaren" in urls and "/briefings" in urls
