"""Trial 81's class readings: a cut class a ranked default name owns, a wrapper in the name cell."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, load_print, shape_text, totals_lines

REAL = FIXTURES / "real"

# --------------- 81b's 008: `normalization2d_1 (Normaliza`, kapre's Normalization2D cut by the
# column, was completed to Keras's Normalization and its 0 called verified


def _renamed_to_a_ranked_class_of_its_own(printed: str) -> str:
    """The print with its custom 2D class given the name of one a known class's name starts
    (kapre's Normalization2D; no real fixture holds one yet): each `name (Class` cut at the
    28 characters of the Keras 2 column, as the print cut the class it replaces."""
    for old, new in (
        ("scaled_l2norm_pooling2d (Sca", "normalization2d (Normalizati"),
        ("scaled_l2norm_pooling2d_1 (S", "normalization2d_1 (Normaliza"),
    ):
        assert old in printed
        printed = printed.replace(old, new)
    return printed


@pytest.mark.parametrize("generation", ["tf1.14", "tf2.0"])
def test_a_cut_class_a_ranked_default_name_owns_is_not_completed(generation: str) -> None:
    """Before: both rows read as Normalization* ('built with mean= and variance= holds
    constants') and verified. The name is the default name of Normalization2D, a class of its
    own: the rows stay unverified, and the SA901 says why."""
    _, printed = load_print(REAL / generation / "custom_pooling_class_cut_shorter.truth.json")
    report = api.check_text(_renamed_to_a_ranked_class_of_its_own(printed))
    [summary] = report.summaries
    assert summary.audit is not None
    for name, cut in (("normalization2d", "Normalizati"), ("normalization2d_1", "Normaliza")):
        assert audited_row(summary, name).type == cut
    assert summary.coverage is not None and summary.coverage.rows_verified == 4
    assert [(f.code, f.layer) for f in report.findings] == [
        ("SA901", "normalization2d"),
        ("SA901", "normalization2d_1"),
    ]
    [said] = [f.message for f in report.findings if f.layer == "normalization2d_1"]
    assert "the default name of Normalization2D, a class of its own, not Normalization" in said


# --------------- 81c's 005: a retyped table's `Bidirectional (LSTM)`, the wrapper in the name
# cell and the layer it wraps in the class cell


def _retyped_with_the_wrapper_named(truth: dict, wrapped: str) -> str:  # type: ignore[type-arg]
    """The rows as a Markdown table retyped by hand, without Connected to: the Bidirectional
    row written `Bidirectional (LSTM)`, the wrapper where the name goes."""
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    for row in truth["layers"]:
        cell = f"{row['name']} ({row['type']})"
        if row["type"] == "Bidirectional":
            cell = f"Bidirectional ({wrapped})"
        lines.append(f"| {cell} | {shape_text(row['output_shape'])} | {row['params']:,} |")
    return "\n".join([*lines, *totals_lines(truth, "**")]) + "\n"


@pytest.mark.parametrize("generation", ["tf1.14", "keras3"])
def test_a_wrapper_in_the_name_cell_on_an_unshown_input_is_read_as_that_wrapper(
    generation: str,
) -> None:
    """Bidirectional(LSTM(50)) on (60, 3), the Sequential's first row (scripts/fixture_models.py
    _frozen_bn_after_rnn): its input is not shown. Before: read as one LSTM(100), for which no
    input size gives 21,600 (an error); or, where one did, an input solved for that one layer."""
    truth, _ = load_print(REAL / generation / "frozen_bn_after_rnn.truth.json")
    report = api.check_text(_retyped_with_the_wrapper_named(truth, "LSTM"))
    [summary] = report.summaries
    derivation = audited_row(summary, "Bidirectional").derivation or ""
    assert derivation.startswith(
        "21,600 = 2 × 4 × 50 × (3 + 50 + 1): named as a Bidirectional wrapper"
    )
    assert "Bidirectional(LSTM(50)) with its two outputs concatenated" in derivation
    assert "input size 3 solved from the count" in derivation
    assert not [f for f in report.findings if f.severity.value == "error"]


def _shapes_text(dims: list) -> str:  # type: ignore[type-arg]
    """A truth file's output shape as Keras prints it, a list of shapes in brackets."""
    if dims and isinstance(dims[0], list):
        return "[" + ", ".join(shape_text(shape) for shape in dims) + "]"
    return shape_text(dims)


def _without_connected_to(truth: dict) -> str:  # type: ignore[type-arg]
    """The rows as a Markdown table retyped without the Connected to column."""
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    for row in truth["layers"]:
        shape = _shapes_text(row["output_shape"])
        lines.append(f"| {row['name']} ({row['type']}) | {shape} | {row['params']:,} |")
    return "\n".join([*lines, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_rows_above_a_second_input_take_the_first(generation: str) -> None:
    """Two inputs and no Connected to: a row above the second input's row takes the first
    (Keras lists an input above every layer that takes it), so its input is the row above's
    output. Before: every row above the first merge had its input unknown (81c's 005: the
    `Bidirectional (LSTM)` above a CTC model's `label` input solved for 64 inputs where the row
    above shows 128)."""
    truth, _ = load_print(REAL / generation / "mask_head_time_distributed_cut.truth.json")
    report = api.check_text(_without_connected_to(truth))
    [summary] = report.summaries
    derivation = audited_row(summary, "mrcnn_mask_conv4").derivation or ""
    assert derivation.startswith("584 = 8 filters × (K × 8 channels + 1) → K = 9"), derivation
    assert summary.coverage is not None and summary.coverage.consistent_only == ()
