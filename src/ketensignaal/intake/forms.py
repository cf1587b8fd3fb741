"""The signalling form (signaleringsformulier).

The form only collects and renders input. Every rule about what a valid signal
is lives in ``intake.validation.parse_signal_input`` (called by the service);
its ``invalid_params`` are mapped back onto the fields here, so the web form and
the API give the same answers.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ketensignaal.core.errors import ValidationFailed
from ketensignaal.core.forms import DutchDateTimeField
from ketensignaal.intake.labels import SCRIPT_NAMES, SPECIAL_NATIONALITY_LABELS, country_name
from ketensignaal.intake.models import (
    HANDLING_MEANING,
    Category,
    HandlingCode,
    IdentityBasis,
    InformationCredibility,
    NameKind,
    ObservationType,
    SourceReliability,
    Touchpoint,
)
from ketensignaal.intake.validation import DATA_CARRIER_HANDLING, HEARING_MODES, nationality_codes, parse_signal_input

MIN_NAME_ROWS = 3
MAX_NAME_ROWS = 12

# ISO 15924 codes most often met in the chain; "" means: not known / not given.
SCRIPT_CHOICES = [
    ("", _("Onbekend of niet van toepassing")),
    ("Latn", SCRIPT_NAMES["Latn"]),
    ("Arab", _("Arabisch schrift, ook Perzisch, Dari, Pasjtoe, Urdu")),
    ("Ethi", _("Ge'ez-schrift, o.a. Tigrinya en Amhaars")),
    *(
        (code, SCRIPT_NAMES[code])
        for code in ("Cyrl", "Geor", "Armn", "Hebr", "Deva", "Beng", "Hans", "Hant", "Mymr", "Thaa", "Syrc")
    ),
]

# Codes are the domain's (intake.validation); the labels are this screen's.
_HEARING_LABELS = {
    "in-person": _("Fysiek gehoor"),
    "video": _("Gehoor via video"),
    "telephone": _("Gehoor per telefoon"),
    "written": _("Schriftelijk (geeft minder kans om signalen op te merken)"),
    "not-applicable": _("Niet van toepassing"),
}
_CARRIER_LABELS = {
    "none": _("Geen gegevensdrager onderzocht"),
    "quick-scan": _("Alleen een quickscan"),
    "read-out": _("Volledig uitgelezen"),
}
HEARING_MODE_CHOICES = [("", _("Niet ingevuld")), *((code, _HEARING_LABELS.get(code, code)) for code in HEARING_MODES)]
DATA_CARRIER_CHOICES = [("", _("Niet ingevuld")), *((code, _CARRIER_LABELS.get(code, code)) for code in DATA_CARRIER_HANDLING)]

PROCEDURE_LABELS = {"asiel": _("Asielprocedure"), "nareis": _("Nareis (gezinshereniging)"), "overig": _("Overig")}

CATEGORY_HELP = {
    "terrorisme": _("Mogelijke betrokkenheid bij terroristische activiteiten, ook steun of voorbereiding."),
    "radicalisering": _(
        "Een proces waarin iemand steeds meer extreme ideeën aanhangt en bereid kan raken die te verwezenlijken."
    ),
    "extremisme": _("Actief streven naar ingrijpende veranderingen, ook met ondemocratische of onwettige middelen."),
    "ronselen": _("Anderen proberen over te halen tot radicale of gewelddadige activiteiten."),
    "openbare-orde": _("Een dreiging voor de openbare orde, bijvoorbeeld bedreiging van medewerkers of bewoners."),
    "internationale-misdrijven": _(
        "Aanwijzingen voor oorlogsmisdrijven of misdrijven tegen de menselijkheid (art. 1F Vluchtelingenverdrag)."
    ),
    "mensenhandel-smokkel": _("Aanwijzingen voor mensenhandel of mensensmokkel."),
    "identiteitsfraude": _("Twijfel over identiteit, nationaliteit of visum die op fraude kan wijzen."),
    "psychische-zorgen": _(
        "Markering, geen veiligheidssignaal op zich: kies daarnaast altijd een veiligheidscategorie. "
        "Brengt het Landelijk Interventieteam (LIV) in beeld."
    ),
}

SOURCE_HELP = {
    "A": _("De bron is in het verleden steeds betrouwbaar gebleken, of de echtheid staat vast (bijv. een document)."),
    "B": _("De bron is in de meeste gevallen betrouwbaar gebleken."),
    "C": _("De bron is in de meeste gevallen niet betrouwbaar gebleken."),
    "X": _("De betrouwbaarheid van de bron kan niet worden beoordeeld, bijvoorbeeld een onbekende medebewoner."),
}
INFORMATION_HELP = {
    "1": _("Over de juistheid bestaat geen twijfel."),
    "2": _("De bron heeft het zelf gezien of gehoord; niet bevestigd door anderen."),
    "3": _("De bron heeft het niet zelf waargenomen, maar het wordt bevestigd door andere informatie."),
    "4": _("De juistheid kan niet worden beoordeeld."),
}
HANDLING_HELP = {str(code): meaning for code, meaning in HANDLING_MEANING.items()}

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]
MINOR_CHOICES = [("", _("Onbekend")), ("ja", _("Ja, minderjarig")), ("nee", _("Nee, meerderjarig"))]


def nationality_choices() -> list[tuple[str, str]]:
    """The codes the domain accepts, named in the active language (no codes on screen); unknown and stateless first."""
    codes = nationality_codes()
    specials = [(code, str(label)) for code, label in SPECIAL_NATIONALITY_LABELS.items() if code in codes]
    countries = sorted(
        ((code, country_name(code)) for code in codes if code not in SPECIAL_NATIONALITY_LABELS),
        key=lambda c: c[1].casefold(),
    )
    return [("", str(_("— kies —"))), *specials, *countries]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class AcuteForm(forms.Form):
    """Step 1: the first question of the form."""

    acuut = forms.ChoiceField(
        label=_("Is er acuut gevaar?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies Ja of Nee: is er acuut gevaar?")},
    )


def _touchpoint_choices() -> list[Any]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for tp in Touchpoint.objects.order_by("position", "code"):
        groups.setdefault(tp.procedure, []).append((tp.code, tp.label))
    return [("", _("— kies —"))] + [(str(PROCEDURE_LABELS.get(proc, proc)), items) for proc, items in groups.items()]


# A date of birth as three boxes (year, month, day), of which only what is known is filled in: the signal form and
# every other form that asks for a person's date of birth (the case conference's registration) use these.
DOB_PARTS: dict[str, forms.CharField] = {
    "dob_year": forms.CharField(
        label=_("Jaar"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "ks-input--year"}),
    ),
    "dob_month": forms.CharField(
        label=_("Maand"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "ks-input--2"}),
    ),
    "dob_day": forms.CharField(
        label=_("Dag"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "ks-input--2"}),
    ),
}


def date_of_birth_parts_clean(form: forms.Form, data: dict[str, Any]) -> None:
    """Read the three date-of-birth boxes as people fill them in ("3" and "03" are the same month).

    The parts are checked here, each at its own box, so an impossible month is reported under "Maand". ``data``
    then holds the parts zero-padded (``date_of_birth_from_parts`` joins them)."""
    year, month, day = (str(data.get(k) or "").strip() for k in ("dob_year", "dob_month", "dob_day"))
    parts_ok = True
    for name, value, digits in (("dob_year", year, 4), ("dob_month", month, 2), ("dob_day", day, 2)):
        if value and (not value.isdigit() or len(value) > digits or (name == "dob_year" and len(value) != 4)):
            form.add_error(name, _("Vul een jaar in van vier cijfers.") if name == "dob_year" else _("Vul een getal in."))
            parts_ok = False
    if parts_ok and month and not 1 <= int(month) <= 12:
        form.add_error("dob_month", _("Een maand ligt tussen 1 en 12."))
        parts_ok = False
    if parts_ok and day and not 1 <= int(day) <= 31:
        form.add_error("dob_day", _("Een dag ligt tussen 1 en 31."))
        parts_ok = False
    if parts_ok and (month or day) and not year:
        form.add_error("dob_year", _("Vul ook het jaar in."))
    elif parts_ok and day and not month:
        form.add_error("dob_month", _("Vul ook de maand in, of laat de dag leeg."))
    elif parts_ok and year and month and day:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            form.add_error("dob_day", _("Deze dag bestaat niet in die maand."))
    data["dob_month"] = month.zfill(2) if month.isdigit() else month
    data["dob_day"] = day.zfill(2) if day.isdigit() else day
    data["dob_year"] = year


def date_of_birth_from_parts(data: dict[str, Any]) -> str:
    """The cleaned parts as the domain reads a (partial) date of birth: ``1994``, ``1994-03`` or ``1994-03-07``."""
    return "-".join(p for p in (data.get("dob_year"), data.get("dob_month"), data.get("dob_day")) if p)


class DateOfBirthForm(forms.Form):
    """Only the date of birth, for a form whose other fields are written by hand (the case conference's)."""

    dob_year = DOB_PARTS["dob_year"]
    dob_month = DOB_PARTS["dob_month"]
    dob_day = DOB_PARTS["dob_day"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date_of_birth_parts_clean(self, data)
        return data

    @property
    def date_of_birth(self) -> str:
        return date_of_birth_from_parts(self.cleaned_data) if self.is_valid() else ""

    def parts(self) -> list[forms.BoundField]:
        return [self["dob_year"], self["dob_month"], self["dob_day"]]


class SignalForm(forms.Form):
    """Collects a signal. No field is ``required`` here: what is required is the domain's rule."""

    acute = forms.ChoiceField(label=_("Is er acuut gevaar?"), choices=YES_NO, widget=forms.RadioSelect, required=False)
    own_judgement = forms.BooleanField(
        label=_(
            "Ik bevestig dat het delen van dit signaal de eigen beslissing van mijn organisatie is, in haar rol als "
            "voogd of belangenbehartiger."
        ),
        required=False,
    )

    v_number = forms.CharField(
        label=_("V-nummer"),
        required=False,
        max_length=20,
        help_text=_("Het vreemdelingennummer: 10 cijfers. Laat leeg als het niet bekend is."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "ks-input--short"}),
    )
    dob_year = DOB_PARTS["dob_year"]
    dob_month = DOB_PARTS["dob_month"]
    dob_day = DOB_PARTS["dob_day"]
    date_of_birth_uncertain = forms.BooleanField(label=_("Geboortedatum is onzeker"), required=False)
    nationality = forms.ChoiceField(label=_("Nationaliteit"), required=False, choices=())
    minor = forms.ChoiceField(label=_("Minderjarig?"), required=False, choices=MINOR_CHOICES, widget=forms.RadioSelect)
    identity_basis = forms.ChoiceField(
        label=_("Hoe is de identiteit vastgesteld?"),
        required=False,
        choices=IdentityBasis.choices,
        initial=IdentityBasis.UNKNOWN,
        widget=forms.RadioSelect,
        help_text=_("Veel aanvragers hebben geen documenten. Geef aan waarop de identiteit berust."),
    )
    current_location = forms.CharField(
        label=_("Huidige verblijfplaats"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld de opvanglocatie. Geen adres van derden."),
    )

    observation_type = forms.ChoiceField(
        label=_("Soort waarneming"),
        required=False,
        choices=[("", _("— kies —")), *ObservationType.choices],
        help_text=_(
            "Wat is de bron: de persoon zelf, gedrag, of informatie van een ander (databank, getuige, medebewoner, telefoon)?"
        ),
    )
    observation_text = forms.CharField(
        label=_("Wat heeft u waargenomen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Beschrijf feitelijk wat u zag of hoorde, of wat de bron vertelde. Houd waarneming en uw eigen "
            "interpretatie uit elkaar: een signaal is geen feit."
        ),
    )
    observed_at = DutchDateTimeField(label=_("Wanneer was dit?"), required=False)
    categories = forms.MultipleChoiceField(label=_("Categorie"), required=False, choices=(), widget=forms.CheckboxSelectMultiple)
    touchpoint = forms.ChoiceField(
        label=_("Contactmoment"),
        required=False,
        choices=(),
        help_text=_("De stap in de procedure waarin u het signaal opmerkte."),
    )
    hearing_mode = forms.ChoiceField(label=_("Hoe vond het gehoor plaats?"), required=False, choices=HEARING_MODE_CHOICES)
    data_carrier_handling = forms.ChoiceField(
        label=_("Gegevensdrager (bijv. telefoon)"),
        required=False,
        choices=DATA_CARRIER_CHOICES,
    )
    source = forms.ChoiceField(
        label=_("Betrouwbaarheid van de bron"),
        required=False,
        choices=[("", _("Niet beoordeeld")), *SourceReliability.choices],
        widget=forms.RadioSelect,
    )
    information = forms.ChoiceField(
        label=_("Juistheid van de informatie"),
        required=False,
        choices=[("", _("Niet beoordeeld")), *InformationCredibility.choices],
        widget=forms.RadioSelect,
    )
    handling_code = forms.ChoiceField(
        label=_("Behandelcode (TLP)"),
        required=False,
        choices=HandlingCode.choices,
        initial=HandlingCode.AMBER,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("PDF, JPEG, PNG of DOCX, elk tot 20 MB. U kunt meerdere bestanden tegelijk kiezen."),
    )

    def __init__(self, *args: Any, name_rows: int = MIN_NAME_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["nationality"]).choices = nationality_choices()
        cast(forms.ChoiceField, self.fields["touchpoint"]).choices = _touchpoint_choices()
        self.category_objects = list(Category.objects.all())
        cast(forms.ChoiceField, self.fields["categories"]).choices = [(c.code, c.name) for c in self.category_objects]
        self.name_rows = max(MIN_NAME_ROWS, min(name_rows, MAX_NAME_ROWS))
        for i in range(self.name_rows):
            self.fields.update(name_row_fields(i))
        self.files_to_reselect: list[str] = []

    def clean(self) -> dict[str, Any]:
        """The date-of-birth boxes are read as people fill them in (:func:`date_of_birth_parts_clean`); the domain
        rule (``intake.validation``) then receives the normalised ``YYYY-MM-DD`` form."""
        data = super().clean() or {}
        date_of_birth_parts_clean(self, data)
        return data

    # Rendering helpers ------------------------------------------------------------------
    def name_row_list(self) -> list[dict[str, Any]]:
        return [
            {
                "index": i,
                "name": self[f"names-{i}-name"],
                "script": self[f"names-{i}-script"],
                "kind": self[f"names-{i}-kind"],
                "required": i == 0,
            }
            for i in range(self.name_rows)
        ]

    def category_rows(self) -> list[dict[str, Any]]:
        selected = set(self["categories"].value() or [])
        return [
            {"obj": c, "checked": c.code in selected, "help": CATEGORY_HELP.get(c.code, ""), "id": f"id_categories_{n}"}
            for n, c in enumerate(self.category_objects)
        ]

    @staticmethod
    def grading_help() -> dict[str, Any]:
        return {"source": SOURCE_HELP, "information": INFORMATION_HELP, "handling": HANDLING_HELP}

    # From form fields to the API payload shape ------------------------------------------
    def to_payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = []
        self.name_row_of_payload_index: list[int] = []
        for i in range(self.name_rows):
            name = d.get(f"names-{i}-name", "")
            if name:
                self.name_row_of_payload_index.append(i)
                names.append({"name": name, "script": d.get(f"names-{i}-script", ""), "kind": d.get(f"names-{i}-kind") or "name"})
        dob = date_of_birth_from_parts(d)
        minor = {"ja": True, "nee": False}.get(d.get("minor") or "")
        subject: dict[str, Any] = {
            "v_number": d["v_number"],
            "names": names,
            "date_of_birth": dob,
            "date_of_birth_uncertain": d["date_of_birth_uncertain"],
            "nationality": d["nationality"],
            "minor": minor,
            "identity_basis": d["identity_basis"] or IdentityBasis.UNKNOWN,
            "current_location": d["current_location"],
        }
        observed_at = d.get("observed_at")
        payload: dict[str, Any] = {
            "subject": subject,
            "observation": {
                "type": d["observation_type"],
                "text": d["observation_text"],
                "observed_at": observed_at.isoformat() if observed_at else None,
            },
            "categories": list(d["categories"]),
            "touchpoint": d["touchpoint"],
            "hearing_mode": d["hearing_mode"],
            "data_carrier_handling": d["data_carrier_handling"],
            "grading": {"source": d["source"], "information": d["information"]},
            "handling_code": d["handling_code"] or HandlingCode.AMBER,
            "acute": d.get("acute") == "ja",
            "own_judgement": bool(d.get("own_judgement")),
        }
        return payload

    def add_domain_errors(self) -> None:
        """After a field-level error (the date boxes), still show every other problem in one go."""
        try:
            parse_signal_input(self.to_payload())
        except ValidationFailed as exc:
            rows = getattr(self, "name_row_of_payload_index", [])
            dob_reported = any(k in self.errors for k in ("dob_year", "dob_month", "dob_day"))
            params = [
                p
                for p in exc.invalid_params
                if field_for_param(str(p.get("name", "")), rows) not in self.errors
                and not (dob_reported and p.get("name") == "subject.date_of_birth")
            ]
            if params:
                self.apply_invalid_params(params, exc.detail)

    def apply_invalid_params(self, invalid_params: list[dict[str, Any]], detail: str) -> None:
        """Put each domain error on the field it concerns; unknown paths become form-level errors."""
        placed = False
        for param in invalid_params:
            field = field_for_param(str(param.get("name", "")), getattr(self, "name_row_of_payload_index", []))
            reason = param.get("reason") or detail
            if field and field in self.fields:
                if field not in self.errors or reason not in self.errors[field]:
                    self.add_error(field, reason)
                placed = True
            else:
                self.add_error(None, reason)
                placed = True
        if not placed:
            self.add_error(None, detail)

    def prepare_for_render(self) -> None:
        """Tie help texts and error messages to their inputs for screen readers."""
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_help")
            if self.is_bound and name in self.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described and not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def display_order(self) -> list[str]:
        """Field names in the order the page shows them (name rows come right after the V-number)."""
        names = [n for n in self.fields if n.startswith("names-")]
        rest = [n for n in self.fields if not n.startswith("names-")]
        at = rest.index("v_number") + 1
        return rest[:at] + names + rest[at:]

    def error_summary(self) -> list[dict[str, str]]:
        """(anchor id, label, message) for the summary at the top of the page, in form order."""
        items = []
        for message in self.non_field_errors():
            items.append({"anchor": "signal-form", "label": "", "message": str(message)})
        for name in self.display_order():
            field = self.fields[name]
            for message in self.errors.get(name, []):
                bound = self[name]
                anchor = bound.auto_id
                if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    anchor = f"{bound.auto_id}_0"
                items.append({"anchor": anchor, "label": str(field.label), "message": str(message)})
        return items


def name_row_fields(i: int) -> dict[str, forms.Field]:
    return {
        f"names-{i}-name": forms.CharField(label=_("Naam"), required=False, strip=False),
        f"names-{i}-script": forms.ChoiceField(label=_("Schrift"), required=False, choices=SCRIPT_CHOICES),
        f"names-{i}-kind": forms.ChoiceField(label=_("Soort"), required=False, choices=NameKind.choices, initial=NameKind.NAME),
    }


_SIMPLE_PATHS = {
    "subject.v_number": "v_number",
    "subject.names": "names-0-name",
    "subject.date_of_birth": "dob_year",
    "subject.date_of_birth_uncertain": "date_of_birth_uncertain",
    "subject.nationality": "nationality",
    "subject.minor": "minor",
    "subject.identity_basis": "identity_basis",
    "subject.current_location": "current_location",
    "observation": "observation_text",
    "observation.type": "observation_type",
    "observation.text": "observation_text",
    "observation.observed_at": "observed_at",
    "categories": "categories",
    "touchpoint": "touchpoint",
    "hearing_mode": "hearing_mode",
    "data_carrier_handling": "data_carrier_handling",
    "grading": "source",
    "grading.source": "source",
    "grading.information": "information",
    "handling_code": "handling_code",
    "acute": "acute",
    "own_judgement": "own_judgement",
    "attachments": "attachments",
}


def field_for_param(path: str, name_rows: list[int] | None = None) -> str | None:
    """Map an API ``invalid_params`` name (dotted path) to a form field name.

    ``name_rows`` maps the index in the payload's name list to the form row it came from
    (empty rows are left out of the payload).
    """
    parts = path.split(".")
    if parts[:2] == ["subject", "names"] and len(parts) >= 3 and parts[2].isdigit():
        index = int(parts[2])
        row = name_rows[index] if name_rows and index < len(name_rows) else index
        attr = parts[3] if len(parts) > 3 else "name"
        return f"names-{row}-{attr if attr in ('name', 'script', 'kind') else 'name'}"
    if parts[0] == "categories":
        return "categories"
    if parts[0] == "attachments":
        return "attachments"
    return _SIMPLE_PATHS.get(path)


def name_rows_in(data: Any) -> int:
    """How many name rows the posted form had (the add-a-name button adds one)."""
    highest = -1
    for key in data:
        if key.startswith("names-") and key.endswith("-name"):
            middle = key[len("names-") : -len("-name")]
            if middle.isdigit():
                highest = max(highest, int(middle))
    return highest + 1
