"""The Dutch watch-list pages: create and import (with per-line errors), check one person, decide a hit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketensignaal.screening.models import WatchList, WatchListHit
from ketensignaal.screening.tests.factories import visible_person
from ketensignaal.screening.tests.watch_list_data import FTM_LIST

pytestmark = pytest.mark.django_db


def test_admin_creates_and_imports_then_a_screener_checks_and_decides(make_user: Any, web_client_for: Any) -> None:
    admin = web_client_for(make_user("ind", "functional-admin"))
    page = admin.get("/signaleringslijsten").content.decode()
    assert "ind-signaleringslijst-screening" in page and "ind-politie-cter-kennisknooppunt" not in page
    created = admin.post("/signaleringslijsten", {"name": "VN-lijst", "flow": "ind-signaleringslijst-screening"})
    watch_list = WatchList.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(str(watch_list.pk))
    bad = admin.post(f"/signaleringslijsten/{watch_list.pk}", {"file": SimpleUploadedFile("l.jsonl", b'{"id": 1\n')})
    assert bad.status_code == 400 and "Regel 1: geen geldige JSON" in bad.content.decode()
    good = admin.post(f"/signaleringslijsten/{watch_list.pk}", {"file": SimpleUploadedFile("l.jsonl", FTM_LIST.encode())})
    assert good.status_code == 302
    progress = admin.get(f"/signaleringslijsten/{watch_list.pk}/voortgang").content.decode()
    assert "Voltooid" in progress and "4 / 4" in progress

    screener = make_user("ind.tsz", "hub-analyst", "handler")
    person = visible_person(screener, touchpoint="na-besluit")
    web = web_client_for(screener)
    assert "Controleren tegen een signaleringslijst" in web.get(f"/personen/{person.pk}").content.decode()
    form = web.get(f"/personen/{person.pk}/signaleringslijst-controle").content.decode()
    assert "VN-lijst" in form
    refused = web.post(
        f"/personen/{person.pk}/signaleringslijst-controle", {"watch_list": str(watch_list.pk), "step": "na-besluit"}
    )
    assert refused.status_code == 400 and "nodig en evenredig" in refused.content.decode()
    done = web.post(
        f"/personen/{person.pk}/signaleringslijst-controle",
        {"watch_list": str(watch_list.pk), "step": "na-besluit", "justification": "Bij de screening."},
    )
    assert done.status_code == 302
    check_page = web.get(done["Location"]).content.decode()
    assert "geen feit" in check_page and "Muhammad Al-Hasan" in check_page and "Nationaliteit gelijk" in check_page
    hit = WatchListHit.objects.get()
    partial = web.post(
        f"/signaleringslijst-treffers/{hit.pk}/besluit",
        {"decision": "not-same-person", "note": "Andere vader."},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Niet dezelfde persoon" in partial and "<form" not in partial
    assert "Niet dezelfde persoon" in web.get(f"/personen/{person.pk}").content.decode()


def test_others_do_not_see_lists_or_checks(make_user: Any, web_client_for: Any) -> None:
    assert web_client_for(make_user("coa.locatie.ter-apel", "reporter")).get("/signaleringslijsten").status_code == 403
    police_admin = web_client_for(make_user("politie.avim", "functional-admin"))
    admin = web_client_for(make_user("ind", "functional-admin"))
    admin.post("/signaleringslijsten", {"name": "VN-lijst", "flow": "ind-signaleringslijst-screening"})
    watch_list = WatchList.objects.get()
    assert police_admin.get(f"/signaleringslijsten/{watch_list.pk}").status_code == 404


def test_creating_a_list_and_checking_a_person_sent_twice_happen_once(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: a double click makes one list and one check (a check is logged processing of a person); the second
    send lands on the first one's result."""
    import re

    from ketensignaal.screening.models import WatchListCheck

    def token(page: str) -> str:
        found = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
        assert found, "no form token"
        return found.group(1)

    admin = web_client_for(make_user("ind", "functional-admin"))
    body = {"name": "VN-lijst", "flow": "ind-signaleringslijst-screening"}
    body["form_token"] = token(admin.get("/signaleringslijsten").content.decode())
    first, second = admin.post("/signaleringslijsten", body), admin.post("/signaleringslijsten", body)
    watch_list = WatchList.objects.get()
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert first["Location"].endswith(str(watch_list.pk))
    admin.post(f"/signaleringslijsten/{watch_list.pk}", {"file": SimpleUploadedFile("l.jsonl", FTM_LIST.encode())})

    screener = make_user("ind.tsz", "hub-analyst", "handler")
    person = visible_person(screener, touchpoint="na-besluit")
    web = web_client_for(screener)
    url = f"/personen/{person.pk}/signaleringslijst-controle"
    check = {"watch_list": str(watch_list.pk), "step": "na-besluit", "justification": "Bij de screening."}
    check["form_token"] = token(web.get(url).content.decode())
    first, second = web.post(url, check), web.post(url, check)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert WatchListCheck.objects.count() == 1 and WatchListHit.objects.count() == 1
    assert "Dit formulier was al verstuurd" in web.get(second["Location"]).content.decode()


def test_an_import_sent_twice_becomes_one_version(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: the same file sent twice (a double click, the back button) is imported once; the second send says
    so. A refused file releases the form's token, so the corrected file can be sent with the same form."""
    import re

    from ketensignaal.screening.models import WatchListVersion
    from ketensignaal.screening.watchlists.services import watch_list_create

    admin_user = make_user("ind", "functional-admin")
    watch_list = watch_list_create(actor=admin_user, name="VN-lijst", flow="ind-signaleringslijst-screening")
    admin = web_client_for(admin_user)
    url = f"/signaleringslijsten/{watch_list.pk}"
    found = re.search(r'name="form_token" value="([0-9a-f]{32})"', admin.get(url).content.decode())
    assert found, "no form token on the import form"
    token = found.group(1)
    bad = admin.post(url, {"file": SimpleUploadedFile("l.jsonl", b'{"id": 1\n'), "form_token": token})
    assert bad.status_code == 400 and f'value="{token}"' in bad.content.decode()
    first = admin.post(url, {"file": SimpleUploadedFile("l.jsonl", FTM_LIST.encode()), "form_token": token})
    second = admin.post(url, {"file": SimpleUploadedFile("l.jsonl", FTM_LIST.encode()), "form_token": token})
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert WatchListVersion.objects.filter(watch_list=watch_list, status="complete").count() == 1
    assert WatchListVersion.objects.filter(watch_list=watch_list).count() == 2  # the refused one and the import
    page = admin.get(url).content.decode()
    assert "er is geen tweede versie geïmporteerd" in page
