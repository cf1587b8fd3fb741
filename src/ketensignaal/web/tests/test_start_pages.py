"""Issue 10: each role's start page lists what that role does, with links that open, and nothing it cannot do.

LIV staff, the privacy officer and the functional administrator were told about "Mijn meldingen" (which they do not
have), the LIV start page had no link to the LIV, and a reporter did not see the question a handler asked them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _start(client: Any) -> tuple[str, list[str]]:
    page = client.get(reverse("web:home")).content.decode()
    tasks = re.search(r'<ul class="ks-start-tasks" id="start-tasks">(.*?)</ul>', page, re.S)
    links = re.findall(r'href="([^"]+)"', tasks.group(1)) if tasks else []
    return page, links


@pytest.mark.parametrize(
    ("unit", "roles", "expected", "absent"),
    [
        ("lse.liv", ("liv-staff",), ["trajectories:overview"], ["routing:my_signals", "intake:signal_new"]),
        (
            "ind",
            ("privacy-officer",),
            ["governance:processing-log", "privacy:review-queue", "privacy:request-list"],
            ["routing:my_signals", "routing:inbox"],
        ),
        ("ind", ("functional-admin",), ["configuration:overview", "admin:index"], ["routing:my_signals"]),
        ("coa.locatie.ter-apel", ("reporter",), ["intake:signal_new", "routing:my_signals"], ["routing:inbox"]),
        ("coa.bureau-veiligheid", ("handler",), ["routing:inbox", "routing:waiting_on_others"], ["routing:my_signals"]),
    ],
)
def test_each_role_start_page_lists_its_own_work_with_working_links(
    make_user: Any, web_client_for: Any, unit: str, roles: tuple[str, ...], expected: list[str], absent: list[str]
) -> None:
    user = make_user(unit, *roles)
    if "functional-admin" in roles:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client = web_client_for(user)
    page, links = _start(client)
    for name in expected:
        assert reverse(name) in links, f"{roles}: no link to {name} on the start page"
    for name in absent:
        assert reverse(name) not in links, f"{roles}: the start page offers {name}, which this role cannot open"
    for href in links:
        assert client.get(href).status_code == 200, f"{roles}: the start page's link {href} does not open"
    # Nobody is sent to "Mijn meldingen" unless they report signals.
    if "reporter" not in roles:
        assert "Mijn meldingen" not in page and "Uw eigen meldingen" not in page


def test_the_reporter_start_page_shows_the_question_a_handler_asked_them(make_user: Any, web_client_for: Any) -> None:
    from ketensignaal.intake.validation import parse_signal_input
    from ketensignaal.routing.services import signal_return, signal_submit, signal_take
    from ketensignaal.routing.tests.factories import body

    reporter = make_user("coa.locatie.ter-apel", "reporter")
    handler = make_user("coa.bureau-veiligheid", "handler")
    signal, _ = signal_submit(actor=reporter, data=parse_signal_input(body()), channel="web")
    signal_take(actor=handler, signal_id=signal.pk, channel="web")
    signal_return(
        actor=handler, signal_id=signal.pk, note="Wanneer precies zei hij dit, en wie hoorde het nog meer?", channel="web"
    )

    page, _links = _start(web_client_for(reporter))
    assert "Vragen aan u" in page
    assert "Wanneer precies zei hij dit" in page and signal.reference in page
    assert reverse("routing:signal_detail", kwargs={"pk": signal.pk}) in page
    with translation.override("nl"):
        other = make_user("coa.locatie.budel", "reporter")
        assert "Vragen aan u" not in _start(web_client_for(other))[0], "a unit that was not asked sees no question"


def test_the_header_keeps_api_tokens_in_the_account_footer(make_user: Any, web_client_for: Any) -> None:
    page = web_client_for(make_user("coa.bureau-veiligheid", "handler")).get(reverse("web:home")).content.decode()
    header = page.split('<header class="ks-header">', 1)[1].split("</header>", 1)[0]
    footer = page.split('<footer class="ks-footer">', 1)[1].split("</footer>", 1)[0]
    assert reverse("identity:api-tokens") not in header
    assert reverse("identity:api-tokens") in footer


@pytest.mark.parametrize(
    ("unit", "says"),
    [
        ("ind", "U werkt voor IND, Immigratie- en Naturalisatiedienst."),
        ("politie.avim", "U werkt voor Politie AVIM."),
        ("gemeente.utrecht", "U werkt voor Gemeente Utrecht."),
        ("ind.tsz", "U werkt voor IND Team Speciale Zaken (IND, Immigratie- en Naturalisatiedienst)."),
    ],
)
def test_start_page_names_the_organisation_once(make_user: Any, web_client_for: Any, unit: str, says: str) -> None:
    """Not "IND (IND, Immigratie- en Naturalisatiedienst)" or "Gemeente Utrecht (Gemeente Utrecht)"."""
    page, _links = _start(web_client_for(make_user(unit, "handler")))
    assert says in page
