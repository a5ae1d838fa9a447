"""The cell grammar reads the small languages inside cells, on cells cut from real prints."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import lark
import pytest

from summaryaudit import cell_grammar, cells, grammar

from .conftest import FIXTURES

REAL = FIXTURES / "real"
BOX_BAR, HEAD_BAR = "│", "┃"


def _truth(print_path: Path) -> list[dict]:
    return json.loads(print_path.with_suffix(".truth.json").read_text(encoding="utf-8"))["layers"]


def _box_param_cells(text: str) -> list[str]:
    """Cut the Param # cells of a Keras 3 box by its bars (one physical line per row)."""
    lines = text.splitlines()
    heads = [[c.strip() for c in line.split(HEAD_BAR)] for line in lines if line[:1] == HEAD_BAR]
    if len(heads) != 1 or "Param #" not in heads[0]:
        return []  # a header wrapped over several lines: not a one-line-per-row print
    column = heads[0].index("Param #")
    rows = [line.split(BOX_BAR) for line in lines if line.startswith(BOX_BAR)]
    return [row[column] for row in rows if row[1].strip()]


def _fixed_param_cells(text: str) -> list[str]:
    """Cut the Param # cells of a Keras 2 Sequential print by its header's columns."""
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Layer (type)"))
    if "Param #" not in header:
        return []
    columns = cells.fixed_columns(header)
    rows = [
        line
        for line in lines
        if line[:1].isalpha() and " (" in line.split("  ")[0] and line is not header
    ]
    return [" ".join(cells.split_fixed(line, columns)["params"]) for line in rows]


def _real_counts() -> Iterator[tuple[str, str, int]]:
    """Yield (print, Param # cell text, true count) for simple one-line-per-row real prints."""
    for path in sorted(REAL.glob("keras3/*.txt")):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        found = _box_param_cells(text) if HEAD_BAR in text else []
        if len(found) == len(truth) and all(not layer["depth"] for layer in truth):
            yield from ((path.name, cell, layer["params"]) for cell, layer in zip(found, truth))
    for path in sorted(REAL.glob("keras2.3.1/*.txt")):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        if "Connected to" in text or "Layer (type)" not in text:
            continue
        found = _fixed_param_cells(text)
        if len(found) == len(truth):
            yield from ((path.name, cell, layer["params"]) for cell, layer in zip(found, truth))


REAL_COUNTS = list(_real_counts())


def test_real_param_cells_were_found() -> None:
    prints = {name for name, _, _ in REAL_COUNTS}
    assert len(prints) >= 10 and len(REAL_COUNTS) >= 50
    assert any("," in cell for _, cell, _ in REAL_COUNTS)  # thousands separators
    assert any("(unbuilt)" in cell for _, cell, _ in REAL_COUNTS)


@pytest.mark.parametrize("name, cell, truth", REAL_COUNTS[:400])
def test_every_real_param_cell_reads_as_the_model_says(name: str, cell: str, truth: int) -> None:
    count, note = cell_grammar.read_count(cell)
    assert count == truth, (name, cell)
    assert note == ("unbuilt" if "(unbuilt)" in cell else None)


def test_float_counts_as_r_and_pandas_print_them_read_as_whole_numbers() -> None:
    for _, cell, truth in REAL_COUNTS:
        if "(" in cell:
            continue
        floated = (
            cell.strip() + ".0"
        )  # the damage: `959,238` printed as `959,238.0`, `64` as `64.0`
        assert cell_grammar.read_count(floated) == (truth, None), floated


def test_dot_grouped_counts_read_like_comma_grouped_ones() -> None:
    grouped = [(cell.strip(), t) for _, cell, t in REAL_COUNTS if "," in cell]
    assert grouped
    for cell, truth in grouped:
        assert cell_grammar.read_count(cell.replace(",", ".")) == (truth, None), cell


def test_cells_that_are_not_counts_read_as_none() -> None:
    for _, cell, _ in REAL_COUNTS:
        stripped = cell.strip()
        assert cell_grammar.read_count(stripped + " x") == (None, None)
        assert cell_grammar.read_count("(None, " + stripped + ")") == (None, None)
        assert cell_grammar.read_count(stripped + ".5") == (None, None)
    assert cell_grammar.read_count("") == (None, None)
    assert cell_grammar.read_count("1234567890123456789") == (None, None)  # past 18 digits


def test_the_cell_grammar_is_lalr_without_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    parser = cell_grammar.cell_parser()
    assert parser.options.parser == "lalr"
    text = (grammar.grammar_dir() / cell_grammar.GRAMMAR_FILE).read_text(encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="lark"):
        lark.Lark(text, parser="lalr", start=cell_grammar.STARTS, debug=True)
    assert not [r for r in caplog.records if "conflict" in r.getMessage()]
    assert cell_grammar.cell_parser() is parser  # built once
