"""Small template helpers for the intake screens."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}``: a dict lookup with a variable key; empty when absent."""
    try:
        return mapping.get(str(key), "")
    except AttributeError:
        return ""


@register.filter
def country_name(code: Any) -> str:
    """``{{ signal.nationality|country_name }}``: "Syrië", never "SYR"."""
    from ketensignaal.intake.labels import country_name as name

    return name(code)


@register.filter
def country_names(codes: Any) -> str:
    """``{{ codes|country_names }}``: a list of nationality codes as their names, comma-separated."""
    from ketensignaal.intake.labels import country_name as name

    return ", ".join(name(code) for code in codes or [] if code)


@register.filter
def script_name(code: Any) -> str:
    """``{{ name.script|script_name }}``: "Arabisch schrift", never "Arab" or "?"."""
    from ketensignaal.intake.labels import script_name as name

    return name(code)


@register.filter
def outcome_label(code: Any) -> str:
    """``{{ event.outcome|outcome_label }}``: "Overgedragen aan politie CTER", never "referred-police-cter"."""
    from ketensignaal.intake.models import Outcome

    return str(dict(Outcome.choices).get(code, code or ""))
