"""The register of processing activities: seeded per activity, maintained by privacy officer and functional
administrator with a reason and a trail, read over the API; the log keeps referencing it by code."""

from __future__ import annotations

from typing import Any

import pytest

from ketensignaal.core.errors import NotAllowed, ValidationFailed
from ketensignaal.governance.activities import Activity
from ketensignaal.governance.models import ProcessingActivity, ProcessingActivityChange, ProcessingLogEntry
from ketensignaal.governance.processing_log import processing_log_verify
from ketensignaal.governance.processing_register import processing_activity_update
from ketensignaal.reference import reference_load

pytestmark = pytest.mark.django_db


def test_every_activity_has_a_complete_register_entry(reference: None) -> None:
    for code in Activity.values:
        entry = ProcessingActivity.objects.get(code=code)
        assert entry.purpose and entry.legal_basis and entry.retention and entry.controller
        assert entry.data_categories and entry.recipients and entry.data_subjects


def test_change_needs_a_reason_is_kept_and_logged(make_user: Any) -> None:
    officer = make_user("ind", "privacy-officer")
    with pytest.raises(ValidationFailed) as missing:
        processing_activity_update(actor=officer, code="lro", reason=" ", retention="3 jaar na het overleg.")
    assert missing.value.invalid_params[0]["name"] == "reason"
    before = ProcessingLogEntry.objects.count()
    change = processing_activity_update(
        actor=officer, code="lro", reason="Besluit privacyraad 2026", retention="3 jaar na het overleg.", recipients="LRO, NCTV"
    )
    assert change is not None
    assert change.changes["retention"][1] == "3 jaar na het overleg."
    assert ProcessingActivity.objects.get(code="lro").recipients == ["LRO", "NCTV"]
    entry = ProcessingLogEntry.objects.get(sequence=before + 1)
    assert (entry.activity, entry.action, entry.object_id) == (Activity.ADMINISTRATION, "update", "lro")
    # The same submit again changes nothing and leaves no second trail line.
    assert processing_activity_update(actor=officer, code="lro", reason="x", retention="3 jaar na het overleg.") is None
    assert ProcessingActivityChange.objects.count() == 1
    assert processing_log_verify().intact


def test_reload_keeps_what_the_officer_wrote(make_user: Any) -> None:
    officer = make_user("ind", "functional-admin")
    processing_activity_update(actor=officer, code="screening", reason="Nieuwe termijn", retention="10 jaar.")
    reference_load()
    assert ProcessingActivity.objects.get(code="screening").retention == "10 jaar."


def test_others_may_not_change_or_see_the_screens(make_user: Any, web_client_for: Any) -> None:
    handler = make_user("coa.bureau-veiligheid", "handler")
    with pytest.raises(NotAllowed):
        processing_activity_update(actor=handler, code="lro", reason="x", retention="1 dag")
    assert web_client_for(handler).get("/privacy/verwerkingsregister").status_code == 404


def test_screens_edit_and_history(make_user: Any, web_client_for: Any) -> None:
    admin = make_user("ind", "functional-admin")
    web = web_client_for(admin)
    page = web.get("/privacy/verwerkingsregister")
    assert page.status_code == 200
    assert "Landelijk Regie Overleg" in page.content.decode()
    form = web.get("/privacy/verwerkingsregister/lro/wijzigen")
    assert form.status_code == 200
    entry = ProcessingActivity.objects.get(code="lro")
    data = {
        "name": entry.name,
        "purpose": entry.purpose,
        "legal_basis": entry.legal_basis,
        "controller": entry.controller,
        "data_subjects": "\n".join(entry.data_subjects),
        "data_categories": "\n".join(entry.data_categories),
        "recipients": "\n".join(entry.recipients),
        "retention": "2 jaar na het overleg.",
        "security_measures": entry.security_measures,
        "reason": "",
    }
    assert web.post("/privacy/verwerkingsregister/lro/wijzigen", data).status_code == 400
    data["reason"] = "Advies FG"
    assert web.post("/privacy/verwerkingsregister/lro/wijzigen", data).status_code == 302
    detail = web.get("/privacy/verwerkingsregister/lro").content.decode()
    assert "2 jaar na het overleg." in detail and "Advies FG" in detail


def test_api_lists_the_register(make_user: Any, api_client_for: Any) -> None:
    reporter = make_user("coa.locatie.ter-apel", "reporter")
    response = api_client_for(reporter).get("/api/v1/processing-activities")
    assert response.status_code == 200
    codes = {row["code"] for row in response.json()}
    assert set(Activity.values) <= codes
    lro = next(row for row in response.json() if row["code"] == "lro")
    assert lro["recipients"] and lro["retention"]
    one = api_client_for(reporter).get("/api/v1/processing-activities/rechten-betrokkenen")
    assert one.status_code == 200 and one.json()["code"] == Activity.SUBJECT_RIGHTS
    assert api_client_for(reporter).get("/api/v1/processing-activities/bestaat-niet").status_code == 404


def test_the_api_gives_the_register_in_the_clients_language_with_the_english_beside_it(
    make_user: Any, api_client_for: Any
) -> None:
    """Issue 10: Dutch by default, English on Accept-Language; the English as written in ``*_en`` either way."""
    api = api_client_for(make_user("coa.locatie.ter-apel", "reporter"))
    entry = ProcessingActivity.objects.get(code="lro")
    assert entry.name_en and entry.purpose_en and entry.recipients_en
    dutch = api.get("/api/v1/processing-activities/lro")
    assert dutch["Content-Language"] == "nl"
    assert dutch.json()["name"] == entry.name and dutch.json()["recipients"] == entry.recipients
    assert dutch.json()["name_en"] == entry.name_en and dutch.json()["recipients_en"] == entry.recipients_en
    english = api.get("/api/v1/processing-activities", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    lro = next(row for row in english.json() if row["code"] == "lro")
    assert lro["name"] == entry.name_en and lro["purpose"] == entry.purpose_en and lro["recipients"] == entry.recipients_en
    assert lro["legal_basis"] == (entry.legal_basis_en or entry.legal_basis)
    # A text nobody translated yet reads in Dutch rather than empty.
    ProcessingActivity.objects.filter(code="lro").update(retention_en="")
    untranslated = api.get("/api/v1/processing-activities/lro", HTTP_ACCEPT_LANGUAGE="en").json()
    assert untranslated["retention"] == entry.retention and untranslated["retention_en"] == ""


def test_the_register_form_sent_twice_records_one_change(make_user: Any, web_client_for: Any) -> None:
    """Issue 10: duplicate submits are harmless (the form's one-time token, ``core.form_tokens``)."""
    import re

    web = web_client_for(make_user("ind", "functional-admin"))
    url = "/privacy/verwerkingsregister/lro/wijzigen"
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', web.get(url).content.decode())
    assert token
    entry = ProcessingActivity.objects.get(code="lro")
    data = {
        "name": entry.name,
        "purpose": entry.purpose,
        "legal_basis": entry.legal_basis,
        "controller": entry.controller,
        "data_subjects": "\n".join(entry.data_subjects),
        "data_categories": "\n".join(entry.data_categories),
        "recipients": "\n".join(entry.recipients),
        "retention": "3 jaar na het overleg.",
        "security_measures": entry.security_measures,
        "reason": "Advies FG",
        "form_token": token.group(1),
    }
    before = ProcessingActivityChange.objects.count()
    first, second = web.post(url, data), web.post(url, data)
    assert first.status_code == second.status_code == 302
    assert ProcessingActivityChange.objects.count() == before + 1


def test_every_entry_has_english_and_an_english_reader_reads_it(make_user: Any, web_client_for: Any) -> None:
    for code in Activity.values:
        entry = ProcessingActivity.objects.get(code=code)
        assert entry.name_en and entry.purpose_en and entry.legal_basis_en and entry.retention_en and entry.recipients_en
    officer = make_user("ind", "privacy-officer")
    web = web_client_for(officer)
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    register = web.get("/privacy/verwerkingsregister").content.decode()
    assert "Recording security signals" in register and "Registratie van veiligheidssignalen" not in register
    detail = web.get("/privacy/verwerkingsregister/lro").content.decode()
    assert "Joint interpretation and agreement on follow-up." in detail and "participants in the LRO" in detail
    assert "Gezamenlijke duiding" not in detail


def test_the_english_is_maintained_like_the_dutch_and_falls_back_to_it(make_user: Any, web_client_for: Any) -> None:
    officer = make_user("ind", "privacy-officer")
    processing_activity_update(
        actor=officer, code="lro", reason="Engelse tekst", retention_en="", recipients_en="LRO members, NCTV"
    )
    entry = ProcessingActivity.objects.get(code="lro")
    assert entry.recipients_en == ["LRO members", "NCTV"] and entry.retention_en == ""
    web = web_client_for(officer)
    web.post("/i18n/setlang/", {"language": "en", "next": "/"})
    detail = web.get("/privacy/verwerkingsregister/lro").content.decode()
    assert "LRO members; NCTV" in detail and "5 jaar na het overleg." in detail  # no English retention: the Dutch
