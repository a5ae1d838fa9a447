"""Trial 44 (official docs, Kaggle, blogs, non-English pages, transformers, GitHub issues): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"


# --------------- 44d's 004: a page's answer header under a table whose spacing was collapsed


@pytest.mark.parametrize("header", ["答案 0 :(得分:1)", "Answer 0 :(score:1)", "回答 1 (票数 3)"])
def test_a_number_after_the_first_words_of_a_line_under_the_rows_is_no_row(header: str) -> None:
    """A question quotes a Keras 2 print without its totals, its runs of spaces collapsed; the
    page's next line heads the answer (`答案 0 :(得分:1)`: answer 0, score 1). Its `0` stood
    alone like a count, so it was read as a row the paste ended inside (a false SA001, and
    'verified 10 of 11 rows')."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    rows = text.split("Total params")[0].rstrip("=\n")
    collapsed = "\n".join(re.sub(r"\s{2,}", " ", line).strip() for line in rows.splitlines())
    report = api.check_text(f"{collapsed}\n{header}\n")
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"]]
    assert [f.code for f in report.findings] == ["SA003"]  # the totals only: not pasted
    full = "\n".join(re.sub(r"\s{2,}", " ", line).strip() for line in text.splitlines())
    assert_reads_as_truth(api.parse_text(f"{full}\n{header}\n")[0], truth)
