"""The review of 83a's 012: collapsed headless rows, a count or shape wrapped, on real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print, print_id
from .test_trial83_helpers_spaces import excerpt

REAL = FIXTURES / "real"

# (prints whose Param # column wrapped a count: `… 3355852 ['concatenate[0][0]']` over `8`)
WRAPPED_COUNTS = [REAL / "tf_keras" / "big_dense_two_inputs.truth.json"]


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
