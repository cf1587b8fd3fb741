"""Issue 10, point 7: the case director is chosen from a list by name (who may be appointed), never typed as a
username."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_case_director_is_picked_by_name_from_the_eligible_people(
    people: dict[str, Any], web_client_for: Any, case_for: Any, invite: Any
) -> None:
    case = case_for(admitted=True)
    client = web_client_for(people["utrecht"])
    html = client.get(f"/casusoverleg/{case.pk}").content.decode()
    assert '<select class="utrecht-select" id="regisseur-gebruiker" name="username"' in html
    assert 'type="text" id="regisseur-gebruiker"' not in html
    assert 'value="utrecht-regie"' in html  # the municipality's own case director
    assert 'value="rn-toezicht"' not in html  # the probation service is not invited yet
    assert 'value="politie-drio"' not in html  # no case-director role
    invite(case, "rn")
    html = client.get(f"/casusoverleg/{case.pk}").content.decode()
    assert 'value="rn-toezicht"' in html
    response = client.post(
        f"/casusoverleg/{case.pk}/regisseur", {"username": "rn-toezicht", "reason": "Reclassering leidt."}, follow=True
    )
    case.refresh_from_db()
    assert response.status_code == 200 and case.case_director is not None
    assert case.case_director.username == "rn-toezicht"
