"""Where a webhook may point: https on a public address (checked when subscribing and again before each delivery,
so a name that later resolves to an inside address is not called). ``WEBHOOKS_ALLOW_LOCAL`` (tests, demo) also
allows http://127.0.0.1 and http://localhost."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def _local_allowed(host: str, scheme: str) -> bool:
    return bool(settings.WEBHOOKS_ALLOW_LOCAL) and scheme in ("http", "https") and host in ("127.0.0.1", "localhost", "::1")


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def target_problem(url: str) -> str | None:
    """``None`` when the URL may be called; otherwise why not (Dutch, for the form and the API)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "Geen geldig adres."
    host = (parts.hostname or "").lower()
    if not host:
        return "Geen geldig adres."
    if parts.username or parts.password:
        return "Een adres met gebruikersnaam of wachtwoord wordt niet gebruikt; het geheim ondertekent elke notificatie."
    if _local_allowed(host, parts.scheme):
        return None
    if parts.scheme != "https":
        return "Alleen https-adressen zijn toegestaan."
    addresses = _addresses(host)
    if not addresses:
        return "Deze naam is niet te vinden (DNS)."
    for address in addresses:
        if not address.is_global or address.is_multicast:
            return "Dit adres wijst naar een intern, lokaal of gereserveerd netwerk; dat is niet toegestaan."
    return None
