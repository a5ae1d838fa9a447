"""Trial 46 (GANs, sequence models, segmentation, transfer learning, error questions, Keras 3):
the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import cut_at_17, load_print

REAL = FIXTURES / "real"
_CUT_FILTERS = REAL / "tf2.0/conv_filters_cut_by_shape_column.truth.json"


def _derivations(text: str) -> dict[str, str]:
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    return {
        layer.name: row.derivation or "" for layer, row in zip(summary.layers, summary.audit.rows)
    }


# --------------- 46e's 012: a convolution's filters cut to their first digit by the column


def test_filters_cut_by_the_column_are_the_size_the_count_and_the_pooling_below_allow() -> None:
    """tf.keras 2.0 cuts `(None, 1024, 1024, 64)` to `(None, 1024, 1024, 6`. Both counts were
    'filters and K cannot be solved'. 1,664 has one divisor beginning with 6 (64), so 64
    filters × (25 × 1 channel + 1): a 5×5 kernel; 102,464 has two (64 and 6,404), and the
    pooling fed by the row shows 64: 64 × (25 × 64 + 1)."""
    truth, text = load_print(_CUT_FILTERS)
    by_name = {layer["name"]: layer for layer in truth["layers"]}
    assert by_name["conv2d"]["output_shape"] == by_name["conv2d_1"]["output_shape"]
    assert "(None, 1024, 1024, 6 " in text  # the print cuts the filters to their first digit
    derived = _derivations(text)
    assert derived["conv2d"].startswith("1,664 = 64 filters × (K × 1 channel + 1) → K = 25")
    assert derived["conv2d_1"].startswith("102,464 = 64 filters × (K × 64 channels + 1) → K = 25")
    [summary] = api.check_text(text).summaries
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(truth["layers"])
    # the issue quoted the first rows only, its paste cut after the pooling's row
    quoted = text[: text.index("up_sampling2d")].rsplit("\n", 2)[0]
    report = api.check_text(quoted)
    assert [f.code for f in report.findings] == ["SA003"]  # the totals: not in the paste
    assert report.summaries[0].coverage.rows_verified == 5


def test_filters_no_row_below_decides_stay_undecided() -> None:
    """With the pooling's channels edited to 65, 102,464's two sizes beginning with 6 (64 and
    6,404) are both left: the count is not called verified, and no finding is made of it."""
    _, text = load_print(_CUT_FILTERS)
    edited = text.replace("(None, 512, 512, 64) 0 ", "(None, 512, 512, 65) 0 ")
    assert edited != text
    derived = _derivations(edited)
    assert "cannot be solved" in derived["conv2d_1"]
    assert derived["conv2d"].startswith("1,664 = 64 filters")  # its count alone decides it


@pytest.mark.parametrize(("count", "decided"), [(1664, True), (1665, False), (1920, False)])
def test_filters_are_read_from_the_count_only_when_one_size_fits(count: int, decided: bool) -> None:
    """1,665 has no divisor beginning with 6, and 1,920 has four (6, 60, 64 and 640), with a
    convolution below that does not show them: neither count is read."""
    _, text = load_print(_CUT_FILTERS)
    edited = text.replace(" 1664 ", f" {count} ")
    derived = _derivations(edited)
    assert derived["conv2d"].startswith(f"{count:,} = 64 filters") is decided


# --------------- 46e's 015: a convolution whose input channels are shown, its output cut


def test_an_undecided_convolution_names_its_input_channels_and_both_bias_settings() -> None:
    """The undecided message wrote `filters × (K × channels + 1)` only, although the count
    may have no bias (18,432 over 32 channels cannot include one)."""
    _, text = load_print(_CUT_FILTERS)
    edited = text.replace("(None, 512, 512, 64) 0 ", "(None, 512, 512, 65) 0 ")
    # the author completed the first convolution's shape: its 64 channels are shown
    edited = edited.replace("(None, 1024, 1024, 6 1664 ", "(None, 1024, 1024, 64) 1664 ")
    derived = _derivations(edited)
    assert derived["conv2d_1"].startswith(
        "102,464: Conv2D has filters × (K × 64 channels + 1), or filters × K × 64 channels "
        "without a bias;"
    )


# --------------- 46c's 009: a channels-first 5-D shape cut inside its spatial axes


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_channels_first_shapes_cut_inside_their_spatial_axes_still_show_the_channels(
    generation: str,
) -> None:
    """A 3-D U-Net, channels first: the column cuts the concatenation's `(None, 192, 160, 160`
    before its last axis, so it was read as four axes and the convolution after it (331,840)
    only 'consistent: its input channels are not shown'. Its channels, on axis 1, are shown:
    64 × (27 × 192 + 1)."""
    truth, text = load_print(REAL / generation / "unet3d_channels_first_shapes_cut.truth.json")
    assert "(None, 192, 160, 160 0 " in text
    [summary] = api.check_text(text).summaries
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert summary.coverage.consistent_only == ()
    last = truth["layers"][-1]["name"]
    assert _derivations(text)[last].startswith(
        "331,840 = 64 filters × (K × 192 channels + 1) → K = 27 → kernel 3×3×3"
    )


# --------------- 46a's 001: a GAN's discriminator frozen whole after compile() (Keras 2)


def test_a_model_frozen_whole_after_compile_is_said_to_be_the_whole_model() -> None:
    """Both infos listed every layer with weights by name (18 in the paste), where 'the whole
    model' says it; SA201 said 'the weights' of BatchNormalization rows counted twice, though
    only their trainable half is; its advice to recompile did not fit a GAN's discriminator,
    frozen after its own compile() on purpose."""
    truth, text = load_print(REAL / "keras2.2.4/discriminator_frozen_after_compile.truth.json")
    totals = truth["totals"]
    report = api.check_text(text)
    by_code = {f.code: f.message for f in report.findings}
    assert sorted(by_code) == ["SA201", "SA203"]
    twice = totals["total"] - totals["non_trainable"]
    assert by_code["SA201"].startswith(
        f"Total params says {totals['total']} but the rows add up to {totals['non_trainable']}: "
        f"the difference {twice} is the trainable weights of the whole model (all 3 layers "
        "that have trainable weights), counted twice."
    )
    assert "frozen after its own compile() on purpose" in by_code["SA201"]
    assert by_code["SA203"].startswith(
        "The counts fit the whole model (all 3 layers that have trainable weights) frozen"
    )


def test_some_layers_frozen_after_compile_are_named() -> None:
    """One layer of two frozen: it is named, not called the whole model."""
    _, text = load_print(REAL / "keras2.2.4/frozen_after_compile.truth.json")
    messages = [f.message for f in api.check_text(text).findings]
    assert any("the trainable weights of dense_1, counted twice" in m for m in messages)
    assert not any("whole model" in m for m in messages)


def test_a_cut_number_read_as_printed_is_no_filters_count_the_input_is_solved_for() -> None:
    """MobileNetV2's stem at 1024 × 1024 (46d's 015): the column cuts 32 filters to `3` and
    the input's list before its channels. Read as printed, 3 filters fit 864 once the input
    is solved for (K × C = 288), as nearly any count would: that reading is not taken. 864's
    sizes beginning with 3 are 3, 32 and 36; the BatchNormalization below, 128 = 4 × 32,
    says 32."""
    _, text = load_print(REAL / "tf2.0/conv_no_bias_filters_cut_after_a_cut_input.truth.json")
    assert "(None, 1024, 1024, 3 864 " in text and "[(None, 1024, 1024,  0 " in text
    derived = _derivations(text)
    # (no usual kernel gives K × C = 26 with a bias: the reading without one leads, 46c's 010)
    assert derived["conv2d"].startswith(
        "864 = 32 filters × (K × C) → K × C = 27 (input channels not shown; e.g. 3 channels → "
        "K = 9, 3×3; use_bias=False; with a bias, K × C = 26)"
    )
    assert "3 filters" not in derived["conv2d"]


# --------------- 46d's 007, 010: Total (and Trainable) edited under rows that all verify


def test_a_total_below_rows_that_all_verify_is_said_to_be_edited() -> None:
    """Total and Trainable were both lowered by 400 (a hand edit). SA201 said 'a row's count
    was raised, or a row was pasted twice', but every row's count follows from its shapes and
    no name repeats: the totals were edited."""
    truth, text = load_print(REAL / "keras2.2.4/mlp_bn_functional.truth.json")
    totals = truth["totals"]
    edited = text.replace(
        f"Total params: {totals['total']:,}", f"Total params: {totals['total'] - 400:,}"
    ).replace(
        f"Trainable params: {totals['trainable']:,}",
        f"Trainable params: {totals['trainable'] - 400:,}",
    )
    assert edited.count(f"{totals['total'] - 400:,}") == 1
    [sa201] = [f for f in api.check_text(edited).findings if f.code == "SA201"]
    assert sa201.message.endswith(
        "(a difference of 400): every row's count follows from its shapes and no row is printed "
        "twice, so the total was likely edited, with Trainable or Non-trainable, which still "
        "add up to it"
    )
    # a row's count raised instead: that row does not verify, and the hint stays open
    row = truth["layers"][-1]
    raised = text.replace(f" {row['params']} ", f" {row['params'] + 400} ")
    messages = [f.message for f in api.check_text(raised).findings if f.code == "SA201"]
    assert messages and "likely edited" not in messages[0]


def test_a_cut_number_read_as_printed_still_derives_a_row_whose_input_it_shows() -> None:
    """Where the shapes read as printed show a row's input in full, the reading is kept: tf.keras
    2.0's conv_zoo with each shape cut at 17 characters (R's 80-wide output) gives the
    transposed convolution's input as `(None, 30, 30, 32`, and 2,312 = 8 × (9 × 32 + 1)."""
    truth, _ = load_print(REAL / "tf2.0/conv_zoo.truth.json")
    text = cut_at_17(truth)
    assert "(None, 30, 30, 32 320" in text
    derived = _derivations(text)["conv2d_transpose"]
    assert derived.startswith("2,312 = 8 filters × (K × 32 channels + 1) → K = 9 → kernel 3×3")
    assert derived.endswith("(with the shapes the column cut read as printed)")


# --------------- 46b's 002: a Non-trainable bound said with its numbers


def test_a_non_trainable_bound_says_what_the_rows_verified_hold() -> None:
    """A BatchNormalization frozen after a recurrent layer whose count the shapes do not
    decide: the bound began 'Non-trainable ≥ the moving statistics of the rows verified; the
    other 200 …', which left the learner to work out what `the other` meant."""
    truth, text = load_print(REAL / "keras3/frozen_bn_after_rnn.truth.json")
    stated = truth["totals"]["non_trainable"]
    [bn] = [row for row in truth["layers"] if row["type"] == "BatchNormalization"]
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    [bounded] = [c for c in summary.coverage.totals if c.reason]
    assert bounded.reason.startswith(
        f"the rows verified hold {bn['params'] // 2:,} of Non-trainable's {stated:,} as moving "
        f"statistics; the other {stated - bn['params'] // 2:,} sit in "
    )
