"""Trial 12's paste damage (new-user trial on 24 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    column_cutter,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    rows_of,
    truth_paths,
    unread_total_and_trainable,
)

REAL = FIXTURES / "real"
CASES = ("big_dense", "cnn_bn", "bn_variants", "rnn_stack", "long_names_sequential")
PRINTS = truth_paths(REAL, ("keras2.2.4", "tf1.14"), CASES)


# ----------------------------------------------------------------- 003: an OCR'd pipe table


def ocr_pipe_table(text: str) -> str:
    """A report turned into Markdown by OCR (12b's 003): the rows as a pipe table, and the `=`
    rule glued onto the Total line, which became the table's last row."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    cells = column_cutter(text)
    rules = [i for i, line in enumerate(lines) if line.startswith("====")]
    rows = [line for line in lines[rules[0] + 1 : rules[-1]] if line.strip("_ ")]
    table = ["| " + " | ".join(cells(header)) + " |", "| -- | -- | -- |"]
    table += ["| " + " | ".join(cells(line)) + " |" for line in rows]
    rest = []
    for line in lines:
        if line.startswith("Total params: "):
            table.append(f"| ======={line} |  |  |")
        elif line.startswith(("Trainable", "Non-trainable")):
            rest += ["", line]
    return "\n".join([*table, "", *rest, ""])


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_total_glued_to_its_rule_in_a_pipe_table_is_read(truth_path: Path) -> None:
    """Before: the Total line became part of the last row's name (`dense_1 (Dense) =======Total
    params: 99`), and the tool said the Total params line was missing."""
    truth, text = load_print(truth_path)
    damaged = ocr_pipe_table(text)
    assert "| =======Total params: " in damaged
    summary = one_summary(damaged)
    assert summary.totals.to_dict() == truth["totals"]
    assert [layer.name for layer in summary.layers] == [name for name, _, _ in rows_of(text)]
    assert all("Total" not in layer.name for layer in summary.layers)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 010: placeholder totals


@pytest.mark.parametrize("truth_path", PRINTS[:3], ids=print_id)
def test_a_placeholder_total_is_no_count(truth_path: Path) -> None:
    """An LLM-written README's `Total params: 1,000,000+` was read as exactly 1,000,000, and
    Trainable + Non-trainable = Total was said to be checked."""
    _, text = load_print(truth_path)
    damaged = re.sub(r"^((?:Total|Trainable) params: [\d,]+)$", r"\1+", text, flags=re.M)
    assert damaged.count("+\n") == 2
    report = api.check_text(damaged)
    summary = unread_total_and_trainable(report)
    assert summary.coverage is not None
    assert "Trainable + Non-trainable = Total" not in [
        check.name for check in summary.coverage.totals if check.state.value == "checked"
    ]


# ----------------------------------------------------------------- 011: a label after a row


def _label_between(text: str, collapsed: bool) -> str:
    """Two prints pasted one after the other (12b's 011), the first cut after its last row,
    a label (`LSTM model`) before the second; and the same with runs of spaces collapsed."""
    lines = text.split("\n")
    closing = max(i for i, line in enumerate(lines) if line.startswith("===="))
    first = [line for line in lines[:closing] if not line.startswith("____")]
    second = lines[next(i for i, line in enumerate(lines) if "Layer (type)" in line) :]
    pasted = "\n".join([*first, "LSTM model", *second])
    return "\n".join(" ".join(line.split()) for line in pasted.split("\n")) if collapsed else pasted


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
@pytest.mark.parametrize("collapsed", [False, True], ids=["fixed", "collapsed"])
def test_a_label_after_the_last_row_is_no_part_of_it(truth_path: Path, collapsed: bool) -> None:
    """Before: a class the column cut (`(Bidirection`) took the label as its end
    (`BidirectionLSTM model`), or the label became a row of its own (SA001)."""
    _, text = load_print(truth_path)
    damaged = _label_between(text, collapsed)
    first, second = api.parse_text(damaged)
    assert [(layer.name, layer.type, layer.params) for layer in first.layers] == rows_of(text)
    assert first.unreadable == () and first.asides == ()
    assert [(layer.name, layer.params) for layer in second.layers] == [
        (name, params) for name, _, params in rows_of(text)
    ]


# ----------------------------------------------------------------- 12a: Keras 3 era


def r_ascii_box(text: str) -> str:
    """Keras 3's ASCII box as R's keras3 prints it (12a's 002): `+` at every joint of every
    border and separator, and a `+====+====+` rule under the header."""
    lines = text.split("\n")
    separator = next(line for line in lines if line.startswith("|-") and "+" in line)
    joints = "+" + separator[1:-1] + "+"
    out, header_rule_done = [], False
    for line in lines:
        if line.startswith("+-"):
            out.append(joints)
        elif line.startswith("|-") and "+" in line:
            out.append(joints if header_rule_done else joints.replace("-", "="))
            header_rule_done = True
        else:
            out.append(line)
    return "\n".join(out)


def test_an_r_ascii_box_with_its_header_rule_reads_as_printed() -> None:
    """Before: the `+====+` rule was cut at its joints into 4 unreadable rows (SA001 × 4)."""
    truth, text = load_print(REAL / "keras3" / "cnn_bn_ascii_cp1252.truth.json")
    damaged = r_ascii_box(text)
    assert "+=====" in damaged and "|--" not in damaged
    summary = one_summary(damaged)
    assert summary.unreadable == ()
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_reused_reversible_embedding_is_no_edit() -> None:
    """12a's 001 (GemmaCausalLM): the backbone holds the token embedding, and its
    ReversibleEmbedding row repeats it on top; a false SA201 error said a row was pasted twice
    or edited, and the derivation called the hidden size the vocabulary."""
    truth, text = load_print(REAL / "keras3" / "tied_embedding_in_backbone.truth.json")
    report = api.check_text(text)
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.severity.value == "info"
    assert "exactly the count of token_embedding" in sa201.message
    assert not report.failed
    [summary] = report.summaries
    row = next(i for i, layer in enumerate(summary.layers) if layer.name == "token_embedding")
    derivation = summary.audited_rows()[row].derivation
    vocabulary = 1000  # the model's Embedding(1000, 16)
    # (the backbone's 16-wide output, the head's input, says which size is the dim: trial 41c)
    assert f"{vocabulary:,} × 16 (vocabulary {vocabulary:,} × embedding dim 16" in derivation
    assert "16 (vocabulary)" not in derivation
    assert sum(layer["params"] for layer in truth["layers"]) > truth["totals"]["total"]


def escaped_connected_to(text: str) -> str:
    """A README that escaped the brackets of Connected to for Markdown (12a's 011)."""
    return re.sub(r"(\w)\[(\d+)\]\[(\d+)\]", r"\1\\[\2][\3]", text)


@pytest.mark.parametrize("case", ["merge_ops", "big_dense_two_inputs", "shared_dense_two_inputs"])
def test_escaped_brackets_in_connected_to_name_the_rows(case: str) -> None:
    """Before: `input_2\\` was looked up as a row name: 16 false SA401."""
    _, text = load_print(REAL / "keras2.2.4" / f"{case}.truth.json")
    damaged = escaped_connected_to(text)
    assert "\\[0][0]" in damaged
    assert [layer.connected_to for layer in one_summary(damaged).layers] == [
        layer.connected_to for layer in one_summary(text).layers
    ]
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 12a's 005: totals twice

TWICE = truth_paths(REAL, ("keras3", "tf2.12", "keras2.2.4"), ("cnn_bn", "rnn_stack"))


def totals_pasted_twice(text: str, mark: str = "", changed: bool = False) -> str:
    """A README that pasted the totals a second time right under the first (12a's 005: ` - Total
    params: … (6.48 MB)` three lines, then the same three again); `changed` edits the copy's
    Total, so that it is no copy."""
    lines = text.rstrip("\n").split("\n")
    at = [i for i, line in enumerate(lines) if is_totals_line(line)]
    first, last = at[0], at[-1]
    block = [mark + lines[i].strip() for i in range(first, last + 1) if lines[i].strip()]
    copy = list(block)
    if changed:
        copy[0] = re.sub(r": (\d)", lambda m: f": {int(m.group(1)) % 9 + 1}", copy[0], count=1)
    return "\n".join([*lines[:first], *block, *copy, *lines[last + 1 :], ""])


def is_totals_line(line: str) -> bool:
    """A totals line of a real print (Total, Trainable, Non-trainable, Optimizer params)."""
    label = r"\s*(?:- )?(Total|Trainable|Non-trainable|Optimizer) params: "
    return re.match(label, line) is not None


@pytest.mark.parametrize("truth_path", TWICE, ids=print_id)
@pytest.mark.parametrize("mark", ["", " - "], ids=["bare", "listed"])
def test_totals_pasted_twice_are_read_once(truth_path: Path, mark: str) -> None:
    """Before: the copy became a second, totals-only summary with a false SA003 warning ("the
    layer rows were not pasted"), and a clean paste exited 1."""
    truth, text = load_print(truth_path)
    damaged = totals_pasted_twice(text, mark)
    report = api.check_text(damaged)
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert [layer.name for layer in summary.layers] == [name for name, _, _ in rows_of(text)]
    assert findings_by_layer(damaged) == findings_by_layer(text)
    copied = [n for n, line in enumerate(damaged.split("\n"), 1) if is_totals_line(line)]
    assert summary.end_line == copied[-1]
    half = len(copied) // 2
    assert summary.audit is not None
    said = [note for note in summary.audit.notes if "printed again" in note]
    assert said == [
        f"The totals are printed again on lines {copied[half]}–{copied[-1]}, word for word "
        "(a copy pasted twice); they were read once."
    ]


@pytest.mark.parametrize("truth_path", TWICE[:2], ids=print_id)
def test_totals_that_differ_from_the_ones_above_are_no_copy(truth_path: Path) -> None:
    """A second Total that is not the first one word for word stays a summary of its own, whose
    missing rows are reported: nothing says which of the two Totals belongs to the table."""
    truth, text = load_print(truth_path)
    damaged = totals_pasted_twice(text, changed=True)
    report = api.check_text(damaged)
    first, second = report.summaries
    assert first.totals.to_dict() == truth["totals"]
    assert second.layers == ()
    assert "SA003" in [f.code for f in report.findings if f.line >= second.start_line]


# ----------------------------------------------------------------- 12b's 003: OCR'd classes

OCR_PRINTS = truth_paths(REAL, ("keras2.2.4", "tf2.12", "keras3"), ("cnn_bn",))


def ocr_misread(text: str, printed: str, misread: str) -> str:
    """An OCR'd report (12b's 003) that read the `n` of `Conv2D` as `m`, on every row."""
    return text.replace(f"({printed})", f"({misread})").replace(f"│ {printed} ", f"│ {misread} ")


@pytest.mark.parametrize("truth_path", OCR_PRINTS, ids=print_id)
def test_a_class_ocr_misread_by_one_letter_is_read_as_the_class(truth_path: Path) -> None:
    """Before: `Comv2D` had no formula, so every conv row went unchecked (SA901), and the edited
    count among them was never flagged."""
    truth, text = load_print(truth_path)
    damaged = ocr_misread(text, "Conv2D", "Comv2D")
    assert "Comv2D" in damaged
    report = api.check_text(damaged)
    [summary] = report.summaries
    audited = dict(zip([layer.name for layer in summary.layers], summary.audited_rows()))
    convs = [want["name"] for want in truth["layers"] if want["type"] == "Conv2D"]
    assert convs
    for name in convs:
        row = audited[name]
        assert (row.type, row.type_source.value if row.type_source else None) == (
            "Conv2D",
            "inferred",
        )
        assert row.derivation is not None
        assert "whose 'n' it shows as 'm' (a slip of OCR or of typing)" in row.derivation
    assert findings_by_layer(damaged) == findings_by_layer(text)
    conv = next(want for want in truth["layers"] if want["type"] == "Conv2D")
    edited = damaged.replace(f"{conv['params']:,}", f"{conv['params'] + 80:,}", 1)
    if edited == damaged:
        edited = damaged.replace(f" {conv['params']} ", f" {conv['params'] + 80} ", 1)
    wrong = [f for f in api.check_text(edited).findings if f.layer == conv["name"]]
    assert [f.code for f in wrong] == ["SA101"]


def test_a_class_one_confusable_letter_from_two_classes_is_not_guessed() -> None:
    """A printed class that could be either of two classes, or no known class at all, stays
    unknown: the misreading must name one class."""
    from summaryaudit.layer_classes import misread_class

    assert misread_class("Comv2D") == ("Conv2D", "m", "n")
    assert misread_class("Dense") is None  # a class, not a misreading
    assert misread_class("Demse") == ("Dense", "m", "n")
    assert misread_class("Denze") is None  # z is no confusable of s
    assert misread_class("MyConv2D") is None


def test_a_kernel_size_that_is_not_whole_shows_its_remainder() -> None:
    """12b's 003: `9.0003` printed as `9.000 is not a whole kernel size`, which reads as 9."""
    _, text = load_print(REAL / "tf2.12" / "frozen_conv_run_no_show_trainable.truth.json")
    edited = text.replace(" 584 ", " 588 ", 1)  # conv2d_1: 8 × (9 × 8 + 1) = 584
    report = api.check_text(edited)
    summary = report.summaries[0]
    [row] = [a for p, a in zip(summary.layers, summary.audited_rows()) if p.name == "conv2d_1"]
    assert [f.code for f in report.findings if f.layer == "conv2d_1"] == ["SA101"]
    assert row.derivation is not None
    assert "(588 − 8) / (8 × 8) = 9 remainder 4, not a whole kernel size" in row.derivation


# ----------------------------------------------------------------- 12b's 004: bold layer names


def bold_names(text: str) -> str:
    """A README that set every layer name in bold before its class (12b's 004:
    `| **conv2d_3** (Conv2D) | … |`)."""
    return re.sub(r"(?m)(?<![\w*])([a-z]\w*) \((?=[A-Z])", r"**\1** (", text)


NAMES_IN_FULL = [path for path in PRINTS + OCR_PRINTS if "long_names" not in path.name]
BOLD_CASES = [(path, "printed") for path in NAMES_IN_FULL] + [
    (path, "pipe")
    for path in NAMES_IN_FULL
    if path.parent.name != "keras3"  # (a box: no pipes)
]


@pytest.mark.parametrize(
    ("truth_path", "table"), BOLD_CASES, ids=[f"{print_id(p)}-{t}" for p, t in BOLD_CASES]
)
def test_bold_layer_names_are_read_without_their_marks(truth_path: Path, table: str) -> None:
    """Before: the names kept their marks (`**conv2d_3**`), so the report and the JSON named
    layers no model has."""
    truth, text = load_print(truth_path)
    if table == "pipe":
        text = ocr_pipe_table(text).replace("| =======", "| ")
    damaged = bold_names(text)
    assert damaged.count("**") >= 4
    summary = one_summary(damaged)
    assert [layer.name for layer in summary.layers] == [want["name"] for want in truth["layers"]]
    assert findings_by_layer(damaged) == findings_by_layer(text)
