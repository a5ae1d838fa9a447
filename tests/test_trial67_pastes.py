"""Review leftovers of session 24 and trial 67: the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    checked_as_the_print,
    checked_as_truth,
    load_print,
    shape_text,
    totals_lines,
)
from .test_trial62_pastes import on_one_line_cut_inside

REAL = FIXTURES / "real"


def _non_trainable_reason(path_in_real: str) -> str:
    [summary] = api.check_text((REAL / path_in_real).read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    [said] = [
        check.reason
        for check in summary.audit.coverage.totals
        if check.name.startswith("Non-trainable")
    ]
    return said


# --------------- the review's 8a: "the rows verified hold none" beside a verified base


@pytest.mark.parametrize(
    ("path_in_real", "start"),
    [
        # a frozen keras.applications base: its count is verified, what of it is frozen not
        (
            "keras3/application_base_frozen.txt",
            "the rows whose non-trainable part is known hold none of Non-trainable's 2,257,984; "
            "all of them sit in mobilenetv2_1.00_96 (a nested model: what of it is frozen is "
            "not shown)",
        ),
        # a BatchNormalization whose count is verified on an axis the shapes do not decide
        (
            "keras2.3.1/bn_variants.txt",
            "the rows whose non-trainable part is known hold 48 of Non-trainable's 72 as moving "
            "statistics; the other 24 sit in batch_normalization_3 (what of it is "
            "non-trainable is not decided)",
        ),
        # the passing side: the row holding the rest is not verified, the rows verified are
        # all the others
        (
            "keras3/frozen_nested_base_no_show_trainable.txt",
            "the rows verified hold 128 of Non-trainable's 5,408 as moving statistics; the "
            "other 5,280 sit in pretrained_base (count not verified)",
        ),
    ],
)
def test_the_rows_said_to_hold_part_of_non_trainable_exclude_a_verified_row(
    path_in_real: str, start: str
) -> None:
    """Before: 'the rows verified hold none of Non-trainable's 2,257,984; all of them sit in
    mobilenetv2_1.00_96', a row whose count is verified."""
    assert _non_trainable_reason(path_in_real).startswith(start)


# --------------- the review's 7: `Layer` misspelt in a Keras 3 box's header


@pytest.mark.parametrize("title", ["Lyaer (type)", "Layr (type)", "Laayer (type)", "Layer (type)"])
def test_a_box_header_that_misspells_layer_is_read(title: str) -> None:
    """Before: `┃ Lyaer (type) ┃` was no header; the rows were read as a table whose top is cut
    off, so Total and Non-trainable were only bounded."""
    truth, printed = load_print(REAL / "keras3" / "cnn_bn.truth.json")
    width = len("Layer (type)")
    assert "┃ Layer (type) " in printed
    pasted = printed.replace(
        "┃ Layer (type)" + " " * 4, f"┃ {title}" + " " * (4 + width - len(title))
    )
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == ()
    assert summary.audit is not None
    assert summary.audit.coverage.complete


# --------------- 67b's 010: a Chinese README's table, each title glossed with Keras's own


def as_a_glossed_chinese_table(truth: dict) -> str:  # type: ignore[type-arg]
    """A README's Markdown copy of a print: titles in Chinese glossed with Keras's English,
    the totals rows labelled in Chinese (`总计`, the Total in bold)."""
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} | "
        f"{layer['params']:,} |"
        for layer in truth["layers"]
    ]
    totals = truth["totals"]
    return (
        "\n".join(
            [
                "**模型结构摘要**：",
                "",
                "| 层 (Layer) | 输出形状 (Output Shape) | 参数数量 (Param #) |",
                "|------------|------------------------|-------------------|",
                *rows,
                f"| **总计** | | **{totals['total']:,}** |",
                f"| 可训练参数 | | {totals['trainable']:,} |",
                f"| 不可训练参数 | | {totals['non_trainable']:,} |",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize("case", ["keras3/application_base_frozen", "keras2.2.4/cnn_bn"])
def test_a_table_whose_titles_are_glossed_in_english_is_read(case: str) -> None:
    """Before: SA002, no summary found; with the titles in English, `总计` was read as a layer."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report, _ = checked_as_truth(as_a_glossed_chinese_table(truth), truth)
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in api.check_text(printed).findings
    ]


# --------------- 67c's 007: a library's `…Block` model opened over custom layers


def test_a_block_whose_inner_rows_add_up_to_it_is_said_verified_by_them() -> None:
    """Before: coverage counted sequential_block as verified (its inner rows add up to it),
    while its derivation said 'no formula for SequentialBlock, so this count is not checked'
    and an SA901 said the same."""
    path = REAL / "keras3" / "library_block_over_custom_layers_expanded.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    [summary] = report.summaries
    assert summary.audit is not None
    said = {layer.name: row.derivation for layer, row in zip(summary.layers, summary.audit.rows)}
    assert said["sequential_block"] == "55 = the 2 rows printed inside it (40 + 15)"
    # the custom layer inside it stays unverified, and is the only row SA901 names
    assert said["item_category"].endswith(
        "no formula for EmbeddingTable, so this count is not checked"
    )
    assert [(f.code, f.layer) for f in report.findings] == [("SA901", "item_category")]
    assert summary.audit.coverage.rows_verified == 3


def test_a_block_whose_inner_rows_do_not_add_up_stays_unverified() -> None:
    """The passing side: a block counting one more than its inner rows may hold weights of its
    own, so it is neither verified nor an error; SA901 still says its count is not checked."""
    path = REAL / "keras3" / "library_block_over_custom_layers_expanded.txt"
    printed = path.read_text(encoding="utf-8")
    row = next(line for line in printed.splitlines() if "sequential_block (" in line)
    edited = printed.replace(row, row.replace("  55 │", "  56 │"))
    assert edited != printed
    report = api.check_text(edited)
    [summary] = report.summaries
    assert summary.audit is not None
    assert {(f.code, f.layer) for f in report.findings} >= {("SA901", "sequential_block")}
    reasons = " ".join(summary.audit.coverage.not_verified)
    assert "nested model whose inner rows do not add up to it: sequential_block" in reasons


# --------------- 67c's 009: only KerasHub's Preprocessor table, summary() failing after it


def test_no_summary_says_a_kerashub_preprocessor_table_is_not_read() -> None:
    """Before: SA002 named only torchsummary, paddle and images as what is not read, beside a
    paste whose one table is KerasHub's Preprocessor table (its tokenizer and vocabulary)."""
    left, right = 52, 53
    table = [
        'Preprocessor: "pali_gemma_causal_lm_preprocessor"',
        "┏" + "━" * left + "┳" + "━" * right + "┓",
        "┃ " + "Tokenizer (type)".ljust(left - 1) + "┃" + "Vocab #".rjust(right - 1) + " ┃",
        "┡" + "━" * left + "╇" + "━" * right + "┩",
        "│ "
        + "pali_gemma_tokenizer (PaliGemmaTokenizer)".ljust(left - 1)
        + "│"
        + "257,152".rjust(right - 1)
        + " │",
        "└" + "─" * left + "┴" + "─" * right + "┘",
        "AttributeError                            Traceback (most recent call last)",
    ]
    report = api.check_text("\n".join(table) + "\n")
    [finding] = report.findings
    assert finding.code == "SA002"
    assert "KerasHub's Preprocessor table, which lists no layers" in finding.message


# --------------- 68a's 011: a hand-typed table writing the batch axis as a word


def as_a_typed_table(truth: dict, batch: str) -> str:  # type: ignore[type-arg]
    """A README's Markdown table of a print, each shape's batch axis written as `batch`."""
    rows = [
        f"|{layer['name']} ({layer['type']}) |"
        f"{shape_text(layer['output_shape']).replace('(None', f'({batch}', 1)} |"
        f"{layer['params']} |"
        for layer in truth["layers"]
    ]
    head = ["|Layer (type) | Output Shape | Param # |", "|:---:|:---:|:---:|"]
    return "\n".join([*head, *rows, "| |  | |", *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("batch", ["BS", "batch_size", "B", "batch"])
@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras3/application_base_frozen"])
def test_a_batch_axis_written_as_a_word_is_read_as_none(case: str, batch: str) -> None:
    """Before: `(BS, 30, 30, 6)` was a shape not shown in full; 7 of 15 rows unverified."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(as_a_typed_table(truth, batch), truth, printed)
    assert _verified(as_a_typed_table(truth, batch)) == _verified(as_a_typed_table(truth, "None"))


def batch_word_retyped(printed: str, batch: str) -> str:
    """A print retyped in its own fixed columns with the batch axis written as a word: the
    blanks after each shape's cell take up the difference (the next column stays put)."""
    grow = len(batch) - len("None")

    def retype(match: re.Match[str]) -> str:
        gap = match.group(2)
        return f"({batch}, {match.group(1)}" + (gap[grow:] if len(gap) > grow + 1 else gap)

    return re.sub(r"\(None, ([^()]*\)\]?)( +)", retype, printed)


@pytest.mark.parametrize("batch", ["BS", "batch_size"])
def test_a_batch_axis_word_in_fixed_columns_keeps_the_columns(batch: str) -> None:
    """The same in the print's own fixed columns, retyped: the counts stay in their column."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    retyped = batch_word_retyped(printed, batch)
    assert retyped != printed
    checked_as_the_print(retyped, truth, printed)
    assert _verified(retyped) == _verified(printed)


def _verified(text: str) -> tuple[int, tuple[str, ...]]:
    """How many rows the audit verified, and what it says it did not."""
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    return summary.audit.coverage.rows_verified, summary.audit.coverage.not_verified


# --------------- 69a's 005: a totals label misspelt by a key typed into the text


@pytest.mark.parametrize("misspelt", ["sTrainable params:", "Trainabel params:"])
def test_a_misspelt_totals_label_is_reported_and_the_lines_after_it_read(misspelt: str) -> None:
    """Before: `sTrainable params: 237,259` ended the totals, so the `Non-trainable params: 0`
    under it was dropped without a word and SA003 said both lines were missing."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    trainable = f"Trainable params: {truth['totals']['trainable']:,}"
    assert printed.count(trainable) == 1
    report = api.check_text(
        printed.replace(trainable, trainable.replace("Trainable params:", misspelt))
    )
    [summary] = report.summaries
    assert summary.totals.non_trainable is not None
    assert summary.totals.non_trainable.value == truth["totals"]["non_trainable"]
    assert summary.totals.trainable is None or summary.totals.trainable.value is None
    said = [(f.code, f.message) for f in report.findings]
    assert [code for code, _ in said] == ["SA001"]
    assert misspelt in said[0][1]


@pytest.mark.parametrize(
    "prose",
    ["Total trainable params: 5", "Layer (type)  Output Shape  Param #", "Trainable params are"],
)
def test_lines_like_totals_but_no_misspelt_label_stay_text(prose: str) -> None:
    """The passing side: no totals kind for two words before `params`, a header's `Param #`,
    or words after the label."""
    from summaryaudit import lines

    assert lines.totals_kind(prose) is None


# --------------- 69a's 002: shapes printed without their batch axis, quoted with it


def test_a_shape_chain_finding_says_the_batch_axis_was_put_back() -> None:
    """Before: SA301 quoted `(None, 13, 13, 16)` for a row printed `(13, 13, 16)`, no word of
    the axis the audit put back; with the axis printed, the message stays as it was."""
    _, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    edited = printed.replace("(None, 13, 13, 32)", "(None, 13, 13, 16)")  # a pooling's channels
    assert edited != printed
    with_axis = [(f.code, f.layer, f.message) for f in api.check_text(edited).findings]
    without = [
        (f.code, f.layer, f.message)
        for f in api.check_text(edited.replace("(None, ", "(")).findings
    ]
    assert [code for code, _, _ in with_axis] == ["SA301", "SA301"]
    note = "(the shapes are quoted with the batch axis, None, that the paste leaves out of every"
    assert all(note not in message for _, _, message in with_axis)
    assert [(c, layer, m.removesuffix(_BATCH_AXIS_NOTE)) for c, layer, m in without] == with_axis
    assert all(message.endswith(_BATCH_AXIS_NOTE) for _, _, message in without)


_BATCH_AXIS_NOTE = (
    " (the shapes are quoted with the batch axis, None, that the paste leaves out of every "
    "row put back in front)"
)


# --------------- 69c's 007: a cut class beside a cut shape that still shows its rank


def _depthwise_row_read(shape_shown: str) -> tuple[str, str]:
    """The class and derivation of a tf.keras 2.0 print's `expanded_conv_depthwise (Dep` row
    whose shape a narrower column cut to `shape_shown`."""
    printed = (REAL / "tf2.0" / "long_names_functional.txt").read_text(encoding="utf-8")
    row = "expanded_conv_depthwise (Dep (None, 16, 16, 16)        160"
    assert row in printed
    cut = row.replace("(None, 16, 16, 16) ", shape_shown.ljust(len("(None, 16, 16, 16) ")))
    [summary] = api.check_text(printed.replace(row, cut)).summaries
    assert summary.audit is not None
    at = [layer.name for layer in summary.layers].index("expanded_conv_depthwise")
    row_audit = summary.audit.rows[at]
    return row_audit.type, row_audit.derivation


def test_a_cut_shape_showing_four_axes_rules_out_a_1d_class() -> None:
    """Before: `(Dep` beside `(None, 16, 16, 1` stayed `?`, explained by DepthwiseConv1D's
    formula, though a 1D layer's output has three axes."""
    type_, derivation = _depthwise_row_read("(None, 16, 16, 1")
    assert type_ == "DepthwiseConv2D"
    assert "the axes its cut shape shows" in derivation
    assert "DepthwiseConv1D" not in derivation


def test_a_cut_shape_showing_three_axes_leaves_both_classes() -> None:
    """The passing side: `(None, 16, 1` fits a 1D output as well; the class stays undecided."""
    type_, derivation = _depthwise_row_read("(None, 16, 1")
    assert type_ == ""
    assert "DepthwiseConv1D, DepthwiseConv2D" in derivation


# --------------- 70c's 013: a bar in the margin of every line of a fixed-width print


@pytest.mark.parametrize("case", ["keras1.2.2/frozen_layers", "keras2.2.4/cnn_bn", "tf2.12/cnn_bn"])
def test_a_print_with_a_bar_in_the_margin_of_every_line_is_read(case: str) -> None:
    """Before: the header and totals were read, each row an SA001 (`|lambda_1 (Lambda) …`)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    barred = "".join(f"|{line}\n" for line in printed.splitlines())
    checked_as_the_print("###Keras model summary\n" + barred, truth, printed)


# --------------- 70c's 012: an unbuilt model whose weightless rows print a plain 0


def test_an_unbuilt_model_with_a_weightless_row_says_nothing_is_checked_yet() -> None:
    """Before: the pooling row's plain `0` among `0 (unbuilt)` rows gave 'No problems found:
    every count adds up', as though five layers were verified."""
    from summaryaudit.formats import NOTHING_BUILT, verdict

    path = REAL / "keras3" / "unbuilt_sequential_with_a_pooling_layer.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    [summary] = report.summaries
    assert verdict(summary, list(report.findings)).startswith(NOTHING_BUILT)


def test_a_model_with_weights_beside_unbuilt_rows_is_no_unbuilt_model() -> None:
    """The passing side: a row holding weights was checked, so the print says something."""
    from summaryaudit.formats import NOTHING_BUILT, verdict

    path = REAL / "keras3" / "unbuilt_sequential_with_a_pooling_layer.txt"
    printed = path.read_text(encoding="utf-8")
    row = next(line for line in printed.splitlines() if "dense_1 (Dense)" in line)
    # the last Dense built on the pooled 32 values: 32 × 1 + 1
    built = printed.replace(row, row.replace("0 (unbuilt) │", "         33 │"))
    built = built.replace("params: 0 (0.00 B)", "params: 33 (132.00 B)", 2)
    report = api.check_text(built)
    [summary] = report.summaries
    assert not verdict(summary, list(report.findings)).startswith(NOTHING_BUILT)


# --------------- 70b's 004: the first rows joined onto one line, cut inside a rule after them


def test_rows_joined_on_one_line_then_a_cut_rule_are_the_top_of_the_table() -> None:
    """Before: the rule the excerpt cut short after the third row, on the rows' own line, was
    taken for a mark above them: 'rows from the middle of a table: the rows above the first
    one shown are left out', under the header itself."""
    _, printed = load_print(REAL / "keras2.2.4" / "long_names_functional.truth.json")
    lines = printed.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Layer (type)"))
    rows_and_rules = lines[header + 2 : header + 7]  # three rows, the two rules between them
    assert not rows_and_rules[0].startswith("_") and rows_and_rules[1].startswith("_")
    joined = " ".join([*rows_and_rules, lines[header + 7][:40]])  # the next rule, cut
    pasted = "\n".join(["Here are the first few layers", "", lines[header], "", joined]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert len(summary.layers) == 3
    messages = [f.message for f in report.findings if f.code == "SA003"]
    assert messages and all("rows from the middle" not in m for m in messages)
    assert messages[0].startswith("table without totals")


# --------------- 70b's 005: a notebook's next prompt under a print its page cut


@pytest.mark.parametrize("prompt", ["In [6]:", "Out[6]:", "In [ ]:"])
def test_a_notebook_prompt_under_a_cut_print_ends_the_table(prompt: str) -> None:
    """Before: `In [6]:` and the code under it were read as two rows, each an SA001 (one
    'the paste ends inside this row')."""
    _, printed = load_print(REAL / "tf2.0" / "merge_ops.truth.json")
    lines = printed.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("____")]
    cut = [*lines[: rules[3]], lines[rules[3]][:87]]  # the page cut inside a rule
    pasted = "\n".join([*cut, "", prompt, "vgg = tf.keras.applications.VGG16()"]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.unreadable == ()
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 70a's 007: a column numbering the rows before the name and Type columns


def as_a_numbered_table(truth: dict, numbered: bool) -> str:  # type: ignore[type-arg]
    """A README's table of a print: name and class in columns of their own, and maybe a `#`
    column numbering the rows before them."""
    lead = "| # " if numbered else ""
    rows = [
        (f"| {at} " if numbered else "")
        + f"| {layer['name']} | {layer['type']} | {shape_text(layer['output_shape'])} | "
        f"{layer['params']:,} |"
        for at, layer in enumerate(truth["layers"])
    ]
    head = [
        f"{lead}| Layer | Type | Output Shape | Params |",
        f"{'|---' if numbered else ''}|---|---|---|---|",
    ]
    return "\n".join([*head, *rows, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "keras2.2.4/cnn_bn"])
def test_a_numbering_column_before_the_name_and_type_columns_is_left_out(case: str) -> None:
    """Before: `| # | Layer | Type | …` was no header: no row read, SA003 'totals without a
    table'."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(as_a_numbered_table(truth, numbered=True), truth, printed)
    assert _verified(as_a_numbered_table(truth, numbered=True)) == _verified(
        as_a_numbered_table(truth, numbered=False)
    )


# --------------- the review of this session's changes (trials 67-70)


def test_a_recurrent_convolution_keeps_its_time_axis_among_the_axes_shown() -> None:
    """Review 4: `(ConvLST` over a cut `(None, 4, 16, 16, 64` was called a ConvLSTM3D; a
    ConvLSTM2D returning sequences prints five axes too."""
    path = REAL / "tf2.0" / "conv_lstm_sequences_named_as_a_block.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    at = [layer.name for layer in summary.layers].index("encoder_block")
    row = summary.audit.rows[at]
    assert row.type != "ConvLSTM3D"
    assert "ConvLSTM2D" in row.derivation


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("sNon-trainable params: 64", "NON_TRAINABLE"),
        ("Non-trainable params 64", "NON_TRAINABLE"),
        ("on-trainable params: 64", "NON_TRAINABLE"),
        ("Untrainable params: 64", "NON_TRAINABLE"),
        ("sTrainable params: 64", "TRAINABLE"),
        ("xTotal params: 64 (256.00 B)", "TOTAL"),
    ],
)
def test_a_misspelt_label_stands_for_the_nearest_totals_label(text: str, kind: str) -> None:
    """Review 2: `sNon-trainable` and `Non-trainable params 64` were read as Trainable (the
    label ends with `trainable`)."""
    from summaryaudit import lines

    found = lines.totals_kind(text)
    assert found is not None and found.name == kind


def test_prose_with_a_totals_label_leaves_the_totals_below_it_read() -> None:
    """Review 1: `Trainable params 3 were all I expected.` above a table was a totals line, and
    the table's own totals went unread."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    table = as_a_typed_table(truth, "None")
    sentence = "Trainable params 3 were all I expected."
    checked_as_the_print(f"{sentence}\n\n{table}", truth, printed)
    # under a Keras 1.0 print, which shows Total params alone
    truth, printed = load_print(REAL / "keras1.0.8" / "big_dense.truth.json")
    checked_as_the_print(f"{printed}\nTrainable params 5 were frozen by me.\n", truth, printed)


def test_a_batch_word_in_a_list_of_shapes_keeps_the_list_whole() -> None:
    """Review 3: blanks went inside `[(batch_size, 12)]` (`[(None, 12)      ]`): an
    InputLayer row of a tf.keras 2.x print, retyped with the batch axis as a word."""
    truth, printed = load_print(REAL / "tf2.12" / "merge_ops.truth.json")
    retyped = batch_word_retyped(printed, "batch_size")
    assert "[(batch_size, 12)]" in retyped
    checked_as_the_print(retyped, truth, printed)
    assert _verified(retyped) == _verified(printed)


def test_n_before_a_size_is_no_batch_word() -> None:
    """Review 9: `(N, 3)`, N points in a table without a batch axis, stays as written."""
    from summaryaudit.damage import batch_word_as_none

    assert batch_word_as_none("| input_points (InputLayer) | (N, 3) | 0 |").count("(N, 3)") == 1


@pytest.mark.parametrize(
    ("layer", "shape", "params"),
    [
        ("레이어 (Layer)", "출력 형태 (Output Shape)", "파라미터 수 (Param #)"),
        ("Слой (Layer)", "Выходная форма (Output Shape)", "Параметры (Param #)"),
    ],
)
def test_titles_of_several_words_glossed_in_english_are_read(
    layer: str, shape: str, params: str
) -> None:
    """Review 6: a title of two words (`출력 형태 (Output Shape)`) left a word before the
    English one, and every row was unreadable."""
    truth, _ = load_print(REAL / "keras3" / "application_base_frozen.truth.json")
    table = as_a_glossed_chinese_table(truth).replace(
        "| 层 (Layer) | 输出形状 (Output Shape) | 参数数量 (Param #) |",
        f"| {layer} | {shape} | {params} |",
    )
    checked_as_truth(table, truth)


def test_a_sentence_naming_the_titles_is_no_header() -> None:
    """Review 7: a sentence glossing `层 (Layer)`, `输出形状 (Output Shape)` and `参数数量
    (Param #)` between other words was read as a header (an SA003)."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    sentence = (
        "其中每一层 (Layer) 的输出形状 (Output Shape) 都由上一层决定，参数数量 (Param #) 可以手算。"
    )
    checked_as_the_print(printed + "\n" + sentence + "\n", truth, printed)


def test_a_sentence_starting_with_the_word_for_in_all_is_no_total() -> None:
    """Review 8: `总计：3 个模型如下` above a print was a Total of 3 (an SA003)."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    checked_as_the_print("总计：3 个模型如下\n" + printed, truth, printed)


def test_a_word_after_a_one_line_print_s_only_row_is_no_cut_row() -> None:
    """Review 10: `… 320  Why` was 'the paste ends inside this row ('Why')'."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, "batch_normalization", "ba").replace(" ba\n", " Why\n")
    report = api.check_text(pasted)
    assert all("paste ends inside" not in f.message for f in report.findings)


# --------------- 70a's 010: a table read from a PDF by OCR, `params` read as `parans`


@pytest.mark.parametrize("ocr", ["parans", "pararns"])
def test_totals_whose_noun_an_ocr_misread_are_read(ocr: str) -> None:
    """Before: `Trainable parans: 20,024,384` was no totals line, dropped without a word, and
    SA003 said the Trainable and Non-trainable lines were missing."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    misread = printed.replace(" params:", f" {ocr}:")
    assert misread.count(f" {ocr}:") == 3
    checked_as_the_print(misread, truth, printed)


# --------------- 70a's 011: `+++` for an InputLayer's empty Connected to cell


def as_a_markdown_table(box: str, empty: str) -> str:
    """A Keras 3 box retyped as a Markdown table, each empty Connected to cell (`-`) written
    as `empty`."""
    out = []
    for line in box.splitlines():
        if line.startswith("┃"):
            out += [line.replace("┃", "|"), "|---|---|---|---|"]
        elif line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            cells = [empty if cell == "-" else cell for cell in cells]
            out.append("| " + " | ".join(cells) + " |")
        elif not line.startswith(("┏", "┡", "├", "└")):
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("empty", ["+++", "+"])
def test_a_placeholder_for_an_empty_connected_to_cell_names_no_layer(empty: str) -> None:
    """Before: SA401 'input is connected to '+++', but the table has no row of that name'."""
    truth, printed = load_print(REAL / "keras3" / "merge_ops.truth.json")
    table = as_a_markdown_table(printed, empty)
    assert f"| {empty} |" in table
    checked_as_the_print(table, truth, printed)
    assert _verified(table) == _verified(as_a_markdown_table(printed, ""))


# --------------- 70a's 013: `Input` in a table's Type column


def test_input_in_a_type_column_is_an_input_layer() -> None:
    """Before: `| Input | Input | … |` was a class without a formula (SA901, 'not checked'),
    though keras.Input makes an InputLayer."""
    truth, printed = load_print(REAL / "keras3" / "application_base_frozen.truth.json")
    table = as_a_numbered_table(truth, numbered=False)
    assert table.count("| InputLayer |") == 1
    checked_as_the_print(table.replace("| InputLayer |", "| Input |"), truth, printed)


# --------------- 71c's 010: a list of shapes run into the count column


def unwrapped(printed: str) -> str:
    """A page that joined a tf.keras 2.7+ row's wrapped shape back onto its line, with one
    blank between the pieces: the list of shapes runs into the count's column."""
    out: list[str] = []
    for line in printed.splitlines():
        piece = line.strip()
        if out and line.startswith("  ") and piece.startswith("(") and "[(" in out[-1]:
            head, count = out[-1].rsplit(None, 1)
            out[-1] = f"{head} {piece} {count}"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_row_whose_list_of_shapes_runs_into_the_count_column_is_read() -> None:
    """Before: the row was taken for the rest of the row above, and both were lost: an SA001 on
    the row above, a false SA301 on the Dense below and no SA201 for the Total."""
    truth, printed = load_print(REAL / "tf2.12" / "seq2seq_encoder_states_listed.truth.json")
    pasted = unwrapped(printed)
    assert " [(None, 10, 256), (None, 256), (None, 256)] 394240" in pasted
    checked_as_the_print(pasted, truth, printed)


def test_a_chain_through_a_layer_returning_a_list_rebuilds_with_its_first_tensor() -> None:
    """Before: the rebuilt Dense was called on the LSTM's whole list (sequences and states)."""
    from summaryaudit.rebuild import rebuild

    path = REAL / "tf2.12" / "seq2seq_encoder_states_listed.txt"
    [summary] = api.parse_text(path.read_text(encoding="utf-8"))
    source = rebuild(summary)
    assert "lstm, *lstm_rest = keras.layers.LSTM(" in source
    assert "keras.layers.Dense(47, name='dense')(lstm)" in source


# --------------- 71b's 011: the moving statistics of rows inside a model left unsaid


def test_a_subclassed_model_its_inner_rows_verify_holds_their_non_trainable_weights() -> None:
    """Before: the model's Non-trainable part was 'not decided', so Non-trainable was only
    bounded, though the BatchNormalization rows inside it (all verified) hold all 32."""
    path = REAL / "keras3" / "subclassed_model_of_two_sequentials_expanded.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.audit is not None and summary.audit.coverage.complete


def test_the_bound_says_what_rows_inside_an_unknown_model_hold() -> None:
    """Before: 'the rows whose non-trainable part is known hold none of Non-trainable's
    1,460', beside six BatchNormalization rows inside multiresolution_cnn holding 1,280 (its
    SEBasicBlock, a class without a formula, leaves the model's own part unknown)."""
    from .conftest import WILD, need

    text = need(WILD / "048_doc.txt").read_text(encoding="utf-8")
    [summary] = api.check_text(text, source="048_doc.txt").summaries
    assert summary.audit is not None
    [said] = [c.reason for c in summary.audit.coverage.totals if c.name.startswith("Non-trainable")]
    assert (
        "hold none of Non-trainable's 1,460 (the rows printed inside multiresolution_cnn hold "
        "1,280 of it as moving statistics)"
    ) in said


# --------------- 71b's 010: Non-trainable below a keras.applications model's statistics


def _totals_retyped(printed: str, trainable: int, non_trainable: int) -> str:
    """A print whose totals an author retyped without their sizes, Trainable and
    Non-trainable given as `trainable` and `non_trainable`."""
    out = []
    for line in printed.splitlines():
        label = line.strip().split(" params:")[0]
        if label in ("Trainable", "Non-trainable"):
            line = f" {label} params: {trainable if label == 'Trainable' else non_trainable:,}"
        elif label == "Total":
            line = line.split(" (")[0]
        out.append(line)
    return "\n".join(out) + "\n"


def test_non_trainable_below_an_application_s_moving_statistics_is_flagged() -> None:
    """Before: `Non-trainable params: 0` under a ResNet50 whose count the row shows was
    'only bounded', no finding: its BatchNormalization statistics never train."""
    truth, printed = load_print(REAL / "keras3" / "application_base_trainable.truth.json")
    total = truth["totals"]["total"]
    report = api.check_text(_totals_retyped(printed, total, 0))
    [sa203] = [f for f in report.findings if f.code == "SA203"]
    assert sa203.severity.name == "WARNING"
    assert "a keras.applications model by its count, holds 53,120 moving statistics" in (
        sa203.message
    )
    # the passing side: the print's own split, retyped the same way, raises nothing new
    same = _totals_retyped(printed, truth["totals"]["trainable"], truth["totals"]["non_trainable"])
    assert "SA203" not in [f.code for f in api.check_text(same).findings]


# --------------- the second review of this session's changes


def test_a_translated_header_with_a_title_of_the_author_s_own_between_is_read() -> None:
    """Review 2.3: `层 (类型) 输出大小 参数数量` (`输出大小`, no title the repair knows, between
    two it knows) was no header once words between titles meant a sentence."""
    from summaryaudit.header_repair import translated_titles

    titles = translated_titles("层 (类型)                    输出大小              参数数量")
    assert titles is not None and titles[0][0] == "Layer (type)"


def test_a_misspelt_label_with_a_full_stop_after_its_count_is_a_totals_line() -> None:
    """Review 2.4: `sTrainable params: 54,474.` ended the totals (a false SA003 'missing')."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    line = f"Trainable params: {truth['totals']['trainable']:,}"
    report = api.check_text(printed.replace(line, f"s{line}."))
    [summary] = report.summaries
    assert summary.totals.non_trainable is not None
    assert [f.code for f in report.findings] == ["SA001"]


@pytest.mark.parametrize(("after", "row_start"), [("Decoder (Dense)", True), ("Why", False)])
def test_the_only_row_of_a_one_line_print_stays_whatever_follows_it(
    after: str, row_start: bool
) -> None:
    """Review 2.6: a capitalised name after the only whole row (`Decoder (Dense)`) lost the row;
    a word (`Why`) is reported as a line not read, not as the row the paste ends in."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, "batch_normalization", "ba").replace(
        " ba\n", f" {after}\n"
    )
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == ["conv2d"]
    [sa001] = [f.message for f in report.findings if f.code == "SA001"]
    assert sa001.startswith("the paste ends inside this row") is row_start


def test_input_as_a_role_beside_a_name_that_says_the_class_is_no_input_layer() -> None:
    """Review 2.9: `| dense_1 | Input |` (a role) became an InputLayer with 50,240 weights."""
    truth, _ = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    table = as_a_numbered_table(truth, numbered=False).replace("| Dense |", "| Input |")
    [summary] = api.check_text(table).summaries
    assert "InputLayer" not in [layer.type for layer in summary.layers]


def test_the_word_for_in_all_with_a_count_alone_is_a_total() -> None:
    """Review 2.10: `总计: 54,538` as a translated print's Total line was no longer read."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    total = f"Total params: {truth['totals']['total']:,}"
    checked_as_the_print(
        printed.replace(total, total.replace("Total params:", "总计:")), truth, printed
    )


def test_a_built_model_of_weightless_rows_and_an_unused_layer_is_no_unbuilt_model() -> None:
    """Review 2.11: 'Nothing to check yet … (the model was not built)' beside `0 (unused)`."""
    from summaryaudit.formats import NOTHING_BUILT, verdict

    path = REAL / "keras3" / "unbuilt_sequential_with_a_pooling_layer.txt"
    printed = path.read_text(encoding="utf-8")
    used = printed.replace("0 (unbuilt)", "0 (unused) ").replace(
        "│     0 (unused)  │", "│      0 (unused) │"
    )
    report = api.check_text(used)
    [summary] = report.summaries
    assert not verdict(summary, list(report.findings)).startswith(NOTHING_BUILT)


def test_a_pipe_table_header_without_inner_bars_keeps_its_rows_reported() -> None:
    """Review 2.12: `| Layer (type)   Output Shape …` over `|-----` took the bar for a margin
    and dropped the pipe rows under it without a word."""
    truth, _ = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} | "
        f"{layer['params']} |"
        for layer in truth["layers"]
    ]
    table = ["| Layer (type)                 Output Shape              Param #", "|" + "-" * 60]
    [summary] = api.check_text("\n".join([*table, *rows]) + "\n").summaries
    assert len(summary.layers) + len(summary.unreadable) >= len(rows)


def test_a_bar_margin_is_not_taken_over_an_expanded_model_s_frames() -> None:
    """Review 2.13: `| ` before every line of a print whose nested model draws `|¯¯¯|` frames
    gave rows named with the frames' bars."""
    _, printed = load_print(REAL / "tf2.12" / "nested_functional_expanded.truth.json")
    assert "¯" in printed
    barred = "".join(f"| {line}\n" for line in printed.splitlines())
    report = api.check_text(barred)
    # (such a paste is read no better than before the bar margin: its frames' lines stay
    # unread and reported; no row is named with a bar)
    for summary in report.summaries:
        assert all("|" not in layer.name for layer in summary.layers)


# --------------- the session's last leftover: a totals line without its colon


@pytest.mark.parametrize("label", ["Total", "Trainable", "Non-trainable"])
def test_a_totals_line_without_its_colon_is_read(label: str) -> None:
    """Before: `Non-trainable params 64` was an SA001 (a totals line of that label, its count
    not read), where the count stands alone after it."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    line = next(line for line in printed.splitlines() if line.startswith(f"{label} params:"))
    checked_as_the_print(printed.replace(line, line.replace(" params:", " params")), truth, printed)


def test_a_sentence_after_a_totals_label_without_a_colon_stays_prose() -> None:
    """The passing side: `Trainable params 5 were frozen by me.` under a print is no total."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    checked_as_the_print(printed + "\nTrainable params 5 were frozen by me.\n", truth, printed)
