"""Trial 28 (functional and nested models; logs and notebooks; explanations of counts): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.report import LEFT_OUT, layer_table

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    load_print,
    one_summary,
    shape_text,
    totals_lines,
    unread_total_and_trainable,
)

REAL = FIXTURES / "real"


# --------------- 28b's 008: `explain` shows where a paste left rows out


def _rows_left_out(text: str, names: tuple[str, ...], mark: str) -> str:
    """The print with these rows (and the rule under each) replaced by an elision mark."""
    lines = text.splitlines()
    out: list[str] = []
    skip_rule = False
    for line in lines:
        if skip_rule and line.startswith("___"):
            skip_rule = False
            continue
        skip_rule = False
        if line.startswith(names):
            out.extend(mark.split("\n"))
            skip_rule = True
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("mark", ["...", "⋮", ".\n.\n."])
def test_the_layer_table_has_a_row_where_rows_were_left_out(mark: str) -> None:
    """Before: `explain` printed only the rows read, so a table cut by `...` looked whole; a
    column of single dots was three unreadable rows (SA001 each)."""
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    pasted = _rows_left_out(text, ("batch_normalization_1", "flatten_1"), mark)
    report = api.check_text(pasted)
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == ["conv2d_1", "max_pooling2d_1", "dense_1"]
    table = layer_table(summary).splitlines()[2:]
    assert [line.split()[1] for line in table] == [
        "conv2d_1",
        "…",
        "max_pooling2d_1",
        "…",
        "dense_1",
    ]
    assert [line.endswith(LEFT_OUT) for line in table] == [False, True, False, True, False]


def test_a_whole_print_has_no_such_row() -> None:
    _, text = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    [summary] = api.check_text(text).summaries
    assert "left out" not in layer_table(summary)


# --------------- 28a's 006: an omission mark that kept the end of a Connected to list


def _cut_with_a_cell_end(text: str) -> str:
    """A Japanese article cut rows out of a print with `（中略）`, and the line kept the end of
    the last cut row's Connected to list (`']`)."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(" multiply (Multiply)"))
    last = next(i for i, line in enumerate(lines) if "'multiply[0][0]']" in line)
    mark = "（中略）".ljust(70) + "']"
    return "\n".join([*lines[:first], mark, *lines[last + 1 :]]) + "\n"


def test_an_omission_mark_with_the_end_of_a_cell_is_an_elision() -> None:
    """Before: the mark line ended the table; the rows after it were lost and the rows shown
    were said to be 'one unbroken run of the model'."""
    _, text = load_print(REAL / "tf_keras/merge_ops.truth.json")
    pasted = _cut_with_a_cell_end(text)
    report = api.check_text(pasted)
    [summary] = report.summaries
    names = [layer.name for layer in summary.layers]
    assert names == ["input_1", "input_2", "dense", "dense_1", "add", "dense_2"]
    mark_line = pasted.splitlines().index("（中略）".ljust(70) + "']") + 1
    assert summary.elided == (mark_line,)
    assert summary.totals.total is not None and summary.totals.total.value == 217
    assert [(f.code, f.layer, f.severity.value) for f in report.findings] == [
        ("SA401", "dense_2", "info")
    ]


# --------------- 28c's 011 and 001: a class written as the name, a note in its parentheses


def _classes_as_names(truth: dict, last_note: str) -> str:  # type: ignore[type-arg]
    """A report's Markdown table that writes each row's class as its name with a note after
    it (`Dense (64)`), the last row's note a role (`Dense (Output)`)."""
    rows = []
    layers = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    for i, row in enumerate(layers):
        shape = shape_text(row["output_shape"])
        note = last_note if i == len(layers) - 1 else str(row["output_shape"][-1])
        cell = f"{row['type']} ({note})" if row["type"] == "Dense" else row["type"]
        rows.append(f"| {cell} | {shape} | {row['params']:,} |")
    lines = ["| Layer (Type) | Output Shape | Param # |", "|---|---|---|", *rows]
    return "\n".join(lines + totals_lines(truth, "**")) + "\n"


@pytest.mark.parametrize("note", ["Output", "Output – 8 classes", "Output /Dense"])
def test_a_class_written_as_the_name_keeps_its_class_beside_a_note(note: str) -> None:
    """Before: `Dense (Output)` was a layer of class Output ('no formula for Output'), while
    `Dense (64)` a row above was read as a Dense."""
    truth, _ = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    report = api.check_text(_classes_as_names(truth, note))
    assert [f.code for f in report.findings] == []
    [summary] = report.summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    assert (summary.layers[-1].line, f"({note})") in summary.asides


# --------------- 28c's 001: a report's list restating the totals under a heading


def _totals_restated_below(truth: dict) -> str:  # type: ignore[type-arg]
    """28c's 001: a README's table ending in a bold Total row, then a rule, a heading and a
    list that restates the Total with the Trainable and Non-trainable counts."""
    totals = truth["totals"]
    rows = [
        f"| {row['name']} ({row['type']}) | {shape_text(row['output_shape'])} | {row['params']:,} |"
        for row in truth["layers"]
    ]
    return (
        "\n".join(
            [
                "| Layer (Type) | Output Shape | Parameters |",
                "|---|---|---|",
                *rows,
                f"| **Total Parameters** | — | **{totals['total']:,}** |",
                "",
                "---",
                "",
                "### 📦 Model Size Details",
                f"- **Total Parameters:** {totals['total']:,}  ",
                f"- **Trainable Parameters:** {totals['trainable']:,}  ",
                f"- **Non-trainable Parameters:** {totals['non_trainable']:,}  ",
                "- **ONNX Model Size:** **12.04 MB**",
            ]
        )
        + "\n"
    )


@pytest.mark.parametrize("case", ["cnn_bn", "mlp_bn_sequential"])
def test_a_list_restating_the_totals_under_a_heading_gives_the_lines_the_table_lacks(
    case: str,
) -> None:
    """Before: the list was dropped without a word and SA003 said the Trainable and
    Non-trainable lines were missing."""
    truth, _ = load_print(REAL / f"tf2.12/{case}.truth.json")
    report = api.check_text(_totals_restated_below(truth))
    [summary] = report.summaries
    totals = truth["totals"]
    assert summary.totals.trainable is not None and summary.totals.non_trainable is not None
    assert (summary.totals.trainable.value, summary.totals.non_trainable.value) == (
        totals["trainable"],
        totals["non_trainable"],
    )
    assert [f.code for f in report.findings] == []
    assert summary.audit is not None
    assert any("restated in a list" in note for note in summary.audit.notes)


def test_a_restated_list_whose_total_differs_is_not_taken() -> None:
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    text = _totals_restated_below(truth).replace(
        f"- **Total Parameters:** {truth['totals']['total']:,}", "- **Total Parameters:** 999"
    )
    summary = api.check_text(text).summaries[0]
    assert summary.totals.trainable is None and summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]


# --------------- 28c's 006: a count a PDF's conversion cut after a separator


def test_a_count_ending_in_a_separator_is_cut_not_read_short() -> None:
    """Before: `Total params: 9,275,` was read as 9,275 and 'Trainable + Non-trainable = Total'
    said checked."""
    _, text = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    cut = text.replace("Total params: 2,140,752", "Total params: 2,140,").replace(
        "Trainable params: 2,139,728", "Trainable params: 2,139,"
    )
    report = api.check_text(cut)
    unread_total_and_trainable(report)
    assert not any(f.code in ("SA201", "SA202") for f in report.findings)


# --------------- 28c's 010: totals labelled in the author's language, Keras's words glossed


_GLOSSES = {
    "Total params": "Tổng số tham số",
    "Trainable params": "Tham số có thể huấn luyện",
    "Non-trainable params": "Tham số không huấn luyện",
}


def _glossed_totals(text: str) -> str:
    """A Vietnamese slide's list: `- **Tổng số tham số (Total params):** 46`."""
    for english, vietnamese in _GLOSSES.items():
        text = text.replace(f"\n{english}: ", f"\n- **{vietnamese} ({english}):** ")
    return text


def test_totals_glossed_with_keras_words_are_read() -> None:
    """Before: the three totals were missed, and SA003 said there were none."""
    truth, text = load_print(REAL / "tf2.12/normalization_preprocessing.truth.json")
    pasted = _glossed_totals(text)
    assert "\nTotal params" not in pasted and "(Total params):**" in pasted
    assert_reads_as_truth(one_summary(pasted), truth)
    assert api.check_text(pasted).findings == ()


def test_a_non_trainable_line_below_a_normalization_layer_names_that_layer() -> None:
    """28c's 010: the author wrote 12 for Normalization(6)'s 13 (mean, variance, count).
    Before: 'the moving mean and variance of the 0 BatchNormalization rows … hold 13'."""
    _, text = load_print(REAL / "tf2.12/normalization_preprocessing.truth.json")
    edited = _glossed_totals(text).replace(
        "(Non-trainable params):** 13", "(Non-trainable params):** 12"
    )
    [finding] = [f for f in api.check_text(edited).findings if f.code == "SA203"]
    assert finding.message == (
        "Non-trainable params says 12, but the rows shown already hold 13 weights that training "
        "leaves alone (normalization (Normalization) 13): a count or the Non-trainable line was "
        "edited"
    )


# --------------- 28c's 007: a student's notes written in the margin right of the table


def _margin_notes(text: str) -> str:
    """Notes written right of a Keras 2 print (28c's 007): after the `=` rule under the
    header, after the first row's count, and after the rule below that row."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Layer (type)"))
    first_row = header + 2
    lines[header + 1] += "       SimpleRNN 의 4배이다. (SimpleRNN 120)"
    lines[first_row] = lines[first_row].rstrip() + "              3 * 3 * 1 * 32 + 32(바이어스)"
    lines[first_row + 1] += "       cell state, input gate 4개 연산이 더 들어간다."
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("generation", ["keras2.2.4", "keras2.0.8"])
def test_notes_in_the_margin_right_of_the_table_are_asides(generation: str) -> None:
    """Before: the notes after the rules were two invented rows (one of shape `120)`), and
    the row with a note after its count was lost (SA001)."""
    truth, text = load_print(REAL / f"{generation}/cnn_bn.truth.json")
    pasted = _margin_notes(text)
    summary = one_summary(pasted)
    assert_reads_as_truth(summary, truth)
    assert [note for _, note in summary.asides] == [
        "SimpleRNN 의 4배이다. (SimpleRNN 120)",
        "3 * 3 * 1 * 32 + 32(바이어스)",
        "cell state, input gate 4개 연산이 더 들어간다.",
    ]
    assert api.check_text(pasted).findings == api.check_text(text).findings
