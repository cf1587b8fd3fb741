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


# The start page: per entry a role has, what that role does there (entry, URL name, link text, one line), in the
# order of the menu. A role sees only its own work, so nobody is pointed at a page they cannot open (issue 10).
START_TASKS: list[tuple[str, str, str, str]] = [
    ("report", "intake:signal_new", _noop("Een signaal melden"), _noop("Wat u zag of hoorde, met bron en beoordeling.")),
    (
        "my_signals",
        "routing:my_signals",
        _noop("Mijn meldingen"),
        _noop("Uw gemelde signalen en wat u over de afhandeling mag weten."),
    ),
    (
        "inbox",
        "routing:inbox",
        _noop("De inbox van uw eenheid"),
        _noop("Signalen oppakken, beoordelen, doorsturen of afsluiten."),
    ),
    ("inbox", "routing:waiting_on_others", _noop("Wacht op anderen"), _noop("Signalen waarover uw eenheid een vraag stelde.")),
    (
        "liv",
        "trajectories:overview",
        _noop("LIV-trajecten"),
        _noop("Aanvragen wegen, duiden, adviseren en het adviesrapport verstrekken."),
    ),
    (
        "lro",
        "coordination:meetings",
        _noop("Landelijk Regie Overleg"),
        _noop("De agenda, besluiten en de verslagen van het overleg."),
    ),
    ("tasks", "coordination:tasks", _noop("Taken"), _noop("Vervolgafspraken uit het overleg voor uw eenheid.")),
    ("conferences", "conferences:list", _noop("Casusoverleg"), _noop("Lokale casussen en hun plan van aanpak.")),
    ("ambtsberichten", "disclosures:ambtsbericht_list", _noop("Ambtsberichten"), _noop("Ambtsberichten die uw rol mag inzien.")),
    ("inbound", "intelligence:inbound_list", _noop("Inlichtingen"), _noop("Binnengekomen berichten van ketenpartners.")),
    (
        "subject_requests",
        "privacy:request-list",
        _noop("Verzoeken van betrokkenen"),
        _noop("Inzage-, correctie- en wisverzoeken registreren en beantwoorden."),
    ),
    (
        "access_review",
        "privacy:review-queue",
        _noop("Inzagecontrole"),
        _noop("Nagaan wie gegevens van een persoon of zaak heeft ingezien."),
    ),
    (
        "processing_log",
        "governance:processing-log",
        _noop("Het verwerkingenlog"),
        _noop("Elke verwerking van persoonsgegevens, te doorzoeken."),
    ),
    (
        "retention",
        "retention:overview",
        _noop("Bewaartermijnen"),
        _noop("Termijnen per soort gegeven en wat er vernietigd wordt."),
    ),
    (
        "register",
        "governance_register:list",
        _noop("Grondslagenregister"),
        _noop("De geregistreerde gegevensstromen en hun wettelijke grondslag."),
    ),
    ("register", "governance:activity-list", _noop("Verwerkingsregister"), _noop("De verwerkingsactiviteiten van de keten.")),
    ("screening_gaps", "screening:gaps", _noop("Screeninghiaten"), _noop("Personen bij wie een screeningsstap ontbreekt.")),
    ("watch_lists", "screening:watch_lists", _noop("Signaleringslijsten"), _noop("Lijsten beheren en personen toetsen.")),
    ("figures", "reporting:dashboard", _noop("Ketencijfers"), _noop("Cijfers over het werk in de keten, nooit over personen.")),
    (
        "configuration",
        "configuration:overview",
        _noop("Ketenconfiguratie"),
        _noop("Wie in het overleg zit, acute diensten en andere ketenkeuzes."),
    ),
    ("admin", "admin:index", _noop("Beheer"), _noop("Organisaties, eenheden, gebruikers, routes en gegevensstromen.")),
    ("briefings", "intelligence:briefing_list", _noop("Briefings"), _noop("Briefings voor uw eenheid.")),
    ("training", "training:overview", _noop("Opleidingen"), _noop("Uw opleidingen en de oefenomgeving.")),
]


@dataclass(frozen=True)
class StartTask:
    url: str
    label: str
    description: str


def start_tasks(entries: dict[str, bool]) -> list[StartTask]:
    """What this user does in Ketensignaal, as links with a line each, in the active language."""
    return [
        StartTask(url=reverse(url_name), label=gettext(label), description=gettext(description))
        for entry, url_name, label, description in START_TASKS
        if entries.get(entry)
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    sandbox = bool(getattr(settings, "SANDBOX", False))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "sandbox": sandbox}
    entries = navigation_entries(user)
    bar, more = navigation_menu(entries, request.path)
    return {"nav": entries, "nav_bar": bar, "nav_more": more, "nav_unit": user.unit, "sandbox": sandbox}
