"""Trial 9's paste damage (new-user trial on 30 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES, WILD, need
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)

REAL = FIXTURES / "real"
FIXED = ("keras2.2.4", "tf1.14", "tf2.9", "tf2.12", "tf_keras")
CASES = ("big_dense", "cnn_bn", "mlp_bn_functional", "text_cnn", "rnn_stack")
PRINTS = truth_paths(REAL, (*FIXED, "keras3"), CASES)


# --------------------------------------------------------------------------- 026: `//`


def slash_commented(text: str) -> str:
    """A source file's header comment (026, SystemVerilog) holding a print as `//` lines; the
    lines of spaces tf.keras 2.7+ prints between rows are left as they were."""
    return "\n".join(
        line if line and not line.strip() else "// " + line for line in text.split("\n")
    )


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_print_in_slash_comments_is_read(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = slash_commented(text)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def _header_and_totals_only(text: str) -> str:
    """A print whose rows were all lost between its header and its totals."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    totals = next(i for i, line in enumerate(lines) if "Total params" in line)
    return "\n".join([*lines[: header + 2], *lines[totals - 1 :]])


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_table_of_no_rows_is_never_called_clean(truth_path: Path) -> None:
    """026 before it was read: `verified 0 of 0 rows … every count adds up`, exit 0."""
    _, text = load_print(truth_path)
    report = api.check_text(_header_and_totals_only(text))
    [summary] = report.summaries
    assert summary.layers == ()
    assert [f.code for f in report.findings] == ["SA003"]
    assert "a header and totals without rows" in report.findings[0].message
    assert report.failed
    assert summary.coverage is not None
    assert not summary.coverage.complete
    assert "the layer rows (none was read under the header)" in summary.coverage.not_verified


def test_the_rows_lost_are_what_the_table_had() -> None:
    _, text = load_print(PRINTS[0])
    assert re.search(r"\(Dense\)", text)
    assert not re.search(r"\(Dense\)", _header_and_totals_only(text))


# --------------------------------------------------------------------------- 009, 010


GLOSSARY = """Quick notes on the numbers below:
- "Total params": the total number of numeric weights the model stores.
- "Trainable params": weights that were updated during training.
- "Non-trainable params": fixed weights or BatchNormalization statistics.
"""


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_glossary_of_the_totals_labels_is_no_summary(truth_path: Path) -> None:
    """009: a thesis explained the three totals lines in a bullet list above its prints; the
    list became a summary of its own (3 SA001, an SA003, exit 1)."""
    truth, text = load_print(truth_path)
    page = GLOSSARY + "\n" + text
    assert_reads_as_truth(one_summary(page), truth)
    assert findings_by_layer(page) == findings_by_layer(text)


# PyTorch Lightning's model summary as its trainer logs it (a training log in the wild, 010)
LIGHTNING = """  | Name  | Type             | Params
--------------------------------------------
0 | model | VisionTransformer | 87.5 M
--------------------------------------------
87.5 M    Trainable params
0         Non-trainable params
87.5 M    Total params
349.951   Total estimated model params size (MB)
Trainable params: 87.5 M
Non-trainable params: 0
Total params: 87.5 M
Total estimated model params size (MB): 349
"""


def test_a_lightning_summary_is_no_keras_summary() -> None:
    """010: `Total params: 87.5 M` was read as a Keras total of 87, with an SA003."""
    report = api.check_text(LIGHTNING)
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]


@pytest.mark.parametrize("truth_path", PRINTS[:6], ids=print_id)
def test_a_lightning_summary_beside_a_keras_print_leaves_the_print_alone(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    log = LIGHTNING + "\n" + text
    assert_reads_as_truth(one_summary(log), truth)
    assert findings_by_layer(log) == findings_by_layer(text)


def test_retyped_totals_alone_are_still_read() -> None:
    """Totals without a table stay a summary when they give counts (dots as separators too)."""
    [summary] = api.parse_text("Total params: 134.289.223\nTrainable params: 28,679\n")
    assert summary.totals.total is not None


# --------------------------------------------------------------------------- 014


FUNCTIONAL = [
    REAL / v / "merge_ops.truth.json"
    for v in ("keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0")
    if (REAL / v / "merge_ops.truth.json").is_file()
]


def indented_but_the_first_rule_with_a_typo(text: str, name: str) -> str:
    """A README (014) indented its table by four spaces but not the first rule, and a hand typo
    put a letter before one row's count (`s9280`)."""
    lines = text.split("\n")
    out = [line if i == 0 else "    " + line for i, line in enumerate(lines)]
    row = next(i for i, line in enumerate(out) if line.lstrip().startswith(name + " ("))
    out[row] = re.sub(r"(\)\s+)(\d)", r"\1s\2", out[row], count=1)
    return "\n".join(out)


@pytest.mark.parametrize("truth_path", FUNCTIONAL, ids=print_id)
def test_a_row_that_cannot_be_read_is_no_missing_row(truth_path: Path) -> None:
    """014: SA001 said the typo'd row could not be read, then SA401 said the table has no row
    of that name; the row is there."""
    _, text = load_print(truth_path)
    damaged = indented_but_the_first_rule_with_a_typo(text, "dense_1")
    assert "s104" in damaged
    codes = [code for code, _ in findings_by_layer(damaged)]
    assert "SA001" in codes
    assert "SA401" not in codes


# --------------------------------------------------------------------------- 017


TIED = REAL / "keras3" / "tied_embedding.truth.json"


def test_tied_weights_counted_once_are_no_edit() -> None:
    """017: a KerasHub ReverseEmbedding reuses the token embedding's matrix; Total counts it
    once. The real print gets an info naming the row, not an SA201 error."""
    truth, text = load_print(TIED)
    rows = sum(layer["params"] for layer in truth["layers"])
    assert rows - truth["totals"]["total"] == 16_000
    report = api.check_text(text)
    assert not report.failed
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.message.startswith(
        "Total params says 16,272, but the rows add up to 32,272 (more by 16,000), which is "
        "exactly the count of reverse_embedding, as is token_embedding's."
    )
    assert "Which of the two happened is not verified" in sa201.message
    [summary] = report.summaries
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name.startswith("Total")]
    assert check.state.value == "bounded"


@pytest.mark.parametrize("change", [-10, 10, -16_000])
def test_an_edited_total_beside_tied_weights_is_still_an_error(change: int) -> None:
    truth, text = load_print(TIED)
    total = truth["totals"]["total"]
    edited = text.replace(f"Total params: {total:,}", f"Total params: {total + change:,}")
    edited = edited.replace(f"Trainable params: {total:,}", f"Trainable params: {total + change:,}")
    assert edited != text
    report = api.check_text(edited)
    assert report.failed
    assert "SA201" in [f.code for f in report.findings if f.severity.value == "error"]


# --------------------------------------------------------------------------- 002


STATES = [
    REAL / v / "seq2seq_states.truth.json"
    for v in ("tf1.14", "keras3")
    if (REAL / v / "seq2seq_states.truth.json").is_file()
]


@pytest.mark.parametrize("truth_path", STATES, ids=print_id)
def test_an_rnn_whose_list_of_outputs_the_column_cut_is_verified(truth_path: Path) -> None:
    """002: `[(None, 30, 300), (N` shows the units whole; the LSTM rows went unverified
    ('units not shown'), and an edited one with matching totals passed."""
    truth, text = load_print(truth_path)
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "encoder (LSTM)" in line)
    lines[row] = re.sub(r"481,?200", lambda m: m.group(0).replace("2", "0"), lines[row])
    edited = "\n".join(lines).replace("1,705,500", "1,705,300")  # Total and Trainable
    assert edited.count("1,705,300") == 2 and "481,000" in edited.replace("481000", "481,000")
    codes = [(f.code, f.layer) for f in api.check_text(edited).findings]
    assert codes == [("SA101", "encoder")]


def test_the_cut_list_is_in_a_real_print() -> None:
    _, text = load_print(STATES[0])
    assert "[(None, 30, 300), (N " in text


# --------------------------------------------------------------------------- 008


def test_a_branch_inside_a_custom_layer_does_not_feed_the_next_branch() -> None:
    """008 (AttnSleep, in the wild corpus as 048_doc): inside the custom MultiresolutionCNN
    two Sequential branches read the raw signal; the second branch's first Conv1D was fed the
    first branch's 128 channels and read as 'K = 25 with groups=8', verified. Its input is
    not shown, so its kernel is not decided."""
    text = need(WILD / "048_doc.txt").read_text(encoding="utf-8")
    [summary] = api.check_text(text, source="048_doc.txt").summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    derivation = rows["conv1d_3"].derivation or ""
    assert "groups" not in derivation
    assert "input channels not shown" in derivation


# --------------------------------------------------------------------------- 006


PAIR = REAL / "keras3" / "frozen_nested_pair_show_trainable.truth.json"


def _without_row(text: str, name: str) -> str:
    """The print less one row and the rule under it (a model's inner rows not shown)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if f"└ {name} (" in line)
    return "\n".join([*lines[:at], *lines[at + 2 :]])


def test_the_trainable_column_decides_non_trainable_where_an_inner_model_is_not_shown() -> None:
    """006: two frozen nested models (N in the Trainable column), one holding a model whose
    rows were not printed. Non-trainable is every weight of the rows marked N: checked (was
    'only bounded … the other 66 must sit in b', which holds 30)."""
    truth, text = load_print(PAIR)
    assert truth["totals"]["non_trainable"] == 36 + 30
    for shown in (text, _without_row(text, "dense_1")):
        report = api.check_text(shown)
        assert not report.failed  # the frozen models are said in an info, at most
        [summary] = report.summaries
        assert summary.coverage is not None
        [check] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
        assert check.state.value == "checked", check.reason


def test_a_wrong_non_trainable_beside_the_trainable_column_is_caught() -> None:
    _, text = load_print(PAIR)
    shown = _without_row(text, "dense_1")
    edited = shown.replace("Non-trainable params: 66", "Non-trainable params: 56")
    edited = edited.replace("Trainable params: 3 ", "Trainable params: 13 ")
    assert edited.count("56") == 1 and "Trainable params: 13" in edited
    codes = [f.code for f in api.check_text(edited).findings]
    assert "SA203" in codes


# --------------------------------------------------------------------------- 003 (a probe)


def _raise_row_and_totals(text: str, row: str, by: int) -> str:
    """A hand edit: one row's count raised, and Total and Trainable raised to match."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"│ {row} ("))
    count = re.search(r"│ +([\d,]+) │", lines[at])
    assert count is not None
    old = int(count.group(1).replace(",", ""))
    lines[at] = lines[at].replace(
        f" {count.group(1)} │", f" {old + by:,} │".rjust(len(count.group(1)) + 3), 1
    )
    edited = "\n".join(lines)
    for label in ("Total params: ", "Trainable params: "):
        value = re.search(rf"^ {label}([\d,]+)", edited, re.M)
        assert value is not None
        new = int(value.group(1).replace(",", "")) + by
        edited = edited.replace(f" {label}{value.group(1)} ", f" {label}{new:,} ", 1)
    return edited


@pytest.mark.parametrize(
    "case, row",
    [("frozen_nested_pair_show_trainable", "b"), ("nested_functional_expanded", "inner_block")],
)
def test_a_nested_model_above_its_printed_rows_is_an_error(case: str, row: str) -> None:
    """A Sequential or Functional row holds only its layers' weights: raised above the rows
    printed inside it (and the totals raised to match) it was called 'not verified' only."""
    _, text = load_print(REAL / "keras3" / f"{case}.truth.json")
    assert not api.check_text(text).failed
    edited = _raise_row_and_totals(text, row, 10)
    assert edited != text
    found = [
        (f.code, f.layer) for f in api.check_text(edited).findings if f.severity.value == "error"
    ]
    assert found == [("SA101", row)]


def test_a_nested_model_verified_by_its_rows_says_so() -> None:
    """003/005: 'sum of the inner model's weights (not re-derived here)' beside a coverage
    line that counts the row as verified; the derivation now shows the rows that verify it."""
    _, text = load_print(PAIR)
    [summary] = api.check_text(text).summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert rows["b"].derivation == "30 = the 2 rows printed inside it (20 + 10)"
    assert rows["a"].derivation == "36 = the row printed inside it"
    cut = _without_row(text, "dense_1")  # base's row is gone: b is still verified by its rows
    [summary] = api.check_text(cut).summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert rows["base"].derivation == "20: sum of the inner model's weights (not re-derived here)"


# --------------------------------------------------------------------------- 025, 029


def printed_by_code(text: str, style: str) -> str:
    """A demo that writes a summary out line by line (025: `print("…")`), or a JavaScript
    page that echoes it as a concatenation of literals (029: `'\\n …' +`)."""
    lines = [line for line in text.split("\n") if line]
    if style == "print":
        escaped = [line.replace('"', '\\"') for line in lines]
        return "def show():\n" + "\n".join(f'    print("{line}")' for line in escaped) + "\n"
    escaped = [line.replace("'", "\\'") for line in lines]
    body = "\n".join(f"        '\\n{line}' +" for line in escaped)
    return "this.echo(\n" + body + "\n        '\\n'\n);\n"


@pytest.mark.parametrize("style", ["print", "js"])
@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_print_written_out_by_code_is_read(truth_path: Path, style: str) -> None:
    truth, text = load_print(truth_path)
    code = printed_by_code(text, style)
    assert_reads_as_truth(one_summary(code), truth)
    assert findings_by_layer(code) == findings_by_layer(
        "\n".join(line for line in text.split("\n") if line)
    )
