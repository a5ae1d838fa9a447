"""The cell grammar reads the small languages inside cells, on cells cut from real prints."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summaryaudit import api, cell_grammar, cells, grammar_files, layer_classes, lines
from summaryaudit.checks import input_chain, printed_shapes

from .conftest import FIXTURES, SEEDS, WILD, WILD2

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


def _whole(cell: str) -> bool:
    """Tell whether a shape cell closes every bracket it opens (a default-width Keras 2 column
    cuts a list of outputs too: `[(None, 30, 300), (N`)."""
    return cell.count("(") == cell.count(")") and cell.count("[") == cell.count("]")


REAL_SHAPES = [
    (name, row["Output Shape"], _true_shapes(layer))
    for name, row, layer in REAL_ROWS
    if layer["output_shape"] is not None
    and name not in CUT_BY_KERAS
    and _whole(row["Output Shape"])
]
SHAPES_CUT_BY_KERAS = [
    row["Output Shape"]
    for name, row, layer in REAL_ROWS
    if (name in CUT_BY_KERAS and not row["Output Shape"].endswith(")"))
    or not _whole(row["Output Shape"])
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
    singles = [
        (cell, truth) for _, cell, truth in REAL_SHAPES if not cell.startswith(("[", "{"))
    ]  # (a dict of one output reads as its shape, but a list never holds a dict)
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
        # a dict of several outputs (which one a node takes is not printed); of one, its shape
        assert cell_grammar.read_shapes("{'a': " + cell + ", 'b': (None, 2)}") is None
        one = cell_grammar.read_shapes(cell) if cell.startswith("(") else None  # one tuple
        dict_of_one = cell_grammar.read_shapes("{'a': " + cell + "}")
        assert dict_of_one == (one if one is not None and len(one) == 1 else None), cell
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
    text = (grammar_files.grammar_dir() / cell_grammar.GRAMMAR_FILE).read_text(encoding="utf-8")
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
        indexes = re.findall(r"\[(\d+)\]", entry)
        # the last index names the output tensor (`encoder[0][1]`: an LSTM's state h)
        assert reference.tensor_index == (int(indexes[-1]) if len(indexes) >= 2 else 0), (
            name,
            entry,
        )
        quoted = cell_grammar.read_reference(f" '{entry}' ")  # as tf.keras 2.7+ lists print it
        assert quoted == reference, (name, entry)


def test_the_tensor_index_is_the_last_index_of_a_reference() -> None:
    for _, entry, layers in REAL_REFERENCES:
        if entry.endswith("[0][0]"):
            second = entry[: -len("[0]")] + "[1]"  # the layer's second output tensor
            assert cell_grammar.read_reference(second) == (entry[: -len("[0][0]")], 1)
            assert cell_grammar.layer_of_reference(second) in layers


# --------------------------------------------------------------------------- Layer (type)


def _layer_cells() -> Iterator[tuple[str, str, dict]]:
    """Yield (print, Layer (type) cell, the model's truth of that layer) for real prints."""
    for path in sorted(REAL.glob("keras3/*.txt")):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        found = _box_rows(text) if HEAD_BAR in text else []
        if len(found) == len(truth) and all(not layer["depth"] for layer in truth):
            for row, layer in zip(found, truth):
                yield path.name, row["Layer (type)"], layer
    for path in sorted([*REAL.glob("keras2*/*.txt"), *REAL.glob("tf*/*.txt")]):
        text, truth = path.read_text(encoding="utf-8"), _truth(path)
        lines = text.splitlines()
        header = next((line for line in lines if line.startswith("Layer (type)")), "")
        if "Output Shape" not in header or len(_fixed_rows(text)) != len(truth):
            continue
        width = header.index("Output Shape")
        rows = [
            line
            for line in lines
            if line[:1].isalpha() and " (" in line.split("  ")[0] and line is not header
        ]
        for line, layer in zip(rows, truth):
            yield path.name, line[:width].strip(), layer


LAYER_CELLS = list(_layer_cells())


def _agrees(cell: cell_grammar.LayerCell, layer: dict) -> bool:
    """The cell names the model's layer and class, or a prefix of them flagged as cut (Keras 2
    cuts a long name at the column edge silently: then the class is cut off too)."""
    name_ok = cell.name == layer["name"] or (
        bool(cell.cut) and layer["name"].startswith(cell.name.rstrip("…"))
    )
    class_ok = cell.printed_class == layer["type"] or (
        "type" in cell.cut and layer["type"].startswith(cell.printed_class.rstrip("…"))
    )
    return name_ok and class_ok


def test_real_layer_cells_were_found() -> None:
    assert len({name for name, _, _ in LAYER_CELLS}) >= 10 and len(LAYER_CELLS) >= 100
    assert any(not cell.endswith(")") for _, cell, _ in LAYER_CELLS)  # Keras cut the class


@pytest.mark.parametrize("name, cell, layer", LAYER_CELLS)
def test_every_real_layer_cell_names_the_models_layer_and_class(
    name: str, cell: str, layer: dict
) -> None:
    read = cell_grammar.read_layer_cell(cell)
    assert _agrees(read, layer), (name, cell, read)
    if read.printed_class != layer["type"]:  # (a class that lost only its `)` is complete)
        assert "type" in read.cut, (name, cell)
    assert ("type" in read.cut) == (not cell.endswith(")") or "…" in read.printed_class)
    assert cell_grammar.grammar_layer_cell(cell) == read


WHOLE_CELLS = [(cell, layer) for _, cell, layer in LAYER_CELLS if cell.endswith(")")]


def test_spaced_and_unspaced_layer_cells_read_like_printed_ones() -> None:
    assert WHOLE_CELLS
    for cell, _ in WHOLE_CELLS:
        read = cell_grammar.read_layer_cell(cell)
        spaced = re.sub(r"\s*\(\s*(.*?)\s*\)$", r" ( \1 )", cell)  # a code highlighter's spacing
        assert cell_grammar.read_layer_cell(spaced) == read, spaced
        glued = cell.replace(" (", "(")  # `name(Class)`, the space lost in a paste
        assert cell_grammar.read_layer_cell(glued) == read, glued
        assert cell_grammar.read_layer_cell("  " + cell.replace(" ", "   ") + " ") == read


def test_names_with_scopes_dots_and_slashes_keep_them() -> None:
    for cell, layer in WHOLE_CELLS:
        for scoped in (f"model/{cell}", f"tf.math.{cell}", f"block.1/{cell}"):
            read = cell_grammar.read_layer_cell(scoped)
            assert read.name == scoped.rsplit(" (", 1)[0], scoped
            assert read.printed_class == layer["type"] and not read.cut, scoped


def test_a_class_cut_at_the_column_edge_or_missing_is_flagged_as_cut() -> None:
    for cell, layer in WHOLE_CELLS:
        for end in range(cell.index(" (") + 2, len(cell)):  # `name (Cla`, `name (`: no `)`
            read = cell_grammar.read_layer_cell(cell[:end])
            assert read.name == layer["name"] and "type" in read.cut, cell[:end]
            assert layer["type"].startswith(read.printed_class), cell[:end]
        bare = cell_grammar.read_layer_cell(layer["name"])  # no class at all
        assert bare == (layer["name"], "", frozenset({"type"}))


def test_a_shape_pushed_into_the_name_cell_ends_it() -> None:
    rows = [(row["Layer (type)"], row["Output Shape"]) for _, row, _ in REAL_ROWS if len(row) > 2]
    pushed = [(c, s) for c, s in rows if c.endswith(")") and s.startswith(("(", "["))]
    assert pushed
    for cell, shape in pushed:  # a long name pushed the shape left into the name's column
        read = cell_grammar.read_layer_cell(cell)
        assert cell_grammar.read_layer_cell(f"{cell} {shape}") == read, shape
        start = shape[: shape.find("None") + 4] if "None" in shape else shape[:5]  # `[(None`
        assert cell_grammar.read_layer_cell(f"{cell} {start}") == read, start


def test_a_name_and_class_swapped_by_hand_read_the_right_way_round() -> None:
    swappable = [(cell, layer) for cell, layer in WHOLE_CELLS if layer["name"][:1].islower()]
    assert swappable
    known = 0
    for cell, layer in swappable:
        swapped = f"{layer['type']} ({layer['name']})"  # `Conv2D (conv2d_6)`
        read = cell_grammar.read_layer_cell(swapped)
        if layer_classes.is_known_class(layer["type"]):
            known += 1
            assert read == cell_grammar.read_layer_cell(cell), swapped
        else:  # a custom class is no evidence of a swap: read as printed
            assert read.name == layer["type"], swapped
    assert known


# --------------------------------------------------------------------------- totals


def _totals_lines() -> Iterator[tuple[str, str, str, int]]:
    """Yield (print, totals line, label, the model's count) for every real print."""
    for path in sorted(REAL.glob("*/*.txt")):
        totals = _truth_file(path).get("totals") or {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if lines.totals_kind(line) is None:
                continue
            read = cell_grammar.read_totals(line)
            assert read is not None, (path.name, line)
            if totals.get(read.label) is not None:
                yield path.name, line, read.label, totals[read.label]


TOTALS_LINES = list(_totals_lines())


def test_real_totals_lines_were_found() -> None:
    labels = {label for _, _, label, _ in TOTALS_LINES}
    assert labels == {"total", "trainable", "non_trainable", "optimizer"}
    assert any("Byte)" in line for _, line, _, _ in TOTALS_LINES)  # Keras 3.0's sizes
    assert any("KB)" in line for _, line, _, _ in TOTALS_LINES)
    assert any("(" not in line for _, line, _, _ in TOTALS_LINES)  # Keras 1/2: no size


@pytest.mark.parametrize("name, line, label, truth", TOTALS_LINES)
def test_every_real_totals_line_reads_as_the_model_says(
    name: str, line: str, label: str, truth: int
) -> None:
    read = cell_grammar.read_totals(line)
    assert read is not None and read.value == truth, (name, line)
    size = re.search(r"\(([\d.]+ \w+)\)\s*$", line)
    assert read.size == (size.group(1) if size else None), (name, line)
    assert cell_grammar.grammar_totals(line) == read


def test_damaged_totals_lines_read_like_printed_ones() -> None:
    for _, line, label, truth in TOTALS_LINES:
        head, count = line.split(":", 1)
        number = count.split("(")[0].strip()
        damaged = [
            line.replace(number, number.replace(",", " , ")),  # a code highlighter's spacing
            line.replace(number, number + ".0"),  # R and pandas print floats
            f"__{line.strip()}__",  # Markdown emphasis
            f"|{head.strip()}| {count.strip()}|",  # a Markdown table cell
            head.replace(" ", "_") + ":" + count if "Non" not in head else line,  # Total_params
        ]
        for text in damaged:
            again = cell_grammar.read_totals(text)
            assert again is not None and (again.label, again.value) == (label, truth), text
        assert cell_grammar.read_totals(line.replace(number, "XXX")).value is None


def test_a_size_followed_by_more_text_is_not_read_as_the_size() -> None:
    sized = [line for _, line, _, _ in TOTALS_LINES if line.rstrip().endswith(")")]
    assert sized
    for line in sized:
        noted = cell_grammar.read_totals(line + "   # an author's note")
        assert noted is not None and noted.size is None
        assert noted.value == cell_grammar.read_totals(line).value


# --------------------------------------------------------------------------- Connected to


def _list_cells() -> Iterator[tuple[str, list[str]]]:
    """Yield (Connected to list, its entries) of real tf.keras 2.7+ prints; a list wrapped over
    lines (the rest of its column below it) is joined with one space, as the reader joins it."""
    prints = [*REAL.glob("tf2.9/*.txt"), *REAL.glob("tf2.12/*.txt"), *REAL.glob("tf_keras/*.txt")]
    for path in sorted(prints):
        text = path.read_text(encoding="utf-8")
        for found in re.findall(r"\['[^'\s]+'(?:,\s+'[^'\s]+')*\]", text):
            yield " ".join(found.split()), re.findall(r"'([^']+)'", found)


LIST_CELLS = list(_list_cells())


def test_real_connected_lists_split_into_their_entries() -> None:
    assert len(LIST_CELLS) >= 20 and any(len(entries) > 1 for _, entries in LIST_CELLS)
    for cell, entries in LIST_CELLS:
        assert cell_grammar.read_connected(cell) == tuple(entries), cell
        assert cell_grammar.grammar_connected(cell) == tuple(entries), cell
        if len(entries) > 1:  # wrapped after a comma, the lines joined with a space
            wrapped = cell.replace("', '", "',   '", 1)
            assert cell_grammar.read_connected(wrapped) == tuple(entries), wrapped
        cut = cell[: -len("']")]  # cut by the column: no closing quote or bracket
        assert cell_grammar.read_connected(cut) == tuple(entries), cut
    assert cell_grammar.read_connected("[]") == () == cell_grammar.read_connected("-")


def test_keras3_connected_cells_split_at_commas_only() -> None:
    entries = [entry for _, entry, _ in REAL_REFERENCES]
    for first, second in zip(entries, entries[1:]):
        cell = f"{first}, {second}"
        assert cell_grammar.read_connected(cell) == (first, second), cell
        assert cell_grammar.grammar_connected(cell) == (first, second), cell


def test_counts_spaced_by_a_code_highlighter_read_like_printed_ones() -> None:
    spaced = [(c.strip(), t) for _, c, t in REAL_COUNTS if "," in c]
    assert spaced
    for cell, truth in spaced:
        assert cell_grammar.read_count(cell.replace(",", " , ")) == (truth, None), cell
        assert cell_grammar.read_count(cell.replace(",", ", ")) == (truth, None), cell
    assert cell_grammar.read_count("12 34") == (None, None)  # two numbers are no count


# --------------------------------------------------------------------------- fast paths

READERS = {
    "count": (cell_grammar.read_count, cell_grammar.grammar_count),
    "shapes": (cell_grammar.read_shapes, cell_grammar.grammar_shapes),
    "reference": (cell_grammar.read_reference, cell_grammar.grammar_reference),
    "layer": (cell_grammar.read_layer_cell, cell_grammar.grammar_layer_cell),
    "totals": (cell_grammar.read_totals, cell_grammar.grammar_totals),
    "connected": (cell_grammar.read_connected, cell_grammar.grammar_connected),
}


def _inputs() -> list[Path]:
    """Every real fixture, wild-corpus paste and seed (as scripts/fingerprint_outputs.py)."""
    suffixes = {".txt", ".md", ".ipynb", ".py", ".html", ".log", ".rst"}
    found = sorted((FIXTURES).rglob("*.txt"))
    for folder in (WILD, WILD2, SEEDS):
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.suffix in suffixes)
    return found


@pytest.fixture(scope="module")
def every_cell() -> dict[str, set]:
    """Every text each cell reader was given while checking every fixture, paste and seed."""
    seen: dict[str, set] = {name: set() for name in READERS}
    patch = pytest.MonkeyPatch()

    def recorder(name: str, read: Callable[..., object]) -> Callable[..., object]:
        def record(text: str, *rest: object) -> object:
            seen[name].add(text)
            return read(text, *rest)

        return record

    for name, (read, _) in READERS.items():
        patch.setattr(cell_grammar, read.__name__, recorder(name, read))
    # the audit imports these two by name
    patch.setattr(printed_shapes, "read_shapes", recorder("shapes", cell_grammar.read_shapes))
    for module in (input_chain, printed_shapes):
        patch.setattr(module, "read_reference", recorder("reference", cell_grammar.read_reference))
    try:
        for path in _inputs():
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            api.check_text(text, source=path.name)
    finally:
        patch.undo()
    return seen


@pytest.mark.parametrize("language", sorted(READERS))
def test_every_cell_of_every_input_reads_the_same_with_or_without_the_fast_path(
    language: str, every_cell: dict[str, set]
) -> None:
    read, grammar_only = READERS[language]
    texts = every_cell[language]
    assert len(texts) >= 2, language
    for text in texts:
        assert read(text) == grammar_only(text), (language, text)


@pytest.mark.parametrize(
    "language, canonical",
    [
        ("count", cell_grammar.CANONICAL_COUNT),
        ("shapes", cell_grammar.CANONICAL_SHAPES),
        ("reference", cell_grammar.CANONICAL_REFERENCE),
        ("reference", cell_grammar.CUT_REFERENCE),
        ("reference", cell_grammar.CUT_INDEX_REFERENCE),
        ("reference", cell_grammar.PARTIAL_REFERENCE),
        ("reference", cell_grammar.BRACKETLESS_REFERENCE),
        ("reference", cell_grammar.NAME_WITH_CUT_REFERENCE),
        ("reference", cell_grammar.NAME_WITH_CUT_INDEX_REFERENCE),
        ("count", cell_grammar.NOTED_COUNT),
        ("connected", cell_grammar.ONE_ENTRY),
        ("layer", cell_grammar.CANONICAL_LAYER),
        ("totals", cell_grammar.CANONICAL_TOTALS),
        ("connected", cell_grammar.CANONICAL_ENTRIES),
        ("connected", cell_grammar.CANONICAL_LIST),
        ("connected", cell_grammar.SPACED_ENTRIES),
    ],
)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_wherever_the_fast_path_answers_the_grammar_answers_the_same(
    language: str, canonical: re.Pattern, data: st.DataObject
) -> None:
    read, grammar_only = READERS[language]
    text = data.draw(st.from_regex(re.compile(canonical.pattern), fullmatch=True))
    assert read(text) == grammar_only(text), text


CELL_ALPHABET = "ab_Z9 0,.()[]'…-?:|*N" + "one"


@pytest.mark.parametrize("language", sorted(READERS))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=CELL_ALPHABET, max_size=24))
def test_on_random_texts_the_fast_path_and_the_grammar_agree(language: str, text: str) -> None:
    read, grammar_only = READERS[language]
    assert read(text) == grammar_only(text), text


def test_an_entry_with_a_note_reads_the_same_by_fast_path_and_grammar() -> None:
    """Hypothesis found `0 ()`: the fast path read the author's note off the entry (31c's 012),
    the grammar kept it; both read the name now."""
    for text in ("0 ()", "layer_normalization_1 (Q, K, V)", "dense[0][0] (skip)"):
        assert cell_grammar.read_connected(text) == cell_grammar.grammar_connected(text), text
    assert cell_grammar.grammar_connected("layer_normalization_1 (Q, K, V)") == (
        "layer_normalization_1",
    )


@pytest.mark.parametrize("text", ["' [", "' a[0][0]", " 'dense[1][0]' "])
def test_a_quoted_reference_reads_the_same_by_fast_path_and_grammar(text: str) -> None:
    """Hypothesis found `' [`: the fast path stripped quotes then spaces twice, the grammar once."""
    assert cell_grammar.read_reference(text) == cell_grammar.grammar_reference(text)


REFERENCE_ALPHABET = "ab_9 0[]…'"


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=REFERENCE_ALPHABET, max_size=24))
def test_text_outside_the_reference_language_reads_as_the_grammar_reads_it(text: str) -> None:
    """`NOT_A_REFERENCE` answers only for texts the grammar fails on (they name themselves)."""
    core = text.strip().strip("'")
    if cell_grammar.NOT_A_REFERENCE.fullmatch(core):
        expected = (core, 0)
        assert cell_grammar.read_reference(text) == cell_grammar.grammar_reference(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "conv3_block10_concat[0][0… conv3_block11_2_conv[0][0]",
        "reduction_add_2_stem_1[0]… reduction_add3_stem_1[0][… add[0][0]",
    ],
)
def test_a_cut_keras3_entry_with_more_of_its_line_needs_no_grammar(text: str) -> None:
    """Keras 3 cuts an entry and prints the next on the same line: no reference, read at once."""
    assert cell_grammar.NOT_A_REFERENCE.fullmatch(text)
    assert cell_grammar.read_reference(text) == cell_grammar.grammar_reference(text) == (text, 0)
    cell = text + ", " + text
    assert cell_grammar.SPACED_ENTRIES.fullmatch(cell)
    assert cell_grammar.read_connected(cell) == cell_grammar.grammar_connected(cell)


def test_a_cut_entry_before_a_whole_one_names_what_precedes_the_indexes() -> None:
    text = "separable_conv_2_bn_norma… normal_bn_1_0[0][1]"
    expected = ("separable_conv_2_bn_norma… normal_bn_1_0", 1)
    assert cell_grammar.read_reference(text) == cell_grammar.grammar_reference(text) == expected


@pytest.mark.parametrize(
    "language, text",
    [
        ("count", "10,240,0…"),
        ("count", "1…"),
        ("reference", "separable_conv_2_bn_reduc… reduction_right5_stem_1[0…"),
        ("reference", "x6gbm8… dense[…"),
        ("reference", "…[…"),  # a name of `…` alone is the grammar's ELLIPSIS: no reference
        ("reference", "…[0][0]"),
        ("reference", "…a[0][1]"),
        ("connected", "[]"),
    ],
)
def test_cut_cells_of_real_prints_read_as_the_grammar_reads_them(language: str, text: str) -> None:
    read, grammar_only = READERS[language]
    assert read(text) == grammar_only(text)
