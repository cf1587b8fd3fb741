"""The per-process reference cache: an admin edit of a category or a route takes effect at once."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.identity.models import Unit
from ketensignaal.intake import refcache
from ketensignaal.intake.models import Category
from ketensignaal.intake.validation import _resolve_codes
from ketensignaal.routing.models import RouteEdge
from ketensignaal.routing.routes import current_edges_from

pytestmark = pytest.mark.django_db


def test_new_category_is_known_right_after_it_is_saved(reference: None, django_assert_num_queries: Any) -> None:
    found, _ = _resolve_codes(["radicalisering"], "")
    assert "radicalisering" in found
    with django_assert_num_queries(0):  # warm cache: no query
        _resolve_codes(["radicalisering"], "")
    Category.objects.create(code="nieuw-signaal", name="Nieuw")
    found, _ = _resolve_codes(["nieuw-signaal"], "")
    assert "nieuw-signaal" in found


def test_route_edge_change_takes_effect_at_once(reference: None) -> None:
    before = current_edges_from("coa.locatie.ter-apel")
    assert before
    edge = RouteEdge.objects.get(pk=before[0].pk)
    other = Unit.objects.exclude(pk=edge.to_unit_id).filter(organisation_id=edge.to_unit.organisation_id).first()
    assert other is not None
    edge.to_unit = other
    edge.save()
    assert current_edges_from("coa.locatie.ter-apel")[0].to_unit.pk == other.pk


def test_clear_forgets_everything(reference: None, django_assert_num_queries: Any) -> None:
    current_edges_from("coa.locatie.ter-apel")
    refcache.clear()
    with django_assert_num_queries(1):
        current_edges_from("coa.locatie.ter-apel")
