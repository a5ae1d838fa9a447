"""Trial 29 (Keras 3 prints; hand-made and LLM-written tables; old Keras and books): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, one_summary, shape_text, totals_lines

REAL = FIXTURES / "real"


def _markdown(truth: dict, cell, count, shape=shape_text) -> str:  # type: ignore[no-untyped-def,type-arg]
    """A hand-made Markdown table of a real model: each row's first cell, count and shape
    as the functions given write them, under the totals Keras printed."""
    rows = [
        f"| {cell(row)} | {shape(row['output_shape'])} | {count(row)} |"
        for row in truth["layers"]
        if row["type"] != "InputLayer"
    ]
    lines = ["| Layer (type) | Output Shape | Param # |", "| --- | --- | --- |", *rows]
    return "\n".join(lines + totals_lines(truth)) + "\n"


def _name_and_class(row: dict) -> str:  # type: ignore[type-arg]
    return f"{row['name']} ({row['type']})"


def _count(row: dict) -> str:  # type: ignore[type-arg]
    return f"{row['params']:,}"


# --------------- 29b's 007: a count written as its arithmetic


def test_a_count_written_as_its_arithmetic_is_read_as_its_value() -> None:
    """Before: `41088` written `5 * 64 * 128 + 128` was read as 5 (SA101 on a right count)."""
    truth, _ = load_print(REAL / "tf2.12/text_cnn.truth.json")

    def formula(row: dict) -> str:  # type: ignore[type-arg]
        return "5 * 64 * 128 + 128" if row["type"] == "Conv1D" else _count(row)

    report = api.check_text(_markdown(truth, _name_and_class, formula))
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    [conv] = [layer for layer in summary.layers if layer.type == "Conv1D"]
    assert conv.params == 41_088
    assert (conv.line, "5 * 64 * 128 + 128 = 41,088") in summary.asides


def test_a_number_of_units_is_no_count() -> None:
    """29b's 006: `512 neurons` in the Param # column is the layer's units. Before: read as a
    count of 512 (a LayerNormalization inferred from it)."""
    truth, _ = load_print(REAL / "tf2.12/text_cnn.truth.json")

    def units(row: dict) -> str:  # type: ignore[type-arg]
        return f"{row['output_shape'][-1]} neurons" if row["type"] == "Dense" else _count(row)

    report = api.check_text(_markdown(truth, _name_and_class, units))
    [summary] = report.summaries
    [dense] = [layer for layer in summary.layers if layer.name == "dense"]
    assert dense.params is None
    assert [f.line for f in report.findings if f.code == "SA001"] == [dense.line]


# --------------- 29b's 014, 28c's 001: a flat width written with a thousands separator


def test_a_flat_width_with_a_thousands_separator_is_one_axis() -> None:
    """Before: `(None, 5,408)` was read as (None, 5, 408), and the Dense under it flagged."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")

    def grouped(dims: list) -> str:  # type: ignore[type-arg]
        text = shape_text(dims)
        return text.replace("5408", "5,408")

    pasted = _markdown(truth, _name_and_class, _count, grouped)
    assert "(None, 5,408)" in pasted
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == []
    [flatten] = [layer for layer in report.summaries[0].layers if layer.type == "Flatten"]
    assert flatten.output_shape == "(None, 5408)"


# --------------- 29b's 001: a Bidirectional wrapper named in words, without a class


@pytest.mark.parametrize("words", ["Bidirectional LSTM", "Bi-LSTM"])
def test_a_bidirectional_wrapper_named_in_words_is_checked_as_one(words: str) -> None:
    """Before: `Bidirectional LSTM` had no class and 'each class it could be (Conv1D, …)'
    verified a count no Bidirectional LSTM has."""
    truth, _ = load_print(REAL / "keras2.2.4/rnn_stack.truth.json")

    def named(row: dict) -> str:  # type: ignore[type-arg]
        return words if row["type"] == "Bidirectional" else _name_and_class(row)

    report = api.check_text(_markdown(truth, named, _count))
    assert [f.code for f in report.findings] == []
    edited = _markdown(
        truth, named, lambda row: "1,632" if row["type"] == "Bidirectional" else _count(row)
    )
    [error] = [f for f in api.check_text(edited).findings if f.code == "SA101"]
    assert error.layer == words


# --------------- 29b's 001: a class inferred only from ordinary settings


def test_a_row_without_a_class_is_not_verified_by_an_unusual_reading() -> None:
    """20,608 on 64 channels fits a Conv1D only as 'groups=2, kernel 5' and a
    SeparableConv1D only with a kernel of hundreds: before, 'each class it could be (Conv1D,
    SeparableConv1D) would give 20,608' counted the row verified."""
    truth, _ = load_print(REAL / "tf2.12/text_cnn.truth.json")

    def mystery(row: dict) -> str:  # type: ignore[type-arg]
        return "Mystery block" if row["type"] == "Conv1D" else _name_and_class(row)

    text = _markdown(
        truth, mystery, lambda row: "20,608" if row["type"] == "Conv1D" else _count(row)
    )
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    assert "class not shown (cut off or not printed): Mystery block" in " ".join(
        summary.coverage.not_verified
    )


# --------------- 29a's 014: `0 (unbuilt)` wrapped by a narrow Param # column


def test_an_unbuilt_count_wrapped_in_its_column_is_one_row() -> None:
    """Before: each `(unbuilt)` line was an unreadable row and each `0` above it a built
    layer without weights (SA101)."""
    truth, text = load_print(REAL / "keras3/unbuilt_sequential_narrow.truth.json")
    assert "│  (unbuilt) │" in text
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    assert [(layer.name, layer.params, layer.params_note) for layer in summary.layers] == [
        (row["name"], 0, "unbuilt") for row in truth["layers"]
    ]


# --------------- 29c's 010: a BatchNormalization count read two ways, settled by the totals


def test_a_two_way_batchnorm_count_is_settled_with_the_rows_flagged_over_a_wrong_axis() -> None:
    """32 on (8, 8, 16) is 4 × 8 over the height or 2 × 16 with center and scale off; the
    other row, 64 on (16, 16, 8), is read over a wrong axis (SA102). Before: the settling
    left that row's statistics out, kept 2 × 16, and SA203 said the print was edited."""
    truth, text = load_print(REAL / "tf_keras/bn_axis1_two_way_rows.truth.json")
    report = api.check_text(text)
    assert sorted((f.code, f.layer) for f in report.findings) == sorted(
        (fault["code"], fault["layer"]) for fault in truth["faults"]
    )


# --------------- 29c's 001: columns spaced with `&nbsp;` in a Markdown README


def test_columns_spaced_with_non_breaking_space_references_are_read() -> None:
    """Before: `&nbsp;` was left in the text: 13 of 22 rows unreadable, a class read as
    `BatchNorma &nbsp;&nbsp;`."""
    truth, text = load_print(REAL / "keras1.2.2/cnn_th_bn_default_axis.truth.json")
    spaced = re.sub(r"  +", lambda m: " " + "&nbsp;" * (len(m.group(0)) // 2) + " ", text)
    assert "&nbsp;" in spaced
    assert_reads_as_truth(one_summary(spaced), truth)


# --------------- 29c's 006: rows of a print commented out in code


def test_rows_of_a_print_commented_out_are_read_as_rows_from_the_middle() -> None:
    """An R chunk kept the last rows of a print as `#` comments. Before: dropped without a
    word (SA002 when alone)."""
    truth, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("max_pooling2d_1"))
    end = next(i for i, line in enumerate(lines) if line.startswith("=====") and i > start)
    commented = "look <- model\n\n" + "\n".join("#" + line for line in lines[start : end + 1])
    report = api.check_text(commented + "\n```\n\nBut it gave poor results.\n")
    [summary] = report.summaries
    kept = [row["name"] for row in truth["layers"]][-3:]
    assert [layer.name for layer in summary.layers] == kept
    [incomplete] = [f for f in report.findings if f.code == "SA003"]
    assert incomplete.message.startswith("rows from the middle of a table")


# --------------- 29b's 013, 015: a Markdown table with the class in a column of its own


def _type_column(truth: dict, first: str) -> str:  # type: ignore[type-arg]
    """29b's 013: `| Layer | Type | Output Shape | Parameters | Activation |`, each row its
    number, its class and an activation cell, the totals in bold lines under the table."""
    rows = [
        f"| {i} | {row['type']} | {shape_text(row['output_shape'])} | {row['params']:,} | - |"
        for i, row in enumerate(
            (row for row in truth["layers"] if row["type"] != "InputLayer"), start=1
        )
    ]
    totals = truth["totals"]
    lines = [
        f"| {first} | Type | Output Shape | Parameters | Activation |",
        "|-------|------|--------------|-----------|-----------|",
        *rows,
        "",
        f"**Total Parameters:** {totals['total']:,}  ",
        f"**Trainable Parameters:** {totals['trainable']:,}  ",
        f"**Non-Trainable Parameters:** {totals['non_trainable']:,}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("first", ["Layer", "Order", "#"])
def test_a_table_with_a_type_column_is_read(first: str) -> None:
    """Before: no row read ('totals without a table'), or SA002."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    report = api.check_text(_type_column(truth, first))
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    kept = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    assert [
        (layer.params, audited.type) for layer, audited in zip(summary.layers, summary.audit.rows)
    ] == [(row["params"], row["type"]) for row in kept]
    assert summary.totals.non_trainable is not None
    assert summary.totals.non_trainable.value == truth["totals"]["non_trainable"]


# --------------- 29b's 012: a translated book's table with its totals as two-cell rows


def test_translated_totals_set_as_rows_of_the_table_are_read() -> None:
    """A Chinese edition's Table 5-1: `| 总参数 | 2,407,248 |` under the rows. Before: two
    totals became invented rows, one was dropped, and the totals were said to be missing."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    totals = truth["totals"]
    rows = [
        f"| {row['type']} | {shape_text(row['output_shape'])} | {row['params']:,} |"
        for row in truth["layers"]
    ]
    text = "\n".join(
        [
            "| 层（类型） | 输出形状 | 参数 # |",
            "| --- | --- | --- |",
            *rows,
            f"| 总参数 | {totals['total']:,} |",
            f"| 可训练参数 | {totals['trainable']:,} |",
            f"| 不可训练参数 | {totals['non_trainable']:,} |",
        ]
    )
    report = api.check_text(text + "\n\n# LSTM 的输入层\n")
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert len(summary.layers) == len(truth["layers"])
    read = summary.totals
    assert read.total is not None and read.trainable is not None and read.non_trainable is not None
    assert (read.total.value, read.trainable.value, read.non_trainable.value) == (
        totals["total"],
        totals["trainable"],
        totals["non_trainable"],
    )


# --------------- 29b's 008: two Markdown rows typed on one line


def _joined_with_lost_bar(text: str, first: str, second: str) -> str:
    """A hand-typed table's damage: the row naming `second` typed on the line of the row naming
    `first`, after the blanks that ended it, and the bar between that row's shape and count
    lost."""
    lines = text.split("\n")
    [at] = [i for i, line in enumerate(lines) if line.startswith(f"| {first} (")]
    [then] = [i for i, line in enumerate(lines) if line.startswith(f"| {second} (")]
    assert then == at + 1
    cells = lines[at].split(" | ")
    lost_bar = " | ".join(cells[:-2]) + " | " + cells[-2] + "       " + cells[-1]
    lines[at : then + 1] = [lost_bar + " " * 40 + "|" + lines[then][1:]]
    return "\n".join(lines)


def test_two_markdown_rows_typed_on_one_line_are_both_read() -> None:
    """A French README's table: `| batch_normalization (…) |  (None, 32, 32, 32)   128   |
    … |conv2d_1 (Conv2D) | (None, 32, 32, 32) | 9248 |`. Before: the line was read as the
    continuation of the row above, conv2d_1 was lost, and coverage said every row verified."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    text = _joined_with_lost_bar(
        _markdown(truth, _name_and_class, _count), "batch_normalization", "max_pooling2d"
    )
    report = api.check_text(text)
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    line_of = {layer.name: layer.line for layer in summary.layers}
    assert line_of["max_pooling2d"] == line_of["batch_normalization"] == line_of["conv2d"] + 1


def test_a_cell_holding_two_layers_labels_is_not_read_as_one_layer() -> None:
    """Cells merged from two rows (`activation (Activation) batch_normalization
    (BatchNormalization)`) belong to no one layer: before, the row was read as a layer of a
    class not shown, and 'each class it could be would give 0' counted it verified."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")

    def merged(row: dict) -> str:  # type: ignore[type-arg]
        label = _name_and_class(row)
        return f"{label} dropout (Dropout)" if row["type"] == "MaxPooling2D" else label

    report = api.check_text(_markdown(truth, merged, _count))
    [summary] = report.summaries
    [line] = [f.line for f in report.findings if f.code == "SA001"]
    assert "max_pooling2d" not in [layer.name for layer in summary.layers]
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(summary.layers) == len(truth["layers"]) - 1
    assert line == 5  # the header, its rule, conv2d, batch_normalization, then this row


# --------------- 29b's 011: a Type column headed in Traditional Chinese


def test_a_type_column_headed_in_traditional_chinese_is_read() -> None:
    """`| 層級 | 類型 | 輸出形狀 | 參數數量 | 說明 |` over a name, class, shape, count and note, and
    `**總參數**: 105,866 個` under it. Before: SA002, no summary found."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    rows = [
        f"| {row['name']} | {row['type']} | {shape_text(row['output_shape'])} | "
        f"{row['params']:,} | 全連接層 |"
        for row in truth["layers"]
    ]
    text = "\n".join(
        [
            "### 模型參數說明",
            "| 層級 | 類型 | 輸出形狀 | 參數數量 | 說明 |",
            "|------|------|----------|----------|------|",
            *rows,
            "",
            f"**總參數**: {truth['totals']['total']:,} 個",
        ]
    )
    report = api.check_text(text + "\n")
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (row["name"], row["type"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    # the Trainable and Non-trainable lines are missing: said, and nothing else
    assert [f.code for f in report.findings] == ["SA003"]


# --------------- 29b's 010: `(functional backbone)`; totals on one line split by `·`


def test_a_class_with_the_authors_note_and_totals_split_by_dots_are_read() -> None:
    """`efficientnetb3 (functional backbone)` and `**Total params:** 11,192,917 ·
    **Trainable:** 11,102,542 · **Non-trainable:** 90,375`. Before: the note was taken for a
    class without a formula, and the Trainable and Non-trainable counts were said missing."""
    truth, _ = load_print(REAL / "tf_keras/application_base_frozen.truth.json")

    def noted(row: dict) -> str:  # type: ignore[type-arg]
        if row["type"] == "Functional":
            return f"`{row['name']}` (functional backbone)"
        return _name_and_class(row)

    totals = truth["totals"]
    table = _markdown(truth, noted, _count).split("\n\n")[0]
    text = (
        f"{table}\n\n**Total params:** {totals['total']:,} · "
        f"**Trainable:** {totals['trainable']:,} · **Non-trainable:** {totals['non_trainable']:,}\n"
    )
    report = api.check_text(text)
    [summary] = report.summaries
    read = summary.totals
    assert read.trainable is not None and read.non_trainable is not None
    assert (read.trainable.value, read.non_trainable.value) == (
        totals["trainable"],
        totals["non_trainable"],
    )
    [base] = [layer for layer in summary.layers if layer.params == 2_257_984]
    assert base.type == "Functional"
    assert (base.line, "(backbone)") in summary.asides
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    assert [f.code for f in report.findings] == ["SA203"]


# --------------- 29b's 006: a layer without a count written


def test_a_row_whose_count_is_a_dash_is_a_row_of_its_own() -> None:
    """`| LeakyReLU | (None, 512) | - |` under `| Dense | (None, 512) | … |`: before, the row was
    read as the rest of the row above (`Dense LeakyReLU`, a LayerNormalization inferred from
    its count), and the rows were one fewer."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    text = _markdown(truth, lambda row: row["type"], lambda row: row["params"] or "-")
    report = api.check_text(text)
    [summary] = report.summaries
    assert [(layer.type, layer.params) for layer in summary.layers] == [
        (row["type"], row["params"] or None) for row in truth["layers"]
    ]
    dashes = [layer.line for layer in summary.layers if layer.params is None]
    assert [f.line for f in report.findings if f.code == "SA001"] == dashes
