"""The signal: an observation about a subject, with source, grading and handling code.

Observation, source, grading and (later) interpretation are kept apart: a
signal is not a fact (DOMAIN.md principle 1).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class _LabelledInBothLanguages:
    """Reference data named in Dutch and English (``name``, ``name_en``): ``label`` is the name in the reader's
    language (the Dutch name when no English one was set)."""

    name: str
    name_en: str

    @property
    def label(self) -> str:
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Category(_LabelledInBothLanguages, models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    is_marker = models.BooleanField(
        _("markering"),
        default=False,
        help_text=_("Een markering (psychische-zorgen) begeleidt een veiligheidscategorie en is zelf geen signaal."),
    )

    class Meta:
        ordering = ["is_marker", "code"]
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")

    def __str__(self) -> str:
        return self.label


class TouchpointProcedure(models.TextChoices):
    ASYLUM = "asiel", _("Asielprocedure")
    FAMILY_REUNIFICATION = "nareis", _("Nareis (gezinshereniging)")
    OTHER = "overig", _("Overig")


class Touchpoint(_LabelledInBothLanguages, models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    procedure = models.CharField(
        _("procedure"), max_length=32, default=TouchpointProcedure.ASYLUM, choices=TouchpointProcedure.choices
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self) -> str:
        return self.label


class ObservationType(models.TextChoices):
    STATEMENT = "statement", _("Uitspraak van de persoon")
    BEHAVIOUR = "behaviour", _("Gedrag")
    DATABASE = "database", _("Treffer in een databank")
    OPEN_SOURCE = "open-source", _("Open-bronnenonderzoek")
    WITNESS = "witness", _("Getuige")
    CO_RESIDENT = "co-resident", _("Medebewoner")
    DATA_CARRIER = "data-carrier", _("Gegevensdrager (bijv. telefoon)")


class SourceReliability(models.TextChoices):
    A = "A", _("A — betrouwbaar")
    B = "B", _("B — meestal betrouwbaar")
    C = "C", _("C — niet betrouwbaar")
    X = "X", _("X — niet te beoordelen")


class InformationCredibility(models.TextChoices):
    ONE = "1", _("1 — zeker juist")
    TWO = "2", _("2 — persoonlijk bekend bij de bron")
    THREE = "3", _("3 — niet persoonlijk bekend, wel bevestigd")
    FOUR = "4", _("4 — niet te beoordelen")


class HandlingCode(models.TextChoices):
    CLEAR = "CLEAR", "TLP:CLEAR"
    GREEN = "GREEN", "TLP:GREEN"
    AMBER = "AMBER", "TLP:AMBER"
    AMBER_STRICT = "AMBER+STRICT", "TLP:AMBER+STRICT"
    RED = "RED", "TLP:RED"


# What each handling code allows, in words (TLP 2.0), on the form and on the signal page: one text per code, so
# AMBER and RED can never read alike.
HANDLING_MEANING: dict[str, Promise] = {
    HandlingCode.CLEAR: _("Mag vrij gedeeld worden."),
    HandlingCode.GREEN: _("Delen binnen de keten en met partners, niet openbaar."),
    HandlingCode.AMBER: _("Beperkt delen: binnen de eigen organisatie en met haar cliënten die het moeten weten."),
    HandlingCode.AMBER_STRICT: _("Alleen binnen de eigen organisatie delen."),
    HandlingCode.RED: _("Alleen voor de genoemde ontvangers; niet verder delen."),
}


class IdentityBasis(models.TextChoices):
    DOCUMENT = "document", _("Identiteitsdocument")
    LAISSEZ_PASSER = "laissez-passer", _("Laissez-passer")
    PLAUSIBLE = "plausible", _("Alleen aannemelijk")
    UNKNOWN = "unknown", _("Onbekend")


class SignalStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    TAKEN = "taken", _("In behandeling")
    AWAITING_INFORMATION = "awaiting-information", _("Informatie gevraagd")
    CLOSED = "closed", _("Afgesloten")


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "no-further-action", _("Geen verdere actie")
    REFERRED_POLICE_CTER = "referred-police-cter", _("Overgedragen aan politie CTER")
    REFERRED_POLICE_TIM = "referred-police-tim", _("Overgedragen aan politie TIM")
    REFERRED_LIV = "referred-liv", _("Overgedragen aan het LIV")
    MONITORING = "monitoring", _("Monitoren")
    MERGED = "merged", _("Samengevoegd")
    UNFOUNDED = "unfounded", _("Ongegrond")
    ESTABLISHED = "established", _("Gegrond")


class Signal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    reporting_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="reported_signals")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reported_signals")
    current_unit = models.ForeignKey("identity.Unit", on_delete=models.PROTECT, related_name="signals_here")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_signals"
    )
    status = models.CharField(max_length=32, choices=SignalStatus.choices, default=SignalStatus.RECEIVED)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    acute = models.BooleanField(default=False)
    own_judgement = models.BooleanField(
        default=False,
        help_text=_(
            "De melder bevestigde dat delen de eigen afweging van de organisatie is, in haar rol als voogd of "
            "belangenbehartiger (Nidos, VWN)."
        ),
    )

    # Subject
    v_number = models.CharField(max_length=10, blank=True, db_index=True)
    date_of_birth = models.CharField(max_length=10, blank=True, help_text="YYYY, YYYY-MM of YYYY-MM-DD")
    date_of_birth_uncertain = models.BooleanField(default=False)
    nationality = models.CharField(max_length=3, blank=True, help_text=_("ISO 3166 alpha-3; XXA staatloos, XXX onbekend"))
    minor = models.BooleanField(null=True)
    identity_basis = models.CharField(max_length=32, choices=IdentityBasis.choices, default=IdentityBasis.UNKNOWN)
    current_location = models.CharField(max_length=200, blank=True)

    # Observation
    observation_type = models.CharField(max_length=32, choices=ObservationType.choices)
    observation_text = models.TextField()
    observed_at = models.DateTimeField(null=True, blank=True)
    touchpoint = models.ForeignKey(Touchpoint, on_delete=models.PROTECT)
    hearing_mode = models.CharField(max_length=32, blank=True)
    data_carrier_handling = models.CharField(max_length=32, blank=True)
    categories = models.ManyToManyField(Category, related_name="signals")

    # Grading and handling
    source_reliability = models.CharField(max_length=1, choices=SourceReliability.choices, blank=True)
    information_credibility = models.CharField(max_length=1, choices=InformationCredibility.choices, blank=True)
    handling_code = models.CharField(max_length=16, choices=HandlingCode.choices, default=HandlingCode.AMBER)

    # Timing of the current hop
    arrived_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-acute", "due_at", "created_at"]
        indexes = [
            models.Index(fields=["current_unit", "status", "-acute", "due_at"], name="signal_inbox_idx"),
            models.Index(fields=["reported_by", "-created_at"], name="signal_reporter_idx"),
            # Chain figures: the signals registered or closed since the daily roll-up (reporting.rollup).
            models.Index(fields=["created_at"], name="signal_created_idx"),
            models.Index(fields=["closed_at"], name="signal_closed_idx"),
            # The inbox's default view: open signals at one unit in the inbox order (acute first, deadline, age);
            # PostgreSQL walks this index in ORDER BY order and stops after one page.
            models.Index(
                fields=["current_unit", "-acute", "due_at", "created_at"],
                name="signal_open_inbox_idx",
                condition=~models.Q(status="closed"),
            ),
        ]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")

    def __str__(self) -> str:
        return self.reference

    @property
    def handling_code_meaning(self) -> str:
        """What the handling code allows recipients, in the reader's language (TLP 2.0)."""
        return str(HANDLING_MEANING.get(self.handling_code, ""))


class NameKind(models.TextChoices):
    NAME = "name", _("Naam")
    ALIAS = "alias", _("Alias")


class SubjectName(models.Model):
    """A name as written, with its ISO 15924 script; stored exactly as entered."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    script = models.CharField(max_length=4, blank=True)
    kind = models.CharField(max_length=8, choices=NameKind.choices, default=NameKind.NAME)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"name {self.position} of signal {self.signal_id}"


class InvolvementReason(models.TextChoices):
    REPORTED = "reported", _("Gemeld door deze eenheid")
    ROUTED = "routed", _("Langs deze eenheid gegaan")
    ALARM = "alarm", _("Acuut alarm")
    DISCLOSED = "disclosed", _("Verstrekt")
    LRO = "lro", _("Geagendeerd in het LRO")
    LIV = "liv", _("Aanmelding bij het LIV")
    TASK = "task", _("Vervolgtaak")


class SignalInvolvement(models.Model):
    """Which units (or, for the LIV, which users) have a need to know about a signal, and why.

    Scopes every query on signals (``intake.scopes.involved``). Written only by the disclosure service
    (``routing.disclosure``): a grant across organisations is a disclosure over a registered flow, whose
    version label is kept here. A grant to one ``user`` (the LIV's assigned staff and experts) gives that
    person need to know, not their whole unit.
    """

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="involvements")
    unit = models.ForeignKey("identity.Unit", on_delete=models.CASCADE, related_name="signal_involvements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="signal_involvements"
    )
    reason = models.CharField(max_length=16, choices=InvolvementReason.choices)
    since = models.DateTimeField(default=timezone.now)
    legal_basis = models.CharField(max_length=120, blank=True, help_text=_("Versie van de gegevensstroom (code@vN)."))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "signal"], condition=models.Q(user__isnull=True), name="involvement_unit_signal_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "signal"], condition=models.Q(user__isnull=False), name="involvement_user_signal_unique"
            ),
        ]

    def __str__(self) -> str:
        who = f"user {self.user_id}" if self.user_id else f"unit {self.unit_id}"
        return f"{self.signal_id} @ {who} ({self.reason})"


class SignalCounter(models.Model):
    """Per-year counter for human references (KS-2026-000123)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class IdempotencyRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key_unique")]

    def __str__(self) -> str:
        return f"{self.key} → {self.signal_id}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    DOCX = "docx", "DOCX"


class Attachment(models.Model):
    """A document or photo with a signal, stored outside the web root under a random name.

    ``kind`` is what the content turned out to be (magic bytes), never what the name claimed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(max_length=255)
    storage_name = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8, choices=AttachmentKind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The original name with the extension of what the content is (a PDF named ``x.exe`` is served as ``x.pdf``)."""
        return name_for_kind(self.original_name, self.kind)


KIND_EXTENSIONS = {
    AttachmentKind.PDF: ".pdf",
    AttachmentKind.JPEG: ".jpg",
    AttachmentKind.PNG: ".png",
    AttachmentKind.DOCX: ".docx",
}
_KIND_SUFFIXES = {
    AttachmentKind.PDF: {".pdf"},
    AttachmentKind.JPEG: {".jpg", ".jpeg"},
    AttachmentKind.PNG: {".png"},
    AttachmentKind.DOCX: {".docx"},
}


def name_for_kind(name: str, kind: str) -> str:
    """``name`` whose extension matches ``kind``: kept when it already does, replaced (or added) otherwise."""
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and f".{suffix.lower()}" in _KIND_SUFFIXES.get(AttachmentKind(kind), set()):
        return name
    base = stem if dot and stem else name
    return (base.rstrip(". ") or "bijlage")[:240] + KIND_EXTENSIONS[AttachmentKind(kind)]
