"""Issue 10: one Dutch date input everywhere. A browser's date or date-time picker shows its own locale's pattern
(mm/dd/yyyy) whatever language the page is in; every date on the screens is typed day-month-year through
``core.forms.DutchDateField`` / ``DutchDateTimeField`` (or a text box with the same hint). This scan fails when a
template or a form brings a browser picker back."""

from __future__ import annotations

import re
from pathlib import Path

import ketensignaal

SOURCE = Path(ketensignaal.__file__).parent

# An <input> of a browser picker type, and a Django widget given one (DateInput(attrs={"type": "date"}), or a
# widget class that sets input_type to one).
PICKER_TYPES = r"(?:date|datetime-local|datetime|month|week|time)"
PATTERNS = (
    re.compile(rf"""type\s*=\s*["']?{PICKER_TYPES}["'\s>/]""", re.IGNORECASE),
    re.compile(rf"""["']type["']\s*:\s*["']{PICKER_TYPES}["']"""),
    re.compile(rf"""input_type\s*=\s*["']{PICKER_TYPES}["']"""),
    re.compile(r"datetime-local"),
)


def picker_hits(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every browser date picker in a template's or a Python module's text."""
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        if any(pattern.search(line) for pattern in PATTERNS):
            hits.append((number, line.strip()))
    return hits


def scanned_files(root: Path) -> list[Path]:
    """Templates and Python modules that make screens; tests (which assert the picker is absent) and migrations
    are not screens."""
    files = [*root.rglob("*.html"), *root.rglob("*.py")]
    return sorted(p for p in files if not {"tests", "migrations"} & set(p.relative_to(root).parts))


def pickers_under(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}:{number}: {line}"
        for path in scanned_files(root)
        for number, line in picker_hits(path.read_text(encoding="utf-8"))
    ]


def test_no_template_or_form_uses_a_browser_date_picker() -> None:
    assert scanned_files(SOURCE), "the scan found no files: it would pass without looking"
    assert pickers_under(SOURCE) == []


def test_the_scan_finds_a_planted_picker_in_a_template_and_in_a_form(tmp_path: Path) -> None:
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "templates" / "page.html").write_text('<p>ok</p>\n<input type="date" name="on">\n')
    widget = 'forms.DateTimeInput(attrs={"type": "datetime-local"})'
    (tmp_path / "app" / "forms.py").write_text(
        f"from django import forms\n\nclass F(forms.Form):\n    at = forms.DateTimeField(widget={widget})\n"
    )
    (tmp_path / "app" / "tests").mkdir()
    (tmp_path / "app" / "tests" / "test_page.py").write_text("assert 'type=\"date\"' not in page\n")
    found = pickers_under(tmp_path)
    assert [hit.split(": ", 1)[0] for hit in found] == ["app/forms.py:4", "app/templates/page.html:2"]
    assert '"datetime-local"' in found[0] and '<input type="date" name="on">' in found[1]


def test_the_scan_knows_each_picker_form_and_leaves_text_boxes_alone() -> None:
    planted = [
        "<input type='date' name='from'>",
        '<input type=date name="from">',
        '<input type="datetime-local" id="at">',
        '<input class="x" type="time" name="t">',
        'until = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))',
        "at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={'type': 'datetime-local'}))",
        'class PickerInput(forms.DateInput):\n    input_type = "date"',
    ]
    for text in planted:
        assert picker_hits(text), text
    fine = [
        '<input class="utrecht-textbox ks-input--date" type="text" inputmode="numeric" name="due">',
        'class DutchDateInput(forms.DateInput):\n    input_type = "text"',
        '<time datetime="2026-11-03">3 november 2026</time>',
        "{{ t.cter_reported_at|date:'j-n-Y H:i' }}",
    ]
    for text in fine:
        assert not picker_hits(text), text
