"""Trial 23a's nits (library docs): wording of counts of one, on real Keras 3 prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import load_print
from .test_cli import run

REAL = FIXTURES / "real" / "keras3"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "custom_layer_with_a_counter",
            "the other 1 sits in step_counter (count not verified) or is a frozen layer's weight",
        ),
        (
            "custom_layers_with_counters",
            "the other 2 sit in step_counter, step_counter_1 (counts not verified) or are "
            "frozen layers' weights",
        ),
    ],
)
def test_what_non_trainable_leaves_to_rows_not_verified_is_said_in_number(
    case: str, expected: str
) -> None:
    """A custom layer with one non-trainable weight (a step counter): before, `the other 1 sit
    in step_counter (counts not verified) or are frozen layers' weights`."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    counters = [row["name"] for row in truth["layers"] if row["type"] == "StepCounter"]
    assert truth["totals"]["non_trainable"] == len(counters)
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    [bounded] = [c for c in summary.coverage.totals if c.state is CheckState.BOUNDED]
    assert bounded.reason.endswith(expected)
    # the counters are the rows not verified (no formula for a custom class)
    assert summary.coverage.rows_verified == summary.coverage.rows_read - len(counters)


def test_a_class_completed_from_a_cut_name_is_marked_in_the_text_and_markdown_tables() -> None:
    """23a's nit: the text table showed `GlobalAveragePooling2D` where Keras 3 printed
    `GlobalAverage…`, as if printed whole; JSON alone said `completed`."""
    path = REAL / "separable_cut_line_length40.txt"
    truth, text = load_print(path.with_name(path.stem + ".truth.json"))
    rows = {row["name"]: row["type"] for row in truth["layers"]}
    assert "GlobalAverage…" in text and rows["global_average_pooling2d"] == "GlobalAveragePooling2D"
    out = run(["check", "-"], text.encode())[1]
    assert "  GlobalAveragePooling2D*  " in out
    assert "  Dense  " in out and "Dense*" not in out  # printed whole: no mark
    note = (
        "* the print cut this class name (GlobalAverage…): completed from the known Keras "
        "classes and the layer's name"
    )
    assert note in out.splitlines()
    markdown = run(["check", "--format", "markdown", "-"], text.encode())[1]
    assert "| GlobalAveragePooling2D\\* |" in markdown
    assert "\\" + note in markdown.splitlines()
    # a print with every class whole has no mark and no note
    whole = (REAL / "mlp_bn_functional.txt").read_text("utf-8")
    assert "*" not in run(["check", "-"], whole.encode())[1]
