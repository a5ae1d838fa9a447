"""Trials 33 and 34 (hand-made tables, box damage, training logs, explanations of a count,
uncommon models): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import checked_as_truth, load_print, shape_text, totals_lines
from .test_trial30_pastes import CNN_BN, KERAS_TITLES

REAL = FIXTURES / "real"


def _retyped(
    truth: dict,  # type: ignore[type-arg]
    label: Callable[[dict], str] = lambda layer: f"{layer['name']} ({layer['type']})",  # type: ignore[type-arg]
    titles: str = KERAS_TITLES,
) -> str:
    """A real model's print retyped as a Markdown table under `titles`, each row's first cell
    as `label` writes it, its totals under it."""
    rows = [
        f"| {label(layer)} | {shape_text(layer['output_shape'])} | {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    return "\n".join([titles, "|---|---|---|", *rows, "", *totals_lines(truth)]) + "\n"


# --------------- 33c's 011: a notebook generator drew the inner bars of each row heavy


def test_box_rows_whose_inner_bars_are_heavy_are_rows() -> None:
    """`"│ conv1 (Conv2D) ┃ (None, 160, 160, 32) ┃ 896 │\\n",`: a script that writes a notebook
    drew the bars between a row's cells as the header's `┃`, each line a string literal.
    Before: the outer `│` were taken for a frame around a fixed-width print, and every row
    was a note and an unreadable line at once."""
    truth, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    heavy = "\n".join(
        line[0] + line[1:-1].replace("│", "┃") + line[-1] if line.startswith("│ ") else line
        for line in text.rstrip("\n").split("\n")
    )
    assert re.search(r"^│ \S.*┃.*│$", heavy, re.M)
    heavy = "".join(f'    "{line}\\n",\n' for line in heavy.split("\n"))
    report, _ = checked_as_truth(heavy, truth)
    assert [f.code for f in report.findings] == []


# --------------- 33a's 012: `Outer Shape` for Output Shape, totals ending in a hard break


def test_a_table_whose_shape_title_is_mistyped_outer_is_read() -> None:
    """`| Layer | Outer Shape | Parameters |` over a model's rows, and totals each ending in
    Markdown's hard break ` \\`. Before: no row was read ("totals without a table")."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        for layer in truth["layers"]
    ]
    totals = [f"{line} \\" for line in totals_lines(truth)]
    text = "\n".join(
        ["| Layer | Outer Shape | Parameters |", "|:---:| :---:| :---:|", *rows, "", *totals]
    )
    report, _ = checked_as_truth(text + "\n", truth)
    assert [f.code for f in report.findings] == []


# --------------- 33a's 001: a Type column whose cells are the author's code, with arguments


def test_type_cells_written_as_calls_with_arguments_are_classes() -> None:
    """`| conv2d_1 | Conv2D(32, relu) | (None, 26, 26, 32) | 320 |`: an LLM-written README
    gave each layer's class as the call that made it. Before: each such row was unreadable
    (SA001), its class cell taken for the shape and its count lost."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")

    def type_cell(layer: dict) -> str:  # type: ignore[type-arg]
        called = layer["type"] in ("Conv2D", "Dense")
        return f"{layer['type']}({layer['output_shape'][-1]}, relu)" if called else layer["type"]

    rows = [
        f"| {layer['name']} | {type_cell(layer)} | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    assert any("Conv2D(32, relu)" in row for row in rows)
    header = ["| Layer | Type | Output Shape | Parameters |", "|---|---|---|---|"]
    text = "\n".join([*header, *rows, "", *totals_lines(truth)])
    report, _ = checked_as_truth(text + "\n", truth)
    assert [f.code for f in report.findings] == []


# --------------- 32a's 006: Conv1D branches retyped without Connected to


def test_a_branch_read_under_another_row_is_consistent_not_a_grouped_kernel() -> None:
    """Three Conv1D branches (kernels 3, 4, 5) off a 300-wide Embedding, retyped without the
    Connected to column, so the first stands under a 512-channel Bidirectional row. Before:
    'K = 225 with groups=128', 'K = 75 with groups=8', 'K = 375 with groups=32', each
    verified. Now each is consistent only, read as K × C (300 channels × its kernel), and the
    row above named as no likely input."""
    truth, _ = load_print(REAL / "keras3/conv1d_branches_off_embedding.truth.json")
    report, summary = checked_as_truth(_retyped(truth), truth)
    assert [f.code for f in report.findings] == []
    audited = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert summary.coverage is not None
    consistent = {name for name, _ in summary.coverage.consistent_only}
    above = {"conv1d": ("512", "128"), "conv1d_1": ("128", "8"), "conv1d_2": ("128", "32")}
    assert set(above) <= consistent  # consistent only, not verified
    for kernel, (name, (channels, groups)) in zip((3, 4, 5), above.items()):
        derivation = audited[name].derivation or ""
        assert f"K × C = {300 * kernel:,}" in derivation  # 300 channels × its kernel
        assert f"the row above's {channels} channels fit only with groups={groups}" in derivation
        assert "likely another layer" in derivation


# --------------- trials 31–33's nit: a hand-made table that gives only its Total


def test_a_table_giving_only_its_total_is_not_said_to_be_a_cut_print() -> None:
    """A retyped table with `Total params` alone: the warning names what cannot be checked
    and both causes (a paste cut short, or an author who left the lines out). Before: 'the
    totals look cut short', a claim about a print the text does not prove."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    total = f"Total params: {truth['totals']['total']:,}"
    report = api.check_text("\n".join([KERAS_TITLES, "|---|---|---|", *rows, "", total]) + "\n")
    [finding] = report.findings
    assert finding.code == "SA003"
    assert "look cut short" not in finding.message
    assert "the Trainable and Non-trainable params lines are missing" in finding.message
    assert "how many weights are frozen or moving statistics cannot be checked" in finding.message
    assert "or a table written by hand left them out" in finding.message


# --------------- 34c's 008: TensorFlow op rows whose outputs are shapes and scalars


def test_op_rows_without_a_batch_axis_leave_the_other_shapes_read() -> None:
    """tf-keras prints `tf.compat.v1.shape (TFOpLambda)  (4,)` and a product's `()` beside
    the batched rows. Before: those first axes (4, 2, none) beside `None` were taken for
    shapes retyped without their batch axis, so no shape was read and conv2d and dense were
    'not decided by the shapes shown'. Now every row is verified."""
    truth, text = load_print(REAL / "tf_keras/tensorflow_ops_output_shapes.truth.json")
    assert "(4,)" in text and "()" in text
    report, summary = checked_as_truth(text, truth)
    assert [f.code for f in report.findings] == []
    assert summary.coverage is not None and summary.coverage.complete
    assert summary.coverage.rows_verified == len(truth["layers"])
    audited = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert "456 = 6 filters × (K × 3 channels + 1) → K = 25" in (audited["conv2d"].derivation or "")


# --------------- 34b's 001, 002: a count followed by the author's arithmetic


def test_a_count_followed_by_its_arithmetic_after_one_space_is_read() -> None:
    """`conv2d (Conv2D)  (None, 26, 26, 32)  320 = 32*10`: a study page wrote each weighted
    layer's arithmetic right after its count, one space away. Before: each such row was
    unreadable (SA001). Now the count is read and the arithmetic is said beside the row."""
    truth, text = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    weighted = {
        layer["name"]: (layer["output_shape"][-1], layer["params"])
        for layer in truth["layers"]
        if layer["type"] in ("Conv2D", "Dense")
    }
    lines = text.split("\n")
    for at, line in enumerate(lines):
        name = line.split(" (", 1)[0].strip()
        if name in weighted:
            units, count = weighted[name]
            lines[at] = f"{line.rstrip()} = {units}*{count // units}"
    written = "\n".join(lines)
    assert "320 = 32*10" in written
    report, summary = checked_as_truth(written, truth)
    assert [f.code for f in report.findings] == []
    assert [text for _, text in summary.asides] == [
        f"= {units}*{count // units}" for units, count in weighted.values()
    ]


# --------------- 34b's 013: notes beside a count and in the margin of a commented print


def _commented_with_notes(text: str, name: str, count: int) -> str:
    """A print kept as `# ` comments from its `=` rule down, with the author's note after one
    row's count and a comment of their own far right on the line under it (no `#` at its
    start: the comment's mark is in the margin)."""
    lines = text.rstrip("\n").split("\n")
    lines = lines[next(at for at, line in enumerate(lines) if line.startswith("====")) :]
    at = next(i for i, line in enumerate(lines) if line.startswith(f" {name} ("))
    lines[at] = f"{lines[at].rstrip()}          {name} note: {count} = its gates' weights"
    margin = " " * 68 + f"#worked out for {name} by hand"
    return "\n".join(margin if i == at + 1 else f"# {line}" for i, line in enumerate(lines))


@pytest.mark.parametrize("name", ["simple_rnn", "lstm"])  # the first row, and one below it
def test_notes_beside_a_count_and_in_the_margin_keep_their_rows(name: str) -> None:
    """A study script kept a print as comments from its `=` rule down, wrote after a count
    (`1392          lstm note: …`) and under it, far right, a comment of its own
    (`#worked out …`). Before: the count run into its note (`1392lstm …`) was unreadable,
    the margin comment, its mark taken for the print's, became a row, and with that comment
    under the first row, the rows above it were lost without a word."""
    truth, text = load_print(REAL / "tf_keras/rnn_stack.truth.json")
    count = next(layer["params"] for layer in truth["layers"] if layer["name"] == name)
    report, summary = checked_as_truth(_commented_with_notes(text, name, count) + "\n", truth)
    assert [f.code for f in report.findings] == []
    notes = [text for _, text in summary.asides]
    assert f"{name} note: {count} = its gates' weights" in notes
    assert f"#worked out for {name} by hand" in notes


# --------------- 34b's 010: notes in the margin of a commented print's rules


def test_notes_right_of_a_commented_prints_rules_are_no_rows() -> None:
    """A study script kept a Keras 2 print as `# ` comments and wrote notes right of its
    rules: three blanks after a `_` rule (`___   after conv [3x3] --> [2x2]`) and far right
    of the `=` rule (the code's `input_shape=(28, 28, 1)))`). Before: each note became a row
    (one with the class Conv2D), unreadable, and the row under it was derived as if its
    input were not shown."""
    truth, text = load_print(REAL / "keras2.3.1/cnn_bn.truth.json")
    notes = ["input_shape=(28, 28, 1)))"]
    lines = []
    for line in text.rstrip("\n").split("\n"):
        if line.startswith("____") and len(notes) < 4 and lines[-1][2:].startswith("conv"):
            notes.append(f"after {len(notes)} --> [2x2]")
            line = f"{line.rstrip()}   {notes[-1]}"
        elif line.startswith("===="):
            line = f"{line.rstrip()}{' ' * 20}{notes[0]}" if len(notes) == 1 else line
        lines.append(f"# {line}")
    written = "\n".join(lines) + "\n"
    assert "---   after" not in written and "___   after 1 --> [2x2]" in written
    report, summary = checked_as_truth(written, truth)
    assert [f.code for f in report.findings] == []
    assert [text for _, text in summary.asides] == notes


# --------------- 34a's 009: a logger's prefix without its blank on a spacer line


def test_a_logged_print_whose_spacer_lines_lost_the_prefixs_blank_is_whole() -> None:
    """`2023-02-06 07:50:31.312091: [Create network] ` before every line of a tf.keras print,
    each line's trailing blanks trimmed, so the spacer lines end at `]`. Before: reading
    stopped at the first spacer line; the rows under it and all three totals were lost."""
    truth, text = load_print(REAL / "tf_keras/rnn_stack.truth.json")
    logged = "\n".join(
        f"2023-02-06 07:50:31.{312091 + at}: [Create network] {line}".rstrip()
        for at, line in enumerate(text.rstrip("\n").split("\n"))
    )
    assert "[Create network]\n" in logged
    report, _ = checked_as_truth(logged + "\n", truth)
    assert [f.code for f in report.findings] == []


# --------------- 34a's 014: two sublayers of one name inside a subclassed model


def test_sublayers_sharing_a_name_inside_a_subclassed_model_are_no_edit() -> None:
    """Keras 3 prints both `encoder_layer (Encoder)` rows a subclassed model holds under one
    name. Before: SA402 said a row was pasted twice or the table edited. Printed under a
    Functional model's row instead, the same two names are still flagged."""
    truth, text = load_print(REAL / "keras3/subclassed_sublayers_sharing_a_name.truth.json")
    names = [layer["name"] for layer in truth["layers"]]
    assert names.count("encoder_layer") == 2
    report, _ = checked_as_truth(text, truth)
    assert "SA402" not in {f.code for f in report.findings}
    as_functional = text.replace("(TransformerEncoder)", "(Functional)        ")
    assert "SA402" in {f.code for f in api.check_text(as_functional).findings}


# --------------- 34c's 009: the author's notes right of the Connected to lists


def test_notes_right_of_a_rows_inbound_list_are_asides() -> None:
    """`input_1 (InputLayer) [(None, 12)] 0 []        <- remove`: an author marked rows to
    drop in the margin of a tf-keras print. Before: each note joined the row's Connected to
    list (`'[]<- remove'`), and the rows were said to be connected to layers with no row."""
    truth, text = load_print(REAL / "tf_keras/merge_ops.truth.json")
    marked = {" input_1 (", " input_2 (", " dense_2 ("}
    lines = [
        f"{line.rstrip()}        <- remove" if line.startswith(tuple(marked)) else line
        for line in text.split("\n")
    ]
    report, summary = checked_as_truth("\n".join(lines), truth)
    assert [f.code for f in report.findings] == []
    assert [text for _, text in summary.asides] == ["<- remove"] * 3
    assert [layer.connected_to for layer in summary.layers[:2]] == [(), ()]


def test_commented_rows_from_the_input_down_with_a_gap_are_not_cut_above() -> None:
    """Rows of a tf-keras print kept as `#` comments from its InputLayer down, without header
    or totals, `...` standing for a row left out. Before: 'the rows above the first one
    shown are left out', as the row under the gap names a layer not shown; that layer is
    said to be in the gap."""
    _, text = load_print(REAL / "tf_keras/merge_ops.truth.json")
    lines = text.split("\n")
    rows = lines[lines.index(next(x for x in lines if x.startswith(" input_1 ("))) :]
    rows = rows[: next(i for i, x in enumerate(rows) if x.startswith("===="))]
    gap = next(i for i, x in enumerate(rows) if x.startswith(" dense_1 ("))
    rows[gap] = " ..."
    written = "\n".join(f"#{row}".rstrip() for row in rows) + "\n\nprint('done')\n"
    report = api.check_text(written)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers if layer.params is not None][:3] == [
        "input_1",
        "input_2",
        "dense",
    ]
    messages = [f.message for f in report.findings]
    assert not any("rows above the first one shown" in m for m in messages)
    unknown = [f.message for f in report.findings if f.code == "SA401"]
    assert len(unknown) == 2  # add and multiply, each connected to dense_1
    assert all("'dense_1'" in m and f"where line {gap + 1} marks them" in m for m in unknown)


# --------------- 34c's 013: a cut class retyped into the shape's cell


def test_a_cut_class_retyped_into_the_shape_cell_goes_back_to_its_name() -> None:
    """A Keras 2 print (`batch_normalization_1 (Batch (None, 26, 26, 32)  128`, the class cut
    by its column) retyped as a Markdown table split at the name: `| batch_normalization_1
    | (Batch (None, 26, 26, 32) | 128 |`. Before: the class was read as part of the shape,
    and the row's class as not shown."""
    truth, text = load_print(REAL / "keras2.3.1/cnn_bn.truth.json")
    rows = []
    for line in text.split("\n"):
        found = re.match(r"(\S+) (\(\w+\)?) +(\(None[^)]*\)) +(\d+)", line)
        if found is not None:
            name, kind, shape, count = found.groups()
            if kind.endswith(")"):
                rows.append(f"| {name} {kind} | {shape} | {count} |")
            else:  # the class the column cut: in the shape's cell
                rows.append(f"| {name} | {kind} {shape} | {count} |")
    assert any("| (Batch (None, 26, 26, 32) |" in row for row in rows)
    table = "\n".join([KERAS_TITLES, "| --- | --- | --- |", *rows, "", *totals_lines(truth)])
    report, summary = checked_as_truth(table + "\n", truth)
    assert [f.code for f in report.findings] == []
    shapes = [shape_text(layer["output_shape"]) for layer in truth["layers"]]
    assert [layer.output_shape for layer in summary.layers] == shapes


# --------------- 34a's 008: kernel shapes that need a padding per axis


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_kernel_shapes_that_need_two_paddings_are_not_offered(generation: str) -> None:
    """Conv2D(32, 4) takes 22×7 to 19×4: K = 16 is 4×4, or 2×8 only with padding='valid' on
    the first axis and 'same' on the second, which no Conv2D has. Before: 'kernel 4×4 (or
    2×8)'."""
    truth, text = load_print(REAL / f"{generation}/conv_kernel_one_padding.truth.json")
    _, summary = checked_as_truth(text, truth)
    audited = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    derivation = audited["conv2d"].derivation or ""
    assert "K = 16 → kernel 4×4;" in derivation
    assert "2×8" not in derivation


# --------------- 34a's 011: rows named in words (`Max Pooling`, `1st Fully Connected`)

_IN_WORDS = {
    "Conv2D": "Convolutional",
    "BatchNormalization": "Batch Normalization",
    "MaxPooling2D": "Max Pooling",
    "Flatten": "Flatten",
    "Dense": "Fully Connected",
}


def test_rows_named_in_words_are_read_as_the_class_the_words_name() -> None:
    """A write-up retyped a print as `| Max Pooling | (None, 13, 13, 32) | 0 |`, `| 1st Fully
    Connected | … |`. Before: the pooling rows were `?` ('Add, Concatenate, Flatten, Multiply
    and 4 more') and the Dense rows' class came from their counts alone."""
    truth, _ = load_print(CNN_BN)
    rows = [
        f"| {at + 1}. {_IN_WORDS[layer['type']]} | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        for at, layer in enumerate(truth["layers"])
    ]
    text = "\n".join([KERAS_TITLES, "| --- | --- | --- |", *rows, "", *totals_lines(truth)])
    report = api.check_text(text + "\n")
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    audited = summary.audited_rows()
    assert [row.type for row in audited] == [layer["type"] for layer in truth["layers"]]
    assert all("inferred from its name)" in (row.derivation or "") for row in audited)


# --------------- 33a's 006: a grid table's section headings


def test_section_headings_in_a_grid_table_are_notes_not_a_cropped_table() -> None:
    """An ASCII box with a heading set alone in its first cell before groups of rows (`|
    **Convolutional block**`, no closing bar), its header's closing bar lost. Before: each
    heading was a row, its missing bar made the table 'cropped on the right', and every
    count was dropped."""
    truth, text = load_print(REAL / "keras3/cnn_bn_ascii_cp1252.truth.json")
    lines = text.split("\n")
    header = next(at for at, line in enumerate(lines) if "Layer (type)" in line)
    lines[header] = lines[header].rstrip().rstrip("|").rstrip()
    headings = {"| conv2d (": "| **Convolutional block**", "| dense (": "| **Classifier head**"}
    damaged = []
    for line in lines:
        heading = next((h for start, h in headings.items() if line.startswith(start)), None)
        if heading is not None:
            damaged.append(heading)
        damaged.append(line)
    report, summary = checked_as_truth("\n".join(damaged), truth)
    assert [f.code for f in report.findings] == []
    assert [text for _, text in summary.asides] == list(headings.values())


def test_nbsp_spaced_keras1_rows_keep_their_counts_beside_a_drifted_inbound_list() -> None:
    """29c's 001 (kept by this session's count-cell change): a Keras 1 print whose blanks a
    page wrote as `&nbsp;`, so each row's Connected to entry drifts left into the Param #
    column. The count and the entry stay one blank apart, read as the count and its entry."""
    truth, text = load_print(REAL / "keras1.2.2/cnn_tf_bn_default_axis.truth.json")
    nbsp = "&nbsp;"
    lines = []
    for line in text.split("\n"):
        found = re.match(r"(\S+ \(\S+\)?) +(\(None[^)]*\)) +(\d+) +(\S+)", line)
        if line.startswith("Layer (type)"):
            line = (
                f"Layer (type) {nbsp * 18} Output{nbsp * 6} Shape{nbsp * 6}          "
                f"Param Nrs{nbsp * 12}     Connected to"
            )
        elif found is not None:
            name, shape, count, inbound = found.groups()
            line = f"{name}  {nbsp * 2} {shape} {nbsp * 2}   {count} {nbsp * 2}         {inbound}"
        lines.append(line)
    report, _ = checked_as_truth("\n".join(lines), truth)
    assert [f.code for f in report.findings] == []


# --------------- 33b's 006: a book's PDF text whose every blank was lost


def test_rows_joined_without_any_blank_are_each_read() -> None:
    """`input_1(InputLayer)[(None,4096)]0dense(Dense)(None,4096)16781312…`: a tf.keras print
    as a PDF's text layer gives it, every blank and line break lost (the totals on the next
    page). Before: every second row was lost inside the count of the row before it."""
    truth, text = load_print(REAL / "tf2.12/big_dense.truth.json")
    table = text[: text.index("Total params")]
    glued = "".join(table.split())
    assert "(None,4096)16781312dense_1(Dense)" in glued
    [summary] = api.check_text(glued + "\n").summaries
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(want["name"], want["type"], want["params"]) for want in truth["layers"]]
    assert summary.unreadable == ()


# --------------- trial 35c: pages not in English


def test_a_vietnamese_tab_separated_table_and_total_are_read() -> None:
    """`Lớp (loại)\\tOutput shape\\tTham số` over rows whose cells are set apart by tabs, and
    `Tổng số lượng tham số: N` under them (35c's 001). Before: no summary was found."""
    truth, _ = load_print(CNN_BN)
    rows = [
        f"{layer['name']} ({layer['type']})\t{shape_text(layer['output_shape'])}\t{layer['params']}"
        for layer in truth["layers"]
    ]
    total = f"Tổng số lượng tham số: {truth['totals']['total']:,}"
    text = "\n".join(["Mô hình:", "Lớp (loại)\tOutput shape\tTham số", *rows, "", total])
    [summary] = api.check_text(text + "\n").summaries
    rows_read = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows_read == [(row["name"], row["type"], row["params"]) for row in truth["layers"]]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]


def test_portuguese_and_french_titles_totals_and_spaced_groups_are_read() -> None:
    """`| Camada (tipo) | Forma de Saída | Número de Parâmetros |` (35c's 015), `Dimension de
    Sortie` and `Paramètres` with counts grouped by blanks, `1 181 696` (013), and `Total de
    Parâmetros Treináveis: N` (012). Before: no count was read under the first two headers,
    and the last line was no total."""
    truth, _ = load_print(CNN_BN)
    totals = truth["totals"]

    def table(titles: str, count: Callable[[int], str]) -> str:
        rows = [
            f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
            f"| {count(layer['params'])} |"
            for layer in truth["layers"]
        ]
        trainable = f"Total de Parâmetros Treináveis: {totals['trainable']:,}"
        return "\n".join([titles, "|---|---|---|", *rows, "", trainable]) + "\n"

    portuguese = table("| Camada (tipo) | Forma de Saída | Número de Parâmetros |", str)
    french = table(
        "| Couche (Type) | Dimension de Sortie | Paramètres |", lambda n: f"{n:,}".replace(",", " ")
    )
    assert "| 54 090 |" in french
    for text in (portuguese, french):
        [summary] = api.check_text(text).summaries
        rows_read = [(layer.name, layer.type, layer.params) for layer in summary.layers]
        assert rows_read == [(row["name"], row["type"], row["params"]) for row in truth["layers"]]
        assert summary.totals.trainable is not None
        assert summary.totals.trainable.value == totals["trainable"]


def test_full_width_punctuation_and_rows_without_blanks_are_read() -> None:
    """A Chinese page's copy of a print: `#input_1（InputLayer）［（None，4096）］0`, every blank
    of a row lost and its brackets and commas full-width (35c's 004). Before: every row was
    unreadable."""
    truth, text = load_print(REAL / "tf2.12/big_dense.truth.json")
    lines = []
    for line in text.split("\n"):
        found = re.match(r" (\S+) (\(\w+\)) +(\[?\(None[^)]*\)\]?) +(\d+)", line)
        if found is not None:
            line = "#" + "".join(found.groups()).replace(" ", "")
            line = line.replace("(", "（").replace(")", "）").replace(",", "，")
            if found.group(1) == "dense_1":
                line = line.replace("None", "无")  # `None` machine-translated too
        elif "Layer (type)" in line:
            line = "#图层（类型）输出形状参数＃"  # the header machine-translated, its blanks lost
        elif line.strip():
            line = f"#{line}"
        lines.append(line)
    written = "\n".join(lines)
    assert "#dense（Dense）（None，4096）16781312" in written and "（无，10）" in written
    report, _ = checked_as_truth(written, truth)
    assert [f.code for f in report.findings] == []


def test_a_class_with_the_authors_note_in_its_parentheses_is_not_swapped() -> None:
    """`Conv2D ( size = 3 , ReLU)` (35c's 001): the class written as the name, the author's
    note after it. Before: read as a layer named `size = 3 , ReLU` of class Conv2D, twice
    (SA402)."""
    truth, _ = load_print(CNN_BN)
    rows = [
        f"| {layer['type']} ( size = 3 , ReLU) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        if layer["type"] == "Conv2D"
        else f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        for layer in truth["layers"]
    ]
    text = "\n".join([KERAS_TITLES, "|---|---|---|", *rows, "", *totals_lines(truth)])
    report = api.check_text(text + "\n")
    [summary] = report.summaries
    assert "size = 3 , ReLU" not in {layer.name for layer in summary.layers}
    assert "SA402" not in {f.code for f in report.findings}


# --------------- trial 35b: hand-made tables


def test_a_markdown_header_indented_by_three_blanks_keeps_its_rows() -> None:
    """`   | Layer (type) | Output Shape | Param # |` over rows at the margin, as Markdown allows
    (35b's 007). Before: 'a header without rows or totals' and 'totals without a table'."""
    truth, _ = load_print(CNN_BN)
    report, _ = checked_as_truth(_retyped(truth, titles=f"   {KERAS_TITLES}"), truth)
    assert [f.code for f in report.findings] == []


def test_totals_labels_without_their_noun_are_read() -> None:
    """`**Non-trainable (frozen CNN):** N` and `- **Optimizer State:** N` (35b's 003, 014).
    Before: neither was read; the Total that counts the optimizer's state was called edited
    (SA201)."""
    truth, text = load_print(REAL / "keras3/compiled_fitted.truth.json")
    renamed = text.replace("Non-trainable params:", "- **Non-trainable (frozen base):**").replace(
        "Optimizer params:", "- **Optimizer State:**"
    )
    assert "Optimizer params" not in renamed and "Non-trainable params" not in renamed
    report, _ = checked_as_truth(renamed, truth)
    assert [f.code for f in report.findings] == []


def test_a_layer_name_set_as_code_in_the_class_cell_is_swapped_back() -> None:
    """`| **Dense** (`dense`) | … |`: the class first and the layer's name after it in code
    marks (35b's 014). Before: a layer named Dense of a class '`dense`' with no formula."""
    truth, _ = load_print(CNN_BN)
    named_after = _retyped(truth, lambda layer: f"**{layer['type']}** (`{layer['name']}`)")
    report, _ = checked_as_truth(named_after, truth)
    assert [f.code for f in report.findings] == []


def test_a_sentence_quoting_a_translated_header_is_no_header() -> None:
    """A sentence that quotes a translated header (`… under a Vietnamese header ('Lớp (loại)
    Output shape Tham số'), …`) is prose: no summary cut after its header (35c's 001.source,
    once the Vietnamese titles were read)."""
    text = (
        "A README's summary retyped as a table under a Vietnamese header ('Lớp (loại)\\tOutput "
        "shape\\tTham số'), and the total as a sentence.\n"
    )
    report = api.check_text(text)
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]
