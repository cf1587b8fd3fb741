"""Organisations, units, professionals and their roles, API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoleCode(models.TextChoices):
    REPORTER = "reporter", _("Melder")
    HANDLER = "handler", _("Behandelaar")
    HUB_ANALYST = "hub-analyst", _("Analist TSZ")
    LRO_MEMBER = "lro-member", _("Lid LRO")
    LIV_STAFF = "liv-staff", _("Medewerker LIV")
    LIV_EXPERT = "liv-expert", _("Expert LIV")
    CASE_DIRECTOR = "case-director", _("Casusregisseur")
    PRIVACY_OFFICER = "privacy-officer", _("Privacyfunctionaris")
    FUNCTIONAL_ADMIN = "functional-admin", _("Functioneel beheerder")


# For an account without a personal name, screens name the most specific role it holds.
ROLE_ORDER = [
    RoleCode.HUB_ANALYST,
    RoleCode.LIV_EXPERT,
    RoleCode.LIV_STAFF,
    RoleCode.CASE_DIRECTOR,
    RoleCode.PRIVACY_OFFICER,
    RoleCode.LRO_MEMBER,
    RoleCode.FUNCTIONAL_ADMIN,
    RoleCode.HANDLER,
    RoleCode.REPORTER,
]


def role_label(codes: frozenset[str] | set[str]) -> str:
    """The most specific of these roles by its label, or "Medewerker" for none."""
    for role in ROLE_ORDER:
        if role.value in codes:
            return str(role.label)
    return str(_("Medewerker"))


class OrganisationKind(models.TextChoices):
    CHAIN_PARTNER = "chain-partner", _("Ketenpartner")
    POLICE = "police", _("Politie")
    SERVICE = "service", _("Inlichtingendienst")
    NGO = "ngo", _("Maatschappelijke organisatie")
    MUNICIPALITY = "municipality", _("Gemeente")
    CARE = "care", _("Zorg en advies")
    GOVERNMENT = "government", _("Overheid")
    EXTERNAL = "external", _("Extern (zonder account, via het publieke meldpunt)")


class Organisation(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    shares_on_own_judgement = models.BooleanField(
        _("deelt op eigen afweging"),
        default=False,
        help_text=_("NGO's delen alleen op eigen afweging (vertrouwenspersoon, belangenbehartiger)."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisatie"))
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    service_level_days = models.PositiveSmallIntegerField(
        _("servicetermijn (werkdagen)"), default=5, help_text=_("Werkdagen dat een signaal bij deze eenheid mag liggen.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("eenheid")
        verbose_name_plural = _("eenheden")

    def __str__(self) -> str:
        return self.name

    @property
    def with_organisation(self) -> str:
        """The unit with its organisation, each named once: "Politie AVIM" (not "Politie AVIM (Politie)"), the
        organisation's full name for its general unit ("IND, Immigratie- en Naturalisatiedienst", not "IND (IND, …)")
        and "IND Team Speciale Zaken (IND, Immigratie- en Naturalisatiedienst)" where both add something."""
        organisation = self.organisation.name
        if self.name.casefold().startswith(organisation.casefold()):
            return self.name
        if organisation.casefold().startswith(f"{self.name},".casefold()):
            return organisation
        return f"{self.name} ({organisation})"


class Role(models.Model):
    code = models.CharField(_("rol"), max_length=32, unique=True, choices=RoleCode.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")

    def __str__(self) -> str:
        return str(self.get_code_display())


class User(AbstractUser):
    """A professional: belongs to exactly one unit of one organisation."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="members", null=True, blank=True, verbose_name=_("eenheid")
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name=_("rollen"))
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=8, default="nl", choices=[("nl", "Nederlands"), ("en", "English")]
    )

    objects = UserManager()  # type: ignore[misc]  # django-stubs types AbstractUser.objects as a ClassVar

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def role_codes(self) -> frozenset[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            prefetched = getattr(self, "_prefetched_objects_cache", {}).get("roles")
            if prefetched is not None:  # prefetch_related("roles"): a list names many without a query each
                cached = frozenset(role.code for role in prefetched)
            else:
                cached = frozenset(self.roles.values_list("code", flat=True)) if self.pk else frozenset()
            self._role_codes = cached
        return cached

    def has_role(self, code: str) -> bool:
        return code in self.role_codes

    @property
    def display_name(self) -> str:
        """How every screen names this professional: their own name, or for an account without one (a system
        account, an old import) their role and unit ("Behandelaar, COA Bureau Veiligheid"). Never the account name:
        that is a login, not a name a colleague knows (issue 10)."""
        full_name = self.get_full_name()
        if full_name:
            return full_name
        unit = self.unit
        if unit is None:
            return role_label(self.role_codes)
        return str(_("%(role)s, %(unit)s")) % {"role": role_label(self.role_codes), "unit": unit.name}

    @property
    def name_or_role(self) -> str:
        """As :attr:`display_name`, for a place that shows the unit beside it already: the role without the unit."""
        return self.get_full_name() or role_label(self.role_codes)

    @property
    def organisation_id(self) -> int | None:
        unit = self.unit
        return unit.organisation_id if unit is not None else None


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="api")
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
