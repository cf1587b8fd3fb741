"""What the navigation shows, from each context's capability functions (``<context>/scopes.py``).

Templates test ``nav.<entry>``, never a role: who may do what is decided once, in the context that owns it, and the
same function makes the service refuse and the link disappear.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _noop

from ketensignaal.conferences.scopes import may_open_case_list
from ketensignaal.configuration.scopes import may_configure
from ketensignaal.coordination.scopes import is_member, may_see_tasks
from ketensignaal.disclosures.scopes import may_open_hub_pages, may_see_ambtsberichten
from ketensignaal.governance.scopes import may_inspect_log, may_see_register
from ketensignaal.identity.scopes import may_administer
from ketensignaal.intake.scopes import may_report
from ketensignaal.intelligence.scopes import may_see_inbound
from ketensignaal.privacy.scopes import may_handle_subject_requests, may_review_access
from ketensignaal.reporting.scopes import may_see_figures
from ketensignaal.retention.scopes import may_manage_retention
from ketensignaal.routing.scopes import may_work_inbox
from ketensignaal.screening.scopes import may_manage_watch_lists, may_screen, may_see_gaps
from ketensignaal.trajectories.scopes import may_open_liv


def navigation_entries(user: Any) -> dict[str, bool]:
    return {
        "report": may_report(user),
        "my_signals": may_report(user),
        "inbox": may_work_inbox(user),
        "liv": may_open_liv(user),
        "hub_pages": may_open_hub_pages(user),
        "ambtsberichten": may_see_ambtsberichten(user),
        "inbound": may_see_inbound(user),
        "briefings": bool(getattr(user, "unit_id", None)),
        "register": may_see_register(user),
        "processing_log": may_inspect_log(user),
        "retention": may_manage_retention(user),
        "subject_requests": may_handle_subject_requests(user),
        "access_review": may_review_access(user),
        "lro": is_member(user),
        "tasks": may_see_tasks(user),
        "conferences": may_open_case_list(user),
        "screening_gaps": may_see_gaps(user),
        "watch_lists": may_manage_watch_lists(user) or may_screen(user),
        "figures": may_see_figures(user),
        # Training is everyone's: each professional of a unit sees their own completions and courses.
        "training": bool(getattr(user, "unit_id", None)),
        "admin": may_administer(user),
        "configuration": may_configure(user),
    }


# The header's entries in order of priority (entry of ``navigation_entries``, URL name, label): a role's own work first,
# what every professional has (briefings, training) last. The first ones that fit stay in the bar, the rest go under
# "Meer", so no combination of roles makes the header wrap (issue 10).
MENU: list[tuple[str, str, str]] = [
    ("report", "intake:signal_new", _noop("Signaal melden")),
    ("inbox", "routing:inbox", _noop("Inbox")),
    ("my_signals", "routing:my_signals", _noop("Mijn meldingen")),
    ("liv", "trajectories:overview", _noop("LIV")),
    ("lro", "coordination:meetings", _noop("LRO")),
    ("tasks", "coordination:tasks", _noop("Taken")),
    ("conferences", "conferences:list", _noop("Casusoverleg")),
    ("ambtsberichten", "disclosures:ambtsbericht_list", _noop("Ambtsberichten")),
    ("inbound", "intelligence:inbound_list", _noop("Inlichtingen")),
    ("subject_requests", "privacy:request-list", _noop("Verzoeken betrokkenen")),
    ("access_review", "privacy:review-queue", _noop("Inzagecontrole")),
    ("processing_log", "governance:processing-log", _noop("Verwerkingenlog")),
    ("retention", "retention:overview", _noop("Bewaren")),
    ("register", "governance_register:list", _noop("Grondslagenregister")),
    ("register", "governance:activity-list", _noop("Verwerkingsregister")),
    ("screening_gaps", "screening:gaps", _noop("Screeninghiaten")),
    ("watch_lists", "screening:watch_lists", _noop("Signaleringslijsten")),
    ("figures", "reporting:dashboard", _noop("Cijfers")),
    ("briefings", "intelligence:briefing_list", _noop("Briefings")),
    ("training", "training:overview", _noop("Opleidingen")),
]
# What fits in the bar beside "Start", "Notificaties" and "Meer" at 1280 pixels, counted in characters of the labels
# plus the gap between two entries (about one and a half characters); measured by tests/browser/test_header_one_line.py.
BAR_CHARACTERS = 112
GAP_CHARACTERS = 2


@dataclass(frozen=True)
class MenuItem:
    url: str
    label: str
    current: bool


def navigation_menu(entries: dict[str, bool], path: str = "") -> tuple[list[MenuItem], list[MenuItem]]:
    """The entries this user has, split into the bar and the "Meer" menu, labels in the active language."""
    offered = []
    for entry, url_name, label in MENU:
        if entries.get(entry):
            url = reverse(url_name)
            offered.append(MenuItem(url=url, label=gettext(label), current=bool(path) and path.startswith(url)))
    bar: list[MenuItem] = []
    used = 0
    for item in offered:
        used += len(item.label) + GAP_CHARACTERS
        if used > BAR_CHARACTERS:
            break
        bar.append(item)
    return bar, offered[len(bar) :]


def navigation(request: HttpRequest) -> dict[str, Any]:
    sandbox = bool(getattr(settings, "SANDBOX", False))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "sandbox": sandbox}
    entries = navigation_entries(user)
    bar, more = navigation_menu(entries, request.path)
    return {"nav": entries, "nav_bar": bar, "nav_more": more, "nav_unit": user.unit, "sandbox": sandbox}
