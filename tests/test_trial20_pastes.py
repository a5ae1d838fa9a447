"""Trial 20's paste damage (new-user trials on fresh public pastes), applied to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState, Severity

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, one_summary, print_id, truth_paths

REAL = FIXTURES / "real"
PLAIN = truth_paths(REAL, ("keras1.2.2", "keras2.2.4", "tf1.14"), ("cnn_bn", "conv_zoo"))


def _header_and_rows(text: str) -> tuple[str, list[str]]:
    """A fixed-width print's header line and its row lines, without rules, blanks or totals."""
    lines = [line for line in text.split("\n") if line.strip()]
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    rows = [
        line
        for line in lines[at + 1 :]
        if not set(line.strip()) <= set("_=") and "params" not in line
    ]
    return lines[at], rows


# ------------------- 20a's 007: Keras 1.0's count glued to a shape as wide as its column


def test_a_count_glued_to_a_shape_that_fills_its_column_is_read() -> None:
    """Keras 1.0.8 prints `(None, 100, 13, 13, 132800` for (None, 100, 13, 13, 13) and 2,800
    (keras PR #4469). Before: the row was unreadable (SA001) and Total only bounded."""
    text = (REAL / "keras1.0.8" / "conv3d_shape_fills_column.txt").read_text(encoding="utf-8")
    assert "(None, 100, 13, 13, 132800" in text
    report = api.check_text(text)
    [summary] = report.summaries
    [conv] = [layer for layer in summary.layers if layer.type == "Convolution3D"]
    assert conv.params == 2_800 and conv.output_shape.startswith("(None, 100, 13, 13, 13")
    assert summary.unreadable == () and report.findings == ()
    assert summary.coverage is not None
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert total.state is CheckState.CHECKED


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_rows_under_a_header_and_an_elision_are_not_said_to_lack_their_header(
    truth_path: Path,
) -> None:
    """20a's 007 quoted a header, `...` and one row: SA003 said 'neither its header nor its
    totals were pasted'; a header and `...` alone said 'cut right after its header'."""
    _, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    excerpt = api.check_text("\n".join([header, "...", rows[-1]]))
    [message] = [f.message for f in excerpt.findings if f.code == "SA003"]
    assert "the rows above the first one shown are left out" in message
    assert "header" not in message
    rule = "=" * len(header.rstrip())
    alone = api.check_text("\n".join([header, rule, "...", rule.replace("=", "_")]))
    [finding] = [f for f in alone.findings if f.code == "SA003"]
    assert "left-out rows" in finding.message and "cut right after" not in finding.message


# ------------------------- 20a's 013: a header that alone kept its code block's indent


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_rows_at_the_margin_under_an_indented_header_are_read(truth_path: Path) -> None:
    """An SO mirror kept the 4-space indent of the code block on its first line only. Before:
    every row was dropped, and SA003 said the summary was cut right after its header."""
    truth, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    pasted = "\n".join(
        ["Here is my summary:", "", "    " + header.strip(), *rows, "", "Why is it 320?"]
    )
    [summary] = api.check_text(pasted).summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [row["params"] for row in truth["layers"]]


# --------------------------------- 20a's 014: a Russian answer under the row it explains


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_a_sentence_in_another_alphabet_under_a_row_is_prose(truth_path: Path) -> None:
    """Before: the Russian sentence, `.` and `Edit:` were joined to the layer name (the class
    then 'inferred'), or read as rows of their own."""
    truth, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    answer = (
        "Это число представляет количество обучаемых параметров (весов и смещений) "
        "в соответствующем слое"
    )
    [summary] = api.check_text("\n".join([header, rows[0], answer, ".", "Edit:"])).summaries
    first = truth["layers"][0]
    assert [(layer.name, layer.type) for layer in summary.layers] == [
        (first["name"], first["type"])
    ]
    assert summary.end_line == 2


# ------------------------ 20b's 006: the bottom of a table whose rules a post cut to 77


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf1.14"])
def test_the_bottom_rows_under_rules_shorter_than_them_are_read(generation: str) -> None:
    """The last rows of a Connected to table, its rules cut to 77 characters by the post, over
    the totals. Before: every row was dropped and SA003 said 'the layer rows were not pasted'."""
    truth, text = load_print(REAL / generation / "shared_dense_two_inputs.truth.json")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("====")) + 3
    kept = [
        "_" * 77 if set(line.strip()) == {"_"} else "=" * 77 if line.startswith("===") else line
        for line in lines[first:]
    ]
    assert any(len(line.rstrip()) > 79 for line in kept if "[0][0]" in line)
    report = api.check_text("\n".join(kept))
    [summary] = report.summaries
    shown = [row["name"] for row in truth["layers"]][-len(summary.layers) :]
    assert summary.layers and [layer.name for layer in summary.layers] == shown
    assert len(summary.layers) >= 3 and summary.unreadable == ()
    assert not [f for f in report.findings if f.code == "SA003" and "not pasted" in f.message]
    assert summary.totals.to_dict() == truth["totals"]


# ------------------------------ 20b's 007 and 012: a row index printed before each row


@pytest.mark.parametrize("generation", ["keras1.2.2", "keras2.2.4", "tf1.14"])
@pytest.mark.parametrize("style", ["{} ", "# {} ", "{}) "])
def test_a_row_index_before_every_row_is_no_part_of_its_name(generation: str, style: str) -> None:
    """VGG-Face's Keras 1 table printed by the author's loop as `# 1 conv1_1 (Convolution2D) …`
    (20b's 012). Before: every name kept its number, and each Connected to entry was an
    unknown inbound (27 SA401)."""
    truth, text = load_print(REAL / generation / "merge_ops.truth.json")
    names = {row["name"] for row in truth["layers"]}
    numbered, index = [], 0
    comment = style.startswith("#")
    for line in text.split("\n"):
        if line.split(" ", 1)[0] in names:
            line, index = style.format(index) + line, index + 1
        elif comment:
            line = "# " + line
        numbered.append(line)
    assert index == len(truth["layers"])
    report = api.check_text("\n".join(numbered))
    assert_reads_as_truth(one_summary("\n".join(numbered)), truth)
    assert report.findings == api.check_text(text).findings


def test_numbered_rows_quoted_with_their_inbound_lists_over_the_totals_are_read() -> None:
    """20b's 007: the last three rows of a tf.keras 2.x print retyped as `173) name (Class) …
    ['inbound[0][0]']`, a blank line and `---` before the totals. Before: 'the layer rows were
    not pasted'."""
    truth, text = load_print(REAL / "tf2.12" / "concatenate_four_branches.truth.json")
    rows = [line.strip() for line in text.split("\n") if "(Dense)" in line and "[0][0]" in line]
    totals = [line.strip() for line in text.split("\n") if "params:" in line]
    quoted = [f"{173 + i}) {row}" for i, row in enumerate(rows[-3:])]
    report = api.check_text("\n".join(["```", *quoted, "", "---", *totals, "---", "```"]))
    [summary] = report.summaries
    by_name = {row["name"]: row["params"] for row in truth["layers"]}
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row.split()[1], by_name[row.split()[1]]) for row in quoted
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert not [f for f in report.findings if f.code == "SA003" and "not pasted" in f.message]


# ------------------------------ 20b's 010: the author's notes typed into a Keras 3 box


def _box_note(row: str, note: str, count_note: str) -> str:
    """A line in a box row's frame: the note in its first cell, count_note in the last."""
    bars = [i for i, char in enumerate(row) if char == "│"]
    cells = []
    for n, (a, b) in enumerate(zip(bars, bars[1:])):
        width = b - a - 1
        cells.append(
            f" {note}".ljust(width)
            if n == 0
            else f"{count_note} ".rjust(width)
            if n == 2
            else " " * width
        )
    return "│" + "│".join(cells) + "│"


def test_notes_typed_under_box_rows_are_asides_not_rows() -> None:
    """`│ [FROZEN - Transfer Learning] │ │ (frozen) │` under a nested model's row, `│ [rate=0.1]
    │ │ │` under a Dropout's. Before: the first was a row of its own (SA001, Total only
    bounded), the others were joined to the names (`dropout (Dropout) [rate=0.1]`)."""
    truth, text = load_print(REAL / "keras3" / "concatenate_four_branches.truth.json")
    out = []
    for line in text.split("\n"):
        out.append(line)
        if line.startswith("│ north_branch_dense"):
            out.append(_box_note(line, "[FROZEN - Transfer Learning]", "(frozen)"))
        elif line.startswith("│ dense "):
            out.append(_box_note(line, "[softmax activation]", ""))
    damaged = "\n".join(out)
    assert damaged.count("\n") == text.count("\n") + 2
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert [text for _, text in summary.asides] == [
        "[FROZEN - Transfer Learning] (frozen)",
        "[softmax activation]",
    ]
    assert api.check_text(damaged).findings == api.check_text(text).findings


# ---------------------- 20b's 008: Non-trainable holding more than the nested base can


@pytest.mark.parametrize("generation", ["keras3", "tf2.12"])
def test_non_trainable_beyond_the_nested_base_is_said_to_be_frozen_rows(generation: str) -> None:
    """A frozen base and a frozen head Dense. Before: 'the other 7,392 sit in pretrained_base
    … or are frozen layers' weights', where the base holds 5,280 in all."""
    truth, text = load_print(REAL / generation / "frozen_base_and_head_dense.truth.json")
    base, dense = truth["layers"][1], truth["layers"][3]
    assert base["name"] == "pretrained_base" and dense["name"] == "dense"
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert check.state is CheckState.BOUNDED
    assert (
        f"pretrained_base (count not verified) can hold at most {base['params']:,} (its whole "
        "count), "
        f"so at least {dense['params']:,} are frozen weights of the rows verified (dense's "
        f"trainable weights, frozen, are exactly {dense['params']:,})"
    ) in check.reason
    assert report.findings == ()


# ------------- 18a, 19a, 20a: a count that only solved what the print hides is not verified


def test_a_row_whose_count_solved_its_hidden_input_is_only_consistent() -> None:
    """A Sequential print shows no InputLayer row: the first Dense's input size comes from its
    own count (any count of the form D × U + U fits). Trials 18a, 19a and 20a: such rows were
    'verified' like the others; the coverage now names them as consistent only."""
    _, sequential = load_print(REAL / "tf2.12" / "mlp_bn_sequential.truth.json")
    _, functional = load_print(REAL / "tf2.12" / "mlp_bn_functional.truth.json")
    [solved] = api.check_text(sequential).summaries
    [shown] = api.check_text(functional).summaries
    assert solved.coverage is not None and shown.coverage is not None
    assert solved.coverage.consistent_only == (("dense", "input size"),)
    assert shown.coverage.consistent_only == ()
    assert (
        "verified 4 of 4 rows (dense only as consistent: its input size is not shown, so the "
        "count was solved for it)"
    ) in solved.coverage.sentence()
    assert solved.coverage.to_dict()["consistent_only"] == [
        {"layer": "dense", "solved": "input size"}
    ]
    assert shown.coverage.sentence().startswith("verified 5 of 5 rows;")


# ---------------------------- 21b's 005: a whole custom class named like a known one's start


@pytest.mark.parametrize("generation", ["keras3", "tf2.12"])
def test_a_whole_custom_class_is_not_completed_to_a_known_one(generation: str) -> None:
    """Custom classes `Layer` and `Batch`, printed whole with their `)`. Before: completed to
    LayerNormalization and BatchNormalization, and the Batch's 8 weights were a false SA101."""
    truth, text = load_print(REAL / generation / "custom_classes_named_like_prefixes.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert [(layer.name, layer.type) for layer in summary.layers] == [
        (row["name"], row["type"]) for row in truth["layers"]
    ]
    assert {(f.code, f.layer) for f in report.findings} == {("SA901", "layer"), ("SA901", "batch")}


# ----------------------- 21b's 008: a header retyped as `Layer`, activations in parentheses


def test_a_retyped_header_and_a_spelled_out_layer_with_its_activation_are_read() -> None:
    """A blog retyped its tables: `Layer` over the first column (no `(type)`), and cells such as
    `Conv 2D Transpose (Tanh)`. Before: the header was an unreadable row (SA001, 'the top of the
    table is cut off') and `(Tanh)` a keras.ops class holding 801 weights (a false SA103)."""
    truth, text = load_print(REAL / "keras2.2.4" / "mlp_bn_sequential.truth.json")
    header = next(line for line in text.split("\n") if "Layer (type)" in line)
    row = next(line for line in text.split("\n") if line.startswith("dense_2 (Dense)"))
    retyped = text.replace(header, header.replace("Layer (type)", "Layer       ")).replace(
        row, row.replace("dense_2 (Dense)", "Dense Out (Sigmoid)")
    )
    assert "Layer (type)" not in retyped and "Dense Out (Sigmoid)" in retyped
    report = api.check_text(retyped)
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [r["params"] for r in truth["layers"]]
    assert summary.audit is not None and summary.coverage is not None
    assert summary.audit.rows[-1].type == "Dense"  # inferred from its count and shapes
    assert summary.unreadable == ()
    assert not {f.code for f in report.findings} & {"SA001", "SA103", "SA101"}
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert total.state is CheckState.CHECKED


# ------------ 19b, 21b: a combined model's nested rows, their own summaries printed above


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.12", "keras3"])
def test_nested_rows_are_verified_by_the_summaries_printed_above_them(generation: str) -> None:
    """A GAN script prints its generator, its discriminator, then the combined model. Before:
    the combined model's two rows were 'nested model whose inner rows are not printed', the
    Totals printed just above them unused."""
    parts = ["gan_generator", "gan_discriminator", "gan_combined"]
    prints = [load_print(REAL / generation / f"{part}.truth.json") for part in parts]
    log = "\n".join(text for _, text in prints)
    combined = api.check_text(log).summaries[-1]
    assert combined.audit is not None and combined.coverage is not None
    nested = {row["name"]: row["params"] for row in prints[2][0]["layers"][1:]}
    assert nested == {
        "generator": prints[0][0]["totals"]["total"],
        "discriminator": prints[1][0]["totals"]["total"],
    }
    named = generation != "keras2.2.4"  # Keras 2.2 prints no model name
    texts = [row.derivation for row in combined.audit.rows[1:]]
    if named:
        assert (
            texts[0] == f"{nested['generator']:,} = Total of its own summary printed above (line 1)"
        )
    assert all(
        "Total of" in text and ("own summary" if named else "names no model") in text
        for text in texts
        if text is not None
    )
    assert combined.coverage.rows_verified == combined.coverage.rows_read == 3
    # printed first, the combined model has nothing above it to be verified by
    first = api.check_text("\n".join([prints[2][1], prints[0][1], prints[1][1]])).summaries[0]
    assert first.coverage is not None and first.coverage.rows_verified == 1


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.12", "keras3"])
def test_a_nested_models_printed_non_trainable_explains_the_combined_models(
    generation: str,
) -> None:
    """23a's nit: the combined GAN's Non-trainable (the generator's moving statistics and the
    frozen discriminator) was 'only bounded: the other 117 sit in generator, discriminator
    (counts not verified)', though both counts were verified by the summaries printed above.
    What each one's own rows hold (their moving statistics) is its default: the rest is a frozen
    model's weights."""
    parts = ["gan_generator", "gan_discriminator", "gan_combined"]
    prints = [load_print(REAL / generation / f"{part}.truth.json") for part in parts]
    report = api.check_text("\n".join(text for _, text in prints))
    combined = report.summaries[-1]
    truth = prints[2][0]
    frozen = [row["name"] for row in truth["layers"] if row["trainable"] is False and row["params"]]
    generator_held = prints[0][0]["totals"]["non_trainable"]
    assert frozen == ["discriminator"] and generator_held > 0
    assert combined.coverage is not None
    state = {check.name: check.state for check in combined.coverage.totals}
    assert set(state.values()) == {CheckState.CHECKED}
    [info] = [f for f in report.findings if f.line is not None and f.line > combined.start_line]
    assert info.code == "SA203" and info.severity is Severity.INFO
    # (the generator was not frozen: its printed Non-trainable is what its rows hold)
    assert (
        f"where the rows by default hold {generator_held:,} ({generator_held:,} in generator's "
        "rows, by " in info.message
    )
    assert info.message.startswith(f"The counts fit {frozen[0]} frozen (trainable=False): ")
    assert "is exactly the weights it would train if it were not frozen" in info.message
    # without the summaries above, the split is only bounded, as before
    alone = api.check_text(prints[2][1]).summaries[0]
    assert alone.coverage is not None
    assert CheckState.BOUNDED in {check.state for check in alone.coverage.totals}


@pytest.mark.parametrize("generation", ["tf_keras", "keras3"])
def test_a_base_printed_frozen_then_fine_tuned_is_not_called_edited(generation: str) -> None:
    """A base printed while frozen (276 non-trainable), then unfrozen to fine-tune inside a
    model (32: its moving statistics). The nested row's default is what its own rows hold,
    not the Non-trainable line its summary printed: a first version took that line and called
    the model's 32 an edit (SA203 warning, 'a difference of -244')."""
    prints = [
        load_print(REAL / generation / f"{part}.truth.json")
        for part in ("base_printed_frozen", "base_unfrozen_in_model")
    ]
    assert prints[0][0]["totals"]["non_trainable"] > prints[1][0]["totals"]["non_trainable"] > 0
    report = api.check_text("\n".join(text for _, text in prints))
    model = report.summaries[-1]
    assert [f for f in report.findings if f.line is not None and f.line > model.start_line] == []
    assert model.coverage is not None
    assert {check.state for check in model.coverage.totals} == {CheckState.CHECKED}


# ------------------- 22b's 002: rows of three one-layer models pasted under one header


def test_a_recurrent_row_under_an_output_it_cannot_take_is_not_called_wrong() -> None:
    """A course script toggled SimpleRNN, LSTM and GRU and pasted their three rows as one
    table. Before: the LSTM and GRU took the SimpleRNN's (None, 10) as their input and their
    right counts, 480 and 390, were SA101 errors."""
    rows, parts = [], ["one_simple_rnn", "one_lstm", "one_gru"]
    header = ""
    for part in parts:
        _, text = load_print(REAL / "tf2.12" / f"{part}.truth.json")
        header, [row] = _header_and_rows(text)
        rows.append(row)
    report = api.check_text("\n".join([header, "=" * 65, *rows]))
    [summary] = report.summaries
    assert [layer.type for layer in summary.layers] == ["SimpleRNN", "LSTM", "GRU"]
    assert not [f for f in report.findings if f.code == "SA101"]
    assert summary.audit is not None
    for row in summary.audit.rows[1:]:
        assert row.derivation is not None and "which no recurrent layer takes" in row.derivation


# ------------- 22b's 008: a multi-output model's rows grouped by class, no Connected to


def test_rows_grouped_by_class_are_no_chain() -> None:
    """A README retyped a multi-output model's table with its rows grouped by class (`dense`,
    `dense_2`, `dense_4`, then `dense_1`, `dense_3`) and no Connected to. Before: each head
    took the row above as its input and every head count was a false SA101."""
    truth, _ = load_print(REAL / "tf2.12" / "concatenate_four_branches.truth.json")
    branches = [row for row in truth["layers"] if row["name"].endswith("_branch_dense")]
    assert len(branches) == 4 and all(row["params"] == 36 for row in branches)
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    order = [0, 2, 1, 3]  # grouped: the skips and the count down of a table made by hand
    named = [(f"dense_{2 * i}" if i else "dense", row) for i, row in enumerate(branches)]
    lines.append("| input_1 (InputLayer) | [(None, 8)] | 0 |")
    lines += [f"| {named[i][0]} (Dense) | (None, 4) | 36 |" for i in order]
    report = api.check_text("\n".join(lines))
    assert [layer.name for layer in report.summaries[0].layers][1:] == [
        "dense",
        "dense_4",
        "dense_2",
        "dense_6",
    ]
    assert not [f for f in report.findings if f.code == "SA101"]
    chained = "\n".join([*lines[:3], lines[3], lines[5], lines[4], lines[6]])  # made in order
    assert [f.code for f in api.check_text(chained).findings if f.code == "SA101"]


# --------------- 22a's 011: a subclassed model listing a layer and the layers inside it


@pytest.mark.parametrize("generation", ["keras3", "tf2.12"])
def test_rows_holding_other_rows_of_a_subclassed_model_are_read(generation: str) -> None:
    """Keras lists every layer a subclassed model tracks: two Dense layers, a custom layer
    calling them and a TimeDistributed around it. Before: the rows' 354 against Total's 130 was
    an SA201 error ('a row's count was raised, or a row was pasted twice')."""
    truth, text = load_print(REAL / generation / "subclassed_tracked_sublayers.truth.json")
    counts = {row["name"]: row["params"] for row in truth["layers"]}
    assert counts["pair"] == counts["first"] + counts["second"] == counts["wrapped"]
    report = api.check_text(text)
    # (no SA901 for Pair, the fixture's own class: its count is the rows SA201 names it as
    # holding, 23a's nit; before, it was also 'a layer type summaryaudit has no formula for')
    assert {(f.code, f.severity.value) for f in report.findings} == {("SA201", "info")}
    [finding] = [f for f in report.findings if f.code == "SA201"]
    assert "pair holds the 2 rows above it (first, second)" in finding.message
    assert "wrapped holds the weights of pair" in finding.message
    [summary] = report.summaries
    assert summary.audit is not None and summary.coverage is not None
    texts = {row.name: a.derivation for row, a in zip(summary.layers, summary.audit.rows)}
    assert texts["pair"] == (
        f"{counts['pair']} = {counts['first']} + {counts['second']}: pair holds the 2 rows above "
        "it (first, second), which the summary lists too (as a subclassed model's does); not "
        "checked by a formula of its own"
    )
    assert (texts["wrapped"] or "").startswith(
        f"{counts['wrapped']}: wrapped holds the weights of pair (the same {counts['pair']})"
    )
    # still not verified by a formula: the coverage says so
    assert summary.coverage.rows_verified < summary.coverage.rows_read


# --------------- 22a's 009: a Keras 3 box on one line, its cells' padding collapsed


@pytest.mark.parametrize("case", ["cnn_bn", "frozen_layers", "concatenate_four_branches"])
def test_a_box_joined_onto_one_line_with_its_padding_collapsed_is_read(case: str) -> None:
    """A PDF export joined the whole print onto one line and squeezed every run of blanks to
    one. Before: 0 rows, Total lost, and a false 'the table is cropped on the right'."""
    truth, text = load_print(REAL / "keras3" / f"{case}.truth.json")
    one_line = " ".join(re.sub(r" {2,}", " ", line.strip()) for line in text.split("\n"))
    assert "\n" not in one_line.strip() and "  " not in one_line
    summary = one_summary("RESUMO DO MODELO " + one_line)
    assert_reads_as_truth(summary, truth)
    assert not summary.cropped


def test_rows_keras_printed_unbuilt_are_named_as_holding_nothing_to_check() -> None:
    """Trials 20a and 22a: 'verified 2 of 2 rows … every count adds up' for a model whose
    rows are `0 (unbuilt)` said more than was checked; the coverage now names them."""
    _, unbuilt = load_print(REAL / "keras3" / "unbuilt_sequential.truth.json")
    _, built = load_print(REAL / "keras3" / "mlp_bn_sequential.truth.json")
    [summary] = api.check_text(unbuilt).summaries
    [other] = api.check_text(built).summaries
    assert summary.coverage is not None and other.coverage is not None
    assert summary.coverage.without_weights == ("dense", "dense_1")
    assert other.coverage.without_weights == ()
    # (every row unbuilt: 'read', not 'verified 2 of 2', under 'Nothing to check yet', 42b)
    assert (
        "read 2 rows (all are unbuilt or unused: Keras has created no weights for them yet, so "
        "0 is the only count they can show)"
    ) in summary.coverage.sentence()
    assert summary.coverage.to_dict()["without_weights"] == ["dense", "dense_1"]


# -------------------- 21b's 010: a size followed by a string's closing backtick and comma


def test_a_size_before_a_closing_backtick_is_read_and_checked() -> None:
    """A course file kept a print in a JavaScript template literal: ``… (394.52 KB)`,``. Before:
    the size was dropped, so a size edited to 999.99 KB went unseen."""
    truth, text = load_print(REAL / "keras3" / "mlp_bn_sequential.truth.json")
    quoted = "expectedOutput: `" + text.rstrip("\n") + "`,\n"
    [summary] = api.check_text(quoted).summaries
    assert summary.totals.to_dict() == truth["totals"]
    last = summary.totals.non_trainable
    assert last is not None and last.size is not None
    assert not [f for f in api.check_text(quoted).findings if f.code == "SA204"]
    edited = quoted.replace(f"({last.size})`", "(999.99 KB)`")
    assert edited != quoted
    assert [f.code for f in api.check_text(edited).findings] == ["SA204"]


def test_a_row_written_without_its_class_is_not_said_to_be_cut() -> None:
    """21b's nit on 008: a retyped `Dropout Layer` cell, no class in parentheses, was 'the class
    was cut off'; nothing was cut, the class is not printed: the words name it."""
    _, text = load_print(REAL / "keras2.2.4" / "mlp_bn_sequential.truth.json")
    row = next(line for line in text.split("\n") if line.startswith("dropout_1 (Dropout)"))
    retyped = text.replace(row, row.replace("dropout_1 (Dropout)", "Dropout Layer      "))
    [summary] = api.check_text(retyped).summaries
    assert summary.audit is not None
    [derivation] = [
        r.derivation for r, layer in zip(summary.audit.rows, summary.layers) if layer.params == 0
    ]
    # (since 34a's 011 a name in words is read as the class the words name)
    assert derivation is not None and "(class Dropout inferred from its name)" in derivation
    assert "cut" not in derivation
