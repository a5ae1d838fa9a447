"""Trial 30 (tf.keras logs and notebooks; hand-made and LLM-written tables; questions and
answers about parameter counts): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, shape_text, totals_lines

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


def test_a_class_written_as_its_initials_is_the_class_the_name_gives() -> None:
    """A course's hand-typed output: `batch_normalization (BN)`. Before: BN was taken for a
    class without a formula (SA901), and 512 = 4 × 128 left unchecked."""
    truth, _ = load_print(CNN_BN)

    def initials(row: dict) -> str:  # type: ignore[type-arg]
        kind = "BN" if row["type"] == "BatchNormalization" else row["type"]
        return f"{row['name']} ({kind})"

    table = _table(
        truth,
        lambda row: f"| {initials(row)} | {shape_text(row['output_shape'])} | {row['params']} |",
    )
    report = api.check_text("\n".join(table + totals_lines(truth)) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert [f.code for f in report.findings] == []


def test_initials_of_another_class_than_the_name_gives_stay_a_class() -> None:
    """`dense (BN)`: the name gives Dense, whose initials are not BN: no class is made up."""
    truth, table = _cnn_bn_table(
        lambda row: (
            f"| {row['name']} ({'BN' if row['type'] == 'Dense' else row['type']}) | "
            f"{shape_text(row['output_shape'])} | {row['params']} |"
        ),
    )
    [summary] = api.check_text("\n".join(table + totals_lines(truth)) + "\n").summaries
    [dense] = [layer for layer in summary.layers if layer.name == "dense"]
    assert dense.type == "BN"


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
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert f"(line {len(table)} names a total, but it could not be read)" in sa003.message
