"""The cell grammar reads the small languages inside cells, on cells cut from real prints."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import lark
import pytest

from summaryaudit import cell_grammar, cells, grammar

from .conftest import FIXTURES

REAL = FIXTURES / "real"
BOX_BAR, HEAD_BAR = "│", "┃"


def _truth_file(print_path: Path) -> dict:
    return json.loads(print_path.with_suffix(".truth.json").read_text(encoding="utf-8"))


def _truth(print_path: Path) -> list[dict]:
    return _truth_file(print_path)["layers"]


def _cut_by_positions(print_path: Path) -> bool:
    """Tell whether summary(positions=...) made columns too narrow for the shapes."""
    return _truth_file(print_path)["options"]["positions"] is not None


def _box_rows(text: str) -> list[dict[str, str]]:
    """Cut a Keras 3 box into cells by its bars, joining a row's wrapped lines."""
    lines = text.splitlines()
    heads = [[c.strip() for c in line.split(HEAD_BAR)] for line in lines if line[:1] == HEAD_BAR]
    if len(heads) != 1 or "Param #" not in heads[0]:
        return []  # a header wrapped over several lines: cut differently
    rows: list[dict[str, str]] = []
    for line in (line for line in lines if line.startswith(BOX_BAR)):
        found = dict(zip(heads[0], (c.strip() for c in line.split(BOX_BAR))))
        if found["Layer (type)"] or not rows:
            rows.append(found)
        else:  # a continuation line: the rest of each cell of the row above
            for key, chunk in found.items():
                rows[-1][key] = cells.join_wrapped(rows[-1][key], chunk)
    return rows


def _fixed_rows(text: str) -> list[dict[str, str]]:
    """Cut a Keras 2 print into cells by its header's columns (a row's first line)."""
    lines = text.splitlines()
    header = next((line for line in lines if line.startswith("Layer (type)")), "")
    if "Param #" not in header:
        return []  # a header indented or cut: cut differently
    columns = cells.fixed_columns(header)
    rows = [
        line
        for line in lines
        if line[:1].isalpha() and " (" in line.split("  ")[0] and line is not header
    ]
    cut = [cells.split_fixed(line, columns) for line in rows]
    after = lines[lines.index(header) + 1 :]
    wrapped = [line for line in after if line[:1] == " " and line.strip(" _=-")]
    if any(cells.split_fixed(line, columns)["output_shape"] for line in wrapped):
        return []  # tf.keras 2.7+ wraps long shapes onto the next lines: cut differently
    return [
        {"Param #": " ".join(c["params"]), "Output Shape": " ".join(c["output_shape"])} for c in cut
    ]


def _real_rows() -> Iterator[tuple[str, dict[str, str], dict]]:
    """Yield (print, cells of a row, the model's truth of that layer) for real prints."""
    for path in sorted(REAL.glob("keras3/*.txt")):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        found = _box_rows(text) if HEAD_BAR in text else []
        if len(found) == len(truth) and all(not layer["depth"] for layer in truth):
            yield from ((path.name, row, layer) for row, layer in zip(found, truth))
    for path in sorted([*REAL.glob("keras2*/*.txt"), *REAL.glob("tf*/*.txt")]):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        found = _fixed_rows(text) if "Layer (type)" in text else []
        if len(found) == len(truth):
            yield from ((path.name, row, layer) for row, layer in zip(found, truth))


REAL_ROWS = list(_real_rows())
REAL_COUNTS = [(name, row["Param #"], layer["params"]) for name, row, layer in REAL_ROWS]


def _true_shapes(layer: dict) -> tuple:
    """The model's output shape(s) as read_shapes gives them (a list of shapes or one)."""
    shape = layer["output_shape"]
    if shape and isinstance(shape[0], list):
        return tuple(tuple(s) for s in shape)
    return (tuple(shape),)


CUT_BY_KERAS = {path.name for path in REAL.glob("*/*.txt") if _cut_by_positions(path)}
REAL_SHAPES = [
    (name, row["Output Shape"], _true_shapes(layer))
    for name, row, layer in REAL_ROWS
    if layer["output_shape"] is not None and name not in CUT_BY_KERAS
]
SHAPES_CUT_BY_KERAS = [
    row["Output Shape"]
    for name, row, layer in REAL_ROWS
    if name in CUT_BY_KERAS and not row["Output Shape"].endswith(")")
]


def test_real_param_cells_were_found() -> None:
    prints = {name for name, _, _ in REAL_COUNTS}
    assert len(prints) >= 10 and len(REAL_COUNTS) >= 50
    assert any("," in cell for _, cell, _ in REAL_COUNTS)  # thousands separators
    assert any("(unbuilt)" in cell for _, cell, _ in REAL_COUNTS)


@pytest.mark.parametrize("name, cell, truth", REAL_COUNTS)
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


def test_real_shape_cells_were_found() -> None:
    assert len({name for name, _, _ in REAL_SHAPES}) >= 10 and len(REAL_SHAPES) >= 50
    assert any(cell.startswith("[") for _, cell, _ in REAL_SHAPES)  # Keras 2 inputs


def test_a_list_of_shapes_reads_as_one_shape_per_output() -> None:
    singles = [(cell, truth) for _, cell, truth in REAL_SHAPES if not cell.startswith("[")]
    for (first, one), (second, other) in zip(singles, singles[1:]):
        listed = f"[{first}, {second}]"  # a two-output layer prints its shapes as a list
        assert cell_grammar.read_shapes(listed) == one + other, listed
        assert cell_grammar.single_shape(listed) is None


@pytest.mark.parametrize("name, cell, truth", REAL_SHAPES)
def test_every_real_shape_cell_reads_as_the_model_says(name: str, cell: str, truth: tuple) -> None:
    assert cell_grammar.read_shapes(cell) == truth, (name, cell)
    if len(truth) == 1:
        assert cell_grammar.single_shape(cell) == truth[0]


def test_spaced_shapes_from_code_highlighters_read_like_printed_ones() -> None:
    for _, cell, truth in REAL_SHAPES:
        spaced = re.sub(r"\s*([()\[\],])\s*", r" \1 ", cell)  # `( None , 30 , 30 , 32 )`
        assert " , " in spaced or len(truth[0]) < 2
        assert cell_grammar.read_shapes(spaced) == truth, spaced


def test_shapes_cut_by_the_column_or_not_tuples_read_as_none() -> None:
    for _, cell, _ in REAL_SHAPES:
        assert cell_grammar.read_shapes(cell[:-1]) is None, cell[:-1]  # lost its `)` or `]`
        assert cell_grammar.read_shapes("{'a': " + cell + "}") is None  # a dict shape
    assert SHAPES_CUT_BY_KERAS
    for cell in SHAPES_CUT_BY_KERAS:  # `(None, 26, 26,`: Keras cut it at the column
        assert cell_grammar.read_shapes(cell) is None, cell
    unreadable = [
        (name, row["Output Shape"])
        for name, row, layer in REAL_ROWS
        if layer["output_shape"] is None
    ]
    assert unreadable
    for name, cell in unreadable:  # `multiple`, `?`: Keras could not say
        assert cell_grammar.read_shapes(cell) is None, (name, cell)


def test_the_cell_grammar_is_lalr_without_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    parser = cell_grammar.cell_parser()
    assert parser.options.parser == "lalr"
    text = (grammar.grammar_dir() / cell_grammar.GRAMMAR_FILE).read_text(encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="lark"):
        lark.Lark(text, parser="lalr", start=cell_grammar.STARTS, debug=True)
    assert not [r for r in caplog.records if "conflict" in r.getMessage()]
    assert cell_grammar.cell_parser() is parser  # built once


def _box_references(text: str) -> list[str]:
    """Cut the Connected to entries of a Keras 3 box: one or more per physical line."""
    lines = text.splitlines()
    heads = [[c.strip() for c in line.split(HEAD_BAR)] for line in lines if line[:1] == HEAD_BAR]
    if len(heads) != 1 or "Connected to" not in heads[0]:
        return []
    column = heads[0].index("Connected to")
    pieces = [line.split(BOX_BAR)[column] for line in lines if line.startswith(BOX_BAR)]
    return [entry for piece in pieces for entry in cell_grammar.read_connected(piece)]


REAL_REFERENCES = [
    (path.name, entry, {layer["name"] for layer in _truth(path)})
    for path in sorted([*REAL.glob("keras3/*.txt"), *REAL.glob("keras3.0.5/*.txt")])
    if path.with_suffix(".truth.json").is_file()
    and _truth_file(path)["options"]["layer_range"] is None  # a range refers to rows not shown
    for entry in _box_references(path.read_text(encoding="utf-8"))
]


def test_real_references_were_found() -> None:
    assert len({name for name, _, _ in REAL_REFERENCES}) >= 10
    assert any("…" in entry for _, entry, _ in REAL_REFERENCES)  # cut by the column
    assert any(entry.endswith("[1][0]") for _, entry, _ in REAL_REFERENCES)  # a shared layer


def test_every_real_reference_names_a_layer_of_the_model() -> None:
    for name, entry, layers in REAL_REFERENCES:
        reference = cell_grammar.read_reference(entry)
        if reference.layer.endswith("…"):  # the column cut the name itself
            assert any(n.startswith(reference.layer[:-1]) for n in layers), (name, entry)
        else:
            assert reference.layer in layers, (name, entry)
        assert reference.tensor_index == 0, (name, entry)
        quoted = cell_grammar.read_reference(f" '{entry}' ")  # as tf.keras 2.7+ lists print it
        assert quoted == reference, (name, entry)


def test_the_tensor_index_is_the_last_index_of_a_reference() -> None:
    for _, entry, layers in REAL_REFERENCES:
        if entry.endswith("[0][0]"):
            second = entry[: -len("[0]")] + "[1]"  # the layer's second output tensor
            assert cell_grammar.read_reference(second) == (entry[: -len("[0][0]")], 1)
            assert cell_grammar.layer_of_reference(second) in layers
