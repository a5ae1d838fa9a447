"""Trials 51–53 (tabular models, AI-written articles, audio, multimodal and generative models):
the pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_the_print,
    checked_as_truth,
    column_cutter,
    load_print,
)

REAL = FIXTURES / "real"

# --------------- 51b's 015: `Total params: 37,113 (all trainable)`, the other lines left out


def all_trainable(text: str) -> str:
    """A README that restated the totals as one line: the total, said to be all trainable."""
    totals = re.search(
        r"Total params: ([\d,]+)\nTrainable params: [\d,]+\nNon-trainable params: [\d,]+\n", text
    )
    assert totals is not None
    return text.replace(totals.group(0), f"Total params: {totals.group(1)} (all trainable)\n")


def test_a_total_said_to_be_all_trainable_gives_the_trainable_lines() -> None:
    """Before: the Trainable and Non-trainable lines were "missing" (SA003), and what is frozen
    went unchecked."""
    truth, printed = load_print(REAL / "tf2.12/big_dense.truth.json")
    pasted = all_trainable(printed)
    assert "Total params: 16,822,282 (all trainable)\n_" in pasted
    report = checked_as_the_print(pasted, truth, printed)
    assert report.findings == ()


def test_a_total_said_to_be_all_trainable_is_checked_against_the_moving_statistics() -> None:
    """A BatchNormalization's moving mean and variance are never trained: "all trainable" is
    refuted by them, as a Non-trainable line of 0 would be."""
    _, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    report = api.check_text(all_trainable(printed))
    [summary] = report.summaries
    assert summary.totals.to_dict()["trainable"] == 54_538
    assert summary.totals.to_dict()["non_trainable"] == 0
    assert [finding.code for finding in report.findings] == ["SA203"]


# --------------- 51b's 014: a book's TFX log, `INFO:absl:` on each line, wrapped with `➥`

BOOK_WIDTH = 76


def book_wrapped(text: str, prefix: str = "INFO:absl:", trimmed: bool = False) -> str:
    """A book's excerpt of a log: each line logged with a prefix, and wrapped at the page's
    width at the last blank before it, the rest on a line of its own after a `➥` mark (with
    `trimmed`, the blanks at the end of each line dropped, as a typeset page drops them)."""
    out = []
    for line in text.split("\n"):
        logged = prefix + line if line else line
        while len(logged) > BOOK_WIDTH and " " in logged[:BOOK_WIDTH].strip():
            cut = logged.rindex(" ", 0, BOOK_WIDTH)
            out.append(logged[:cut].rstrip() if trimmed else logged[:cut])
            logged = "➥ " + logged[cut:].lstrip()
            if logged == "➥ ":
                break
        else:
            out.append(logged)
    return "\n".join(out)


@pytest.mark.parametrize("trimmed", [False, True], ids=["blanks kept", "blanks trimmed"])
def test_a_book_wrapped_log_reads_as_the_print(trimmed: bool) -> None:
    """Before: the wrapped header's `➥ Connected to` was a note, the `=` rule's prefix a row
    named `INFO:absl:`, and the totals were missed."""
    truth, printed = load_print(REAL / "tf2.0/merge_ops.truth.json")
    pasted = book_wrapped(printed, trimmed=trimmed)
    assert "➥ Connected to" in pasted and "INFO:absl:Total params: 217" in pasted
    checked_as_the_print(pasted, truth, printed)


@pytest.mark.parametrize("space", ["", "\n"], ids=["close", "spaced"])
def test_a_book_excerpt_elides_rows_and_keeps_a_wrapped_entry_of_one(space: str) -> None:
    """The excerpt left rows out with `...` between empty lines, and kept the second Connected
    to entry of a row it left out: that entry is named as part of the elided row, not read as a
    row nor reported unreadable, and the log prefix is stripped across the empty lines."""
    truth, printed = load_print(REAL / "tf2.0/merge_ops.truth.json")
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("multiply (Multiply)"))
    assert lines[at + 1].strip() == "dense_1[0][0]"
    pasted = book_wrapped("\n".join([*lines[: at - 1], "", "..." + space, *lines[at + 1 :]]))
    report = api.check_text(pasted)
    [summary] = report.summaries
    kept = [layer for layer in truth["layers"] if layer["name"] != "multiply"]
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in kept
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert summary.unreadable == ()
    assert [text for _, text in summary.asides] == ["dense_1[0][0] (of a row left out above)"]
    assert not [finding for finding in report.findings if finding.code == "SA001"]
    dense_1 = next(layer for layer in summary.layers if layer.name == "dense_1")
    assert dense_1.connected_to == ("input_2[0][0]",)


# --------------- 53b's 010: a print in a page's Markdown: `_` rules made `---`, `=` headings


def rendered_as_markdown(text: str) -> str:
    """A print pasted into a page as paragraphs: runs of blanks collapsed, each `_` rule a
    `---` line between empty lines, and each line over a `=` rule a `# ` heading (its closing
    `#` dropped, as a heading's trailing marks are)."""
    out: list[str] = []
    for line in text.split("\n"):
        core = line.strip()
        if core and not core.strip("_"):
            out += ["", "---", ""]
        elif core and not core.strip("="):
            above = next(i for i in range(len(out) - 1, -1, -1) if out[i].strip())
            out[above] = "# " + out[above].removesuffix(" #")
            out.append("")
        else:
            out.append(" ".join(line.split()))
    return "\n".join(out)


def test_rows_between_markdown_rules_are_all_read() -> None:
    """Before: the first `---` ended the table, the rows after it were passed over on the way
    to the totals, and SA201 said the rows add up to 320 of 58,391."""
    truth, printed = load_print(REAL / "tf2.0/conv_zoo.truth.json")
    pasted = rendered_as_markdown(printed)
    assert "# Layer (type) Output Shape Param\n" in pasted and "\n---\n\n# permute" in pasted
    report = checked_as_the_print(pasted, truth, printed)
    assert report.findings == ()


def test_rows_between_a_fence_and_the_totals_are_named_not_lost() -> None:
    """A code fence between rows ends the table; the rows after it, before the totals, are no
    part of it, but they are named beside it (before: passed over in silence)."""
    _, printed = load_print(REAL / "tf2.0/conv_zoo.truth.json")
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("cropping2d"))
    report = api.check_text("\n".join([*lines[:at], "```", *lines[at:]]))
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers][-1] == "zero_padding2d"
    named = [text for _, text in summary.asides]
    assert [text.split()[0] for text in named if "(" in text] == [
        "cropping2d",
        "conv2d_transpose",
        "up_sampling2d",
        "conv2d",
        "p_re_lu",
        "reshape",
        "permute",
    ]


# --------------- 53d's 012: keras.io's DDIM, its network and the EMA copy clone_model made


def test_a_cloned_network_in_a_subclassed_model_is_no_paste_error() -> None:
    """clone_model keeps the network's name, and a subclassed model keeps both: before, a
    warning said the row was pasted twice or the table edited (the run exited 1)."""
    _, printed = load_print(REAL / "keras3/subclassed_model_with_a_cloned_network.truth.json")
    [finding] = api.check_text(printed).findings
    assert (finding.code, finding.severity.value, finding.layer) == (
        "SA402",
        "info",
        "residual_unet",
    )
    assert "clone_model" in finding.message and "subclassed" in finding.message


def test_a_nested_model_pasted_twice_in_a_functional_print_is_still_a_warning() -> None:
    """The same row twice in a Functional model's print (its InputLayer row at the top; Keras 3
    prints a chain's without Connected to): a Functional model refuses two layers of one name,
    so the paste repeated a row."""
    _, printed = load_print(REAL / "keras3/nested_functional.truth.json")
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if "(Functional)" in line and line[:1] == "│")
    pasted = "\n".join([*lines[: at + 2], *lines[at : at + 2], *lines[at + 2 :]])
    findings = [f for f in api.check_text(pasted).findings if f.code == "SA402"]
    assert [f.severity.value for f in findings] == ["warning"]


def test_rows_of_a_branching_network_without_connected_to_are_no_chain() -> None:
    """A subclassed model's table has no Connected to, so the rows of the residual network
    expanded under it show no inbound layers. They are no chain: before, the 1×1 shortcut
    (7 channels, with a bias) was read on the row above as `K = 1 with groups=2`, use_bias
    False, and the first convolution's input as the noise input, "the wrong way"."""
    truth, printed = load_print(
        REAL / "keras3/subclassed_model_holding_a_residual_network.truth.json"
    )
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.audit is not None
    solved = dict(summary.audit.coverage.consistent_only)
    assert sorted(solved) == ["conv2d", "conv2d_1", "conv2d_2", "conv2d_3"]
    shortcut = audited_row(summary, "conv2d_3").derivation or ""
    assert "groups" not in shortcut and "input channels not shown" in shortcut


# --------------- 54c's 007: onnx2keras's MNIST, a constant's Lambda without a batch axis


def test_a_lambda_constant_without_a_batch_axis_leaves_the_other_shapes_read() -> None:
    """A Lambda that makes a constant prints `(8, 1, 1)` beside shapes with their batch axis:
    before, no shape was read, and the convolution "cannot be solved" for a shape "not shown in
    full"."""
    truth, printed = load_print(REAL / "tf2.0/lambda_constant_without_batch_axis.truth.json")
    _, summary = checked_as_truth(printed, truth)
    derivation = audited_row(summary, "conv2d").derivation or ""
    assert derivation.startswith("200 = 8 filters × (K × 1 channel) → K = 25 → kernel 5×5")
    assert "use_bias=False; channels_first" in derivation


# --------------- 54c's 008: pytorch2keras's ResNet-18, `avgpool… (Avera` on one inbound layer


def test_a_cut_class_on_one_inbound_layer_is_no_merge() -> None:
    """`(Avera` fits Average and AveragePooling1D/2D/3D; the row's one inbound layer rules the
    merge out (it takes two inputs or more), and its output's axes say 2D. Before: an Average,
    "it only averages its inputs value by value"."""
    truth, printed = load_print(REAL / "tf2.0/pooling_class_cut_on_one_inbound.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    row = audited_row(summary, "avgpool0.819584693782756")
    assert row.type == truth["layers"][2]["type"] == "AveragePooling2D"
    assert report.findings == ()


# --------------- 54d's 010: rows of a print pasted into a docstring, indented by eight blanks


@pytest.mark.parametrize("indent", [4, 8, 12])
def test_rows_from_the_middle_of_a_print_in_a_docstring_are_read(indent: int) -> None:
    """No header, no totals, each line indented as the method's docstring is (before, at eight
    blanks: "no Keras model.summary() table was found")."""
    truth, printed = load_print(REAL / "tf2.0/merge_ops.truth.json")
    lines = printed.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("dense (Dense)"))
    last = next(i for i, line in enumerate(lines) if line.startswith("dense_2 (Dense)"))
    code = ["    def forward(self, features):", "        '''"]
    pasted = "\n".join([*code, *(" " * indent + line for line in lines[first - 1 : last])])
    [summary] = api.check_text(pasted + "\n        '''\n").summaries
    shown = truth["layers"][2:-1]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in shown
    ]
    assert summary.unreadable == ()


# --------------- 54d's 013: a first convolution whose input is not shown, without a bias


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_a_first_convolution_says_both_bias_readings(generation: str) -> None:
    """288 on 32 filters is 8 × 1×1 with a bias or 3×3 on 1 channel without one (the model's
    own layer): before, only the first was said, as if the count settled it."""
    _, printed = load_print(
        REAL / f"{generation}/first_conv_without_bias_on_one_channel.truth.json"
    )
    [summary] = api.check_text(printed).summaries
    derivation = audited_row(summary, "conv2d").derivation or ""
    assert "K × C = 8" in derivation
    assert "or without a bias, K × C = 9: 1 channel → K = 9, 3×3" in derivation


# --------------- 53b's 009: keras.io's STFT example, spectrograms with expand_dims=True


def test_expanded_spectrograms_take_their_bins_from_the_axis_before_the_last() -> None:
    """`(None, None, 1025, 1)`: before, the last axis (1) was read as the bins and the frames
    as 492,000 samples long, longer than any FFT of one bin."""
    _, printed = load_print(REAL / "keras3/stft_spectrograms_expanded.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    derivations = [
        (audited_row(summary, name).derivation or "").split(" (")[0]
        for name in ("stft_spectrogram", "stft_spectrogram_1", "stft_spectrogram_2")
    ]
    assert derivations == [
        "984,000 = 2 × 480 × 1,025",
        "1,312,000 = 2 × 640 × 1,025",
        "410,400 = 2 × 400 × 513",
    ]
    assert report.findings == ()


# --------------- 54a's 010: a 3-D generator's transposed kernel, one shape of several


def test_a_kernel_the_shapes_imply_says_when_it_lists_only_some_others() -> None:
    """64 is 4×4×4 and 2×4×8 in six orders: the four others spelled end in `…` (before, the
    list read as all of them)."""
    _, printed = load_print(REAL / "tf2.12/conv3d_transpose_from_a_point.truth.json")
    [summary] = api.check_text(printed).summaries
    derivation = audited_row(summary, "conv3d_transpose").derivation or ""
    assert "kernel 4×4×4 (or 2×4×8, 2×8×4, 4×2×8, 4×8×2, …); use_bias=False" in derivation


# --------------- 55a's 001–005: tf-keras's tests hold expected summaries as string literals


def as_expected_string(text: str) -> str:
    """A test's expected summary: each line a string literal with its `\\n`, the long ones
    marked for the linter (`"…\\n"  # noqa: E501`), inside `check_str = (…)`."""
    literals = []
    for line in text.rstrip("\n").split("\n"):
        quote = "'" if '"' in line else '"'
        literal = f"                {quote}{line}\\n{quote}"
        literals.append(literal + ("  # noqa: E501" if len(literal) > 80 else ""))
    return "\n".join(["            check_str = (", *literals, "            )"])


@pytest.mark.parametrize(
    "case", ["tf_keras/frozen_layers_show_trainable", "tf_keras/mlp_bn_functional"]
)
def test_an_expected_summary_in_string_literals_reads_as_the_print(case: str) -> None:
    """Before: no row was read, a row named `"` was invented, and the table was said to end
    inside it, without totals."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = as_expected_string(printed)
    assert '\\n"  # noqa: E501' in pasted
    checked_as_the_print(pasted, truth, printed)


# --------------- 55d's 013: a paste that ends inside a row, past a wrapped class and a blank


def test_a_row_the_paste_ends_in_is_no_piece_of_the_row_above() -> None:
    """Spacer lines pasted as empty lines, and the paste ends after a row's name and class:
    before, that line was joined to the wrapped row above it (`… 0flatten (Flatten)`), both
    lost as one unreadable line."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    lines = [line if line.strip() else "" for line in printed.split("\n")]
    at = next(i for i, line in enumerate(lines) if line.startswith(" flatten (Flatten)"))
    report = api.check_text("\n".join([*lines[:at], " flatten (Flatten)"]))
    [summary] = report.summaries
    kept = truth["layers"][:3]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        *((layer["name"], layer["type"], layer["params"]) for layer in kept),
        ("flatten", "Flatten", None),
    ]
    [unread] = [finding for finding in report.findings if finding.code == "SA001"]
    assert "the paste ends inside this row ('flatten (Flatten)')" in unread.message


# --------------- 55d's 005: an LRCN's first row, TimeDistributed over frames, input not shown


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_a_time_distributed_first_row_over_images_says_a_convolution_fits(generation: str) -> None:
    """448 on (None, 20, 64, 64, 16): the wrapped layer is not printed, and each step is an
    image, so a Conv2D (3×3 on 3 channels) fits as a Dense on 27 features does; before, only
    the Dense was said."""
    _, printed = load_print(REAL / f"{generation}/time_distributed_conv_first_row.truth.json")
    [summary] = api.check_text(printed).summaries
    derivation = audited_row(summary, "time_distributed").derivation or ""
    assert "TimeDistributed(Conv2D(16)) with K × C = 27, e.g. 3 channels → K = 9, 3×3" in derivation
    assert "or TimeDistributed(Dense(16)) on 27 features" in derivation


def test_totals_in_bullets_marked_like_a_wrap_are_no_wrap() -> None:
    """`➥` before each totals line under a short line is a bullet, no wrap of that line."""
    truth, printed = load_print(REAL / "tf2.12/big_dense.truth.json")
    pasted = re.sub(r"\n(Total|Trainable|Non-trainable) params", r"\n➥ \1 params", printed)
    pasted = pasted.replace("\n➥ Total", "\nParameter summary:\n➥ Total")
    assert "Parameter summary:\n➥ Total params: 16,822,282\n➥ Trainable" in pasted
    checked_as_the_print(pasted, truth, printed)


# --------------- the review of trial 53's readings: what the new rules must leave alone


def test_a_markdown_rule_between_a_pipe_table_and_its_totals_ends_the_table() -> None:
    """`---` under a Markdown table is the page's horizontal rule, no row of the table (the
    table retyped from the print's rows, its totals pasted after the rule)."""
    truth, printed = load_print(REAL / "keras2.2.4/big_dense.truth.json")
    cells = column_cutter(printed)
    rows = [
        "| " + " | ".join(cells(line)) + " |"
        for line in printed.split("\n")
        if re.match(r"\w+ \([A-Z]\w*\) ", line)
    ]
    totals = "\n".join(line for line in printed.split("\n") if " params: " in line)
    header = "| Layer (type) | Output Shape | Param # |\n|---|---|---|"
    report = api.check_text(f"{header}\n" + "\n".join(rows) + f"\n---\n{totals}\n")
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"]]
    assert summary.unreadable == () and report.findings == ()


def test_text_after_a_table_without_totals_is_no_row() -> None:
    """A heading after a blank line (`Model (after fine-tuning):`) and a second print: before,
    the heading was a row "the paste ends inside"."""
    truth, printed = load_print(REAL / "tf2.12/big_dense.truth.json")
    cut = printed[: printed.index("=====", printed.index("dense_1"))]
    report = api.check_text(f"{cut}\nModel (after fine-tuning):\n\n{printed}")
    first, second = report.summaries
    assert [layer.name for layer in first.layers] == [w["name"] for w in truth["layers"]]
    assert [layer.name for layer in second.layers] == [w["name"] for w in truth["layers"]]
    assert [finding.code for finding in report.findings] == ["SA003"]


@pytest.mark.parametrize("indent", [4, 8])
def test_a_docstring_fragment_keeps_tf_keras_27s_leading_blank(indent: int) -> None:
    """tf.keras 2.7+ puts one blank before every line: indented by 4 or 8 more, its rows read
    as one table of that layout (before: three Keras 2 tables)."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    lines = printed.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(" conv2d (Conv2D)"))
    last = next(i for i, line in enumerate(lines) if line.startswith(" dense (Dense)"))
    pasted = "\n".join(" " * indent + line for line in lines[first : last + 1])
    [summary] = api.check_text(pasted).summaries
    assert summary.dialect.value == "keras2-wrapped"
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (w["name"], w["params"]) for w in truth["layers"]
    ]


def test_a_merge_on_one_input_is_still_a_merge_in_keras_3() -> None:
    """Keras 3's merge layers take a list of one input: a cut `(Concatenat…` on one inbound
    layer is a Concatenate (the rule that rules merges out holds before tf.keras 2.9 only)."""
    truth, printed = load_print(REAL / "keras3/merge_on_one_input_class_cut.truth.json")
    assert "│ concatenate  │" in printed and "(Concatenat… │" in printed
    report = api.check_text(printed)
    [summary] = report.summaries
    assert summary.audit is not None
    assert [row.type for row in summary.audit.rows] == [w["type"] for w in truth["layers"]]
    assert report.findings == ()


def test_a_row_pasted_twice_that_total_counts_once_is_a_warning() -> None:
    """The cloned network's info holds only where Total counts both rows: a Total of one copy
    says a row was pasted twice."""
    _, printed = load_print(REAL / "keras3/subclassed_model_with_a_cloned_network.truth.json")
    edited = printed.replace("Total params: 254 (1016.00 B)", "Total params: 127 (508.00 B)")
    codes = {(f.code, f.severity.value) for f in api.check_text(edited).findings}
    assert ("SA402", "warning") in codes and ("SA201", "error") in codes


def test_an_expanded_channels_first_spectrogram_takes_its_bins_from_the_last_axis() -> None:
    """`(None, 1, 398, 257)`: channels first, then time, then the bins (before: frames of 257
    samples over 398 bins)."""
    _, printed = load_print(REAL / "keras3/stft_spectrogram_channels_first.truth.json")
    [summary] = api.check_text(printed).summaries
    derivation = audited_row(summary, "stft_spectrogram").derivation or ""
    assert derivation.startswith("205,600 = 2 × 400 × 257")


def test_a_larger_backward_layer_in_keras_3_is_read() -> None:
    """Keras 3 prints twice the forward units (16 for GRU(8)); a backward GRU(16) gives 1,680
    (before: SA101, no reading of the count)."""
    truth, printed = load_print(REAL / "keras3/bidirectional_larger_backward_layer.truth.json")
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    derivation = audited_row(summary, "bidirectional").derivation or ""
    assert "forward GRU(8) + a larger backward_layer GRU(16)" in derivation


def test_a_reading_without_a_bias_needs_a_kernel_that_reaches() -> None:
    """84 → 20 with stride 4: 8×8 with a bias reaches; 65 (5×13, 1×65) without one does not,
    so it is not offered (47d's 009)."""
    _, printed = load_print(REAL / "tf2.0/strided_first_conv_on_a_frame.truth.json")
    [summary] = api.check_text(printed).summaries
    derivation = audited_row(summary, "conv2d").derivation or ""
    assert derivation == "2,080 = 32 filters × (K × 1 channel + 1) → K = 64 → kernel 8×8"


def test_a_box_fragment_whose_first_row_is_nested_keeps_that_row() -> None:
    """Rows from the middle of a Keras 3 box, the first a nested one (`│    └ dense (Dense)`),
    which no row pattern anchors: before, the fragment began at the next top-level row and
    the nested one was left out in silence."""
    truth, printed = load_print(REAL / "keras3/frozen_nested_pair_show_trainable.truth.json")
    lines = printed.split("\n")
    first = next(i for i, line in enumerate(lines) if "└ dense (Dense)" in line)
    last = max(i for i, line in enumerate(lines) if line.startswith("└"))
    [summary] = api.check_text("\n".join(lines[first - 1 : last + 1])).summaries
    assert [(layer.name, layer.params, layer.depth) for layer in summary.layers] == [
        (w["name"], w["params"], w["depth"]) for w in truth["layers"][2:]
    ]
