"""Trial 23a's nits (library docs): wording of counts of one, on real Keras 3 prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES, WILD2, need
from .real_prints import load_print
from .test_cli import run

REAL = FIXTURES / "real" / "keras3"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "custom_layer_with_a_counter",
            "the rows verified hold none of Non-trainable's 1; it sits in step_counter "
            "(count not verified) or is a frozen layer's weight",
        ),
        (
            "custom_layers_with_counters",
            "the rows verified hold none of Non-trainable's 2; all of them sit in step_counter, "
            "step_counter_1 (counts not verified) or are frozen layers' weights",
        ),
    ],
)
def test_what_non_trainable_leaves_to_rows_not_verified_is_said_in_number(
    case: str, expected: str
) -> None:
    """A custom layer with one non-trainable weight (a step counter): before, `the other 1 sit
    in step_counter (counts not verified) or are frozen layers' weights`; then `the other 1
    sits` after `none of 1`, as if a second share (58a's 002)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    counters = [row["name"] for row in truth["layers"] if row["type"] == "StepCounter"]
    assert truth["totals"]["non_trainable"] == len(counters)
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    [bounded] = [c for c in summary.coverage.totals if c.state is CheckState.BOUNDED]
    assert bounded.reason.endswith(expected)
    # the counters are the rows not verified (no formula for a custom class)
    assert summary.coverage.rows_verified == summary.coverage.rows_read - len(counters)


def test_a_class_completed_from_a_cut_name_is_marked_in_the_text_and_markdown_tables() -> None:
    """23a's nit: the text table showed `GlobalAveragePooling2D` where Keras 3 printed
    `GlobalAverage…`, as if printed whole; JSON alone said `completed`."""
    path = REAL / "separable_cut_line_length40.txt"
    truth, text = load_print(path.with_name(path.stem + ".truth.json"))
    rows = {row["name"]: row["type"] for row in truth["layers"]}
    assert "GlobalAverage…" in text and rows["global_average_pooling2d"] == "GlobalAveragePooling2D"
    out = run(["check", "-"], text.encode())[1]
    assert "  GlobalAveragePooling2D*  " in out
    assert "  Dense  " in out and "Dense*" not in out  # printed whole: no mark
    note = (
        "* the print cut this class name (GlobalAverage…): completed from the known Keras "
        "classes and the layer's name"
    )
    assert note in out.splitlines()
    markdown = run(["check", "--format", "markdown", "-"], text.encode())[1]
    assert "| GlobalAveragePooling2D\\* |" in markdown
    assert "\\" + note in markdown.splitlines()
    # a print with every class whole has no mark and no note
    whole = (REAL / "mlp_bn_functional.txt").read_text("utf-8")
    assert "*" not in run(["check", "-"], whole.encode())[1]


# ------------------- 23a's nit: no formula for TensorFlow Model Optimization's pruning wrapper

PRUNED = FIXTURES / "real" / "tf_keras" / "pruned_low_magnitude.truth.json"


def test_every_pruned_row_is_derived_and_non_trainable_adds_up() -> None:
    """`prune_low_magnitude(model)` as TensorFlow's pruning guide prints it: each row is the
    wrapped layer's weights, a pruning step and, for a pruned kernel, a mask its size and a
    threshold (all three non-trainable). Before: 'no formula for PruneLowMagnitude'."""
    truth, text = load_print(PRUNED)
    [summary] = api.check_text(text).summaries
    assert [layer.params for layer in summary.layers] == [r["params"] for r in truth["layers"]]
    assert summary.audit is not None and summary.coverage is not None
    texts = {
        row.name: audited.derivation for row, audited in zip(summary.layers, summary.audit.rows)
    }
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(truth["layers"])
    assert {c.state for c in summary.coverage.totals} == {CheckState.CHECKED}
    # the wrapped Dense(10) on the 2,384 flattened values: 23,850 + its mask 23,840 + 2
    assert texts["prune_low_magnitude_dense_1"].startswith(
        "47,692 = 23,850 of the wrapped Dense + 23,840 (the mask of its kernel) + 1 threshold "
        "+ 1 pruning step"
    )
    assert texts["prune_low_magnitude_flatten"] == (
        "1 = 1 pruning step (non-trainable); the wrapped Flatten has no weights"
    )
    assert texts["prune_low_magnitude_batch_normalization"].startswith(
        "33 = 32 of the wrapped BatchNormalization + 1 pruning step"
    )
    assert api.check_text(text).findings == ()


def test_a_pruned_row_no_reading_fits_is_not_verified() -> None:
    """An edited count (one more weight in the wrapped Dense(10)) fits no reading: the row is
    not verified and the rows no longer add up to Total; a wrapped layer the name does not
    give (a custom name) is not guessed."""
    _, text = load_print(PRUNED)
    edited = text.replace("47692", "47693", 1)
    assert edited != text
    report = api.check_text(edited)
    [summary] = report.summaries
    assert summary.audit is not None and summary.coverage is not None
    row = {r.name: a for r, a in zip(summary.layers, summary.audit.rows)}
    derivation = row["prune_low_magnitude_dense_1"].derivation or ""
    assert "no reading of prune_low_magnitude(Dense) fits this count" in derivation
    assert summary.coverage.rows_verified == summary.coverage.rows_read - 1
    assert "SA201" in {f.code for f in report.findings}
    renamed = text.replace("prune_low_magnitude_flatte", "prune_low_magnitude_flat_1")
    [summary] = api.check_text(renamed).summaries
    assert summary.audit is not None
    row = {r.name: a for r, a in zip(summary.layers, summary.audit.rows)}
    [flat] = [a for name, a in row.items() if "flat_1" in name]
    assert "wraps a layer the row does not name" in (flat.derivation or "")


# ------------------- 23a's nit: Optimizer params were not compared with the trainable count


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "fitted_plain_sgd",
            "Optimizer params 2: the optimizer's step count and learning rate, and no value "
            "per trainable weight: what plain SGD keeps, or any optimizer whose per-weight "
            "values are not built (an Adam model loaded from .h5 holds only these two: the .h5 "
            "file did not restore its moment estimates).",
        ),
        (  # 46f's 004: Adam saved to .h5 and loaded back prints 2 as well
            "fitted_adam_loaded_from_h5",
            "Optimizer params 2: the optimizer's step count and learning rate, and no value "
            "per trainable weight: what plain SGD keeps, or any optimizer whose per-weight "
            "values are not built (an Adam model loaded from .h5 holds only these two: the .h5 "
            "file did not restore its moment estimates).",
        ),
        (
            "fitted_sgd_momentum",
            "Optimizer params {optimizer:,} = 1 × {trainable:,} trainable + 2: SGD with "
            "momentum, RMSprop, Adagrad or Lion keep 1 value per trainable weight, plus 2 "
            "variables of their own (such as the step count).",
        ),
        (
            "fitted_adamax",
            "Optimizer params {optimizer:,} = 2 × {trainable:,} trainable + 2: Adam, AdamW or "
            "Adamax keep 2 values per trainable weight, plus 2 variables of their own (such as "
            "the step count).",
        ),
        ("compiled_fitted", "Optimizer params {optimizer:,} = 2 × {trainable:,} trainable + 2"),
    ],
)
def test_optimizer_params_are_explained_by_what_the_optimizer_keeps(
    case: str, expected: str
) -> None:
    truth, text = load_print(REAL / f"{case}.truth.json")
    totals = truth["totals"]
    [summary] = api.check_text(text).summaries
    said = expected.format(optimizer=totals["optimizer"], trainable=totals["trainable"])
    assert any(note.startswith(said) for note in summary.notes), summary.notes


def test_an_optimizer_count_no_optimizer_keeps_is_not_explained() -> None:
    """An edited Optimizer params line (and Total with it) fits no optimizer: no note guesses
    one, and the totals still add up."""
    truth, text = load_print(REAL / "fitted_adamax.truth.json")
    totals = truth["totals"]
    edited = text.replace(
        f"Optimizer params: {totals['optimizer']} ", f"Optimizer params: {totals['optimizer'] + 5} "
    ).replace(f"Total params: {totals['total']} ", f"Total params: {totals['total'] + 5} ")
    assert edited.count(str(totals["optimizer"] + 5)) == 1
    report = api.check_text(edited)
    [summary] = report.summaries
    assert not any(note.startswith("Optimizer params") for note in summary.notes)
    assert any(note.startswith(f"Total params {totals['total'] + 5:,} =") for note in summary.notes)


def test_a_tensorflow_hub_layer_says_why_no_formula_covers_it() -> None:
    """23a's nit: `no formula for KerasLayer` said nothing of what the row is. A public paste of
    a BERT classifier (TF Hub's preprocessing and encoder layers inside a model)."""
    text = need(WILD2 / "007.md").read_text("utf-8")
    report = api.check_text(text)
    hub = [f for f in report.findings if f.code == "SA901" and "KerasLayer" in f.message]
    assert hub and all(
        "no formula for (TensorFlow Hub's wrapper of a saved model: its count is that model's "
        "weights, which the summary does not list)" in f.message
        for f in hub
    )
    other = [f for f in report.findings if f.code == "SA901" and "KerasLayer" not in f.message]
    assert all("TensorFlow Hub" not in f.message for f in other)


# ------------------- 23a's nit: no formula for keras-self-attention's SeqSelfAttention


def test_seq_self_attention_rows_are_derived_with_their_units_solved() -> None:
    """The library's README model: additive attention (2 × d × units + 2 × units + 1, units
    never printed) and multiplicative (d² + 1), on 16 features."""
    truth, text = load_print(FIXTURES / "real" / "tf_keras" / "seq_self_attention.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None and summary.coverage is not None
    assert report.findings == ()
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(truth["layers"])
    assert ("seq_self_attention", "units") in summary.coverage.consistent_only
    texts = {row.name: a.derivation for row, a in zip(summary.layers, summary.audit.rows)}
    assert texts["seq_self_attention"] == (
        "1,089 = 2 × 16 × 32 (Wt, Wx) + 32 (bh) + 32 (Wa) + 1 (ba): SeqSelfAttention, additive, "
        "both biases; units 32 solved from the count (32 by default)"
    )
    assert (
        texts["seq_self_attention_1"]
        == "257 = 16 × 16 + 1 (Wa, ba): SeqSelfAttention, multiplicative"
    )
    # a count no reading gives is not verified (and the rows no longer add up to Total)
    edited = api.check_text(text.replace(" 257 ", " 258 ", 1))
    [summary] = edited.summaries
    assert summary.audit is not None and summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read - 1
    assert "SA201" in {f.code for f in edited.findings}
