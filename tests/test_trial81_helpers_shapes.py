"""Trial 81's shape readings (81f's 007, 81d's 009), the damage applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.checks.printed_shapes import output_shapes
from summaryaudit.records import Report

from .conftest import FIXTURES
from .real_prints import checked_as_truth, findings_by_layer, load_print, print_id, rows_of

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
