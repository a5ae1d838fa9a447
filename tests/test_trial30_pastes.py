"""Trial 30 (tf.keras logs and notebooks; hand-made and LLM-written tables; questions and
answers about parameter counts): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from summaryaudit import api, formats
from summaryaudit.records import CheckState, Report

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, audited_row, load_print, shape_text, totals_lines

REAL = FIXTURES / "real"
KERAS_TITLES = "| Layer (type) | Output Shape | Param # |"


def _table(
    truth: dict,  # type: ignore[type-arg]
    row: Callable[[dict], str],  # type: ignore[type-arg]
    titles: str = KERAS_TITLES,
    rule: str = "",
) -> list[str]:
    """A Markdown table of a real model's layers: the titles, their rule (`| --- |` under each
    title unless given), then each layer as `row` writes it."""
    rule = rule or "|" + " --- |" * (titles.count("|") - 1)
    return [titles, rule, *(row(layer) for layer in truth["layers"])]


CNN_BN = REAL / "tf2.12/cnn_bn.truth.json"  # a Conv2D, BatchNormalization, pooling, Dense print


def _cnn_bn_table(
    row: Callable[[dict], str],  # type: ignore[type-arg]
    titles: str = KERAS_TITLES,
    rule: str = "",
) -> tuple[dict, list[str]]:  # type: ignore[type-arg]
    """The truth of the CNN_BN print, and its layers in a Markdown table (see `_table`)."""
    truth, _ = load_print(CNN_BN)
    return truth, _table(truth, row, titles, rule)


def _checked_with_class_cells(cell: Callable[[dict], str]) -> Report:  # type: ignore[type-arg]
    """The CNN_BN print retyped as a Markdown table with its totals, each row's class cell as
    `cell` writes it (`dense (Dense, ReLU)`), checked."""
    truth, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name']} ({cell(row)}) | {shape_text(row['output_shape'])} | {row['params']} |"
        )
    )
    return api.check_text("\n".join(table + totals_lines(truth)) + "\n")


# --------------- 30b's 008: the totals translated into Portuguese, as a list


def test_portuguese_totals_written_as_a_list_are_read() -> None:
    """`- Total de parâmetros: 613 (2.39 KB)` … `- Parâmetros do Optimizer: 388 (1.52 KB)`.
    Before: none was read, and the totals were said to be missing."""
    truth, text = load_print(REAL / "keras3/compiled_fitted.truth.json")
    labels = {
        "Total params:": "- Total de parâmetros:",
        "Trainable params:": "- Parâmetros treináveis:",
        "Non-trainable params:": "- Parâmetros não treináveis:",
        "Optimizer params:": "- Parâmetros do Optimizer:",
    }
    lines = text.split("\n")
    for at, line in enumerate(lines):
        label = next((k for k in labels if line.strip().startswith(k)), None)
        if label is not None:
            lines[at] = line.strip().replace(label, labels[label])
    translated = "\n".join(lines)
    assert "Total params" not in translated
    report = api.check_text(translated)
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]


# --------------- 30b's 006: a Vietnamese total set in the table, in its Output Shape column


@pytest.mark.parametrize("label", ["Tổng", "Total"])
def test_a_total_set_in_a_later_column_of_the_table_is_read(label: str) -> None:
    """`| | **Tổng** | **3,219,419** (12.28 MB) | |` under the rows. Before: an unreadable line,
    then 'the Total / Trainable / Non-trainable params lines are missing'."""
    truth, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    [size] = [line.split("(")[1] for line in text.split("\n") if "Total params" in line]
    total = f"| | **{label}** | **{truth['totals']['total']:,}** ({size} | |"
    table = _table(
        truth,
        lambda row: (
            f"| `{row['type']}` | {shape_text(row['output_shape'])} | "
            f"**{row['params']:,}** | note |"
        ),
        "| Layer | Output Shape | Param # | Vai trò |",
    )
    table.append(total)
    report = api.check_text("\n".join(table) + "\n")
    [summary] = report.summaries
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert summary.unreadable == ()
    # only the Trainable and Non-trainable lines are missing
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 30a's 001: a row whose class runs into the shape column, in a comment


def _classes_joined_in_comments(text: str) -> str:
    """A print pasted as Python comments (`#   name (Class)  …`), each wrapped class joined back
    onto its row by hand, the shape pushed one blank after it."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and line.strip() in ("ormalization)", ")"):
            label, rest = out[-1][1:].split("  ", 1)
            out[-1] = f" {label}{line.strip()} {rest.strip()}"
            continue
        out.append(line)
    return "\n".join("#  " + line for line in out)


def test_a_row_whose_class_runs_into_the_shape_column_is_a_row() -> None:
    """`#   quant_dropout (QuantizeWrapperV2) (None, 288)   1` under `#   flatten (Flatten) …`:
    before, the row was read as the rest of the row above, and both were one unreadable line."""
    truth, text = load_print(CNN_BN)
    damaged = _classes_joined_in_comments(text)
    assert "#   max_pooling2d (MaxPooling2D) (None, 13, 13, 32)" in damaged
    report = api.check_text(damaged)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [f.code for f in report.findings] == []


# --------------- 30a's 005: an explanation quoting the summary's totals under it


@pytest.mark.parametrize("quoted", [["Total params"], ["Total params", "Trainable params"]])
def test_totals_quoted_from_the_summary_above_are_no_summary(quoted: list[str]) -> None:
    """An explanation under a print quotes its lines one by one, each in a fence
    (`8. **参数总数**:` then `Total params: 54,538`). Before: the quoted Total was read as a
    second summary, totals without a table (SA003, exit 1)."""
    truth, text = load_print(CNN_BN)
    explanation = ["", "结果解释：", ""]
    for at, label in enumerate(quoted, start=8):
        [line] = [line for line in text.split("\n") if line.startswith(label)]
        explanation += [f"{at}. **{label}**:", "   ```", f"   {line}", "   ```", "   这表示……", ""]
    report = api.check_text(text + "\n".join(explanation))
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [f.code for f in report.findings] == []


def test_totals_alone_that_differ_from_the_summary_above_are_still_read() -> None:
    """A second run's totals, its table left out, that do not repeat the first's: a summary
    of its own, its table missing (SA003)."""
    _, text = load_print(CNN_BN)
    second = (
        "\n\nSecond run:\n\n"
        "Total params: 60,000\nTrainable params: 60,000\nNon-trainable params: 0\n"
    )
    report = api.check_text(text + second)
    assert len(report.summaries) == 2
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 30c's 015: counts an author replaced by `...`


def test_counts_left_out_as_dots_keep_their_rows() -> None:
    """`lstm (LSTM)  (None, 10, 128)  ...` and `Total params: ...`, a README's print with the
    counts taken out. Before: the row after a `...` row was read as its rest (`dropout
    (Dropout) lstm_1 (LSTM)`), and each `...` was an unreadable line."""
    truth, text = load_print(REAL / "tf2.12/rnn_stack.truth.json")
    left_out = {"lstm", "gru_1"}
    lines = []
    for line in text.split("\n"):
        name = line.split(" (", 1)[0].strip()
        if name in left_out:
            line = line.rstrip().rsplit(" ", 1)[0] + " ..."
        elif line.startswith(("Total params", "Trainable params")):
            line = line.split(":")[0] + ": ..."
        if line.strip():
            lines.append(line)
    report = api.check_text("\n".join(lines) + "\n")
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert [layer.name for layer in summary.layers if layer.params is None] == ["lstm", "gru_1"]
    assert [f.code for f in report.findings] == []
    assert summary.coverage is not None
    assert "count not shown: lstm, gru_1" in " ".join(summary.coverage.not_verified)
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert (total.state, total.reason) == (
        CheckState.SKIPPED,
        "its count is unreadable or left out",
    )


# --------------- 30b's 005: `| **Total Trainable Params** | | **N** | Non-trainable: 0 |`


def _with_trainable_row(truth: dict, trainable: int, non_trainable: int) -> str:  # type: ignore[type-arg]
    rows = [
        f"| {row['name']} | {shape_text(row['output_shape'])} | {row['params']:,} | note |"
        for row in truth["layers"]
    ]
    closing = (
        f"| **Total Trainable Params** | | **{trainable:,}** | Non-trainable: {non_trainable} |"
    )
    header = ["| Layer | Output Shape | Param # | หมายเหตุ |", "|---|---|---|---|"]
    return "\n".join([*header, *rows, closing]) + "\n"


def test_a_total_of_trainable_params_row_is_read_as_the_trainable_count() -> None:
    """An LLM-written table's closing row. Before: it was read as a layer (the rows 'added up
    to' twice the model) and the totals were said to be missing."""
    truth, _ = load_print(CNN_BN)
    totals = truth["totals"]
    report = api.check_text(
        _with_trainable_row(truth, totals["trainable"], totals["non_trainable"])
    )
    [summary] = report.summaries
    assert len(summary.layers) == len(truth["layers"])
    read = summary.totals
    assert read.trainable is not None and read.non_trainable is not None
    assert (read.trainable.value, read.non_trainable.value) == (
        totals["trainable"],
        totals["non_trainable"],
    )
    assert [f.code for f in report.findings] == ["SA003"]  # no Total line


def test_a_total_of_trainable_params_row_that_hides_the_statistics_is_flagged() -> None:
    """The same row claiming every parameter trainable (`Non-trainable: 0`) over a
    BatchNormalization: its moving statistics are non-trainable (SA203)."""
    truth, _ = load_print(CNN_BN)
    report = api.check_text(_with_trainable_row(truth, truth["totals"]["total"], 0))
    assert [f.code for f in report.findings] == ["SA003", "SA203"]


# --------------- 30b's 002: `(51,200)`, a Flatten's width with a thousands separator


def test_a_flatten_width_with_a_thousands_separator_is_one_axis() -> None:
    """Shapes retyped without the batch axis or blanks (`(13,13,32)`), the Flatten's 5408
    written `(5,408)`. Before: read as two axes, and the Dense under it flagged (SA101, SA301)."""
    truth, _ = load_print(CNN_BN)

    def compact(dims: list) -> str:  # type: ignore[type-arg]
        width = ",".join(str(d) for d in dims[1:])
        return "(5,408)" if width == "5408" else f"({width})"

    table = _table(
        truth, lambda row: f"| {row['type']} | {compact(row['output_shape'])} | {row['params']:,} |"
    )
    report = api.check_text("\n".join(table) + "\n")
    [summary] = report.summaries
    [flatten] = [layer for layer in summary.layers if layer.type == "Flatten"]
    assert flatten.output_shape == "(5408)"
    assert [f.code for f in report.findings] == ["SA003"]  # no totals


def test_two_axes_under_a_flatten_stay_two_when_the_values_do_not_match() -> None:
    """`(5,409)` is no regrouping of the 5,408 values above it: read as printed."""
    _, table = _cnn_bn_table(
        lambda row: (
            f"| {row['type']} | "
            + ("(5,409)" if row["type"] == "Flatten" else shape_text(row["output_shape"][1:]))
            + f" | {row['params']:,} |"
        ),
    )
    [summary] = api.check_text("\n".join(table) + "\n").summaries
    [flatten] = [layer for layer in summary.layers if layer.type == "Flatten"]
    assert flatten.output_shape == "(5, 409)"


# --------------- 30c's 014: a functional print's rows alone, their spacing collapsed


def test_collapsed_rows_with_inbound_nodes_and_their_later_nodes_are_one_table() -> None:
    """A question pastes the rows of a functional print only: one blank between cells, each
    merge layer's second inbound node on a line of its own at the margin. Before: every row
    with an inbound node was unreadable, and each node line cut the table into another."""
    truth, text = load_print(REAL / "tf2.0/merge_ops.truth.json")
    rows = [
        " ".join(line.split())
        for line in text.split("\n")
        if line.strip() and not set(line.strip()) <= set("_=") and ":" not in line
    ]
    rows = [row for row in rows if not row.startswith(("Layer (type)", "Model"))]
    assert "dense_1[0][0]" in rows  # a merge's second node, alone on its line
    report = api.check_text('Model: "model"\n' + "\n".join(rows) + "\n")
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    [add] = [layer for layer in summary.layers if layer.name == "add"]
    assert add.connected_to == ("dense[0][0]", "dense_1[0][0]")
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 30b's 011: a summary walked through one row at a time


def _one_table_per_row(truth: dict, totals: bool = True) -> str:  # type: ignore[type-arg]
    """A write-up's tables: each row of a real print under a header of its own, a sentence and
    a code fence after it, the totals under the last."""
    parts: list[str] = []
    for row in truth["layers"]:
        parts += [
            "---",
            "| Layer (type) | Output Shape | Param # |",
            "| ------------- | ------------- | ------------- |",
            f"| {row['name']} ({row['type']}) | {shape_text(row['output_shape'])} | "
            f"{row['params']} |",
            "",
            "What this layer does.",
            "```sh",
            f"model.add({row['type']}(...))",
            "```",
        ]
    if totals:
        parts += ["", f"**Total params: {truth['totals']['total']:,}**"]
    return "\n".join(parts) + "\n"


def test_a_summary_walked_through_one_row_at_a_time_is_one_summary() -> None:
    """Before: each table was a summary of its own (SA003 for each), and the totals under the
    last were checked against its one row (a false SA201)."""
    truth, _ = load_print(CNN_BN)
    report = api.check_text(_one_table_per_row(truth))
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert "SA201" not in [f.code for f in report.findings]


def test_tables_of_two_models_naming_the_same_layers_stay_apart() -> None:
    """Two small tables under one header, a layer named in both: two prints, not one."""
    truth, _ = load_print(CNN_BN)
    first = [row for row in truth["layers"] if row["type"] == "Conv2D"]
    table = "| Layer (type) | Output Shape | Param # |\n| --- | --- | --- |\n" + "".join(
        f"| {row['name']} ({row['type']}) | {shape_text(row['output_shape'])} | {row['params']} |\n"
        for row in first
    )
    report = api.check_text(table + "\nThe second model:\n\n" + table)
    assert len(report.summaries) == 2


# --------------- 30a's 013: a table a PDF export shredded into Markdown


def test_rows_whose_layer_cell_holds_the_shape_and_count_are_read() -> None:
    """`| max_pooling2d (MaxPooling2D) (None, 13, 13, 16) |  | 0 |`, `| conv2d_1 (Conv2D) (None,
    11, 11, 32) 4640 |  |`, `| flatten (Flatten) (None, 3872) | 0 |`. Before: each count was
    read as the row's shape, and the rows as unreadable."""
    truth, _ = load_print(CNN_BN)
    forms = [
        "| {label} | {shape} | {count} |",
        "| {label} {shape} |  | {count} |",
        "| {label} {shape} {count} |  |",
        "| {label} {shape} | {count} |",
    ]
    rows = [
        forms[at % len(forms)].format(
            label=f"{row['name']} ({row['type']})",
            shape=shape_text(row["output_shape"]),
            count=row["params"],
        )
        for at, row in enumerate(truth["layers"])
    ]
    table = ["| Layer (type) | Output Shape | Param # |", "| --- | --- | --- |", *rows]
    report = api.check_text("\n".join(table + totals_lines(truth)) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [layer.output_shape for layer in summary.layers] == [
        shape_text(row["output_shape"]) for row in truth["layers"]
    ]
    assert [f.code for f in report.findings] == []


# --------------- 30c's 012: `batch_normalization (BN)`


@pytest.mark.parametrize("shorter", ["BN", "BatchNorm"])
def test_a_class_written_short_is_the_class_the_name_gives(shorter: str) -> None:
    """A course's hand-typed output: `batch_normalization (BN)`; a README's `(BatchNorm)`
    (31c's 012: `layer_normalization (LayerNorm)`). Before: the short class was taken for a
    class without a formula (SA901), and 128 = 4 × 32 left unchecked."""
    kind = "BatchNormalization"
    report = _checked_with_class_cells(lambda row: shorter if row["type"] == kind else row["type"])
    [summary] = report.summaries
    row = audited_row(summary, "batch_normalization")
    assert row.type == kind
    assert row.derivation is not None and row.derivation.startswith("128 = 4 × 32")
    assert f"no Keras class is spelled {shorter}" in row.derivation
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read == len(summary.layers)
    assert [f.code for f in report.findings] == []


def test_a_short_class_the_name_does_not_give_stays_a_class() -> None:
    """`dense (BN)`: the name gives Dense, whose capitals are not BN: no class is made up."""
    report = _checked_with_class_cells(lambda row: "BN" if row["type"] == "Dense" else row["type"])
    [summary] = report.summaries
    assert audited_row(summary, "dense").type == "BN"


# --------------- 30a's 008: non-trainable weights no row shown could hold


def test_non_trainable_weights_no_shown_row_could_hold_are_said_to_be_out_of_sight() -> None:
    """A print cut at the top: the 64 moving statistics left are less than any shown row's
    weights (freezing a layer moves all of them). Before: 'frozen weights of the rows or
    sit in what is not shown'."""
    _, text = load_print(CNN_BN)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(" conv2d "))
    pooling = next(i for i, line in enumerate(lines) if line.startswith(" max_pooling2d "))
    cut = "\n".join([*lines[:first], " ...", *lines[pooling:]])
    [summary] = api.check_text(cut).summaries
    assert summary.coverage is not None
    [bound] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert bound.reason.endswith("the other 64 sit in what is not shown")


# --------------- 30b's 012: `- **Total parameters:** ~1.3M`


def _with_rounded_total(truth: dict, rounded: str) -> str:  # type: ignore[type-arg]
    table = _table(
        truth,
        lambda row: f"| {row['type']} | {shape_text(row['output_shape'])} | {row['params']:,} |",
        "| Layer | Output Shape | Parameters |",
    )
    return "\n".join([*table, "", f"- **Total parameters:** {rounded}", "- **Optimizer:** Adam"])


def test_a_total_given_rounded_is_checked_to_its_precision() -> None:
    """54,538 given as `~55K`. Before: the line was not read, and the totals were said to be
    missing."""
    truth, _ = load_print(CNN_BN)
    report = api.check_text(_with_rounded_total(truth, "~55K"))
    [summary] = report.summaries
    assert summary.totals.total is not None
    assert summary.totals.total.rounded == (54_500, 55_499)
    assert summary.unreadable == ()
    assert "SA201" not in [f.code for f in report.findings]
    assert summary.coverage is not None
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert total.reason == "Total is given rounded (~55K): the rows' 54,538 round to it"


def test_a_total_given_rounded_that_the_rows_cannot_round_to_is_flagged() -> None:
    """`~1.3M` under rows that add up to 54,538: copied from another model, or edited."""
    truth, _ = load_print(CNN_BN)
    report = api.check_text(_with_rounded_total(truth, "~1.3M"))
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert "a count from 1,250,000 to 1,349,999, but the rows add up to 54,538" in sa201.message


# --------------- 30b's 001: a totals line an OCR glued to a rule, in the table


def test_a_totals_line_glued_to_a_rule_is_no_rest_of_a_row_and_is_named() -> None:
    """An OCR'd report's `| =======Total parans: 54,538 |  |  |` under the last row. Before:
    it was read as the rest of that row (its name became `block5_pool =======Total…`), and
    SA003 said the totals were missing."""
    truth, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name']}({row['type']}) | {shape_text(row['output_shape'])} | "
            f"{row['params']} |"
        ),
        rule="| -- | -- | -- |",
    )
    table.append(f"| =======Total parans: {truth['totals']['total']:,} |  |  |")
    report = api.check_text("\n".join(table) + "\n")
    [summary] = report.summaries
    last = truth["layers"][-1]["name"]
    assert [layer.name for layer in summary.layers][: len(truth["layers"])] == [
        row["name"] for row in truth["layers"]
    ]
    [row] = [layer for layer in summary.layers if layer.name == last]
    assert row.type == truth["layers"][-1]["type"]
    # the OCR's `parans` is read as `params` since trial 70a's 010: the Total is read, and
    # SA003 names the lines that are really missing
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert sa003.message.startswith("the Trainable and Non-trainable params lines are missing")


# --------------- 31c's 003: pruning wrappers whose class the column cut off


def test_a_pruning_wrapper_without_its_class_is_read_as_the_wrapper() -> None:
    """`prune_low_magnitude_conv2d (` in tf 2.0's narrow column, the class cut off. Before:
    the row was read as the Conv2D its name ends with, and its count (the wrapped layer, its
    kernel's mask, a threshold and a step) flagged as edited (SA101)."""
    truth, text = load_print(REAL / "tf_keras/pruned_low_magnitude.truth.json")
    # the class lines a wrapped print continues each row on, left out
    kept = [line for line in text.split("\n") if "(None" in line or not line.startswith(" ")]
    report = api.check_text("\n".join(kept))
    [summary] = report.summaries
    assert summary.audit is not None
    assert {row.type for row in summary.audit.rows} == {"PruneLowMagnitude"}
    assert len(summary.layers) == len(truth["layers"])
    conv = audited_row(summary, "prune_low_magnitude_conv1d")
    assert conv.derivation is not None and conv.derivation.startswith("58 = ")
    assert "SA101" not in [f.code for f in report.findings]


# --------------- 31c's 012: Connected to written with a note, or in words


def test_connected_to_with_a_note_or_in_words_is_no_missing_row() -> None:
    """`layer_normalization_1 (Q, K, V)` and `layer_norm_1 + MHA` in a retyped table's
    Connected to. Before: the note was split into three layer names, and each entry was said
    to name a row missing from the paste (SA401 warnings)."""
    _, text = load_print(REAL / "tf2.0/merge_ops.truth.json")
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if line.startswith("dense_2 (Dense)"):
            lines[at] = line.replace("average[0][0]", "average (mean of both)")
        elif line.startswith("multiply (Multiply)"):
            lines[at] = line.replace("dense[0][0]", "dense + dense_1")
            lines[at + 1] = ""
    report = api.check_text("\n".join(lines))
    [summary] = report.summaries
    [dense_2] = [layer for layer in summary.layers if layer.name == "dense_2"]
    assert dense_2.connected_to == ("average",)
    inbound = [(f.layer, f.severity.value) for f in report.findings if f.code == "SA401"]
    assert inbound == [("multiply", "info")]


# --------------- 31a's 010: a tied embedding in a print cut down to its rows and Total


def test_a_tied_embedding_in_rows_without_their_header_is_no_edited_total() -> None:
    """A slide keeps a KerasHub print's title, rows and Total only. Before: 'the rows that can
    be read already add up to … without the the top of the table is cut off: a row's count was
    raised, or the total was edited', an error, although the surplus is exactly the
    ReversibleEmbedding's count, which Total counts once."""
    _, text = load_print(REAL / "keras3/tied_embedding_in_backbone.truth.json")
    kept = [
        line
        for line in text.split("\n")
        if line.startswith(("Model:", " Total")) or (line.startswith("│") and "Layer" not in line)
    ]
    report = api.check_text("\n".join(kept) + "\n")
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.severity.value == "info"
    assert "(more by 16,000), exactly the count of token_embedding" in sa201.message
    [summary] = report.summaries
    assert summary.coverage is not None
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert total.reason.endswith("token_embedding's count, weights it may share, counted once")


# --------------- 31a's 001: Keras 3.0's print of a layer made with trainable=False


def test_no_non_trainable_weights_in_a_keras3_print_are_not_said_to_mean_none_is_frozen() -> None:
    """Keras 3.0.5 prints an Embedding made with trainable=False as trainable (a real print:
    keras-team/keras#19398). Before: 'Non-trainable params 0: …, and none is frozen'."""
    truth, text = load_print(REAL / "keras3.0.5/embedding_made_frozen.truth.json")
    assert truth["totals"]["non_trainable"] == 0  # what Keras 3.0.5 said of the frozen layer
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    [note] = [n for n in summary.audit.notes if n.startswith("Non-trainable params 0")]
    assert "none is frozen" not in note
    assert "the print counts no layer as frozen" in note and "keras-team/keras#19398" in note
    _, later = load_print(REAL / "keras3/embedding_made_frozen.truth.json")
    assert "Non-trainable params: 400" in later  # the same model, printed by a later Keras 3
    # (a print without an Embedding row, whose layers are rarely made frozen: no caveat; 32c)
    _, dense = load_print(REAL / "keras3/big_dense.truth.json")
    [plain] = api.check_text(dense).summaries
    assert plain.audit is not None
    [said] = [n for n in plain.audit.notes if n.startswith("Non-trainable params 0")]
    assert said.endswith("and the print counts no layer as frozen.")


# --------------- 31b's 001, 013: a failing check switched off is no all-clear


def _total_raised() -> str:
    """A real print whose Total was raised by 6 (SA201 and SA202 fire)."""
    truth, text = load_print(CNN_BN)
    total = truth["totals"]["total"]
    return text.replace(f"Total params: {total:,}", f"Total params: {total + 6:,}")


def test_findings_switched_off_by_ignore_leave_no_all_clear() -> None:
    """`--ignore SA201,SA202` on totals that do not add up. Before: 'No problems found: every
    count adds up', and the JSON's coverage said complete."""
    report = api.check_text(_total_raised(), ignore=["SA201", "SA202"])
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.coverage is not None
    assert not summary.coverage.complete
    assert summary.coverage.switched_off == ("SA201", "SA202")
    said = summary.coverage.to_dict()["not_verified"]
    assert "2 findings found here and switched off (SA201, SA202)" in said
    assert formats.verdict(summary, []).startswith("No problems shown, but this is no all-clear")


def test_findings_switched_off_by_a_directive_leave_no_all_clear() -> None:
    """`# summaryaudit: ignore SA201 SA202` above the print: the same."""
    report = api.check_text("# summaryaudit: ignore SA201 SA202\n" + _total_raised())
    [summary] = report.summaries
    assert summary.coverage is not None and not summary.coverage.complete
    assert summary.coverage.switched_off == ("SA201", "SA202")


def test_a_selection_that_switches_off_nothing_found_keeps_the_all_clear() -> None:
    """`--select SA1` on a print whose counts all add up: nothing was switched off that fired."""
    _, text = load_print(CNN_BN)
    [summary] = api.check_text(text, select=["SA1"]).summaries
    assert summary.coverage is not None and summary.coverage.switched_off == ()
    assert formats.verdict(summary, []).startswith(formats.NO_PROBLEMS)


# --------------- 31b's 004: an HTML table whose first row was left open


def test_an_html_table_whose_first_row_is_left_open_is_read() -> None:
    """A table converter's `<thead><tr class="tableizer-firstrow">`, never closed, above the
    rows. Before: it joined the header row, every row's cells moved one column right, and each
    row was unreadable."""
    truth, _ = load_print(CNN_BN)

    def html_row(*cells: object) -> str:
        return " <tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"

    totals = truth["totals"]
    lines = [
        '<table class="tableizer-table">',
        '<thead><tr class="tableizer-firstrow">',
        "   ",
        html_row("Layer (type)", "Output Shape", "Param #"),
        *(
            html_row(f"{r['name']} ({r['type']})", shape_text(r["output_shape"]), r["params"])
            for r in truth["layers"]
        ),
        html_row(f"Total params: {totals['total']:,}"),
        html_row(f"Trainable params: {totals['trainable']:,}"),
        html_row(f"Non-trainable params: {totals['non_trainable']:,}"),
        "</tbody></table>",
    ]
    report = api.check_text("\n".join(lines) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [f.code for f in report.findings] == []


# --------------- 31c's 005: a column an author added after Param #


def test_a_column_added_after_the_counts_is_said_beside_each_row() -> None:
    """`Param #        Receptive Field.` and `135             3`: before, each such count was
    unreadable (SA001); the added column's cells are now notes beside their rows."""
    truth, text = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if line.startswith("Layer (type)"):
            lines[at] = line.rstrip() + "      Receptive Field."
        elif line.startswith("conv2d (Conv2D)"):
            lines[at] = line.rstrip() + "             3"
    report = api.check_text("\n".join(lines))
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [f.code for f in report.findings] == []
    [conv] = [layer for layer in summary.layers if layer.name == "conv2d"]
    assert (conv.line, "Receptive Field. 3") in summary.asides


# --------------- 31c's 012: `(Dense, ReLU)`


def test_a_class_and_its_activation_after_a_comma_is_the_class() -> None:
    """`dense (Dense, ReLU)`: before, 'no formula for Dense, ReLU' and the count unchecked."""
    report = _checked_with_class_cells(
        lambda row: row["type"] + (", ReLU" if row["type"] == "Dense" else "")
    )
    [summary] = report.summaries
    assert audited_row(summary, "dense").type == "Dense"
    assert [f.code for f in report.findings] == []


# --------------- 31b's 011: `**Total: ~2.6M parameters, ~170K trainable**`


@pytest.mark.parametrize(("written", "flagged"), [("~55K", False), ("~2.6M", True)])
def test_totals_written_in_words_and_rounded_are_read(written: str, flagged: bool) -> None:
    """A write-up's `**Total: ~2.6M parameters, ~170K trainable**` under its table. Before:
    the line was not read, and the totals were said to be 'not in the paste'."""
    _, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name']} ({row['type']}) | {shape_text(row['output_shape'])} | "
            f"{row['params']} |"
        )
    )
    text = "\n".join([*table, "", f"**Total: {written} parameters, ~54K trainable**"])
    report = api.check_text(text + "\n")
    [summary] = report.summaries
    total, trainable = summary.totals.total, summary.totals.trainable
    assert total is not None and total.rounded is not None
    assert trainable is not None and trainable.rounded == (53_500, 54_499)
    assert ("SA201" in [f.code for f in report.findings]) is flagged


# --------------- 32b's 006: a count whose last group lost a digit


def test_a_total_whose_last_group_is_short_is_unreadable() -> None:
    """`Non-trainable params: 7,635,26`: before, read as 7,635 without a word, and SA203 said
    no set of frozen layers explains it."""
    truth, text = load_print(CNN_BN)
    total = truth["totals"]["total"]
    cut = text.replace(f"Total params: {total:,}", f"Total params: {total:,}"[:-1])
    report = api.check_text(cut)
    [summary] = report.summaries
    assert summary.totals.total is not None and summary.totals.total.value is None
    assert [f.line for f in report.findings if f.code == "SA001"] == [summary.totals.total.line]


# --------------- 32b's 009: rows whose cut class runs into the shape column, indented


def test_indented_rows_whose_cut_class_touches_the_shape_are_rows() -> None:
    """Keras 2.2's `max_pooling2d_1 (MaxPooling2 (None, 13, 13, 32)  0`, indented one blank
    more than the rows around it (a paste's ragged indentation, 32b's 009). Before: the row
    was glued into the name of the row above."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")

    def ragged(line: str) -> str:
        if set(line) == {"_"}:
            return ""  # the rules between rows lost to blank lines, as 32b's 009 pasted them
        if line.startswith("Layer (type)"):
            return "       " + line
        return ("      " if line.startswith("max_pooling2d") else "     ") + line

    shifted = [ragged(line) for line in text.split("\n")]
    report = api.check_text("\n".join(shifted))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]


# --------------- 32b's 010: a paste that ends inside a row; 30c's 014: the input's row first


def test_rows_without_their_header_keep_the_row_the_paste_cut() -> None:
    """Rows quoted without header and totals, the paste ending after `flatten`: before, that
    row was dropped without a word."""
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    rows = [line for line in text.split("\n") if " (" in line and "(type)" not in line]
    last = rows[-1].split(" ", 1)[0]
    report = api.check_text("\n".join([*rows[:-1], last]) + "\n")
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers][-1] == last
    assert summary.layers[-1].params is None


def test_rows_without_their_header_that_start_with_the_input_are_not_cut_above() -> None:
    """`input_1 (InputLayer)` first: the rows are the table's top, only its header is missing."""
    _, text = load_print(REAL / "tf2.0/merge_ops.truth.json")
    rows = [line for line in text.split("\n") if " (" in line and "(type)" not in line]
    report = api.check_text("\n".join(" ".join(row.split()) for row in rows) + "\n")
    [summary] = report.summaries
    assert summary.coverage is not None
    assert not any("above the first one shown" in r for r in summary.coverage.not_verified)


# --------------- 32a's 003, 006, 015: totals rows and rounded totals in hand-made tables


def test_a_totals_row_whose_empty_cell_is_a_mangled_dash_is_the_total() -> None:
    """`| **Total** | â€” | **244,171** |` (an em dash read as cp1252): before, a 12th layer."""
    truth, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name']} ({row['type']}) | {shape_text(row['output_shape'])} | "
            f"{row['params']:,} |"
        )
    )
    table.append(f"| **Total** | â€” | **{truth['totals']['total']:,}** |")
    [summary] = api.check_text("\n".join(table) + "\n").summaries
    assert len(summary.layers) == len(truth["layers"])
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]


@pytest.mark.parametrize(
    ("written", "bounds"),
    [("~55k", (54_500, 55_499)), ("~50k", (45_000, 54_999)), ("~54,538", (54_538, 54_538))],
)
def test_a_total_given_about_so_many_is_rounded_at_its_last_digit_not_zero(
    written: str, bounds: tuple[int, int]
) -> None:
    """`~250k` under rows adding up to 252,219 (32a's 015): before, read as 249,500–250,499
    and flagged (SA201); a trailing zero rounds nothing. `| **Total Parameters** | |
    **~17,652,545** |` (32a's 006): before, unreadable."""
    _, table = _cnn_bn_table(
        lambda row: f"| {row['type']} | {shape_text(row['output_shape'])} | {row['params']:,} |"
    )
    table.append(f"| **Total Parameters** | | **{written}** |")
    report = api.check_text("\n".join(table) + "\n")
    [summary] = report.summaries
    assert summary.totals.total is not None and summary.totals.total.rounded == bounds
    assert "SA201" not in [f.code for f in report.findings]


def test_a_row_named_in_words_with_a_number_is_read_by_its_name() -> None:
    """`| Bidirectional LSTM 1 | (None, 10, 12) | 816 |`: the number after a blank is the
    row's, as `_1` is (32a's 003: before, 'the class is cut off or not printed')."""
    truth, _ = load_print(REAL / "tf2.12/rnn_stack.truth.json")

    def label(row: dict) -> str:  # type: ignore[type-arg]
        wrapped = row["type"] == "Bidirectional"
        return "Bidirectional LSTM 1" if wrapped else f"{row['name']} ({row['type']})"

    table = _table(
        truth, lambda row: f"| {label(row)} | {shape_text(row['output_shape'])} | {row['params']} |"
    )
    [summary] = api.check_text("\n".join(table + totals_lines(truth)) + "\n").summaries
    row = audited_row(summary, "Bidirectional LSTM 1")
    assert row.type == "Bidirectional"
    assert row.derivation is not None and row.derivation.startswith("816 = 2 × 408")


# --------------- 33b's 002: rows an explanation quotes from the table above


def test_rows_quoted_again_under_the_table_are_no_summary() -> None:
    """A blog post explains its print row by row, each row quoted again with its spacing
    collapsed. Before: each quote was a summary of its own, 'rows from the middle of a table:
    the rows above the first one shown are left out'."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    rows = [line for line in text.split("\n") if line.startswith(("conv2d_1 ", "dense_1 "))]
    explained = [text, "", "1つ目の層", *(" ".join(row.split()) for row in rows[:1]), "説明。"]
    report = api.check_text("\n".join(explained) + "\n")
    [summary] = report.summaries
    assert len(summary.layers) == len(truth["layers"])


# --------------- 33b's 012: a collapsed paste that ends after a row's name


def test_a_collapsed_paste_that_ends_after_a_rows_name_keeps_the_row() -> None:
    """`conv2d_3 (` as the last line of a print whose spacing was collapsed: before, the row
    was dropped without a word and every row said verified."""
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    last = next(i for i, line in enumerate(lines) if line.startswith("dense_1 "))
    cut = "\n".join([*lines[:last], "dense_1 ("])
    report = api.check_text(cut + "\n")
    [summary] = report.summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_read == len(summary.layers) + 1
    assert [f.line for f in report.findings if f.code == "SA001"] == [last + 1]


# --------------- 33a's 013, 015: `| **TOTAL** | | **N** |`; `MobileNetV2 (frozen)`


def test_a_totals_row_in_capitals_is_the_total() -> None:
    """Before: `| **TOTAL** | | **4,377,500** |` was read as a layer, its count added twice."""
    truth, table = _cnn_bn_table(
        lambda row: f"| {row['name']} | {shape_text(row['output_shape'])} | {row['params']:,} |"
    )
    table.append(f"| **TOTAL** | | **{truth['totals']['total']:,}** |")
    [summary] = api.check_text("\n".join(table) + "\n").summaries
    assert len(summary.layers) == len(truth["layers"])
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]


def test_a_training_state_in_parentheses_is_a_note_whatever_the_name() -> None:
    """`MobileNetV2 (frozen)`: before, 'MobileNetV2 is a frozen, a layer type summaryaudit has
    no formula for'."""
    truth, _ = load_print(REAL / "tf_keras/application_base_frozen.truth.json")

    def noted(row: dict) -> str:  # type: ignore[type-arg]
        return (
            "MobileNetV2 (frozen)"
            if row["type"] == "Functional"
            else f"{row['name']} ({row['type']})"
        )

    table = _table(
        truth,
        lambda row: f"| {noted(row)} | {shape_text(row['output_shape'])} | {row['params']:,} |",
    )
    report = api.check_text("\n".join(table[:2] + table[3:] + totals_lines(truth)) + "\n")
    [summary] = report.summaries
    [base] = [layer for layer in summary.layers if layer.params == 2_257_984]
    assert base.type != "frozen"
    assert (base.line, "(frozen)") in summary.asides
    assert "SA901" not in [f.code for f in report.findings]


# --------------- a narrow Keras 3 box cut after its header's first line, then a log line


def test_a_box_cut_after_the_first_line_of_its_wrapped_header_is_reported() -> None:
    """`┃ Layer ┃ Output ┃ Param ┃` over a cut `(type)` line, then `Epoch 1/10` and another
    print (a seeded cut the fuzz suite found): before, the first print was lost without a
    word; now it is a header without rows (SA003), and the second is read as before."""
    _, narrow = load_print(REAL / "keras3/two_inputs_cut_alike_line_length48.truth.json")
    truth, whole = load_print(CNN_BN)
    cut = "\n".join(narrow.split("\n")[:3])
    report = api.check_text(cut + "\nEpoch 1/10\n" + whole)
    first, second = report.summaries
    assert (first.start_line, first.layers) == (1, ())
    assert [f.code for f in report.findings if f.line == 1] == ["SA003"]
    assert_reads_as_truth(second, truth)


# --------------- 33a's 005: `**Param\#**`; classes written in small letters


def test_an_escaped_title_and_classes_in_small_letters_are_read() -> None:
    """A Vietnamese report's `| **Param\\#** |` header over `Conv2d_48 (conv2d)`,
    `Batch_normalization_56 (batch normalization)`. Before: no count was read (every row an
    SA001); now the rows are checked, the classes read as the names give them."""
    truth, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name'].capitalize()} ({row['type'].lower()}) | "
            f"{shape_text(row['output_shape'])} | {row['params']} |"
        ),
        "| **Layer (type)** | **Output Shape** | **Param\\#** |",
    )
    report = api.check_text("\n".join(table + totals_lines(truth)) + "\n")
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [row["params"] for row in truth["layers"]]
    assert summary.audit is not None
    assert [row.type for row in summary.audit.rows] == [row["type"] for row in truth["layers"]]
    assert [f.code for f in report.findings] == []


# --------------- 33a's 003: a numbered table's class with a note


def test_a_numbered_rows_class_with_a_note_is_read() -> None:
    """`| 7 | Dense (Output) | (None, 8) | 520 |` under `| Layer | Type | … |`: before, the row
    was unreadable and its count lost."""
    truth, _ = load_print(CNN_BN)

    def kind(row: dict) -> str:  # type: ignore[type-arg]
        return "Dense (Output)" if row["type"] == "Dense" else row["type"]

    rows = [
        f"| {at} | {kind(row)} | {shape_text(row['output_shape'])} | {row['params']:,} |"
        for at, row in enumerate(truth["layers"], start=1)
    ]
    table = ["| Layer | Type | Output Shape | Parameters |", "|---|---|---|---|", *rows]
    report = api.check_text("\n".join(table + totals_lines(truth)) + "\n")
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [row["params"] for row in truth["layers"]]
    [dense] = [layer for layer in summary.layers if layer.params == 54_090]
    assert (dense.line, "(Output)") in summary.asides
    assert [f.code for f in report.findings] == []
