"""Trial 81's shape readings (81f's 007, 81d's 009), the damage applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.checks.printed_shapes import output_shapes
from summaryaudit.records import Report

from .conftest import FIXTURES
from .real_prints import (
    checked_as_truth,
    findings_by_layer,
    load_print,
    print_id,
    rows_of,
    shape_text,
    totals_lines,
)

REAL = FIXTURES / "real"

# --------------- 81f's 007: an input made with a batch size (Spektral's single-graph adjacency,
# `Input((784,), batch_size=784)`, printed `[(784, 784)]`) beside inputs that print `None`

# Prints whose second input is taken only by a custom layer that takes another input too (a
# graph convolution's adjacency, CapsNet's mask labels); no fixture holds a model made with
# `batch_size=` yet, so the print is edited as Keras would print it
GIVEN_A_BATCH_SIZE = [
    (REAL / "tf2.0" / "custom_mask_two_inputs.truth.json", "input_2"),
    (REAL / "keras2.2.4" / "custom_mask_two_inputs.truth.json", "input_2"),
    (REAL / "tf2.0" / "custom_graph_conv_class_cut.truth.json", "input_1"),
    (REAL / "tf1.14" / "custom_graph_conv_class_cut.truth.json", "input_1"),
]


def input_shape_edited(text: str, name: str, batch: str) -> str:
    """The print with the batch axis of input `name` written `batch` (`7`: the batch size the
    input was made with; ``: left out by a retyping), its columns kept."""
    lines = text.split("\n")
    [at] = [i for i, line in enumerate(lines) if line.lstrip().startswith(f"{name} (InputLayer)")]
    line = lines[at]
    edited = line.replace("(None, ", f"({batch}, " if batch else "(", 1)
    shape_end = re.compile(r"\)\]?(?= |$)").search(edited, edited.index("(")).end()
    lines[at] = edited[:shape_end] + " " * (len(line) - len(edited)) + edited[shape_end:]
    return "\n".join(lines)


def _derivations(report: Report) -> dict[str, str]:
    [summary] = report.summaries
    return {
        layer.name: audited.derivation or ""
        for layer, audited in zip(summary.layers, summary.audited_rows())
    }


def _verified(report: Report) -> int:
    [summary] = report.summaries
    assert summary.coverage is not None
    return summary.coverage.rows_verified


@pytest.mark.parametrize(
    ("truth_path", "name"), GIVEN_A_BATCH_SIZE, ids=[print_id(p) for p, _ in GIVEN_A_BATCH_SIZE]
)
def test_an_input_made_with_a_batch_size_leaves_the_other_rows_read(
    truth_path: Path, name: str
) -> None:
    """Before: the one input printing a number first made every shape unread, so the Dense at
    the end was 'Dense = inputs × units (+ units bias); neither is shown' (81f's 007: 7,840 ×
    10 + 10 = 78,410 under a `(None, 7840)` Flatten)."""
    _, printed = load_print(truth_path)
    edited = input_shape_edited(printed, name, "9")
    assert edited != printed and len(edited) == len(printed)
    assert rows_of(edited) == rows_of(printed)  # (a class the column cut stays cut)
    report, genuine = api.check_text(edited), api.check_text(printed)
    assert findings_by_layer(edited) == findings_by_layer(printed)
    assert _derivations(report) == _derivations(genuine)
    assert _verified(report) == _verified(genuine)
    assert "neither is shown" not in "".join(_derivations(report).values())
    [summary] = report.summaries
    read = dict(zip((layer.name for layer in summary.layers), output_shapes(summary.layers)))
    assert read[name] is not None and read[name][0][0] == 9  # (its batch axis, as printed)


# A functional print whose input is taken by one Conv2D alone: a retyping that left the batch
# axis out of the input's shape only (`(128, 128, 3)` over `(None, 128, 128, 64)`)
ONE_TAKER = REAL / "keras2.2.4" / "conv_filters_cut_in_a_channels_last_model.truth.json"


@pytest.mark.parametrize(
    ("truth_path", "name"),
    [(ONE_TAKER, "input_1"), (GIVEN_A_BATCH_SIZE[0][0], "input_1")],
    ids=["taken_alone", "a_vector"],
)
def test_an_input_retyped_without_its_batch_axis_alone_is_the_only_shape_unread(
    truth_path: Path, name: str
) -> None:
    """No one can tell which axis of that input is which: its own shape is not read, and no
    other row's is lost. Before: every row's shape went unread, and the counts whose layers
    take a shown row went undecided. (A taker that takes it alone would print a batch size it
    was made with as well; and `(16,)` has no axis after a batch axis.)"""
    truth, printed = load_print(truth_path)
    edited = input_shape_edited(printed, name, "")
    assert edited != printed
    report, summary = checked_as_truth(edited, truth)
    assert findings_by_layer(edited) == findings_by_layer(printed)
    got, genuine = _derivations(report), _derivations(api.check_text(printed))
    takers = {layer.name for layer in summary.layers if f"{name}[0][0]" in layer.connected_to}
    assert {row for row in got if got[row] != genuine[row]} <= takers
    for row in takers:  # a Conv2D's input channels: solved for (a Mask has no formula)
        assert got[row] == genuine[row] or "input channels not shown" in got[row]
    read = dict(zip((layer.name for layer in summary.layers), output_shapes(summary.layers)))
    assert read[name] is None


# --------------- 81d's 009: a Markdown table retyped from a print, a row number first, names in
# backticks, the shapes written `28×28×8` and the 1-D ones as bare numbers (`| 24 |`), and a
# column of the author's own after the count

BARE_ONE_D = [
    REAL / "keras3" / "depthwise_without_bias.truth.json",  # a GlobalAveragePooling2D, a Dense
    REAL / "keras3" / "text_cnn.truth.json",  # a bare `100` above the first `100×64`
    REAL / "tf2.12" / "cnn_bn.truth.json",  # a Flatten, two Dense
]


def retyped_table(truth: dict, times: str = "×", batch: bool = False) -> str:  # type: ignore[type-arg]
    """The model's rows as such a table: `| 3 | `conv2d` (Conv2D) | 26×26×32 | 320 | w3 |`, a
    1-D shape as its one number; with `batch`, the other shapes as Keras prints them."""
    lines = [
        "| #   | Layer (Type) | Output Shape | Params | Weight / Bias file |",
        "| --- | ------------ | ------------ | ------ | ------------------ |",
    ]
    for at, layer in enumerate(truth["layers"], start=1):
        dims = [str(d) for d in layer["output_shape"][1:]]
        one_d = len(dims) == 1
        shape = (
            dims[0] if one_d else shape_text(layer["output_shape"]) if batch else times.join(dims)
        )
        weights = f"`w{at:02}.txt`" if layer["params"] else "—"
        name = f"`{layer['name']}` ({layer['type']})"
        lines.append(f"| {at:<3} | {name} | {shape} | {layer['params']} | {weights} |")
    return "\n".join([*lines, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("truth_path", BARE_ONE_D, ids=print_id)
@pytest.mark.parametrize("times", ["×", " x "])
def test_a_bare_number_is_a_1d_shape_where_the_table_leaves_out_the_batch_axis(
    truth_path: Path, times: str
) -> None:
    """`| 24 |` is read `(None, 24)` as `| 7×7×24 |` is read `(None, 7, 7, 24)`. Before: a
    bare number after a row number and a name in backticks was no shape, so the last Dense was
    'Dense = inputs × units (+ units bias); neither is shown' (81d's 009: 250 = 24 × 10 + 10)."""
    truth, printed = load_print(truth_path)
    table = retyped_table(truth, times)
    assert "None" not in table and re.search(r"\| \d+ \| \d+ \|", table)
    report, summary = checked_as_truth(table, truth)
    shapes = [shape_text(layer["output_shape"]) for layer in truth["layers"]]
    assert [layer.output_shape for layer in summary.layers] == shapes
    genuine = api.check_text(printed)
    assert findings_by_layer(table) == findings_by_layer(printed)
    assert _derivations(report) == _derivations(genuine)
    assert _verified(report) == _verified(genuine)


def test_a_bare_number_is_no_shape_in_a_table_that_writes_the_batch_axis() -> None:
    """In a table whose shapes are Keras's own (`(None, 32, 32, 3)`), a bare number is not how
    the table writes a shape (the units, or a count moved into the cell): it is not read, and
    nothing is called wrong on it."""
    truth, printed = load_print(BARE_ONE_D[0])
    table = retyped_table(truth, batch=True)
    assert "| (None, 32, 32, 3) |" in table and "| 2 | 8 |" in table
    report, summary = checked_as_truth(table, truth)
    assert set(findings_by_layer(table)) <= set(findings_by_layer(printed))
    assert "neither is shown" in _derivations(report)["dense"]
    assert [layer.output_shape for layer in summary.layers][-2:] == ["3", "2"]
