"""Round trip with real Keras 3: rebuild each complete real table, build it, compare the summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import summaryaudit
from summaryaudit import rebuild_check
from summaryaudit.rebuild import incomplete_reason, rebuild
from summaryaudit.records import Summary

from .conftest import FIXTURES, SHARED

TARGETS = ("keras3", "keras3.0.5", "tf_keras", "tf2.0", "tf2.9", "tf2.12", "tf1.14")
WILD_DIRS = sorted(SHARED.glob("corpus/wild*")) if SHARED.exists() else []
_WILD_SUFFIXES = (".txt", ".md", ".ipynb", ".py", ".html", ".rst", ".log")

# Complete tables no Keras 3 model can print, each for the reason stated (verified by the test:
# strict, so a fix shows up as a failure to update this list).
_STAND_IN = (
    "tf.keras printed a nested Functional inside an expanded Sequential without its rows; "
    "Keras 3 expands the rebuilt stand-in model's rows as well"
)
_SMALLER_BACKWARD = (
    "a Bidirectional whose backward_layer has fewer units: the print does not show them (they "
    "are solved from the count), and the rebuild writes a stand-in, not a backward_layer"
)
_TIME_DISTRIBUTED = (
    "TimeDistributed rows name no wrapped layer: the rebuild reads the first as a Dense over "
    "each frame's last axis and keeps the frames' size through the weightless ones"
)
_WRAPPED_LSTM = (
    "a TimeDistributed LSTM (each word's characters read by an LSTM): the rebuild writes "
    "TimeDistributed Dense and convolutions only, so the row is a stand-in"
)
_CONV_ON_FRAMES = (
    "a Conv2D on a stack of frames, `(None, 3, 19, 19, 16)`, as tf.keras 2.4+ builds it: Keras 3 "
    "refuses a Conv2D on five axes, so the rebuild writes a stand-in"
)
KNOWN_FAILURES = {
    "keras3/time_distributed_char_embedding.txt#1": _WRAPPED_LSTM,
    "tf2.0/time_distributed_char_embedding.txt#1": _WRAPPED_LSTM,
    "tf1.14/bn_variants.txt#1": "TF1 renorm BatchNormalization has 6N + 2 weights; Keras 3 has 7N",
    "tf1.14/cudnn_bidirectional.txt#1": "CuDNNLSTM has a second bias per gate row; Keras 3 has "
    "no CuDNN layer, and its LSTM holds 2 × 80 fewer weights in the Bidirectional",
    "wild/011.txt#1": "Keras 1 printed 0 for a frozen Dense (it counted trainable weights only)",
    "wild/015_doc.md#1": "a hand-written table repeats the name Conv2D; Keras 3 refuses that",
    "wild/059.txt#1": "an UpSampling3D row with a 4-axis output: no Keras 3 UpSampling3D prints it",
    "keras3/bidirectional_encoder_with_states.txt#1": "Keras 3's column cuts each Connected to "
    "entry of the states (`bidirectional_encoder[0][…`): which output each Concatenate takes is "
    "not shown, so the rebuild takes the first",
    "keras3/seq2seq_states.txt#1": "a decoder LSTM called with initial_state=[h, c] from the "
    "encoder's return_state outputs: the rebuild has no initial_state call",
    "keras3/nasnet_mobile.txt#1": "cut Connected to names fit several rows; a wrong pick leaves "
    "two SeparableConv2D rows as stand-ins and the rows in another order",
    "keras3/encoder_output_repr_wrapped.txt#1": "a layer of two outputs in a chain that Keras 3 "
    "prints without Connected to: the print does not say which output the next row takes, and "
    "the rebuild passes both",
    "keras3/bidirectional_smaller_backward_layer.txt#1": _SMALLER_BACKWARD,
    "keras3/bidirectional_larger_backward_layer.txt#1": "a Bidirectional whose backward_layer "
    "has more units: the print does not show them (they are solved from the count), and the "
    "rebuild writes a stand-in, not a backward_layer",
    "keras3/stft_spectrogram_channels_first.txt#1": "a channels_first STFTSpectrogram: the "
    "rebuild writes the pooling after it channels_last, which pools the bins, not the time",
    "keras3/subclassed_model_holding_a_residual_network.txt#1": "a subclassed model's table "
    "prints the residual network's rows without Connected to: the rebuild chains them, and the "
    "Concatenate gets the row above instead of its two inputs",
    "keras3/subclassed_model_with_a_cloned_network.txt#1": "a subclassed model holding a "
    "network and its clone of the same name: the rebuilt Functional model refuses two layers "
    "of one name, so the clone is renamed",
    "keras3/time_distributed_conv_first_row.txt#1": _TIME_DISTRIBUTED,
    "tf2.12/time_distributed_conv_first_row.txt#1": _TIME_DISTRIBUTED,
    "tf2.0/lambda_constant_without_batch_axis.txt#1": "a Lambda's constant printed without a "
    "batch axis, `(8, 1, 1)`: the rebuilt stand-in's output has one",
    "tf_keras/bidirectional_smaller_backward_layer.txt#1": _SMALLER_BACKWARD,
    "tf2.12/conv2d_on_stacked_frames.txt#1": _CONV_ON_FRAMES,
    "tf_keras/conv2d_on_stacked_frames.txt#1": _CONV_ON_FRAMES,
    "tf2.12/attention_with_a_mask_inbound.txt#1": "a MultiHeadAttention called with an "
    "attention_mask: the rebuild passes query, value and key only, so the Lambda that makes "
    "the mask feeds nothing and is left out",
    "tf2.12/nested_preprocessing_then_fixed_batch.txt#1": "a model built on a batch of 32 "
    "(`(32, 62, 62, 32)`): the rebuild's Input has no batch size, so its rows print `None`",
    "wild2/007.md#1": _STAND_IN,
    "wild2/007.md#2": _STAND_IN,
    "wild2/007.md#5": _STAND_IN,
}


def _cases() -> list[Any]:
    cases = []
    for generation in TARGETS:
        for path in sorted((FIXTURES / "real" / generation).glob("*.txt")):
            cases.append(_case(path, f"{generation}/{path.name}"))
    for folder in WILD_DIRS:
        for path in sorted(folder.iterdir()):
            if path.suffix in _WILD_SUFFIXES and path.name[:1].isdigit():
                cases.append(_case(path, f"{folder.name}/{path.name}"))
    return [c for c in cases if c is not None]


def _case(path: Path, label: str) -> Any:
    return pytest.param(path, label, id=label)


def _complete(path: Path) -> list[tuple[int, Summary]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = summaryaudit.parse_text(text, source=path.name)
    return [(i + 1, s) for i, s in enumerate(found) if incomplete_reason(s) is None]


@pytest.fixture(scope="module")
def keras3() -> Any:
    """Keras 3 (numpy backend in CI), or a visible skip."""
    os.environ.setdefault("KERAS_BACKEND", "numpy")
    keras = pytest.importorskip(
        "keras",
        reason="keras 3 is not installed: pip install -e '.[keras]' (runs in .ci/keras-suite)",
    )
    if int(keras.__version__.split(".")[0]) < 3:
        pytest.skip(f"keras {keras.__version__} is not Keras 3")
    return keras


@pytest.mark.keras
@pytest.mark.parametrize(("path", "label"), _cases())
def test_complete_table_round_trips_through_keras3(keras3: Any, path: Path, label: str) -> None:
    summaries = _complete(path)
    if not summaries:
        pytest.skip(f"{label}: no complete table ({_why(path)})")
    failed = []
    for index, summary in summaries:
        keras3.backend.clear_session()
        key = f"{label}#{index}"
        try:
            result = rebuild_check.check(rebuild(summary), summary)
            differences = list(result.differences)
        except Exception as exc:  # Keras refused the rebuilt model
            differences = [f"Keras could not build it: {type(exc).__name__}: {exc}"]
        if key in KNOWN_FAILURES:
            assert differences, f"{key} round-trips now: remove it from KNOWN_FAILURES"
            continue
        if differences:
            failed.append(f"{key}: " + "; ".join(differences[:4]))
    assert not failed, "\n".join(failed)


def _why(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    reasons = {incomplete_reason(s) for s in summaryaudit.parse_text(text, source=path.name)}
    return "; ".join(sorted(r for r in reasons if r)) or "no summary"


@pytest.mark.keras
def test_a_stand_in_class_named_model_builds_and_prints_its_class(keras3: Any) -> None:
    # before, `model = keras.Sequential([... model(...) ...])` raised UnboundLocalError
    text = (FIXTURES / "real" / "keras3" / "cnn_bn.txt").read_text(encoding="utf-8")
    assert "dense (Dense)" in text
    summary = summaryaudit.parse_text(text.replace("dense (Dense)", "dense (model)"))[0]
    keras3.backend.clear_session()
    result = rebuild_check.check(rebuild(summary), summary)
    assert list(result.differences) == []
