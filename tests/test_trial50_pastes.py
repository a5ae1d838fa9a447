"""Trial 50 (preprocessing layers, TinyML, scientific models, model cards, nested models): the
pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.formats import completed_classes_note
from summaryaudit.rebuild import rebuild
from summaryaudit.records import CheckState
from summaryaudit.report import render_text

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_the_print,
    checked_as_truth,
    column_cutter,
    cut_at_17,
    load_print,
)
from .test_structural_damage import markdown

REAL = FIXTURES / "real"

# --------------- 50d's 007: keras.io's super-resolution example, `tf_op_layer_DepthToSpace (Te`


def test_a_cut_class_of_a_tensorflow_op_layer_is_completed_from_its_name() -> None:
    """TF 2.0–2.3 name a TensorFlow op on a Keras tensor `tf_op_layer_<Op>`; the column cut
    its class to `(Te`. Before: completed as TextVectorization, "a lookup-table layer"."""
    truth, text = load_print(REAL / "tf2.0/sub_pixel_depth_to_space.truth.json")
    assert "tf_op_layer_DepthToSpace (Te " in text
    report = api.check_text(text, source="super_resolution.md")
    [summary] = report.summaries
    row = audited_row(summary, "tf_op_layer_DepthToSpace")
    assert (row.type, truth["layers"][-1]["type"]) == ("TensorFlowOpLayer",) * 2
    assert "TextVectorization" not in (row.derivation or "")
    assert report.findings == ()


# --------------- 50d's 011: a nested Sequential of Normalization and augmentation


@pytest.mark.parametrize("generation", ["tf2.9", "tf_keras", "keras3"])
def test_an_odd_count_of_a_nested_model_may_be_normalization_statistics(generation: str) -> None:
    """A data-augmentation Sequential of 7 weights (a Normalization layer's mean, variance and
    count over 3 channels) beside a nested CNN: before, the note said the counts fit that
    Sequential "frozen" only; nothing in it is frozen."""
    _, text = load_print(REAL / f"{generation}/augmentation_model_with_normalization.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    note = " ".join(check.reason for check in summary.audit.coverage.totals)
    assert (
        "the counts fit all 7 of data_augmentation's weights non-trainable (it frozen, or a "
        "Normalization layer's mean, variance and count over 3 features: 2 × 3 + 1) and 8 "
        "more in cnn"
    ) in note


def test_a_frozen_discriminator_is_not_said_to_be_normalization_statistics() -> None:
    """The same odd count (85) on a GAN's discriminator, whose one output (None, 1) is no 42
    features a Normalization layer could have normalised: the note says frozen only."""
    _, text = load_print(REAL / "keras3/gan_combined.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    note = " ".join(check.reason for check in summary.audit.coverage.totals)
    assert "the counts fit discriminator frozen (85) and 32 more in generator" in note
    assert "a Normalization layer's mean" not in note


# --------------- 50c's 014: keras.io's molecule WGAN, a custom class cut to `(Re` and to `(`


@pytest.mark.parametrize("generation", ["tf2.0", "tf1.14"])
def test_rows_numbered_from_a_cut_custom_class_are_that_class(generation: str) -> None:
    """`relational_graph_conv_layer_1 (` under `relational_graph_conv_layer (Re`: before, the
    three numbered rows were "Conv1D inferred from its name", verified with a kernel of 5 the
    print does not show (the count is 5 bond types × 128 × 128)."""
    truth, text = load_print(REAL / f"{generation}/custom_graph_conv_class_cut.truth.json")
    report = api.check_text(text, source="wgan_graphs.md")
    [summary] = report.summaries
    assert summary.audit is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"]) - 4
    for number in (1, 2, 3):
        row = audited_row(summary, f"relational_graph_conv_layer_{number}")
        assert row.type == "Re" and "Conv1D" not in (row.derivation or "")
        assert "its name is numbered from another row's, whose class the column cut to Re…" in (
            row.derivation or ""
        )
    unverified = [f.layer for f in report.findings if f.code == "SA901"]
    assert unverified == [f"relational_graph_conv_layer{n}" for n in ("", "_1", "_2", "_3")]
    assert {f.code for f in report.findings} == {"SA901"}


# --------------- 50e's 004: a README's totals as a list without the noun `params`


def _totals_as_a_list(text: str) -> str:
    """A print whose totals lines a README rewrote as a list without the noun (`- Total: N
    (size)`, `- Non-Trainable: N (size)`), as EchoView47's has them under its table."""
    spelled = {"Total": "Total", "Trainable": "Trainable", "Non-trainable": "Non-Trainable"}
    found = re.findall(r"^(Total|Trainable|Non-trainable) params: (.*)$", text, re.M)
    table = text[: text.index("Total params:")].rstrip("\n=")
    items = [f"- {spelled[label]}: {rest}" for label, rest in found]
    return "\n".join([table, "", *items, ""])


def test_totals_listed_without_their_noun_under_a_table_are_read() -> None:
    """Before: the three list items were not read, and the audit said the totals were missing
    (an SA003 warning) though every count adds up."""
    truth, text = load_print(REAL / "tf_keras/frozen_layers.truth.json")
    pasted = _totals_as_a_list(text)
    assert "\n- Non-Trainable: " in pasted and "params" not in pasted
    report, summary = checked_as_truth(pasted, truth)
    as_printed = api.check_text(text)  # (its frozen layers: an SA203 info names them)
    assert [(f.code, f.severity) for f in report.findings] == [
        (f.code, f.severity) for f in as_printed.findings
    ]
    assert summary.totals.sizes()["non_trainable"] == "9.25 KB"  # each item's size is read


def test_a_listed_total_without_a_size_is_not_taken_for_a_models() -> None:
    """`- Total: 1,234` in prose says nothing of a model; only the printed size makes the list
    item a model's figures."""
    assert api.parse_text("Results\n\n- Total: 1,234\n- Trainable: 1,000\n") == []


# --------------- 50b's 012, 014, 015: BrainChip Akida's summary under a Keras one

# The table cnn2snn's Akida model prints after the Keras model it was converted from (the
# akida_examples pages): `Layer (type)` like Keras's, but a Kernel shape column, no Param #
# and no totals. Another tool's print, so quoted here as that tool writes it.
_AKIDA_TABLE = """\
                                   Model Summary
____________________________________________________________________________________
Layer (type)                          Output shape  Kernel shape
====================================================================================
conv_0 (InputConvolutional)           [5, 25, 32]   (5, 5, 1, 32)
____________________________________________________________________________________
separable_1 (SeparableConvolutional)  [5, 25, 64]   (3, 3, 32, 1), (1, 1, 32, 64)
____________________________________________________________________________________
dense_7 (FullyConnected)              [1, 1, 33]    (1, 1, 256, 33)
____________________________________________________________________________________
Input shape: 49, 10, 1
Backend type: Software - 1.8.10
"""


def test_an_akida_table_after_a_keras_summary_is_no_summary() -> None:
    """Before: the Akida table was read as a second summary of 3 rows, each unreadable (SA001)
    and without totals (SA003): false warnings on a paste whose one Keras summary is right."""
    truth, text = load_print(REAL / "keras3/conv_zoo.truth.json")
    report = api.check_text(text + "\n" + _AKIDA_TABLE, source="plot_edge_learning_kws.html")
    [summary] = report.summaries
    assert len(summary.layers) == len(truth["layers"])
    assert report.findings == api.check_text(text).findings


def test_a_quantized_separable_convolution_is_hinted_as_a_separable_one() -> None:
    """cnn2snn's QuantizedSeparableConv2D ends with SeparableConv2D and with Conv2D: the hint
    names the longer, whose formula fits (before: no hint, the two formulas disagreeing)."""
    _, text = load_print(REAL / "keras3/conv_zoo.truth.json")
    row = next(line for line in text.splitlines() if "(SeparableConv2D)" in line)
    cells = row.split("│")
    width = len(cells[1])
    # a class too long for Keras 3's column wraps onto a line of its own, as rich wraps it
    first = "│" + " separable_conv2d".ljust(width) + "│" + "│".join(cells[2:])
    second = (
        "│"
        + " (QuantizedSeparableConv2D)".ljust(width)
        + "│"
        + "│".join(" " * len(cell) for cell in cells[2:-1])
        + "│"
    )
    renamed = text.replace(row, first + "\n" + second)
    assert renamed != text
    report = api.check_text(renamed)
    [hint] = [f.message for f in report.findings if f.layer == "separable_conv2d"]
    assert hint.endswith(
        "the count fits a SeparableConv2D (91 = K × 3 × 1 + 3 × 1 × 16 + 16 (depthwise + "
        "pointwise + bias) → K = 9 → kernel 3×3 (or 1×9, 9×1) (depth_multiplier 1)), which it "
        "may extend"
    )


# --------------- 50e's 013, 015: a book's summary as a PDF's text gives it, one cell per line


def _one_cell_per_line(text: str) -> str:
    """A print as text extracted from a PDF: each header title on a line of its own, each row's
    name, class and shape on one line with single blanks and its count on the next."""
    cells = column_cutter(text)
    out = []
    for line in text.splitlines():
        if "Layer (type)" in line:
            out.extend(cells(line))
        elif "(" in line and not line.lstrip().startswith(("Total", "Trainable", "Non-")):
            name_and_class, shape, count = cells(line)
            out.extend([f"{name_and_class} {shape}", count])
        else:
            out.append(line.rstrip())
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", ["gan_combined", "cnn_bn"])
def test_a_summary_one_cell_per_line_is_read(case: str) -> None:
    """fenago's GAN course, converted from a book: `Layer (type)` / `Output Shape` / `Param #`
    on three lines, then `sequential_2 (Sequential) (None, 2)` / `122`. Before: no row was
    read ("totals without a table", an SA003 warning)."""
    truth, text = load_print(REAL / f"keras2.2.4/{case}.truth.json")
    pasted = _one_cell_per_line(text)
    assert "\nLayer (type)\nOutput Shape\nParam #\n" in pasted
    checked_as_the_print(pasted, truth, text)


_TITLES = re.compile(r"Layer \(type\)|Output Shape|Param #|Connected to")


def _every_cell_on_its_line(text: str) -> str:
    """A print as a PDF's text gives it (51a: Brownlee's books made course Markdown): each
    header title and each cell on a line of its own, runs of blanks lost, the rules kept;
    some rows keep the name and the shape on one line, as the extraction merged them."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    starts = [m.start() for m in _TITLES.finditer(header)]
    out: list[str] = []
    for index, line in enumerate(lines):
        if line is header:
            out.extend(m.group() for m in _TITLES.finditer(header))
            continue
        if not line.strip() or set(line.strip()) <= set("_=") or "params:" in line:
            out.append(line.rstrip())
            continue
        bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
        cells = [line[a:b].strip() for a, b in zip(starts, bounds)]
        cells = [cell for cell in cells if cell]
        if index % 3 == 0 and len(cells) > 2:
            cells[:2] = [f"{cells[0]} {cells[1]}"]  # name and shape merged on one line
        out.extend(cells)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", ["cnn_bn", "merge_ops", "nested_functional"])
def test_a_summary_with_every_cell_on_its_line_is_read(case: str) -> None:
    """51a: fourteen book chapters gave each cell a line between the rules, the Connected to
    column's entries one per line. Before: no row or only a merged one was read; each lone
    cell was an SA001 warning, and rows lost made false SA301s."""
    truth, text = load_print(REAL / f"keras2.2.4/{case}.truth.json")
    pasted = _every_cell_on_its_line(text)
    assert "\nLayer (type)\nOutput Shape\nParam #\n" in pasted
    checked_as_the_print(pasted, truth, text)


# --------------- 51c's 006: a README's Markdown table, an emoji before each layer cell


def test_pictographs_before_a_markdown_tables_layer_cells_are_decoration() -> None:
    """`| 🟦 **conv2d_20 (Conv2D)** | (None, 230, 230, 16) | 160 |`: before, each such row was
    an SA001 warning and no row was checked (bold alone was read)."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    marks = iter(["🟦", "🟪", "🟩", "⚡", "🔴", "🟧", "❌", "✅"] * 4)
    table = markdown(text, "after").splitlines()
    decorated = [
        re.sub(r"^\|([^|]+)\|", lambda m: f"| {next(marks)} **{m.group(1).strip()}** |", line)
        if re.match(r"\|\w+ \(", line)
        else line
        for line in table
    ]
    pasted = "\n".join(decorated) + "\n"
    assert "| 🟦 **conv2d_1 (Conv2D)** |" in pasted
    checked_as_the_print(pasted, truth, markdown(text, "after"))


# --------------- 51b's 015: a README's table titled `| Layer | Output | Params |`


def test_a_markdown_table_titled_output_alone_is_read() -> None:
    """Before: the header was not one, so the rows above the totals were not read (0 rows, an
    SA003 warning "totals without a table")."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    table = markdown(text, "after")
    retitled = table.replace(
        "| Layer (type) | Output Shape | Param # |", "| Layer | Output | Params |"
    )
    assert retitled != table
    checked_as_the_print(retitled, truth, table)


# --------------- 51d's 003: counts Keras 3 cut in a narrow column (`1,995,1…`)


def test_a_cut_count_the_formula_allows_once_is_worked_out() -> None:
    """SeparableConv2D from 1408 to 1408 channels, its count cut to `1,995,1…`: of the counts
    with those digits, only 1,995,136 is one the formula gives (3×3 without a bias, or 8 taps
    with one). Before: both rows were left unverified and Total only bounded."""
    truth, text = load_print(REAL / "keras3/separable_counts_cut_line_length70.truth.json")
    assert text.count("1,995,1…") == 2
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None and report.findings == ()
    assert summary.audit.coverage.rows_verified == len(truth["layers"])
    for name in ("separable_conv2d", "separable_conv2d_1"):
        derivation = audited_row(summary, name).derivation or ""
        assert derivation.startswith("1,995,136 = K × 1,408 × 1 + 1,408 × 1 × 1,408")
        assert "Keras 3 cut the count to 1,995,1… in its column" in derivation
    assert {check.state for check in summary.audit.coverage.totals} == {CheckState.CHECKED}


def test_a_class_cut_to_no_known_one_is_shown_cut_in_the_table() -> None:
    """`(Re` of RelationalGraphConvLayer: the layer table showed `Re`, a class name a reader
    would take as whole (51d's 003: `EfficientNetV2Bac`); now `Re…`, and `Re*` where the class
    was carried from that row."""
    text = (REAL / "tf2.0/custom_graph_conv_class_cut.txt").read_text(encoding="utf-8")
    items = list(api.iter_check(api.iter_summaries(text), "wgan_graphs.md"))
    rows = [line.split() for line in "".join(render_text(items)).splitlines()]
    classes = {row[1]: row[2] for row in rows if len(row) > 2 and row[1].startswith("relational")}
    assert classes == {
        "relational_graph_conv_layer": "Re…",
        **{f"relational_graph_conv_layer_{n}": "Re*" for n in (1, 2, 3)},
    }


# --------------- 52a's 006: deel-lip's demo, a custom class cut to `(Sca` and then to `(S`


@pytest.mark.parametrize("generation", ["tf2.0", "tf1.14"])
def test_a_class_cut_shorter_takes_the_longer_cut_of_its_sibling(generation: str) -> None:
    """`scaled_l2norm_pooling2d_1 (S` under `scaled_l2norm_pooling2d (Sca`: before, `S` was
    completed to SReLU, which no count of 0 fits, and the row was said to show no class."""
    _, text = load_print(REAL / f"{generation}/custom_pooling_class_cut_shorter.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    row = audited_row(summary, "scaled_l2norm_pooling2d_1")
    assert row.type == "Sca"
    assert (row.derivation or "").startswith(
        "0: the class was cut by the column to 1 character (S…), and to Sca… on the row its "
        "name is numbered from; no formula for a class starting with Sca"
    )
    assert [(f.code, f.layer) for f in report.findings] == [
        ("SA901", "scaled_l2norm_pooling2d"),
        ("SA901", "scaled_l2norm_pooling2d_1"),
    ]
    # (the note under the table: not "from the known Keras classes", 52a's regression check)
    assert completed_classes_note(summary) == (
        "* the print cut this class name (S): completed from the layer's name: a known Keras "
        "class, or the class (whole or cut) another row of that name shows"
    )


# --------------- a regression check of earlier trials (40d's 010): a frozen Xception marked N


def test_a_frozen_nested_models_own_defaults_are_not_said_to_be_none() -> None:
    """A frozen base marked N counts whole; its own default non-trainable weights are not known
    from its row. The info said "the rows by default hold 0" beside an Xception row whose
    derivation says 54,528 of its weights are non-trainable by default."""
    _, text = load_print(REAL / "keras3/vgg16_base_frozen_show_trainable.truth.json")
    [info] = [f for f in api.check_text(text).findings if f.code == "SA203"]
    assert "where the rows other than vgg16 by default hold 0" in info.message


# --------------- a regression check of earlier trials (36a's 004): a paper's variants side by side


def test_totals_rows_of_two_models_side_by_side_are_not_said_to_be_read() -> None:
    """A paper's table gave each totals line one cell per model variant; none could be read,
    yet the coverage said "only the totals were read"."""
    counts = []
    for case in ("keras2.2.4/cnn_bn", "keras2.2.4/frozen_layers"):
        truth, _ = load_print(REAL / f"{case}.truth.json")
        counts.append(truth["totals"])
    labels = {"total": "Total", "trainable": "Trainable", "non_trainable": "Non-trainable"}
    side_by_side = "\n".join(
        f"{label} params | {counts[0][key]} | {counts[1][key]} |" for key, label in labels.items()
    )
    [summary] = api.check_text(side_by_side + "\n").summaries
    assert summary.coverage is not None
    assert "the layer rows (no totals line was read either)" in summary.coverage.not_verified


# --------------- a regression check of earlier trials (37c's 004): R's 80-wide channels_last U-Net


def test_a_cut_last_axis_does_not_make_a_channels_last_model_channels_first() -> None:
    """Each shape cut at 17 characters, inside its last number (`(None, 64, 64, 64`): with
    that axis unknown, channels_last never fits and channels_first fitted the 64 × 64 maps of
    64 channels, so the model was read as channels_first and its BatchNormalization rows were
    flagged (SA102) though the other convolutions fit no channels_first reading."""
    truth, _ = load_print(REAL / "tf2.0/cnn_square_maps_channels_last.truth.json")
    text = cut_at_17(truth)
    assert any(line[29:47] == "(None, 64, 64, 64 " for line in text.splitlines())
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    assert not any("channels_first" in (row.derivation or "") for row in summary.audit.rows)


# --------------- the rebuild of a class completed wrongly from its cut (a review of this change)


def test_a_cut_class_completed_to_the_wrong_rank_is_rebuilt_as_the_one_that_fits() -> None:
    """A user-named Conv2D whose class the column cut to `(Conv` reads as Conv1D, which no
    arguments fit; the rebuild tries the other classes the cut allows and writes Conv2D. The
    guard for a class carried from a sibling row had switched this off (a placeholder)."""
    truth, text = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    first = truth["layers"][0]["name"]
    assert first == "conv2d"
    renamed = text.replace("conv2d (Conv2D)             ", "image_feature_extracts (Conv", 1)
    assert "image_feature_extracts (Conv (None, 26, 26, 32)" in renamed
    [summary] = api.parse_text(renamed)
    code = rebuild(summary)
    assert "keras.layers.Conv2D(32, kernel_size=3, name='image_feature_extracts')" in code
    assert "Unsolved" not in code


def test_a_known_class_the_cut_allows_is_kept_beside_a_custom_class_of_the_name() -> None:
    """`image_feature_extract_1 (Sep` (a SeparableConv2D of 688) under `image_feature_extract
    (Sepia` (a custom class): a cut of three letters that a known class fitting the count
    allows keeps it, and the row is not given the custom class (a review of 52a's fix)."""
    truth, text = load_print(REAL / "tf2.0/known_class_beside_a_custom_one_of_the_name.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    row = audited_row(summary, "image_feature_extract_1")
    assert truth["layers"][2]["type"] == "SeparableConv2D"
    assert row.type != "Sepia" and "SeparableConv2D" in (row.derivation or "")
    assert [(f.code, f.layer) for f in report.findings] == [("SA901", "image_feature_extract")]


def test_filters_worked_out_reach_the_rows_that_keep_their_channels() -> None:
    """`(None, 32, 32, 12` on a BatchNormalization and a ReLU under 128 filters: read as
    printed, the next convolution took 12 channels and was "verified" as a 96-tap kernel
    (147,584 = 128 × (96 × 12 + 1)); with the filters carried down it is 128 × (9 × 128 + 1)."""
    truth, _ = load_print(REAL / "tf2.0/cnn_wide_filters_channels_last.truth.json")
    text = cut_at_17(truth)
    assert "(None, 32, 32, 12 " in text and "(None, 16, 16, 25 " in text
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.audit is not None
    convolutions = [row.derivation or "" for row in summary.audit.rows if row.type == "Conv2D"]
    assert convolutions[1].startswith("147,584 = 128 filters × (K × 128 channels + 1) → K = 9")
    assert convolutions[3].startswith("590,080 = 256 filters × (K × 256 channels + 1) → K = 9")
    assert not any("K = 96" in text or "channels_first" in text for text in convolutions)
