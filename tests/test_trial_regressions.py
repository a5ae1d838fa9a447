"""Audit bugs a new-user trial on public pastes found, each rebuilt on a real Keras print."""

from __future__ import annotations

import json

import pytest

from summaryaudit import api
from summaryaudit.records import Finding, Severity

from .conftest import FIXTURES

REAL = FIXTURES / "real"


def _text(case: str) -> str:
    return (REAL / f"{case}.txt").read_text(encoding="utf-8")


def _truth(case: str) -> dict:
    return json.loads((REAL / f"{case}.truth.json").read_text(encoding="utf-8"))


def _found(text: str, code: str) -> list[Finding]:
    return [f for f in api.check_text(text).findings if f.code == code]


def _mistype(text: str, ref: str, typo: str) -> str:
    """Mistype one Connected to reference by hand, as a paste edited in a README would."""
    assert text.count(f"{ref}[0][0]") == 1, ref
    return text.replace(f"{ref}[0][0]", f"{typo}[0][0]".ljust(len(ref) + 6))


# ---------------------------------------------------------------- SA401 on Keras 1 tables


@pytest.mark.parametrize("gen", ["keras1.0.8", "keras1.1.2", "keras1.2.2"])
def test_keras1_sequential_connected_to_typo_is_flagged(gen: str) -> None:
    """A Keras 1 Sequential's first row names its hidden `dense_input_1`: that is no slice."""
    text = _text(f"{gen}/mlp_bn_sequential")
    assert "dense_input_1[0][0]" in text and not _found(text, "SA401")
    bad = _mistype(text, "batchnormalization_1", "batchnormalizaton_1")
    found = _found(bad, "SA401")
    assert [(f.layer, f.severity.value) for f in found] == [("dropout_1", "warning")]
    assert "'batchnormalizaton_1'" in found[0].message


@pytest.mark.parametrize("gen", ["keras1.0.8", "keras1.1.2"])
def test_keras1_nested_sequential_exemption_covers_one_inner_name(gen: str) -> None:
    """The nested model row stands for its last inner layer (`dense_2`), not for any name."""
    text = _text(f"{gen}/nested_sequential")
    assert not _found(text, "SA401")
    bad = _mistype(text, "dense_3", "dens_3")
    assert [f.layer for f in _found(bad, "SA401")] == ["dense_4"]


def test_a_layer_range_slice_still_excuses_its_first_inbound() -> None:
    """A print whose first row names a real layer outside it (cut above) is not flagged."""
    text = _text("keras1.2.2/mlp_bn_sequential")
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("dense_1 "))
    sliced = "".join(lines[:first] + lines[first + 2 :])  # the dense_1 row and its rule gone
    assert "dense_1[0][0]" in sliced and not _found(sliced, "SA401")


# ---------------------------------------------------------------- SA202 optimizer arithmetic


def _drop_line(text: str, start: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.lstrip().startswith(start)
    )


def test_a_left_out_optimizer_line_is_explained_with_its_true_arithmetic() -> None:
    truth = _truth("keras3/compiled_fitted")["totals"]
    assert truth["optimizer"] == 2 * truth["trainable"] + 2  # Adam's state, read from the model
    text = _drop_line(_text("keras3/compiled_fitted"), "Optimizer params:")
    [found] = _found(text, "SA202")
    sum_ = f"the gap {truth['optimizer']:,} = 2 × {truth['trainable']:,} trainable + 2"
    assert sum_ in found.message and "`Optimizer params` line was probably left out" in (
        found.message
    )
    # a line left out of the paste, no count shown wrong: a warning, not an error (24b's 005)
    assert found.severity is Severity.WARNING
    edited = _text("keras3/compiled_fitted").replace(
        f"Total params: {truth['total']:,}", f"Total params: {truth['total'] + 1000:,}"
    )
    [wrong] = _found(edited, "SA202")
    assert wrong.severity is Severity.ERROR


def test_a_total_edited_by_two_is_not_called_optimizer_state() -> None:
    """The trial's hand-edited Total (+2) was explained as Adam's 2 × trainable + 2."""
    text = _text("tf2.12/mlp_bn_functional")
    total = _truth("tf2.12/mlp_bn_functional")["totals"]["total"]
    bad = text.replace(f"Total params: {total:,}", f"Total params: {total + 2:,}")
    [found] = _found(bad, "SA202")
    assert "optimizer state" not in found.message and "Adam" not in found.message
    assert "so the Total params line is the one that was edited" in found.message
    totals_only = "".join(line for line in bad.splitlines(keepends=True) if "params:" in line)
    [found] = _found(totals_only, "SA202")
    assert "optimizer state" not in found.message
    assert "Total is 2 more than Trainable + Non-trainable" in found.message


# ---------------------------------------------------------------- SA301 on subclassed models


def _row_index(lines: list[str], name: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(f"│ {name} "))


def _reorder_rows(text: str, order: list[str]) -> str:
    """Print one-line box rows in another order, as a subclassed model's attribute order."""
    lines = text.splitlines(keepends=True)
    slots = sorted(_row_index(lines, name) for name in order)
    rows = [lines[_row_index(lines, name)] for name in order]
    for slot, row in zip(slots, rows):
        lines[slot] = row
    return "".join(lines)


def test_a_subclassed_model_in_attribute_order_is_no_shape_chain() -> None:
    """`0 (unbuilt)` marks a subclassed model: its rows need not follow the data flow."""
    text = _text("keras3/subclassed_model")
    assert "0 (unbuilt)" in text and api.check_text(text).findings == ()
    # attributes defined head first: the head's (1, 3) is no input of the hidden Dense(32)
    reordered = _reorder_rows(text, ["dense_1", "dense_2", "dense"])
    assert reordered != text
    assert [(f.code, f.layer) for f in api.check_text(reordered).findings] == []


def test_a_sequential_chain_out_of_order_is_still_flagged() -> None:
    """The control: a Sequential's rows are the data flow, a swap breaks the chain."""
    text = _text("keras3/compiled_fitted")
    assert _truth("keras3/compiled_fitted")["model_name"] == "sequential"
    reordered = _reorder_rows(text, ["dense_1", "batch_normalization", "dense"])
    assert _found(reordered, "SA301")


# ---------------------------------------------------------------- a class misspelled by hand


@pytest.mark.parametrize("gen", ["keras3", "keras3.0.5"])
def test_a_misspelled_class_on_a_default_named_row_is_inferred(gen: str) -> None:
    """`batch_normalization (BatchNormalisation)`: Keras named the row after the real class."""
    case = f"{gen}/cnn_bn_axis1_channels_last"
    want = sorted((f["code"], f["layer"]) for f in _truth(case)["faults"])
    assert want == [("SA102", "batch_normalization")]
    bad = _text(case).replace("(BatchNormalization)", "(BatchNormalisation)")
    report = api.check_text(bad)
    assert sorted((f.code, f.layer) for f in report.findings) == want
    [bn_axis] = report.findings
    assert "inferred from its default name batch_normalization" in bn_axis.message
    summary = report.summaries[0]
    [row] = [
        a for p, a in zip(summary.layers, summary.audited_rows()) if p.name == "batch_normalization"
    ]
    assert (row.type, row.type_source.value if row.type_source else None) == (
        "BatchNormalization",
        "inferred",
    )


def test_a_custom_class_named_after_itself_is_not_a_misspelling() -> None:
    """A row with its own class's default name (`batch_normalisation`) is that class."""
    text = _text("keras3/cnn_bn_axis1_channels_last")
    custom = text.replace("(BatchNormalization)", "(BatchNormalisation)").replace(
        "│ batch_normalization ", "│ batch_normalisation "
    )
    assert sorted(f.code for f in api.check_text(custom).findings) == ["SA901"]
