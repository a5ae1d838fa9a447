"""Trial 56 (tutorial sites, Keras Applications backbones, custom layers, student projects):
the pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import json
import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, checked_as_truth, load_print

REAL = FIXTURES / "real"

# --------------- 56d's 005: a preprocessing model built first prints `None`, the rest `32`


def test_a_nested_model_built_apart_keeps_the_batch_size_of_the_other_rows() -> None:
    """Before: the first axes differed (`None` beside `32`), so no shape was read and the
    convolution's kernel and the Dense's inputs were "not shown"."""
    truth, printed = load_print(REAL / "tf2.12/nested_preprocessing_then_fixed_batch.truth.json")
    assert " sequential (Sequential)     (None, 64, 64, 3) " in printed
    assert " conv2d (Conv2D)             (32, 62, 62, 32) " in printed
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.audit is not None
    conv = audited_row(summary, "conv2d").derivation or ""
    assert conv.startswith("896 = 32 filters × (K × 3 channels + 1) → K = 9 → kernel 3×3")
    assert audited_row(summary, "dense_1").derivation == "195 = 64 × 3 + 3 (kernel + bias)"
    assert summary.audit.coverage.rows_verified == len(truth["layers"]) - 1  # the nested model


def left_out_with_a_note(text: str, first: str, last: str, note: str) -> str:
    """A README that replaced the rows from `first` to `last` (with their spacers) by a note."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f" {first} "))
    end = next(i for i, line in enumerate(lines) if line.startswith(f" {last} "))
    end += 1
    while lines[end].strip() and not lines[end].startswith(" " * 2 + "\n"):
        end += 1  # the wrapped lines of the last row left out
    return "".join([*lines[:start], f" {note}\n", *lines[end:]])


@pytest.mark.parametrize("note", ["... [additional layers] ...", "... (additional layers) ..."])
def test_a_note_of_additional_layers_is_an_elision(note: str) -> None:
    """Before: `... [additional layers] ...` was an unreadable line (SA001), and the Dense
    below it was chained to the pooling above it: a false SA101 and SA301."""
    _, printed = load_print(REAL / "tf2.12/nested_preprocessing_then_fixed_batch.truth.json")
    pasted = left_out_with_a_note(printed, "conv2d_1", "dense", note)
    assert note in pasted and " dense (Dense)" not in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.unreadable == ()
    assert [layer.name for layer in summary.layers] == [
        "sequential",
        "conv2d",
        "max_pooling2d",
        "dense_1",
    ]
    assert summary.elided == (pasted.splitlines().index(f" {note}") + 1,)
    assert audited_row(summary, "dense_1").derivation == (
        "195 = 64 × 3 + 3 (kernel + bias; input size 64 solved from the count, or 65 with "
        "use_bias=False)"
    )


# --------------- 56c's 009: MultiHeadAttention's Connected to lists its mask after q, v, k


def test_an_attention_mask_listed_among_the_inbound_layers_is_not_a_key() -> None:
    """Before: the mask's `(None, 1, None)` was read as a fourth input of unknown size, and the
    row's count was "not decided by the shapes shown"."""
    truth, printed = load_print(REAL / "tf2.12/attention_with_a_mask_inbound.truth.json")
    assert "'lambda[0][0]']" in printed
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert audited_row(summary, "multi_head_attention").derivation == (
        "12,288 = H·Kd × (4 × 32) → H × key_dim = 96 (e.g. 4 heads × 24; use_bias=False)"
    )


def test_a_mask_given_as_the_third_input_leaves_the_key_the_value() -> None:
    """`mha(x, x, attention_mask=m)` lists x, x, m: a third entry of unknown size is the mask."""
    _truth, printed = load_print(REAL / "tf2.12/attention_with_a_mask_inbound.truth.json")
    entry = re.search(r"\n +'embedding\[0\]\[0\]', *\n", printed)
    assert entry is not None
    pasted = printed.replace(entry.group(0), "\n", 1)  # query and value, then the mask
    assert pasted.count("'embedding[0][0]',") == 2
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert report.findings == ()
    assert (audited_row(summary, "multi_head_attention").derivation or "").startswith(
        "12,288 = H·Kd × (4 × 32) → H × key_dim = 96"
    )


# --------------- 56a's 008: `(None, 128, 128, 128` cut in a channels_last model


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_filters_cut_by_the_column_keep_the_model_channels_last(generation: str) -> None:
    """Before: with the last axis cut, a channels_first reading with groups (K = 9 with
    groups=2 on 128 channels) and an 18-volume transposed kernel were "verified"."""
    truth, printed = load_print(
        REAL / f"{generation}/conv_filters_cut_in_a_channels_last_model.truth.json"
    )
    assert re.search(r"\(None, 128, 128, 128 \d", printed)
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.audit is not None
    derivations = [row.derivation or "" for row in summary.audit.rows]
    assert not any("channels_first" in text or "groups" in text for text in derivations)
    cut = [
        text for text in derivations if "(with the shapes the column cut read as printed)" in text
    ]
    assert [text.split(" → ")[0] for text in cut] == [
        "73,856 = 128 filters × (K × 64 channels + 1)",
        "73,792 = 64 filters × (K × 128 channels + 1)",
        "147,584 = 128 filters × (K × 128 channels + 1)",
    ]


# --------------- 56b's 003: a Keras 3 box cut at the top, a blank line, then its totals


def box_cut_at_the_top(text: str, keep_rows: int) -> str:
    """A tutorial's excerpt: the box's last rows only (after `  ...`), a blank line between
    its bottom border and the totals, and the first bar of the first row kept typed as `|`."""
    lines = text.splitlines(keepends=True)
    mids = [i for i, line in enumerate(lines) if line.startswith("├")]
    first = mids[-keep_rows]
    bottom = next(i for i, line in enumerate(lines) if line.startswith("└"))
    rows = lines[first : bottom + 1]
    rows[1] = "|" + rows[1][1:]
    return "  ...\n" + "".join(rows) + "\n" + "".join(lines[bottom + 1 :])


def test_a_box_cut_at_the_top_with_a_blank_line_above_its_totals_is_read() -> None:
    """Before: the rows were passed over in silence (an empty line counted as a box line), and
    only the totals were read: "no layer rows were read"."""
    truth, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = box_cut_at_the_top(printed, 3)
    assert pasted.count("\n|") == 1 and "┘\n\n Total params" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    shown = [want["name"] for want in truth["layers"][-3:]]
    assert [layer.name for layer in summary.layers] == shown
    assert summary.elided == (2,)  # the rows cut off above the first one shown
    assert summary.totals.to_dict() == truth["totals"]
    assert summary.unreadable == ()
    assert [finding.code for finding in report.findings] == []


# --------------- 56b's 010: rows without header above totals are read, never passed over


def headless_above_totals(text: str) -> str:
    """A README's table: the title, header and rules gone, an elision above the totals."""
    ruled = {"=", "_"}
    lines = text.splitlines(keepends=True)
    body = [
        line
        for line in lines
        if not (line.strip() and set(line.strip()) <= ruled)
        and not line.startswith(("Model:", " Layer (type)"))
    ]
    at = next(i for i, line in enumerate(body) if line.startswith("Total params"))
    return "".join([*body[:at], "...\n", *body[at:]])


def test_rows_without_a_header_above_totals_are_not_passed_over() -> None:
    """Before: the totals were read as a summary of their own and every row above them was
    dropped without a word."""
    truth, printed = load_print(REAL / "tf2.12/nested_preprocessing_then_fixed_batch.truth.json")
    pasted = headless_above_totals(printed)
    assert "Layer (type)" not in pasted and "=====" not in pasted and "...\nTotal" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries  # the rows and the totals right under them: one summary
    assert [layer.name for layer in summary.layers] == [want["name"] for want in truth["layers"]]
    assert summary.totals.to_dict() == truth["totals"]
    assert [finding.code for finding in report.findings] == []


# --------------- 57d's 002: an issue's excerpt of rows, `...`, then the last row it quotes


def rows_quoted_around_a_gap(text: str, first: str, gap_from: str, last: str) -> str:
    """An issue's excerpt: the rows from `first` on (no header, no totals), those from
    `gap_from` to the one above `last` left out as `...` and a blank line."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{first} "))
    cut = next(i for i, line in enumerate(lines) if line.startswith(f"{gap_from} "))
    resume = next(i for i, line in enumerate(lines) if line.startswith(f"{last} "))
    end = next(i for i in range(resume, len(lines)) if lines[i].startswith("="))
    return "".join([*lines[start:cut], "...\n", "\n", *lines[resume:end]])


def test_rows_quoted_past_an_elision_are_read() -> None:
    """Before: the excerpt's reading stopped at `...`, and the row quoted below it (one row,
    its shape cut by the column) was dropped without a word."""
    _, printed = load_print(REAL / "tf2.0/conv_filters_cut_in_a_channels_last_model.truth.json")
    pasted = rows_quoted_around_a_gap(printed, "conv2d", "max_pooling2d", "conv2d_transpose")
    assert "...\n\nconv2d_transpose (Conv2DTranspo (None, 128, 128, 128 147584" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [
        "conv2d",
        "conv2d_1",
        "conv2d_2",
        "conv2d_transpose",
    ]
    assert summary.unreadable == ()
    # the rows cut off above the first one shown, and those the `...` stands for
    assert summary.elided == (1, pasted.splitlines().index("...") + 1)
    at = pasted.splitlines().index("...") + 1
    assert [(f.code, f.message) for f in report.findings][1] == (
        "SA401",
        "conv2d_transpose is connected to 'concatenate', which has no row: it is among the "
        f"rows the paste left out where line 1 or {at} marks them",
    )
    assert [finding.code for finding in report.findings] == ["SA003", "SA401"]


# --------------- 57a's 007: a Keras 3 table fitted with SGD, its `Optimizer params: 2` left out


def test_a_keras3_total_two_above_the_split_is_plain_sgd_left_out() -> None:
    """Before: "the Total params line is the one that was edited" (an error), where Keras 3
    adds plain SGD's step count and learning rate to Total."""
    _, printed = load_print(REAL / "keras3/fitted_plain_sgd.truth.json")
    assert " Optimizer params: 2 (8.00 B)\n" in printed
    pasted = printed.replace(" Optimizer params: 2 (8.00 B)\n", "")
    found = {f.code: f for f in api.check_text(pasted).findings}
    # one finding for one line left out: SA201 (Total against the rows) would say the same gap
    # again, as an error (60b's 010), where the rows add up to Trainable + Non-trainable
    assert sorted(found) == ["SA202"]
    split = found["SA202"]
    assert split.severity.value == "warning"
    assert split.message.endswith(
        "(a difference of 2): the gap 2 is the Keras 3 optimizer state of plain SGD (its step "
        "count and learning rate, no value per weight; an optimizer loaded from .h5 holds the "
        "same): the `Optimizer params` line was probably left out of the paste"
    )


@pytest.mark.parametrize(
    ("case", "printed_line", "edited_line"),
    [
        # tf.keras never counts an optimizer in Total: a Total 2 above is an edit there
        ("tf2.12/big_dense", "Total params: 16,822,282", "Total params: 16,822,284"),
        # Trainable edited by 2 where the rows add up to Total (the review of 57a's 007)
        ("keras3/cnn_bn", "Trainable params: 54,474 ", "Trainable params: 54,472 "),
    ],
)
def test_a_split_two_off_is_no_left_out_sgd_line_but_where_keras3_shows_one(
    case: str, printed_line: str, edited_line: str
) -> None:
    """An edit by 2 (an error), not plain SGD's state, outside a Keras 3 print whose rows and
    split lines agree."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    pasted = printed.replace(printed_line, edited_line)
    assert pasted != printed
    split = next(f for f in api.check_text(pasted).findings if f.code == "SA202")
    assert split.severity.value == "error"
    assert "plain SGD" not in split.message


# --------------- 57b's 009: a Kaggle notebook's JSON on one line, Keras 3's colours and HTML


def kaggle_outputs_on_one_line(coloured: str) -> str:
    """The outputs of a Kaggle cell as its one-line JSON stores them, copied from the middle of
    the line: a stderr stream, then each part Keras 3 writes (the title, the box, each total)
    as one display_data holding its coloured text and an HTML copy."""
    lines = coloured.rstrip("\n").split("\n")
    totals = [i for i, line in enumerate(lines) if "params:" in line]
    parts = [lines[:1], lines[1 : totals[0]]] + [[lines[i]] for i in totals]
    outputs: list[dict] = [  # type: ignore[type-arg]
        {"name": "stderr", "text": "W0000 graph_launch.cc:671] Fallback\n", "output_type": "stream"}
    ]
    for part in parts:
        plain = "\n".join(part) + "\n"
        shown = re.sub(r"\x1b\[[0-9;]*m", "", plain)
        html_copy = '<pre style="white-space:pre">' + shown.replace("<", "&lt;") + "</pre>\n"
        outputs.append(
            {
                "output_type": "display_data",
                "data": {"text/plain": plain, "text/html": html_copy},
                "metadata": {},
            }
        )
    line = json.dumps(outputs, ensure_ascii=True, separators=(",", ":"))
    return line[1:-1] + ',{"name":"stdout","text":"None\\n","output_type":"stream"}]},'


def test_a_kaggle_notebooks_one_line_json_is_read_as_its_print() -> None:
    """Before: the HTML copy, the colour codes and the `display_data` between the totals were
    read as a table of 81 "rows", and the Trainable and Optimizer lines were missed."""
    truth, coloured = load_print(REAL / "keras3/cnn_bn_ansi.truth.json")
    assert "\x1b[" in coloured
    pasted = kaggle_outputs_on_one_line(coloured)
    assert "\n" not in pasted and "\\u001b[" in pasted and '"text/html":"<pre' in pasted
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == ()
    assert summary.asides == ()


# --------------- 57c's 001: a PDF's conversion to Markdown sets a row's leading blank as `` ` ` ``


def rows_after_a_blank_span(text: str) -> str:
    """Each row's leading blank written as an empty code span, its underscores escaped."""
    return re.sub(
        r"(?m)^ (?!Layer \()(?=\w+ \()(.*)$",
        lambda row: "` `" + row.group(1).replace("_", "\\_"),
        text,
    )


def test_rows_after_an_empty_code_span_are_read_as_rows() -> None:
    """Before: every row after the first was joined to it as its wrapped cells: one row of
    five names, a false SA201 error and an SA203 warning."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    pasted = rows_after_a_blank_span(printed)
    assert "\n` `batch\\_normalization (BatchN" in pasted and "` `Layer" not in pasted
    checked_as_truth(pasted, truth)
    assert [f.code for f in api.check_text(pasted).findings] == [
        f.code for f in api.check_text(printed).findings
    ]


# --------------- 57a's 009: a Lambda whose output_shape writes a batch of 1, in a Keras 2 print


def test_a_keras2_lambda_with_a_batch_of_one_leaves_the_rows_a_chain() -> None:
    """Before: a batch of 1 beside `None` was read as a Keras 3 subclassed model built on one
    sample, and every row's input as "not shown" (the count solved for it)."""
    truth, printed = load_print(
        REAL / "keras2.2.4/lambda_output_shape_with_a_batch_of_one.truth.json"
    )
    assert "Model:" not in printed and "(1, 160)" in printed
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.audit is not None
    assert summary.audit.coverage.consistent_only == (("conv2d_1", "input channels"),)
    assert audited_row(summary, "conv2d_2").derivation == (
        "1,168 = 16 filters × (K × 8 channels + 1) → K = 9 → kernel 3×3 (or 1×9, 9×1)"
    )
    assert audited_row(summary, "dense_1").derivation == "644 = 160 × 4 + 4 (kernel + bias)"


# --------------- 57a's 014: the totals on one line, wrapped before the last `params:`


def totals_wrapped_before_the_last_count(text: str, blank: str) -> str:
    """A README's totals joined on one line, wrapped before the last label's `params:`."""
    found = re.search(
        r"(Total params: .*)\n(Trainable params: .*)\n(Non-trainable) (params: .*)\n", text
    )
    assert found is not None
    joined = f"{found[1]} {found[2]} {found[3]}\n{blank}{found[4]}\n"
    return text.replace(found.group(0), joined)


@pytest.mark.parametrize("blank", ["\n", ""])
def test_totals_wrapped_before_the_last_count_are_read(blank: str) -> None:
    """Before: "the Non-trainable params line is missing" (SA003), and the split unchecked."""
    truth, printed = load_print(REAL / "tf2.12/big_dense.truth.json")
    pasted = totals_wrapped_before_the_last_count(printed, blank)
    assert f"Trainable params: 16,822,282 Non-trainable\n{blank}params: 0\n" in pasted
    checked_as_truth(pasted, truth)
    assert api.check_text(pasted).findings == ()


# --------------- 57a's 010: TensorFlow 2.0's alpha named its LSTM `UnifiedLSTM`


def as_tensorflow_2_alpha(text: str) -> str:
    """A tf.keras 2.0 print as TensorFlow 2.0.0-alpha0 wrote it (no longer installable here):
    its LSTM class and default names were `UnifiedLSTM`, `unified_lstm`, in the same column."""

    def renamed(row: re.Match[str]) -> str:
        label = f"unified_lstm{row.group(2) or ''} (UnifiedLSTM)"
        return label.ljust(len(row.group(1)) + len(row.group(3)))

    return re.sub(r"(?m)^(lstm(_\d+)? \(LSTM\))( +)", renamed, text)


def test_tensorflow_2_alphas_unified_lstm_is_an_lstm() -> None:
    """Before: a class of no known formula (SA901), its count not checked."""
    truth, printed = load_print(REAL / "tf2.0/lstm_long_shape.truth.json")
    pasted = as_tensorflow_2_alpha(printed)
    assert "unified_lstm (UnifiedLSTM)   (None, 10000, 256)        304128" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.totals.to_dict() == truth["totals"]
    assert audited_row(summary, "unified_lstm").derivation == (
        "304,128 = 4 × 256 × (40 + 256 + 1) (4 gates × units × (input + units + bias))"
    )


# --------------- 56a's 008, 014: InstanceNormalization (tensorflow-addons, keras-contrib)


def test_instance_normalization_counts_gamma_and_beta_per_channel() -> None:
    """Before: a class of no known formula (SA901): 2 × C, C, 0 were not checked."""
    truth, printed = load_print(REAL / "tf2.12/instance_normalization_layers.truth.json")
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert [
        audited_row(summary, f"instance_normalization{suffix}").derivation
        for suffix in ("", "_1", "_2")
    ] == [
        "128 = 2 × 64 (gamma + beta per channel)",
        "128 = 1 × 128 (gamma or beta only per channel)",
        "0: InstanceNormalization with center=False and scale=False has no weights",
    ]


def test_a_cut_instance_normalization_class_is_completed_from_the_name() -> None:
    """A print that cut the class (`(Ins`, the wrapped rest left out as older prints do) reads
    it from the row's default name, and checks the count."""
    truth, printed = load_print(REAL / "tf2.12/instance_normalization_layers.truth.json")
    pasted = re.sub(r"\n nstanceNormalization\)[^\n]*|\n tanceNormalization\)[^\n]*", "", printed)
    assert "(Ins  (None, 32, 32, 64)" in pasted and "tanceNormalization)" not in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.audit is not None
    assert audited_row(summary, "instance_normalization").type == "InstanceNormalization"
    assert summary.audit.coverage.rows_verified == len(truth["layers"])


def test_instance_normalization_on_another_axis_is_not_called_an_error() -> None:
    """keras-contrib's axis=None holds one gamma and one beta: a count of 2 over 64 channels
    is not checked rather than called wrong."""
    _, printed = load_print(REAL / "tf2.12/instance_normalization_layers.truth.json")
    pasted = printed.replace("(None, 32, 32, 64)       128", "(None, 32, 32, 64)       2  ")
    pasted = pasted.replace("Total params: 120,480", "Total params: 120,354")
    pasted = pasted.replace("Trainable params: 120,480", "Trainable params: 120,354")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.audit is not None
    assert summary.audit.coverage.rows_verified == len(summary.layers) - 1
    assert "keras-contrib's layer on another axis (axis=None: 2) is not checked" in (
        audited_row(summary, "instance_normalization").derivation or ""
    )


# --------------- 58a's 002, 004: `none of Non-trainable's 1; the other 1 sits …` read as two shares


def test_what_rows_not_verified_hold_when_the_verified_hold_none_is_all_of_it() -> None:
    """A nested model whose frozen weights are all of Non-trainable: `all of them sit in`."""
    _, printed = load_print(REAL / "tf_keras/siamese_shared_nested.truth.json")
    [summary] = api.check_text(printed).summaries
    assert summary.audit is not None
    reasons = [check.reason for check in summary.audit.coverage.totals]
    assert (
        "the rows verified hold none of Non-trainable's 128; all of them sit in encoder (count "
        "not verified) or are frozen layers' weights"
    ) in reasons


# --------------- 58c's 004: a 2016 issue's Keras 1 table, cut before its totals


def test_keras1_default_names_tell_a_keras1_print_without_its_totals() -> None:
    """Before: `simplernn_1`, `repeatvector_1` (Keras 2 names them `simple_rnn_1`,
    `repeat_vector_1`) were no sign, and a Keras 1 table cut before its totals was called a
    Keras 2 one."""
    _, printed = load_print(REAL / "keras1.1.2/rnn_stack.truth.json")
    table = printed.replace("simplernn_input_1[0][0]", "input_1[0][0]          ")
    pasted = table[: table.index("bidirectional_1 (")]  # (`timedistributed_1` is a sign too)
    assert "_input_" not in pasted and "simplernn_1 (SimpleRNN)" in pasted
    assert "timedistributed" not in pasted
    [summary] = api.check_text(pasted).summaries
    assert summary.dialect.value == "keras1"


# --------------- 58d's 002: a paste that stops inside a rule under its seventh row


def test_rows_without_totals_add_up_to_the_total_only_if_none_was_cut_below() -> None:
    """Before: the sum of the rows shown was offered "to compare with any total given
    elsewhere", as if the table were whole."""
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = printed.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("max_pooling2d_1 "))
    pasted = "".join(lines[: cut + 2])  # the row, and the `_` rule under it, whole
    [finding] = api.check_text(pasted).findings
    assert finding.code == "SA003"
    assert finding.message.endswith(
        "so the rows cannot be checked against them (the 3 rows add up to 448, to compare with "
        "any total given elsewhere; rows cut off below the last one would add to it)"
    )


def test_a_rule_cut_short_under_the_last_row_marks_rows_left_out_below() -> None:
    """58d's 002: the paste stops inside the `_` rule under a row (34 of its 65 characters):
    rows below it may be missing, and their sum is no total to compare."""
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = printed.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("max_pooling2d_1 "))
    pasted = "".join(lines[: cut + 1]) + "_" * 34
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.elided == (cut + 2,)
    [finding] = report.findings
    assert finding.message == (
        "table without totals: the Total / Trainable / Non-trainable params lines are missing, "
        f"so the rows cannot be checked against them; line {cut + 2} marks rows left out below "
        "the last one shown (the paste stops inside the table)"
    )


# --------------- the review of trials 56–58: what the first fixes read wrong


def box_cut_at_the_top_spaced(text: str, spacing: str) -> str:
    """A Keras 3 box from its second row on, no header, an empty line put after one row's
    lines (`once`); or from its third row's rule on, an empty line after every line
    (`double`, a paste's double spacing)."""
    lines = text.splitlines(keepends=True)
    mids = [i for i, line in enumerate(lines) if line.startswith("├")]
    body = lines[mids[0] + 1 :]
    if spacing == "double":  # (from a rule on: a wrapped row split by a blank is not read)
        rows = lines[mids[1] :]
        return "".join(line + "\n" for line in rows if "params" not in line)
    at = next(i for i, line in enumerate(body) if line.startswith("├"))
    return "".join([*body[:at], "\n", *body[at:]])


def test_a_headless_box_with_an_empty_line_between_rows_keeps_every_row() -> None:
    """The first fix read an empty line as no box line: the rows above it were lost."""
    truth, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = box_cut_at_the_top_spaced(printed, "once")
    assert "│\n\n├" in pasted and "Layer (type)" not in pasted
    [summary] = api.check_text(pasted).summaries
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"][1:]]
    assert summary.totals.to_dict() == truth["totals"]


def test_a_double_spaced_box_fragment_is_read() -> None:
    """The first fix found no summary in it (SA002)."""
    truth, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = box_cut_at_the_top_spaced(printed, "double")
    [summary] = api.check_text(pasted).summaries
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"][2:]]


def test_a_summary_in_a_cells_source_in_one_line_json_is_read() -> None:
    """The first fix read only outputs' text in a notebook's one-line JSON: a summary pasted
    into a Markdown cell's `source` was lost."""
    truth, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    cell = {"cell_type": "markdown", "metadata": {}, "source": printed.splitlines(keepends=True)}
    pasted = "Here is the notebook as saved:\n" + json.dumps({"cells": [cell]}) + "\n"
    report, _ = checked_as_truth(pasted, truth)
    assert report.findings == ()


def test_a_keras3_box_whose_borders_were_lost_keeps_its_one_sample_reading() -> None:
    """A subclassed model built on one sample (`(1, 2)` beside its nested models' `None`),
    its box drawing replaced by blanks: still no chain (the first fix gave a false SA101)."""
    _, printed = load_print(REAL / "keras3/subclassed_shared_submodels.truth.json")
    blanked = re.sub(r"[┏┓┗┛┡┩┳╇┻━┃│├┤┼┴└┘─]", " ", printed)
    assert "(1, 2)" in blanked and "│" not in blanked
    assert [f.code for f in api.check_text(blanked).findings] == [
        f.code for f in api.check_text(printed).findings
    ]


def test_a_row_lowered_by_two_is_no_left_out_sgd_line() -> None:
    """A row 2 below its count, the totals lines agreeing: SA201 says nothing of SGD."""
    _, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = printed.replace("          54,090 │", "          54,088 │")
    messages = {f.code: f.message for f in api.check_text(pasted).findings}
    assert "SA201" in messages and "plain SGD" not in messages["SA201"]


def test_rows_above_totals_above_another_summary_are_read_with_them() -> None:
    """The same headless table above a whole print, whose header reaches up to it: the rows
    and totals read there by the same path (before: the rows were dropped without a word)."""
    truth, printed = load_print(REAL / "tf2.12/nested_preprocessing_then_fixed_batch.truth.json")
    _, other = load_print(REAL / "tf2.12/big_dense.truth.json")
    pasted = headless_above_totals(printed) + "\n" + other
    first, second = api.check_text(pasted).summaries
    assert [layer.name for layer in first.layers] == [want["name"] for want in truth["layers"]]
    assert first.totals.to_dict() == truth["totals"]
    assert second.model_name == "model"
