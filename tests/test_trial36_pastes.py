"""Trial 36 (retyped tables, forum questions, GitHub prints of the Keras 3 era): the pastes
read wrong, rebuilt on real prints."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from summaryaudit import api
from summaryaudit.rebuild import incomplete_reason, rebuild

from .conftest import FIXTURES
from .real_prints import checked_as_truth, load_print, shape_text, totals_lines
from .test_trial34_pastes import _retyped

REAL = FIXTURES / "real"


# --------------- a hand-made table without a class column: `Conv2D, 32 filters, 3x3, ReLU`

_NOTES = ("32 filters, 3x3, ReLU", "momentum 0.99", "2x2", "to a vector", "softmax")


def test_a_class_named_first_in_a_classless_layer_cell_is_the_rows_class() -> None:
    """A retyped table whose Layer cells give the class and the author's notes after a comma,
    and no name: the class is the cell's first word (Keras names hold no blank), so every
    count is checked against it. Before: `Conv2D, 32 filters, 3x3, ReLU` and `MaxPooling2D, 2x2`
    were classes left as `?` ("each class it could be … would give 320")."""
    truth, _ = load_print(REAL / "tf2.9/cnn_bn.truth.json")
    notes = iter(_NOTES)
    text = _retyped(
        truth,
        lambda layer: f"{layer['type']}, {next(notes)}",
        "| Layer | Output Shape | Param # |",
    )
    assert "| MaxPooling2D, 2x2 | (None, 13, 13, 32) | 0 |" in text
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None and summary.audit.coverage is not None
    classes = [row.type for row in summary.audit.rows]
    assert classes == [layer["type"] for layer in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]
    coverage = summary.audit.coverage
    assert coverage.rows_verified == coverage.rows_read == len(truth["layers"])
    assert report.findings == ()


# --------------- 36a's 005: a paper's table of a functional model, its second inbounds on rows
# of their own


def _functional_retyped(inbound_row: Callable[[str], str], empty_inbound: str) -> str:
    """tf.keras 2.9's real print of a functional model retyped as a Markdown table without its
    first bar, each row's further inbound layers on lines of their own as `inbound_row` writes
    them, an InputLayer's empty Connected to cell as `empty_inbound`."""
    truth, text = load_print(REAL / "tf2.9/merge_ops.truth.json")
    [printed] = api.parse_text(text)
    lines = ["Layer (type) | Output shape | Param # | Connected to |", "|---|---|---|---|"]
    for layer in printed.layers:
        first, *others = layer.connected_to or (empty_inbound,)
        lines.append(
            f"{layer.name} ({layer.type}) | {layer.output_shape.strip('[]')} | {layer.params} "
            f"| {first} |"
        )
        lines.extend(inbound_row(other) for other in others)
    return "\n".join([*lines, "", *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize(
    "inbound_row",
    [lambda ref: f"{ref} | |||", lambda ref: f"| | | | {ref} |"],
    ids=["in the first cell", "in its column"],
)
def test_further_inbound_layers_on_lines_of_their_own_are_the_rows_inbounds(
    inbound_row: Callable[[str], str],
) -> None:
    """`add (Add) | (None, 50, 50, 16) | 0 | input1_c1[0][0] |` over `tf.math.negative[0][0] |
    |||`, and an InputLayer's blank cell showing `Â` (a non-breaking space's UTF-8 bytes read as
    cp1252, the space lost). Before: the second inbound was glued to the row's name (`add (Add)
    tf.math.negative[0][0]`), so every row connected to `add` drew a false SA401, as did the
    InputLayer `connected to 'Â'`; in its own column it was glued to the first inbound, as one
    entry `a[0][0] b[0][0]`."""
    _, text = load_print(REAL / "tf2.9/merge_ops.truth.json")
    [printed] = api.parse_text(text)
    retyped = _functional_retyped(inbound_row, "Â")
    assert "add (Add) | (None, 8) | 0 | dense[0][0] |" in retyped
    report = api.check_text(retyped)
    [summary] = report.summaries
    assert [(layer.name, layer.connected_to) for layer in summary.layers] == [
        (layer.name, layer.connected_to) for layer in printed.layers
    ]
    assert report.findings == ()


# --------------- 36a's 004: a paper's table comparing models side by side, a totals cell each


def test_totals_lines_giving_a_count_per_model_side_by_side_are_no_one_models_totals() -> None:
    """`Total params | 1267 | 1619 | 1352 |`: one count per model a paper compares. Before: the
    first was read as the model's Total, the others dropped without a word."""
    first, _ = load_print(REAL / "tf2.9/cnn_bn.truth.json")
    second, _ = load_print(REAL / "tf2.9/big_dense.truth.json")
    table = _retyped(first).split("\n\n")[0]
    side_by_side = [
        f"{label} params | {first['totals'][key]} | {second['totals'][key]} |"
        for label, key in (("Total", "total"), ("Trainable", "trainable"))
    ]
    assert first["totals"]["total"] != second["totals"]["total"]
    report = api.check_text("\n".join([table, *side_by_side]) + "\n")
    [summary] = report.summaries
    read = (summary.totals.total, summary.totals.trainable)
    assert [count.value for count in read if count is not None] == [None, None]
    unread = [f.line for f in report.findings if f.code == "SA001"]
    assert unread == [len(first["layers"]) + 3, len(first["layers"]) + 4]


# --------------- 36c's 014: a Keras 3 print copied into a docstring, notes under a row


_NOTES_UNDER_A_ROW = [
    "        # 320 = 32 x (3 x 3 x 1 + 1)",
    "        # kernel + bias",
    "",
    "        ★Conv2D parameters★",
    "            => filters x (kernel x channels + 1)",
    "",
]


@pytest.mark.parametrize("rules", [True, False], ids=["rules kept", "rules dropped"])
def test_an_authors_notes_between_two_rows_of_a_box_keep_the_rows_below(rules: bool) -> None:
    """A Keras 3 box whose author wrote the arithmetic of a count under its row, comments and
    then words, the table going on below. Before: the summary ended at the notes; the rows
    below them were lost and the totals read as a table without rows."""
    truth, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    lines = [line for line in text.splitlines() if rules or not line.startswith("├")]
    at = next(i for i, line in enumerate(lines) if line.startswith("│ conv2d (Conv2D)")) + 1
    report, summary = checked_as_truth(
        "\n".join(lines[:at] + _NOTES_UNDER_A_ROW + lines[at:]), truth
    )
    assert report.findings == ()
    assert summary.audit is not None
    assert any("★Conv2D parameters★" in note for note in summary.audit.notes)


# --------------- 36c's 011: a README's print whose header line was cut to `Layer `


def test_a_print_whose_header_line_was_edited_is_not_cut_above() -> None:
    """tf.keras's print under its `_` and `=` rules, the header line cut to `Layer ` and the
    totals left out. Before: read as rows from the middle of a table, "the top of the table is
    cut off", though the print's head is there."""
    truth, text = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    lines = text[: text.index("Total params")].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Layer (type)"))
    lines[at] = "Layer "
    report = api.check_text("\n".join(lines) + "\n")
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.audit is not None and summary.audit.coverage is not None
    assert not any("cut off" in reason for reason in summary.audit.coverage.not_verified)
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA003", "warning")]
    assert "table without totals" in report.findings[0].message


# --------------- 36c's 015: a Normalization's statistics beside a frozen nested model


def test_the_frozen_model_note_counts_a_normalizations_statistics_where_they_sit() -> None:
    """keras-io's transfer-learning guide: Non-trainable is a Normalization's mean, variance and
    count and every weight of the frozen base. Before: SA203 said the other rows hold 13 "(no
    BatchNormalization or other layer with non-trainable weights)", against its own row."""
    report = api.check_text(
        (REAL / "keras3/normalization_beside_frozen_base.txt").read_text(encoding="utf-8")
    )
    [note] = [f for f in report.findings if f.code == "SA203"]
    assert "the other rows hold 13 (13 of normalization's weights, which training leaves" in (
        note.message
    )
    assert "no BatchNormalization or other layer" not in note.message


# --------------- 37a's 014: a TimeDistributed row's inner layer is not printed


def test_a_time_distributed_dense_reading_says_the_wrapped_layer_is_not_shown() -> None:
    """`136 = 16 × 8 + 8`: the count fits a Dense inside TimeDistributed, but the print never
    names the wrapped layer. Before: "(TimeDistributed(Dense(8)): the same Dense …)", said as
    a fact."""
    truth, text = load_print(REAL / "tf2.9/rnn_stack.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None
    [derivation] = [row.derivation for row in summary.audit.rows if row.type == "TimeDistributed"]
    assert derivation is not None
    assert "(fits TimeDistributed(Dense(" in derivation
    assert derivation.endswith("; the wrapped layer is not printed)")


# --------------- 37b's 006: a thesis's LaTeX table, a row spanning two lines, totals spanning
# the columns


def _tex(text: str) -> str:
    return text.replace("_", "\\_").replace("#", "\\#")


def test_a_latex_table_with_multirow_rows_and_multicolumn_totals_is_read() -> None:
    """`\\multirow{2}{*}{bidirectional\\_22 (Bidirectional)} & … \\\\ \\cline{2-3}` and the
    totals as `\\multicolumn{3}{|c|}{Total params: 5983043 (22.82 MB)} \\\\ \\hline`. Before:
    the first row was a note and unreadable, the totals three invented rows named
    `\\multicolumn{3}{`."""
    truth, _ = load_print(REAL / "tf2.9/cnn_bn.truth.json")
    head = "\\textbf{Layer (type)} & \\textbf{Output Shape} & \\textbf{Param \\#} \\\\ \\hline"
    lines = ["\\begin{tabular}{|l|l|l|}", "\\hline", head]
    for at, layer in enumerate(truth["layers"]):
        label = _tex(f"{layer['name']} ({layer['type']})")
        cells = f"{shape_text(layer['output_shape'])} & {layer['params']}"
        if at == 0:
            lines += [
                f"\\multirow{{2}}{{*}}{{{label}}} & {cells} \\\\ \\cline{{2-3}}",
                " & & \\\\ \\hline",
            ]
        else:
            lines.append(f"{label} & {cells} \\\\ \\hline")
    lines += [f"\\multicolumn{{3}}{{|c|}}{{{line}}} \\\\ \\hline" for line in totals_lines(truth)]
    lines.append("\\end{tabular}")
    report, _ = checked_as_truth("\n".join(lines) + "\n", truth)
    assert report.findings == ()


# --------------- 37b's 003: a book page starting with the table's last row, its spacing lost


@pytest.mark.parametrize("clipped", [0, 2, 4])
def test_a_last_row_whose_spacing_was_collapsed_above_the_totals_is_read(clipped: int) -> None:
    """`time_distributed (TimeDist (None, 28, 28) 812` over the `=` rule and the totals, the
    rest of the table on the page before: the text layer collapsed the blanks, and the page
    shows fewer letters of the cut class than Keras printed (`clipped`). Before: the row was
    lost without a word and the totals said to have no table."""
    truth, text = load_print(REAL / "keras2.3.1/rnn_stack.truth.json")
    lines = text.splitlines()
    rule = max(i for i, line in enumerate(lines) if line.startswith("====="))
    name, cut_class, *cells = lines[rule - 1].split()
    assert (name, cut_class) == ("time_distributed_1", "(TimeDist")
    last = " ".join([name, cut_class[: len(cut_class) - clipped], *cells])
    report = api.check_text("\n".join(["[ 344 ]", ".", last, *lines[rule:]]) + "\n")
    [summary] = report.summaries
    want = truth["layers"][-1]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (want["name"], want["type"], want["params"])
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert summary.audit is not None and summary.audit.coverage is not None
    assert any("cut off" in reason for reason in summary.audit.coverage.not_verified)
    assert [f.code for f in report.findings if f.severity.value != "info"] == []


# --------------- 37c's 008: a count two bias settings explain


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_kernel_read_without_a_bias_names_the_reading_with_one(generation: str) -> None:
    """`Conv2D(2, (3, 1), padding='same')` on one channel: 8 = 2 × (3 × 1 + 1). Read first as
    2 × 4 without a bias (a 2×2 kernel, the squarer), the derivation said use_bias=False as
    if shown. Before: the reading with Keras's default bias, the model's own, went unsaid."""
    truth, text = load_print(
        REAL / f"{generation}/conv_three_by_one_same_on_one_channel.truth.json"
    )
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None
    [derivation] = [row.derivation for row in summary.audit.rows if row.type == "Conv2D"]
    assert derivation is not None and derivation.startswith("8 = 2 filters × (K × 1 channel)")
    assert "or, with a bias (the default), K = 3 → kernel 1×3 (or 3×1)" in derivation


# --------------- 37c's 004: shapes cut by a narrow column (R's 80-wide output)


def test_a_convolution_whose_shape_is_cut_says_so_not_that_it_is_unreadable() -> None:
    """`conv2d (Conv2D)  (None, 26, 26,  320`: Keras cut the shape at its column. Before: "the
    output shape is not readable", which the paste contradicts."""
    truth, text = load_print(REAL / "tf2.0/cnn_bn_positions.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None
    [derivation] = [row.derivation for row in summary.audit.rows if row.type == "Conv2D"]
    assert derivation is not None
    assert "the output shape is not shown in full (cut by its column, or unreadable)" in (
        derivation
    )


# --------------- 37a's 011: a retyped print whose header titles moved left of its rows' cells


def test_whole_classes_running_past_a_moved_title_are_not_cut() -> None:
    """`max_pooling2d_1 (MaxPooling2D) (None, 13, 13, 32)  0` under a header whose `Output`
    stands at column 30: the class runs past its column, whole. Before: every such class was
    marked cut (`truncated: ["type"]` in the JSON)."""
    truth, _ = load_print(REAL / "keras2.3.1/cnn_bn.truth.json")
    header = "Layer (type)".ljust(30) + "Output".ljust(22) + "Shape Param #"
    rows = [
        f"{layer['name']} ({layer['type']})".ljust(31)
        + shape_text(layer["output_shape"]).ljust(24)
        + str(layer["params"])
        for layer in truth["layers"]
    ]
    assert any(len(row.split(" (None")[0]) == 30 for row in rows)
    text = "\n".join([header, "=" * 65, *rows, "=" * 65, *totals_lines(truth)]) + "\n"
    _, summary = checked_as_truth(text, truth)
    assert [layer.name for layer in summary.layers if "type" in layer.truncated] == []


# --------------- 38b's 007: an application built with its top for 10 classes, nested


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_an_application_with_its_top_for_other_classes_is_derived(generation: str) -> None:
    """`MobileNetV2(include_top=True, classes=10)` as one row: 2,257,984 without its top and a
    top Dense of 1,280 × 10 + 10. Before: "sum of the inner model's weights (not re-derived
    here)", and Non-trainable only bounded, though both follow from the row."""
    truth, text = load_print(REAL / f"{generation}/application_top_for_ten_classes.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    [derivation] = [row.derivation for row in summary.audit.rows if row.type == "Functional"]
    assert derivation == (
        "2,270,794 = keras.applications.MobileNetV2(include_top=True, classes=10): 2,257,984 "
        "without its top + its top Dense, 1,280 × 10 + 10 (3 input channels; 34,112 of its "
        "weights non-trainable by default)"
    )
    coverage = summary.audit.coverage
    assert coverage.rows_verified == coverage.rows_read == 2
    assert coverage.not_verified == ()


# --------------- 38a's 005: rows from the middle of a print in an indented Markdown code block


def test_rows_in_a_markdown_code_block_indented_by_four_blanks_are_read() -> None:
    """A question quoting the last rows of its print as a Markdown code block: every line
    indented by four blanks, no header, no totals. Before: nothing was read ("no
    model.summary() table was found")."""
    truth, text = load_print(REAL / "tf2.0/merge_ops.truth.json")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("dense (Dense)"))
    last = max(i for i, line in enumerate(lines) if line.startswith("====="))
    quoted = ["My model summary says this:", ""]
    quoted += ["    " + line for line in lines[first:last]]
    quoted += ["", "When I run the training I get an error."]
    report = api.check_text("\n".join(quoted) + "\n")
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"][2:]
    ]
    assert summary.unreadable == ()
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA003", "info")]


# --------------- 37c's 014: GRUs built with reset_after=False in a TF 2 era print


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_gru_solved_from_its_count_reads_first_as_the_models_other_gru(generation: str) -> None:
    """Two GRUs with reset_after=False (R's keras default): the first one's input is not shown,
    so 12,864 is 3 × 64 × (1 + 64 + 2) or 3 × 64 × (2 + 64 + 1); the Bidirectional GRU under
    it shows reset_after=False. Before: the print's era default, reset_after=True, came first,
    against the model's other row."""
    truth, text = load_print(REAL / f"{generation}/gru_reset_before_stacked.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    [derivation] = [row.derivation for row in summary.audit.rows if row.type == "GRU"]
    assert derivation is not None
    assert derivation.startswith("12,864 = 3 × 64 × (2 + 64 + 1)")
    assert derivation.endswith("; reset_after=False first, as the model's other GRU rows show)")


# --------------- 37c's 004, 38b's 004: shapes a narrow column cut at their last number


def _shape_cut_at(width: int) -> Callable[[dict], str]:  # type: ignore[type-arg]
    def cell(layer: dict) -> str:  # type: ignore[type-arg]
        return shape_text(layer["output_shape"])[:width]

    return cell


def test_rows_whose_shapes_a_column_cut_at_their_last_number_are_derived_as_printed() -> None:
    """A tf.keras print as R's 80-wide output gives it: each shape cut at 17 characters, at or
    inside their last number (`(None, 26, 26, 32` for 32 channels). Before: every Conv2D and
    BatchNormalization row was "not decided by the shapes shown", and their moving statistics
    were missing from the Non-trainable explanation."""
    truth, _ = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    cell = _shape_cut_at(17)
    rows = [
        f"{layer['name']} ({layer['type']})"[:28].ljust(29)
        + cell(layer).ljust(18)
        + str(layer["params"])
        for layer in truth["layers"]
    ]
    assert rows[0][29:47] == "(None, 26, 26, 32 "
    header = "Layer (type)".ljust(29) + "Output Shape".ljust(18) + "Param #"
    text = "\n".join([header, "=" * 56, *rows, "=" * 56, *totals_lines(truth)]) + "\n"
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    coverage = summary.audit.coverage
    assert coverage.rows_verified == coverage.rows_read == len(truth["layers"])
    bn = next(row for row in summary.audit.rows if row.type == "BatchNormalization")
    assert bn.derivation is not None
    # (a BatchNormalization's cut axis is read as the size its count gives: 128 = 4 × 32, and
    # `32` begins 32; trial 40c)
    assert bn.derivation.endswith(
        "(with the axis the column cut read as the size the count gives, which the digits "
        "shown begin)"
    )
    conv = next(row for row in summary.audit.rows if row.type == "Conv2D")
    assert conv.derivation is not None
    # (the first Conv2D's input is not shown: `32` read as printed fits once the input is
    # solved for, as nearly any number would, so its 32 filters are the size of 320 that
    # begins with 32 and that the BatchNormalization below gives; trial 46d)
    assert conv.derivation.startswith("320 = 32 filters × (K × C + 1) → K × C = 9")
    assert conv.derivation.endswith(
        "(with the filters the column cut read as the one size beginning with the digits shown "
        "that divides the count and fits the rows below, the other cut shapes as printed)"
    )


# --------------- 39a's 013: a retyped count running into the Connected to column


def test_a_count_running_into_the_connected_to_column_keeps_its_row() -> None:
    """`tf_bert_model (TFBertModel) …  109,482,240 ['attention_mask[0][0]',`: the author grouped
    the count's digits, and its list now follows it after one blank, inside the column Keras
    gave the count. Before: the row was unreadable (SA001) and its count lost."""
    truth, text = load_print(REAL / "tf2.9/big_dense_two_inputs.truth.json")

    def retyped(line: str) -> str:
        count = re.search(r"(?<= )(\d{4,}) +(?=\[')", line)
        if count is None:
            return line
        grouped = f"{int(count.group(1)):,} "
        return line[: count.start()] + grouped + line[count.end() :]

    lines = [retyped(line) for line in text.splitlines()]
    assert any(" 33,558,528 ['concatenate[0][0]']" in line for line in lines)
    report, _ = checked_as_truth("\n".join(lines) + "\n", truth)
    assert report.findings == ()


# --------------- 39a's 002: a layer named in a scope, its class cut


def test_a_cut_class_completes_from_the_name_after_its_scope() -> None:
    """`encoder_0/multiheadattention (M (None, 256, 128)  66048 …`: a print of tf.keras 2.4–2.8
    cuts the layer cell on its one line (made here from tf-keras 2.21's wrapped print). Before:
    the scope hid the default name, `(M` completed to no class, and the count went unchecked."""
    truth, text = load_print(REAL / "tf_keras/attention_named_in_a_scope.truth.json")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(" encoder_0/multiheadattenti"))
    label = " encoder_0/multiheadattention (MultiHeadAttention)"[:32]
    assert label == " encoder_0/multiheadattention (M"
    lines[at : at + 2] = [
        label + " " + lines[at][29:].lstrip(),
        lines[at + 1][29:].rjust(len(lines[at + 1])),
    ]
    report, summary = checked_as_truth("\n".join(lines) + "\n", truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.rows_verified == summary.audit.coverage.rows_read


# --------------- 39a's 014: a model's outputs printed as a tuple, cut by the column


def test_a_tuple_of_outputs_cut_by_its_column_keeps_its_whole_first_shape() -> None:
    """`tf_bert_model (TFBertModel)  ((None, 128, 768), (  109482240`: a model's outputs as a
    tuple (tf.keras writes a list, `[(None, 30, 300), (N`, for a layer's). Before: no shape was
    read from it, so the Bidirectional LSTM on it was "input not shown" and undecided."""
    truth, text = load_print(REAL / "tf1.14/seq2seq_states.truth.json")
    listed = "encoder (LSTM)                  [(None, 30, 300), (N"
    assert listed in text
    tupled = text.replace(listed, listed.replace("[(", "((", 1))
    _, summary = checked_as_truth(text, truth)
    _, retyped = checked_as_truth(tupled, truth)
    assert retyped.audit is not None and summary.audit is not None
    assert [row.derivation for row in retyped.audit.rows] == [
        row.derivation for row in summary.audit.rows
    ]


# --------------- 39c's 002: a TokenAndPositionEmbedding's vocabulary is never printed


def test_a_token_and_position_embedding_is_consistent_not_verified() -> None:
    """646,400 = 20,200 (vocabulary + positions) × 32: any count that 32 divides passes, as
    with an Embedding's. Before: counted as verified, where Embedding rows say "only as
    consistent"."""
    truth, text = load_print(REAL / "keras3/token_and_position_embedding.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert summary.audit is not None and summary.audit.coverage is not None
    assert ("token_and_position_embedding", "vocabulary") in summary.audit.coverage.consistent_only


def test_a_scoped_name_is_rebuilt_without_its_slash_and_said_inexact() -> None:
    """Keras 3 refuses `/` in a layer's name (`Argument name must be a string and cannot contain
    character /`): the rebuilt code names the layer `encoder_0_multiheadattention`, and the
    table is said not to round-trip exactly. Before: the code failed in Keras 3."""
    _, text = load_print(REAL / "tf_keras/attention_named_in_a_scope.truth.json")
    [summary] = api.parse_text(text)
    code = rebuild(summary)
    assert "name='encoder_0_multiheadattention'" in code and "encoder_0/" not in code
    reason = incomplete_reason(summary)
    assert reason is not None and "which Keras 3 refuses" in reason
