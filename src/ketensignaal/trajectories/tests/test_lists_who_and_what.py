"""Issue 10, point 5: the LIV list and the trajectory page say who and what a trajectory is about (the linked
signal's name as reported and its observation, linked to the signal), only as far as the viewer may see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ketensignaal.intake.models import SignalInvolvement, SubjectName
from ketensignaal.trajectories import services
from ketensignaal.trajectories.tests.conftest import signal_for

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True
    session.save()
    return client


def test_liv_list_and_trajectory_page_show_who_and_what_with_links(liv: dict[str, Any]) -> None:
    signal = signal_for(liv["coa"])
    SubjectName.objects.create(signal=signal, name="Yusuf Demir", position=0)
    t = services.trajectory_request(actor=liv["coa"], client_code="coa", question="Zorgen", signal_id=signal.pk)
    signal_link = f"/signalen/{signal.pk}"
    for user in (liv["staff"], liv["coa"]):  # the LIV coordinator and the requesting unit both may see the signal
        listing = _client(user).get("/liv/").content.decode()
        assert "Yusuf Demir" in listing and "Vreemd gedrag in de opvang" in listing and signal_link in listing
        page = _client(user).get(f"/liv/{t.pk}").content.decode()
        assert "Yusuf Demir" in page and signal_link in page


def test_a_viewer_who_may_not_see_the_signal_gets_no_name_or_link(liv: dict[str, Any]) -> None:
    signal = signal_for(liv["coa"])
    SubjectName.objects.create(signal=signal, name="Yusuf Demir", position=0)
    t = services.trajectory_request(actor=liv["coa"], client_code="coa", question="Zorgen om de persoon", signal_id=signal.pk)
    # The coordinator's need to know on the signal is recalled: the trajectory stays theirs, the signal does not.
    SignalInvolvement.objects.filter(signal=signal, user=liv["staff"]).delete()
    client = _client(liv["staff"])
    for html in (client.get("/liv/").content.decode(), client.get(f"/liv/{t.pk}").content.decode()):
        assert t.reference in html
        assert "Yusuf Demir" not in html and f"/signalen/{signal.pk}" not in html and signal.reference not in html
        assert "1 signaal dat u niet mag inzien" in html
