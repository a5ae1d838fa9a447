"""Trials 38–40 (GitHub issues, pretrained applications, sequence, generative, 3-D and wrapped
models): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import json
import re

import pytest

from summaryaudit import api
from summaryaudit.cell_grammar import read_shapes
from summaryaudit.dialects import Dialect
from summaryaudit.formulas.common import Solved
from summaryaudit.formulas.kernel_shapes import kernel_text, reach_of
from summaryaudit.records import CheckState, TotalsCheck

from .conftest import FIXTURES
from .real_prints import checked_as_truth, load_print

REAL = FIXTURES / "real"


# --------------- 38a's 014: the last rows of a Keras 2 print and its Total alone


def test_a_grouped_lone_total_under_cut_rows_is_no_keras1_print() -> None:
    """An issue quotes the last two rows of a Keras 2 functional print and its Total line, the
    Trainable and Non-trainable lines cut. Keras 1.0–1.1 printed Total alone but never grouped
    its digits, so `Total params: 33,599,498` is a later print that lost two lines, not Keras 1
    (before: labelled keras1 while SA003 said 'every Keras since 1.2 prints' all three)."""
    lines = (REAL / "keras2.2.4/big_dense_two_inputs.txt").read_text().splitlines()
    total_at = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    assert lines[total_at] == "Total params: 33,599,498"
    cut = "\n".join([".....", "", *lines[-8 : total_at + 1]]) + "\n"
    assert cut.count("(Dense)") == 2 and "Trainable" not in cut
    report = api.check_text(cut)
    [summary] = report.summaries
    assert summary.dialect is Dialect.KERAS2
    assert [layer.name for layer in summary.layers] == ["dense_1", "dense_2"]
    assert [f.code for f in report.findings] == ["SA003"]
    ungrouped = cut.replace("33,599,498", "33599498")
    [keras1] = api.check_text(ungrouped).summaries
    assert keras1.dialect is Dialect.KERAS1


# --------------------------------------------------------------------------- 40a's 014: a part
# of a notebook saved as JSON on one line (Colab writes no line breaks)

_ONE_LINE_NOTEBOOK = (
    "tf2.9/merge_ops",
    "keras2.2.4/big_dense_two_inputs",
    "keras3/cnn_bn",
)


# How a part of the file may start: a whole cell before the summary's (40a's 014), or the
# middle of the summary's cell
_PART_STARTS = (
    '{"cell_type":"markdown","source":["__build__"],"metadata":{"id":"G4"}},{"cell_type":"code",',
    '"id":"Hn"},',
)


def _notebook_part_on_one_line(text: str, ascii_only: bool, start: str) -> str:
    """The print as a stream output of a notebook whose JSON is on one line, with the cells
    around it cut (a part of the file, no JSON document of its own)."""
    output = json.dumps(
        text.splitlines(keepends=True), separators=(",", ":"), ensure_ascii=ascii_only
    )
    return (
        f'{start}"source":["model.summary()"],"execution_count":19,'
        f'"outputs":[{{"output_type":"stream","name":"stdout","text":{output}}}]}},'
        '{"cell_type":"markdown","source":["__next__"]}'
    )


@pytest.mark.parametrize("case", _ONE_LINE_NOTEBOOK)
@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("start", _PART_STARTS, ids=("cell-before", "cell-middle"))
def test_a_notebook_saved_on_one_line_is_read_line_by_line(
    case: str, ascii_only: bool, start: str
) -> None:
    """Each output line of the summary is a JSON string literal on one physical line: the
    literals are decoded and read as the lines Keras printed (before: one row read, named
    `\\n"," input_1`, the rest taken for its Connected to, and SA003 and SA401 raised)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = _notebook_part_on_one_line(text, ascii_only, start)
    assert "\n" not in pasted
    with pytest.raises(ValueError):
        json.loads(pasted)  # a part of the file: the notebook reader does not take it
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == api.check_text(text).findings == ()
    assert summary.start_line == summary.end_line == 1


# --------------------------------------------------------------------------- 40d's 009, 011: a
# gist page's rendering copied with the empty cells of its table after every line


@pytest.mark.parametrize("collapsed", [False, True], ids=("spaced", "blanks-collapsed"))
def test_empty_cells_after_every_line_are_taken_off(collapsed: bool) -> None:
    """Every line of a real print ends with two empty table cells (` | |`), its last line with
    one, its blanks collapsed or not, as a gist page copied: the rows, totals and findings are
    the print's own (before: every row SA001 and the `=` rule counted as a row, 0 of 5 rows
    verified). One bar alone is left: it ends a cell of a Markdown table laid out one cell per
    line (wild/037)."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = [line for line in text.splitlines() if line.strip()]
    if collapsed:
        lines = [" ".join(line.split()) for line in lines]
    pasted = "\n".join([line + " | |" for line in lines[:-1]] + [lines[-1] + " |"]) + "\n"
    assert pasted.count(" | |\n") == len(lines) - 1
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == api.check_text(text).findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"])


# --------------------------------------------------------------------------- 40d's 008: a TF Hub
# KerasLayer whose count is a keras.applications model's


def test_an_unverified_row_with_an_applications_count_only_bounds_non_trainable() -> None:
    """A real print of a trainable ResNet50 base, its row's class written as TF Hub's
    KerasLayer (the same weights loaded from a saved model). The KerasLayer has no formula, so
    Non-trainable = 53,120 (ResNet50's default statistics) is not checked, only bounded, and
    the bound says the count is an application's whose default is exactly the rest (before:
    'checked' beside 'no formula for KerasLayer, not checked')."""
    truth, text = load_print(REAL / "tf_keras/application_base_trainable.truth.json")
    assert "resnet50 (Functional)" in text and "Non-trainable params: 53120" in text
    hub = text.replace("resnet50 (Functional)", "keras_layer (KerasLayer)")
    printed, wrapped = (_totals_checks(text), _totals_checks(hub))
    assert printed["Non-trainable = moving statistics + frozen layers"].state is CheckState.CHECKED
    bound = wrapped["Non-trainable = moving statistics + frozen layers"]
    assert bound.state is CheckState.BOUNDED
    assert "all of them sit in keras_layer" in bound.reason
    assert (
        "keras_layer has the count of a keras.applications model, which holds exactly 53,120 "
        "non-trainable weights by default" in bound.reason
    )
    assert [f.code for f in api.check_text(hub).findings] == ["SA901"]
    assert truth["totals"]["non_trainable"] == 53120


def _totals_checks(text: str) -> dict[str, TotalsCheck]:
    """The totals checks of the one summary a text holds, by name."""
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None and summary.audit.coverage is not None
    return {check.name: check for check in summary.audit.coverage.totals}


# --------------------------------------------------------------------------- 40d's 005: a dict
# of one output (a TF Hub layer's) in a Sequential


@pytest.mark.parametrize("ruled", [True, False], ids=("as-printed", "rules-dropped"))
def test_a_dict_of_one_output_is_the_next_rows_input(ruled: bool) -> None:
    """tf.keras 2.0 prints a layer that returns `{'outputs': x}` with the dict as its output
    shape; the Dense after it in the Sequential takes that one output, so its count is
    verified with 32 inputs, not solved (before: the dict was read as a shape cut by its
    column, and 'input size 32 solved from the count, or 33 with use_bias=False'). The paste
    in the issue had no rules and a blank line under its title: read the same, its title kept
    (before: the blank line between title and header lost the model's name)."""
    truth, text = load_print(REAL / "tf2.0/one_output_dict_in_sequential.truth.json")
    assert "{'outputs': (None, 32)}" in text
    if not ruled:  # as the issue shows it: no rules, a blank line under the title
        text = "\n".join(line for line in text.splitlines() if line.strip("_="))
        text = text.replace('"sequential"\n', '"sequential"\n\n')
        assert 'Model: "sequential"\n\nLayer (type)' in text and "___" not in text
    report, summary = checked_as_truth(text, truth)
    assert summary.model_name == "sequential"
    assert summary.layers[0].truncated == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.rows[1].derivation == "528 = 32 × 16 + 16 (kernel + bias)"
    assert summary.audit.coverage.consistent_only == ()
    assert [f.code for f in report.findings] == ["SA901"]


def test_a_dict_of_several_outputs_stays_unread() -> None:
    """Which output of a dict of several a node index takes is not printed: the dict is no
    shape (tf.keras 2.12's real print: the Add row's inputs come from Connected to)."""
    truth, text = load_print(REAL / "tf2.12/dict_output_layer.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert summary.layers[1].truncated == ()
    assert [f.code for f in report.findings] == ["SA901"]
    assert read_shapes("{'pooled_output': (None, 16), 'sequence_output': (None, 8)}") is None
    assert read_shapes("{'outputs': (None, 512)}") == ((None, 512),)


# --------------------------------------------------------------------------- 40c's 013: a
# channels_first 3-D model whose shapes tf.keras cut at 20 characters


def test_channels_first_rows_cut_at_their_last_axis_are_derived_from_the_axes_shown() -> None:
    """tf.keras 2.0's real print cuts every 5-D shape inside its last axis (`(None, 24, 16, 32,
    3`); the channels, on axis 1, are shown in full. The convolutions are derived from them,
    the cut axis left unknown (before: 'the output shape is not shown in full', and reading
    the cut `3` as printed fit the Conv3D as 3 filters with a 1×5×173 kernel)."""
    truth, text = load_print(REAL / "tf2.0/channels_first_3d_shapes_cut.truth.json")
    assert "(None, 12, 16, 32, 3 7788" in text
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    derivations = {
        layer.name: row.derivation or "" for layer, row in zip(summary.layers, summary.audit.rows)
    }
    assert derivations["conv3d_transpose"].startswith(
        "73,752 = 24 filters × (K × 48 channels + 1) → K = 64 → kernel 4×4×4"
    )
    assert derivations["conv3d"].startswith(
        "7,788 = 12 filters × (K × 24 channels + 1) → K = 27 → kernel 3×3×3"
    )
    for name in ("conv3d_transpose", "conv3d"):
        assert derivations[name].endswith("(with the axes the column shows in full)")
    assert "173" not in derivations["conv3d"]


def test_an_axis_not_shown_leaves_the_other_axes_narrowing_the_kernel() -> None:
    """Keras 1.2's real print cuts `(None, 100, 13, 13, 1`: with the cut axis unknown, 15 → 13
    on the two axes shown still makes the 27-cell kernel 3×3×3 (before: an unknown axis
    dropped every axis's narrowing, and 1×3×9 … were offered)."""
    reach = reach_of((15, 15, None), (13, 13, None))
    assert reach == ((15, 13), (15, 13), None)
    assert kernel_text(27, 3, None, reach) == "kernel 3×3×3"
    assert reach_of((None, None), (None, None)) is None
    truth, text = load_print(REAL / "keras1.2.2/conv3d_shape_fills_column.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None
    assert summary.audit.rows[1].derivation == (
        "2,800 = 100 filters × (K × 1 channel + 1) → K = 27 → kernel 3×3×3; channels_first: "
        "channels on axis 1 (with the axes the column shows in full)"
    )


# --------------------------------------------------------------------------- 40c's 008: a
# Normalization of one channel


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_normalization_of_one_channel_names_both_axes_that_give_three(generation: str) -> None:
    """`Normalization()` on (32, 32, 1) keeps the one channel (the default axis=-1): 2 × 1 + 1,
    which axis=None gives too. Before: 'over axis=None', said of a layer built with the
    default."""
    truth, text = load_print(REAL / f"{generation}/normalization_on_one_channel.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    [derivation] = [
        row.derivation
        for layer, row in zip(summary.layers, summary.audit.rows)
        if layer.type == "Normalization"
    ]
    assert derivation == (
        "3 = 2 × 1 + 1 (mean, variance of the one feature on the last axis (the default "
        "axis=-1) or of the whole input (axis=None), which give the same count; + count; all "
        "non-trainable)"
    )


# --------------------------------------------------------------------------- 38b's 005: a split
# that needs frozen rows beyond a verified nested application


def test_a_verified_nested_application_is_not_called_unverified_in_the_bound() -> None:
    """A real print of a trainable ResNet50 base under a Dense head, its split edited so that
    Non-trainable exceeds the whole base by 1,000: the bound says the base's frozen part is
    not shown, not that the base is 'not verified' (its count is ResNet50's, verified)."""
    truth, text = load_print(REAL / "tf_keras/application_base_trainable.truth.json")
    base = truth["layers"][1]
    assert base["name"] == "resnet50" and base["params"] == 23587712
    edited = re.sub(r"Trainable params: \d+", f"Trainable params: {6147 - 1000}", text)
    edited = re.sub(
        r"Non-trainable params: \d+", f"Non-trainable params: {23587712 + 1000}", edited
    )
    assert "Trainable params: 5147" in edited and "Non-trainable params: 23588712" in edited
    [summary] = api.check_text(edited).summaries
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"])
    bound = _totals_checks(edited)["Non-trainable = moving statistics + frozen layers"]
    assert bound.state is CheckState.BOUNDED
    assert (
        "resnet50 (a nested model: what of it is frozen is not shown) can hold at most "
        "23,587,712 (its whole count), so at least 1,000 are frozen weights of the rows verified"
    ) in bound.reason


# --------------------------------------------------------------------------- 37c's 004, 40c's
# 013: a BatchNormalization whose shape a column cut inside its last axis


def test_a_cut_axis_the_batchnorm_count_continues_is_read_as_that_size() -> None:
    """Keras 2.2's real print with its shape cells cut at 9 characters (`(None, 51` for 512):
    2,048 = 4 × 512, and 512 begins with the `51` shown, so the row is verified with that
    reading said beside it (before: 'the shape is not shown in full', not verified)."""
    truth, text = load_print(REAL / "keras2.2.4/mlp_bn_functional.truth.json")
    cut = re.sub(r"(?<= )(\(None, \d+\)) *", lambda m: m.group(1)[:9].ljust(26), text)
    assert "batch_normalization_1 (Batch (None, 51                 2048" in cut
    report, summary = checked_as_truth(cut, truth)
    assert report.findings == ()
    assert summary.audit is not None
    bn = summary.audit.rows[2]
    assert bn.derivation == (
        "2,048 = 4 × 512 (gamma, beta: trainable; moving_mean, moving_variance: "
        "non-trainable) (with the axis the column cut read as the size the count gives, "
        "which the digits shown begin)"
    )
    # 2,048 on `(None, 64`: no size the count gives begins with 64, so nothing is read
    other = cut.replace(
        "batch_normalization_1 (Batch (None, 51", "batch_normalization_1 (Batch (None, 64"
    )
    [summary] = api.check_text(other).summaries
    assert summary.audit is not None and summary.audit.rows[2].derivation is not None
    assert "the shape is not shown in full" in summary.audit.rows[2].derivation


def test_a_channels_first_batchnorm_on_a_cut_axis_is_flagged_with_the_default_axis() -> None:
    """tf.keras 2.0's real print of a channels_first 3-D model whose BatchNormalization was
    left at axis=-1: 128 = 4 × 32 on `(None, 24, 16, 32, 3`, the 24 channels on axis 1 shown in
    full. SA102 names the default axis=-1 (the cut width's `3` begins 32), and says how the
    cut axis was read (before: 'not shown in full', no finding: 40c's 013 missed 8 of them)."""
    truth, text = load_print(REAL / "tf2.0/channels_first_3d_bn_default_axis_cut.truth.json")
    report, _ = checked_as_truth(text, truth)
    [finding] = report.findings
    assert (finding.code, finding.layer) == ("SA102", "batch_normalization")
    assert finding.message == (
        "128 = 4 × 32: this BatchNormalization normalised axis 3 or 4 (size 32: height or "
        "width), not the channel axis (size 24), which would give 4 × 24 = 96 — this model is "
        "channels_first, so the channels are on axis 1 — was it built with the default "
        "axis=-1? use axis=1 (with the axis the column cut read as the size the count gives, "
        "which the digits shown begin)"
    )
    assert [fault["code"] for fault in truth["faults"]] == ["SA102"]


# --------------------------------------------------------------------------- 41b's 009: a merge
# layer called several times lists every call's entries


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0", "tf_keras", "keras3"])
def test_a_merge_layer_called_twice_is_checked_on_its_first_calls_entries(generation: str) -> None:
    """One Concatenate called twice: its cell lists four entries, two per call, and the rows
    below take `concatenate[0][0]` and `concatenate[1][0]`. Its (None, 8) is 4 + 4, one call's
    (before: SA301, 'concatenating (None, 4) × 4 … no axis gives this shape'). A shape edited
    to (None, 16) is still flagged."""
    truth, text = load_print(REAL / f"{generation}/merge_layer_called_twice.truth.json")
    report, _ = checked_as_truth(text, truth)
    assert report.findings == ()
    edited = re.sub(
        r"(concatenate\w* \(Concatenate\)\s*[│|]?\s*)\(None, 8\)", r"\1(None, 16)", text
    )
    assert edited != text
    flagged = api.check_text(edited)
    assert [(f.code, f.layer) for f in flagged.findings if f.code == "SA301"] == [
        ("SA301", truth["layers"][2]["name"])
    ]


# --------------------------------------------------------------------------- 41a's 014: `=`
# rules a page stored as empty tags


def test_equals_rules_stored_as_empty_tags_are_rules() -> None:
    """An issue page stored each `=====` rule as `<><><><><>`: they are the rules under the
    header and above the totals (before: two rows of no class and no count, SA001 twice)."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    mangled = re.sub(r"(?m)^=+$", "<><><><><>", text)
    assert mangled.count("<><><><><>") == 2
    report, _ = checked_as_truth(mangled, truth)
    assert report.findings == api.check_text(text).findings


# --------------------------------------------------------------------------- 41a's 009: the tail
# of a print whose frozen base is above the cut


def test_a_cut_tail_that_cannot_hold_non_trainable_says_the_rest_is_above() -> None:
    """The last three rows of a real print of a frozen MobileNetV2 base under a Dense head: the
    rows shown train 6,405 in all, so of Non-trainable's 2,257,984 at least 2,251,579 are in
    what is cut off (before: 'are frozen weights of the rows or sit in what is not shown', as
    if the rows could hold them)."""
    truth, text = load_print(REAL / "tf_keras/application_base_frozen.truth.json")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "global_average_pooling2d (" in line)
    tail = "\n".join(lines[start:]) + "\n"
    assert "mobilenetv2" not in tail and "Non-trainable params: 2257984" in tail
    bound = _totals_checks(tail)["Non-trainable = moving statistics + frozen layers"]
    assert bound.state is CheckState.BOUNDED
    assert bound.reason.endswith(
        "of the other 2,257,984, at most 6,405 can be frozen weights of the rows (all they "
        "train), so at least 2,251,579 sit in what is not shown"
    )
    assert truth["totals"]["non_trainable"] == 2257984


# --------------------------------------------------------------------------- 41a's 002: a first
# convolution as wide as its input


def test_a_first_convolution_as_wide_as_its_input_offers_that_reading() -> None:
    """Keras 3's real print of a Sequential whose first Conv2D keeps its 5 channels: the input
    is not printed, and K × C = 45 is offered as 5 channels under a 3×3 kernel, the truth
    (before: '3 channels → K = 15, 3×5; 1 channel → K = 45, 5×9')."""
    truth, text = load_print(REAL / "keras3/conv_keeping_channels_first_row.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    assert summary.audit.rows[0].derivation == (
        "230 = 5 filters × (K × C + 1) → K × C = 45 (input channels not shown; e.g. 5 channels "
        "→ K = 9, 3×3)"
    )


# --------------------------------------------------------------------------- 41c's 012: a causal
# LM's head, its embedding dim given by the backbone's output


def test_a_reversible_embedding_head_takes_its_dim_from_its_input() -> None:
    """Keras 3's real print of a causal LM whose tied ReversibleEmbedding projects the
    backbone's 16-wide output back to 1,000 logits: 16,000 = 1,000 × 16, the dim the input
    shows (before: 'in some order … or 16 × 500 × 2 with tie_weights=False', which the input
    rules out). The same row with int8 quantization's count, 1,000 × 16 + 1,000 (Keras 3.15's
    int8 Embedding holds int8 embeddings and one scale per row: Embedding(100, 8) quantized
    counts 900), reads as that, not as 1,000 × 17 (41c's 012: Gemma's 256,000 × 2,049)."""
    truth, text = load_print(REAL / "keras3/tied_embedding_in_backbone.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None
    assert summary.audit.rows[2].derivation == (
        "16,000 = 1,000 × 16 (vocabulary 1,000 × embedding dim 16, the input's; tied embedding)"
    )
    quantized = text.replace("│          16,000 │", "│          17,000 │")
    assert quantized != text
    [summary] = api.check_text(quantized).summaries
    assert summary.audit is not None
    derivation = summary.audit.rows[2].derivation or ""
    assert derivation.startswith(
        "17,000 = 1,000 × 16 + 1,000 (vocabulary 1,000 × embedding dim 16, the input's; tied, "
        "quantized to int8 by model.quantize('int8')"
    )
    assert "× 17" not in derivation


# --------------------------------------------------------------------------- 42c's 002: a
# Bidirectional read as a smaller backward layer


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_smaller_backward_layer_is_only_consistent(generation: str) -> None:
    """A real Bidirectional(GRU(16), backward_layer=GRU(8)): its count fits forward GRU(16) +
    backward GRU(8), the backward units solved from the count (Keras 3 prints twice the
    forward units, tf.keras their sum), so the row is consistent, not verified: among the
    many pairs tried one may fit an edited count by chance (42c's 002: 124,800 as GRU(80) +
    GRU(48) where Bidirectional(GRU(64)) has 123,264). The usual count is named beside it."""
    truth, text = load_print(REAL / f"{generation}/bidirectional_smaller_backward_layer.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    derivation = summary.audit.rows[1].derivation or ""
    # Keras 3 prints twice the forward units (32): the forward layer is known; tf.keras prints
    # their sum (24), which does not tell which of the two runs forward (55c's 004)
    pair = (
        "forward GRU(16) + a smaller backward_layer GRU(8)"
        if generation == "keras3"
        else "GRU(16) + GRU(8), one each way (which runs forward the print does not show)"
    )
    assert f"{pair} on 8 inputs" in derivation
    solved = "the backward units" if generation == "keras3" else "the split of the 24 units printed"
    assert f"{solved} solved from the count; a Bidirectional(GRU(" in derivation
    assert summary.audit.coverage.consistent_only == (("bidirectional", Solved.UNITS),)


# --------------------------------------------------------------------------- 42a's 015: a paste
# that ends at the start of a row


@pytest.mark.parametrize("headed", [True, False], ids=("with-header", "rows-from-the-middle"))
def test_a_paste_ending_at_the_start_of_a_row_reports_that_row(headed: bool) -> None:
    """tf-keras 2.21's real print cut after ` flatten (Fl` (with its title and header, or from
    its second row on): the rows above are read, and the cut row is reported, SA001 'the paste
    ends inside this row' (before: dropped without a word, 'verified 3 of 3 rows')."""
    truth, text = load_print(REAL / "tf_keras/cnn_bn.truth.json")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(" flatten (Flatten)"))
    first = (
        0 if headed else next(i for i, line in enumerate(lines) if "batch_normalization (" in line)
    )
    cut = "\n".join([*lines[first:at], lines[at][:12]]) + "\n"
    assert cut.endswith(" flatten (Fl\n")
    report = api.check_text(cut)
    [summary] = report.summaries
    read = [layer["name"] for layer in truth["layers"][0 if headed else 1 : 3]]
    assert [layer.name for layer in summary.layers] == read
    [sa001] = [f for f in report.findings if f.code == "SA001"]
    assert sa001.line == cut.count("\n")
    assert sa001.message == (
        "the paste ends inside this row ('flatten (Fl'): its shape and count are not shown; its "
        "numbers are not checked"
    )
    assert summary.unreadable == ((cut.count("\n"), "flatten (Fl"),)


# --------------------------------------------------------------------------- 42b's 015: R's
# keras names a Sequential's layers out of creation order


def test_a_sequential_with_names_out_of_creation_order_is_still_a_chain() -> None:
    """Keras 3's real print of a Sequential CNN, its Conv2D rows named as R's keras names them
    (`conv2d_1`, `conv2d`, `conv2d_3`: counting down, then skipping). Names like that mark a
    table grouped by class elsewhere, but a Sequential is a chain: each Conv2D takes the row
    above (before: 'input channels not shown' on every Conv2D row)."""
    truth, text = load_print(REAL / "keras3/tutorial_cnn.truth.json")
    renamed = {"conv2d": "conv2d_1", "conv2d_1": "conv2d", "conv2d_2": "conv2d_3"}

    def rename(match: re.Match[str]) -> str:
        cell = f"{renamed[match.group(1)]} (Conv2D)"
        return f"│ {cell.ljust(len(match.group(0)) - 3)}│"

    pasted = re.sub(r"│ (conv2d(?:_\d)?) \(Conv2D\) +│", rename, text)
    assert [line.split()[1] for line in pasted.splitlines() if "(Conv2D)" in line] == [
        "conv2d_1",
        "conv2d",
        "conv2d_3",
    ]
    report = api.check_text(pasted)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.consistent_only == (("conv2d_1", Solved.INPUT_CHANNELS),)
    assert summary.audit.rows[2].derivation == (
        "18,496 = 64 filters × (K × 32 channels + 1) → K = 9 → kernel 3×3; the spatial size "
        "shrinks by k − 1 as with padding='valid', stride 1"
    )
    assert len(summary.layers) == len(truth["layers"])


# --------------------------------------------------------------------------- 42b's 010: a
# layer_range slice of layers named without numbers


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_slice_of_unnumbered_names_does_not_claim_a_numbering(generation: str) -> None:
    """A real layer_range print of `image` … `stem_relu`: SA201 (info) reads the rows as one
    unbroken run of the model; its reason no longer says 'the layer numbering has no gap' of
    names that carry no numbers."""
    truth, text = load_print(REAL / f"{generation}/layer_range_named_head.truth.json")
    report, _ = checked_as_truth(text, truth)
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert "no layer numbering shows a gap (the names carry no numbers)" in sa201.message
    assert "the layer numbering has no gap" not in sa201.message


def test_a_cut_axis_of_thousands_of_digits_is_no_shape() -> None:
    """A hostile paste: a real print whose BatchNormalization shape is cut inside a last axis
    of 5,000 digits. The readings of cut shapes take at most 18 digits an axis, as a whole
    shape's reading does (before: int() refused the 5,000 digits, a traceback)."""
    truth, text = load_print(REAL / "keras2.2.4/mlp_bn_functional.truth.json")
    hostile = text.replace(
        "batch_normalization_1 (Batch (None, 512)      ",
        "batch_normalization_1 (Batch (None, 5" + "1" * 5000,
    )
    assert hostile != text
    [summary] = api.check_text(hostile).summaries
    assert summary.audit is not None
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
    assert "output_shape" in summary.layers[2].truncated
    # (its count is still derived: the Dense row above shows the 512 features it normalises)
    assert summary.audit.rows[2].derivation == (
        "2,048 = 4 × 512 (gamma, beta: trainable; moving_mean, moving_variance: non-trainable)"
    )
