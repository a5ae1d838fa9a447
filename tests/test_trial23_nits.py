"""Trial 23a's nits (library docs): wording of counts of one, on real Keras 3 prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import load_print

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
