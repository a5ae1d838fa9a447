"""BatchNormalization counts that read two ways (center or scale off on the channel axis, or
another variant over another axis), settled by the Non-trainable total when it can, left
undecided when it cannot; and the words of the Non-trainable note for such rows."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print

REAL = FIXTURES / "real"
HYPOTHESIS = FIXTURES / "hypothesis"


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_one_two_way_row_is_settled_by_non_trainable(generation: str) -> None:
    """6 on (None, 2, 3) with Non-trainable 4: 2 × 3 with center and scale off would hold 6
    moving statistics, so the row is 3 × 2 over axis 1 (scale off): SA102. Before: the
    settling tried 4 × N on another axis only, and SA203 said the print was edited."""
    truth, text = load_print(REAL / generation / "bn_scale_off_over_the_time_axis.truth.json")
    report = api.check_text(text)
    assert [(f.code, f.layer) for f in report.findings] == [
        (fault["code"], fault["layer"]) for fault in truth["faults"]
    ]
    [bn_axis] = report.findings
    assert "6 = 3 × 2" in bn_axis.message
    assert "not 6 = 2 × 3 on the channel axis" in bn_axis.message


def _non_trainable_note(fixture: str) -> str:
    """The note that says where a real print's Non-trainable params come from."""
    _, text = load_print(REAL / f"{fixture}.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    [note] = [n for n in summary.audit.notes if n.startswith("Non-trainable params")]
    return note


def test_the_non_trainable_note_says_how_much_of_the_count_the_statistics_are() -> None:
    """With scale off the moving statistics are 4 of the 6 parameters, not half."""
    note = _non_trainable_note("keras3/bn_scale_off_over_the_time_axis")
    assert note.endswith("(its moving mean and variance: 4 of its 6 parameters).")


def test_a_default_batchnorm_is_still_half_moving_statistics() -> None:
    note = _non_trainable_note("keras2.2.4/cnn_bn")
    assert note.endswith("(its moving mean and variance: half of its 128 parameters).")


def test_two_rows_either_of_which_may_read_the_other_way_are_left_undecided() -> None:
    """Two rows of 6 on (None, 2, 3) and Non-trainable 10: one of them is 3 × 2 over axis 1,
    and the print cannot tell which (a random Keras 3 model). Before: SA203 said the rows
    already hold 12, a false warning."""
    text = (HYPOTHESIS / "bn_two_ways_each_center_off.txt").read_text(encoding="utf-8")
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.audit is not None and summary.coverage is not None
    assert (summary.coverage.rows_read, summary.coverage.rows_verified) == (5, 3)
    rows = [row.derivation or "" for row in summary.audit.rows if row.type == "BatchNormalization"]
    assert len(rows) == 2
    assert all("or 3 × 2 over axis 1 with center or scale off" in text for text in rows)
    assert all("says 1 of these 2 rows" in text for text in rows)
