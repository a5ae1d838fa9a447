"""Trial 90 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import re
from typing import Any

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_the_print,
    load_print,
    shape_text,
    totals_lines,
)
from .test_trial81_pastes import without_connected_to

REAL = FIXTURES / "real"

# --------------- Review 88's item 3: a paste that stops inside the table, a `...` under its
# last row and no totals. The mark was left outside the summary: nothing said rows were left out


def cut_under(printed: str, name: str, below: str) -> str:
    """The print up to the row of layer `name` (its wrapped lines and what Keras draws right
    under it: a spacer, a `_` rule or a box separator), then `below`."""
    lines = printed.splitlines()
    [at] = [i for i, line in enumerate(lines) if line.lstrip("│|").lstrip().startswith(f"{name} (")]
    at += 1
    while at < len(lines) and (
        not lines[at].strip()
        or lines[at].strip().startswith("(")
        or (lines[at].strip()[0] not in "=└+" and not any(c.isalnum() for c in lines[at]))
        or lines[at].startswith(" ormalization)")
    ):
        at += 1
    return "\n".join([*lines[:at], below]) + "\n"


def named(truth: dict[str, Any], layer_type: str) -> str:
    """The name of the model's first layer of a class (`dropout`, `dropout_1`)."""
    return next(layer["name"] for layer in truth["layers"] if layer["type"] == layer_type)


MARK_BELOW_CASES = [
    "keras3/mlp_bn_sequential",
    "tf2.12/mlp_bn_sequential",
    "tf_keras/mlp_bn_sequential",
    "keras2.2.4/mlp_bn_sequential",
    "keras1.2.2/mlp_bn_sequential",
]


@pytest.mark.parametrize("case", MARK_BELOW_CASES)
@pytest.mark.parametrize(
    "below", ["...", "\n...\n\nThe rest of the model is the same.", "…", "[...]", "[…]"]
)
def test_a_mark_under_the_last_row_says_rows_are_left_out(case: str, below: str) -> None:
    """The `...` right under the dropout row stands for the rows below it: said, not dropped."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = cut_under(printed, named(truth, "Dropout"), below)
    assert truth["layers"][-1]["name"] not in pasted and "Total params" not in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.layers[-1].name == named(truth, "Dropout")
    assert summary.unreadable == ()
    assert summary.coverage is not None
    assert any("below the last one shown" in gap for gap in summary.coverage.not_verified)
    [incomplete] = [f for f in report.findings if f.code == "SA003"]
    assert "marks rows left out below the last one shown" in incomplete.message


@pytest.mark.parametrize("case", MARK_BELOW_CASES)
def test_a_table_cut_without_a_mark_says_only_the_totals_are_missing(case: str) -> None:
    """Without the mark nothing says rows were left out: the rows may be all there is."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = cut_under(printed, named(truth, "Dropout"), "")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.coverage is not None
    assert not any("below the last one shown" in gap for gap in summary.coverage.not_verified)


@pytest.mark.parametrize("case", MARK_BELOW_CASES)
def test_a_mark_under_the_closing_rule_leaves_out_the_totals_not_rows(case: str) -> None:
    """`...` under the table's closing `=` rule or box bottom: every row is there, and the
    mark stands for the totals."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    lines = printed.splitlines()
    [total_at] = [i for i, line in enumerate(lines) if "Total params" in line]
    closing = total_at - 1
    while not lines[closing].strip():
        closing -= 1
    pasted = "\n".join([*lines[: closing + 1], "..."]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.layers[-1].name == truth["layers"][-1]["name"]
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(summary.layers)
    assert not any("below the last one shown" in gap for gap in summary.coverage.not_verified)


# --------------- Review 88's item 7: a tf.keras 2.7+ expand_nested print whose top the paste
# cut off above the row of a nested model. Its frame and the rows inside it were dropped, and
# the rows above the frame with them, under a note that only the top was cut off

EXPANDED = [
    f"{generation}/{case}"
    for generation in ("tf2.12", "tf_keras")
    for case in (
        "nested_functional_expanded",
        "siamese_shared_nested_expanded",
        "duplicate_names_expanded",
    )
]


def from_the_nested_row(printed: str, truth: dict[str, Any]) -> tuple[str, int]:
    """The print from the row of the first model printed with a frame under it (the title,
    header and rows above cut off), and the index of that row among the model's layers."""
    lines = printed.splitlines()
    opening = next(i for i, line in enumerate(lines) if line.startswith("|¯"))
    row = opening - 1
    while not lines[row].lstrip().split(" ", 1)[0].isidentifier():
        row -= 1  # (above the wrapped rest of its Connected to list)
    name = lines[row].split()[0]
    layers = truth["layers"]
    [above] = [i for i, layer in enumerate(layers) if layer["name"] == name and not layer["depth"]]
    return "\n".join(lines[row:]) + "\n", above


def collapsed(text: str) -> str:
    """The text without its blank lines and the frames' spacer lines (`|    |`)."""
    kept = [line for line in text.splitlines() if line.strip(" |")]
    return "\n".join(kept) + "\n"


def without_totals(text: str) -> str:
    """The text up to the table's closing `=` rule."""
    lines = text.splitlines()
    closing = next(i for i, line in enumerate(lines) if line.startswith("====="))
    return "\n".join(lines[:closing]) + "\n"


@pytest.mark.parametrize("case", EXPANDED)
@pytest.mark.parametrize("damage", ["top cut", "top cut, collapsed", "top and totals cut"])
def test_a_nested_models_frame_under_a_cut_top_is_read(case: str, damage: str) -> None:
    """Every row from the nested model's down, inside its frame and below it, is read as the
    model had it; the coverage says the rows above are cut off."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted, above = from_the_nested_row(printed, truth)
    if "collapsed" in damage:
        pasted = collapsed(pasted)
    if "totals" in damage:
        pasted = without_totals(pasted)
    report = api.check_text(pasted)
    [summary] = report.summaries
    want = [(layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]]
    assert above and want[above][1] in ("Functional", "Sequential")
    assert [(row.name, row.type, row.params) for row in summary.layers] == want[above:]
    assert summary.unreadable == ()
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    assert any("above the first one shown" in gap for gap in summary.coverage.not_verified)
    assert [f.code for f in report.findings] == (["SA003"] if "totals" in damage else [])


# --------------- 90c's 014: a blog's export lost the line breaks between rows whose Connected
# to list closes on the line, and after a list's wrapped end: rows ran into the one before them


def rows_run_together(printed: str) -> str:
    """The print with each row or wrapped list end that closes a Connected to list joined,
    with the blank line under it, to the row below (the padding of both kept: the line breaks
    alone are lost)."""
    lines = printed.splitlines()
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        below = lines[at + 2] if at + 2 < len(lines) else ""
        if (
            line.rstrip().endswith(("']", "[]"))
            and not lines[at + 1].strip()
            and below[:1] == " "
            and below[1:2].isalpha()
            and out
            and out[-1] is not None
        ):
            lines[at + 2] = line + lines[at + 1] + below
            at += 2
            continue
        out.append(line)
        at += 1
    return "\n".join(out) + "\n"


JOINED_ROW_CASES = [
    # (after a wrapped class's end, ` tention)   'input_2[0][0]']`, and after a wrapped entry's,
    # ` ise_BN (QuantizeWrapperV2)   e[0][0]']`: review 90's item 1)
    "tf2.12/attention_layers",
    "tf_keras/quantize_aware_mobilenet_names",
    "tf2.12/concatenate_four_branches",
    "tf2.12/big_dense_two_inputs",
    "tf_keras/big_dense_two_inputs",
    "tf2.12/driving_cnn_functional",
]


@pytest.mark.parametrize("case", JOINED_ROW_CASES)
def test_rows_run_together_by_an_export_are_each_read(case: str) -> None:
    """Before: the rows after the first on each joined line were read into its Connected to
    list (SA401 on garbage names), and the coverage said every row was verified."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = rows_run_together(printed)
    joined = [line for line in pasted.splitlines() if line.count(" (") >= 3]
    assert joined, "the damage joined no rows"
    checked_as_the_print(pasted, truth, printed)


# --------------- 90h's 005: a retyped table that writes the class where the name goes, the
# activation after it: `Activation (ReLU)` twice was said to be a layer renamed by hand


def classes_as_names(printed: str) -> str:
    """The print with each `activation_N (Activation)` cell written `Activation (ReLU)`."""
    return re.sub(
        r"activation(?:_\d+)? \(Activation\)",
        lambda m: "Activation (ReLU)".ljust(len(m.group())),
        printed,
    )


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.12"])
def test_a_class_written_as_the_name_twice_is_no_duplicate_name(generation: str) -> None:
    """Before: SA402 'Activation is printed twice … a layer was renamed by hand'."""
    _, printed = load_print(REAL / generation / "frozen_scattered_no_show_trainable.truth.json")
    pasted = classes_as_names(printed)
    assert pasted.count("Activation (ReLU)") == 2
    report = api.check_text(pasted)
    assert "SA402" not in [f.code for f in report.findings]
    assert [f.code for f in report.findings] == [f.code for f in api.check_text(printed).findings]


def test_a_name_a_model_holds_twice_is_still_a_duplicate() -> None:
    """The failing side: a layer's own name (not a class) printed twice is SA402's."""
    _, printed = load_print(REAL / "keras2.2.4/frozen_scattered_no_show_trainable.truth.json")
    pasted = printed.replace("activation_2 (Activation)", "activation_1 (Activation)")
    assert "SA402" in [f.code for f in api.check_text(pasted).findings]


# --------------- 90e's 004: a stored issue that ends inside a second summary's title line


@pytest.mark.parametrize("title", ['Model: "Q_K', 'Model: "sequential_1"'])
def test_a_print_title_the_input_ends_on_is_reported(title: str) -> None:
    """Before: the title was passed over without a word (SA003 needed its rule under it)."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(printed + "\n" + title + "\n")
    first, cut = report.summaries
    assert len(first.layers) == 4 and not cut.layers
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert sa003.message.startswith("a title without its table: the paste ends right after ")
    assert "and its rule" not in sa003.message


def test_a_model_named_in_prose_at_the_end_is_no_summary() -> None:
    """`Model: VGG16` (no quotes, as Keras never prints it) ending a text is prose."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(printed + "\nModel: VGG16\n")
    assert len(report.summaries) == 1
    assert "SA003" not in [f.code for f in report.findings]


# --------------- 90g's 007: a logged print whose excerpt ends inside the logger's prefix


def logged(printed: str) -> str:
    """The print through a logger that puts a timestamp and a level before each line."""
    return "".join(
        f"08/02/2021 18:20:{14 + at // 10:02d} VERBOSE  {line}\n"
        for at, line in enumerate(printed.splitlines())
    )


@pytest.mark.parametrize("cut", [1, 10, 18, 25])
def test_an_excerpt_ending_inside_a_log_prefix_adds_no_row(cut: int) -> None:
    """Before: `08/02/2021 18:20:1`, under the rule below a row, was a row the paste ended
    inside (SA001), and the coverage said one row of the table was not verified."""
    truth, printed = load_print(REAL / "keras2.2.4/mlp_bn_sequential.truth.json")
    lines = logged(printed).splitlines()
    [under_dropout] = [at + 1 for at, line in enumerate(lines) if "dropout_1 (Dropout)" in line]
    pasted = "\n".join(lines[: under_dropout + 1]) + "\n" + "08/02/2021 18:20:19 VERBOSE  "[:cut]
    report = api.check_text(pasted)
    [summary] = report.summaries
    names = [layer["name"] for layer in truth["layers"]]
    assert [layer.name for layer in summary.layers] == names[: names.index("dropout_1") + 1]
    assert summary.unreadable == ()
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 90f's 004: a retyped table that notes each head's role after its class


def retyped_with_notes(truth: dict[str, Any], notes: dict[str, str]) -> str:
    """A Markdown table retyped from the model's layers, a note after some rows' classes."""
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    for layer in truth["layers"]:
        label = f"{layer['name']} ({layer['type']}){notes.get(layer['name'], '')}"
        lines.append(f"| {label} | {shape_text(layer['output_shape'])} | {layer['params']:,} |")
    return "\n".join([*lines, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("separator", [" - ", " — ", ": "])
def test_a_note_after_a_rows_class_is_said_beside_it(separator: str) -> None:
    """Before: `conv2d_22 (Conv2D) - Value` was a name with no class, its count unchecked."""
    truth, _ = load_print(REAL / "tf2.12/two_heads_classifier_and_box.truth.json")
    heads = [layer["name"] for layer in truth["layers"] if layer["type"] == "Dense"][-2:]
    notes = {heads[0]: f"{separator}Policy", heads[1]: f"{separator}Value"}
    report = api.check_text(retyped_with_notes(truth, notes))
    [summary] = report.summaries
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(want["name"], want["type"], want["params"]) for want in truth["layers"]]
    assert summary.audit is not None
    [said] = [note for note in summary.audit.notes if note.startswith("Read as notes")]
    assert f"`{separator.strip()} Policy`" in said and f"`{separator.strip()} Value`" in said


# --------------- 90a's 010: a README that set bars between a tf.keras print's columns; a
# class wrapped onto a line of its own (no bars) ended the table, its totals a summary apart


def barred(printed: str) -> str:
    """The print with ` |` set before its Output Shape and Param # columns on the header and on
    every row's first line (the wrapped rest of a name or class keeps its line as printed)."""
    lines = printed.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    shape_at, count_at = header.index("Output Shape"), header.index("Param #")
    out = []
    for line in lines:
        ruled = not line.strip(" _=")
        if not ruled and len(line) > count_at and line[shape_at:count_at].strip():
            line = f"{line[:shape_at]} |  {line[shape_at:count_at]} |  {line[count_at:]}"
        out.append(line)
    return "\n".join(out) + "\n"


BARRED_CASES = ["tf2.12/mlp_bn_sequential", "tf_keras/mlp_bn_sequential", "tf2.12/cnn_bn"]


@pytest.mark.parametrize("case", BARRED_CASES)
def test_bars_between_a_prints_columns_are_read_through(case: str) -> None:
    """Before: 2 of the rows, SA003 'table without totals', then the totals as a summary of
    their own ('totals without a table')."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = barred(printed)
    assert " |  Output Shape" in pasted and " |  (None" in pasted
    report = checked_as_the_print(pasted, truth, printed)
    assert report.summaries[0].model_name == truth["model_name"]


def test_a_markdown_table_under_keras_titles_keeps_its_bars() -> None:
    """The failing side: the same titles over a `---|---` rule head a Markdown table, read as
    such (its rows keep their cells)."""
    truth, _ = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    rows = [
        f"{layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} | "
        f"{layer['params']}"
        for layer in truth["layers"]
    ]
    table = "\n".join(["Layer (type) | Output Shape | Param #", "---|---|---", *rows])
    [summary] = api.check_text(table + "\n").summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]


# --------------- 90a's 010: a blank line between the title's rule and the header


@pytest.mark.parametrize("case", ["tf2.12/mlp_bn_sequential", "tf_keras/mlp_bn_functional"])
def test_a_blank_line_under_the_titles_rule_keeps_the_title(case: str) -> None:
    """Before: the summary began at its header, its `Model: "sequential"` title left out."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    lines = printed.splitlines()
    rule = next(at for at, line in enumerate(lines) if line.startswith("____"))
    pasted = "\n".join([*lines[: rule + 1], "", *lines[rule + 1 :]]) + "\n"
    report = checked_as_the_print(pasted, truth, printed)
    [summary] = report.summaries
    assert summary.start_line == 1
    assert summary.model_name == truth["model_name"]


# --------------- 90b's 006b: a Keras 3 paste with Total, Trainable and Optimizer, no
# Non-trainable: Total − Trainable was said to be Non-trainable, the optimizer's in it


def test_non_trainable_worked_out_leaves_out_the_optimizers_variables() -> None:
    """Before: '613 − 193 = 420', the 388 optimizer variables counted as non-trainable."""
    _, printed = load_print(REAL / "keras3/compiled_fitted.truth.json")
    pasted = "".join(line for line in printed.splitlines(True) if "Non-trainable" not in line)
    report = api.check_text(pasted)
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert "Total − Trainable − Optimizer gives it: 613 − 193 − 388 = 32" in sa003.message
    assert sa003.severity.value == "info"


def test_non_trainable_worked_out_below_the_moving_statistics_is_an_error() -> None:
    """The failing side: Trainable raised by 20, so Total − Trainable − Optimizer gives 12,
    fewer than BatchNormalization's 32 moving statistics."""
    _, printed = load_print(REAL / "keras3/compiled_fitted.truth.json")
    pasted = "".join(line for line in printed.splitlines(True) if "Non-trainable" not in line)
    pasted = pasted.replace("Trainable params: 193", "Trainable params: 213")
    [sa003] = [f for f in api.check_text(pasted).findings if f.code == "SA003"]
    assert "613 − 213 − 388 = 12, fewer than the 32" in sa003.message


# --------------- 90c's 010: the coverage called a second head's warning an error


def test_the_coverage_says_a_branch_reading_is_a_warning() -> None:
    """Before: 'a count no reading of its class gives, flagged as an error' of a row whose
    SA101 is a warning that gives the branch reading."""
    _, printed = load_print(REAL / "tf2.12/two_heads_classifier_and_box.truth.json")
    report = api.check_text(without_connected_to(printed))
    [summary] = report.summaries
    [sa101] = [f for f in report.findings if f.code == "SA101"]
    assert sa101.severity.value == "warning"
    assert summary.coverage is not None
    [reason] = [gap for gap in summary.coverage.not_verified if "bounding_box" in gap]
    assert "flagged as a warning" in reason and "error" not in reason


def test_the_coverage_says_a_count_no_branch_gives_is_an_error() -> None:
    """The failing side: 517 fits no branch; the coverage says it is flagged as an error."""
    _, printed = load_print(REAL / "tf2.12/two_heads_classifier_and_box.truth.json")
    [summary] = api.check_text(without_connected_to(printed, count="517")).summaries
    assert summary.coverage is not None
    [reason] = [gap for gap in summary.coverage.not_verified if "bounding_box" in gap]
    assert "flagged as an error" in reason


# --------------- 91g's 002: a learner's sentence between rows whose blank lines the paste
# emptied: the rows under it were read as notes, the table split


def spaced_out_with(printed: str, below: str, note: str) -> str:
    """The print with its lines of blanks emptied (a paste that strips trailing blanks), and
    `note` on a line of its own right above the row of layer `below`."""
    out = []
    for line in printed.splitlines():
        if line.lstrip().startswith(f"{below} "):
            out.append(note)
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


NOTED_CASES = ["tf2.12/cnn_bn", "tf_keras/cnn_bn"]


@pytest.mark.parametrize("case", NOTED_CASES)
@pytest.mark.parametrize(
    "note", ["Flatten those 64 5x5 images, =1,600 pixel values", "13 = (26 - 2) / 2 + 1"]
)
def test_a_note_between_spaced_rows_is_said_and_the_rows_read(case: str, note: str) -> None:
    """Before: the rows below the sentence were notes (SA201 'layer_range'), and a line of
    arithmetic was a row the paste could not read (SA001)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    flatten = next(layer["name"] for layer in truth["layers"] if layer["type"] == "Flatten")
    report = checked_as_the_print(spaced_out_with(printed, flatten, note), truth, printed)
    assert report.summaries[0].audit is not None
    assert any(note in said for said in report.summaries[0].audit.notes)


def test_arithmetic_under_a_ruled_row_is_a_note() -> None:
    """91d's 001: `13 = (26 - 2) / 2 + 1` right under a Keras 2 row, no blank line between."""
    truth, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = printed.splitlines()
    [at] = [i for i, line in enumerate(lines) if line.startswith("max_pooling2d_1 (")]
    pasted = "\n".join([*lines[: at + 1], "13 = (26 - 2) / 2 + 1", *lines[at + 1 :]]) + "\n"
    checked_as_the_print(pasted, truth, printed)


# --------------- 91a's 011: a summary parser's code names the titles in strings


def test_titles_in_strings_of_code_are_no_summary() -> None:
    """Before: `if "Layer (type)" in line:` was a header, the code under it four unreadable
    rows of a fifth summary."""
    code = (
        "for line in text.split('\\n'):\n"
        '    if "Layer (type)" in line:\n'
        "        capture = True\n"
        '    if "Total params" in line:\n'
        "        capture = False\n"
    )
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(code + "\n" + printed)
    [summary] = report.summaries
    assert summary.start_line == 7 and summary.unreadable == ()
    assert "SA001" not in [f.code for f in report.findings]


def test_a_title_glued_to_a_quoted_model_name_still_heads_a_table() -> None:
    """The failing side: `Model: "sequential"Layer (type) …` (a page's lost line break) keeps
    its header."""
    truth, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    lines = printed.splitlines()
    glued = [lines[0] + lines[2].lstrip(), *lines[3:]]
    [summary] = api.check_text("\n".join(glued) + "\n").summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]


def test_the_explain_table_gives_a_second_heads_branch_reading() -> None:
    """91e's 007: the row showed only the chain's `516 ≠ 10 × 4 + 4 = 44`."""
    _, printed = load_print(REAL / "tf2.12/two_heads_classifier_and_box.truth.json")
    [summary] = api.check_text(without_connected_to(printed)).summaries
    row = audited_row(summary, "bounding_box")
    assert row.derivation is not None and row.derivation.startswith("516 ≠ 10 × 4 + 4 = 44")
    assert "; as a second head on dense (None, 128): 516 = 128 × 4 + 4" in row.derivation


# --------------- 91a's 010: Non-trainable worked out as 0 'as the rows say', of rows of which
# some no formula checks


def without_non_trainable(printed: str) -> str:
    """The print without its Non-trainable params line."""
    return "".join(line for line in printed.splitlines(True) if "Non-trainable" not in line)


def test_a_missing_non_trainable_of_0_rests_on_the_rows_verified() -> None:
    """Two custom ResidualBlock rows no formula checks: 'no row verified holds', not 'as the
    rows say'."""
    _, printed = load_print(REAL / "tf2.12/custom_block_layers.truth.json")
    [sa003] = [
        f for f in api.check_text(without_non_trainable(printed)).findings if f.code == "SA003"
    ]
    assert sa003.message.endswith(
        "642 − 642 = 0: no row verified holds weights training does not update"
    )


def test_a_missing_non_trainable_of_0_every_row_verified_is_the_rows_word() -> None:
    """The other side: every row verified, the rows say it."""
    _, printed = load_print(REAL / "tf2.12/concatenate_four_branches.truth.json")
    [sa003] = [
        f for f in api.check_text(without_non_trainable(printed)).findings if f.code == "SA003"
    ]
    assert sa003.message.endswith("as the rows say: none holds weights training does not update")


# --------------- 92b's 012: a row without a class, named `global_max_pooling`, under a nested
# model whose shape is `multiple`: read as keras.ops' Max (Average for `global_average_pooling`)


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_a_global_pooling_name_of_unknown_rank_names_no_merge_or_op(generation: str) -> None:
    """Before: `global_average_pooling` was the Average merge ('class Average inferred from
    its name'); the spatial rank unknown, it may be each GlobalAveragePooling."""
    _, printed = load_print(REAL / generation / "frozen_nested_base_no_show_trainable.truth.json")
    pasted = printed.replace("(None, 28, 28, 32)", "multiple".ljust(18))
    pasted = re.sub(
        r"global_average_pooling2d(?:_1)? \(\S* ?",
        lambda m: "global_average_pooling".ljust(len(m.group())),
        pasted,
    )
    assert "multiple" in pasted and "global_average_pooling " in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    row = audited_row(summary, "global_average_pooling")
    assert row.type == ""
    assert row.derivation is not None and "(GlobalAveragePooling1D, GlobalAveragePooling2D, " in (
        row.derivation
    )


# --------------- 92a's 001: a PowerShell log padded each line of a Keras 3 box with blanks
# after its right edge: said cropped on the right (SA003), the Total check only bounded


def padded_after_the_edge(printed: str, blanks: int = 4) -> str:
    """The print with blanks after the right edge of every box line but the top border."""
    return "".join(
        line.rstrip("\n") + " " * blanks + "\n" if line[:1] in "┃┡│├└" else line
        for line in printed.splitlines(True)
    )


@pytest.mark.parametrize("case", ["keras3/mlp_bn_sequential", "keras3/cnn_bn"])
@pytest.mark.parametrize("blanks", [2, 4])
def test_blanks_after_a_closed_boxs_edge_crop_nothing(case: str, blanks: int) -> None:
    """Before: 'the table is cropped on the right … some columns are missing'."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report = checked_as_the_print(padded_after_the_edge(printed, blanks), truth, printed)
    assert not report.summaries[0].cropped


def test_a_box_cropped_by_the_terminal_is_still_cropped() -> None:
    """The failing side: a real crop cuts the top border too (no corner): still cropped."""
    _, printed = load_print(REAL / "keras3/cnn_bn_cropped_line_length120.truth.json")
    [summary] = api.check_text(padded_after_the_edge(printed)).summaries
    assert summary.cropped


# --------------- 91h's 010: an LSTM under a GlobalMaxPooling1D's (None, 64), which Keras refuses
# to build: 'No problems found in what could be checked'


def row_lines(printed: str) -> tuple[str, list[str]]:
    """A fixed-width print's header and its rows' first lines (no rules, blanks or totals)."""
    lines = [line for line in printed.splitlines() if line.strip()]
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    rows = [line for line in lines[at + 1 :] if line.strip(" _=") and "params" not in line]
    return lines[at], rows


def test_a_recurrent_layer_on_an_input_without_steps_is_a_shape_chain_warning() -> None:
    """One-layer prints of a SimpleRNN and an LSTM pasted as one table: the LSTM under the
    SimpleRNN's (None, 10) cannot be built (22b's 002 left it unchecked, and said nothing)."""
    header, rows = "", []
    for case in ("one_simple_rnn", "one_lstm"):
        _, printed = load_print(REAL / "tf2.12" / f"{case}.truth.json")
        header, [row] = row_lines(printed)
        rows.append(row)
    report = api.check_text("\n".join([header, "=" * 65, *rows]) + "\n")
    [sa301] = [f for f in report.findings if f.code == "SA301"]
    assert sa301.layer == "lstm" and sa301.severity.value == "warning"
    assert "its input is (None, 10), with no steps axis: Keras refuses to build that" in (
        sa301.message
    )
    assert "SA101" not in [f.code for f in report.findings]


@pytest.mark.parametrize("case", ["tf2.12/lstm_long_shape", "keras2.2.4/lstm_long_shape"])
def test_a_recurrent_layer_on_a_sequence_raises_no_shape_warning(case: str) -> None:
    """The passing side: LSTMs on (batch, steps, features) inputs, as Keras built them."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    assert "SA301" not in [f.code for f in api.check_text(printed).findings]


# --------------- Review 90's item 2: the row under a note between emptied-blank rows, its name
# filling its column (its class wrapped below), was read into the note


def test_a_long_named_row_under_a_note_is_read() -> None:
    """Before: `joint_representation_batch_nor  (None, 80)  320 …` was a note's line, its
    wrapped class two unreadable lines, and fraud_probability's input an SA401."""
    truth, printed = load_print(REAL / "tf2.9/two_input_long_names.truth.json")
    pasted = spaced_out_with(printed, "joint_representation_batch_nor", "(this layer is frozen)")
    assert "(this layer is frozen)\n joint_representation_batch_nor " in pasted
    checked_as_the_print(pasted, truth, printed)


# --------------- Review 90's items 4 and 5: a paste that ends inside an expand_nested frame


@pytest.mark.parametrize("generation", ["tf2.12", "tf_keras"])
@pytest.mark.parametrize("mark", ["", "..."])
def test_a_paste_ending_inside_a_frame_checks_no_model_against_its_rows(
    generation: str, mark: str
) -> None:
    """Before: SA101 'inner_block shows 142, but the 2 rows printed inside it add up to 88'
    (its third row cut off), and with a `...` the coverage said the rows do not add up."""
    _, printed = load_print(REAL / generation / "nested_functional_expanded.truth.json")
    lines = printed.splitlines()
    [at] = [i for i, line in enumerate(lines) if line.startswith("| dense_1 (")]
    pasted = "\n".join([*lines[: at + 1], *([mark] if mark else [])]) + "\n"
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == ["SA003"]
    [summary] = report.summaries
    assert summary.coverage is not None
    [reason] = [gap for gap in summary.coverage.not_verified if "inner_block" in gap]
    assert "nested model whose inner rows may be left out of the paste" in reason


@pytest.mark.parametrize("generation", ["tf2.12", "tf_keras"])
def test_a_nested_model_above_its_rows_is_still_an_error(generation: str) -> None:
    """The failing side: every inner row and the totals shown, the model's count raised."""
    _, printed = load_print(REAL / generation / "nested_functional_expanded.truth.json")
    pasted = printed.replace(" 142 ", " 152 ", 1)
    assert pasted != printed
    sa101 = [f for f in api.check_text(pasted).findings if f.code == "SA101"]
    assert [f.layer for f in sa101] == ["inner_block"]


# --------------- 93b's 013: a second print of the same model after freezing it, only its
# Trainable and Non-trainable lines pasted under the summary: passed over without a word


def test_the_total_split_again_under_a_summary_is_a_print_of_its_own() -> None:
    """Before: `Trainable params: 0` / `Non-trainable params: 2,140,752` under the print (the
    model frozen, printed again) was taken for lines quoted from it and dropped."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    frozen = "```text\nTrainable params: 0\nNon-trainable params: 2,140,752\n```\n"
    report = api.check_text(f"```text\n{printed}```\n\nAfter freezing:\n\n{frozen}")
    first, second = report.summaries
    assert len(first.layers) == 4 and not second.layers
    assert second.totals.trainable is not None and second.totals.trainable.value == 0
    assert [f.code for f in report.findings] == ["SA003"]


def test_the_tables_own_split_quoted_under_it_is_no_print() -> None:
    """The other side: the table's own Trainable and Non-trainable lines quoted under it (13b's
    006) are no second print."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    quoted = "```text\nTrainable params: 2,139,728\nNon-trainable params: 1,024\n```\n"
    report = api.check_text(f"```text\n{printed}```\n\nThe split:\n\n{quoted}")
    assert len(report.summaries) == 1


# --------------- 93a's 010: a README's own Trainable lines, `Trainable (Phase 1): ~166K    (only
# head)` and Phase 2's, under Total: passed over, the Trainable line then said missing


def test_a_totals_label_with_a_note_and_a_rounded_count_is_read() -> None:
    """The two lines are in the summary: the first as its Trainable line (rounded), the second
    said beside it."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    lines = [line for line in printed.splitlines() if "rainable params" not in line]
    at = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    phases = ["Trainable (Phase 1): ~2.1M    (only head)", "Trainable (Phase 2): ~3.5M"]
    pasted = "\n".join([*lines[: at + 1], *phases, *lines[at + 1 :]]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.trainable is not None
    assert summary.totals.trainable.text == phases[0]
    assert summary.end_line >= at + 3
    assert summary.audit is not None
    assert any(phases[1] in note for note in summary.audit.notes)


# --------------- Review 91's item 1: a nested model whose rows end a table that is closed (the
# box's bottom shown), the totals not pasted: an edited count is still caught


def test_a_closed_box_without_totals_still_checks_the_model() -> None:
    """A Keras 3 box whose last rows are its nested model's, its bottom shown, the totals not
    pasted: 3,506 against the rows' 3,496 is an SA101 (it was 'may be left out')."""
    truth, printed = load_print(
        REAL / "keras3/subclassed_model_holding_a_residual_network.truth.json"
    )
    [model] = [layer for layer in truth["layers"] if layer["type"] == "Functional"]
    shown = f"{model['params']:,}"
    edited = f"{model['params'] + 10:,}"
    lines = printed.splitlines()
    bottom = next(at for at, line in enumerate(lines) if line.startswith("└"))
    pasted = "\n".join(lines[: bottom + 1]).replace(shown.rjust(len(edited)), edited, 1) + "\n"
    assert edited in pasted and "Total params" not in pasted
    sa101 = [f for f in api.check_text(pasted).findings if f.code == "SA101"]
    assert [f.layer for f in sa101] == [model["name"]]


def test_an_open_box_without_totals_checks_no_model_against_its_rows() -> None:
    """The other side: the same box cut above its last two rows (no bottom; conv2d_3's 128
    left out): the model's rows may be left out, said in the coverage, no SA101."""
    truth, printed = load_print(
        REAL / "keras3/subclassed_model_holding_a_residual_network.truth.json"
    )
    [model] = [layer for layer in truth["layers"] if layer["type"] == "Functional"]
    lines = printed.splitlines()
    bottom = next(at for at, line in enumerate(lines) if line.startswith("└"))
    report = api.check_text("\n".join(lines[: bottom - 4]) + "\n")
    assert "SA101" not in [f.code for f in report.findings]
    [summary] = report.summaries
    assert summary.coverage is not None
    [reason] = [gap for gap in summary.coverage.not_verified if model["name"] in gap]
    assert "may be left out of the paste" in reason


# --------------- Review 91's item 2: a note above a row whose class wrapped right after its `(`


def test_a_row_whose_class_wraps_after_its_parenthesis_ends_a_note() -> None:
    """Before: `global_average_pooling3d (  (None, 4)  0` was read into the note above it, and
    the Dense under it took the Conv3D's output (a false SA301)."""
    truth, printed = load_print(REAL / "tf_keras/long_names_conv3d.truth.json")
    pooling = next(layer["name"] for layer in truth["layers"] if "Pooling" in layer["type"])
    pasted = spaced_out_with(printed, pooling, "(this layer is frozen)")
    assert f"(this layer is frozen)\n {pooling} (  " in pasted
    checked_as_the_print(pasted, truth, printed)


# --------------- Review 91's item 3: SA301's words for an input with more axes than a recurrent
# layer takes


def test_a_recurrent_layer_on_an_input_with_more_axes_is_said_so() -> None:
    """One-layer prints of a Conv2D and an LSTM pasted as one table: 'with more axes', not
    'with no steps axis'."""
    header, rows = "", []
    for case in ("cnn_bn", "one_lstm"):
        _, printed = load_print(REAL / "tf2.12" / f"{case}.truth.json")
        header_here, found = row_lines(printed)
        header = header_here if case == "one_lstm" else header
        rows.append(found[0] if case == "cnn_bn" else found[-1])
    report = api.check_text("\n".join([header, "=" * 65, *rows]) + "\n")
    [sa301] = [f for f in report.findings if f.code == "SA301"]
    assert "with more axes: Keras refuses to build that" in sa301.message
    assert "RepeatVector" not in sa301.message


# --------------- Review 91's item 4: a `...` between a nested model's row and the first row shown
# inside its frame: that row took the model's input (a false SA101)


@pytest.mark.parametrize("generation", ["tf2.12", "tf_keras"])
@pytest.mark.parametrize("mark", ["...", "[...]"])
def test_the_first_row_shown_under_a_mark_inside_a_frame_has_no_input(
    generation: str, mark: str
) -> None:
    """Before: 'dense shows 54 but Dense(6) on 10 inputs has 66' (input_1 and dense_1 left out
    under the mark; dense's input is dense_1's (None, 8), not shown)."""
    _, printed = load_print(REAL / generation / "nested_functional_expanded.truth.json")
    lines = printed.splitlines()
    opening = next(at for at, line in enumerate(lines) if line.startswith("|¯"))
    dense = next(at for at, line in enumerate(lines) if line.startswith("| dense ("))
    pasted = "\n".join([*lines[: opening + 1], mark, *lines[dense:]]) + "\n"
    report = api.check_text(pasted)
    assert "SA101" not in [f.code for f in report.findings]
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers if layer.depth] == ["dense"]


def test_an_edited_first_row_of_a_frame_is_still_caught() -> None:
    """The other side: no mark, the frame's first Dense edited (98 for 88 on 10 inputs)."""
    _, printed = load_print(REAL / "tf2.12/nested_functional_expanded.truth.json")
    pasted = printed.replace(" 88        |", " 98        |", 1)
    assert pasted != printed
    sa101 = [f.layer for f in api.check_text(pasted).findings if f.code == "SA101"]
    assert "dense_1" in sa101


# --------------- Review 92's items: the author's rounded totals lines beside Keras's own


def with_line_above(printed: str, label: str, line: str) -> str:
    """The print with `line` right above its `label params:` line."""
    out = []
    for here in printed.splitlines():
        if here.lstrip().startswith(f"{label} params:"):
            out.append(line)
        out.append(here)
    return "\n".join(out) + "\n"


def test_keras_own_trainable_line_under_an_authors_rounded_one_is_read() -> None:
    """Item 1: `Trainable (head only): ~41K` above Keras's edited `Trainable params:` line took
    its place, and the edit (SA202) was missed."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    edited = printed.replace("Trainable params: 2,139,728", "Trainable params: 2,139,758")
    pasted = with_line_above(edited, "Trainable", "Trainable (head only): ~41K")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.trainable is not None
    assert summary.totals.trainable.value == 2_139_758
    assert "SA202" in [f.code for f in report.findings]
    assert summary.audit is not None
    assert any("Trainable (head only): ~41K" in note for note in summary.audit.notes)


@pytest.mark.parametrize(
    "line", ["Total (wall time): 12:30", "Trainable (after unfreezing): 12 layers"]
)
def test_words_under_a_summary_that_are_no_rounded_count_are_no_totals(line: str) -> None:
    """Items 1 and 5: a note without a rounded count is no totals line."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(printed + "\n" + line + "\n")
    [summary] = report.summaries
    assert summary.totals.to_dict() == api.check_text(printed).summaries[0].totals.to_dict()


def test_a_rounded_trainable_line_under_a_lone_keras_1_total_keeps_the_era() -> None:
    """Item 3: under a Keras 1.0 print (Total alone), the author's `Trainable (Phase 1):
    ~1K` made it a Keras 1.2+ print (a false SA003; SA102's BatchNormalization reading lost)."""
    _, printed = load_print(REAL / "keras1.0.8/cnn_tf_bn_axis1.truth.json")
    pasted = printed.rstrip("\n") + "\n\nTrainable (Phase 1): ~1K    (only head)\n"
    assert [f.code for f in api.check_text(pasted).findings] == [
        f.code for f in api.check_text(printed).findings
    ]


def test_a_sentence_naming_another_split_is_no_second_print() -> None:
    """Item 4: 'After freezing it says Trainable params: … and Non-trainable params: …' (one
    line of prose) was read as a print of its own."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    sentence = (
        "After freezing the first Dense it says Trainable params: 43,088 and "
        "Non-trainable params: 2,097,664."
    )
    report = api.check_text(printed + "\n" + sentence + "\n")
    assert len(report.summaries) == 1


# --------------- Review 92's item 6: a `...` anywhere in a table turned the nested check off


def test_a_mark_outside_a_closed_frame_leaves_its_model_checked() -> None:
    """A `...` above the model's row, its frame closed below: 152 against 142 is an SA101."""
    _, printed = load_print(REAL / "tf2.12/nested_functional_expanded.truth.json")
    lines = printed.replace(" 142 ", " 152 ", 1).splitlines()
    model = next(at for at, line in enumerate(lines) if "(Functional)" in line)
    pasted = "\n".join([*lines[:model], " ...", *lines[model:]]) + "\n"
    sa101 = [f.layer for f in api.check_text(pasted).findings if f.code == "SA101"]
    assert sa101 == ["inner_block"]


# --------------- Review 92's item 9: Keras 3 has no TF 1.x renorm count (6 × N + 2)


def test_a_keras3_batch_normalization_count_of_4n_plus_2_is_no_renorm() -> None:
    """Before: 66 over 16 channels (its other axes 32) passed as 'renorm=True as TF 1.x counts
    it' (6 × N + 2 with center and scale off)."""
    _, printed = load_print(REAL / "keras3/layer_range_cnn_first_block.truth.json")
    [bn_line] = [line for line in printed.splitlines() if "│ batch_normalization " in line]
    assert bn_line.rstrip(" │").endswith(" 64") and "(None, 32, 32, 16)" in bn_line
    pasted = printed.replace(bn_line, bn_line.replace(" 64 │", " 66 │"))
    sa101 = [f for f in api.check_text(pasted).findings if f.code == "SA101"]
    assert [f.layer for f in sa101] == ["batch_normalization"]


def test_a_tf1_batch_normalization_count_of_4n_plus_2_is_still_renorm() -> None:
    """The other side: in a tf.keras print the same count is TF 1.x's renorm reading."""
    _, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    [bn_line] = [line for line in printed.splitlines() if line.startswith(" batch_normalization (")]
    count = bn_line.split()[-1]
    channels = int(count) // 4
    pasted = printed.replace(bn_line, bn_line.replace(f" {count} ", f" {4 * channels + 2} "))
    assert pasted != printed
    assert "SA101" not in [f.code for f in api.check_text(pasted).findings]
