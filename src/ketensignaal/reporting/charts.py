"""Accessible SVG bar charts drawn on the server: geometry only, the template writes the SVG.

The chart never stands alone: the same numbers are in the table beside it, and a suppressed value is drawn
as an outlined stub with the word "onderdrukt", so no colour or height carries meaning by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext

WIDTH = 640
HEIGHT = 220
TOP = 16
BOTTOM = 40
LEFT = 48


# An axis label longer than its slot overlapped its neighbours (a unit's full name under each bar): the axis shows
# a shortened name, the bar's tooltip and the description (and the table beside the chart) the full one.
AXIS_LABEL_CHARS = 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    x: float
    y: float
    width: float
    height: float
    label_x: float
    axis_label: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    max_value: int = 0


def bar_chart(*, title: str, points: list[tuple[str, int | None]]) -> Chart:
    """One bar per (label, value); ``None`` is a suppressed value. ``title`` and labels in the reader's language."""
    shown = [v for _, v in points if v is not None]
    top = max(shown, default=0) or 1
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT) / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        h = plot_h * (value / top) if value is not None else 4.0
        x = LEFT + index * slot + slot * 0.15
        bars.append(
            Bar(
                label,
                value,
                round(x, 1),
                round(HEIGHT - BOTTOM - h, 1),
                round(slot * 0.7, 1),
                round(h, 1),
                round(x + slot * 0.35, 1),
                Truncator(label).chars(max(4, min(AXIS_LABEL_CHARS, int(slot / 8)))),
            )
        )
    suppressed = gettext("onderdrukt")
    parts = [f"{label}: {suppressed if value is None else value}" for label, value in points]
    return Chart(title=title, description="; ".join(parts), bars=bars, max_value=max(shown, default=0))
