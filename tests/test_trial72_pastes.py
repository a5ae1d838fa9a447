"""Trial 71d's leftovers and trial 72: the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_truth,
    column_cutter,
    load_print,
    shape_text,
    totals_lines,
)

REAL = FIXTURES / "real"

# --------------- 71d's 009: a print joined onto one line, a comment after its only row's count

NOTE = "#创建: layers.Conv2D(32, (3, 3), activation=relu, i"


def _through_first_row(printed: str, collapsed: bool) -> list[str]:
    lines = printed.splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.lstrip().startswith("conv2d "))
    kept = lines[: first_row + 1]
    return [re.sub(" +", " ", line).strip() for line in kept] if collapsed else kept


@pytest.mark.parametrize("layout", ["joined", "collapsed", "fixed"])
@pytest.mark.parametrize("note", [NOTE, "// output of the first block"])
def test_a_comment_after_a_row_s_count_is_a_note(layout: str, note: str) -> None:
    """Before: 'SA001 could not read this line of the summary: conv2d (Conv2D) (None, 26, 26,
    32) 320 #创建: …' on one line, and no row was read; an English comment made the row a
    sentence, which ended the table above it without a word ('a header without rows')."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    lines = _through_first_row(printed, collapsed=layout != "fixed")
    lines[-1] += f" {note}"
    report = api.check_text((" ".join(lines) if layout == "joined" else "\n".join(lines)) + "\n")
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [("conv2d", 320)]
    assert [f.code for f in report.findings] == ["SA003"]
    assert summary.notes and note in summary.notes[0]


def test_a_collapsed_row_s_inbound_list_is_still_read_as_inbound() -> None:
    """The passing side: text after the count that is no comment stays the Connected to cell."""
    report = api.check_text(
        "Layer (type) Output Shape Param # Connected to\n"
        "==========\n"
        "input_1 (InputLayer) [(None, 8)] 0 []\n"
        "dense (Dense) (None, 4) 36 ['input_1[0][0]']\n"
    )
    [summary] = report.summaries
    assert summary.layers[1].connected_to == ("input_1[0][0]",)


# --------------- 71d's 001: a journal's table of a print with a Connected to column, one cell
# per line (the page's text as a PDF or an HTML table gives it)


def as_a_journal_table(printed: str) -> str:
    """The print as a journal typeset it: each title, then each row's name, shape, count and
    inbound entries (quotes and brackets gone) on lines of their own, a blank line after each,
    an input's empty Connected to cell a line holding one blank; rules gone, totals kept."""
    lines = printed.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    shape_at, count_at, inbound_at = (
        header.index(title) for title in ("Output Shape", "Param #", "Connected to")
    )
    rows: list[list[str]] = []
    for line in lines[lines.index(header) + 2 :]:
        if line.startswith("="):
            break
        if line[:inbound_at].strip():  # a row's first line
            rows.append([line[:shape_at], line[shape_at:count_at], line[count_at:inbound_at]])
        if line[inbound_at:].strip():
            rows[-1].extend(re.findall(r"\w+\[\d+\]\[\d+\]", line[inbound_at:]))
    out = ["Table 2 The model's architecture.", ""]
    for title in ("Layer (type)", "Output shape", "Param #", "Connected to"):
        out += [title, ""]
    for row in rows:
        for cell in row if len(row) > 3 else [*row, " "]:
            out += [cell.strip() or " ", ""]
    out += [line for line in lines if "params:" in line]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", ["merge_ops", "concatenate_four_branches"])
def test_a_table_one_cell_per_line_with_a_connected_to_column_is_read(case: str) -> None:
    """Before: 'SA002 no Keras model.summary() table was found in this input'."""
    truth, printed = load_print(REAL / "tf2.12" / f"{case}.truth.json")
    pasted = as_a_journal_table(printed)
    report, summary = checked_as_truth(pasted, truth)
    assert not report.findings
    merged = summary.layers[-2]
    assert len(merged.connected_to) >= 2 and all(
        ref.endswith("[0][0]") for ref in merged.connected_to
    )


def test_an_excerpt_cut_inside_an_inbound_list_keeps_its_rows() -> None:
    """The journal's excerpt ends after a cut entry (`batch_normalization_5`, no `[0][0]`):
    the rows above it are read, and the missing totals said."""
    truth, printed = load_print(REAL / "tf2.12" / "merge_ops.truth.json")
    pasted = as_a_journal_table(printed)
    cut = pasted[: pasted.index("average[0][0]") + len("average")] + "\n"
    report = api.check_text(cut)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
    assert [f.code for f in report.findings] == ["SA003"]


def test_titles_with_connected_to_in_a_list_are_left_as_they_are() -> None:
    """The passing side: the four titles listed in prose, no row under them, are no table."""
    text = "The columns are:\n\nLayer (type)\nOutput Shape\nParam #\nConnected to\n\nand notes.\n"
    assert api.parse_text(text) == []


# --------------- the review's item 8: stderr written into a line of stdout (`2>&1` in a pipe)

RECORD = (
    "2024-05-25 12:15:49.662636: I tensorflow/core/util/port.cc:113] oneDNN custom operations "
    "are on. You may see slightly different numerical results."
)


def stderr_at(printed: str, offset: int) -> str:
    """A log of both streams: stdout reaches it a buffer at a time, so TensorFlow's record (and
    its line break) lands at any byte of the print."""
    return printed[:offset] + RECORD + "\n" + printed[offset:]


@pytest.mark.parametrize(
    ("case", "step"), [("keras3/cnn_bn", 1), ("tf2.12/merge_ops", 3), ("keras2.2.4/cnn_bn", 3)]
)
def test_a_log_record_anywhere_in_a_print_leaves_it_read(case: str, step: int) -> None:
    """Before: a record inside a row (`│ conv2d (Conv2D) │ (None, 26, 26, 32)2024-…`) lost the
    row and split the print in two: 'a header without rows or totals', or an SA001 'the paste
    ends inside this row' and a second table whose top is cut off."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    for offset in range(0, len(printed), step):  # (every byte of a box: its bars, 2nd review)
        pasted = stderr_at(printed, offset)
        report, _ = checked_as_truth(pasted, truth)
        assert not report.findings, (offset, report.findings)


# --------------- 72a's 015: a shape's wrapped end joined onto its row's line, after Connected to


def shape_ends_joined(printed: str) -> str:
    """A README's copy of a tf.keras 2.7+ print: each line holding only a wrapped shape's end
    (`)]`, `)`) was joined onto the end of the row's first line, after its Connected to cell."""
    out: list[str] = []
    for line in printed.splitlines():
        if line.strip() and not line.strip(" )]") and out:
            out[-1] += " " * 31 + line.strip()
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_shape_end_joined_after_the_inbound_list_closes_the_shape() -> None:
    """Before: `input_1 … [(None, 224, 224, 1  0  []   )]` read a layer named `)]` among its
    inbound (an SA401) and left the shape cut."""
    truth, printed = load_print(REAL / "tf2.12" / "inception_stem_input_cut.truth.json")
    pasted = shape_ends_joined(printed)
    assert re.search(r"\[\] {31,}\)\]", pasted)
    report, summary = checked_as_truth(pasted, truth)
    assert not [f for f in report.findings if f.code == "SA401"]
    assert summary.layers[0].output_shape == "[(None, 224, 224, 1)]"
    assert summary.layers[0].connected_to == ()


# --------------- 72b's 004: a shared convolution printed `multiple`, its input channels shown


@pytest.mark.parametrize("generation", ["tf2.0", "tf2.12"])
def test_a_multiple_conv_count_with_one_filters_and_kernel_is_solved(generation: str) -> None:
    """Before: '195: Conv2D has filters × (K × 64 channels + 1) … so filters and K cannot be
    solved', the row not verified; 3 filters, 1×1 is the only pair that gives 195."""
    path = REAL / generation / "to_rgb_shared_across_resolutions.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    derivation = audited_row(summary, "to_rgb").derivation or ""
    assert derivation.startswith("195 = 3 filters × (K × 64 channels + 1) → K = 1, 1×1")
    assert summary.audit is not None
    assert summary.audit.coverage.rows_verified == summary.audit.coverage.rows_read
    assert ("to_rgb", "filters") in summary.audit.coverage.consistent_only


def test_a_count_several_filters_and_kernels_give_stays_unsolved() -> None:
    """The passing side: 36,928 on 64 channels is 64 filters, 3×3, or 577 filters, 1×1,
    without a bias (and more): no pair is the only one, so nothing is solved."""
    path = REAL / "tf2.12" / "to_rgb_shared_across_resolutions.txt"
    text = (
        path.read_text(encoding="utf-8").replace(" 195   ", " 36928 ").replace(": 195", ": 36,928")
    )
    [summary] = api.check_text(text).summaries
    derivation = audited_row(summary, "to_rgb").derivation or ""
    assert "so filters and K cannot be solved" in derivation


# --------------- 72d's 008: a PDF's text of a print: tabs between cells, underscores lost, a
# row's layer cell on a line of its own above its shape and count


def as_a_pdf_s_text(printed: str) -> str:
    """The print as a README's PDF export gave it: the header and each row's cells apart by
    tabs, underscores turned to spaces, every other row's layer cell wrapped onto a line of
    its own; rules gone, totals kept."""
    cells = column_cutter(printed)
    out = ["Model Summary Table", "", "Layer (type)\tOutput Shape\tParam #"]
    rows = [line for line in printed.splitlines() if re.match(r"\w+ \(", line)]
    for index, line in enumerate(rows):
        label, shape, count = cells(line)
        label = label.replace("_", " ")
        out += [label, f"{shape}\t{count}"] if index % 2 else [f"{label}\t{shape}\t{count}"]
    out += [line for line in printed.splitlines() if "params:" in line]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "case", ["keras2.2.4/cnn_bn", "tf2.0/cnn_bn", "keras2.2.4/mlp_bn_sequential"]
)
def test_a_layer_cell_alone_above_its_shape_and_count_is_one_row(case: str) -> None:
    """Before: `conv2d 1 (Conv2D)` was an SA001 and `(None, 109, 109, 64)\\t18496` a row named
    by its shape, whose class was not shown (an SA901)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = as_a_pdf_s_text(printed)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.params) for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]
    assert not report.findings


# --------------- 72d's 010: a totals label whose count was wrapped onto the next line; totals
# as the rows of a grid table


@pytest.mark.parametrize("label", ["Trainable params:", "Total params:", "Non-trainable params:"])
@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras3/cnn_bn"])
def test_a_totals_count_wrapped_onto_the_next_line_is_read(case: str, label: str) -> None:
    """Before: `Trainable params:` was an SA001, and an SA003 said the Non-trainable line
    under it was missing."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = re.sub(rf"^([ \t]*{re.escape(label)}) ", r"\1\n", printed, count=1, flags=re.M)
    assert pasted != printed
    report, _ = checked_as_truth(pasted, truth)
    assert not report.findings


def as_grid_table_totals(printed: str, wrapped: bool) -> str:
    """The totals lines as a Word report's pandoc grid table gives them: one row each, quoted
    (`| > Total params: 54,538 |   |`), maybe each count wrapped onto a second line."""
    rule = "+" + "-" * 34 + "+" + "-" * 8 + "+"
    out = [rule]
    for line in totals_lines_of(printed):
        label, _, count = line.partition(": ")
        cells = [f"{label}:", count] if wrapped else [line]
        out += [f"| > {cell:<31}|        |" for cell in cells] + [rule]
    return "Model totals:\n\n" + "\n".join(out) + "\n"


def totals_lines_of(printed: str) -> list[str]:
    return [line.strip() for line in printed.splitlines() if "params:" in line]


@pytest.mark.parametrize("wrapped", [False, True])
def test_totals_as_the_rows_of_a_grid_table_are_all_read(wrapped: bool) -> None:
    """Before: the Total was read alone; the Trainable and Non-trainable rows under the grid's
    rule were dropped without a word."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    report = api.check_text(as_grid_table_totals(printed, wrapped))
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert [f.code for f in report.findings] == ["SA003"]


def test_a_totals_label_alone_with_no_count_after_it_stays_unread() -> None:
    """The passing side: a label whose next line holds words, not a count, is still said."""
    _, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    pasted = printed.replace("Trainable params: 54,474", "Trainable params:\nsee below")
    codes = [f.code for f in api.check_text(pasted).findings]
    assert "SA001" in codes


# --------------- 69d's 013: a docstring's quotes opening on the print's first rule


@pytest.mark.parametrize("quotes", ['"""', "'''"])
def test_a_title_above_a_rule_opened_by_docstring_quotes_is_the_print_s(quotes: str) -> None:
    """Before: the `Model:` line above `\"\"\" ____…` was not the summary's: unnamed, its first
    line the rule's."""
    truth, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    title, rule, rest = printed.split("\n", 2)
    pasted = f"model.summary()\n\n{title}\n{quotes} {rule}\n{rest.rstrip()} {quotes}\n"
    report, summary = checked_as_truth(pasted, truth)
    assert summary.model_name == truth["model_name"] and summary.start_line == 3
    assert not report.findings


# --------------- 72c's 002: a class no row shows, read only with neither gamma nor beta


def _class_and_name_unshown(printed: str) -> str:
    """The transformer's layer_normalization renamed `block_out` (its references too) and its
    class cut from the print: only its count of 64 on 32 features shows."""
    lines = printed.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(" layer_normalization (Lay"))
    lines[at] = lines[at].replace("layer_normalization (LayerNorm", "block_out".ljust(30))
    del lines[at + 1]  # `alization)`, the class's wrapped end
    return "\n".join(lines).replace("layer_normalization[0][0]", "block_out[0][0]".ljust(25))


def test_a_class_fitting_only_without_gamma_and_beta_is_no_candidate() -> None:
    """Before: 'each class it could be (BatchNormalization, LayerNormalization,
    DepthwiseConv1D) would give 64': a BatchNormalization holds 2 × 32 only with center=False
    and scale=False, all of it moving statistics."""
    _, printed = load_print(REAL / "tf2.12" / "transformer_block.truth.json")
    [summary] = api.check_text(_class_and_name_unshown(printed)).summaries
    derivation = audited_row(summary, "block_out").derivation or ""
    assert derivation.startswith("64: the class is cut off or not printed; each class it could")
    assert "LayerNormalization" in derivation and "BatchNormalization" not in derivation


# --------------- 73d's 004: a hand-made table with a column of the author's words between the
# layer and its shape


def with_an_operation_column(truth: dict, title: str) -> str:  # type: ignore[type-arg]
    """The print retyped as a tutorial's Markdown table: the layer's name, the author's words
    on what it does, its shape without the batch axis, its count; the totals under it."""
    out = [f"| Layer | {title} | Output Shape | Parameters |", "|---|---|---|---|"]
    for row in truth["layers"]:
        shape = "(" + ", ".join(str(d) for d in row["output_shape"][1:]) + ",)"
        out.append(f"| {row['name']} | 3×3, stride=1, padding=same | {shape} | {row['params']:,} |")
    totals = truth["totals"]
    out += ["", f"Total params: {totals['total']:,}", f"Trainable params: {totals['trainable']:,}"]
    out.append(f"Non-trainable params: {totals['non_trainable']:,}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("title", ["Operation", "Description", "**Details**"])
def test_a_column_of_the_author_s_words_before_the_shape_is_left_out(title: str) -> None:
    """Before: no row was read ('totals without a table: no layer rows were read with them')."""
    truth, _ = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    report = api.check_text(with_an_operation_column(truth, title))
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [r["params"] for r in truth["layers"]]
    assert summary.totals.to_dict() == truth["totals"]
    assert not report.findings


# --------------- 73b's 012: a class's wrapped end joined onto its row's line, after the count


def class_ends_joined(printed: str) -> str:
    """A Markdown export of a tf.keras 2.9+ print: each line holding only a wrapped class's end
    (`ormalization)`, `)`) was pulled onto the end of its row's line, after the count."""
    out: list[str] = []
    for line in printed.splitlines():
        core = line.strip()
        if core.endswith(")") and "(" not in core and " " not in core and out:
            out[-1] = out[-1].rstrip() + " " * 10 + core
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "tf2.12/long_names_cut_relu"])
def test_a_class_end_joined_after_the_count_closes_the_class(case: str) -> None:
    """Before: `batch_normalization (BatchN  (None, 26, 26, 32)  128  ormalization)` read the
    class as cut (completed from the name) and `ormalization)` as a note written into the
    summary."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = class_ends_joined(printed)
    assert pasted.count("\n") < printed.count("\n")
    report, summary = checked_as_truth(pasted, truth)
    assert not report.findings
    assert not any("type" in layer.truncated for layer in summary.layers)
    assert not [note for note in summary.notes if "Read as" in note]


# --------------- 73a's 015: a log excerpt that starts at a summary's Trainable line


LOG_PREFIX = "07/13/2019 18:07:21 VERBOSE  "


@pytest.mark.parametrize("prefix", [LOG_PREFIX, ""])
def test_the_rest_of_totals_above_a_print_is_a_summary_of_its_own(prefix: str) -> None:
    """Before: the excerpt's first two lines, a previous summary's Trainable and Non-trainable,
    were dropped without a word (and a logger's prefix lost all but a Total's first line)."""
    earlier, earlier_print = load_print(REAL / "keras2.2.4" / "mlp_bn_sequential.truth.json")
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    rest = [line for line in earlier_print.splitlines() if "rainable params:" in line]
    logged = [prefix + line for line in [*rest, *printed.splitlines()]]
    report = api.check_text("```\n" + "\n".join(logged) + "\n```\n")
    first, second = report.summaries
    assert (first.totals.trainable.value, first.totals.non_trainable.value) == (  # type: ignore[union-attr]
        earlier["totals"]["trainable"],
        earlier["totals"]["non_trainable"],
    )
    assert [f.code for f in report.findings if f.line in (2, 3)] == ["SA003"]
    assert second.totals.to_dict() == truth["totals"] and len(second.layers) == 5


@pytest.mark.parametrize(
    "sentence", ["My model says Total params: 1,000", "In 2019 I saw Trainable params: 10"]
)
def test_a_sentence_before_a_totals_label_is_no_logger_s_prefix(sentence: str) -> None:
    """The passing side: no log level before the label, so no logger's prefix to take off."""
    from summaryaudit.log_prefix import logged_prefix

    assert logged_prefix(sentence) is None
    assert logged_prefix(LOG_PREFIX + "Total params: 1,000") == LOG_PREFIX


# --------------- 73c's 008: a Keras 2.1 graph print with a legacy `Merge` row


@pytest.mark.parametrize("case", ["keras2.2.4/merge_ops", "keras2.3.1/merge_ops"])
def test_a_merge_row_under_keras_2_column_widths_is_a_keras_2_print(case: str) -> None:
    """Before: 'Keras 1 layout', decided from the `Merge` row alone, though the header's
    columns are Keras 2.1+'s (98 wide; Keras 2.0-2.1 still printed `Merge`)."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    printed = re.sub(r"^Model: .*\n", "", printed)  # (Keras 2.1 printed no title)
    pasted = printed.replace("add_1 (Add)    ", "merge_1 (Merge)", 1).replace("add_1[", "merge_1[")
    pasted = pasted.replace("add (Add)    ", "merge (Merge)", 1).replace("'add[", "'merge[")
    assert "(Merge)" in pasted
    [summary] = api.parse_text(pasted)
    assert summary.dialect.value == "keras2"


# --------------- 74b's 003: a shape that lost its blanks, its count glued to it


def shapes_squeezed(printed: str, comment: str) -> str:
    """A blog's copy of a print: each row's shape without blanks, the count glued to it, the
    class glued to the shape where it was whole, maybe the author's comment glued after."""
    out = []
    for line in printed.splitlines():
        row = re.match(r"(\S+ \(\S+)\s+(\([^)]*\))\s+(\d+)\s*$", line)
        if row is None:
            out.append(re.sub(" +", " ", line).strip())  # the page collapsed every blank run
            continue
        label, shape, count = row.groups()
        glue = "" if label.endswith(")") else " "
        out.append(f"{label}{glue}{shape.replace(' ', '')}{count}{comment}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("comment", ["", "#卷积层1,卷积核3*3"])
def test_a_spaceless_shape_glued_to_its_count_is_read(comment: str) -> None:
    """Before: `conv2d_7 (Conv2D)(None,11,11,64)18496` and `max_pooling2d_5 (MaxPooling2
    (None,5,5,64)0` were SA001s: a spaceless row was read only without the blank after its
    name."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    pasted = shapes_squeezed(printed, comment)
    assert "(Conv2D)(None,26,26,32)320" in pasted
    report, _ = checked_as_truth(pasted, truth)
    assert not [f for f in report.findings if f.code == "SA001"]


# --------------- 74a's 009: a Conv1D whose input channels are not shown, read with a bias only


@pytest.mark.parametrize(
    ("case", "row", "said"),
    [
        ("keras3/subclassed_model_of_two_sequentials_expanded", "conv1d", "K × C = 5: 1 channel"),
        ("keras3/conv1d_long_kernel_one_series", "conv1d", "K × C = 41: 1 channel"),
    ],
)
def test_a_conv1d_solved_for_its_channels_says_the_reading_without_a_bias(
    case: str, row: str, said: str
) -> None:
    """Before: '3,200 = 64 filters × (K × C + 1) → K × C = 49', as if the print showed a bias
    (AttnSleep's Conv1D(64, 50, use_bias=False) gives 64 × 50 as well): only a Conv2D's or
    Conv3D's other reading was said."""
    [summary] = api.check_text((REAL / f"{case}.txt").read_text(encoding="utf-8")).summaries
    derivation = audited_row(summary, row).derivation or ""
    assert f"or without a bias, {said}" in derivation


def test_a_count_a_grouped_convolution_also_gives_stays_unsolved() -> None:
    """The review's item 6: 112 on 6 channels is 16 filters, 1×1, or 4 filters, 3×3 with
    groups=2 (what the rows it feeds show): no pair is the only one, so nothing is solved."""
    path = REAL / "tf2.12" / "to_rgb_shared_across_resolutions.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("8, 8, 64)]  ", "8, 8, 6)]   ").replace(" 195   ", " 112   ")
    text = re.sub(r"\[\(None, 16, 16, 64\)  0(.*)\n +\] +\n", r"[(None, 16, 16, 6)]  0\1\n", text)
    assert text.count(", 6)]") == 2
    text = text.replace(", 3)   ", ", 4)   ").replace(": 195", ": 112")
    [summary] = api.check_text(text).summaries
    derivation = audited_row(summary, "to_rgb").derivation or ""
    assert "so filters and K cannot be solved" in derivation


# --------------- the session's review: records that were lines of their own, prefixed pastes,
# three pieces of one line, prose with a number and a comment, loose cells under Connected to


def _cnn(generation: str = "keras2.2.4") -> tuple[dict, str]:  # type: ignore[type-arg]
    return load_print(REAL / generation / "cnn_bn.truth.json")


def _under(printed: str, row: str, extra: str) -> str:
    """The print with a line of `extra` right above the row named `row`."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{row} "))
    return "\n".join([*lines[:at], extra, *lines[at:]]) + "\n"


@pytest.mark.parametrize("indent", ["    ", "\t", "  "])
def test_a_record_on_a_line_of_its_own_in_an_indented_paste_is_no_cut_line(indent: str) -> None:
    """Review item 1a: the indentation before a record that was a line of its own was joined to
    the next line, which split the print in three."""
    truth, printed = _cnn()
    pasted = _under(printed, "batch_normalization_1", RECORD)
    pasted = "\n".join(indent + line for line in pasted.splitlines()) + "\n"
    report, _ = checked_as_truth(pasted, truth)
    assert not report.findings


@pytest.mark.parametrize("label", ["Output: ", "[1,0]<stderr>:", ""])
def test_a_record_under_a_ci_prefix_or_after_a_label_stays_a_line_of_its_own(label: str) -> None:
    """Review items 1b, 1c: a timestamped CI log's record above `Model:` doubled the prefix
    onto the title; `Output: RECORD` above a print was joined onto its title line."""
    truth, printed = _cnn("keras3")
    lines = [label + RECORD, *printed.splitlines()]
    stamped = [f"2024-05-25T12:15:49.{i:07d}Z {line}" for i, line in enumerate(lines)]
    for pasted in ("\n".join(lines) + "\n", "\n".join(stamped) + "\n"):
        report, _ = checked_as_truth(pasted, truth)
        assert not report.findings


@pytest.mark.parametrize("marks", ["#> ", "## ", "> "])
@pytest.mark.parametrize("rest_marked", [True, False])
def test_a_record_glued_into_a_prefixed_paste_keeps_the_print_whole(
    marks: str, rest_marked: bool
) -> None:
    """Review item 2a: the record, taken out without the paste's marks, ended the marked block
    and split the print in two."""
    truth, printed = _cnn()
    lines = [marks + line for line in printed.splitlines()]
    at = next(i for i, line in enumerate(lines) if "batch_normalization_1" in line) + 1
    rule = lines[at]
    lines[at : at + 1] = [rule[:30] + RECORD, (marks if rest_marked else "") + rule[30:]]
    report, _ = checked_as_truth("\n".join(lines) + "\n", truth)
    assert not report.findings


def test_a_line_stdout_reached_in_three_pieces_is_whole_again() -> None:
    """Review item 3: a second record in the rest of a split row stayed in it, the row was
    lost and a false SA301 fell on flatten."""
    truth, printed = _cnn()
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("max_pooling2d_1"))
    row = lines[at]
    lines[at : at + 1] = [row[:10] + RECORD, row[10:35] + RECORD, row[35:]]
    report, _ = checked_as_truth("\n".join(lines) + "\n", truth)
    assert not report.findings


def test_a_sentence_with_a_number_then_a_comment_between_rows_is_a_note() -> None:
    """Review item 4: `Block 2 # downsampling starts here` was no sentence any more: a row of
    its own, an SA001."""
    truth, printed = _cnn("tf2.12")
    pasted = _under(printed, "max_pooling2d", "Block 2 # downsampling starts here, the maps halve")
    report, summary = checked_as_truth(pasted, truth)
    assert not report.findings
    assert any("Block 2 # downsampling" in note for note in summary.notes)


@pytest.mark.parametrize("damage", ["empty list", "list on one line", "words after"])
def test_loose_cells_under_a_connected_to_title_name_no_layer(damage: str) -> None:
    """Review item 5: a `[]` cell, a whole list on one line, or a `Source` line and a page
    number after the last row made up rows and inbound layers (SA001, SA401)."""
    truth, printed = load_print(REAL / "tf2.12" / "merge_ops.truth.json")
    pasted = as_a_journal_table(printed)
    if damage == "empty list":
        pasted = pasted.replace("\n \n", "\n[]\n")
    elif damage == "list on one line":
        pasted = re.sub(r"(\w+\[0\]\[0\])\n\n(\w+\[0\]\[0\])", r"['\1', '\2']", pasted)
    else:
        rows = pasted.partition("Total params")[0]
        pasted = rows + "Source\n\n12\n\n"
    report = api.check_text(pasted)
    codes = {f.code for f in report.findings}
    assert not codes & {"SA001", "SA401"}
    assert [layer.name for layer in report.summaries[0].layers] == [
        row["name"] for row in truth["layers"]
    ]


# --------------- 74d's 008: a sentence giving the Total above the print


@pytest.mark.parametrize(
    ("line", "summaries"),
    [
        ("**Total Parameters:** 54,538 (unchanged from previous runs)", 1),
        ("Total params: 54,538 (the same as last week)", 1),
        ("Total params: 54,538 (213.04 KB)", 2),  # the passing side: a print's own line
    ],
)
def test_a_total_followed_by_words_is_a_sentence_not_a_print(line: str, summaries: int) -> None:
    """Before: a report's `**Total Parameters:** 113,697 (unchanged from previous runs)` above
    its summary was a second summary, 'totals without a table' (SA003)."""
    truth, printed = _cnn("keras3")
    report = api.check_text(f"## Results\n\n{line}\n\n{printed}")
    assert len(report.summaries) == summaries
    assert report.summaries[-1].totals.to_dict() == truth["totals"]


# --------------- 74d's 011: a class written as its words, spaced out


@pytest.mark.parametrize(
    ("spaced", "cls"),
    [("Input Layer", "InputLayer"), ("Max Pooling2D", "MaxPooling2D")],
)
def test_a_class_spelled_as_spaced_words_is_that_class(spaced: str, cls: str) -> None:
    """Before: `encode_1 (Input Layer)` was a class summaryaudit has no formula for (SA901)."""
    case = "tf2.12/merge_ops" if cls == "InputLayer" else "keras2.2.4/cnn_bn"
    truth, _ = load_print(REAL / f"{case}.truth.json")
    pasted = as_a_markdown_table_of(truth).replace(f"({cls})", f"({spaced})")
    pasted = pasted.replace("max_pooling2d_1 (", "pool_a (")  # (no default name to go by)
    assert spaced in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert not [f for f in report.findings if f.code == "SA901"]
    named = "pool_a" if cls == "MaxPooling2D" else "input_1"
    assert audited_row(summary, named).type == cls


def as_a_markdown_table_of(truth: dict) -> str:  # type: ignore[type-arg]
    """The print retyped as a README's pipe table: name and class, shape, count; the totals."""
    out = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    for row in truth["layers"]:
        out.append(f"| {row['name']} ({row['type']}) | {shape_of(row)} | {row['params']:,} |")
    totals = truth["totals"]
    out += ["", f"Total params: {totals['total']:,}", f"Trainable params: {totals['trainable']:,}"]
    out.append(f"Non-trainable params: {totals['non_trainable']:,}")
    return "\n".join(out) + "\n"


def shape_of(row: dict) -> str:  # type: ignore[type-arg]
    shape = row["output_shape"]
    return "[" + shape_text(shape[0]) + "]" if isinstance(shape[0], list) else shape_text(shape)


# --------------- 75d's 005: rows without their header, totals spaced two blank lines apart


def test_totals_two_blank_lines_apart_under_headless_rows_are_the_summary_s() -> None:
    """Before: a README's excerpt of a print (its title, no header, the middle rows elided)
    read its Total alone: the Trainable and Non-trainable lines two blank lines under it were
    not the summary's (SA003 'the Trainable and Non-trainable params lines are missing')."""
    truth, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    lines = printed.splitlines()
    rows = [line for line in lines[3:] if re.match(r"\w+ \(\w+\) ", line)]  # (not the header)
    excerpt = [' Model: "model_1"', "", "", "", " " + rows[0], *[" " * 40 + "."] * 3]
    excerpt += [" " + rows[-2], " " + "_" * 98, " " + rows[-1], "", "", ""]
    for line in lines:
        if "params:" in line:
            excerpt += [" " + line, " ", " "]
    report = api.check_text("\n".join(excerpt) + "\n")
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert "SA003" not in {f.code for f in report.findings}


# --------------- 75d's 015: bars added by hand to a tf.keras 2.9+ print, a class's wrapped end
# left on its own line without them


def with_bars_added(printed: str) -> str:
    """The print as a blog retyped it: the header and each row's first line with bars between
    the cells, the wrapped ends of classes left as they were, rules gone, totals kept."""
    out = []
    for line in printed.splitlines():
        core = line.strip()
        if not core or core[0] in "_=":
            continue
        if re.search(r"\S {2,}\S", core) and not core.startswith(("Total", "Trainable", "Non")):
            out.append(" " + re.sub(r" {2,}", " | ", core))
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_wrapped_class_end_under_a_row_with_bars_goes_on_with_the_row() -> None:
    """Before: the table ended at `ormalization)` (no bar on it), and the rows under it were
    dropped without a word."""
    truth, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = with_bars_added(printed)
    assert "(BatchN | (None" in pasted and "\n ormalization)" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [r["params"] for r in truth["layers"]]
    assert summary.totals.to_dict() == truth["totals"]


# --------------- 75c's 007: an unbuilt print under `model.build(...)`


def test_nothing_to_check_says_the_layers_were_unbuilt_not_the_model() -> None:
    """Before: 'Keras printed every row without weights (the model was not built)', beside a
    paste that calls `model.build(...)` right above the table: Keras 3 can build a subclassed
    model and leave its layers unbuilt, so the rows say only that the layers were."""
    from summaryaudit.formats import verdict

    printed = (REAL / "keras3" / "unbuilt_sequential.txt").read_text(encoding="utf-8")
    pasted = "model.build(input_shape=(32, 100))\nmodel.summary()\n\n" + printed
    report = api.check_text(pasted)
    [summary] = report.summaries
    said = verdict(summary, list(report.findings))
    assert said.startswith("Nothing to check yet") and "the model was not built" not in said
    assert "its layers were not built when summary() ran" in said


# --------------- 75c's 010: a frozen layer offered where the BatchNormalization rows fill
# Non-trainable with their own moving statistics


@pytest.mark.parametrize(
    ("case", "least"),
    [("keras2.2.4/cnn_bn_positions", 64), ("tf2.12/subclassed_bn_called", 128)],
)
def test_unverified_batchnorm_rows_that_fill_non_trainable_leave_no_frozen_layer(
    case: str, least: int
) -> None:
    """Before: '… sit in batch_normalization_1 (count not verified) or are frozen layers'
    weights' (75c's 010: '(conv1d's trainable weights, frozen, are exactly 8)'), though a
    BatchNormalization keeps at least half its count as moving statistics: all of them."""
    [summary] = api.check_text((REAL / f"{case}.txt").read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    [said] = [c.reason for c in summary.audit.coverage.totals if c.name.startswith("Non-trainable")]
    assert f"keep at least {least} non-trainable weights" in said
    assert "frozen layers' weights)" not in said and "frozen, are exactly" not in said


# --------------- 75d's 004: a column of the author's notes after Param #, titled `Layer note`


@pytest.mark.parametrize("title", ["Layer note", "Layer notes", "Layer role"])
def test_a_notes_column_whose_title_starts_with_layer_is_no_second_layer_cell(title: str) -> None:
    """Before: `| densenet121 (Functional) | … | 7037504 | Image input |` under `| Layer (type)
    | … | Param # | Layer note |` read the layer `densenet121 (Functional) Image input`, whose
    class was then 'not shown'."""
    truth, _ = _cnn()
    table = as_a_markdown_table_of(truth).splitlines()
    table[0] += f" {title} |"
    table[1] += "---|"
    table[2:] = [
        line + " the author's words |" if line.startswith("|") else line for line in table[2:]
    ]
    report, summary = checked_as_truth("\n".join(table) + "\n", truth)
    assert not report.findings
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]


# --------------- the second review: near misses of this session's readings


def test_a_cut_class_the_name_says_is_a_batchnorm_stays_unverified() -> None:
    """Review 2's item 1: `batch_normalization_long_nam` (128 on 64 features: a
    BatchNormalization without gamma and beta) was read as a LayerNormalization, an SA203
    followed; the name points at the unusual candidate, so no class is inferred."""
    truth, printed = load_print(REAL / "keras2.2.4" / "mlp_bn_sequential.truth.json")
    bn = next(row for row in truth["layers"] if row["type"] == "BatchNormalization")
    width = bn["params"] // 4
    line = next(line for line in printed.splitlines() if line.startswith(bn["name"]))
    cut = line.replace(line[:29], "batch_normalization_long_nam ", 1)
    cut = cut.replace(f"{bn['params']}  ", f"{2 * width}".ljust(len(str(bn["params"])) + 2), 1)
    pasted = printed.replace(line, cut)
    totals = truth["totals"]
    shift = bn["params"] - 2 * width
    pasted = pasted.replace(
        f"Total params: {totals['total']:,}", f"Total params: {totals['total'] - shift:,}"
    )
    pasted = pasted.replace(
        f"Trainable params: {totals['trainable']:,}",
        f"Trainable params: {totals['trainable'] - shift - width:,}",
    )
    pasted = pasted.replace(
        f"Non-trainable params: {totals['non_trainable']:,}",
        f"Non-trainable params: {totals['non_trainable'] + width:,}",
    )
    codes = {f.code for f in api.check_text(pasted).findings}
    assert "SA203" not in codes and "SA901" in codes


@pytest.mark.parametrize("what", ["labels", "totals"])
def test_a_column_of_labels_above_a_column_of_cells_is_not_joined_crosswise(what: str) -> None:
    """Review 2's items 1b, 2: a PDF's text that gives every label first, then every value,
    had its last label joined to its first value (`dense 1 (Dense)` with conv2d's cells,
    `Non-trainable params: 54,538`)."""
    _, printed = _cnn()
    lines = printed.splitlines()
    totals = [line for line in lines if "params:" in line]
    if what == "totals":
        labels = [line[: line.index(":") + 1] for line in totals]
        counts = [line[line.index(":") + 2 :] for line in totals]
        pasted = "\n".join([*lines[: lines.index(totals[0])], *labels, *counts]) + "\n"
        [summary] = api.check_text(pasted).summaries
        assert summary.totals.non_trainable is not None
        assert summary.totals.non_trainable.value is None  # (not 54,538, Total's count)
        return
    cells = column_cutter(printed)
    rows = [cells(line) for line in lines[3:] if re.match(r"\w+ \(\w+\) ", line)]  # whole classes
    pasted = "\n".join(
        ["Model Summary Table", "", "Layer (type)\tOutput Shape\tParam #"]
        + [label.replace("_", " ") for label, _, _ in rows]
        + [f"{shape}\t{count}" for _, shape, count in rows]
    )
    read = [layer for s in api.check_text(pasted + "\n").summaries for layer in s.layers]
    last = rows[-1][0].replace("_", " ").split(" (")[0]
    assert [layer.output_shape for layer in read if layer.name == last] != [rows[0][1]]


def test_an_operation_column_holding_classes_is_a_type_column() -> None:
    """Review 2's item 5: `| Layer | Operation | … |` whose Operation cells are the classes
    (`| stem_norm | BatchNormalization | …`) moved them after the count: no class read."""
    truth, _ = _cnn()
    out = ["| Layer | Operation | Output Shape | Param # |", "|---|---|---|---|"]
    for at, row in enumerate(truth["layers"]):
        shape = shape_of(row)
        out.append(f"| part_{at} | {row['type']} | {shape} | {row['params']:,} |")
    out += ["", *totals_lines(truth)]
    report = api.check_text("\n".join(out) + "\n")
    [summary] = report.summaries
    assert not report.findings
    assert [audited_row(summary, f"part_{at}").type for at in range(len(truth["layers"]))] == [
        r["type"] for r in truth["layers"]
    ]


def test_a_note_after_the_count_that_ends_in_a_bracket_is_no_class_end() -> None:
    """Review 2's item 6: `batch_normalization (BatchNo (None, 26, 26, 32)  128     2)` read
    the class `BatchNo2` (an SA901): `2)` makes no class of `BatchNo`."""
    truth, printed = load_print(REAL / "tf2.0" / "cnn_bn.truth.json")
    line = next(line for line in printed.splitlines() if "(Batch" in line)
    pasted = printed.replace(line, line.rstrip() + "     2)")
    report, _ = checked_as_truth(pasted, truth)
    assert "SA901" not in {f.code for f in report.findings}


def test_a_keras_1_print_at_line_length_98_with_merge_rows_stays_keras_1() -> None:
    """Review 2's item 9: a Keras 1.0 print whose line_length was 98 (the columns Keras 2.1
    uses) and whose Total stands alone was called Keras 2, and an SA003 asked for its
    Trainable and Non-trainable lines."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    keras1 = re.sub(r"(?m)^(Trainable|Non-trainable) params:.*\n", "", printed)
    keras1 = keras1.replace("(Add)     ", "(Merge)   ").replace("(Multiply)", "(Merge)   ")
    keras1 = keras1.replace("(Average) ", "(Merge)   ")
    assert "(Merge)" in keras1 and "Trainable" not in keras1
    report = api.check_text(keras1)
    [summary] = report.summaries
    assert summary.dialect.value == "keras1" and "SA003" not in {f.code for f in report.findings}


@pytest.mark.parametrize("where", ["header", "row", "totals"])
def test_a_record_glued_after_a_box_bar_or_a_spelled_label_is_taken_out(where: str) -> None:
    """Review 2's item 13: a record glued after `┃ Layer (type)   ` or `│ conv2d (Conv2D)   `
    took the rest line's bar off as the paste's prefix; after `Total Params:` it was read as a
    label of its own."""
    truth, printed = _cnn("keras3")
    lines = printed.splitlines()
    if where == "totals":
        at = next(i for i, line in enumerate(lines) if "Total params" in line)
        label, _, rest = lines[at].partition(": ")
        lines[at : at + 1] = [label.replace("params", "Params") + ": " + RECORD, rest]
    else:
        at = next(
            i
            for i, line in enumerate(lines)
            if ("Layer (type)" if where == "header" else "conv2d (") in line
        )
        bar = lines[at].index("┃" if where == "header" else "│", 2)
        lines[at : at + 1] = [lines[at][:bar] + RECORD, lines[at][bar:]]
    report, _ = checked_as_truth("\n".join(lines) + "\n", truth)
    assert not report.findings


@pytest.mark.parametrize("damage", ["no node index", "many entries"])
def test_a_journal_table_s_inbound_entries_without_node_index_are_read(damage: str) -> None:
    """Review 2's items 14, 15: entries a journal printed without `[0][0]` (`add_1`) after the
    first, and a Concatenate of 40 entries (more than 64 lines held), ended the table."""
    truth, printed = load_print(REAL / "tf2.12" / "merge_ops.truth.json")
    pasted = as_a_journal_table(printed)
    if damage == "no node index":
        pasted = pasted.replace("[0][0]", "")
    else:
        many = "\n\n".join(["dense[0][0]", "dense_1[0][0]"] * 20)
        pasted = pasted.replace("dense[0][0]\n\ndense_1[0][0]", many, 1)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert not {f.code for f in report.findings} & {"SA001", "SA003"}


def test_an_inbound_tensor_past_the_list_read_is_no_crash() -> None:
    """Review 2's last item (before this session too): a paste that lost one line of a wrapped
    list of output shapes left `bidirectional_encoder[0][4]` past the four shapes read, and
    the audit raised IndexError (a traceback)."""
    printed = (REAL / "tf_keras" / "bidirectional_encoder_with_states.txt").read_text(
        encoding="utf-8"
    )
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "(None, 44),")
    pasted = "\n".join(lines[:at] + lines[at + 1 :]) + "\n"
    report = api.check_text(pasted)
    assert [len(s.layers) for s in report.summaries] == [6]


# --------------- 76d's 004: a tab-separated print whose line breaks a page lost


def test_a_tab_separated_print_joined_onto_one_line_is_read() -> None:
    """Before: `… Layer (type)\\tOutput Shape\\tParam # conv2d (Conv2D)\\t(None, 26, 26,
    32)\\t320 batch_normalization_1 …` inside a paragraph: 'no Keras model.summary() table was
    found', every row dropped."""
    truth, printed = _cnn()
    cells = column_cutter(printed)
    rows = [cells(line) for line in printed.splitlines()[3:] if re.match(r"\w+ \(", line)]
    joined = " ".join("\t".join(row) for row in rows)
    pasted = (
        "The model, built with Keras, reaches 93%. Model Summary Layer (type)\tOutput Shape\t"
        f"Param # {joined}  Export to Sheets ## How the Model Works The network …\n"
    )
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [r["params"] for r in truth["layers"]]
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 76a's 010: a log record right above the title


@pytest.mark.parametrize("case", ["tf2.0/cnn_bn", "keras3/cnn_bn"])
def test_a_log_record_above_the_title_is_no_line_of_the_summary(case: str) -> None:
    """Before (this session's STDERR lines above a header): `2020-10-26 13:40:20.199053: I
    tensorflow/…` on the line above `Model: "sequential"` began the summary, said as a note
    written into it."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = f"Epoch 1/1\n{RECORD}\n{printed}"
    _, summary = checked_as_truth(pasted, truth)
    assert summary.start_line == 3 and summary.model_name == truth["model_name"]
    assert not any(RECORD[:20] in note for note in summary.notes)


# --------------- 76a's 004: a class spelled inside a long name the column cut


def test_a_class_spelled_inside_a_cut_name_is_no_class_when_the_count_cannot_fit() -> None:
    """Before: `attention_sequence_pooling_laye  (None, 1, 12)  4433` (no class: the name
    filled the column) was read as Keras's Attention, then 'a custom layer of the same name'
    (its class was AttentionSequencePoolingLayer)."""
    _, printed = _cnn()
    line = next(line for line in printed.splitlines() if line.startswith("dense_1 (Dense)"))
    cut = "attention_sequence_pooling_l " + "(None, 1, 12)".ljust(26) + "4433"
    pasted = printed.replace(line, cut)
    [summary] = api.check_text(pasted).summaries
    row = audited_row(summary, "attention_sequence_pooling_l")
    assert "custom layer of the same name" not in (row.derivation or "")
    assert row.type != "Attention"


# --------------- 76a's 007: SA102's hint on a channels-first print


@pytest.mark.parametrize("generation", ["keras1.2.2", "keras1.0.8"])
def test_the_bn_axis_hint_names_the_print_s_own_data_format(generation: str) -> None:
    """Before: 'was it built with axis=-2 (or axis=2 on channels-last data)?' under a
    channels-first print, where axis=2 is the height it normalised."""
    path = REAL / generation / "bn_axis2_channels_first_48x64.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    [message] = [f.message for f in report.findings if f.code == "SA102"]
    assert message.endswith("(or axis=2 on channels-first data)?")


# --------------- 75d's 011: a TokenAndPositionEmbedding-named row that takes vectors


def test_a_token_and_position_embedding_that_takes_vectors_is_not_verified() -> None:
    """Before: a class-less `token_and_position_embedding` row on a Dense's (None, 121, 768)
    was verified as `(1 vocabulary + 122 positions) × 768`; Keras's layer takes token ids."""
    path = REAL / "tf2.12" / "token_and_position_embedding.txt"
    printed = path.read_text(encoding="utf-8")
    [summary] = api.check_text(printed).summaries
    assert audited_row(summary, "token_and_position_embedding").derivation.startswith("646,400 = ")  # type: ignore[union-attr]
    vectors = printed.replace("[(None, 200)]             0", "[(None, 200, 16)]         0")
    assert vectors != printed
    [summary] = api.check_text(vectors).summaries
    derivation = audited_row(summary, "token_and_position_embedding").derivation or ""
    assert "takes token ids (batch, length), but this row takes (None, 200, 16)" in derivation
