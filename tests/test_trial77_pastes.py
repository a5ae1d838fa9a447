"""Trial 77 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_the_print,
    checked_as_truth,
    load_print,
    shape_text,
    totals_lines,
)

REAL = FIXTURES / "real"

# --------------- 75a's 015: a paper's table of the model, written by a script from the model's
# layers: `Layer Name & Layer Type & Input Shape & Output Shape & Parameters`, zeros as `0.0`


def as_a_paper_s_table(truth: dict, latex: bool) -> str:  # type: ignore[type-arg]
    """The print's rows as such a table: each layer's name, class, input shape (the row
    above's output shape), output shape and count, then the totals under the table."""
    titles = ["Layer Name", "Layer Type", "Input Shape", "Output Shape", "Parameters"]
    rows = [titles]
    before = "(None, 28, 28, 1)"
    for layer in truth["layers"]:
        shape = shape_text(layer["output_shape"])
        count = f"{layer['params']}.0" if layer["params"] == 0 else str(layer["params"])
        rows.append([layer["name"], layer["type"], before, shape, count])
        before = shape
    if latex:
        body = [" & ".join(row) + r" \\" + "\n\\hline" for row in rows]
        lines = [r"\begin{tabular}{|l|l|l|l|r|}", r"\hline", *body, r"\end{tabular}"]
    else:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|---|---|---|---|---|")
    return "\n".join([*lines, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("latex", [True, False], ids=["latex", "markdown"])
def test_a_table_with_an_input_shape_column_is_read(latex: bool) -> None:
    """Before: 'SA002 no Keras model.summary() table was found in this input' (the title
    `Layer Name` was not known, and the Input Shape column stood before the output shape)."""
    truth, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    checked_as_the_print(as_a_paper_s_table(truth, latex), truth, printed)


# --------------- 77f's 012 and 77c's 010: classes the column cut to `(Quanti`, `(Q`, or to
# nothing, on rows of tfmot's quantization wrappers (`quant_<layer>`)


def cut_as_tf2_3_prints(printed: str, truth: dict) -> str:  # type: ignore[type-arg]
    """The print as TensorFlow 2.3 lays it out: each row's `name (Class)` cut at its column's
    width instead of wrapped onto more lines, its shape and count those of the row's first
    line (its Connected to cell left out: TensorFlow 2.3 cuts those at other widths)."""
    lines = printed.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    shape_at, count_at, inbound_at = (
        header.index(title) for title in ("Output Shape", "Param #", "Connected to")
    )
    layers = iter(truth["layers"])
    out: list[str] = []
    rules = 0  # the `=` rules met: the rows stand between the first two
    for line in lines:
        rules += line.startswith("=")
        if rules != 1 or line.startswith("=") or not line.strip():
            out.append(line[:inbound_at].rstrip() if "Connected to" in line else line)
        elif line[count_at:inbound_at].strip():  # a row's first line
            layer = next(layers)
            cell = f"{layer['name']} ({layer['type']})"[: shape_at - 2]
            out.append(f" {cell}".ljust(shape_at) + line[shape_at:inbound_at].rstrip())
        # (any other line holds the rest of a wrapped cell: the cut print has none)
    return "\n".join(out) + "\n"


QUANTIZED = REAL / "tf_keras" / "quantize_aware_mobilenet_names.truth.json"


@pytest.mark.parametrize("layout", ["printed", "cut"])
def test_quantize_wrappers_named_as_mobilenet_names_them(layout: str) -> None:
    """Before: 'quant_block_1_expand_BN shows 65 but a QuantizeLayer holds 3. Was the count
    edited?' (`(Qu` completed to the shortest class), 'quant_Conv1_relu shows 3 parameters
    but QActivation has no weights' (`(Q`: a QKeras class); and 18 of the 21 rows of the
    printed model not verified (the wrappers' names hold no default name)."""
    truth, printed = load_print(QUANTIZED)
    text = printed if layout == "printed" else cut_as_tf2_3_prints(printed, truth)
    report = api.check_text(text)
    [summary] = report.summaries
    assert [f.code for f in report.findings] == []
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]
    assert {layer.type for layer in summary.layers[2:]} == {"QuantizeWrapperV2"}
    # (the cut print's names lose the words that say the wrapped class: `quant_expanded_conv_
    # depthwi`, three rows)
    verified = {"printed": 17, "cut": 13}[layout]
    assert summary.coverage is not None and summary.coverage.rows_verified == verified
    for name, count in (("quant_block_1_expand_BN", 65), ("quant_block_1_depthwise", 147)):
        derivation = audited_row(summary, name).derivation
        assert derivation is not None and derivation.startswith(f"{count} = ")
    assert "read from the name's words" in (
        audited_row(summary, "quant_block_1_pad").derivation or ""
    )


def test_a_class_cut_to_the_start_of_two_classes_counted_differently_is_not_flagged() -> None:
    """77f's 012: `top_layer_separable (Quantiz` 10,240 beside custom `(QuantizedSepara` rows:
    QuantizeLayer (3) and QuantizeWrapperV2 (a wrapped layer) both start so. Before: 'shows
    10,240 but a QuantizeLayer holds 3. Was the count edited?' (the shortest completion)."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    row = next(line for line in printed.splitlines() if line.startswith(" dense (Dense)"))
    cut = row.replace(" dense (Dense)     ", " top_layer (Quantiz")
    report = api.check_text(printed.replace(row, cut))
    assert [(f.code, f.layer) for f in report.findings] == [("SA901", "top_layer")]
    # (tfmot's first wrapper, QuantizeWrapper, is a known class too since 94c's 012)
    assert (
        "(Quantiz…), which may be QuantizeWrapper, QuantizeWrapperV2, QuantizeLayer"
        in report.findings[0].message
    )


# --------------- 77a's 006: a DQN's Conv2D on stacked frames, `(None, 3, 51, 39, 32)`


@pytest.mark.parametrize("generation", ["tf2.12", "tf_keras"])
def test_a_convolution_on_stacked_frames_reads_its_last_axes(generation: str) -> None:
    """Before: '784: Conv2D has filters × (K × channels + 1) …; the output shape is not shown
    in full (cut by its column, or unreadable)': a 5-axis shape is a Conv2D's in tf.keras
    2.4+, the axes before its last three more batch."""
    _, printed = load_print(REAL / generation / "conv2d_on_stacked_frames.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.coverage is not None and summary.coverage.complete
    derivation = audited_row(summary, "conv2d").derivation or ""
    assert derivation.startswith("784 = 16 filters × (K × 3 channels + 1) → K = 16")


# --------------- 77d's 004, 006, 012, 015: TensorFlow.js prints


def tfjs_row(fields: list[str], positions: list[int]) -> str:
    """A row as tfjs-layers' printRow writes it: each field cut at its column's end, the last
    character before the next field made a blank."""
    line = ""
    for at, field in enumerate(fields):
        if at > 0:
            line = line[:-1] + " "
        line = (line + field)[: positions[at]]
        line += " " * (positions[at] - len(line))
    return line


def tfjs_array(shape: list, style: str) -> str:  # type: ignore[type-arg]
    """A shape as JSON.stringify writes it (`[null,26,26,32]`), or as an author retyped it."""
    items = ["null" if dim is None else str(dim) for dim in shape]
    if style == "spaced":
        return "[ " + ",".join(items) + " ]"
    if style == "batch_size":
        items[0] = "batch_size"
    return "[" + ",".join(items) + "]"


def as_tfjs_prints(truth: dict, first_input: list, style: str) -> str:  # type: ignore[type-arg]
    """The model as TensorFlow.js's printSummary prints a sequential model: since tfjs-layers
    3.14 with an Input Shape column (90 characters, columns ending at 28, 54, 80 and 90),
    before it without (65 characters, at 29, 55 and 65); totals without separators."""
    with_inputs = style == "input column"
    width, positions = (90, [28, 54, 80, 90]) if with_inputs else (65, [29, 55, 65])
    titles = ["Layer (type)", "Output shape", "Param #"]
    if with_inputs:
        titles.insert(1, "Input Shape")
    lines = ["_" * width, tfjs_row(titles, positions), "=" * width]
    before = first_input
    for at, layer in enumerate(truth["layers"]):
        shape = layer["output_shape"]
        fields = [f"{layer['name']} ({layer['type']})", tfjs_array(shape, style)]
        if with_inputs:
            fields.insert(1, "[" + tfjs_array(before, style) + "]")
        lines.append(tfjs_row([*fields, str(layer["params"])], positions))
        lines.append(("=" if at == len(truth["layers"]) - 1 else "_") * width)
        before = shape
    totals = truth["totals"]
    lines += [
        f"Total params: {totals['total']}",
        f"Trainable params: {totals['trainable']}",
        f"Non-trainable params: {totals['non_trainable']}",
        "_" * width,
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style", ["input column", "spaced", "batch_size"])
@pytest.mark.parametrize(
    ("case", "first_input"), [("cnn_bn", [None, 28, 28, 1]), ("big_dense", [None, 4096])]
)
def test_tensorflow_js_prints_are_read(case: str, first_input: list, style: str) -> None:  # type: ignore[type-arg]
    """Before: an Input Shape column made the header and every row unreadable ('totals
    without a table'); `[ null,27,27,64 ]` was no shape ('the output shape is not shown in
    full'), and `[batch_size,256]` made each row unreadable (SA001)."""
    truth, printed = load_print(REAL / "keras2.2.4" / f"{case}.truth.json")
    pasted = as_tfjs_prints(truth, first_input, style)
    checked_as_the_print(pasted, truth, printed)


@pytest.mark.parametrize(
    "case",
    [
        "tf_keras/quantize_aware_mobilenet_names",
        "tf_keras/slicing_ops_named_past_the_column",
        "tf2.12/param_header_wrapped_line_length85",
        "tf2.9/param_header_wrapped_line_length85",
    ],
)
def test_wrapped_cells_read_with_their_blanks_collapsed(case: str) -> None:
    """A tf.keras 2.7+ print with its blanks collapsed (a blog's copy): a class wrapped whole
    onto the next line before the end of a Connected to list (`(QuantizeWrapperV2) ]']`), a
    class's end glued to a list's (`)]']`), an entry wrapped inside its index (`[0][` / `0]']`).
    Before: the list's end was read into the layer's name (`quant_block_1_add
    (QuantizeWrapperV2)0]']`; the first two prints), and a code highlighter's copy of three of
    them read otherwise than this one (test_damage marked them xfail)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    collapsed = "\n".join(" ".join(line.split()) for line in printed.splitlines()) + "\n"
    checked_as_the_print(collapsed, truth, printed)


# --------------- 78c's 007: a container log's excerpt, an RFC 3339 timestamp before each line
# (`docker logs -t`), from under the header to the totals


def stamped(lines: list[str]) -> str:
    """Each line after a container's timestamp, its nanoseconds counting up."""
    return "".join(
        f"2019-01-31T09:14:20.{412592858 + 1843 * at:09d}Z {line}\n"
        for at, line in enumerate(lines)
    )


@pytest.mark.parametrize("with_stamps", [True, False], ids=["stamped", "plain"])
def test_a_long_headless_excerpt_reads_its_totals(with_stamps: bool) -> None:
    """Before: with the stamps, no row was read ('totals without a table') and only Total of
    the three totals; without them, the 70 lines of rows were one summary and the totals under
    their `====` another ('rows from the middle of a table … the totals were not pasted')."""
    truth, printed = load_print(QUANTIZED)
    lines = printed.splitlines()
    below_header = lines[lines.index(next(x for x in lines if x.startswith("="))) + 1 :]
    text = stamped(below_header) if with_stamps else "\n".join(below_header) + "\n"
    report = api.check_text(text)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]


# --------------- 78c's 006: Mask R-CNN's mask head, `mrcnn_mask_bn4 (TimeDistributed` cut
# right before its `)`, in a Keras 2 print


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_a_time_distributed_class_cut_before_its_bracket(generation: str) -> None:
    """Before: '1,024: TimeDistributedDense = inputs × units (+ units bias); … each class it
    could be — TimeDistributedDense, TimeDistributed — would say the same' (a Keras 1 class in
    a Keras 2 print), and a BatchNormalization's 4 × 8 read as '8 filters × (K × 8 channels)
    → K = 1' (8 filters in 2 groups, the groups not said)."""
    truth, printed = load_print(REAL / generation / "mask_head_time_distributed_cut.truth.json")
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    for name in ("mrcnn_mask_bn4", "mrcnn_mask_deconv"):
        derivation = audited_row(summary, name).derivation or ""
        assert "the count is the wrapped layer's own" in derivation
        assert "TimeDistributedDense" not in derivation and "filters" not in derivation


# --------------- 78c's 010: an author's numbers written into a print (each row's index in a
# list of weights): after a class (`conv2d (Conv2D) 2`) and after a count (`0   100`)


def annotated(printed: str) -> str:
    """Every row's class followed by a number (in the blanks of its cell), and every `0`
    count by another number in the blanks after it, as a C++ port's comment marked them."""
    header = next(line for line in printed.splitlines() if "Layer (type)" in line)
    shape_at, count_at = header.index("Output Shape"), header.index("Param #")
    out = []
    for at, line in enumerate(printed.splitlines()):
        cell = line[:shape_at].rstrip()
        if cell.endswith(")") and len(cell) + 3 < shape_at and line != header:
            line = f"{cell} {at}".ljust(shape_at) + line[shape_at:]
        if line[count_at : count_at + 2] == "0 ":
            line = line[:count_at] + "0   " + f"{at * 5:<3d}" + line[count_at + 7 :]
        out.append(line)
    return "\n".join(out) + "\n"


def test_numbers_an_author_wrote_into_a_print_are_notes() -> None:
    """Before: `0   100` was read as 100 (`0 100`, a count grouped by a blank) and SA103 said
    the weightless row held 100 weights; `0    80` made `80` an inbound layer (SA401); the
    name `conv2d (Conv2D) 2` missed every row connected to `conv2d` (SA401 each)."""
    truth, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    pasted = annotated(printed)
    assert pasted != printed
    report = checked_as_the_print(pasted, truth, printed)
    [summary] = report.summaries
    assert any("line 4: `3`" in note and "line 4: `15`" in note for note in summary.notes)


# --------------- 78c's 009: a log whose line breaks were lost, the totals glued to an elision


def test_totals_glued_to_an_elision_are_read() -> None:
    """Before: `...Total params: 54,538Trainable params: …` lost its Total (only Trainable and
    Non-trainable were read, so they could not be checked against it)."""
    truth, _ = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    totals = truth["totals"]
    glued = (
        f"Using TensorFlow backend....Total params: {totals['total']:,}Trainable params: "
        f"{totals['trainable']:,}Non-trainable params: {totals['non_trainable']:,}None\n"
    )
    [summary] = api.parse_text(glued)
    assert summary.totals.to_dict() == totals


# --------------- 79c's 012: an exercise's rows commented out under `# ====`, without header
# or totals, an arrow and the author's words after a count


@pytest.mark.parametrize("note", ["", " => None 알아서 5로 맞춰준다", " -> 31 words × 100"])
def test_commented_rows_under_the_header_rule(note: str) -> None:
    """Before: no summary was found at all (SA002: the rows commented out with `# ` were no
    region to read); without the comment marks, an arrow and words after the first row's
    count made that row a note and 'rows above the first one shown are left out'."""
    # (a Sequential's two Dense rows: no line holds `Layer` or `params`, which would make the
    # lines a region to read whatever the rows)
    truth, printed = load_print(REAL / "tf2.12" / "frozen_after_compile.truth.json")
    lines = printed.splitlines()
    rules = [at for at, line in enumerate(lines) if line.startswith("=")]
    rows = lines[rules[0] : rules[1]]  # the rule under the header, then the rows
    first_row = next(at for at, line in enumerate(rows) if "(" in line)
    rows[first_row] = rows[first_row].rstrip() + note
    pasted = "".join(f"# {line}".rstrip() + "\n" for line in rows) + "# the model's totals next\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert [f.code for f in report.findings] == ["SA003"]
    assert "table without totals" in report.findings[0].message


# --------------- 79b's 009: a README whose page wrapped the 65-wide rules at 60 characters


def rules_wrapped_at(printed: str, width: int) -> str:
    """Each rule longer than width cut there, its rest set before the next line and a blank
    (a page that breaks long words writes a rule's end into the line under it; the other
    lines, their blanks stripped, fit)."""
    out: list[str] = []
    carried = ""
    for line in printed.splitlines():
        line = line.rstrip()
        if len(line) > width and set(line) in ({"_"}, {"="}):
            out.append(carried + line[:width])
            carried = line[width:] + " "
            continue
        out.append(carried + line)
        carried = ""
    return "\n".join(out) + "\n"


def test_a_rule_s_end_wrapped_before_a_row() -> None:
    """Before: every row's name began with the rule's end (`_____ conv2d_1`, `===== …`)."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    pasted = rules_wrapped_at(printed, 60)
    assert "\n===== conv2d_1 (Conv2D)" in pasted and "\n_____ dense_1 (Dense)" in pasted
    checked_as_the_print(pasted, truth, printed)


# --------------- 79a's 010 and 80c's 014: an issue's excerpt that ends at the last row's count


def test_a_paste_ending_at_a_row_s_count_leaves_the_count_open() -> None:
    """Before: `dense_2 (Dense)  (None, 8)  104` as the paste's last line, no Connected to entry
    where every layer but an input has one, was read as a whole count (`the 2 rows add up to
    …`); its digits may go on (`1040`)."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    lines = printed.splitlines()
    last = next(at for at, line in enumerate(lines) if line.startswith("dense_2 (Dense)"))
    count_end = lines[last].index("104") + len("104")
    pasted = "\n".join([*lines[:last], lines[last][:count_end]])
    report = api.check_text(pasted)
    [summary] = report.summaries
    row = summary.layers[-1]
    assert (row.name, row.params, row.params_cut) == ("dense_2", None, "104")
    assert summary.coverage is not None
    assert "count cut off by the end of the paste: dense_2" in " ".join(
        summary.coverage.not_verified
    )


def test_a_paste_ending_at_an_input_s_count_is_whole() -> None:
    """The passing side: an InputLayer's row has no inbound entry, so its count is whole."""
    _, printed = load_print(REAL / "keras2.2.4" / "merge_ops.truth.json")
    lines = printed.splitlines()
    last = next(at for at, line in enumerate(lines) if line.startswith("input_2 (InputLayer)"))
    pasted = "\n".join(lines[: last + 1]).rstrip()
    [summary] = api.parse_text(pasted)
    assert (summary.layers[-1].name, summary.layers[-1].params) == ("input_2", 0)


# --------------- the review of trial 77: a QKeras model whose author named its layers
# `quant_…` (tfmot's wrappers' prefix), their classes cut to `(Q`; a Keras 0.3 print whose page
# dropped its `-` rules


def test_a_quant_prefix_does_not_override_the_count() -> None:
    """Before the review's fix: the prefix made `quant_act (Q`, 0 weights, a QuantizeWrapperV2
    ('a built QuantizeWrapperV2 always has weights', SA101); now a completion the count fits
    (QActivation, QDense) is read, as before the prefix rule."""
    truth, printed = load_print(REAL / "tf2.12" / "qkeras_layers.truth.json")
    header = next(line for line in printed.splitlines() if "Layer (type)" in line)
    shape_at = header.index("Output Shape")
    lines = printed.splitlines()
    renamed = []
    for at, line in enumerate(lines):
        for layer in truth["layers"][1:]:
            # (a row whose cell fits its line: a wrapped one keeps its class's end below)
            if line.startswith(f" {layer['name']} (") and not lines[at + 1].strip():
                line = f" quant_{layer['name']} (Q".ljust(shape_at) + line[shape_at:]
        renamed.append(line)
    report = api.check_text("\n".join(renamed) + "\n")
    assert [f for f in report.findings if f.severity.value == "error"] == []
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]


def test_a_keras0_print_without_its_dash_rules() -> None:
    """Before the review's fix: a blank line under the header ended the rewrite, no row was
    read name-first ('Layer is printed twice', SA101 and SA201 errors)."""
    truth, printed = load_print(
        REAL / "keras0.3.3" / "keras0_graph_two_inputs_dense_output.truth.json"
    )
    pasted = "\n".join("" if set(line) == {"-"} else line for line in printed.splitlines())
    report = api.check_text(pasted + "\n")
    assert report.findings == ()
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
