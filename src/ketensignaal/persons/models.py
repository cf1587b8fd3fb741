"""Person records: the subject behind one or more signals."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    display_name = models.CharField(max_length=200)
    v_number = models.CharField(max_length=10, blank=True, db_index=True)
    date_of_birth = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=3, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from")
    created_at = models.DateTimeField(default=timezone.now)
    # AVG art. 18: processing restricted on the person's request (kept, shown with a banner, not linked or merged).
    restricted_since = models.DateTimeField(_("verwerking beperkt sinds"), null=True, blank=True)
    restriction_reason = models.TextField(_("reden van de beperking"), blank=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.display_name


class PersonSignalLink(models.Model):
    """A confirmed link between a signal and a person, chosen by a person (never by the system alone)."""

    signal = models.OneToOneField("intake.Signal", on_delete=models.CASCADE, related_name="person_link")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signal_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "linked_at"])]

    def __str__(self) -> str:
        return f"signal {self.signal_id} → person {self.person_id}"


class IdentifierKind(models.TextChoices):
    V_NUMBER = "v-number", _("V-nummer")
    PASSPORT = "passport", _("Paspoortnummer")
    ID_CARD = "id-card", _("Identiteitskaart")
    OTHER = "other", _("Overig")


class PersonIdentifier(models.Model):  # noqa: DJ008 (rows, shown through their person)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=16, choices=IdentifierKind.choices)
    value = models.CharField(max_length=64)
    source_signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"], name="person_identifier_idx")]


class PersonNameKind(models.TextChoices):
    NAME = "name", _("Naam")
    ALIAS = "alias", _("Alias")


class PersonName(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """A name variant exactly as entered, with its ISO 15924 script and derived comparison forms."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    original = models.CharField(max_length=200)
    script = models.CharField(max_length=4)
    kind = models.CharField(max_length=8, choices=PersonNameKind.choices, default=PersonNameKind.NAME)
    cleaned = models.CharField(max_length=200)
    latin = models.CharField(max_length=300, help_text="Transliterated lower-case ASCII tokens")
    significant = models.CharField(max_length=300, help_text="Latin tokens without particles")
    source_signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]


class PersonNameKey(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """Retrieval key of a name (token, skeleton, phonetic code or skeleton pair); ``person`` is denormalised."""

    name = models.ForeignKey(PersonName, on_delete=models.CASCADE, related_name="keys")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=2)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["kind", "value", "person"], name="person_name_key_idx")]


class PersonNameKeyFrequency(models.Model):  # noqa: DJ008 (derived counts, never shown)
    """How many ``PersonNameKey`` rows a common retrieval key has, counted in bulk (``matching.engine.
    key_frequencies_refresh``, nightly and after a bulk load) so that a query does not count the common keys' index
    rows each time. Only keys with at least ``FREQUENT_KEY`` rows are kept; rarer keys are counted live (cheaply).
    Counts of name fragments shared by hundreds of persons: no person can be told from them."""

    kind = models.CharField(max_length=2)
    value = models.CharField(max_length=80)
    count = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="person_name_key_frequency_key")]


class PersonBirthDate(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """A date of birth as given (``text``), possibly partial, uncertain or a range, as inclusive bounds."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="birth_dates")
    text = models.CharField(max_length=40)
    earliest = models.DateField()
    latest = models.DateField()
    uncertain = models.BooleanField(default=False)
    source_signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        # matching: the persons born on exactly the query's date join the candidate pool
        indexes = [models.Index(fields=["earliest", "latest"], name="person_birth_date_idx")]


class PersonNationality(models.Model):  # noqa: DJ008 (rows, shown through their person)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nationalities")
    code = models.CharField(max_length=3, help_text=_("ISO 3166 alpha-3; XXA staatloos, XXX onbekend"))
    source_signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")


class PersonEventKind(models.TextChoices):
    CREATED = "created", _("Persoon aangemaakt")
    SIGNAL_LINKED = "signal-linked", _("Signaal gekoppeld")
    MERGED = "merged", _("Persoon samengevoegd")
    MERGED_INTO = "merged-into", _("Opgegaan in andere persoon")
    UNMERGED = "unmerged", _("Samenvoeging ongedaan gemaakt")
    RECTIFIED = "rectified", _("Gegevens gerectificeerd")
    RESTRICTED = "restricted", _("Verwerking beperkt")
    UNRESTRICTED = "unrestricted", _("Beperking opgeheven")


class PersonEvent(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """History of a person record; a merge event lists what moved so that it can be undone exactly."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=PersonEventKind.choices)
    other_person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    signal = models.ForeignKey("intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


class MatchDecisionKind(models.TextChoices):
    CONFIRMED = "confirmed", _("Bevestigd")
    REJECTED = "rejected", _("Afgewezen")
    NEW_PERSON = "new-person", _("Nieuwe persoon")


class MatchDecision(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """A person's choice about a candidate: kept as evaluation data for the matching."""

    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="match_decisions")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="match_decisions")
    decision = models.CharField(max_length=16, choices=MatchDecisionKind.choices)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    similarity = models.FloatField(null=True, blank=True)
    proposed_reason = models.CharField(max_length=32, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)


class MatchProposal(models.Model):  # noqa: DJ008 (rows, shown through their person)
    """Candidates computed when a signal came in; shown to whoever works the signal, never acted on alone."""

    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="person_proposals")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=32, blank=True, help_text="v-number when the V-number matched exactly")
    explanation = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank"]
