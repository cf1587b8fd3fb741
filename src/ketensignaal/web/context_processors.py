"""What the navigation shows, from each context's capability functions (``<context>/scopes.py``).

Templates test ``nav.<entry>``, never a role: who may do what is decided once, in the context that owns it, and the
same function makes the service refuse and the link disappear.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

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


def navigation(request: HttpRequest) -> dict[str, Any]:
    sandbox = bool(getattr(settings, "SANDBOX", False))
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "sandbox": sandbox}
    return {"nav": navigation_entries(user), "nav_unit": user.unit, "sandbox": sandbox}
