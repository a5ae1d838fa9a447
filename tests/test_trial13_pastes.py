"""Trial 13's paste damage (new-user trials on 14 + N public pastes), applied as code to real
prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)

REAL = FIXTURES / "real"
RULED = truth_paths(REAL, ("keras1.2.2", "keras2.2.4", "tf1.14"), ("frozen_layers", "big_dense"))


# ----------------------------------------------------------------- 13a's 010: spaces after a blank


def spaces_after_a_blank(text: str) -> str:
    """A README that left a blank line and a line of spaces above the `=` rule under the rows
    (13a's 010, a Udacity write-up)."""
    lines = text.split("\n")
    last_rule = max(i for i, line in enumerate(lines) if line.startswith("====="))
    return "\n".join([*lines[:last_rule], "", " " * 12, *lines[last_rule:]])


@pytest.mark.parametrize("truth_path", RULED, ids=print_id)
def test_a_line_of_spaces_after_a_blank_line_is_blank(truth_path: Path) -> None:
    """Before: the line of spaces was an unreadable row (SA001 ''), the coverage counted a row
    more than the table has, and Total = rows was only bounded."""
    truth, text = load_print(truth_path)
    damaged = spaces_after_a_blank(text)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 13a's 003: `.` under entries

MERGES = truth_paths(
    REAL, ("keras2.2.4", "tf1.14"), ("merge_ops", "big_dense_two_inputs", "attention_layers")
)


def dotted_inbound_lists(text: str) -> str:
    """A write-up that shortened every Connected to list to its first entry and three `.` lines
    under it (13a's 003, an NMT blog post)."""
    out = []
    for line in text.split("\n"):
        match = re.match(r"^( {40,})(\S+\[\d+\]\[\d+\])\s*$", line)
        if match:
            out += [match.group(1) + "."] * 3
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("truth_path", MERGES, ids=print_id)
def test_dots_under_a_connected_to_list_name_no_layer(truth_path: Path) -> None:
    """Before: each `.` was read as a layer's name: three false SA401 a row ("connected to '.',
    but the table has no row of that name"), and a Concatenate's shape was checked against the
    entries left (a false SA301)."""
    truth, text = load_print(truth_path)
    damaged = dotted_inbound_lists(text)
    assert damaged.count(" .\n") >= 3
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert all("." not in entry for layer in summary.layers for entry in layer.connected_to)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 13a's 001: rows cut, no header

WRAPPED = [
    path
    for path in truth_paths(REAL, ("tf2.12", "tf2.9"), ("rnn_stack", "cnn_bn", "big_dense"))
    if len(load_print(path)[0]["layers"]) >= 4  # two rows kept above the cut, one below
]


def commented_excerpt(text: str, mark: str) -> tuple[str, list[str]]:
    """A course script (13a's 001) that kept a print as `# ` comments: the title, header and top
    rule gone, the blank lines between rows dropped, and the middle rows cut out at a `-----`
    mark (`mark`, maybe with words in it). Returns the text and the rows' names kept."""
    lines = text.rstrip("\n").split("\n")
    rules = [i for i, line in enumerate(lines) if line.startswith("=====")]
    body = [line for line in lines[rules[0] + 1 : rules[-1]] if line.strip()]
    starts = [i for i, line in enumerate(body) if re.match(r" \S", line) and "(" in line]
    assert len(starts) >= 4
    kept = [*body[: starts[2]], mark, *body[starts[-1] :]]
    names = [line.split()[0] for line in kept if re.match(r" \S", line) and "(" in line]
    out = [*kept, *lines[rules[-1] :]]
    return "\n".join("# " + line if line else "#" for line in out) + "\n", names


@pytest.mark.parametrize("truth_path", WRAPPED, ids=print_id)
@pytest.mark.parametrize("mark", ["-" * 65, "-" * 20 + "Flatten, Dense cut" + "-" * 20])
def test_rows_kept_as_comments_with_a_cut_mark_are_read(truth_path: Path, mark: str) -> None:
    """Before: the rows were lost and the totals under them said "the layer rows were not
    pasted" (SA003); the `-----` mark where rows were cut out is an elided gap, so no shape is
    chained across it."""
    truth, text = load_print(truth_path)
    damaged, names = commented_excerpt(text, mark)
    summary = one_summary(damaged)
    assert [layer.name for layer in summary.layers] == names
    assert summary.totals.to_dict() == truth["totals"]
    assert summary.elided
    codes = [code for code, _ in findings_by_layer(damaged)]
    assert "SA301" not in codes and "SA001" not in codes
    assert all("not pasted" not in f.message for f in api.check_text(damaged).findings)


# ----------------------------------------------------------------- 13a's 007: box rows, no borders

BOXES = truth_paths(REAL, ("keras3",), ("cnn_bn", "rnn_stack", "big_dense"))


def box_rows_without_borders(text: str) -> str:
    """Course notes exported from Notion (13a's 007): the Model: line, the rows' `│` lines and
    the Total line kept; the box's borders, header and separators dropped."""
    lines = text.rstrip("\n").split("\n")
    rows = [line for line in lines if line.startswith("│")]
    total = next(line for line in lines if "Total params" in line)
    return "\n".join([lines[0], *rows, total, ""])


@pytest.mark.parametrize("truth_path", BOXES, ids=print_id)
def test_box_rows_right_above_a_total_are_read(truth_path: Path) -> None:
    """Before: 0 rows, and an SA003 that said the layer rows were not pasted."""
    truth, text = load_print(truth_path)
    damaged = box_rows_without_borders(text)
    report = api.check_text(damaged)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert all("not pasted" not in f.message for f in report.findings)
    assert [f.code for f in report.findings] == ["SA003"]  # Trainable, Non-trainable cut off


# ----------------------------------------------------------------- 13a's 011: a name past its cell


def classes_retyped_whole(text: str) -> str:
    """A course chapter that retyped a tf.keras 2.9+ print (13a's 011): a class the column
    wrapped (`batch_normalization (BatchN` / ` ormalization)`) typed whole on the row's line,
    pushing the row's shape to the right, one space after it."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and re.fullmatch(r" \w+\)\s*", line) and "(" in out[-1]:
            row = out.pop()
            cells = re.match(r"( \S+ \(\w+)\s+(\S.*)$", row)
            assert cells is not None
            out.append(f"{cells.group(1)}{line.strip()} {cells.group(2)}")
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "truth_path", truth_paths(REAL, ("tf2.12", "tf2.9"), ("cnn_bn", "rnn_stack")), ids=print_id
)
def test_a_row_whose_name_runs_into_the_shape_column_is_a_row(truth_path: Path) -> None:
    """Before: the row was read as the rest of the row above (two rows merged into one, its
    count lost), and the next shape check went wrong (a false SA301)."""
    truth, text = load_print(truth_path)
    damaged = classes_retyped_whole(text)
    assert damaged != text
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 13a's 012: two blank lines


def comments_spaced_twice(text: str) -> str:
    """A course script (13a's 012) that kept a print cut at the top (from the `=` rule under
    its header) as `# ` comments, with two blank lines between some rows."""
    lines = text.rstrip("\n").split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("====="))
    out: list[str] = []
    for line in lines[first:]:
        out += ["", ""] if not line.strip() else ["# " + line]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("truth_path", WRAPPED, ids=print_id)
def test_rows_two_blank_lines_apart_stay_in_the_table(truth_path: Path) -> None:
    """Before: the rows above the last two blank lines were lost without a word, and the
    coverage said they were not shown."""
    truth, text = load_print(truth_path)
    damaged = comments_spaced_twice(text)
    summary = one_summary(damaged)
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"]]
    assert summary.totals.to_dict() == truth["totals"]


# ----------------------------------------------------------------- 13a's 013: no bias, 3×3


@pytest.mark.parametrize("generation", ["keras3", "tf1.14"])
def test_a_separable_conv_without_bias_reads_as_its_square_kernel(generation: str) -> None:
    """Xception's SeparableConv2D (use_bias=False, 3×3): the derivation said `K = 7 → kernel
    1×7`, a bias and a kernel no one builds, where no bias gives the 3×3 the model has."""
    truth, text = load_print(REAL / generation / "separable_without_bias.truth.json")
    [summary] = api.check_text(text).summaries
    assert_reads_as_truth(summary, truth)
    derived = {p.name: a.derivation for p, a in zip(summary.layers, summary.audited_rows())}
    for name, kernel in [("sep3x3", "3×3"), ("sep5x5", "5×5"), ("sep7x7", "7×7")]:
        assert f"→ kernel {kernel}" in (derived[name] or "")
        assert "use_bias=False" in (derived[name] or "")
    assert "→ kernel 3×3" in (derived["sep3x3_bias"] or "")
    assert "use_bias=False" not in (derived["sep3x3_bias"] or "")


# ----------------------------------------------------------------- 13b's 004: 2 × C or 4 × H


@pytest.mark.parametrize("generation", ["keras3", "tf1.14"])
def test_a_bn_count_two_ways_is_read_the_way_non_trainable_allows(generation: str) -> None:
    """FractalNet's Keras 2 doctest: 32 on (None, 8, 8, 16) is 2 × 16 (center and scale off) or
    4 × 8 (axis=1 on channels-last data). Before: read as 2 × 16, so the genuine print was
    accused of an edit (SA203: the moving statistics "already hold 32", Non-trainable says 16)
    and its wrong axis went unreported."""
    truth, text = load_print(REAL / generation / "bn_axis1_height_half_the_channels.truth.json")
    report = api.check_text(text)
    assert [(f.code, f.layer) for f in report.findings] == [
        (fault["code"], fault["layer"]) for fault in truth["faults"]
    ]
    [axis] = report.findings
    assert "32 = 4 × 8" in axis.message
    assert "Non-trainable params says" in axis.message
    edited = re.sub(r"(Non-trainable params: )16", r"\g<1>32", text)
    edited = re.sub(
        r"(Trainable params: )([\d,]+)",
        lambda m: f"{m[1]}{int(m[2].replace(',', '')) - 16:,}",
        edited,
    )
    assert edited.count("32") > text.count("32")
    codes = [f.code for f in api.check_text(edited).findings]
    assert "SA102" not in codes  # Non-trainable 32: 2 × 16 fits, the totals rule nothing out


# ----------------------------------------------------------------- 13b's 006: a heading


def column_notes_under(text: str) -> str:
    """A Markdown note (13b's 006) that prints a summary, then explains its columns under
    headings that name them (`### 1️⃣ Layer (type)`), and quotes two totals lines in a fence."""
    notes = [
        "## Column by column",
        "",
        "### 1️⃣ Layer (type)",
        "",
        "* the layer's name and class",
        "",
        "### 2️⃣ Output Shape",
        "",
        "* `(None, units)`",
        "* `None` = batch size",
        "",
        "### 3️⃣ Param",
        "",
        "* the layer's parameters",
        "",
        "```text",
        "Trainable params: 177",
        "Non-trainable params: 0",
        "```",
        "",
    ]
    return "\n".join(["```", text.rstrip("\n"), "```", "", *notes])


@pytest.mark.parametrize("truth_path", RULED + WRAPPED, ids=print_id)
def test_headings_that_name_a_column_are_no_header(truth_path: Path) -> None:
    """Before: `### 1️⃣ Layer (type)` was read as a header (its `### 1️⃣ ` as a logger's prefix),
    two rows were invented from the bullet points, and four SA001 and an SA003 followed."""
    truth, text = load_print(truth_path)
    damaged = column_notes_under(text)
    report = api.check_text(damaged)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 13b's 010: another tool's table


def symbolic_table(text: str) -> str:
    """The rows of a real print laid out as pytorch-symbolic's "Keras-like" summary does (13b's
    010): an index column, names without classes, `Params` and `Parent` columns, Keras's
    three totals lines under it."""
    truth_rows = [
        re.match(r"\s*(\S+) \((\w+)\)\s+(\(.*?\))\s+([\d,]+)", line) for line in text.split("\n")
    ]
    rows = [m for m in truth_rows if m is not None]
    out = ["_" * 55, "     Layer       Output shape        Params   Parent   ", "=" * 55]
    for i, m in enumerate(rows, 1):
        parent = str(i - 1) if i > 1 else ""
        out.append(f"{i:<5}{m[1]:<12}{m[3]:<20}{m[4]:<9}{parent}")
    totals = [line.strip() for line in text.split("\n") if re.search(r"params: ", line)]
    return "\n".join([*out, "=" * 55, *totals, "_" * 55, ""])


@pytest.mark.parametrize("truth_path", RULED, ids=print_id)
def test_another_tools_table_with_keras_totals_is_not_read(truth_path: Path) -> None:
    """Before: "totals without a table: the layer rows were not pasted" (SA003), or a row
    invented from the table's last line, on a table Keras never printed."""
    _, text = load_print(truth_path)
    foreign = symbolic_table(text)
    assert "Total params" in foreign and "Parent" in foreign
    report = api.check_text(foreign)
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]


# ----------------------------------------------------------------- 13b's 008: a LaTeX tabular


def latex_tabular(text: str) -> str:
    r"""A report that retyped a print as a LaTeX table (13b's 008): `&` between the cells, `\\`
    at each row's end, `\_` in names, `\hline` rules, the totals as `\textbf{…}` rows."""
    lines = text.split("\n")
    header = next(line for line in lines if "Layer (type)" in line)
    titles = r"Layer \(type\)|Output Shape|Param #|Connected to"
    starts = [m.start() for m in re.finditer(titles, header)]

    def cells(line: str) -> list[str]:
        bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
        return [
            line[a:b].strip().replace("_", r"\_").replace("#", r"\#")
            for a, b in zip(starts, bounds)
        ]

    rules = [i for i, line in enumerate(lines) if line.startswith("====")]
    rows = [line for line in lines[rules[0] + 1 : rules[-1]] if line.strip("_ ")]
    out = [
        r"\begin{tabular}{" + "l" * len(starts) + "}",
        r"    \hline",
        "    " + " & ".join(cells(header)) + r" \\",
    ]
    out += [
        r"    \hline",
        *("    " + " & ".join(cells(row)) + r" \\" for row in rows),
        r"    \hline",
    ]
    for line in lines:
        label, colon, count = line.partition(": ")
        if colon and label.endswith("params"):
            empty = [""] * (len(starts) - 2)
            total = " & ".join([rf"\textbf{{{label}:}}", *empty, rf"\textbf{{{count}}}"])
            out.append(rf"    {total} \\")
    return "\n".join([*out, r"    \hline", r"\end{tabular}", ""])


@pytest.mark.parametrize("truth_path", RULED, ids=print_id)
def test_a_summary_retyped_as_a_latex_tabular_is_read(truth_path: Path) -> None:
    r"""Before: no row was read (every line an SA001, `\hline` included), and an SA003 said the
    totals lines were missing though the `\textbf{Total params:}` rows were there."""
    truth, text = load_print(truth_path)
    tex = latex_tabular(text)
    assert r"\_" in tex and r"\textbf{Total params:}" in tex
    report = api.check_text(tex)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert findings_by_layer(tex) == findings_by_layer(text)


# ----------------------------------------------------------------- 13a's 005: TensorFlow.js shapes


def tfjs_shapes(text: str) -> str:
    """A book page that printed a TensorFlow.js model (13a's 005): its shapes as JavaScript
    arrays (`[null,784]`), each padded to the width of the shape it stands for."""

    def as_array(match: re.Match[str]) -> str:
        shape = match.group(0)
        array = "[" + shape[1:-1].replace("None", "null").replace(" ", "") + "]"
        return array.ljust(len(shape))

    return re.sub(r"\(None(?:, \d+)*\)", as_array, text)


@pytest.mark.parametrize(
    "truth_path",
    truth_paths(REAL, ("keras2.2.4",), ("cnn_bn", "big_dense", "merge_ops")),
    ids=print_id,
)
def test_tensorflow_js_shapes_are_read(truth_path: Path) -> None:
    """Before: `[null,784]` was no shape, so every row was unreadable (SA001) and nothing was
    checked."""
    truth, text = load_print(truth_path)
    damaged = tfjs_shapes(text)
    assert "[null," in damaged and "(None" not in damaged
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert [layer.output_shape for layer in summary.layers] == [
        layer.output_shape for layer in one_summary(text).layers
    ]
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 12a's 008: keras.ops rows


def test_keras_ops_rows_own_no_weights() -> None:
    """Trial 12a's nit: `any (Any)` had no formula (SA901, "not checked") where `not_equal
    (NotEqual)` was known as a keras.ops operation; Max, Min, Negative and Any were the same."""
    truth, text = load_print(REAL / "keras3" / "ops_without_weights.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.coverage is not None
    assert (summary.coverage.rows_verified, summary.coverage.rows_read) == (11, 11)


# ----------------------------------------------------------------- 12a's nit: a title in its <pre>

PRE = (
    '<pre style="white-space:pre;overflow-x:auto;line-height:normal;font-family:Menlo,'
    "'DejaVu Sans Mono',consolas,'Courier New',monospace\">"
)


def title_in_a_pre_of_its_own(text: str) -> str:
    """A notebook exported to HTML (12a's 001 and 009): Keras 3's rich output puts the title in
    a `<pre>` of its own, four blank lines above the `<pre>` of the box."""
    title, _, box = text.partition("\n")
    bold = f'<span style="font-weight: bold">{title}</span>'
    return "\n".join(
        [f"{PRE}{bold}", "</pre>", "", "", "", "", f"{PRE}{box.rstrip()}", "</pre>", ""]
    )


@pytest.mark.parametrize("truth_path", BOXES, ids=print_id)
def test_a_title_in_a_pre_of_its_own_names_the_model(truth_path: Path) -> None:
    """Before: the Model: line was too far above the box, so the summary was called `model`."""
    truth, text = load_print(truth_path)
    damaged = title_in_a_pre_of_its_own(text)
    summary = one_summary(damaged)
    assert summary.model_name == truth["model_name"]
    assert summary.start_line == 1
    assert_reads_as_truth(summary, truth)


# ----------------------------------------------------------------- 12b's nit: a wrong row


@pytest.mark.parametrize("truth_path", RULED, ids=print_id)
def test_a_row_flagged_wrong_is_not_counted_as_verified(truth_path: Path) -> None:
    """Trials 12b and 9: "verified 6 of 6 rows" was printed with two of those rows flagged
    SA101, though the README says a row is verified when its count fits its formula."""
    truth, text = load_print(truth_path)
    dense = next(w for w in truth["layers"] if w["type"] == "Dense" and w["params"] > 100)
    count = f"{dense['params']:,}" if f"{dense['params']:,}" in text else str(dense["params"])
    edited = text.replace(f" {count} ", f" {count[:-1]}{(int(count[-1]) + 3) % 10} ", 1)
    report = api.check_text(edited)
    assert next(f.code for f in report.findings if f.layer == dense["name"]) == "SA101"
    [summary] = report.summaries
    coverage = summary.coverage
    assert coverage is not None
    clean = api.check_text(text).summaries[0].coverage
    assert clean is not None
    assert coverage.rows_verified == clean.rows_verified - 1
    assert any(
        "no reading of its class gives" in reason and dense["name"] in reason
        for reason in coverage.not_verified
    )
