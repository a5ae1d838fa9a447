"""Trial 27 (sequence, text and transformer models; notebooks and logs; edited tables): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    audited_row,
    findings_by_layer,
    load_print,
    one_summary,
    shape_text,
    totals_lines,
)

REAL = FIXTURES / "real"


# --------------- 27a's 013: a Keras 3 box whose wrapped class line the paste lost


def _without_wrapped_classes(text: str) -> str:
    """The paste lost every line that holds only a wrapped class (`│ (TransformerBlock) │`),
    and the rules between rows, as a newer Keras 3 prints none."""
    kept = []
    for line in text.splitlines():
        first = line.split("│")[1].strip() if line.startswith("│") else ""
        if first.startswith("(") or line.startswith("├"):
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


def test_a_row_without_its_class_takes_the_custom_class_its_name_and_a_sibling_give() -> None:
    """Before: transformer_block_1 (class lost) was 'each class it could be (Conv1D, …) would
    give 304' and counted verified; it is a TransformerBlock, which is not checked."""
    truth, text = load_print(REAL / "keras3/custom_class_wrapped_on_its_second_row.truth.json")
    pasted = _without_wrapped_classes(text)
    assert "(TransformerBlock)                   │" not in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    by_name = dict(zip((layer.name for layer in summary.layers), summary.audit.rows))
    assert by_name["transformer_block_1"].type == "TransformerBlock"
    unverified = {f.layer: f.message for f in report.findings if f.code == "SA901"}
    assert unverified["transformer_block_1"] == (
        "transformer_block_1 shows no class; its name is the default name of TransformerBlock, "
        "the class another row prints, and summaryaudit has no formula for TransformerBlock, so "
        "its count of 304 is not checked"
    )
    assert summary.coverage is not None
    classes = [row["type"] for row in truth["layers"]]
    assert summary.coverage.rows_verified == len(classes) - classes.count("TransformerBlock")


# --------------- 27a's 015: Connected to entries a page moved to the margin


def _entries_at_the_margin(text: str) -> str:
    """A README lost the indentation of every line that holds only Connected to entries."""
    out = []
    for line in text.splitlines():
        core = line.strip()
        only_entries = core and line.startswith(" ") and "][" in core and " (" not in core
        out.append(core if only_entries else line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "case",
    ["keras1.2.2/merge_ops", "keras2.2.4/merge_ops", "tf2.0/merge_ops", "tf_keras/merge_ops"],
)
def test_connected_to_entries_at_the_margin_are_no_rows(case: str) -> None:
    """Before: each entry moved to the margin was read as a layer row of its own (SA001 each),
    the row above lost it, and Total was only bounded."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = _entries_at_the_margin(text)
    assert pasted != text
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    [original] = api.parse_text(text)
    assert [layer.connected_to for layer in summary.layers] == [
        layer.connected_to for layer in original.layers
    ]
    assert "SA001" not in {f.code for f in report.findings}


# --------------- 27a's 004: an author's paragraphs under each row of a ruled table

_NOTES = [
    "",
    "convert words to index in the vocab. I dont like this movie -> [10, 89, 38, 0 ...].",
    "None - batch size",
    "16 nodes to 16 nodes layer",
    "",
]


def _notes_under_rows(text: str) -> str:
    """Study notes written under every layer row, above the rule that follows it."""
    out = []
    lines = text.splitlines()
    for line, following in zip(lines, [*lines[1:], ""]):
        out.append(line)
        if following.startswith(("_____", "=====")) and not line.startswith(("_", "=", "Layer")):
            out.extend(_NOTES)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "case", ["tf2.0/rnn_stack", "keras2.2.4/cnn_bn", "keras1.2.2/mlp_bn_sequential"]
)
def test_paragraphs_under_each_row_are_notes_and_the_rows_are_read(case: str) -> None:
    """Before: the first row alone was read, and the totals were 'totals without a table: the
    layer rows were not pasted'."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = _notes_under_rows(text)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    noted = {text for _, text in summary.asides}
    assert noted == {note for note in _NOTES if note}
    assert not {f.code for f in report.findings} & {"SA001", "SA003"}


def test_a_sentence_under_the_last_row_of_a_table_cut_there_is_left_outside() -> None:
    """Notes need the table to go on below them: a paragraph after the last row of a paste cut
    there is no part of the summary."""
    _, text = load_print(REAL / "tf2.0/rnn_stack.truth.json")
    cut = text.splitlines()[:7]  # through the second row
    pasted = "\n".join([*cut, "", "My question: why is the LSTM count 1392?", ""]) + "\n"
    [summary] = api.parse_text(pasted)
    assert len(summary.layers) == 2 and not summary.asides


# --------------- 27a's 002: rows of several prints noted one group under another


def _one_line_rows(text: str) -> list[str]:
    """The rows of a tf.keras print that fit on one line (no wrapped cell under them)."""
    lines = text.splitlines()
    return [
        line.rstrip()
        for line, below in zip(lines, [*lines[1:], ""])
        if line.startswith(" ")
        and " (" in line
        and line.rstrip()[-1:].isdigit()
        and not below.strip()
    ]


def test_groups_of_rows_that_repeat_a_name_are_prints_of_their_own() -> None:
    """Before: no summary at all (SA002); then one table, whose second group's first row took
    the first group's last row as its input."""
    groups = []
    for case, names in (
        ("mlp_bn_sequential", ("dense", "dropout")),
        ("cnn_bn", ("flatten", "dense")),
    ):
        _, text = load_print(REAL / f"tf_keras/{case}.truth.json")
        groups.append([row for row in _one_line_rows(text) if row.split()[0] in names])
    assert [len(group) for group in groups] == [2, 2]
    pasted = '"""\n' + "\n\n".join("\n".join(group) for group in groups) + '\n"""\n'
    report = api.check_text(pasted)
    assert [[layer.name for layer in summary.layers] for summary in report.summaries] == [
        [row.split()[0] for row in group] for group in groups
    ]
    assert not {f.code for f in report.findings} & {"SA002", "SA402", "SA001"}


# --------------- 27a's 012: `| Layer Name | Output Shape | Parameters |`, cells `LSTM (lstm)`


def _layer_name_table(truth: dict) -> str:  # type: ignore[type-arg]
    """A README's retyping: the class before the name in each cell, bold totals under it."""
    lines = ["| Layer Name | Output Shape | Parameters |", "|---|---|---|"]
    lines += [
        f"| {row['type']} ({row['name']}) | {shape_text(row['output_shape'])} | {row['params']:,} |"
        for row in truth["layers"]
    ]
    totals = truth["totals"]
    lines += [
        "",
        f"**Total Parameters:** {totals['total']:,}  ",
        f"**Trainable Parameters:** {totals['trainable']:,}  ",
        f"**Non-Trainable Parameters:** {totals['non_trainable']:,}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", ["tf2.0/rnn_stack", "keras3/cnn_bn"])
def test_a_layer_name_column_with_the_class_first_is_read(case: str) -> None:
    """Before: every row lost, and 'totals without a table: the layer rows were not pasted'."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    truth["layers"] = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    report = api.check_text(_layer_name_table(truth))
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (row["name"], row["type"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    assert "SA003" not in {f.code for f in report.findings}


# --------------- 27b's 011: the script prints its own Total under the summary


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "tf_keras/cnn_bn", "tf_keras/rnn_stack"])
def test_a_total_the_script_prints_under_the_summary_is_read_once(case: str) -> None:
    """Before: a second summary of totals alone, with an SA003 warning that its rows 'were not
    pasted' (they are the rows right above), and exit 1."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    total = truth["totals"]["total"]
    pasted = text.rstrip("\n") + f"\nTotal params: {total:,}\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.total is not None and summary.totals.total.value == total
    assert summary.audit is not None
    line = len(pasted.splitlines())
    assert (
        f"A totals line is printed again on line {line} with the same count, not as Keras "
        "prints it (a line the script printed itself, such as model.count_params()); read once."
    ) in summary.audit.notes
    assert "SA003" not in {f.code for f in report.findings}


# --------------- 27b's 014: a size change that two settings explain


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_halving_that_valid_padding_also_gives_names_both_settings(generation: str) -> None:
    """Before: only 'as with padding='valid', stride 1', though the layer was built with
    strides=2, padding='same', which gives the same 8 → 4 (and 4 → 8 transposed)."""
    _, text = load_print(REAL / f"{generation}/conv_stride2_same_like_valid.truth.json")
    [summary] = api.check_text(text).summaries
    said = {layer.type: row.derivation for layer, row in zip(summary.layers, summary.audit.rows)}
    assert said["Conv2D"].endswith(
        "the spatial size shrinks by k − 1 as with padding='valid', stride 1, or halves as "
        "with padding='same', stride 2"
    )
    assert said["Conv2DTranspose"].endswith(
        "the spatial size grows by k − 1 as with padding='valid', stride 1, or doubles as "
        "with padding='same', stride 2"
    )


# --------------- 27b's nit: which notebook cell a summary's heading is in


def test_a_summary_in_a_notebook_names_its_cell_in_the_heading() -> None:
    """Before: the heading gave the .ipynb file's lines alone; only findings named the cell, so
    a clean notebook's report named no cell at all."""
    import json

    from summaryaudit.report import summary_heading

    _, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    cells = [
        {"cell_type": "markdown", "source": ["# model\n"]},
        {"cell_type": "code", "source": ["import keras\n"], "outputs": []},
        {
            "cell_type": "code",
            "source": ["model.summary()\n"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": text.splitlines(True)}],
        },
    ]
    notebook = json.dumps({"cells": cells, "nbformat": 4}, indent=1)
    [summary] = api.check_text(notebook, "model.ipynb").summaries
    assert summary_heading(summary).endswith("), from notebook cell 3 output, line 1")
    [plain] = api.check_text(text).summaries
    assert summary_heading(plain).endswith(" rows)")


# --------------- 27a's 007: a decoder LSTM's initial states, from a cut output list


def test_a_decoder_lstm_reads_its_input_past_states_whose_shapes_are_cut() -> None:
    """Before: 'input size 300 solved from the count', though its first entry, the decoder's
    embedding, shows 100: only the initial states (`encoder[0][1]`, `encoder[0][2]`) point at
    an output list the column cut."""
    truth, text = load_print(REAL / "tf1.14/seq2seq_states.truth.json")
    [summary] = api.check_text(text).summaries
    [decoder] = [
        r for layer, r in zip(summary.layers, summary.audit.rows) if layer.name == "decoder"
    ]
    [params] = [row["params"] for row in truth["layers"] if row["name"] == "decoder"]
    assert decoder.derivation == (
        f"{params:,} = 4 × 300 × (100 + 300 + 1) (4 gates × units × (input + units + bias))"
    )


# --------------- 27a's 011: a first LSTM's count only use_bias=False gives


def test_a_count_only_a_layer_without_bias_gives_says_what_a_bias_would_need() -> None:
    """Before: '… use_bias=False; input size 1 solved from the count', without saying that a
    bias would need more than the count even on one input (a count edited, or use_bias=False)."""
    _, text = load_print(REAL / "tf2.0/rnn_stack.truth.json")
    edited = text.replace("(None, 10, 16)            400", "(None, 10, 16)            272")
    assert edited != text
    [summary] = api.check_text(edited).summaries
    assert summary.audit.rows[0].derivation == (
        "272 = 16 × (1 + 16) (units × (input + units); use_bias=False; input size 1 solved from "
        "the count; with a bias even 1 input gives 288)"
    )


# --------------- 27c's 010-012: Portuguese titles, a tuner's ranges, an HTML totals cell

_PORTUGUESE_TOTALS = {
    "Total params": "Total de parâmetros",
    "Trainable params": "Parâmetros treináveis",
    "Non-trainable params": "Parâmetros não treináveis",
}


def _in_portuguese(text: str) -> str:
    """A Portuguese README's console print (27c's 010): title, header and totals translated,
    the header's columns kept."""
    text = text.replace('Model: "', 'Modelo: "')
    text = text.replace("Layer (type)  ", "Camada (Tipo) ").replace("Output Shape", "Formato Saída")
    text = text.replace("Param #   ", "Parâmetros")
    for english, portuguese in _PORTUGUESE_TOTALS.items():
        text = text.replace(f"\n{english}:", f"\n{portuguese}:")
    return text


@pytest.mark.parametrize("case", ["cnn_bn", "mlp_bn_sequential"])
def test_a_portuguese_print_is_read_as_the_english_one(case: str) -> None:
    """Before: SA002, no summary (or the header an unreadable row and the top taken as cut)."""
    truth, text = load_print(REAL / f"tf2.12/{case}.truth.json")
    pasted = _in_portuguese(text)
    assert "Layer" not in pasted and "params" not in pasted and "Parâmetros" in pasted
    assert_reads_as_truth(one_summary(pasted), truth)
    assert findings_by_layer(pasted) == findings_by_layer(text)


def _portuguese_markdown(truth: dict) -> str:  # type: ignore[type-arg]
    """27c's 011: a README's Markdown table with Portuguese titles, names in backticks, and
    only the Total under it, its label in bold with the colon inside."""
    lines = [
        "| Camada (Tipo) | Shape de Saída | Parâmetros |",
        "| --- | --- | --- |",
        *(
            f"| `{row['name']}` ({row['type']}) | {shape_text(row['output_shape'])} "
            f"| {row['params']:,} |"
            for row in truth["layers"]
        ),
        "",
        f"**Total de parâmetros:** {truth['totals']['total']:,}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", ["cnn_bn", "mlp_bn_sequential"])
def test_a_portuguese_markdown_table_and_its_bold_total_are_read(case: str) -> None:
    """Before: SA002, every row and the Total lost."""
    truth, _ = load_print(REAL / f"tf2.12/{case}.truth.json")
    summary = one_summary(_portuguese_markdown(truth))
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total.value == truth["totals"]["total"]
    assert summary.totals.trainable is None


def _portuguese_html(truth: dict) -> str:  # type: ignore[type-arg]
    """27c's 012: a guide's HTML table, Portuguese titles and `.` separators, the three totals
    in one cell spanning the columns, split by `<br>`."""
    totals = truth["totals"]

    def dotted(count: int) -> str:
        return f"{count:,}".replace(",", ".")

    cells = [
        ("Camada (tipo)", "Formato da saída", "Nº de parâm."),
        *(
            (
                f"{row['name']} ({row['type']})",
                shape_text(row["output_shape"]),
                dotted(row["params"]),
            )
            for row in truth["layers"]
        ),
    ]
    rows = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells]
    rows.append(
        f'<tr><td colspan="3">Total de parâmetros: {dotted(totals["total"])}<br>'
        f"Parâmetros treináveis: {dotted(totals['trainable'])}<br> "
        f"Parâmetros não treináveis: {dotted(totals['non_trainable'])}</td></tr>"
    )
    return "<p>O modelo:</p>\n<table>\n" + "\n".join(rows) + "\n</table>\n"


@pytest.mark.parametrize("case", ["cnn_bn", "mlp_bn_sequential"])
def test_a_portuguese_html_table_with_its_totals_in_one_cell_is_read(case: str) -> None:
    """Before: SA002; with the titles known, the cell's first line was read as a layer row."""
    truth, _ = load_print(REAL / f"tf2.12/{case}.truth.json")
    report = api.check_text(_portuguese_html(truth))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    totals = truth["totals"]
    assert (summary.totals.total.value, summary.totals.trainable.value) == (
        totals["total"],
        totals["trainable"],
    )
    assert summary.totals.non_trainable.value == totals["non_trainable"]
    assert [f.code for f in report.findings] == []


def _tuner_ranges(text: str) -> str:
    """27c's 010: a Keras Tuner README wrote each Dense count as the range of its search
    (`448-3,072`), and the paste ends at the `=` rule, before the totals."""
    lines = []
    for line in text.splitlines():
        if line.startswith("Total de"):
            break
        found = re.match(r"^( dense\S* \(Dense\) +\(None, \d+\) +)(\d+)", line)
        lines.append(
            f"{found.group(1)}{found.group(2)}-{int(found.group(2)) * 4:,}" if found else line
        )
    return "\n".join(lines) + "\nMais texto do README.\n"


def test_counts_written_as_ranges_are_unreadable_and_nothing_is_said_cut() -> None:
    """Before: the top of the table said cut off (the Portuguese header) and the last row's
    range 'count cut off by the end of the paste' where a rule and more text follow it."""
    _, text = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    pasted = _tuner_ranges(_in_portuguese(text))
    report = api.check_text(pasted)
    [summary] = report.summaries
    ranged = [layer.name for layer in summary.layers if layer.type == "Dense"]
    assert len(ranged) >= 2
    assert sum(f.code == "SA001" for f in report.findings) == len(ranged)
    [incomplete] = [f for f in report.findings if f.code == "SA003"]
    assert incomplete.message.startswith("table without totals")
    assert summary.coverage is not None
    reasons = " ".join(summary.coverage.not_verified)
    assert f"count not readable: {', '.join(ranged)}" in reasons
    assert "cut" not in reasons


# --------------- 27c's 001: a retyped table that labels a Bidirectional row with its layer


def _wrapper_labelled_inside(truth: dict, name_of_wrapper: str) -> str:  # type: ignore[type-arg]
    """A report's Markdown table of a real model whose Bidirectional(LSTM(6)) row is written
    `name (LSTM)`, the class of the layer inside it, under the totals Keras printed."""
    rows = []
    for row in truth["layers"]:
        name, type_ = row["name"], row["type"]
        if type_ == "Bidirectional":
            name, type_ = name_of_wrapper, "LSTM"
        rows.append(f"| {name} ({type_}) | {shape_text(row['output_shape'])} | {row['params']:,} |")
    lines = ["| Layer (type) | Output Shape | Param # |", "| --- | --- | --- |", *rows]
    return "\n".join(lines + totals_lines(truth)) + "\n"


@pytest.mark.parametrize("generation", ["keras2.2.4", "keras3"])
def test_a_row_named_as_a_bidirectional_wrapper_is_read_as_one(generation: str) -> None:
    """Before: SA101 errors ('LSTM(12) on 16 inputs has …') on a count that is right, the
    message itself asking whether the row was the wrapper."""
    truth, _ = load_print(REAL / f"{generation}/rnn_stack.truth.json")
    [wrapper] = [row["name"] for row in truth["layers"] if row["type"] == "Bidirectional"]
    report = api.check_text(_wrapper_labelled_inside(truth, wrapper.capitalize()))
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    by_name = dict(zip((layer.name for layer in summary.layers), summary.audit.rows))
    assert by_name[wrapper.capitalize()].derivation.endswith(
        "named as a Bidirectional wrapper, its class column names the layer inside it, "
        "Bidirectional(LSTM(6)) with its two outputs concatenated"
    )


def test_a_row_not_named_as_a_wrapper_keeps_its_error() -> None:
    """The same count on a row named as an LSTM is no wrapper the text shows: an error that
    asks the question."""
    truth, _ = load_print(REAL / "keras3/rnn_stack.truth.json")
    report = api.check_text(_wrapper_labelled_inside(truth, "lstm_2"))
    [error] = [f for f in report.findings if f.code == "SA101"]
    assert error.layer == "lstm_2"
    assert error.message.endswith(
        "is the row a Bidirectional wrapper labelled with the layer inside it?"
    )


# --------------- 27c's 015: a hand-written row for a whole application, without a class


def _base_described(truth: dict, description: str) -> str:  # type: ignore[type-arg]
    """A README's table of a real transfer-learning model whose base row is described by hand
    (`VGG16 Convolutional Base *(frozen)*`): no class, shapes as printed."""
    rows = []
    for row in truth["layers"]:
        if row["depth"]:
            continue
        cell = description if row["type"] == "Functional" else f"{row['name']} ({row['type']})"
        rows.append(f"| {cell} | {shape_text(row['output_shape'])} | {row['params']:,} |")
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|", *rows]
    return "\n".join(lines + totals_lines(truth)) + "\n"


@pytest.mark.parametrize("description", ["MobileNetV2 Base *(frozen)*", "mobilenet_v2 backbone"])
def test_a_row_naming_an_application_whose_count_it_has_is_verified(description: str) -> None:
    """Before: SA901, 'shows no class … not checked', though 2,257,984 is exactly
    MobileNetV2(include_top=False) and the row's name says MobileNetV2."""
    truth, _ = load_print(REAL / "keras3/application_base_frozen.truth.json")
    report = api.check_text(_base_described(truth, description))
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == summary.coverage.rows_read
    [base] = [layer.name for layer in summary.layers if "obile" in layer.name]
    assert audited_row(summary, base).derivation == (
        "2,257,984 = keras.applications.MobileNetV2(include_top=False): the count Keras builds "
        "it with (3 input channels), the model the row's name names (its class is not shown)"
    )


@pytest.mark.parametrize("description", ["Feature Extractor *(frozen)*", "ResNet50 Base"])
def test_a_row_whose_name_names_no_application_of_its_count_stays_unchecked(
    description: str,
) -> None:
    truth, _ = load_print(REAL / "keras3/application_base_frozen.truth.json")
    report = api.check_text(_base_described(truth, description))
    [unverified] = [f for f in report.findings if f.code == "SA901"]
    assert "shows no class" in unverified.message
