"""Every finding code has a failing case and a passing case, built from real Keras prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES, need
from .test_parsing import KERAS1_2, KERAS3_NARROW, TF212_WRAPPED, TF215_BIG

REAL = FIXTURES / "real"


def fixture(name: str) -> str:
    return need(REAL / name).read_text(encoding="utf-8")


def codes(text: str) -> list[str]:
    return sorted(f.code for f in api.check_text(text).findings)


def loud_codes(text: str) -> list[str]:
    return sorted(f.code for f in api.check_text(text).findings if f.severity.value != "info")


def finding(text: str, code: str):
    found = [f for f in api.check_text(text).findings if f.code == code]
    assert found, f"no {code} in {codes(text)}"
    return found[0]


MLP = "keras3/mlp_bn_functional.txt"


def test_genuine_prints_raise_nothing() -> None:
    for text in (KERAS1_2, TF212_WRAPPED, TF215_BIG, KERAS3_NARROW):
        assert loud_codes(text) == []


def test_sa001_unreadable_row() -> None:
    bad = TF212_WRAPPED.replace("0           []  ", "XX          []  ", 1)
    f = finding(bad, "SA001")
    assert f.line == 5 and "a (InputLayer)" in f.message
    assert "SA001" not in codes(TF212_WRAPPED)


def test_sa002_no_summary() -> None:
    assert codes("just a training log\nEpoch 1/1\n") == ["SA002"]
    assert "SA002" not in codes(KERAS1_2)


def test_sa003_incomplete_summary() -> None:
    no_totals = KERAS1_2.split("Total params")[0]
    assert "SA003" in codes(no_totals)
    assert "SA003" in codes("Total params: 16\nTrainable params: 16\nNon-trainable params: 0\n")
    assert "SA003" in codes(fixture("keras3/cnn_bn_cropped_line_length120.txt"))
    assert "SA003" not in codes(KERAS1_2)


def test_sa101_layer_params() -> None:
    text = fixture(MLP)
    bad = text.replace("41,040", "41,041")
    f = finding(bad, "SA101")
    assert f.layer is not None and "41,040" in f.message
    assert "SA101" not in codes(text)


def test_sa102_bn_axis() -> None:
    text = fixture("keras3/cnn_bn_axis1_channels_last.txt")
    f = finding(text, "SA102")
    assert f.layer and "axis" in f.message
    assert "SA102" not in codes(fixture("keras3/cnn_bn.txt"))


def test_sa103_weightless_layer_params() -> None:
    text = fixture("keras3/cnn_bn.txt")
    row = next(line for line in text.splitlines() if "max_pooling2d" in line)
    bad = text.replace(row, row[: row.rindex("0 │")] + "9 │")
    assert "SA103" in codes(bad)
    assert "SA103" not in codes(text)


def test_sa201_total_vs_rows() -> None:
    bad = KERAS1_2.replace("Total params: 38", "Total params: 39")
    assert "SA201" in codes(bad)
    one_line = KERAS1_2.replace("Trainable params: 28\n", "").replace(
        "Non-trainable params: 10\n", ""
    )
    assert codes(one_line.replace("Total params: 38", "Total params: 40")).count("SA201") == 1
    assert "SA201" not in codes(KERAS1_2)


def test_sa202_total_vs_split() -> None:
    bad = KERAS1_2.replace("Trainable params: 28", "Trainable params: 27")
    f = finding(bad, "SA202")
    assert "27" in f.message and "38" in f.message
    assert "SA202" not in codes(KERAS1_2)
    assert "SA202" not in codes(fixture("keras3/compiled_fitted.txt"))


def test_sa203_non_trainable_vs_bn() -> None:
    text = fixture(MLP)
    line = next(t for t in text.splitlines() if t.startswith(" Non-trainable params:"))
    bad = text.replace(line, " Non-trainable params: 1,000 (3.91 KB)")
    f = finding(bad, "SA203")
    assert f.severity.value == "warning" and "1,024" in f.message
    assert "SA203" not in loud_codes(text)
    frozen = fixture("keras3/frozen_layers.txt")
    assert "SA203" not in loud_codes(frozen)


def test_sa204_size_vs_params() -> None:
    bad = TF215_BIG.replace("Total params: 20010000 (76.33 MB)", "Total params: 20010000 (1.00 MB)")
    assert "SA204" in codes(bad)
    assert "SA204" not in codes(TF215_BIG)


def test_sa205_optimizer_for_other_weights() -> None:
    """A base frozen for the first fit(), then made trainable without compile() (real Keras 3:
    the next fit() raises ValueError): Optimizer params 70 is Adam's state for the head's 34
    weights, not for the 450 trainable now."""
    text = fixture("keras3/optimizer_built_before_unfreezing.txt")
    f = finding(text, "SA205")
    assert f.severity.value == "info" and f.layer is None
    assert "(2 × 450 + 2 = 902), but it is 2 × 34 + 2" in f.message
    assert "exactly head's count" in f.message
    for fitted in (
        "compiled_fitted",
        "fitted_adamax",
        "fitted_mixed_precision",
        "fitted_plain_sgd",
    ):
        assert "SA205" not in codes(fixture(f"keras3/{fitted}.txt")), fitted


def test_sa301_shape_chain() -> None:
    text = fixture("keras3/cnn_bn.txt")
    row = next(line for line in text.splitlines() if "flatten" in line)
    import re

    size = re.search(r"\(None, (\d+)\)", row)
    assert size
    bad = text.replace(row, row.replace(size.group(1), str(int(size.group(1)) + 1)))
    assert "SA301" in codes(bad)
    assert "SA301" not in codes(text)


def test_sa401_unknown_inbound() -> None:
    bad = KERAS3_NARROW.replace("concatenate[0][0] │", "concatenat3[0][0] │")
    assert "SA401" in codes(bad)
    assert "SA401" not in codes(KERAS3_NARROW)


def test_sa901_unverified_layer() -> None:
    custom = KERAS1_2.replace("frozen (Dense)  ", "frozen (MyBlock)")
    found = [f for f in api.check_text(custom).findings if f.code == "SA901"]
    assert [(f.layer, f.severity.value) for f in found if f.layer == "frozen"] == [
        ("frozen", "info")
    ]
    assert not [f for f in api.check_text(KERAS1_2).findings if f.layer == "frozen"]


@pytest.mark.parametrize("code", ["SA1", "SA10", "SA102"])
def test_select_and_ignore_by_prefix(code: str) -> None:
    text = fixture("keras3/cnn_bn_axis1_channels_last.txt")
    assert api.check_text(text, select=[code]).findings
    assert all(not f.code.startswith(code) for f in api.check_text(text, ignore=[code]).findings)


def test_notebook_findings_name_the_cell_and_point_at_the_file_line() -> None:
    import json

    bad = KERAS1_2.replace("Total params: 38", "Total params: 39")
    cells = [
        {"cell_type": "markdown", "source": ["# model\n"]},
        {
            "cell_type": "code",
            "source": ["model.summary()\n"],
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": bad.splitlines(keepends=True)}
            ],
        },
    ]
    text = json.dumps({"cells": cells, "nbformat": 4}, indent=1)
    f = finding(text, "SA201")
    assert f.message.endswith("(notebook cell 2 output, line 15)")  # numbered as Jupyter shows
    assert (f.cell, f.cell_line) == (2, 15)
    assert "Total params: 39" in text.splitlines()[f.line - 1]  # type: ignore[operator]


def test_sa402_duplicate_layer_name() -> None:
    """A row pasted twice (19b's 009: `decoder (Functional)` twice, 15 and 0)."""
    for name in ("keras2.2.4/cnn_bn.txt", "tf2.12/cnn_bn.txt", "keras3/cnn_bn.txt"):
        text = fixture(name)
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if "(Dense)" in line)
        bad = "\n".join([*lines[: at + 1], lines[at], *lines[at + 1 :]])
        f = finding(bad, "SA402")
        assert f.line == at + 2 and f"lines {at + 1} and {at + 2}" in f.message, name
        assert "SA402" not in codes(text)
    # layers of two nested models may share names: only rows of one model are compared
    expanded = fixture("tf2.12/duplicate_names_expanded.txt")
    assert "SA402" not in codes(expanded)
