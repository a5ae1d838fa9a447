"""Trial 50 (preprocessing layers, TinyML, scientific models, model cards, nested models): the
pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, checked_as_truth, load_print

REAL = FIXTURES / "real"

# --------------- 50d's 007: keras.io's super-resolution example, `tf_op_layer_DepthToSpace (Te`


def test_a_cut_class_of_a_tensorflow_op_layer_is_completed_from_its_name() -> None:
    """TF 2.0–2.3 name a TensorFlow op on a Keras tensor `tf_op_layer_<Op>`; the column cut
    its class to `(Te`. Before: completed as TextVectorization, "a lookup-table layer"."""
    truth, text = load_print(REAL / "tf2.0/sub_pixel_depth_to_space.truth.json")
    assert "tf_op_layer_DepthToSpace (Te " in text
    report = api.check_text(text, source="super_resolution.md")
    [summary] = report.summaries
    row = audited_row(summary, "tf_op_layer_DepthToSpace")
    assert (row.type, truth["layers"][-1]["type"]) == ("TensorFlowOpLayer",) * 2
    assert "TextVectorization" not in (row.derivation or "")
    assert report.findings == ()


# --------------- 50d's 011: a nested Sequential of Normalization and augmentation


@pytest.mark.parametrize("generation", ["tf2.9", "tf_keras", "keras3"])
def test_an_odd_count_of_a_nested_model_may_be_normalization_statistics(generation: str) -> None:
    """A data-augmentation Sequential of 7 weights (a Normalization layer's mean, variance and
    count over 3 channels) beside a nested CNN: before, the note said the counts fit that
    Sequential "frozen" only; nothing in it is frozen."""
    _, text = load_print(REAL / f"{generation}/augmentation_model_with_normalization.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    note = " ".join(check.reason for check in summary.audit.coverage.totals)
    assert (
        "the counts fit all 7 of data_augmentation's weights non-trainable (it frozen, or a "
        "Normalization layer's mean, variance and count over 3 features: 2 × 3 + 1) and 8 "
        "more in cnn"
    ) in note


def test_a_frozen_discriminator_is_not_said_to_be_normalization_statistics() -> None:
    """The same odd count (85) on a GAN's discriminator, whose one output (None, 1) is no 42
    features a Normalization layer could have normalised: the note says frozen only."""
    _, text = load_print(REAL / "keras3/gan_combined.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    note = " ".join(check.reason for check in summary.audit.coverage.totals)
    assert "the counts fit discriminator frozen (85) and 32 more in generator" in note
    assert "a Normalization layer's mean" not in note


# --------------- 50c's 014: keras.io's molecule WGAN, a custom class cut to `(Re` and to `(`


@pytest.mark.parametrize("generation", ["tf2.0", "tf1.14"])
def test_rows_numbered_from_a_cut_custom_class_are_that_class(generation: str) -> None:
    """`relational_graph_conv_layer_1 (` under `relational_graph_conv_layer (Re`: before, the
    three numbered rows were "Conv1D inferred from its name", verified with a kernel of 5 the
    print does not show (the count is 5 bond types × 128 × 128)."""
    truth, text = load_print(REAL / f"{generation}/custom_graph_conv_class_cut.truth.json")
    report = api.check_text(text, source="wgan_graphs.md")
    [summary] = report.summaries
    assert summary.audit is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"]) - 4
    for number in (1, 2, 3):
        row = audited_row(summary, f"relational_graph_conv_layer_{number}")
        assert row.type == "Re" and "Conv1D" not in (row.derivation or "")
        assert "its name is numbered from another row's, whose class the column cut to Re…" in (
            row.derivation or ""
        )
    unverified = [f.layer for f in report.findings if f.code == "SA901"]
    assert unverified == [f"relational_graph_conv_layer{n}" for n in ("", "_1", "_2", "_3")]
    assert {f.code for f in report.findings} == {"SA901"}


# --------------- 50e's 004: a README's totals as a list without the noun `params`


def _totals_as_a_list(text: str) -> str:
    """A print whose totals lines a README rewrote as a list without the noun (`- Total: N
    (size)`, `- Non-Trainable: N (size)`), as EchoView47's has them under its table."""
    spelled = {"Total": "Total", "Trainable": "Trainable", "Non-trainable": "Non-Trainable"}
    found = re.findall(r"^(Total|Trainable|Non-trainable) params: (.*)$", text, re.M)
    table = text[: text.index("Total params:")].rstrip("\n=")
    items = [f"- {spelled[label]}: {rest}" for label, rest in found]
    return "\n".join([table, "", *items, ""])


def test_totals_listed_without_their_noun_under_a_table_are_read() -> None:
    """Before: the three list items were not read, and the audit said the totals were missing
    (an SA003 warning) though every count adds up."""
    truth, text = load_print(REAL / "tf_keras/frozen_layers.truth.json")
    pasted = _totals_as_a_list(text)
    assert "\n- Non-Trainable: " in pasted and "params" not in pasted
    report, summary = checked_as_truth(pasted, truth)
    as_printed = api.check_text(text)  # (its frozen layers: an SA203 info names them)
    assert [(f.code, f.severity) for f in report.findings] == [
        (f.code, f.severity) for f in as_printed.findings
    ]
    assert summary.totals.sizes()["non_trainable"] == "9.25 KB"  # each item's size is read


def test_a_listed_total_without_a_size_is_not_taken_for_a_models() -> None:
    """`- Total: 1,234` in prose says nothing of a model; only the printed size makes the list
    item a model's figures."""
    assert api.parse_text("Results\n\n- Total: 1,234\n- Trainable: 1,000\n") == []
