"""The review of 83a's 012: collapsed headless rows, a count or shape wrapped, on real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print, print_id, shape_text
from .test_trial83_helpers_spaces import excerpt

REAL = FIXTURES / "real"

# (prints whose Param # column wrapped a count: `… 3355852 ['concatenate[0][0]']` over `8`)
WRAPPED_COUNTS = [REAL / "tf_keras" / "big_dense_two_inputs.truth.json"]
# (prints whose Output Shape column wrapped shapes: `(None, 26, 26` over `, 32)`, `(None, 224,
# 224, 64` over `)`, `(BatchNor` / `malization) , 32)`)
WRAPPED_SHAPES = [
    REAL / "tf2.9" / "cnn_bn_positions.truth.json",
    REAL / "tf2.12" / "cnn_bn_positions.truth.json",
    REAL / "tf_keras" / "cnn_bn_positions.truth.json",
    REAL / "tf2.12" / "inception_stem_input_cut.truth.json",
]
NESTED_FRAMES = [
    REAL / "tf2.9" / "siamese_shared_nested_expanded.truth.json",
    REAL / "tf2.12" / "siamese_shared_nested_expanded.truth.json",
    REAL / "tf_keras" / "siamese_shared_nested_expanded.truth.json",
]


def rows_of(truth: dict[str, object], first_row: int = 0) -> list[tuple[str, str, int]]:
    """The truth's rows (name, class, count) from its row `first_row` on."""
    layers = truth["layers"]
    assert isinstance(layers, list)
    return [(layer["name"], layer["type"], layer["params"]) for layer in layers[first_row:]]


@pytest.mark.parametrize("empty_lines", [True, False], ids=["spaced", "dense"])
@pytest.mark.parametrize("truth_path", WRAPPED_COUNTS, ids=[print_id(p) for p in WRAPPED_COUNTS])
def test_a_count_wrapped_under_a_collapsed_row_goes_on_with_it(
    truth_path: Path, empty_lines: bool
) -> None:
    """Before: 'SA101 dense shows 3,355,852 but … 33,558,528 … a pasted or edited count?' and
    'SA001 … '8'': the digits the count wrapped onto the line below were read as a line apart."""
    truth, printed = load_print(truth_path)
    assert any(line.strip().isdigit() for line in printed.split("\n"))  # (the count wraps)
    report = api.check_text(excerpt(printed, 0, True, empty_lines))
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [(x.name, x.type, x.params) for x in summary.layers] == rows_of(truth)
    assert summary.totals.to_dict() == truth["totals"]
    assert {f.code for f in report.findings if f.severity.value != "info"} == set()


@pytest.mark.parametrize("with_totals", [True, False], ids=["totals", "no_totals"])
@pytest.mark.parametrize("first_row", [0, 1], ids=["from_the_first_row", "from_the_second"])
@pytest.mark.parametrize("truth_path", WRAPPED_SHAPES, ids=[print_id(p) for p in WRAPPED_SHAPES])
def test_collapsed_rows_with_wrapped_shapes_are_read_whole(
    truth_path: Path, first_row: int, with_totals: bool
) -> None:
    """Before: with the totals, the rows above the last wrapped shape were dropped under 'the top
    of the table is cut off' (cnn_bn_positions: conv2d and batch_normalization, 448 params), or
    each row was a summary of its own, with 'totals were not pasted' (inception_stem)."""
    truth, printed = load_print(truth_path)
    report = api.check_text(excerpt(printed, first_row, with_totals))
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [(x.name, x.type, x.params) for x in summary.layers] == rows_of(truth, first_row)
    layers = truth["layers"]
    assert isinstance(layers, list)
    shapes = [
        # (an input's `[(None, 224, 224, 1)]`: a list of one shape)
        shape_text(dims[0] if isinstance(dims[0], list) else dims)
        for dims in (layer["output_shape"] for layer in layers[first_row:])
    ]
    assert [x.output_shape.strip("[]") for x in summary.layers] == shapes
    if with_totals:
        assert summary.totals.to_dict() == truth["totals"]
        assert {f.code for f in report.findings if f.severity.value != "info"} == set()


def test_an_input_name_is_not_glued_to_the_rest_of_its_wrapped_shape() -> None:
    """Before: the input's name read `input_features (InputLayer)e, None, 4)]`: the end of its
    class and the rest of its shape (`) e, None, 4)]`) were both put on its name."""
    _, printed = load_print(REAL / "tf_keras" / "encoder_output_repr_wrapped.truth.json")
    report = api.check_text(excerpt(printed, 0, False))
    first = report.summaries[0].layers[0]
    assert (first.name, first.type, first.output_shape) == (
        "input_features",
        "InputLayer",
        "[(None, None, None, None, None, 4)]",
    )


@pytest.mark.parametrize("truth_path", NESTED_FRAMES, ids=[print_id(p) for p in NESTED_FRAMES])
def test_collapsed_rows_above_a_nested_frame_are_not_dropped(truth_path: Path) -> None:
    """Before: only the rows under the expand_nested frame (subtract, dense_2) were read, with
    no word of the three above it but 'the top of the table is cut off'. Now read as before
    83a's 012: the rows above the frame, the totals apart (the frame itself is not read)."""
    _, printed = load_print(truth_path)
    report = api.check_text(excerpt(printed, 0, True))
    read = [layer.name for summary in report.summaries for layer in summary.layers]
    assert read[:3] == ["input_1", "input_2", "encoder"]
