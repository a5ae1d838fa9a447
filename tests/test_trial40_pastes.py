"""Trials 38–40 (GitHub issues, pretrained applications, sequence, generative, 3-D and wrapped
models): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

from summaryaudit import api
from summaryaudit.dialects import Dialect

from .conftest import FIXTURES

REAL = FIXTURES / "real"


# --------------- 38a's 014: the last rows of a Keras 2 print and its Total alone


def test_a_grouped_lone_total_under_cut_rows_is_no_keras1_print() -> None:
    """An issue quotes the last two rows of a Keras 2 functional print and its Total line, the
    Trainable and Non-trainable lines cut. Keras 1.0–1.1 printed Total alone but never grouped
    its digits, so `Total params: 33,599,498` is a later print that lost two lines, not Keras 1
    (before: labelled keras1 while SA003 said 'every Keras since 1.2 prints' all three)."""
    lines = (REAL / "keras2.2.4/big_dense_two_inputs.txt").read_text().splitlines()
    total_at = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    assert lines[total_at] == "Total params: 33,599,498"
    cut = "\n".join([".....", "", *lines[-8 : total_at + 1]]) + "\n"
    assert cut.count("(Dense)") == 2 and "Trainable" not in cut
    report = api.check_text(cut)
    [summary] = report.summaries
    assert summary.dialect is Dialect.KERAS2
    assert [layer.name for layer in summary.layers] == ["dense_1", "dense_2"]
    assert [f.code for f in report.findings] == ["SA003"]
    ungrouped = cut.replace("33,599,498", "33599498")
    [keras1] = api.check_text(ungrouped).summaries
    assert keras1.dialect is Dialect.KERAS1
