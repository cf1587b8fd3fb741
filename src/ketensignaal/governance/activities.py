"""The processing activities a log entry can name: an enumeration, not free strings.

Each value is the code of an entry in the register of processing activities (``ProcessingActivity``, loaded from
the reference data), so a privacy officer can read every log entry against its purpose and legal basis. The values
are the bytes the processing log hashes; a member is a ``str``, so the hash of an entry does not depend on whether
the caller passed the member or its value.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.TextChoices):
    SIGNAL_REGISTRATION = "signaal-registratie", _("signaal registreren")
    SIGNAL_HANDLING = "signaal-behandeling", _("signaal behandelen")
    PERSON_LINKING = "persoonskoppeling", _("personen koppelen")
    DISCLOSURE = "verstrekking", _("verstrekken")
    LRO = "lro", _("landelijk regieoverleg")
    LIV_TRAJECTORY = "liv-traject", _("LIV-traject")
    ADMINISTRATION = "beheer", _("beheer")
    PRIVACY_OVERSIGHT = "privacytoezicht", _("privacytoezicht")
    SCREENING = "screening", _("screening")
    WATCHLIST_CHECK = "signaleringslijst-controle", _("signaleringslijst controleren")
    CASE_CONFERENCE = "casusoverleg", _("casusoverleg")
    TRAINING_REGISTRY = "opleidingsregistratie", _("opleidingsregister")
    RETENTION = "bewaren-vernietigen", _("bewaren en vernietigen")
    SUBJECT_RIGHTS = "rechten-betrokkenen", _("verzoeken van betrokkenen")
