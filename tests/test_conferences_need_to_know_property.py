"""Property: a case conference is reachable only by its municipality and, while they take part, invited units.

For a case at Utrecht with a plan, warnings, reviews, notes and a "known elsewhere?" question, any user of any
other unit and any roles sees none of its rows (every model the conferences context registers), gets from every
GET route under ``/api/v1/conference-cases/<id>`` (discovered from the resolver) exactly what a missing case gets,
and finds nothing of it in the list; an invited unit sees it until the case is scaled down, and from then on
exactly like an outsider.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.conferences import known_elsewhere, plan, services
from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.identity.models import RoleCode

pytestmark = pytest.mark.django_db

INVITABLE = ["politie.drio", "om", "rn", "rvdk", "ind", "fier.exit-faciliteit", "ggz", "nidos", "vwn"]
OTHERS = ["gemeente.amsterdam", "politie.cter", "politie.avim", "kmar.ir", "coa.bureau-veiligheid", "ind.tsz", "lse.liv", "aivd"]
ALL_ROLES = [r.value for r in RoleCode]
CONFERENCE_MODELS = [m for m in registered_models() if m._meta.app_label == "conferences"]


def _case_routes() -> list[str]:
    """Every route ``/api/v1/conference-cases/<id>…`` with the case id as its only parameter, from the resolver."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith("/api/v1/conference-cases/<") and len(re.findall(r"<[^>]+>", route)) == 1:
                    found.append(route)

    walk(get_resolver().url_patterns, "/")
    assert len(found) >= 8, found  # control: the routes were found
    return found


def _fill(route: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?\w+>", value, route)


def _build(make_user: Any, invited: list[str]) -> Any:
    director = make_user("gemeente.utrecht", "case-director")
    subject = {"names": [{"name": "Samir El Idrissi"}], "date_of_birth": "1996", "v_number": "1234567890"}
    case = services.case_register(actor=director, municipality_code="gemeente.utrecht", subject=subject, reason="Zorgen.")
    services.case_triage(actor=director, case=case, admitted=True, reason="Toegelaten.")
    for unit in invited:
        services.invitation_create(
            actor=director, case=case, unit_code=unit, purpose="Deelnemen", justification="Nodig voor de aanpak in deze casus."
        )
    review = timezone.localdate() + dt.timedelta(days=30)
    plan.measure_propose(actor=director, case=case, measure_code="prosecution", owner="om", goal="Onderzoek", review=review)
    plan.measure_propose(actor=director, case=case, measure_code="undesirable-alien", owner="ind", goal="Toegang", review=review)
    plan.review_record(actor=director, case=case, summary="Loopt", changes_since_last="Werk", next_review=review)
    services.note_add(actor=director, case=case, text="Voortgang")
    asker = make_user("gemeente.amsterdam", "case-director")
    assert known_elsewhere.known_elsewhere_ask(actor=asker, subject=subject) is True
    return director, case


def _assert_unseen(user: Any, api: Any, case: Any) -> None:
    for model in CONFERENCE_MODELS:
        rows = visible(user, model.objects.all())
        if model.__name__ == "KnownElsewhereQuery":
            rows = rows.filter(matched_cases=case)
        leaked = list(rows.values_list("pk", flat=True)) if model.__name__ != "KnownElsewhereQuery" else []
        assert leaked == [], f"{model.__name__} rows {leaked} of the case are visible to {user.unit.code}"
    for route in _case_routes():
        url = _fill(route, str(case.pk))
        status = api.get(url).status_code
        unseen = api.get(_fill(route, str(uuid.uuid4()))).status_code  # e.g. 405 for a POST-only route
        assert status not in range(200, 300), f"{url} is reachable for {user.unit.code}"
        assert status == unseen, f"{url} answers {status} for an existing case, {unseen} for a missing one"
    listing = api.get("/api/v1/conference-cases")
    assert listing.status_code == 200 and case.reference not in listing.content.decode()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    invited=st.lists(st.sampled_from(INVITABLE), min_size=1, max_size=3, unique=True),
    outsider_unit=st.sampled_from(OTHERS + INVITABLE),
    roles=st.sets(st.sampled_from(ALL_ROLES), min_size=1),
)
def test_only_the_municipality_and_invited_units_reach_a_case(
    make_user: Any, api_client_for: Any, invited: list[str], outsider_unit: str, roles: set[str]
) -> None:
    with transaction.atomic():
        director, case = _build(make_user, invited)
        assert api_client_for(director).get(f"/api/v1/conference-cases/{case.pk}").status_code == 200  # control
        user = make_user(outsider_unit, *sorted(roles))
        api = api_client_for(user)
        if outsider_unit in invited:
            assert api.get(f"/api/v1/conference-cases/{case.pk}").status_code == 200  # control: invited sees it
            services.case_scale_down(
                actor=director, case=case, reason="Afgeschaald", attention_until=timezone.localdate() + dt.timedelta(days=90)
            )
        _assert_unseen(user, api, case)
        transaction.set_rollback(True)
