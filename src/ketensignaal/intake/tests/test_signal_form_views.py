"""The signalling form in the browser's sense: what a reporter sees and gets back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ketensignaal.intake.models import Signal


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["sso_authenticated"] = True  # skip the TOTP step; sign-in itself is tested in web/
    session.save()
    return client


def _valid_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "form_token": "web-test-1",
        "acute": "nee",
        "v_number": "1234567890",
        "names-0-name": "Mohammed al-Hassan",
        "names-0-script": "Latn",
        "names-0-kind": "name",
        "names-1-name": "محمد الحسن",
        "names-1-script": "Arab",
        "names-1-kind": "name",
        "names-2-name": "",
        "dob_year": "1994",
        "dob_month": "03",
        "dob_day": "",
        "nationality": "SYR",
        "minor": "nee",
        "identity_basis": "plausible",
        "current_location": "COA Ter Apel",
        "observation_type": "statement",
        "observation_text": "Sprak in de gemeenschappelijke ruimte met waardering over een aanslag.",
        "observed_at": "2026-11-20T14:00",
        "categories": ["radicalisering"],
        "touchpoint": "opvanglocatie",
        "hearing_mode": "",
        "data_carrier_handling": "",
        "source": "B",
        "information": "2",
        "handling_code": "AMBER",
    }
    data.update(overrides)
    return data


@pytest.fixture
def reporter(make_user: Any) -> Any:
    return make_user("coa.locatie.ter-apel", "reporter")


@pytest.mark.django_db
def test_first_question_is_acute_danger(reporter: Any) -> None:
    response = _client_for(reporter).get(reverse("intake:signal_new"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Is er acuut gevaar?" in html
    assert 'name="observation_text"' not in html  # the form comes after the question


@pytest.mark.django_db
def test_answering_yes_shows_call_112_without_javascript(reporter: Any) -> None:
    response = _client_for(reporter).get(reverse("intake:signal_new"), {"acuut": "ja"})
    html = response.content.decode()
    assert "Bel nu 112" in html
    assert '<div id="acute-call">' in html  # not hidden
    no = _client_for(reporter).get(reverse("intake:signal_new"), {"acuut": "nee"}).content.decode()
    assert '<div id="acute-call" hidden>' in no


@pytest.mark.django_db
def test_valid_signal_is_registered_and_confirmed_with_reference(reporter: Any) -> None:
    client = _client_for(reporter)
    response = client.post(reverse("intake:signal_new"), _valid_post())
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert response["Location"] == reverse("intake:signal_confirmation", kwargs={"pk": signal.pk})
    page = client.get(response["Location"]).content.decode()
    assert signal.reference in page and signal.reference.startswith("KS-")
    assert "COA Bureau Veiligheid" in page  # what happens next: where it is now
    assert [n.name for n in signal.names.all()] == ["Mohammed al-Hassan", "محمد الحسن"]
    assert signal.date_of_birth == "1994-03" and signal.nationality == "SYR" and signal.minor is False


@pytest.mark.django_db
def test_acute_signal_is_recorded_as_acute(reporter: Any) -> None:
    client = _client_for(reporter)
    response = client.post(reverse("intake:signal_new"), _valid_post(acute="ja"))
    assert response.status_code == 302
    assert Signal.objects.get().acute is True
    assert "Bel nu 112" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_resubmitting_the_same_form_creates_nothing_new(reporter: Any) -> None:
    client = _client_for(reporter)
    first = client.post(reverse("intake:signal_new"), _valid_post())
    second = client.post(reverse("intake:signal_new"), _valid_post())
    assert first["Location"] == second["Location"]
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_errors_keep_every_value_and_show_a_linked_summary(reporter: Any) -> None:
    data = _valid_post(v_number="12345678901", dob_month="13", categories=[], observation_type="")
    response = _client_for(reporter).post(reverse("intake:signal_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html
    # each problem is in the summary, linking to its field
    assert 'href="#id_v_number"' in html and "10 cijfers" in html
    assert 'href="#id_dob_month"' in html
    assert 'href="#id_categories' in html and "ten minste één categorie" in html
    assert 'href="#id_observation_type"' in html
    # nothing is lost: what was typed comes back, in every script
    assert 'value="12345678901"' in html
    assert 'value="محمد الحسن"' in html
    assert "Sprak in de gemeenschappelijke ruimte" in html
    assert 'value="SYR" selected' in html
    assert 'value="2026-11-20T14:00"' in html
    assert 'aria-invalid="true"' in html
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_marker_alone_is_refused_on_the_categories_field(reporter: Any) -> None:
    response = _client_for(reporter).post(reverse("intake:signal_new"), _valid_post(categories=["psychische-zorgen"]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "markering" in html and 'id="id_categories_error"' in html
    assert 'value="psychische-zorgen" id="id_categories_8" checked' in html


@pytest.mark.django_db
def test_name_error_lands_on_the_row_it_came_from(reporter: Any) -> None:
    data = _valid_post(**{"names-1-name": "", "names-2-name": "Ali\u200bHassan"})
    html = _client_for(reporter).post(reverse("intake:signal_new"), data).content.decode()
    assert 'id="id_names-2-name_error"' in html
    assert 'href="#id_names-2-name"' in html


@pytest.mark.django_db
def test_add_name_without_javascript_adds_a_row_and_keeps_values(reporter: Any) -> None:
    response = _client_for(reporter).post(reverse("intake:signal_new"), _valid_post(add_name="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="names-3-name"' in html
    assert 'value="Mohammed al-Hassan"' in html
    assert "Er is een probleem" not in html
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_add_name_over_htmx_returns_only_the_new_row(reporter: Any) -> None:
    response = _client_for(reporter).get(reverse("intake:signal_name_row"), {"index": 3}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'name="names-3-name"' in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html and "index=4" in html


@pytest.mark.django_db
def test_fake_pdf_attachment_is_refused_with_a_readable_error(reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("verslag.pdf", b"dit is geen pdf", content_type="application/pdf")
    response = _client_for(reporter).post(reverse("intake:signal_new"), {**_valid_post(), "attachments": [fake]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bijlagen" in html and "inhoud" in html
    assert "verslag.pdf" in html  # told which file to choose again
    assert Signal.objects.count() == 0


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + b"\x00" * 32
)


@pytest.mark.django_db
def test_attachment_is_stored_listed_and_served_only_to_who_may_see_it(
    reporter: Any, make_user: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ATTACHMENT_ROOT = tmp_path
    client = _client_for(reporter)
    photo = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    response = client.post(reverse("intake:signal_new"), {**_valid_post(), "attachments": [photo]})
    assert response.status_code == 302
    signal = Signal.objects.get()
    attachment = signal.attachments.get()
    detail = client.get(reverse("routing:signal_detail", kwargs={"pk": signal.pk})).content.decode()
    url = reverse("intake:attachment_download", kwargs={"pk": signal.pk, "attachment_pk": attachment.pk})
    assert f'href="{url}"' in detail and "foto.png" in detail
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png" and "attachment" in download["Content-Disposition"]
    outsider = _client_for(make_user("kmar.ir", "reporter"))
    assert outsider.get(url).status_code == 404


@pytest.mark.django_db
def test_back_and_send_again_shows_the_signal_already_registered(reporter: Any) -> None:
    """Back + resend used to register a second signal. One rendering of the form registers one signal: the same
    form sent again, changed or not, and even without its files, leads to the signal the first send registered."""
    client = _client_for(reporter)
    first = client.post(reverse("intake:signal_new"), _valid_post())
    assert first.status_code == 302
    signal = Signal.objects.get()
    confirmation = reverse("intake:signal_confirmation", kwargs={"pk": signal.pk})
    assert first["Location"] == confirmation
    for repeat in (_valid_post(), _valid_post(observation_text="Aangepaste tekst"), _valid_post(observation_text="")):
        again = client.post(reverse("intake:signal_new"), repeat, follow=True)
        assert again.redirect_chain == [(confirmation, 302)]
        page = again.content.decode()
        assert signal.reference in page and "er is niets dubbel geregistreerd" in page
    assert Signal.objects.count() == 1
    signal.refresh_from_db()
    assert signal.observation_text.startswith("Sprak in de gemeenschappelijke ruimte")


@pytest.mark.django_db
def test_a_new_form_registers_a_new_signal(reporter: Any) -> None:
    client = _client_for(reporter)
    client.post(reverse("intake:signal_new"), _valid_post())
    page = client.get(reverse("intake:signal_new"), {"acuut": "nee"}).content.decode()
    match = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert match is not None and match.group(1) != "web-test-1"
    again = client.post(reverse("intake:signal_new"), _valid_post(form_token=match.group(1)))
    assert again.status_code == 302 and Signal.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_form_keeps_its_token_and_registers_once_when_corrected(reporter: Any) -> None:
    client = _client_for(reporter)
    refused = client.post(reverse("intake:signal_new"), _valid_post(observation_text=""))
    assert refused.status_code == 400 and 'name="form_token" value="web-test-1"' in refused.content.decode()
    assert client.post(reverse("intake:signal_new"), _valid_post()).status_code == 302
    assert client.post(reverse("intake:signal_new"), _valid_post()).status_code == 302
    assert Signal.objects.count() == 1


# Issue 10 point 1 and 2: the form answers as people fill it in ------------------------------------------------


@pytest.mark.parametrize("month", ["3", "03"])
def test_month_as_the_hint_writes_it_is_accepted(reporter: Any, month: str) -> None:
    response = _client_for(reporter).post(reverse("intake:signal_new"), _valid_post(dob_month=month, dob_day="7"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Signal.objects.get().date_of_birth == "1994-03-07"


def test_bad_month_is_reported_under_month_not_year(reporter: Any) -> None:
    response = _client_for(reporter).post(reverse("intake:signal_new"), _valid_post(dob_month="13"))
    assert response.status_code == 400
    form = response.context["form"]
    assert "dob_month" in form.errors
    assert "dob_year" not in form.errors
    html = response.content.decode()
    assert 'id="id_dob_month_error"' in html
    assert not Signal.objects.exists()


def test_impossible_day_is_reported_under_day(reporter: Any) -> None:
    response = _client_for(reporter).post(reverse("intake:signal_new"), _valid_post(dob_month="2", dob_day="30"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"dob_day"}


def test_acute_question_without_a_choice_shows_the_error_at_the_field(reporter: Any) -> None:
    response = _client_for(reporter).get(reverse("intake:signal_new"), {"stap": "acuut"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_acuut_error"' in html
    assert "Kies Ja of Nee" in html
    assert 'href="#id_acuut_0"' in html


@pytest.mark.django_db
def test_when_it_happened_is_typed_day_month_year_and_time(reporter: Any) -> None:
    """Issue 10: 'Wanneer was dit?' is the one Dutch date-time input (20-11-2026 14:00), not the browser's
    datetime-local picker whose pattern follows the browser's locale; an unreadable moment says how to write it."""
    import datetime as dt

    from django.utils import timezone

    client = _client_for(reporter)
    page = client.get(reverse("intake:signal_new"), {"acuut": "nee"}).content.decode()
    assert "datetime-local" not in page and 'name="observed_at"' in page
    assert "Dag-maand-jaar en tijd, bijvoorbeeld 3-11-2026 14:30." in page
    wrong = client.post(reverse("intake:signal_new"), _valid_post(observed_at="20-11-2026"))
    assert wrong.status_code == 400 and "observed_at" in wrong.context["form"].errors
    assert "Vul datum en tijd in als dag-maand-jaar uu:mm" in wrong.content.decode()
    assert not Signal.objects.exists()
    done = client.post(reverse("intake:signal_new"), _valid_post(observed_at="20-11-2026 14:00"))
    assert done.status_code == 302
    observed = Signal.objects.get().observed_at
    assert observed is not None and timezone.localtime(observed).replace(tzinfo=None) == dt.datetime(2026, 11, 20, 14, 0)
