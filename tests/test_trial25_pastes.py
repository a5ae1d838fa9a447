"""Trial 25a (sequence and text models): the pastes it read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"


# --------------- 015: a Markdown table retyped with `Layer(type)` and `Param#` titles


def _shape(dims: list) -> str:  # type: ignore[type-arg]
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ")"


def _retyped_pipe_table(truth: dict, width: int = 14) -> str:  # type: ignore[type-arg]
    """The table as an author retyped it from the model's rows: titles without their blanks,
    a shape wider than its dash column touching the next `|`, bold totals."""
    lines = [
        "| Layer(type)         | Output Shape | Param# |",
        "|---------------------|--------------|--------|",
    ]
    for row in truth["layers"]:
        cell = f"{row['name']} ({row['type']})"
        lines.append(f"| {cell:<19} | {_shape(row['output_shape']):<{width}}| {row['params']:<6} |")
    totals = truth["totals"]
    lines += [
        "",
        f"**Total params**: {totals['total']:,}  ",
        f"**Trainable params**: {totals['trainable']:,}  ",
        f"**Non-trainable params**: {totals['non_trainable']:,}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", ["tf2.12/one_lstm", "tf2.12/mlp_bn_functional", "keras3/cnn_bn"])
def test_a_pipe_table_with_titles_retyped_without_blanks_is_read(case: str) -> None:
    """An IBM stock LSTM write-up: `| Layer(type) | Output Shape | Param# |`. Before: every
    row unreadable (SA001), the `Layer(type)` title naming no column."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    truth["layers"] = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    text = _retyped_pipe_table(truth)
    assert "| Layer(type) " in text and "Param# |" in text
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert "SA001" not in {f.code for f in report.findings}
