"""The interface is Dutch first; English can be chosen and is remembered for the session."""

from django.urls import reverse


def test_language_switch_to_english_and_back(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen"})
    html = client.get(reverse("web:login")).content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html and "Username" in html
    client.post("/i18n/setlang/", {"language": "nl", "next": "/inloggen"})
    html = client.get(reverse("web:login")).content.decode()
    assert '<html lang="nl"' in html and "Gebruikersnaam" in html
