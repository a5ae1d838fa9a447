"""Trial 27 (sequence, text and transformer models; notebooks and logs; edited tables): the
pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print, shape_text

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
