"""84e's 008: channels_first ConvLSTM2D frames, their counts deciding the data format."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api, checks, formulas
from summaryaudit.dialects import Era
from summaryaudit.rebuild import rebuild
from summaryaudit.records import Report

from .conftest import FIXTURES
from .real_prints import audited_row, checked_as_truth, load_print

REAL = FIXTURES / "real"
CASE = "conv_lstm_channels_first_bn_default_axis"
GENERATIONS = ("keras2.2.4", "tf2.0")

# --------------- the ConvLSTM2D counts fit only channels_first, (batch, time, filters, H, W):
# 16,640 = 4 × 20 × (9 × (3 + 20) + 1). The data format was voted on by convolution rows only,
# so the model read channels_last: the BatchNormalization left on its default axis=-1 (4 × 32,
# the width) passed, and the one on axis 2 (4 × 8) was flagged. Where a Conv2D decided
# channels_first, the message named axis 1 (size 5: the time steps) and advised axis=1.


def _filters(truth: dict, bn: str) -> int:  # type: ignore[type-arg]
    """The channels of a BatchNormalization's frames: axis 2 of its output."""
    [layer] = [layer for layer in truth["layers"] if layer["name"] == bn]
    return int(layer["output_shape"][2])


def _assert_flags_the_default_axes(report: Report, truth: dict) -> None:  # type: ignore[type-arg]
    """SA102 on each BatchNormalization left on axis=-1, naming the channels on axis 2."""
    flagged = [f for f in report.findings if f.code == "SA102"]
    assert [f.layer for f in flagged] == [fault["layer"] for fault in truth["faults"]]
    for found in flagged:
        c = _filters(truth, found.layer or "")
        assert f"not the channel axis (size {c}), which would give 4 × {c} = {4 * c}" in (
            found.message
        )
        assert "the channels are on axis 2, after the time axis" in found.message
        assert found.message.endswith("use axis=2")
        assert "axis=1" not in found.message


@pytest.mark.parametrize("generation", GENERATIONS)
def test_conv_lstm_counts_decide_channels_first_and_the_default_bn_axis_is_flagged(
    generation: str,
) -> None:
    """Before: no SA102 on the default-axis BatchNormalization rows ('axes 3 and 4 all have
    size 32'), and SA102 on the right one ('use axis=-3')."""
    truth, printed = load_print(REAL / generation / f"{CASE}.truth.json")
    report, summary = checked_as_truth(printed, truth)
    _assert_flags_the_default_axes(report, truth)
    last_bn = truth["layers"][-1]["name"]  # BatchNormalization(axis=2) on 8 channels
    assert audited_row(summary, last_bn).derivation == (
        "32 = 4 × 8 (gamma, beta: trainable; moving_mean, moving_variance: non-trainable)"
    )
    assert checks.analyse(summary).channels_first is True


def as_the_case_pasted(printed: str) -> str:
    """The print as the case study's page holds it: every run of blanks one blank, the input's
    row and the totals lines left out (its first ConvLSTM2D's input channels then unknown)."""
    kept = [
        re.sub(" +", " ", line).strip()
        for line in printed.splitlines()
        if "(InputLayer)" not in line
        and not line.startswith(("Total params", "Trainable params", "Non-trainable params"))
    ]
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize("generation", GENERATIONS)
def test_the_paste_without_its_input_row_is_read_as_the_print(generation: str) -> None:
    """The counts of the ConvLSTM2D rows whose input is shown decide channels_first without a
    Conv2D row: the paste is audited as the print (84e's second summary read it channels_last,
    its first ConvLSTM as 32 filters of 97 channels)."""
    truth, printed = load_print(REAL / generation / f"{CASE}.truth.json")
    report = api.check_text(as_the_case_pasted(printed))
    [summary] = report.summaries
    first = truth["layers"][1]["name"]
    assert "16,640 = 4 × 20 × (K × (C + 20) + 1)" in (audited_row(summary, first).derivation or "")
    _assert_flags_the_default_axes(report, truth)
    assert [f.code for f in report.findings if f.code != "SA102"] == ["SA003"]  # no totals


@pytest.mark.parametrize("generation", GENERATIONS)
def test_the_rebuild_writes_channels_first_conv_lstm_layers(generation: str) -> None:
    """Before: each ConvLSTM2D a stand-in ('a channels_first ConvLSTM is not rebuilt')."""
    _, printed = load_print(REAL / generation / f"{CASE}.truth.json")
    [summary] = api.parse_text(printed)
    code = rebuild(summary)
    assert "SummaryPlaceholder)" not in code
    calls = re.findall(r"keras\.layers\.ConvLSTM2D\((.*?), name=", code)
    assert calls == [
        f'{f}, kernel_size=3, padding="same", return_sequences=True, data_format="channels_first"'
        for f in (20, 15, 12, 8)
    ]
    # the default axis=-1 (the width) said to be no channel axis; axis 2 (-3) written as is
    assert code.count("normalises axis -1 (size 32), not the channels") == 3
    assert "BatchNormalization(axis=-3, " in code
    assert "normalises axis -3" not in code


def test_a_time_distributed_convolution_votes_for_the_side_its_count_fits() -> None:
    """A TimeDistributed count that only a wrapped convolution gives decides the data format
    as a convolution's does (the steering model's shapes as the model object has them:
    43,248 = 48 × (25 × 36 + 1), a 5×5 Conv2D on 36 channels, channels_last only)."""
    from summaryaudit.formulas.frames import time_distributed_orientation_fits

    truth, _ = load_print(REAL / "tf2.0" / "time_distributed_conv_shapes_cut.truth.json")
    shapes = {layer["name"]: tuple(layer["output_shape"]) for layer in truth["layers"]}
    facts = formulas.LayerFacts(
        "time_distributed_2",
        "TimeDistributed",
        43_248,
        (shapes["time_distributed_2"],),
        (shapes["time_distributed_1"],),
        Era.TF2,
        None,
    )
    assert time_distributed_orientation_fits(facts) == (True, False)
    assert formulas.infer_channels_first([facts]) is False
