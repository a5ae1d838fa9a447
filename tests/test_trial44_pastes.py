"""Trial 44 (official docs, Kaggle, blogs, non-English pages, transformers, GitHub issues): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"


# --------------- 44d's 004: a page's answer header under a table whose spacing was collapsed


@pytest.mark.parametrize("header", ["答案 0 :(得分:1)", "Answer 0 :(score:1)", "回答 1 (票数 3)"])
def test_a_number_after_the_first_words_of_a_line_under_the_rows_is_no_row(header: str) -> None:
    """A question quotes a Keras 2 print without its totals, its runs of spaces collapsed; the
    page's next line heads the answer (`答案 0 :(得分:1)`: answer 0, score 1). Its `0` stood
    alone like a count, so it was read as a row the paste ended inside (a false SA001, and
    'verified 10 of 11 rows')."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    rows = text.split("Total params")[0].rstrip("=\n")
    collapsed = "\n".join(re.sub(r"\s{2,}", " ", line).strip() for line in rows.splitlines())
    report = api.check_text(f"{collapsed}\n{header}\n")
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [layer.name for layer in summary.layers] == [w["name"] for w in truth["layers"]]
    assert [f.code for f in report.findings] == ["SA003"]  # the totals only: not pasted
    full = "\n".join(re.sub(r"\s{2,}", " ", line).strip() for line in text.splitlines())
    assert_reads_as_truth(api.parse_text(f"{full}\n{header}\n")[0], truth)


# --------------- 44f's 007: two rows quoted in a Markdown code block, their rule cut short


@pytest.mark.parametrize("generation", ["keras2.0.8", "keras2.2.4"])
def test_rows_under_a_rule_cut_short_are_read_at_the_columns_their_cells_show(
    generation: str,
) -> None:
    """An issue quotes two rows of a Keras 2 print in an indented code block, the rule between
    them cut to 13 characters. The header was written back at that rule's width, so the count
    after `(None, 32, 16, 16, 64` (one blank: the shape fills its column) was read into the
    shape and both rows were unreadable (two false SA001, Connected to lost). The cells that
    start at 33 and 67 give the print's width, 100."""
    truth, text = load_print(REAL / generation / "conv3d_residual_shapes_fill_column.truth.json")
    assert_reads_as_truth(api.parse_text(text)[0], truth)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("lambda_1 "))
    quoted = [lines[start], "_" * 13, *lines[start + 4 : start + 6]]  # conv3d_2 left out
    assert re.search(r"\(None, 32, 16, 16, 6[4]? 0 ", quoted[0])  # no `)`: the column is full
    paste = "\n".join(
        ["I see these with 0 trainable parameters:", "", *("    " + q for q in quoted), ""]
    )
    report = api.check_text(paste + "\nIs everything plumbed in?\n")
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        ("lambda_1", 0),
        ("add_2", 0),
    ]
    assert [list(layer.connected_to) for layer in summary.layers] == [
        ["add_1[0][0]"],
        ["conv3d_2[0][0]", "lambda_1[0][0]"],
    ]
    assert [f.code for f in report.findings] == ["SA003"]  # rows from the middle of a table


# --------------- 44a's 005, 44f's 014: kernel shapes a transposed convolution's growth rules out

_TRANSPOSED = [
    path
    for path in sorted(REAL.glob("*/conv_zoo.truth.json"))
    if '"Conv2DTranspose"' in path.read_text(encoding="utf-8")  # (Keras 1's has none)
]


def _derivation(text: str, name: str) -> str:
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None
    [row] = [row for layer, row in zip(summary.layers, summary.audit.rows) if layer.name == name]
    return row.derivation or ""


@pytest.mark.parametrize("truth_path", _TRANSPOSED, ids=lambda p: p.parent.name)
def test_a_transposed_convolutions_growth_narrows_its_kernel_shapes(truth_path: Path) -> None:
    """Conv2DTranspose(8, 3, strides=2) takes 30×28 to 61×57: read backwards, as a convolution
    of the same kernel takes 61×57 to 30×28, only a 3×3 kernel does it ('valid'; 'same' would
    double). It was offered as 3×3 'or 1×9, 9×1', the shapes unread for a transposed layer."""
    truth, text = load_print(truth_path)
    [name] = [row["name"] for row in truth["layers"] if row["type"] == "Conv2DTranspose"]
    derivation = _derivation(text, name)
    assert "→ K = 9 → kernel 3×3" in derivation
    assert "1×9" not in derivation and "9×1" not in derivation


def test_a_transposed_convolution_that_doubles_keeps_every_kernel_shape() -> None:
    """4×4 → 8×8 under K = 25 is 5×5 with 'valid' and stride 1, or any 25-volume kernel with
    'same' and stride 2 (the model's own): the shapes do not choose, so all are offered."""
    _, text = load_print(REAL / "keras3/conv_stride2_same_like_valid.truth.json")
    derivation = _derivation(text, "conv2d_transpose")
    assert "kernel 5×5 (or 1×25, 25×1)" in derivation


def test_one_input_channel_is_one_channel() -> None:
    """44c's 011: `320 = 32 filters × (K × 1 channels + 1)`."""
    _, text = load_print(REAL / "keras3/normalization_on_one_channel.truth.json")
    derivation = _derivation(text, "conv2d")
    assert derivation.startswith("40 = 4 filters × (K × 1 channel + 1) → K = 9 → kernel 3×3")


# --------------- 44b's 010: a whole print on one line, its `_` rules written as dashes


def _on_one_line_as_a_page_wrote_it(text: str) -> str:
    """The print as a blog's page gave it (44b's 010): every line's blanks collapsed, all on
    one line, the `_` rules written as runs of `-`, the `=` rule under the header lost, and the
    text cut inside `Trainable params`."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    under_header = next(i for i, line in enumerate(kept) if set(line) == {"="})
    del kept[under_header]
    kept = ["-" * 63 if set(line) == {"_"} else re.sub(r"\s+", " ", line) for line in kept]
    joined = " ".join(kept)
    return joined[: joined.index("Trainable params") + len("Trainable para")]


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.9", "tf_keras"])
def test_a_print_on_one_line_with_dashed_rules_is_read_row_by_row(generation: str) -> None:
    """Before: 0 of 5 rows read, and 'a header and totals without rows' (SA003)."""
    truth, text = load_print(REAL / generation / "cnn_bn.truth.json")
    page = _on_one_line_as_a_page_wrote_it(text)
    assert "\n" not in page and "___" not in page and page.endswith("Trainable para")
    report = api.check_text(f"The CNN model is given below:\n\n{page}\n")
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert summary.totals.trainable is None  # cut inside its label: not read
    assert [f.code for f in report.findings] == ["SA003"]  # that cut, and nothing else


# --------------- 44e's 008: a README's table that types one custom block's name on every row


def _readme_table(text: str, truth: dict, copies: int) -> str:
    """The print retyped as a README's Markdown table (44e's 008): every custom block under
    the first one's name, the block's row typed `copies` times in all, the totals as printed
    in a code block under it."""
    rows = []
    for row in truth["layers"]:
        name = (
            row["name"].rsplit("_", 1)[0] if row["name"] == "transformer_block_1" else row["name"]
        )
        rows.append(f"| {name} ({row['type']}) | ? | {row['params']:,} |")
    block = next(row for row in rows if "TransformerBlock" in row)
    at = rows.index(block)
    rows[at:at] = [block] * (copies - 2)
    totals = [line.strip() for line in text.splitlines() if "params:" in line]
    head = ["| Layer (Type) | Output Shape | Param # |", "|---|---|---|"]
    return "\n".join(["# Model", "", *head, *rows, "", "```", *totals, "```", ""])


@pytest.mark.parametrize("copies", [3, 5])
def test_a_name_typed_on_every_row_is_one_finding_and_the_extra_row_explains_the_total(
    copies: int,
) -> None:
    """The name printed 3 (5) times gave 2 (4) SA402 findings that each said 'printed twice';
    the rows holding one block's count beyond Total were read as weights the unverified blocks
    might share (an info), not as the row typed once too often that the names show."""
    truth, text = load_print(REAL / "keras3/custom_class_wrapped_on_its_second_row.truth.json")
    assert_reads_as_truth(api.parse_text(text)[0], truth)
    report = api.check_text(_readme_table(text, truth, copies))
    [duplicate] = [f for f in report.findings if f.code == "SA402"]
    assert f"transformer_block is printed {copies} times (lines " in duplicate.message
    [total] = [f for f in report.findings if f.code == "SA201"]
    assert total.severity.value == "error"
    extra = copies - 2  # the model has two blocks
    assert f"(more by {304 * extra:,}): transformer_block is printed" in total.message
    cause = "one row was pasted once too often" if extra == 1 else f"{extra} rows were pasted"
    assert cause in total.message
    [summary] = report.summaries
    assert summary.audit is not None
    checks = {check.name: check.state for check in summary.audit.coverage.totals}
    assert checks["Total = sum of the rows"] is CheckState.CHECKED  # not 'bounded': shared


def test_a_name_printed_twice_keeps_its_message() -> None:
    truth, text = load_print(REAL / "keras3/custom_class_wrapped_on_its_second_row.truth.json")
    report = api.check_text(_readme_table(text, truth, 2).replace("| 304 |", "| 304 |", 1))
    assert [f.code for f in report.findings if f.code == "SA402"] == ["SA402"]


# --------------- 44a's 014: Non-trainable 0 said of the layers' kinds, not of the model


def test_non_trainable_zero_speaks_of_the_rows_kinds_not_the_models_flags() -> None:
    """A real Keras 3.0.5 print of an Embedding made with trainable=False counts it trainable
    (keras-team/keras#19398): the note said 'no layer keeps weights that training leaves
    alone', false of that model; what the rows show is that none keeps moving statistics."""
    truth, text = load_print(REAL / "keras3.0.5/embedding_made_frozen.truth.json")
    [summary] = api.check_text(text).summaries
    [note] = [note for note in summary.notes if note.startswith("Non-trainable params 0")]
    assert note.startswith(
        "Non-trainable params 0: no row is of a layer that keeps weights training does not "
        "update (such as BatchNormalization's moving mean and variance), and the print counts "
        "no layer as frozen (Keras 3.0 and 3.1 counted"
    )
    assert "leaves alone" not in note
    assert truth["totals"]["non_trainable"] == 0


def test_a_model_title_with_its_quotes_escaped_keeps_its_name() -> None:
    """44c's 014: a book's page printed `Model:\\"sequential_2\\"` (its quotes escaped)."""
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    escaped = 'Model: \\"sequential_2\\"\n' + text
    [summary] = api.parse_text(escaped)
    assert summary.model_name == "sequential_2"


# --------------- 45b's 008: a base of no non-trainable weights frozen, marked N


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_frozen_base_marked_n_explains_non_trainable(generation: str) -> None:
    """A VGG16 base (no BatchNormalization) frozen, its row marked N: Non-trainable is its whole
    count. The column's reading needed every row's default known, and a nested model's is not
    (before: no word on where the 14,714,688 come from, and its derivation said 'no weight
    non-trainable' beside it)."""
    truth, text = load_print(REAL / generation / "vgg16_base_frozen_show_trainable.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    [info] = [f for f in report.findings if f.code == "SA203"]
    assert info.severity.value == "info"
    assert info.message.startswith(
        "the Trainable column marks vgg16 as frozen (trainable=False): Non-trainable params is "
        "14,714,688, where the rows other than vgg16 by default hold 0"
    )
    derivation = _derivation(text, "vgg16")
    assert derivation.endswith("(3 input channels; none of its weights non-trainable by default)")


# --------------- 45a's 009: a gap in a table marked with a few words after the dots


@pytest.mark.parametrize("mark", ["… several layers omitted... ", "... (3 more layers) ...", "..."])
def test_an_elision_mark_with_words_keeps_the_table_whole(mark: str) -> None:
    """A book's export left rows out of a Keras 2 print under `… several layers omitted...`:
    the line ended the table, so the first row was a summary without totals (a false SA003)
    and the rest one whose top was cut off."""
    truth, text = load_print(REAL / "keras2.2.4/conv_zoo.truth.json")
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if re.match(r"(?!Layer )\w+ \(\w", line)]
    assert len(rows) > 6
    kept = [*lines[: rows[0] + 1], mark, *lines[rows[-4] :]]
    report = api.check_text("\n".join(kept) + "\n")
    [summary] = report.summaries
    names = [w["name"] for w in truth["layers"]]
    assert [layer.name for layer in summary.layers] == [names[0], *names[-4:]]
    assert summary.unreadable == () and len(summary.elided) == 1
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert not [f for f in report.findings if f.severity.value != "info"]


# --------------- 45d's 004: a class cut away, a 2-D input, a 3-D output


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_a_cut_class_between_a_2d_input_and_a_3d_output_is_no_convolution(
    generation: str,
) -> None:
    """A long name fills the Layer column and the class is cut away; its input (None, 3) and
    output (None, 3, 1) fit an Embedding only: a Conv1D (or DepthwiseConv1D, Conv1DTranspose)
    takes and gives (batch, steps, channels). Before: 'each class it could be (Embedding,
    Conv1D, DepthwiseConv1D, Conv1DTranspose) would give 2'."""
    truth, text = load_print(REAL / generation / "embedding_class_cut_by_long_name.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None
    [row] = [
        audited
        for layer, audited in zip(summary.layers, summary.audit.rows)
        if layer.name.startswith("linear0sparse")
    ]
    assert row.type == "Embedding" == truth["layers"][1]["type"]
    assert row.derivation is not None and "Conv1D" not in row.derivation
    assert row.derivation.startswith("2 = 2 (vocabulary) × 1 (embedding dim)")


# --------------- 45e: quantization-aware training's wrappers (tfmot's default 8-bit scheme)

_QUANTIZED = ["quantize_aware_guide", "quantize_aware_zoo"]


@pytest.mark.parametrize("case", _QUANTIZED)
def test_quantize_wrappers_are_the_wrapped_layer_and_its_quantizers_ranges(case: str) -> None:
    """Each QuantizeWrapperV2 holds the wrapped layer's weights and, non-trainable, an optimizer
    step and the min and max of its quantizers (a kernel's per filter for a Conv2D); before,
    every row was 'no formula for QuantizeWrapperV2' (45e's 006, 007, 010, 013, 014)."""
    truth, text = load_print(REAL / "tf_keras" / f"{case}.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    coverage = summary.audit.coverage
    assert coverage.rows_verified == coverage.rows_read == len(truth["layers"])
    checks = {check.name: check.state for check in coverage.totals}
    assert checks["Non-trainable = moving statistics + frozen layers"] is CheckState.CHECKED
    assert checks["Total = sum of the rows"] is CheckState.CHECKED


def test_a_quantized_convolution_names_its_ranges() -> None:
    _, text = load_print(REAL / "tf_keras/quantize_aware_guide.truth.json")
    assert _derivation(text, "quant_conv2d").startswith(
        "147 = 120 of the wrapped Conv2D + 1 optimizer step + a min and a max for each of its 12 "
        "filters' kernels + the min and max of its activation (non-trainable); Conv2D: 120 = 12 "
        "filters × (K × 1 channel + 1) → K = 9 → kernel 3×3"
    )
    assert _derivation(text, "quant_reshape").startswith("1 = 1 optimizer step (non-trainable)")
    assert _derivation(text, "quantize_layer").startswith("3 = the input's min and max")


def test_quantize_wrappers_whose_class_the_paste_cut_are_still_read() -> None:
    """tf.keras 2.13+ wraps `(QuantizeWra` / `pperV2)`; a paste that lost the wrapped lines
    leaves `(QuantizeWra`, `(Quant`, … each completed, or inferred from the count."""
    truth, text = load_print(REAL / "tf_keras/quantize_aware_guide.truth.json")
    kept = [line for line in text.splitlines() if not re.fullmatch(r" \w*\)\s*", line)]
    cut = "\n".join(kept) + "\n"
    assert "pperV2)" not in cut and "(Quant " in cut
    report = api.check_text(cut)
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    assert not [f for f in report.findings if f.severity.value != "info"]
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"])


def test_a_quantize_layer_of_another_count_is_flagged() -> None:
    _, text = load_print(REAL / "tf_keras/quantize_aware_guide.truth.json")
    edited = text.replace("(None, 28, 28)            3  ", "(None, 28, 28)            4  ")
    edited = edited.replace("20448", "20449").replace(
        "Non-trainable params: 38 ", "Non-trainable params: 39 "
    )
    assert edited != text
    codes = [f.code for f in api.check_text(edited).findings]
    assert "SA101" in codes


def test_qkeras_layers_hold_the_weights_of_the_layers_they_quantize() -> None:
    """A real QKeras print (TensorFlow 2.12): QConv2D, QDense, QDepthwiseConv2D and
    QBatchNormalization hold the weights of the layers they quantize, QActivation none; before,
    `QConv2D` was read as a misspelt Conv2D ('no Keras class is spelled QConv2D') and
    QActivation was 'no formula' (45e's 008, 009)."""
    truth, text = load_print(REAL / "tf2.12/qkeras_layers.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.audit is not None and summary.audit.coverage is not None
    assert summary.audit.coverage.rows_verified == len(truth["layers"])
    assert [audited.type for audited in summary.audit.rows] == [w["type"] for w in truth["layers"]]
    assert _derivation(text, "conv2d").startswith(
        "QKeras's QConv2D holds the weights a Conv2D holds (its quantizers hold none): 80 = 8 "
        "filters × (K × 1 channel + 1)"
    )
    assert _derivation(text, "act").startswith("0: QActivation has no weights")


# --------------- a collapsed tf.keras 2.7+ print whose Connected to lists wrapped mid-entry

_WRAPPED_LISTS = [
    path
    for generation in ("tf2.9", "tf2.12", "tf_keras")
    for path in sorted((REAL / generation).glob("*.truth.json"))
    if re.search(
        r"\['[^'\]]*\n", path.with_name(path.name[: -len(".truth.json")] + ".txt").read_text()
    )
]


@pytest.mark.parametrize("truth_path", _WRAPPED_LISTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_connected_to_lists_wrapped_mid_entry_are_joined_with_spacing_collapsed(
    truth_path: Path,
) -> None:
    """A mirror site's copy collapses every run of blanks (45c: ten of fifteen pastes came from
    such mirrors). tf.keras 2.7+ wraps a Connected to list at its column's width, mid-entry
    (`['quant_batch_normalization[0]` / `[0]']`): each piece had become an entry, with an SA401
    for `[0]']`, `']` and `quant_global_average_pooling`; where the name wrapped too, its rest
    and its class went into the list (`projection_layer (Dense) _features[0][0]']`)."""
    _, text = load_print(truth_path)
    collapsed = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    [whole] = api.parse_text(text)
    [read] = api.parse_text(collapsed)
    rows = [(layer.name, layer.type, layer.connected_to) for layer in read.layers]
    assert rows == [(layer.name, layer.type, layer.connected_to) for layer in whole.layers]
