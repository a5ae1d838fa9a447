"""Trial 85 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import json
import re

import pytest

from summaryaudit import api
from summaryaudit.formats import completed_classes_note
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import (
    checked_as_the_print,
    checked_as_truth,
    load_print,
    shape_text,
)
from .test_trial83_pastes import abbreviated

REAL = FIXTURES / "real"

# --------------- review 83's item 10: in a Keras 3 box, a class its author abbreviated with a
# full stop (`(MaxPooling2.)`) was said cut by the print: Keras 3 never prints that full stop


@pytest.mark.parametrize(
    ("case", "whole", "shown"),
    [
        ("keras3/cnn_bn", "MaxPooling2D", "MaxPooling2"),
        ("keras3/cnn_bn", "BatchNormalization", "BatchNorm"),
        ("keras3/text_cnn", "Embedding", "Embed"),
    ],
)
def test_a_keras3_class_abbreviated_by_its_author_is_said_shortened_in_the_paste(
    case: str, whole: str, shown: str
) -> None:
    """Before: '* the print cut this class name (MaxPooling2…)'."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = abbreviated(printed, whole, shown)
    [summary] = checked_as_the_print(pasted, truth, printed).summaries
    note = completed_classes_note(summary)
    assert note is not None
    assert note.startswith(f"* the paste shortened this class name ({shown}…): completed"), note


# --------------- 85g's 014: a part of a notebook's JSON whose stream output is one string
# (`"text": "Model: \"functional_1\"\n___…\n",`), the whole print on one physical line


def as_one_json_string(printed: str, comma: str) -> str:
    """The print as a notebook stream output's text, one JSON string, inside the JSON around."""
    return "\n".join(
        [
            '"execution_count": 11,',
            '"outputs": [',
            "{",
            '"output_type": "stream",',
            f'"text": {json.dumps(printed)}{comma}',
            '"name": "stdout"' if comma else "",
            "}",
            "]",
        ]
    )


@pytest.mark.parametrize("comma", [",", "", "  "], ids=["key-follows", "last-key", "spaces"])
@pytest.mark.parametrize("case", ["tf2.12/merge_ops", "keras3/mlp_bn_sequential", "tf2.0/cnn_bn"])
def test_a_notebook_output_as_one_json_string_is_read(case: str, comma: str) -> None:
    """Before: each row's name began with a literal `\\n`, every Connected to entry was an
    SA401, and the totals were one unreadable line (SA001, SA003)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(as_one_json_string(printed, comma), truth, printed)


# --------------- 85g's 010: counts retyped with Python's digit separators (`103_805_648`)


def python_grouped(printed: str) -> str:
    """Every count grouped by commas written with underscores instead, as Python writes them
    (the same width: each comma becomes one underscore)."""
    regrouped = re.sub(r"(?<=\d),(?=\d{3}\b)", "_", printed)
    assert regrouped != printed
    return regrouped


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras3/cnn_bn", "keras2.2.4/cnn_bn"])
def test_counts_grouped_by_underscores_are_read_whole(case: str) -> None:
    """Before: `Total params: 54_538` was read as 54, a false SA201 of 54,484."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(python_grouped(printed), truth, printed)


# --------------- 85a's 010: totals retyped under the table, an emoji before each
# (`🧮 Total Parameters: 7,926,298 (~30.24 MB)`)

_ICONS = {"Total": "🧮", "Trainable": "🛠️", "Non-trainable": "❌"}


def with_icons(printed: str) -> str:
    """Each totals line retyped after an emoji, its noun spelled out."""
    retyped = re.sub(
        r"(?m)^ ?(Total|Trainable|Non-trainable) params:",
        lambda label: f"{_ICONS[label.group(1)]} {label.group(1)} Parameters:",
        printed,
    )
    assert retyped.count("Parameters:") == 3
    return retyped


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "tf2.12/cnn_bn", "keras2.2.4/cnn_bn"])
def test_totals_retyped_after_an_emoji_are_read(case: str) -> None:
    """Before: the three lines were passed over without a word, and the totals said missing
    (SA003, 'Not verified: the totals (not in the paste)')."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(with_icons(printed), truth, printed)


# --------------- 85b's 001: a Markdown table of a model, then a heading and another Markdown
# table (a classification report) below it


def markdown_then_report(truth: dict, heading: str) -> str:  # type: ignore[type-arg]
    """A model retyped as a Markdown table from its truth, its Total above it, then a blank
    line, maybe a heading, and a classification report as a Markdown table of its own."""
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    report = [
        "|   cnn  | Precision | Recall | F1-Score | Support |",
        "|--------|-----------|--------|----------|---------|",
        "| Jogging |   0.97    |  0.98  |   0.98   |  2832   |",
        "| Walking |   0.98    |  0.98  |   0.98   |  3468   |",
        "| Accuracy |          |        |   0.95   |  9060   |",
    ]
    return "\n".join(
        [
            f"total params: {truth['totals']['total']:,}",
            "| Layer (type) | Output Shape | Param # |",
            "|---|---|---|",
            *rows,
            "",
            *([heading, ""] if heading else []),
            *report,
            "",
        ]
    )


@pytest.mark.parametrize("heading", ["## result", ""], ids=["heading", "no-heading"])
@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras3/text_cnn"])
def test_a_markdown_table_below_the_summary_is_no_part_of_it(case: str, heading: str) -> None:
    """Before: the report's header and rows were read as 9 more rows of the model, each an
    SA001, and Total only bounded."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(markdown_then_report(truth, heading))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.unreadable == ()
    assert {f.code for f in report.findings} == {"SA003"}  # Trainable, Non-trainable not given
    states = {check.name: check.state for check in summary.coverage.totals}
    assert states["Total = sum of the rows"] is CheckState.CHECKED


# --------------- 85h's 004: a student's comment right under the last row, then the `=` rule
# and the totals (`#  dense_3 (Dense) … 4` / `# input 은 표시 안됨` / `# ====…`)


def with_a_comment_under_the_last_row(printed: str, comment: str) -> str:
    """The print commented out line by line, a sentence of the author's right under its
    last row (no blank line between)."""
    lines = printed.splitlines()
    last_rule = max(at for at, line in enumerate(lines) if line.startswith("=="))
    while not lines[last_rule - 1].strip():
        last_rule -= 1  # (tf.keras 2.7+ prints a line of spaces under its last row)
    lines.insert(last_rule, comment)
    return "\n".join(f"# {line}" for line in lines) + "\n"


@pytest.mark.parametrize("comment", ["input 은 표시 안됨", "the input layer is not shown"])
@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras2.2.4/cnn_bn", "tf2.12/merge_ops"])
def test_a_comment_under_the_last_row_is_a_note(case: str, comment: str) -> None:
    """Before: two summaries, 'table without totals' and 'totals without a table' (SA003 ×2)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = with_a_comment_under_the_last_row(printed, comment)
    [summary] = checked_as_the_print(pasted, truth, printed).summaries
    assert any(comment in note for note in summary.audit.notes)


# --------------- 85h's 011: a Markdown table typed by hand with an Input Shape column
# (`|Layer (type) |Input Shape |Output Shape |Param #`): its rows were dropped without a word


def with_input_shape_column(truth: dict, closed: bool) -> str:  # type: ignore[type-arg]
    """A sequential model retyped as a Markdown table from its truth, each row's input shape
    (the row above's output) in a column of its own; the lines maybe not closed by a bar."""
    end = " |" if closed else ""
    shapes = [shape_text(layer["output_shape"]) for layer in truth["layers"]]
    rows = [
        f"| {layer['name']} ({layer['type']}) | {above} | {shape} | {layer['params']}{end}"
        for layer, above, shape in zip(truth["layers"], ["-", *shapes], shapes)
    ]
    totals = [f" - {label} params: {truth['totals'][key]:,}" for label, key in _TOTALS]
    return "\n".join(
        [
            f"| Layer (type) | Input Shape | Output Shape | Param #{end}",
            f"|:------- |----: |----: |:---:{' |' if closed else ''}",
            *rows,
            "",
            *totals,
            "",
        ]
    )


_TOTALS = (("Total", "total"), ("Trainable", "trainable"), ("Non-trainable", "non_trainable"))


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "open"])
@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras2.2.4/cnn_bn"])
def test_a_markdown_table_with_an_input_shape_column_is_read(case: str, closed: bool) -> None:
    """Before: 'totals without a table' (SA003), every row left out without a word."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(with_input_shape_column(truth, closed))
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert [f.code for f in report.findings] == [f.code for f in api.check_text(printed).findings]


# --------------- 85c's 003: a functional print without its Connected to column, two inputs of
# one shape above an LSTM: its input is that shape, whichever input it takes


def without_connected_to(printed: str) -> str:
    """The print with its Connected to column taken off (each line cut where the column
    starts, the lines its wrapped entries filled dropped), as an author pasted it."""
    header = next(line for line in printed.splitlines() if "Layer (type)" in line)
    start = header.index("Connected to")
    kept = [
        line[:start].rstrip()
        for line in printed.splitlines()
        if line[:start].strip() or not line[start:].strip()  # (not an entry's own line)
    ]
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize("generation", ["tf2.0", "keras2.2.4"])
def test_a_row_under_inputs_of_one_shape_takes_that_shape(generation: str) -> None:
    """Before: '29,184 = 4 × 64 × (49 + 64 + 1) … input size 49 solved from the count', an
    input no row shows, counted consistent; LSTM(64) on the 50-wide inputs without a bias."""
    case = REAL / generation / "two_alike_inputs_lstm_without_bias.truth.json"
    truth, printed = load_print(case)
    pasted = without_connected_to(printed)
    assert "Connected to" not in pasted and "trend[0][0]" not in pasted
    _, summary = checked_as_truth(pasted, truth)
    lstm = summary.audited_rows()[2]
    assert lstm.derivation is not None
    assert lstm.derivation.startswith("29,184 = 4 × 64 × (50 + 64)"), lstm.derivation
    assert "use_bias=False" in lstm.derivation
    assert "lstm" not in [name for name, _ in summary.coverage.consistent_only]


# --------------- 85c's 006: a row retyped as its class and a setting, `Dropout (rate=0.2)`:
# the setting was read as the layer's name, swapped by hand (and named twice: SA402)


@pytest.mark.parametrize("case", ["tf2.12/mlp_bn_sequential", "keras3/mlp_bn_sequential"])
def test_a_setting_in_parentheses_is_no_layer_name(case: str) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    assert "dropout (Dropout)" in printed
    report = api.check_text(printed.replace("dropout (Dropout)", "Dropout (rate=0.2)"))
    [summary] = report.summaries
    [row] = [layer for layer in summary.layers if layer.type == "Dropout"]
    assert row.name == "Dropout"
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in api.check_text(printed).findings
    ]
    assert summary.totals.to_dict() == truth["totals"]


# --------------- 85b's 010: a name two characters short of its column's edge, its class cut
# off whole (`global_average_pooling1d_29  (None, 160)`), was said cut too


@pytest.mark.parametrize(
    "case",
    [
        "keras2.0.8/long_names_sequential",
        "keras2.2.4/long_names_sequential",
        "tf2.0/long_names_sequential",
        "tf2.0/two_tower_l2_normalize_ops",
    ],
)
def test_a_name_ending_before_the_column_edge_is_whole(case: str) -> None:
    """Before: `relu_activation_long_name_x…`, `tf_op_layer_l2_normalize/Rsqrt…`: names the
    print shows whole (the model's own) were marked cut."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    [summary] = api.check_text(printed).summaries
    names = [layer["name"] for layer in truth["layers"]]
    whole = [layer.name for layer in summary.layers if "name" not in layer.truncated]
    assert whole and all(name in names for name in whole)
    assert {"relu_activation_long_name_x", "tf_op_layer_l2_normalize/Rsqrt"} & set(whole)


# --------------- 83c's 010: a print whose first rows a README retyped as a Markdown table and
# whose other rows it left as printed, no header between


def half_retyped(truth: dict, printed: str, rows_retyped: int) -> str:  # type: ignore[type-arg]
    """The print's first rows retyped from the model as a Markdown table under its header, the
    rest as printed (from the next row's first line on), as the README held it."""
    lines = printed.splitlines()
    header_at = next(at for at, line in enumerate(lines) if "Layer (type)" in line)
    next_name = truth["layers"][rows_retyped]["name"]
    rest_at = next(
        at for at, line in enumerate(lines) if line.lstrip().startswith(f"{next_name} (")
    )
    table = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    table += [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        for layer in truth["layers"][:rows_retyped]
    ]
    return "\n".join([*lines[:header_at], *table, "", *lines[rest_at:]]) + "\n"


@pytest.mark.parametrize(
    "case",
    ["tf2.12/cnn_bn", "tf2.12/text_cnn", "tf_keras/mlp_bn_sequential", "keras2.2.4/cnn_bn"],
)
def test_a_print_half_retyped_as_markdown_is_one_summary(case: str) -> None:
    """Before: two summaries, the Markdown half 'table without totals' (SA003) and the raw half
    with its top cut off, Total only bounded."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = half_retyped(truth, printed, 2)
    assert "|---|" in pasted
    checked_as_the_print(pasted, truth, printed)


def test_a_markdown_table_and_another_models_rows_below_stay_apart() -> None:
    """Rows below that name a layer the table names too are no rest of it."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    pasted = half_retyped(truth, printed, 2)
    first_raw = next(line for line in pasted.splitlines() if re.match(r" \S+ \(", line))
    first_name = truth["layers"][0]["name"]
    renamed = pasted.replace(first_raw, first_raw.replace(first_raw.split()[0], first_name, 1))
    assert len(api.check_text(renamed).summaries) == 2


# --------------- 86c's 011: a Keras 3 box whose titles the author translated (`┃ Capa (Tipo) ┃
# Salida ┃ Parámetros ┃`): the header was not seen, the table read as cut at the top


def box_titles_translated(printed: str, titles: tuple[str, str, str]) -> str:
    """The box's header line with each title in another language, the bars kept in place."""
    english = ("Layer (type)", "Output Shape", "Param #")
    header = next(line for line in printed.splitlines() if "Layer (type)" in line)
    translated = header
    for old, new in zip(english, titles):
        width = max(len(old), len(new))
        translated = translated.replace(old.ljust(width), new.ljust(width), 1)
    assert translated != header and len(translated) == len(header)
    return printed.replace(header, translated)


@pytest.mark.parametrize(
    "titles",
    [("Capa (Tipo)", "Salida", "Parámetros"), ("Camada (Tipo)", "Saída", "Parâmetros")],
    ids=["spanish", "portuguese"],
)
@pytest.mark.parametrize("case", ["keras3/cnn_bn", "keras3/text_cnn"])
def test_a_keras3_box_with_translated_titles_is_read_whole(
    case: str, titles: tuple[str, str, str]
) -> None:
    """Before: 'the top of the table is cut off', Total only bounded (so a wrong Total was no
    SA201)."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report = checked_as_the_print(box_titles_translated(printed, titles), truth, printed)
    coverage = report.summaries[0].coverage
    assert coverage is not None
    assert "the top of the table is cut off" not in coverage.sentence()


# --------------- 86a's 004: a table retyped with tabs between its cells, its totals rows
# `Total Parameters<TAB>29,923<TAB>` (read as a fourth layer, shape `29, 923`)


def tab_separated(truth: dict, with_split: bool) -> str:  # type: ignore[type-arg]
    """The model retyped from its truth as a table whose cells tabs set apart, its totals
    rows spelled out (`Total Parameters`) with a tab after the count."""
    rows = [
        f"{layer['name']} ({layer['type']})\t{shape_text(layer['output_shape'])}\t"
        f"{layer['params']:,}"
        for layer in truth["layers"]
    ]
    labels = _TOTALS if with_split else _TOTALS[:1]
    totals = [f"{label} Parameters\t{truth['totals'][key]:,}\t" for label, key in labels]
    return "\n".join(["Layer (Type)\tOutput Shape\tParameters", *rows, *totals, ""])


@pytest.mark.parametrize("with_split", [True, False], ids=["all-totals", "total-only"])
@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras3/text_cnn"])
def test_tab_separated_totals_rows_are_totals(case: str, with_split: bool) -> None:
    truth, _ = load_print(REAL / f"{case}.truth.json")
    [summary] = api.check_text(tab_separated(truth, with_split)).summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    if with_split:
        assert summary.totals.to_dict() == truth["totals"]


# --------------- 86b's 005: a TimeDistributed Embedding's vocabulary, solved from its count,
# was not said in the coverage (the row counted verified, not only consistent)


@pytest.mark.parametrize("generation", ["tf2.0", "keras2.2.4", "keras3"])
def test_a_wrapped_embeddings_vocabulary_solved_from_its_count_is_only_consistent(
    generation: str,
) -> None:
    truth, printed = load_print(REAL / generation / "time_distributed_char_embedding.truth.json")
    [summary] = api.check_text(printed).summaries
    [wrapped] = [row["name"] for row in truth["layers"] if row["params"] == 399 * 32]
    assert summary.coverage is not None
    assert (wrapped, "vocabulary") in summary.coverage.consistent_only


# --------------- a paste without its Total line: Trainable + Non-trainable stand in for it
# (86a's 003 found the rows never compared with the totals shown; an edited Trainable was no
# finding, the coverage 'Trainable + Non-trainable = Total not checked')


def without_total(printed: str, trainable_by: int = 0) -> str:
    """The print without its Total params line, Trainable maybe raised by hand."""
    lines = [line for line in printed.splitlines() if "Total params:" not in line]
    assert len(lines) == len(printed.splitlines()) - 1
    text = "\n".join(lines) + "\n"
    if trainable_by:
        found = re.search(r"Trainable params: ([\d,]+)", text)
        assert found is not None
        raised = f"{int(found.group(1).replace(',', '')) + trainable_by:,}"
        text = text.replace(found.group(0), f"Trainable params: {raised}", 1)
    return text


@pytest.mark.parametrize(
    ("case", "raised_is"),
    [
        ("tf2.12/cnn_bn", "info"),
        ("keras3/mlp_bn_sequential", "info"),
        ("keras2.2.4/cnn_bn", "error"),  # (Keras 2.2.4 printed no layer_range slice)
    ],
)
def test_trainable_and_non_trainable_stand_in_for_a_missing_total(
    case: str, raised_is: str
) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    clean = api.check_text(without_total(printed))
    [summary] = clean.summaries
    assert summary.coverage is not None
    states = {check.name: check.state for check in summary.coverage.totals}
    assert states["Trainable + Non-trainable = sum of the rows"] is CheckState.CHECKED
    assert "SA201" not in {f.code for f in clean.findings}
    rows = sum(layer["params"] for layer in truth["layers"])
    # Trainable lowered: the rows hold more than the totals say, which no slice of a model does
    edited = api.check_text(without_total(printed, trainable_by=-7))
    [sa201] = [f for f in edited.findings if f.code == "SA201"]
    assert sa201.severity.value == "error"
    assert f"Trainable + Non-trainable params say {rows - 7:,}" in sa201.message
    assert "(a difference of 7)" in sa201.message
    # Trainable raised: rows left out (a layer_range print) or an edit, which the totals
    # cannot tell apart without their Total line (the review of trial 86's item 2)
    raised = api.check_text(without_total(printed, trainable_by=6_000))
    [sa201] = [f for f in raised.findings if f.code == "SA201"]
    assert sa201.severity.value == raised_is
    assert "Trainable or Non-trainable was edited" in sa201.message
    assert "agree among themselves" not in sa201.message  # (no Total line to agree with)


# --------------- the review of trial 85 (`/tmp/review85/REPORT.md`): what the first fixes broke


def markdown_with_totals_then(truth: dict, below: list[str]) -> str:  # type: ignore[type-arg]
    """A model retyped as a Markdown table from its truth, its totals under it, a blank line,
    then the lines given (another table)."""
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    totals = [f"{label} params: {truth['totals'][key]:,}" for label, key in _TOTALS]
    table = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|", *rows]
    return "\n".join([*table, "", *totals, "", *below, ""])


_RESULTS = ["| Model | Accuracy | Loss |", "|---|---|---|", "| cnn | 0.95 | 0.12 |"]


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "keras3/text_cnn"])
def test_another_table_below_a_markdown_summarys_totals_keeps_them(case: str) -> None:
    """Item 1: the summary was cut back to its last row, its totals two SA003 warnings."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(markdown_with_totals_then(truth, _RESULTS))
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    assert len(summary.layers) == len(truth["layers"])
    assert "SA003" not in {f.code for f in report.findings}


def test_a_group_title_over_a_rule_inside_a_markdown_summary_ends_nothing() -> None:
    """Item 1: a `|---|` under a group title inside the table dropped the rows below it."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    text = markdown_with_totals_then(truth, [])
    lines = text.splitlines()
    lines[4:4] = ["", "| **Head** | | |", "|---|---|---|"]  # (after the second row)
    [summary] = api.check_text("\n".join(lines)).summaries
    read = {layer.name for layer in summary.layers}
    assert all(layer["name"] in read for layer in truth["layers"])
    assert summary.totals.to_dict() == truth["totals"]


def test_a_custom_class_named_input_something_with_an_inbound_layer_is_no_input() -> None:
    """Item 2: `input_feature_embedding_1 (Inp` on an inbound row with weights was read as an
    InputLayer, a false SA103 error; it is the default name of a class of its own."""
    _, printed = load_print(REAL / "tf2.0/named_inputs_class_cut.truth.json")
    row = next(line for line in printed.splitlines() if line.startswith("embedding_1 ("))
    width = printed.splitlines()[2].index("Output Shape")
    pasted = printed.replace(row[:width], "input_feature_embedding_1 (Inp".ljust(width))
    report = api.check_text(pasted)
    assert "SA103" not in {f.code for f in report.findings}
    [summary] = report.summaries
    [audit] = [
        audit
        for layer, audit in zip(summary.layers, summary.audited_rows())
        if layer.name == "input_feature_embedding_1"
    ]
    assert audit.type != "InputLayer"


def test_paddles_summary_retyped_as_markdown_stays_foreign() -> None:
    """Item 3: paddle's titles are `Layer (type) | Input Shape | Output Shape | Param #` too;
    its rows (`Conv2D-1`, list shapes) tell it apart."""
    text = (
        "| Layer (type) | Input Shape | Output Shape | Param # |\n|---|---|---|---|\n"
        "| Conv2D-1 | [[1, 1, 28, 28]] | [1, 6, 28, 28] | 60 |\n"
        "| Linear-1 | [[1, 400]] | [1, 120] | 48,120 |\n"
    )
    report = api.check_text(text)
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]


def test_a_string_in_code_holding_totals_is_no_notebook_output() -> None:
    """Item 4: `expected = "Total params: …\\n…"` was read as totals without a table."""
    code = (
        'expected = "Total params: 54,538\\nTrainable params: 54,474\\n'
        'Non-trainable params: 64\\n"\n'
    )
    assert [f.code for f in api.check_text(code).findings] == ["SA002"]


def test_a_cut_class_under_two_alike_inputs_keeps_every_class_it_could_be() -> None:
    """Item 5: a Dot of the two inputs, its class cut, was given one input, and the classes it
    could be shrank to Concatenate, which cannot give `(None, 1)`."""
    _, printed = load_print(REAL / "tf2.0/cosine_similarity_named_past_the_column.truth.json")
    [summary] = api.check_text(without_connected_to(printed)).summaries
    [audit] = [
        audit
        for layer, audit in zip(summary.layers, summary.audited_rows())
        if layer.name.startswith("cosine_similarity")
    ]
    assert audit.derivation is not None and "(Concatenate)" not in audit.derivation


def test_an_input_shape_column_gives_the_first_rows_input() -> None:
    """Item 6: the Input Shape column was read and thrown away: a first Dense's count was
    'solved' for an input the column shows otherwise, and the table said to add up."""
    truth, _ = load_print(REAL / "tf2.12/mlp_bn_sequential.truth.json")
    first = truth["layers"][0]
    units = first["output_shape"][-1]
    inputs = first["params"] // units - 1  # (the model's own input: Dense(512) on 4,096)
    table = with_input_shape_column(truth, closed=True).replace("| - |", f"| (None, {inputs}) |", 1)
    assert f"(None, {inputs})" in table
    clean = api.check_text(table)
    assert [f.code for f in clean.findings] == []
    [summary] = clean.summaries
    assert summary.coverage is not None and summary.coverage.consistent_only == ()
    edited = table.replace(f"| {first['params']} |", f"| {first['params'] + units} |", 1)
    assert [(f.code, f.layer) for f in api.check_text(edited).findings][:1] == [
        ("SA101", first["name"])
    ]


# --------------- the review of trial 86 (`/tmp/review86/REPORT.md`)


def test_a_markdown_table_then_another_models_print_from_its_first_row_stay_two() -> None:
    """Item 1: joined into one model, a false SA201 error and SA203 warning."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    _, other = load_print(REAL / "tf2.12/rnn_stack.truth.json")
    table = markdown_with_totals_then(truth, []).split("\n\nTotal params")[0]  # (no totals)
    assert "Total" not in table
    first_row = next(at for at, line in enumerate(other.splitlines()) if re.match(r" [a-z]", line))
    pasted = table + "\n\n" + "\n".join(other.splitlines()[first_row:]) + "\n"
    report = api.check_text(pasted)
    assert len(report.summaries) == 2
    assert not {"SA201", "SA203"} & {f.code for f in report.findings}


@pytest.mark.parametrize(
    "case",
    ["tf2.12/layer_range_cnn_head", "keras3/tied_embedding", "keras2.2.4/unfrozen_after_compile"],
)
def test_a_print_without_its_total_line_keeps_keras_own_readings(case: str) -> None:
    """Item 2: a layer_range slice, tied embeddings and a layer unfrozen after compile() gave
    SA201 errors once Trainable + Non-trainable stood in for the Total line; the whole print
    gives infos."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    whole = {(f.code, f.severity.value) for f in api.check_text(printed).findings}
    assert ("SA201", "info") in whole
    report = api.check_text(without_total(printed))
    assert ("SA201", "error") not in {(f.code, f.severity.value) for f in report.findings}
    [summary] = report.summaries
    assert summary.coverage is not None
    states = {check.name: check.state for check in summary.coverage.totals}
    if case != "keras2.2.4/unfrozen_after_compile":  # (Keras 2 printed it so: SA201 says why)
        assert states["Trainable + Non-trainable = sum of the rows"] is CheckState.BOUNDED


def test_a_whole_summary_in_a_string_in_code_is_read() -> None:
    """Item 3: `SUMMARY = "Model: …\\n…"` was read as rows named `\\n conv2d`."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    checked_as_the_print(f"SUMMARY = {json.dumps(printed)}\n", truth, printed)


@pytest.mark.parametrize(
    "other",
    [
        ["| Model (ours) | Accuracy | Loss |", "|---|---|---|", "| cnn | 0.95 | 0.12 |"],
        [
            "## Results",
            "",
            "| Layer | Units | Activation |",
            "|---|---|---|",
            "| Dense (hidden) | 64 | relu |",
        ],
    ],
    ids=["parenthesis-title", "heading"],
)
def test_another_table_with_words_in_parentheses_is_no_part_of_a_summary(
    other: list[str],
) -> None:
    """Item 4: a title or first cell like `Model (ours)` or `Dense (hidden)` was taken for a
    layer's row, the other table swallowed as rows with SA001 warnings."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    table = markdown_with_totals_then(truth, []).split("\n\nTotal params")[0]  # (no totals)
    [summary] = api.check_text(table + "\n\n" + "\n".join(other) + "\n").summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert summary.unreadable == ()


def test_a_note_that_quotes_a_row_before_the_totals_ends_nothing() -> None:
    """Item 5: `dense (Dense)  (None, 10)  54090 is the biggest layer.` split the totals off."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    text = markdown_with_totals_then(truth, [])
    note = "dense (Dense)  (None, 10)  54090 is the biggest layer."
    pasted = text.replace("\n\nTotal params", f"\n\n{note}\n\nTotal params", 1)
    assert note in pasted
    [summary] = api.check_text(pasted).summaries
    assert summary.totals.to_dict() == truth["totals"]


@pytest.mark.parametrize(
    "tsv",
    [
        "metric\tvalue\ntotal_params\t54538\ntrainable_params\t54474\naccuracy\t0.95\n",
        "learning_rate\t0.001\nbatch_size\t32\nTotal Parameters\t1,234,567\n",
    ],
    ids=["metrics", "settings"],
)
def test_a_two_column_table_of_settings_is_no_totals(tsv: str) -> None:
    """Item 6: read as totals without a table (SA003) where no summary is (SA002)."""
    assert [f.code for f in api.check_text(tsv).findings] == ["SA002"]


def test_named_inputs_cut_in_a_print_without_connected_to_are_inputs() -> None:
    """Item 7: without the Connected to column, `input_attention_mask_texta (Inp` was a class
    of its own (SA901) beside siblings read as InputLayer."""
    _, printed = load_print(REAL / "keras2.2.4/named_inputs_class_cut.truth.json")
    report = api.check_text(without_connected_to(printed))
    assert "SA901" not in {f.code for f in report.findings}
    [summary] = report.summaries
    assert [audit.type for audit in summary.audited_rows()][:6] == ["InputLayer"] * 6
