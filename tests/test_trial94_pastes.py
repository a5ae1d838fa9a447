"""Trial 94 and review 93's leftovers: the damage applied as code to real prints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import audited_row, load_print, shape_text, totals_lines
from .test_trial90_pastes import MARK_BELOW_CASES, cut_under, named

REAL = FIXTURES / "real"


def inserted(printed: str, before: str, note: str) -> str:
    """The print with an author's line put above its first line that starts with `before`."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(before))
    return "\n".join([*lines[:at], note, *lines[at:]]) + "\n"


# --------------- Review 93: an author's totals lines with a note among Keras's own


@pytest.mark.parametrize(
    ("before", "note"),
    [
        ("Trainable params", "Trainable (after unfreezing): 1K"),
        ("Trainable params", "Trainable (after unfreezing): 1 K"),
        ("Trainable params", "Trainable (after unfreezing): 2.5M"),
        ("Non-trainable params", "Total (after unfreezing): ~3K"),
    ],
)
def test_an_authors_noted_totals_line_among_keras_s_is_said_beside_them(
    before: str, note: str
) -> None:
    """`Trainable (after unfreezing): 1K` above Keras's Trainable line was spelt into
    `Trainable params: 1K` and read as 1: a false SA202; `Total (after unfreezing): ~3K`
    between Keras's Trainable and Non-trainable lines ended the totals, the Non-trainable line
    under it a summary of totals alone. Keras's lines are read, the author's said beside."""
    truth, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(inserted(printed, before, note))
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()
    assert summary.audit is not None
    assert any(note in said for said in summary.audit.notes)


def test_an_authors_rounded_trainable_line_alone_is_not_read_as_a_count() -> None:
    """The other side: with Keras's Trainable line gone, the author's `1K` is no count of 1;
    the Trainable total is unread and the split unchecked, said in the coverage."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    lines = [line for line in printed.splitlines() if not line.startswith("Trainable params")]
    pasted = inserted("\n".join(lines), "Non-trainable params", "Trainable (after unfreezing): 1K")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.trainable is not None and summary.totals.trainable.value is None
    assert "SA202" not in [f.code for f in report.findings]
    assert summary.coverage is not None
    [split] = [c for c in summary.coverage.totals if c.name == "Trainable + Non-trainable = Total"]
    assert split.state is CheckState.BOUNDED
    assert split.reason == (
        "Trainable is given rounded (1K) with the author's note, and Total − Non-trainable = "
        "2,139,728 does not round to it (the note may mark another phase of training)"
    )


@pytest.mark.parametrize(
    ("count", "codes"), [("2.1M", []), ("~2.1M", []), ("2.2M", ["SA202"]), ("~1K", ["SA202"])]
)
def test_a_trainable_line_given_rounded_is_checked_to_its_precision(
    count: str, codes: list[str]
) -> None:
    """`Trainable params: 2.1M` was read as 2 (a false SA202); `~1K` was not checked at all.
    Total − Non-trainable = 2,139,728 rounds to 2.1M, not to 2.2M or 1K."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    pasted = printed.replace("Trainable params: 2,139,728", f"Trainable params: {count}")
    assert count in pasted
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == codes
    [summary] = report.summaries
    assert summary.coverage is not None
    [split] = [c for c in summary.coverage.totals if c.name == "Trainable + Non-trainable = Total"]
    assert split.state is CheckState.BOUNDED
    assert "Total − Non-trainable = 2,139,728" in split.reason


def test_a_total_given_with_a_unit_is_read_rounded() -> None:
    """`Total params: 2.1M` was read as a Total of 2."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    pasted = printed.replace("Total params: 2,140,752", "Total params: 2.1M")
    report = api.check_text(pasted)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.totals.total is not None
    assert summary.totals.total.value is None
    assert summary.totals.total.rounded == (2_050_000, 2_149_999)


def test_a_share_of_layers_under_a_keras_1_0_total_is_no_trainable_count() -> None:
    """`Trainable (layers): 12 of 20` under a Keras 1.0 print's lone Total was spelt into
    `Trainable params: 12 of 20` and read as 12."""
    truth, printed = load_print(REAL / "keras1.0.8/big_dense.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    pasted = "\n".join([*lines[: at + 1], "Trainable (layers): 12 of 20", *lines[at + 1 :]])
    report = api.check_text(pasted + "\n")
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()


# --------------- 94g's 012: a Keras 2 Sequential print cut under its Total line (a rendered
# notebook lost its `=` rules) was taken for Keras 1.0's, whose Total stands alone


@pytest.mark.parametrize("rules", ["kept", "lost"])
def test_a_keras2_print_cut_under_its_total_is_no_keras1_print(rules: str) -> None:
    """The header has Keras 2's Sequential columns and no Connected to, which every Keras 1
    table prints: the Trainable and Non-trainable lines are missing (SA003), not absent from
    the generation (before: "Keras 1 layout", no finding)."""
    truth, printed = load_print(REAL / "keras2.2.4/gan_generator.truth.json")
    lines = [line for line in printed.splitlines() if "rainable params" not in line]
    if rules == "lost":
        lines = [line for line in lines if not line.startswith("=")]
    report = api.check_text("\n".join(lines) + "\n")
    [summary] = report.summaries
    assert summary.dialect.value == "keras2"
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA003", "warning")]
    assert "Trainable and Non-trainable params lines are missing" in report.findings[0].message
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]


def test_a_keras1_print_with_its_lone_total_stays_keras1() -> None:
    """The other side: Keras 1.0's own print (Connected to, Total alone) has no missing line."""
    _, printed = load_print(REAL / "keras1.0.8/big_dense.truth.json")
    report = api.check_text(printed)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.dialect.value == "keras1"


# --------------- 91c: rows of tf.keras's ModuleWrapper (a layer of the standalone keras package
# in a tf.keras model) were "no formula"; the class it wraps is told by the name or the count


def wrapped(printed: str, names: dict[str, str]) -> str:
    """The print with each named row's class printed as ModuleWrapper (and its name changed),
    the columns kept."""
    lines = []
    for line in printed.splitlines():
        for old, new in names.items():
            if line.startswith(f"{old} ("):
                cells = f"{new} (ModuleWrapper)"
                line = (
                    cells.ljust(29) + line[29:] if len(cells) < 29 else cells[:28] + " " + line[29:]
                )
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_module_wrapper_rows_with_default_names_are_checked_as_the_class_named() -> None:
    """`dense_1 (ModuleWrapper)`: checked as a Dense, said to be inside the wrapper; an edited
    count is caught."""
    _, printed = load_print(REAL / "keras2.2.4/gan_generator.truth.json")
    pasted = wrapped(printed, {"dense_1": "dense_1", "dense_2": "dense_2"})
    assert pasted.count("ModuleWrapper") == 2
    report = api.check_text(pasted)
    assert report.findings == ()
    [summary] = report.summaries
    first = audited_row(summary, "dense_1")
    assert "(class Dense inferred from its default name, inside the ModuleWrapper)" in (
        first.derivation or ""
    )
    edited = api.check_text(
        pasted.replace("(None, 12)                204", "(None, 12)                205")
    )
    assert [(f.code, f.layer) for f in edited.findings][:1] == [("SA101", "dense_2")]


def test_module_wrapper_rows_without_a_class_name_are_read_from_count_and_shapes() -> None:
    """`module_wrapper_2 (ModuleWrapper)` (a default wrapper name) under dense_1's 16: 204 is
    a Dense of 12 only; the derivation says the wrapper does not name the class it wraps."""
    _, printed = load_print(REAL / "keras2.2.4/gan_generator.truth.json")
    pasted = wrapped(printed, {"dense_2": "module_wrapper_2"})
    report = api.check_text(pasted)
    assert report.findings == ()
    [summary] = report.summaries
    row = audited_row(summary, "module_wrapper_2")
    assert (row.derivation or "").startswith("204 = 16 × 12 + 12")
    assert "inside the ModuleWrapper" in (row.derivation or "")


# --------------- 94e's 009 and 94c's 012: tfmot wrappers in a Keras 2 print before tf.keras 2.7,
# which cut each row's `name (Class)` at its column


def keras2_cut_print(truth: dict[str, Any], rename: dict[str, str] | None = None) -> str:
    """The model's table as Keras 2 before tf.keras 2.7 printed it (print_row: each cell cut at
    its column, 29, 55 and 65, its last character a blank), from the truth read from the model
    object; `rename` spells a class as an older release did."""

    def row(cells: list[str]) -> str:
        line = ""
        for cell, stop in zip(cells, (29, 55, 65)):
            line = (line[:-1] + " " if line else "") + cell
            line = line[:stop].ljust(stop)
        return line

    rule, double = "_" * 65, "=" * 65
    lines = [
        f'Model: "{truth["model_name"]}"',
        rule,
        row(["Layer (type)", "Output Shape", "Param #"]),
    ]
    lines.append(double)
    for at, layer in enumerate(truth["layers"]):
        cls = (rename or {}).get(layer["type"], layer["type"])
        shape = shape_text(layer["output_shape"])
        lines.append(row([f"{layer['name']} ({cls})", shape, str(layer["params"])]))
        lines.append(double if at == len(truth["layers"]) - 1 else rule)
    lines += [*totals_lines(truth)[1:], rule]
    return "\n".join(lines) + "\n"


def test_pruning_wrappers_whose_names_the_column_cut_are_read_from_the_cut() -> None:
    """`prune_low_magnitude_batch_no (None, 298, 8)  33`: 32 of the wrapped BatchNormalization
    + 1 pruning step, read from the cut name (before: 'wraps a layer the row does not name',
    and the coverage called the masks and steps moving statistics)."""
    truth, _ = load_print(REAL / "tf_keras/pruned_low_magnitude.truth.json")
    pasted = keras2_cut_print(truth)
    assert "prune_low_magnitude_batch_no (None, 298, 8)" in pasted
    report = api.check_text(pasted)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    row = audited_row(summary, "prune_low_magnitude_batch_no")
    assert (row.derivation or "").startswith("33 = 32 of the wrapped BatchNormalization + 1")
    assert "(the wrapped class read from the cut name `batch_no`)" in (row.derivation or "")


def test_the_non_trainable_weights_of_pruning_wrappers_are_not_called_moving_statistics() -> None:
    """With a wrapper's count left unverified (its cut name edited), the bound's reason names
    the wrappers' state beside moving statistics."""
    truth, _ = load_print(REAL / "tf_keras/pruned_low_magnitude.truth.json")
    pasted = keras2_cut_print(truth).replace(
        "prune_low_magnitude_batch_no", "prune_low_magnitude_bn_xyz_"
    )
    [summary] = api.check_text(pasted).summaries
    assert summary.coverage is not None
    [bound] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert "as moving statistics or a wrapper's state (pruning masks" in bound.reason


def test_a_cut_class_completes_to_the_one_the_table_prints_whole() -> None:
    """tfmot's first QuantizeWrapper printed whole beside `(QuantizeWrappe` cut on other rows:
    the cut is that class, not tfmot's later QuantizeWrapperV2, and the whole one is no cut."""
    truth, _ = load_print(REAL / "tf_keras/quantize_aware_zoo.truth.json")
    pasted = keras2_cut_print(truth, {"QuantizeWrapperV2": "QuantizeWrapper"})
    assert "(QuantizeWrapper)" in pasted and "(QuantizeWrappe " in pasted
    [summary] = api.check_text(pasted).summaries
    wrapped = [layer for layer in summary.layers if layer.printed_type.startswith("QuantizeWrapp")]
    assert wrapped and {layer.type for layer in wrapped} == {"QuantizeWrapper"}
    whole = [layer for layer in wrapped if f"{layer.name} (QuantizeWrapper) " in pasted]
    assert [layer.name for layer in whole] == ["quant_add"]
    assert all("type" not in layer.truncated for layer in whole)


# --------------- 94a's 001: a retyped shape split a channel count in two (`12,  8` for 128): the
# Conv2D under it read its 5 axes as channels_first, and called its right count wrong


def test_a_convolution_under_an_input_of_another_rank_is_read_without_it() -> None:
    """conv2d_1's `(None, 14, 47, 36)` retyped `(None, 14, 47, 3,  6)`: conv2d_2's 43,248 =
    48 × (K × C + 1) is read without that input (before: SA101, 'not a multiple of the
    filters (14)')."""
    _, printed = load_print(REAL / "tf2.12/driving_cnn_functional.truth.json")
    pasted = printed.replace("(None, 14, 47, 36)", "(None, 14, 47, 3,  6)", 1)
    assert pasted != printed
    report = api.check_text(pasted)
    assert ("SA101", "conv2d_2") not in [(f.code, f.layer) for f in report.findings]
    [summary] = report.summaries
    derivation = audited_row(summary, "conv2d_2").derivation or ""
    assert derivation.startswith("43,248 = 48 filters × (K × C + 1)")
    assert derivation.endswith(
        "(its input (None, 14, 47, 3, 6) has 5 axes, not the 4 a Conv2D takes, so it is read "
        "without it)"
    )


# --------------- 94f's 013, 94d's 005: a custom class named like the start of known ones, wrapped
# over two lines by tf.keras 2.7+ (`global_max_pool (GlobalMaxP` / ` ool)`): lost, shown as `?`


@pytest.mark.parametrize("blank", ["spaces", "empty"])
def test_a_custom_class_wrapped_over_lines_is_read_whole(blank: str) -> None:
    """The row has the class's default name, so its class is whole: not a cut
    GlobalMaxPooling1D, 2D or 3D (before: no class, 'the class is cut off or not printed')."""
    truth, printed = load_print(REAL / "tf2.12/custom_class_wrapped_over_lines.truth.json")
    if blank == "empty":  # (a page that kept the blank lines but not their spaces: 94d's 006)
        printed = "\n".join(line if line.strip() else "" for line in printed.splitlines())
    [summary] = api.check_text(printed).summaries
    assert ("global_max_pool", "GlobalMaxPool") in [(x.name, x.type) for x in summary.layers]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]
    ]


# --------------- 94b's 004 (a nit): K × C = 773, a prime, gave only `1 channel → kernel 773`


def test_a_kernel_times_channels_no_usual_reading_splits_also_says_a_kernel_of_one() -> None:
    """A Conv1D of 64 filters showing 49,536 on an input the paste does not show: 773 is 1
    channel under a kernel of 773, or 773 channels under a kernel of 1 (the likelier)."""
    _, printed = load_print(REAL / "tf2.12/driving_cnn_functional.truth.json")
    row = " conv2d_1 (Conv2D)              (None, 14, 47, 36)   21636       ['conv2d[0][0]']"
    assert row in printed
    edited = printed.replace(
        row, row.replace("21636", "25164").replace("['conv2d[0][0]']", "[]                ")
    )
    derivation = audited_row(api.check_text(edited).summaries[0], "conv2d_1").derivation or ""
    assert "K × C = 698 (input channels not shown; e.g. " in derivation
    assert "698 channels → K = 1, 1×1" in derivation


# --------------- 95f's 013: translated totals labels on one line, `;` between them: only the
# first was read, and the Trainable and Non-trainable lines were said to be missing


@pytest.mark.parametrize(
    ("labels", "separator"),
    [
        (("参数总数量", "可训练参数数量", "不可训练参数数量"), " ;  "),
        (("総パラメータ数", "訓練可能パラメータ数", "訓練不可能パラメータ数"), "；"),
    ],
)
def test_translated_totals_on_one_line_are_all_read(
    labels: tuple[str, str, str], separator: str
) -> None:
    truth, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    totals = truth["totals"]
    counts = (totals["total"], totals["trainable"], totals["non_trainable"])
    line = separator.join(f"{label}: {count:,}" for label, count in zip(labels, counts))
    kept = [text for text in printed.splitlines() if "params:" not in text]
    at = next(i for i, text in enumerate(kept) if text.startswith("=")) + 1
    at += next(i for i, text in enumerate(kept[at:]) if text.startswith("="))
    pasted = "\n".join([*kept[: at + 1], line, *kept[at + 1 :]]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.to_dict() == totals
    assert report.findings == ()


# --------------- 95g's 009: a tied embedding's count beyond Total with only the Total line shown:
# an error ('the row was pasted twice or added'), where the three lines gave the tied reading


@pytest.mark.parametrize("kept", ["Total", "all"])
def test_a_tied_embedding_beyond_a_lone_total_is_the_tied_reading(kept: str) -> None:
    """KerasHub's ReversibleEmbedding reuses the backbone's embedding: its 16,000 are beyond
    Total whether or not the Trainable and Non-trainable lines were pasted (an SA201 info)."""
    _, printed = load_print(REAL / "keras3/tied_embedding_in_backbone.truth.json")
    lines = printed.splitlines()
    if kept == "Total":
        lines = [line for line in lines if "rainable params" not in line]
    report = api.check_text("\n".join(lines) + "\n")
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.severity.value == "info"
    assert "exactly the count of token_embedding" in sa201.message


def test_a_plain_embedding_beyond_a_lone_total_is_still_an_error() -> None:
    """The other side: an Embedding (no class made to tie weights) beyond a lone Total."""
    _, printed = load_print(REAL / "keras3/tied_embedding_in_backbone.truth.json")
    lines = [line for line in printed.splitlines() if "rainable params" not in line]
    pasted = (
        "\n".join(lines)
        .replace("token_embedding                      │", "token_embedding (Embedding)          │")
        .replace("│ (ReversibleEmbedding)" + " " * 16 + "│" + " " * 29 + "│" + " " * 17 + "│\n", "")
    )
    assert "(ReversibleEmbedding)" not in pasted
    report = api.check_text(pasted + "\n")
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.severity.value == "error"


# --------------- 95a's 012: Non-trainable exactly the count of one nested model (a GAN's frozen
# discriminator, a frozen keras.applications base): the bound did not say so


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_nested_model_holding_exactly_non_trainable_is_named(generation: str) -> None:
    truth, printed = load_print(REAL / generation / "application_base_frozen.truth.json")
    [base] = [layer for layer in truth["layers"] if layer["type"] == "Functional"]
    assert base["params"] == truth["totals"]["non_trainable"]
    [summary] = api.check_text(printed).summaries
    assert summary.coverage is not None
    [bound] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert bound.reason.endswith(
        f"({base['name']}'s weights, the nested model frozen whole, are exactly {base['params']:,})"
    )


# --------------- 96e's 011: a row one column left of the header after its shape's `)` was lost
# (`(None, 112, 112, 32 864`): the count was cut at the Param # title's column, read as 64


def test_a_count_one_column_left_of_its_title_after_a_cut_shape_is_read_whole() -> None:
    truth, printed = load_print(
        REAL / "keras2.2.4/conv_filters_cut_in_a_channels_last_model.truth.json"
    )
    row = "conv2d_1 (Conv2D)               (None, 128, 128, 64) 9472        input_1[0][0]"
    assert row in printed
    shifted = row.replace("64) 9472", "64 9472")
    report = api.check_text(printed.replace(row, shifted))
    [summary] = report.summaries
    [conv] = [layer for layer in summary.layers if layer.name == "conv2d_1"]
    assert conv.params == 9472
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in api.check_text(printed).findings
    ]
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]


# --------------- 96e's 006 (a nit): an undecided DepthwiseConv2D said only C·dm × (K + 1)


def test_an_undecided_depthwise_count_says_both_bias_settings() -> None:
    """Keras's `depthwise_conv2d` without a bias (27 = 3 × 9), its shape printed `multiple`."""
    _, printed = load_print(REAL / "keras3/depthwise_without_bias.truth.json")
    shown = "│ (None, 32, 32, 3)           │              27 │"
    assert shown in printed
    pasted = printed.replace(shown, "│ multiple                    │              27 │")
    derivation = audited_row(api.check_text(pasted).summaries[0], "depthwise_conv2d").derivation
    assert derivation == (
        "27: DepthwiseConv2D has C·dm × (K + 1), or C·dm × K without a bias; the channel counts "
        "are not shown or do not fit a depthwise convolution"
    )


# --------------- 96a's 004: a table quoted down to a `...` under its last row shown is an excerpt
# shown as such: its SA003 an info, as the rule says (it was a warning, and exit status 1)


@pytest.mark.parametrize("case", MARK_BELOW_CASES)
@pytest.mark.parametrize("below", ["...", ""])
def test_a_table_quoted_down_to_a_mark_is_an_excerpt(case: str, below: str) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(cut_under(printed, named(truth, "Dropout"), below))
    [incomplete] = [f for f in report.findings if f.code == "SA003"]
    assert incomplete.severity.value == ("info" if below else "warning")


@pytest.mark.parametrize("frozen", [True, False])
def test_an_unverified_row_holding_exactly_non_trainable_is_named_frozen(frozen: bool) -> None:
    """96d's 009: a frozen Embedding whose count the shapes do not decide (here printed
    `multiple`) holds exactly Non-trainable's 400: said. The other side: a BatchNormalization
    with center and scale off holds only its moving statistics (bn_variants' 24, trainable),
    never said to be frozen."""
    if frozen:
        _, printed = load_print(REAL / "keras3/embedding_made_frozen.truth.json")
        shown = "│ (None, 12, 8)               │             400 │"
        assert shown in printed
        printed = printed.replace(shown, "│ multiple                    │             400 │")
        said = "(embedding's weights, frozen, are exactly 400)"
    else:
        _, printed = load_print(REAL / "keras2.3.1/bn_variants.truth.json")
        said = "batch_normalization_3's weights, frozen"
    [summary] = api.check_text(printed).summaries
    assert summary.coverage is not None
    [bound] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert (said in bound.reason) is frozen


# --------------- 96g's 009: a part of a notebook's JSON pasted from an output's `{` (its HTML and
# text copies of a Keras 3 table, then the totals in outputs of their own): the JSON value was
# read as a notebook with no cells, and the table lost ("totals without a table")


def notebook_outputs_excerpt(printed: str) -> str:
    """A Keras 3 print as a notebook stores it, pretty-printed as Jupyter writes `.ipynb`: the
    table as one output shown twice (HTML, then text), each totals line an output of its own;
    the excerpt starts at the first output's `{`."""
    lines = printed.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "Total params" in line)
    table, totals = lines[:at], lines[at:]
    outputs = [
        {
            "data": {
                "text/html": ['<pre style="white-space:pre">', *table, "</pre>\n"],
                "text/plain": table,
            },
            "metadata": {},
            "output_type": "display_data",
        },
        *(
            {"data": {"text/plain": [line]}, "metadata": {}, "output_type": "display_data"}
            for line in totals
        ),
    ]
    dumped = json.dumps({"outputs": outputs}, indent=1, ensure_ascii=False).splitlines()
    start = next(i for i, line in enumerate(dumped) if line.strip() == "{" and i > 0)
    return "\n".join(dumped[start:-2]) + "\n"


def test_a_part_of_a_notebook_s_json_from_an_output_is_read() -> None:
    truth, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = notebook_outputs_excerpt(printed.split("\n", 1)[1])
    assert pasted.lstrip().startswith("{") and '"text/html": [' in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]
    assert report.findings == ()


# --------------- 96g's 005: totals labels in German (a machine-translated TF.js guide), and in
# French, Italian and Indonesian: not read


@pytest.mark.parametrize(
    "labels",
    [
        ("Gesamtparameter", "Trainierbare Parameter", "Nicht trainierbare Parameter"),
        ("Paramètres totaux", "Paramètres entraînables", "Paramètres non entraînables"),
        ("Parametri totali", "Parametri addestrabili", "Parametri non addestrabili"),
        ("Total parameter", "Parameter yang dapat dilatih", "Parameter yang tidak dapat dilatih"),
    ],
)
def test_translated_totals_labels_are_read(labels: tuple[str, str, str]) -> None:
    truth, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    for english, label in zip(("Total params", "Trainable params", "Non-trainable params"), labels):
        assert f"\n{english}:" in printed
        printed = printed.replace(f"\n{english}:", f"\n{label}:")
    report = api.check_text(printed)
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()


# --------------- 96g's 002: a table written by hand that gives a block of layers one row
# (`Conv2D` + `BatchNorm` + `ReLU`): read as one Conv2D of an odd kernel, and verified


def blocks_table(truth: dict[str, Any], edit: int = 0) -> str:
    """The model as a Markdown table written by hand: each Conv2D, BatchNormalization and
    Activation run written as one row with their counts summed (the first block's count
    changed by `edit`), the other rows one each."""
    rows = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    layers = [layer for layer in truth["layers"] if not layer["depth"]]
    at = 0
    while at < len(layers):
        layer = layers[at]
        if layer["type"] == "Conv2D" and [x["type"] for x in layers[at + 1 : at + 3]] == [
            "BatchNormalization",
            "Activation",
        ]:
            run = layers[at : at + 3]
            count = sum(x["params"] for x in run) + edit
            edit = 0
            shape = shape_text(run[-1]["output_shape"])
            rows.append(f"| `Conv2D` + `BatchNorm` + `ReLU` | `{shape}` | {count:,} |")
            at += 3
            continue
        shape = layer["output_shape"]
        shape = shape[0] if shape and isinstance(shape[0], list) else shape
        rows.append(
            f"| {layer['name']} ({layer['type']}) | `{shape_text(shape)}` | {layer['params']:,} |"
        )
        at += 1
    return "\n".join(rows) + "\n"


def test_a_block_of_layers_written_as_one_row_is_read_as_their_sum() -> None:
    truth, _ = load_print(REAL / "tf2.12/frozen_scattered_no_show_trainable.truth.json")
    report = api.check_text(blocks_table(truth))
    [summary] = report.summaries
    derivations = [
        audited.derivation or ""
        for layer, audited in zip(summary.layers, summary.audited_rows())
        if "+" in layer.name
    ]
    assert derivations == [
        "256 = 224 of the Conv2D (8 filters × 3×3 on 3 channels) + 32 of the BatchNormalization "
        "(4 × 8) (a block of layers written as one row (Conv2D + BatchNormalization + an "
        "activation))",
        "924 = 876 of the Conv2D (12 filters × 3×3 on 8 channels) + 48 of the BatchNormalization "
        "(4 × 12) (a block of layers written as one row (Conv2D + BatchNormalization + an "
        "activation))",
    ]
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read


def test_a_block_count_no_usual_reading_gives_is_not_verified() -> None:
    """The other side: 257 (one more) fits no usual kernel and bias: not checked, not verified
    as some Conv2D (before: 'each class it could be (Conv2D, Conv2DTranspose) would give')."""
    truth, _ = load_print(REAL / "tf2.12/frozen_scattered_no_show_trainable.truth.json")
    [summary] = api.check_text(blocks_table(truth, edit=1)).summaries
    [first] = [a for layer, a in zip(summary.layers, summary.audited_rows()) if "+" in layer.name][
        :1
    ]
    assert (first.derivation or "").startswith("257: a block of layers written as one row")
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read - 1


# --------------- 97c's 004: an OCR'd table: `Paran #` for the count's title (every count dropped)
# and a `<br>` inside a cell (a row invented from the rest of the cell)


def pipe_table(truth: dict[str, Any], title: str = "Param #", shape_break: str = "") -> str:
    """The model as a Markdown table retyped from its print, the count's title as given; each
    shape's last comma followed by `shape_break` (a `<br>` a converter left in the cell)."""
    rows = [f"| Layer (type) | Output Shape | {title} |", "| -- | -- | -- |"]
    for layer in truth["layers"]:
        shape = shape_text(layer["output_shape"])
        cut = shape.rfind(", ")
        shape = shape[: cut + 1] + shape_break + shape[cut + 1 :] if shape_break else shape
        rows.append(f"| {layer['name']} ({layer['type']}) | {shape} | {layer['params']} |")
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("title", ["Param #", "Paran #", "Pararn #"])
@pytest.mark.parametrize("shape_break", ["", "<br>"])
def test_an_ocr_d_table_s_counts_are_read(title: str, shape_break: str) -> None:
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    report = api.check_text(pipe_table(truth, title, shape_break))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.unreadable == ()
    assert [f.code for f in report.findings] == ["SA003"]  # (the totals were not retyped)


# --------------- 97b's 003: a PDF's text dump that put a print's rows out of order (a Flatten
# above a Conv2D): the rows read as a chain gave false SA301s


def test_rows_out_of_the_model_s_order_are_no_chain() -> None:
    _, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    lines = [line for line in printed.splitlines() if line.strip()]
    rows = {
        line.split()[0]: at for at, line in enumerate(lines) if line.startswith(" ") and "(" in line
    }
    order = ["max_pooling2d", "flatten", "conv2d", "dense"]
    pasted = []
    for name in order:
        at = rows[name]
        pasted.append(lines[at])
        if name == "max_pooling2d":
            pasted.append(lines[at + 1])  # its class's `)` on a line of its own
        pasted.append("")
    report = api.check_text("\n".join(pasted))
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == order
    assert "SA301" not in [f.code for f in report.findings]


def test_rows_in_the_model_s_order_still_form_a_chain() -> None:
    """The other side: the same rows in order, the Dense's count edited against its input."""
    _, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    lines = [line for line in printed.splitlines() if line.strip()]
    kept = [line for line in lines if line.startswith(" ") and "Layer (type)" not in line]
    pasted = "\n\n".join(kept).replace("(None, 5408)", "(None, 5400)")
    assert "(None, 5400)" in pasted
    assert "SA301" in [f.code for f in api.check_text(pasted).findings]


# --------------- 98a's 008: a paste that ends inside a Keras 3 header under a whole top border:
# said to be cropped by a narrow terminal (print it again wider), which nothing shows


@pytest.mark.parametrize("crop", [False, True])
def test_a_header_the_paste_ends_in_is_no_cropped_table(crop: bool) -> None:
    """The top border closed by its `┓`, the header line cut after `Output Shape`: the summary
    was cut after its header, no more. The other side: a terminal's crop cuts the border too."""
    _, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    width = lines[at].index("Output Shape") + len("Output Shape")
    kept = lines[: at + 1]
    kept[at] = kept[at][:width]
    if crop:
        kept[at - 1] = kept[at - 1][:width]
    report = api.check_text("\n".join(kept) + "\n")
    messages = [f.message for f in report.findings if f.code == "SA003"]
    assert any("cut right after its header" in m for m in messages)
    assert any("cropped on the right" in m for m in messages) is crop


def test_a_dense_and_batch_normalization_block_is_read_as_their_sum() -> None:
    """`Dense + BN` over a real model's Dense(10) on 4 features and its BatchNormalization."""
    truth, _ = load_print(REAL / "tf2.12/custom_class_wrapped_over_lines.truth.json")
    dense, norm = truth["layers"][1:3]
    rows = [
        "| Layer (type) | Output Shape | Param # |",
        "|---|---|---|",
        "| input_1 (InputLayer) | (None, 6, 4) | 0 |",
        f"| Dense + BN | {shape_text(norm['output_shape'])} | {dense['params'] + norm['params']} |",
    ]
    [summary] = api.check_text("\n".join(rows) + "\n").summaries
    [block] = summary.audited_rows()[1:]
    assert block.derivation == (
        "90 = 50 of the Dense (4 × 10 + 10) + 40 of the BatchNormalization (4 × 10) (a block of "
        "layers written as one row (Dense + BatchNormalization))"
    )


# --------------- Review 94: problems of this session's own fixes


@pytest.mark.parametrize("before", ["Trainable params", "Non-trainable params"])
def test_a_share_of_layers_among_keras_s_totals_lines_ends_nothing(before: str) -> None:
    """Item 1: `Trainable (layers): 12 of 20` between Keras's totals lines ended them."""
    truth, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(inserted(printed, before, "Trainable (layers): 12 of 20"))
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()


def test_a_rounded_count_after_an_exact_one_on_one_line_voids_only_itself() -> None:
    """Item 2: `Total params: N Trainable params: ~1K` made the exact Total unreadable."""
    from summaryaudit.cell_grammar import read_totals

    read = read_totals("Total params: 2,140,752 Trainable params: ~1K")
    assert read is not None and read.value == 2_140_752


def test_four_digits_before_a_unit_are_one_rounded_count() -> None:
    """Item 3: `~2140K` was read as about 2,140 (a grouped count), a false SA202."""
    _, printed = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    pasted = printed.replace("Trainable params: 2,139,728", "Trainable params: ~2140K")
    report = api.check_text(pasted)
    assert "SA202" not in [f.code for f in report.findings]


def test_a_cut_class_the_name_settles_is_not_the_class_another_row_prints() -> None:
    """Item 4: `conv2d_transpose_101 (Conv2D` beside a whole `(Conv2D)` row was completed to
    Conv2D; its name says Conv2DTranspose."""
    truth, _ = load_print(REAL / "tf_keras/pruned_low_magnitude.truth.json")
    layers = [
        {
            "name": "conv2d_transpose_101",
            "type": "Conv2DTranspose",
            "params": 0,
            "output_shape": [None, 8, 8, 4],
        },
        {"name": "conv2d_1", "type": "Conv2D", "params": 0, "output_shape": [None, 8, 8, 4]},
    ]
    pasted = keras2_cut_print({**truth, "layers": layers})
    assert "conv2d_transpose_101 (Conv2D " in pasted and "conv2d_1 (Conv2D)" in pasted
    [summary] = api.check_text(pasted).summaries
    assert [layer.type for layer in summary.layers] == ["Conv2DTranspose", "Conv2D"]
