"""Trial 50 (preprocessing layers, TinyML, scientific models, model cards, nested models): the
pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, load_print

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
