"""Trial 9's paste damage (new-user trial on 30 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, one_summary, print_id

REAL = FIXTURES / "real"
FIXED = ("keras2.2.4", "tf1.14", "tf2.9", "tf2.12", "tf_keras")
CASES = ("big_dense", "cnn_bn", "mlp_bn_functional", "text_cnn", "rnn_stack")
PRINTS = [
    REAL / v / f"{n}.truth.json"
    for v in (*FIXED, "keras3")
    for n in CASES
    if (REAL / v / f"{n}.truth.json").is_file()
]


def _findings(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.layer or "") for f in api.check_text(text).findings]


# --------------------------------------------------------------------------- 026: `//`


def slash_commented(text: str) -> str:
    """A source file's header comment (026, SystemVerilog) holding a print as `//` lines; the
    lines of spaces tf.keras 2.7+ prints between rows are left as they were."""
    return "\n".join(
        line if line and not line.strip() else "// " + line for line in text.split("\n")
    )


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_print_in_slash_comments_is_read(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = slash_commented(text)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert _findings(damaged) == _findings(text)


def _header_and_totals_only(text: str) -> str:
    """A print whose rows were all lost between its header and its totals."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    totals = next(i for i, line in enumerate(lines) if "Total params" in line)
    return "\n".join([*lines[: header + 2], *lines[totals - 1 :]])


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_table_of_no_rows_is_never_called_clean(truth_path: Path) -> None:
    """026 before it was read: `verified 0 of 0 rows … every count adds up`, exit 0."""
    _, text = load_print(truth_path)
    report = api.check_text(_header_and_totals_only(text))
    [summary] = report.summaries
    assert summary.layers == ()
    assert [f.code for f in report.findings] == ["SA003"]
    assert "a header and totals without rows" in report.findings[0].message
    assert report.failed
    assert summary.coverage is not None
    assert not summary.coverage.complete
    assert "the layer rows (none was read under the header)" in summary.coverage.not_verified


def test_the_rows_lost_are_what_the_table_had() -> None:
    _, text = load_print(PRINTS[0])
    assert re.search(r"\(Dense\)", text)
    assert not re.search(r"\(Dense\)", _header_and_totals_only(text))
