"""Training registry: the seeded catalogue, completions (who may register, bad input, processing log), coverage per
location with key figures, and new staff without training flagged to their unit's coordinator."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ketensignaal.governance.models import ProcessingLogEntry
from ketensignaal.training.models import KeyFigure, TrainingCompletion
from ketensignaal.training.services import key_figure_assign

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


@pytest.fixture
def staff(make_user: Any) -> dict[str, Any]:
    return {
        "admin": make_user("ind", "functional-admin", username="beheerder"),
        "a": make_user("coa.locatie.ter-apel", "reporter", username="anna"),
        "b": make_user("coa.locatie.ter-apel", "reporter", username="bram"),
        "c": make_user("coa.locatie.budel", "reporter", username="carla"),
        "coordinator": make_user("coa.locatie.ter-apel", "handler", username="coordinator"),
        "kmar": make_user("kmar.ir", "reporter", username="kees"),
    }


def test_the_catalogue_holds_the_seeded_trainings(staff: dict[str, Any], api_client_for: Any) -> None:
    codes = {t["code"] for t in api_client_for(staff["a"]).get("/api/v1/trainings").json()}
    assert {"ror-radicalisering", "e-learning-nationale-veiligheid", "awarenessdag", "leerlijn-screening"} <= codes


def test_admin_registers_a_completion_with_a_log_entry(staff: dict[str, Any], api_client_for: Any) -> None:
    before = ProcessingLogEntry.objects.count()
    body = {"username": "anna", "training": "ror-radicalisering", "completed_on": "2026-10-01"}
    response = api_client_for(staff["admin"]).post("/api/v1/training-completions", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["training"] == "ror-radicalisering"
    entry = ProcessingLogEntry.objects.order_by("-sequence").first()
    assert ProcessingLogEntry.objects.count() == before + 1 and entry.activity == "opleidingsregistratie"
    again = api_client_for(staff["admin"]).post("/api/v1/training-completions", body, format="json")
    assert again.status_code == 409


def test_a_professional_registers_only_their_own(staff: dict[str, Any], api_client_for: Any) -> None:
    client = api_client_for(staff["a"])
    own = client.post(
        "/api/v1/training-completions",
        {"username": "anna", "training": "awarenessdag", "completed_on": "2026-06-01"},
        format="json",
    )
    assert own.status_code == 201
    other = client.post(
        "/api/v1/training-completions",
        {"username": "bram", "training": "awarenessdag", "completed_on": "2026-06-01"},
        format="json",
    )
    assert other.status_code == 403
    assert TrainingCompletion.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"username": "niemand", "training": "awarenessdag", "completed_on": "2026-06-01"}, "username"),
        ({"username": "anna", "training": "yoga", "completed_on": "2026-06-01"}, "training"),
        ({"username": "anna", "training": "awarenessdag", "completed_on": "2999-01-01"}, "completed_on"),
        ({"username": "anna", "training": "awarenessdag", "completed_on": "morgen"}, "completed_on"),
        ({"username": "anna", "training": "awarenessdag", "completed_on": "2026-06-01", "score": 8}, "score"),
    ],
)
def test_bad_completions_name_the_field_and_write_nothing(
    staff: dict[str, Any], api_client_for: Any, body: dict[str, Any], name: str
) -> None:
    response = api_client_for(staff["admin"]).post("/api/v1/training-completions", body, format="json")
    assert response.status_code == 400
    assert name in [p["name"] for p in response.json()["invalid_params"]]
    assert not TrainingCompletion.objects.exists()


def test_coverage_per_location_with_key_figures_and_new_staff(staff: dict[str, Any], api_client_for: Any) -> None:
    admin = api_client_for(staff["admin"])
    admin.post(
        "/api/v1/training-completions",
        {"username": "anna", "training": "ror-radicalisering", "completed_on": "2026-01-05"},
        format="json",
    )
    # An awareness day of two years ago has lapsed (valid 12 months): bram does not count as trained.
    lapsed = (timezone.localdate() - dt.timedelta(days=800)).isoformat()
    admin.post(
        "/api/v1/training-completions", {"username": "bram", "training": "awarenessdag", "completed_on": lapsed}, format="json"
    )
    from django.db import transaction

    with transaction.atomic():
        key_figure_assign(actor=staff["admin"], username="anna", unit_code="coa.locatie.ter-apel", channel="test")
    body = api_client_for(staff["coordinator"]).get("/api/v1/training-coverage", {"organisation": "coa"}).json()
    ter_apel = next(r for r in body["rows"] if r["unit"] == "coa.locatie.ter-apel")
    assert ter_apel["staff"] == 3 and ter_apel["trained"] == 1 and ter_apel["key_figure_present"] is True
    assert ter_apel["new_staff_untrained"] == 2
    budel = next(r for r in body["rows"] if r["unit"] == "coa.locatie.budel")
    assert budel["trained"] == 0 and budel["key_figure_present"] is False
    assert KeyFigure.objects.count() == 1


def test_coverage_of_another_organisation_is_404_unless_chain_role(staff: dict[str, Any], api_client_for: Any) -> None:
    assert api_client_for(staff["kmar"]).get("/api/v1/training-coverage", {"organisation": "coa"}).status_code == 404
    assert api_client_for(staff["kmar"]).get("/api/v1/training-coverage").json()["organisation"] == "kmar"
    assert api_client_for(staff["admin"]).get("/api/v1/training-coverage", {"organisation": "coa"}).status_code == 200


def test_the_coordinator_sees_new_colleagues_without_training(staff: dict[str, Any], web_client_for: Any) -> None:
    # Screens name colleagues by their own name (User.display_name), never by their account name.
    for key, first, last in (("a", "Anna", "de Vries"), ("c", "Carla", "Jansen")):
        staff[key].first_name, staff[key].last_name = first, last
        staff[key].save(update_fields=["first_name", "last_name"])
    page = web_client_for(staff["coordinator"]).get("/opleidingen/").content.decode()
    assert "Nieuwe collega" in page and "Anna de Vries" in page and "Carla Jansen" not in page
    assert ">anna<" not in page
    reporter_page = web_client_for(staff["a"]).get("/opleidingen/").content.decode()
    assert "Nieuwe collega" not in reporter_page


def test_registering_through_the_page(staff: dict[str, Any], web_client_for: Any) -> None:
    web = web_client_for(staff["a"])
    page = web.get("/opleidingen/").content.decode()
    assert 'type="date"' not in page and "Dag-maand-jaar, bijvoorbeeld 3-11-2026." in page  # issue 10: typed, not picked
    wrong = web.post("/opleidingen/registreren", {"training": "e-learning-nationale-veiligheid", "completed_on": "31-2-2026"})
    assert "De datum 31-2-2026 bestaat niet" in web.get(wrong["Location"]).content.decode()
    assert not TrainingCompletion.objects.exists()
    response = web.post("/opleidingen/registreren", {"training": "e-learning-nationale-veiligheid", "completed_on": "9-9-2026"})
    assert response.status_code == 302
    assert TrainingCompletion.objects.get().user == staff["a"]
    assert str(TrainingCompletion.objects.get().completed_on) == "2026-09-09"


def test_the_admin_picks_the_staff_member_by_name_never_types_a_username(staff: dict[str, Any], web_client_for: Any) -> None:
    """Issue 10, point 7: registering for someone else is a choice from the staff by unit and name."""
    admin = web_client_for(staff["admin"])
    page = admin.get("/opleidingen/").content.decode()
    assert '<select class="utrecht-select" id="t-username" name="username" required>' in page
    assert 'id="t-username" name="username" type="text"' not in page
    assert f'<option value="{staff["a"].username}">' in page
    # A professional registers their own: no picker at all.
    assert 'id="t-username"' not in web_client_for(staff["a"]).get("/opleidingen/").content.decode()
