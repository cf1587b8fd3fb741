"""/beheer/ meldroutes: a functional administrator changes a route; the change is a new version, in use at once."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.identity.models import Unit
from ketensignaal.routing.models import Route, RouteEdge
from ketensignaal.routing.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user: Any) -> Any:
    user = make_user("ind", "functional-admin", username="beheer")
    user.is_staff = True
    user.save()
    return user


def _coa_route() -> Route:
    return Route.objects.get(organisation__code="coa", is_current=True)


def _post_data(route: Route, changes: dict[str, str] | None = None, **edge_changes: dict[str, Any]) -> dict[str, Any]:
    """The change form as the browser posts it: every edge of ``route``, with ``edge_changes`` by from_pattern."""
    edges = list(RouteEdge.objects.filter(route=route).order_by("position", "id"))
    data: dict[str, Any] = {
        "description": route.description,
        "edges-TOTAL_FORMS": str(len(edges)),
        "edges-INITIAL_FORMS": str(len(edges)),
        "edges-MIN_NUM_FORMS": "0",
        "edges-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
        **(changes or {}),
    }
    for index, edge in enumerate(edges):
        row = {
            "id": edge.pk,
            "route": route.pk,
            "position": edge.position,
            "from_pattern": edge.from_pattern,
            "to_unit": edge.to_unit_id,
            "where_needed": "on" if edge.where_needed else "",
            **edge_changes.get(edge.from_pattern, {}),
        }
        data.update({f"edges-{index}-{key}": value for key, value in row.items() if value != ""})
    return data


def test_admin_changes_the_coa_route_and_the_next_signal_takes_the_new_first_hop(
    admin_user: Any, make_user: Any, web_client_for: Any
) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    earlier = submit(reporter)
    assert earlier.current_unit.code == "coa.bureau-veiligheid"  # and the current edges are now cached
    old = _coa_route()
    adviser = Unit.objects.get(code="coa.adviseur-nv")
    web = web_client_for(admin_user)
    assert web.get(f"/beheer/routing/route/{old.pk}/change/").status_code == 200

    response = web.post(
        f"/beheer/routing/route/{old.pk}/change/",
        _post_data(
            old, {"description": "Locaties melden rechtstreeks aan de adviseur"}, **{"coa.locatie.*": {"to_unit": adviser.pk}}
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "Versie 2 van de meldroute" in response.content.decode()
    assert submit(reporter).current_unit.code == "coa.adviseur-nv"
    new = _coa_route()
    assert (new.version, new.description, new.created_by) == (2, "Locaties melden rechtstreeks aan de adviseur", "beheer")
    assert new.edges.count() == old.edges.count()
    old.refresh_from_db()
    assert not old.is_current  # kept, no longer in use, and exactly as it was
    assert old.edges.get(from_pattern="coa.locatie.*").to_unit.code == "coa.bureau-veiligheid"
    earlier.refresh_from_db()
    assert earlier.current_unit.code == "coa.bureau-veiligheid"  # signals already on their way stay where they are
    entry = ProcessingLogEntry.objects.get(activity="beheer", object_type="route", object_id="coa@v2")
    assert entry.action == "update" and entry.audit.actor_username == "beheer" and entry.audit.channel == "admin"


def test_old_versions_are_read_only_and_a_stale_form_saves_nothing(admin_user: Any, web_client_for: Any) -> None:
    old = _coa_route()
    web = web_client_for(admin_user)
    web.post(f"/beheer/routing/route/{old.pk}/change/", _post_data(old, {"description": "Versie van collega"}))
    assert _coa_route().version == 2
    # A second administrator still had version 1 open and saves it.
    response = web.post(f"/beheer/routing/route/{old.pk}/change/", _post_data(old, {"description": "Mijn versie"}), follow=True)
    html = response.content.decode()
    assert "Versie 1 is niet meer in gebruik" in html and "Er is niets gewijzigd" in html
    assert list(Route.objects.filter(organisation__code="coa").values_list("version", flat=True)) == [2, 1]
    assert _coa_route().description == "Versie van collega"
    page = web.get(f"/beheer/routing/route/{old.pk}/change/").content.decode()
    assert 'name="_save"' not in page  # version 1 is shown, not editable


def test_a_pattern_that_matches_no_unit_is_refused_with_a_message(admin_user: Any, web_client_for: Any) -> None:
    old = _coa_route()
    response = web_client_for(admin_user).post(
        f"/beheer/routing/route/{old.pk}/change/", _post_data(old, **{"coa.locatie.*": {"from_pattern": "coa.lokatie.*"}})
    )
    assert response.status_code == 200
    assert "past op geen enkele eenheid" in response.content.decode()
    assert _coa_route().pk == old.pk
    assert not ProcessingLogEntry.objects.filter(object_type="route").exists()


def test_staff_without_the_functional_admin_role_cannot_change_a_route(make_user: Any, web_client_for: Any) -> None:
    handler = make_user("coa.bureau-veiligheid", "handler", "privacy-officer", username="geen-beheerder")
    handler.is_staff = True
    handler.save()
    old = _coa_route()
    web = web_client_for(handler)
    adviser = Unit.objects.get(code="coa.adviseur-nv")
    assert web.get(f"/beheer/routing/route/{old.pk}/change/", follow=True).status_code == 403
    response = web.post(
        f"/beheer/routing/route/{old.pk}/change/", _post_data(old, **{"coa.locatie.*": {"to_unit": adviser.pk}}), follow=True
    )
    assert response.status_code == 403
    assert _coa_route().pk == old.pk and Route.objects.filter(organisation__code="coa").count() == 1
    assert not ProcessingLogEntry.objects.filter(object_type="route").exists()
