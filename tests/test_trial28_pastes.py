"""Trial 28 (functional and nested models; logs and notebooks; explanations of counts): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.report import LEFT_OUT, layer_table

from .conftest import FIXTURES
from .real_prints import load_print

REAL = FIXTURES / "real"


# --------------- 28b's 008: `explain` shows where a paste left rows out


def _rows_left_out(text: str, names: tuple[str, ...], mark: str) -> str:
    """The print with these rows (and the rule under each) replaced by an elision mark."""
    lines = text.splitlines()
    out: list[str] = []
    skip_rule = False
    for line in lines:
        if skip_rule and line.startswith("___"):
            skip_rule = False
            continue
        skip_rule = False
        if line.startswith(names):
            out.extend(mark.split("\n"))
            skip_rule = True
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("mark", ["...", "⋮", ".\n.\n."])
def test_the_layer_table_has_a_row_where_rows_were_left_out(mark: str) -> None:
    """Before: `explain` printed only the rows read, so a table cut by `...` looked whole; a
    column of single dots was three unreadable rows (SA001 each)."""
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    pasted = _rows_left_out(text, ("batch_normalization_1", "flatten_1"), mark)
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == ["conv2d_1", "max_pooling2d_1", "dense_1"]
    table = layer_table(summary).splitlines()[2:]
    assert [line.split()[1] for line in table] == [
        "conv2d_1",
        "…",
        "max_pooling2d_1",
        "…",
        "dense_1",
    ]
    assert [line.endswith(LEFT_OUT) for line in table] == [False, True, False, True, False]


def test_a_whole_print_has_no_such_row() -> None:
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    [summary] = api.check_text(text).summaries
    assert "left out" not in layer_table(summary)
