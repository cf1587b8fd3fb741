"""Template helpers: the screening panel on the person page, and looking up a posted value by a computed key."""

from __future__ import annotations

from typing import Any

from django import template

from ketensignaal.persons.models import Person
from ketensignaal.screening import selectors
from ketensignaal.screening.models import Gap
from ketensignaal.screening.scopes import may_screen
from ketensignaal.screening.watchlists.selectors import person_watch_list_checks

register = template.Library()
GAP_LABELS = dict(Gap.choices)


@register.filter
def lookup(mapping: Any, key: str) -> Any:
    """``{{ posted|lookup:"item-documenten" }}``: empty when absent."""
    if not mapping:
        return ""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def gap_label(code: str) -> str:
    return str(GAP_LABELS.get(code, code))


@register.inclusion_tag("screening/_person_panel.html", takes_context=True)
def person_screening_panel(context: dict[str, Any], person: Person) -> dict[str, Any]:
    """``{% person_screening_panel person %}``: the person's screenings (with their gaps) the viewer may see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    screenings = selectors.person_screenings(user=user, person=person)
    checks = person_watch_list_checks(user=user, person=person)
    may = may_screen(user)
    return {
        "show": may or bool(screenings) or bool(checks),
        "may_screen": may,
        "person": person,
        "screenings": screenings,
        "checks": checks,
    }
