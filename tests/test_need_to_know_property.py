"""Property: nothing of another organisation is reachable through any list, detail or scope.

Grows by itself: it checks every model registered in ``core.need_to_know`` and every GET route under ``/api/v1``
it finds in the URL resolver, so a helper who adds a scope or an endpoint is covered without touching this file.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import models, transaction
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketensignaal.core.need_to_know import registered_models, visible
from ketensignaal.identity.models import RoleCode, Unit

pytestmark = pytest.mark.django_db

REPORTING_UNITS = [
    "coa.locatie.ter-apel",
    "coa.locatie.budel",
    "ind.aanmeldcentrum",
    "ind.behandeling",
    "kmar.ir",
    "politie.avim",
]
# Organisations that never appear on a reporting line of the units above without an explicit disclosure.
OUTSIDER_UNITS = ["gemeente.utrecht", "gemeente.amsterdam", "vwn", "nidos", "rvdk", "lse.liv"]
ALL_ROLES = [r.value for r in RoleCode]

signal_specs = st.lists(
    st.fixed_dictionaries(
        {
            "unit": st.sampled_from(REPORTING_UNITS),
            "category": st.sampled_from(["terrorisme", "radicalisering", "extremisme", "ronselen", "mensenhandel-smokkel"]),
            "touchpoint": st.sampled_from(["intake-poort", "id-registratie", "aanvraag"]),
            "name": st.sampled_from(["Mohammed al-Hassan", "Amina Yusuf", "Dawit Tesfaye", "محمد الحسن", "Олег Петров"]),
            "acute": st.booleans(),
        }
    ),
    min_size=1,
    max_size=3,
)


def _pattern_text(pattern: Any) -> str:
    return str(pattern.pattern)


def api_get_routes() -> Iterator[tuple[str, list[str]]]:
    """(route template, parameter names) for every route under api/v1/, discovered from the resolver."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, list[str]]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + _pattern_text(p))
            elif isinstance(p, URLPattern):
                yield prefix + _pattern_text(p), list(p.pattern.converters) if hasattr(p.pattern, "converters") else []

    for route, params in walk(get_resolver().url_patterns, "/"):
        if route.startswith("/api/v1/") and "openapi" not in route:
            if not params:
                params = re.findall(r"<(?:\w+:)?(\w+)>", route)
            yield route, params


def _fill(route: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?\w+>", value, route)


def _new_pks(before: dict[type[models.Model], set[Any]]) -> dict[type[models.Model], set[Any]]:
    return {m: set(m.objects.values_list("pk", flat=True)) - before[m] for m in before}


def _snapshot() -> dict[type[models.Model], set[Any]]:
    return {m: set(m.objects.values_list("pk", flat=True)) for m in registered_models()}


def _submit(api: Any, spec: dict[str, Any]) -> dict[str, Any]:
    body = {
        "subject": {"names": [{"name": spec["name"]}]},
        "observation": {"type": "statement", "text": "Uitspraak tijdens gesprek."},
        "categories": [spec["category"]],
        "touchpoint": spec["touchpoint"],
        "acute": spec["acute"],
    }
    response = api.post("/api/v1/signals", body, format="json")
    assert response.status_code in (200, 201), response.content[:500]
    return response.json()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    specs=signal_specs,
    outsider_unit=st.sampled_from(OUTSIDER_UNITS),
    outsider_roles=st.sets(st.sampled_from(ALL_ROLES), min_size=1),
)
def test_another_organisation_reaches_nothing(make_user, api_client_for, specs, outsider_unit, outsider_roles) -> None:
    with transaction.atomic():
        before = _snapshot()
        created = []
        for spec in specs:
            reporter = make_user(spec["unit"], "reporter")
            created.append(_submit(api_client_for(reporter), spec))
        new = _new_pks(before)
        # Control: the reporter does see its own signal, so the routes below are really exercised.
        own = api_client_for(reporter).get(f"/api/v1/signals/{created[-1]['id']}")
        assert own.status_code == 200
        outsider = make_user(outsider_unit, *sorted(outsider_roles))
        reporter_orgs = {Unit.objects.get(code=s["unit"]).organisation_id for s in specs}
        assert outsider.unit.organisation_id not in reporter_orgs

        for model, pks in new.items():
            leaked = list(visible(outsider, model.objects.filter(pk__in=pks)).values_list("pk", flat=True))
            assert leaked == [], f"{model.__name__} rows {leaked} of another organisation are visible to {outsider_unit}"

        api = api_client_for(outsider)
        secrets = {str(s["id"]) for s in created} | {s.get("reference", "") for s in created} - {""}
        ids = {str(pk) for pks in new.values() for pk in pks}
        for route, params in api_get_routes():
            if not params:
                response = api.get(route.rstrip("$"))
                if response.status_code == 200:
                    text = response.content.decode()
                    assert not any(s in text for s in secrets), f"list {route} shows a signal of another organisation"
                continue
            if len(params) != 1:
                continue
            unseen = api.get(_fill(route, str(uuid.uuid4()) if "uuid" in route or "<" in route else "0"))
            for value in ids:
                url = _fill(route, value)
                response = api.get(url)
                assert response.status_code not in range(200, 300), f"{url} answers {response.status_code} to an outsider"
                if response.status_code != 404:
                    assert response.status_code == unseen.status_code, f"{url} answers differently for an existing object"
        transaction.set_rollback(True)


def test_every_scope_returns_nothing_for_a_user_without_unit(make_user) -> None:
    user = make_user("ind.tsz", *ALL_ROLES)
    user.unit = None
    user.unit_id = None
    for model in registered_models():
        assert not visible(user, model.objects.all()).exists(), f"{model.__name__} is visible to a user without a unit"


def test_scopes_exist_for_the_core_models() -> None:
    names = {m.__name__ for m in registered_models()}
    assert {"Signal", "SubjectName"} <= names
