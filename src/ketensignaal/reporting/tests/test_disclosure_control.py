"""Disclosure control: primary suppression below the threshold and secondary suppression that leaves no hidden
value derivable from what is published (checked by exact linear algebra, independent of the implementation)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ketensignaal.reporting.disclosure import protect, rule_text


def _published_grid(table):
    rows = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    rows.append([*table.column_totals, table.total])
    return rows


def _rank(matrix: list[list[Fraction]]) -> int:
    m = [row[:] for row in matrix]
    rank = 0
    cols = len(m[0]) if m else 0
    for col in range(cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][col] != 0:
                factor = m[r][col] / m[rank][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


def derivable_hidden_entries(grid) -> list[tuple[int, int]]:
    """Hidden entries whose value the published entries pin down: every line of the grid (a row with its total,
    a column with its total, the totals with the grand total) is a linear equation; a hidden entry is determined
    iff dropping its column from the system over the hidden unknowns lowers the rank."""
    rows, cols = len(grid), len(grid[0])
    hidden = [(i, j) for i in range(rows) for j in range(cols) if grid[i][j].suppressed]
    if not hidden:
        return []
    equations = []
    for i in range(rows):
        equations.append([Fraction(1 if (a == i) else 0) * (-1 if b == cols - 1 else 1) for a, b in hidden])
    for j in range(cols):
        equations.append([Fraction(1 if (b == j) else 0) * (-1 if a == rows - 1 else 1) for a, b in hidden])
    full = _rank(equations)
    out = []
    for k, entry in enumerate(hidden):
        reduced = [[v for idx, v in enumerate(eq) if idx != k] for eq in equations]
        if _rank(reduced) < full:
            out.append(entry)
    return out


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda m: st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.lists(
            st.lists(st.one_of(st.integers(0, 12), st.integers(0, 200)), min_size=n, max_size=n), min_size=m, max_size=m
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(values=tables, threshold=st.integers(min_value=1, max_value=15))
def test_no_suppressed_value_is_derivable_from_the_published_margins(values, threshold) -> None:
    table = protect(values, threshold=threshold)
    grid = _published_grid(table)
    assert derivable_hidden_entries(grid) == []
    # Primary suppression: nothing below the threshold (zero included) is shown, and shown counts are the true ones.
    truth = [[*row, sum(row)] for row in values]
    truth.append([*(sum(col) for col in zip(*values, strict=True)), sum(map(sum, values))])
    for i, row in enumerate(grid):
        for j, cell in enumerate(row):
            if cell.suppressed:
                assert cell.count is None
            else:
                assert cell.count == truth[i][j]
                assert cell.count >= threshold


def test_a_single_small_cell_takes_three_more_with_it() -> None:
    table = protect([[50, 3], [40, 60]], threshold=10)
    hidden = [(i, j) for i, row in enumerate(_published_grid(table)) for j, c in enumerate(row) if c.suppressed]
    assert (0, 1) in hidden
    assert len(hidden) >= 4  # the small cell alone would follow from its row total
    assert table.total.count == 153  # the grand total stays published where it can


def test_internal_audience_shows_every_count() -> None:
    table = protect([[0, 3]], threshold=None)
    assert [c.count for c in table.cells[0]] == [0, 3]
    assert table.suppressed_count == 0
    assert "geen onthullingsbeheersing" in rule_text(None)
    assert "kleiner dan 10" in rule_text(10)


def test_the_linear_algebra_check_catches_a_lone_hidden_cell() -> None:
    """The checker itself can fail: primary suppression alone leaves the small cell derivable."""
    from ketensignaal.reporting.disclosure import Cell

    grid = [[Cell(50), Cell(None, True), Cell(53)], [Cell(40), Cell(60), Cell(100)], [Cell(90), Cell(63), Cell(153)]]
    assert derivable_hidden_entries(grid) == [(0, 1)]
