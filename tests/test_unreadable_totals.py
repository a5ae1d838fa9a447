"""An unreadable totals line (`Non-trainable params:` with its number lost) hides no row."""

from __future__ import annotations

import json
import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES

REAL = FIXTURES / "real"
CASES = ["tf2.12/cnn_bn", "keras2.2.4/cnn_bn", "keras1.2.2/mlp_bn_functional", "tf_keras/cnn_bn"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("label", ["Non-trainable params", "Trainable params"])
def test_rows_are_still_summed_when_a_totals_value_is_lost(case: str, label: str) -> None:
    text = (REAL / f"{case}.txt").read_text("utf-8")
    truth = json.loads((REAL / f"{case}.truth.json").read_text("utf-8"))
    # a paste that lost the number after a totals label (seen on a public forum answer)
    damaged, count = re.subn(rf"(?m)^({label}): .*$", r"\1:", text)
    assert count == 1
    report = api.check_text(damaged)
    [summary] = report.summaries
    coverage = summary.audit.coverage
    assert coverage.rows_read == len(truth["layers"])  # the label line is no row
    states = {check.name: check.state.value for check in coverage.totals}
    assert states["Total = sum of the rows"] == "checked"
    assert [f.code for f in report.findings if f.severity.value != "info"] == ["SA001"]
