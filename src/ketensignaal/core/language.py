"""Reference data kept in Dutch and English: the text in the reader's language.

Rows the functional administrator maintains (LIV criteria and factors, phase formats, measures, checklist items)
carry a Dutch text and, beside it, an English one in ``<field>_en``. A page, a PDF or an error shows the English
text to an English reader when there is one, and the Dutch text otherwise, so a row nobody translated yet still
reads as something rather than nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language


def reader_reads_english() -> bool:
    return (get_language() or "nl").startswith("en")


def _value(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def in_reader_language(item: Any, field: str) -> str:
    """``item.<field>`` in the reader's language: ``<field>_en`` for an English reader when it is filled in."""
    if reader_reads_english():
        english = _value(item, f"{field}_en")
        if english:
            return str(english)
    return str(_value(item, field) or "")


def list_in_reader_language(item: Any, field: str) -> list[str]:
    """A list field (``data_subjects``, ``recipients``) in the reader's language, like :func:`in_reader_language`."""
    if reader_reads_english():
        english = _value(item, f"{field}_en")
        if english:
            return [str(part) for part in english]
    return [str(part) for part in _value(item, field) or []]
