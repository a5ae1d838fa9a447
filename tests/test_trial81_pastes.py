"""Trial 81 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import audited_row, checked_as_the_print, checked_as_truth, load_print

REAL = FIXTURES / "real"

# --------------- 79c's 013: a print whose runs of blanks an editor turned into tabs (a
# script's commented summary), so that its cells no longer stand under their titles


def tabified(line: str, tab_stop: int) -> str:
    """The line as an editor's "tabify" leaves it: each run of two or more blanks that reaches
    a tab stop becomes tabs up to the last stop it reaches, then the blanks left over."""
    out: list[str] = []
    column = 0
    for run_start, char in enumerate(line):
        if char != " " or (run_start and line[run_start - 1] == " "):
            if char != " ":
                out.append(char)
                column += 1
            continue
        run = len(line[run_start:]) - len(line[run_start:].lstrip(" "))
        end = column + run
        if run == 1:
            out.append(" ")
        else:
            stop = (end // tab_stop) * tab_stop
            if stop > column:
                tabs = (stop - 1) // tab_stop - column // tab_stop + 1
                out.append("\t" * tabs + " " * (end - stop))
            else:
                out.append(" " * run)
        column = end
    return "".join(out)


def test_tabified_keeps_the_columns_a_tab_stop_gives_back() -> None:
    """The damage itself: expanding the tabs again gives the line back."""
    line = " embedding (Embedding)       (None, 48, 32)            256000    "
    for stop in (2, 4, 8):
        damaged = tabified(line, stop)
        assert "\t" in damaged
        assert damaged.expandtabs(stop) == line


@pytest.mark.parametrize("stop", [4, 8])
@pytest.mark.parametrize("comment", ["", "# ", "#  "], ids=["bare", "commented", "commented2"])
@pytest.mark.parametrize(
    "case",
    [
        "tf2.12/text_cnn",
        "tf2.0/text_cnn",
        "keras2.2.4/rnn_stack",
        "keras2.2.4/mlp_bn_sequential",
        "keras2.2.4/merge_ops",
        "tf2.12/merge_ops",
        "keras2.2.4/siamese_shared_nested",
    ],
)
def test_a_print_whose_blanks_became_tabs_is_read(case: str, comment: str, stop: int) -> None:
    """Before: a row whose tabs put its shape nearer the Param # title than the Output Shape
    one was 'SA001 could not read this line' (79c's 013), or its cells were misplaced."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    damaged = "\n".join(tabified(comment + line.rstrip(), stop) for line in printed.splitlines())
    assert "\t" in damaged
    checked_as_the_print(damaged + "\n", truth, printed)


@pytest.mark.parametrize("stop", [2, 4, 8])
@pytest.mark.parametrize("comment", ["", "# "], ids=["bare", "commented"])
@pytest.mark.parametrize(
    "case",
    [
        "tf_keras/big_dense_two_inputs",  # a count wrapped onto the next line (`3355852` / `8`)
        "tf2.12/attention_with_scores",  # a class's end wrapped (`dAttention)`), an inbound `]`
        "tf_keras/bidirectional_encoder_with_states",  # a list of shapes over five lines
        "tf2.12/transformer_block",
    ],
)
def test_rows_over_several_lines_whose_blanks_became_tabs_are_read(
    case: str, comment: str, stop: int
) -> None:
    """The review of trial 81's items 4–6: a row's later lines, read where their cells stood,
    lost a count's last digit (a false SA201), put a class's end among the inbound layers (a
    false SA401) or read one shape of a list (a false SA101); they are read by what they hold."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    damaged = "\n".join(tabified(comment + line.rstrip(), stop) for line in printed.splitlines())
    assert "\t" in damaged
    checked_as_the_print(damaged + "\n", truth, printed)


# --------------- 81e's 008: a Keras 3 box an author edited by hand, the class of a Dense named
# `decoder_softmax` left out and the decoder's shapes shortened (`(None,32)x2`)


def edited_by_hand(printed: str, name: str) -> str:
    """The seq2seq print as the author shortened it: no class on the last row, which is named
    `name`, and the decoder LSTM's three outputs written `[(None,None,32), (None,32)x2]`."""

    def same_width(old: str, new: str) -> str:
        return new.ljust(len(old))

    text = printed.replace("decoder_softmax (Dense)", same_width("decoder_softmax (Dense)", name))
    text = text.replace("[(None, None, 32), (None, │", "[(None,None,32),           │")
    text = text.replace("│ 32), (None, 32)]          │", "│  (None,32)x2]             │")
    assert text.count("x2]") == 1 and "(Dense)" not in text
    return text


def test_a_weightless_class_read_from_an_author_s_name_is_only_a_warning() -> None:
    """Before: 'SA103 [error] decoder_softmax shows 429 parameters but Softmax has no weights …
    (class Softmax inferred from its name)', an error on a class the print does not show.
    (With the decoder's shapes as the author wrote them, `x2`, its input is shown since 84c's
    011, and the count reads as a Dense's: test_trial83_pastes. Here its shapes are `multiple`,
    so the input is not shown.)"""
    _, printed = load_print(REAL / "keras3" / "seq2seq_dense_named_softmax.truth.json")
    edited = edited_by_hand(printed, "decoder_softmax")
    report = api.check_text(
        edited.replace("[(None,None,32),", "multiple        ").replace(
            "(None,32)x2]", "            "
        )
    )
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers][-1] == "decoder_softmax"
    assert summary.totals.total is not None and summary.totals.total.value == 17773
    [sa103] = [f for f in report.findings if f.code == "SA103"]
    assert (sa103.layer, sa103.severity.value) == ("decoder_softmax", "warning")
    assert "read from the name alone" in sa103.message
    assert not any(f.severity.value == "error" for f in report.findings)


def test_a_count_on_a_weightless_class_s_default_name_stays_flagged() -> None:
    """The failing side: a row named as Keras names a Softmax layer (`softmax`) is read as one,
    so a count on it is an edit, an error as before."""
    _, printed = load_print(REAL / "keras3" / "seq2seq_dense_named_softmax.truth.json")
    report = api.check_text(edited_by_hand(printed, "softmax"))
    found = [(f.code, f.layer, f.severity.value) for f in report.findings]
    assert ("SA103", "softmax", "error") in found


# --------------- 81h's 004: rows quoted from the middle of a functional print, their blanks
# collapsed (a GitHub issue's text), the paste ending inside the last row's shape


def quoted_rows_cut_in_a_shape(printed: str) -> tuple[str, list[str]]:
    """The print's row lines without header, rules and totals, each run of blanks one blank and
    a blank line between rows, the last row cut after `(Non`; and the names of the rows whole."""
    rows = [
        " ".join(line.split())
        for line in printed.splitlines()[3:]
        if line.strip() and not line.startswith(("_", "=", "Total", "Trainable", "Non-"))
    ]
    last = rows[-1]
    cut = last[: last.index("(None") + 4]
    text = "An error came when I fit the model. Part of my summary:\n\n" + "\n\n".join(
        [*rows[:-1], cut]
    )
    names = [row.split(" ")[0] for row in rows[:-1] if "(" in row]
    return text + "\n", names


def test_quoted_rows_ending_inside_a_shape_are_read() -> None:
    """Before: 'SA002 no Keras model.summary() table was found in this input' (every row lost
    for the last one, cut inside its shape)."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    text, names = quoted_rows_cut_in_a_shape(printed)
    report = api.check_text(text)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == names
    cut_line = text.count("\n")
    assert [line for line, _ in summary.unreadable] == [cut_line]
    codes = [(f.code, f.line) for f in report.findings]
    assert ("SA001", cut_line) in codes
    assert not any(code[2] in "12" and code[:3] == "SA1" for code, _ in codes)


# --------------- 81a's 003: a print in a reST code block (indented by four blanks), where the
# line holding the end of a class its column wrapped lost that indentation


def in_a_code_block_but_the_class_end(printed: str) -> str:
    """Each line indented by four blanks, but for the ends of wrapped classes (`lMaxPooling1D)`),
    which keep only the one blank Keras printed before them."""
    out = []
    for line in printed.splitlines():
        core = line.strip()
        wrapped_end = core.endswith(")") and "(" not in core and line.startswith(" ")
        out.append(" " + core if wrapped_end else "    " + line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("generation", ["tf2.12", "tf2.9", "tf_keras"])
def test_a_wrapped_class_end_outside_the_code_block_is_read(generation: str) -> None:
    """Before: the table ended at the class's end; its rows below were read as another model
    whose top was cut, and the totals were checked against neither half."""
    truth, printed = load_print(REAL / generation / "text_cnn.truth.json")
    pasted = in_a_code_block_but_the_class_end(printed)
    assert re.search(r"\n [a-z]+MaxPooling1D\)\n", pasted)
    checked_as_the_print(pasted, truth, printed)


# --------------- 81a's 006: a table written by hand that keeps Total and Trainable but leaves
# the Non-trainable params line out (Total − Trainable gives it)


def without_non_trainable(printed: str, trainable: str = "") -> str:
    """The print without its Non-trainable params line (and its Trainable count replaced)."""
    lines = [line for line in printed.splitlines() if not line.startswith("Non-trainable")]
    if trainable:
        lines = [
            f"Trainable params: {trainable}" if line.startswith("Trainable") else line
            for line in lines
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("text_cnn", "= 0, as the rows say: none holds weights"),
        ("cnn_bn", "(the rows hold at least"),
    ],
)
def test_a_missing_non_trainable_line_is_given_by_the_other_totals(case: str, words: str) -> None:
    """Before: 'SA003 [warning] the Non-trainable params line is missing, so how many weights
    are frozen or moving statistics cannot be checked'."""
    truth, printed = load_print(REAL / "tf2.12" / f"{case}.truth.json")
    report = api.check_text(without_non_trainable(printed))
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert sa003.severity.value == "info"
    total, trainable = truth["totals"]["total"], truth["totals"]["trainable"]
    assert f"{total:,} − {trainable:,} = {total - trainable:,}" in sa003.message
    assert words in sa003.message
    assert [f.code for f in report.findings] == ["SA003"]


def test_a_missing_non_trainable_line_the_rows_refute_is_a_warning() -> None:
    """The failing side: Trainable edited up to Total leaves no room for the moving
    statistics the BatchNormalization rows hold."""
    truth, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    total = truth["totals"]["total"]
    report = api.check_text(without_non_trainable(printed, trainable=f"{total:,}"))
    sa003 = [f for f in report.findings if f.code == "SA003"]
    assert [f.severity.value for f in sa003] == ["warning"]
    assert "fewer than the" in sa003[0].message


# --------------- 81c's 011 and 81h's 007: rows quoted with their name and shape only (the
# Param # and Connected to columns left out), between dashed rules or under one rule


def names_and_shapes_only(printed: str, rule: str, rows: int) -> tuple[str, list[str]]:
    """The first rows of the print cut at its Param # column, set apart by rules of `rule`
    (none for one row, which stands under one such rule); and their names."""
    lines = printed.splitlines()
    header = next(line for line in lines if "Param #" in line)
    cut_at = header.index("Param #")
    kept = [
        line[:cut_at].rstrip()
        for line in lines[lines.index(header) + 2 :]
        if line[:1].isalpha() and "(" in line[:cut_at]
    ][:rows]
    width = len(header.rstrip())
    between = f"\n{rule * width}\n"
    body = between.join(kept) if rows > 1 else f"{rule * width}\n{kept[0]}"
    text = f"The shapes of my layers:\n```\n{body}\n```\nWhy is that?\n"
    return text, [line.split(" ")[0] for line in kept]


@pytest.mark.parametrize(
    ("rule", "rows"), [("-", 4), ("_", 4), ("_", 1)], ids=["dashes", "rules", "one-row"]
)
def test_rows_without_their_counts_are_read_and_the_column_said_missing(
    rule: str, rows: int
) -> None:
    """Before: 'SA002 no Keras model.summary() table was found in this input' (every row
    dropped without a word), or each row 'SA001 could not read this line'."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    text, names = names_and_shapes_only(printed, rule, rows)
    report = api.check_text(text)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == names
    assert all(layer.params is None for layer in summary.layers)
    assert summary.unreadable == ()
    assert any(f.code == "SA003" and "no Param # column" in f.message for f in report.findings)
    assert not any(f.code in ("SA001", "SA002") for f in report.findings)


# --------------- 81h's 003: an InceptionV3 block on images of any size, its BatchNormalization
# layers built with scale=False, their shapes cut by the column to `(None, None, None, 4`


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_a_cut_shape_s_digits_pick_three_times_n(generation: str) -> None:
    """Before: '144: BatchNormalization has 4 × N …: N = 36 with center and scale on (the
    default)', a size the digit shown (4) rules out; 3 × 48 (scale=False) begins with it."""
    truth_path = REAL / generation / "inception_bn_scale_off_shapes_cut.truth.json"
    truth, printed = load_print(truth_path)
    report = api.check_text(printed)
    [summary] = report.summaries
    bn_rows = [layer for layer in truth["layers"] if layer["type"] == "BatchNormalization"]
    assert len(bn_rows) == 4
    for layer in bn_rows:
        channels = layer["output_shape"][-1]
        assert layer["params"] == 3 * channels
        derivation = audited_row(summary, layer["name"]).derivation or ""
        assert derivation.startswith(f"{layer['params']:,} = 3 × {channels} "), derivation
    assert not any(f.code.startswith("SA1") for f in report.findings)


# --------------- 81g's 010: a Keras 3 box the paste ends in right after a row's whole shape cell


def test_a_box_row_cut_after_its_shape_cell_says_only_the_count_is_missing() -> None:
    """Before: 'the paste ends inside this row (…): its shape is cut and its count not shown',
    of a shape shown whole between its bars."""
    _, printed = load_print(REAL / "keras3" / "seq2seq_dense_named_softmax.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "decoder_inputs (InputLayer)" in line)
    row = lines[at]
    cut = row[: row.index("│", row.index("(None")) + 1]
    assert cut.endswith("│") and cut.count("│") == 3
    report = api.check_text("\n".join([*lines[:at], cut]) + "\n")
    [sa001] = [f for f in report.findings if f.code == "SA001"]
    assert "its count is not shown" in sa001.message
    assert "shape is cut" not in sa001.message


# --------------- 82h's 008: a count Keras 3 cut (`2,614,341,…`) that the totals do not give
# back (a tied embedding): its row's derivation was left blank


@pytest.mark.parametrize(
    "case", ["tied_embedding_both_cut_line_length40", "tied_embedding_backbone_cut_line_length60"]
)
def test_a_cut_count_the_totals_do_not_give_is_said_in_its_row(case: str) -> None:
    """Before: the row's derivation was None (a blank cell in `check` and `explain`)."""
    _, printed = load_print(REAL / "keras3" / f"{case}.truth.json")
    [summary] = api.check_text(printed).summaries
    assert summary.audit is not None
    cut = [
        (layer, row) for layer, row in zip(summary.layers, summary.audit.rows) if layer.params_cut
    ]
    assert cut
    for layer, row in cut:
        assert layer.params is None
        assert row.derivation is not None
        assert row.derivation.startswith(f"{layer.params_cut}…: Keras 3 cut the count short")


# --------------- 82b's 012: a two-headed model's table retyped without its Connected to column,
# so the second head reads as fed by the first


def without_connected_to(printed: str, count: str = "") -> str:
    """The print cut at its Connected to column (its rules kept whole), the bounding box
    head's count replaced by `count` where given."""
    lines = printed.splitlines()
    header = next(line for line in lines if "Connected to" in line)
    cut_at = header.index("Connected to")
    kept = []
    for line in lines:
        if line[:1] in "_=" or line.startswith(("Total", "Trainable", "Non-")):
            kept.append(line)
            continue
        line = line[:cut_at].rstrip()
        if count and "bounding_box" in line:
            line = line.replace("516", count.ljust(3))
        kept.append(line)
    return "\n".join(kept) + "\n"


def test_a_second_head_read_as_chained_is_a_warning_that_names_the_branch() -> None:
    """Before: 'SA101 [error] bounding_box shows 516 but Dense(4) on 10 inputs has … 44'."""
    truth, printed = load_print(REAL / "tf2.12" / "two_heads_classifier_and_box.truth.json")
    pasted = without_connected_to(printed)
    assert "Connected" not in pasted and "['dense[0][0]']" not in pasted
    report, _ = checked_as_truth(pasted, truth)
    [sa101] = [f for f in report.findings if f.code == "SA101"]
    assert (sa101.layer, sa101.severity.value) == ("bounding_box", "warning")
    assert "as a second head on dense (None, 128), its count adds up: 516 = 128 × 4 + 4" in (
        sa101.message
    )


def test_a_count_no_branch_gives_stays_an_error() -> None:
    """The failing side: 517 on the second head fits neither the row above nor any other."""
    _, printed = load_print(REAL / "tf2.12" / "two_heads_classifier_and_box.truth.json")
    report = api.check_text(without_connected_to(printed, count="517"))
    sa101 = [(f.layer, f.severity.value) for f in report.findings if f.code == "SA101"]
    assert sa101 == [("bounding_box", "error")]


# --------------- 82e's 008: names that fill their column leave no class; the candidates for a
# depth-to-space row ((8, 8, 1024) to (16, 16, 256)) were classes its shapes rule out


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_the_classes_a_classless_row_could_be_fit_its_shapes(generation: str) -> None:
    """Before: 'each class it could be (Add, Concatenate, Flatten, Multiply and 3 more) would
    give 0', of a row no merge, Flatten or global pooling gives."""
    truth, printed = load_print(REAL / generation / "long_names_depth_to_space.truth.json")
    [summary] = api.check_text(printed).summaries
    [name] = [layer["name"] for layer in truth["layers"] if layer["type"] == "Reshape"]
    row = next(layer.name for layer in summary.layers if name.startswith(layer.name))
    derivation = audited_row(summary, row).derivation or ""
    assert derivation.endswith("each class it could be (Reshape) would give 0"), derivation


def test_a_flatten_row_shows_one_axis_per_sample() -> None:
    """The shape rule the candidates now meet: a printed Flatten whose output keeps four axes
    (an edit) is SA301; before, a Flatten row of any rank above 2 passed."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    edited = printed.replace("(None, 5408)      ", "(None, 13, 13, 32)")
    assert edited != printed
    report = api.check_text(edited)
    assert ("SA301", "flatten") in [(f.code, f.layer) for f in report.findings]


# --------------- 82d's 015: a class its author abbreviated with a full stop (`(Bidirect.)`)


@pytest.mark.parametrize(
    "case", ["conv1d_branches_off_embedding", "bidirectional_smaller_backward_layer"]
)
def test_a_class_abbreviated_with_a_full_stop_is_read_as_cut(case: str) -> None:
    """Before: 'SA901 … is a Bidirect., a layer type summaryaudit has no formula for'."""
    truth, printed = load_print(REAL / "keras3" / f"{case}.truth.json")
    abbreviated = printed.replace("(Bidirectional)", "(Bidirect.)    ")
    assert abbreviated != printed
    checked_as_the_print(abbreviated, truth, printed)


# --------------- 82b's 010: a Keras 3 print whose padding and box borders a page's copy lost,
# pasted into a Python string and followed by the code that reads it


def glued_into_a_string(printed: str) -> str:
    """The box's rows as `name (Class)(None, 10)1,290 dense[0][0]`, its header as the author's
    `Layer (type)Output ShapeParamsConnected to`, all in `summary_str = \"\"\"…\"\"\"`, then code
    that splits it and names its columns in a list."""
    rows = []
    for line in printed.splitlines():
        if not line.startswith("│") or not line.split("│")[1].strip():
            continue
        layer, shape, count, inbound = (cell.strip() for cell in line.split("│")[1:5])
        rows.append(f"{layer}{shape}{count} {'' if inbound == '-' else inbound}".rstrip())
    code = [
        "",
        "# Split the string by line break",
        'lines = summary_str.split("\\n")',
        "",
        "# Initialize empty list to store rows",
        "data = []",
        "",
        "# Columns names",
        "headers = ['Layer (type)', 'Output Shape', 'Params', 'Connected to']",
    ]
    head = ['summary_str = """Model: "functional"', "Layer (type)Output ShapeParamsConnected to"]
    return "\n".join([*head, *rows[:-1], rows[-1] + '"""', *code]) + "\n"


def test_a_print_in_a_python_string_ends_where_the_string_does() -> None:
    """Before: the code's lines were read as rows (`lines = summary_str.split`, `data = []`),
    the list of titles as a second, empty summary, and SA003 said there was no Param # column
    (its title written `Params`, glued to the next)."""
    truth, printed = load_print(REAL / "keras3" / "two_heads_classifier_and_box.truth.json")
    pasted = glued_into_a_string(printed)
    report = api.check_text(pasted)
    [summary] = report.summaries
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(want["name"], want["type"], want["params"]) for want in truth["layers"]]
    assert summary.unreadable == ()
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert "table without totals" in sa003.message
    closing = next(at for at, line in enumerate(pasted.splitlines(), 1) if line.endswith('"""'))
    assert sa003.line == closing
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- the review of trial 81's items 1, 3 and 7: rows without counts whose classes
# the column cut, a glued `Params` title over rows in Keras's columns, one such row in prose


def test_rows_without_counts_whose_classes_were_cut_are_read() -> None:
    """Item 1: `relu_activation_long_name_x (Act (None, 64)` rows between dashed rules (their
    classes cut by the column, their counts left out) were no rows (SA002)."""
    _, printed = load_print(REAL / "keras1.2.2" / "long_names_sequential.truth.json")
    cut_at = printed.splitlines()[1].index("Param #")
    kept = [
        line[:cut_at].rstrip()
        for line in printed.splitlines()
        if re.match(r"[a-z_]+ \([A-Z][a-z]* \(None", line)
    ]
    assert len(kept) == 3
    text = "My layers:\n" + f"\n{'-' * 60}\n".join(["", *kept, ""]) + "\n"
    report = api.check_text(text)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [row.split(" ")[0] for row in kept]
    assert summary.unreadable == ()
    assert any("no Param # column" in f.message for f in report.findings)
    assert not any(f.code in ("SA001", "SA002") for f in report.findings)


def test_one_row_without_a_count_in_prose_is_no_table() -> None:
    """Item 7: a line `dense (Dense)   (None, 10)` between sentences, no rule: a quote in
    prose, not a table (the rows quoted under a rule are read: the test above)."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    text, [name] = names_and_shapes_only(printed, "-", 1)
    row = text.splitlines()[3]
    assert row.startswith(name)
    report = api.check_text(f"I added a layer and now\n\n    {row}\n\nis what I get. Why?\n")
    assert [f.code for f in report.findings] == ["SA002"]


def test_a_glued_params_title_over_rows_in_their_columns_reads_every_row() -> None:
    """Item 3: `Output ShapeParamsConnected to` over rows as Keras laid them out lost every row
    (the glued title set the count's column)."""
    truth, printed = load_print(REAL / "tf2.12" / "two_heads_classifier_and_box.truth.json")
    glued = printed.replace(
        "Output Shape         Param #     Connected to", "Output ShapeParamsConnected to"
    )
    assert glued != printed
    checked_as_the_print(glued, truth, printed)


# --------------- 82a's 013: rows quoted from the middle of a print, the paste stopping inside
# the last row's Connected to list (`['add_5[0`)


def middle_rows(printed: str, cut_inbound: bool) -> str:
    """The print's rows from the third to `multiply`, the last one's list cut after `[0`."""
    lines = printed.splitlines()
    start = next(at for at, line in enumerate(lines) if line.startswith(" dense (Dense)"))
    end = next(at for at, line in enumerate(lines) if line.startswith(" multiply ("))
    rows = lines[start : end + 1]
    if cut_inbound:
        rows[-1] = rows[-1][: rows[-1].index("['dense[0]") + len("['dense[0")]
    return "The middle of my summary:\n\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("cut_inbound", [True, False], ids=["cut", "whole"])
def test_a_paste_stopping_inside_an_inbound_list_says_rows_below_may_be_missing(
    cut_inbound: bool,
) -> None:
    """Before: the SA003 info said only that the rows above the first one were left out."""
    _, printed = load_print(REAL / "tf2.12" / "merge_ops.truth.json")
    report = api.check_text(middle_rows(printed, cut_inbound))
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert "rows from the middle of a table" in sa003.message
    said = "stops inside the Connected to list of multiply, its last row"
    assert (said in sa003.message) == cut_inbound
