"""Statistical disclosure control for tables that leave the chain (``audience=external``).

Primary suppression hides every cell whose count is below the threshold (zero included: "none at this
location" can itself be telling). Secondary suppression then hides further cells so that no hidden value
can be worked out from the published row and column totals.

Why the secondary step is exact, not a rule of thumb: a table of *m* rows and *n* columns with its row totals,
column totals and grand total is an (m+1) × (n+1) grid in which every line sums to zero once the totals are
given a minus sign. Seen as a bipartite graph (one node per grid row, one per grid column, one edge per grid
entry), a set of hidden entries is uniquely determined by the published ones exactly when its edge is a
*bridge* of the graph of hidden entries: an edge on a cycle can be shifted by +d/−d around that (even) cycle
without changing any published total. So we keep suppressing until the hidden entries have no bridge, each
time closing the cheapest rectangle through a bridge (interior cells before totals, small values first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

DEFAULT_THRESHOLD = 10


def default_threshold() -> int:
    return int(getattr(settings, "FIGURES_DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Cell:
    count: int | None
    suppressed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "suppressed": self.suppressed}


@dataclass
class ProtectedTable:
    """The published grid: ``cells[i][j]``, ``row_totals[i]``, ``column_totals[j]``, ``total``."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell
    threshold: int | None

    @property
    def suppressed_count(self) -> int:
        grid = [*self.cells, self.column_totals]
        flat = [c for row in grid for c in row] + self.row_totals + [self.total]
        return sum(1 for c in flat if c.suppressed)


def rule_text(threshold: int | None) -> str:
    """The rule applied, stated under each table, in the reader's language."""
    if threshold is None:
        return gettext("Intern overzicht binnen de keten: alle aantallen getoond, geen onthullingsbeheersing toegepast.")
    return gettext(
        "Voor publicatie buiten de keten: aantallen kleiner dan %(threshold)s (ook nul) zijn niet getoond "
        "(primaire onderdrukking); daarnaast zijn zo nodig andere cellen of totalen niet getoond, zodat geen "
        "verborgen aantal uit de rij- en kolomtotalen is af te leiden (secundaire onderdrukking)."
    ) % {"threshold": threshold}


def _grid(values: list[list[int]]) -> list[list[int]]:
    """The (m+1) × (n+1) grid: the table with its row totals as last column and column totals as last row."""
    m = len(values)
    n = len(values[0]) if m else 0
    grid = [[*row, sum(row)] for row in values]
    column_totals = [sum(values[i][j] for i in range(m)) for j in range(n)]
    grid.append([*column_totals, sum(column_totals)])
    return grid


def _bridges(hidden: set[tuple[int, int]], rows: int, cols: int) -> list[tuple[int, int]]:
    """Hidden entries that lie on no cycle of the hidden-entry graph (Tarjan's bridge search, iterative)."""
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], tuple[int, int]]]] = {}
    for i, j in hidden:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    order: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    found: list[tuple[int, int]] = []
    counter = 0
    for start in sorted(adjacency):
        if start in order:
            continue
        order[start] = low[start] = counter
        counter += 1
        stack: list[tuple[tuple[str, int], tuple[int, int] | None, int]] = [(start, None, 0)]
        while stack:
            node, via, index = stack.pop()
            edges = adjacency[node]
            if index < len(edges):
                stack.append((node, via, index + 1))
                neighbour, edge = edges[index]
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, 0))
            elif via is not None:
                parent = ("r", via[0]) if node[0] == "c" else ("c", via[1])
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    found.append(via)
    del rows, cols
    return sorted(found)


def _close_rectangle(grid: list[list[int]], hidden: set[tuple[int, int]], bridge: tuple[int, int]) -> None:
    """Hide the cheapest entries that put ``bridge`` on a 4-cycle (a rectangle of hidden entries)."""
    r, c = bridge
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1
    best: tuple[tuple[int, int, int], list[tuple[int, int]]] | None = None
    for i in range(len(grid)):
        if i == r:
            continue
        for j in range(len(grid[0])):
            if j == c:
                continue
            new = [e for e in ((r, j), (i, j), (i, c)) if e not in hidden]
            margins = sum(1 for a, b in new if a == last_row or b == last_col)
            grand = sum(1 for a, b in new if a == last_row and b == last_col)
            cost = (grand, margins, sum(grid[a][b] for a, b in new))
            if best is None or cost < best[0]:
                best = (cost, new)
    if best is not None:
        hidden.update(best[1])


def suppressed_entries(values: list[list[int]], threshold: int) -> set[tuple[int, int]]:
    """Grid positions (the totals as last row/column) to hide so nothing hidden is derivable."""
    grid = _grid(values)
    hidden = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v < threshold}
    # Bounded: every pass hides at least one more entry of a finite grid.
    for _ in range(len(grid) * len(grid[0]) + 1):
        bridges = _bridges(hidden, len(grid), len(grid[0]))
        if not bridges:
            break
        _close_rectangle(grid, hidden, bridges[0])
    return hidden


def protect(values: list[list[int]], *, threshold: int | None, columns: int | None = None) -> ProtectedTable:
    """The table as published: every count shown (``threshold=None``), or with disclosure control applied.

    ``columns`` gives the width of a table that has no rows (its column totals are then zero).
    """
    if not values:
        values_or_zero = [[0] * (columns or 0)]
        empty = protect(values_or_zero, threshold=threshold)
        return ProtectedTable([], [], empty.column_totals, empty.total, threshold)
    grid = _grid(values)
    hidden = suppressed_entries(values, threshold) if threshold is not None else set()

    def cell(i: int, j: int) -> Cell:
        return Cell(None, True) if (i, j) in hidden else Cell(grid[i][j], False)

    m = len(values)
    n = len(values[0]) if m else 0
    return ProtectedTable(
        cells=[[cell(i, j) for j in range(n)] for i in range(m)],
        row_totals=[cell(i, n) for i in range(m)],
        column_totals=[cell(m, j) for j in range(n)],
        total=cell(m, n),
        threshold=threshold,
    )
