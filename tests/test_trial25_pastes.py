"""Trial 25a (sequence and text models): the pastes it read wrong, rebuilt on real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    checked_as_truth,
    clean_derivations,
    column_cutter,
    load_print,
    totals_lines,
)

REAL = FIXTURES / "real"


# --------------- 015: a Markdown table retyped with `Layer(type)` and `Param#` titles


def _shape(dims: list) -> str:  # type: ignore[type-arg]
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ")"


def _retyped_pipe_table(truth: dict, width: int = 14) -> str:  # type: ignore[type-arg]
    """The table as an author retyped it from the model's rows: titles without their blanks,
    a shape wider than its dash column touching the next `|`, bold totals."""
    lines = [
        "| Layer(type)         | Output Shape | Param# |",
        "|---------------------|--------------|--------|",
    ]
    for row in truth["layers"]:
        cell = f"{row['name']} ({row['type']})"
        lines.append(f"| {cell:<19} | {_shape(row['output_shape']):<{width}}| {row['params']:<6} |")
    return "\n".join(lines + totals_lines(truth, "**")) + "\n"


@pytest.mark.parametrize("case", ["tf2.12/one_lstm", "tf2.12/mlp_bn_functional", "keras3/cnn_bn"])
def test_a_pipe_table_with_titles_retyped_without_blanks_is_read(case: str) -> None:
    """An IBM stock LSTM write-up: `| Layer(type) | Output Shape | Param# |`. Before: every
    row unreadable (SA001), the `Layer(type)` title naming no column."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    truth["layers"] = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    text = _retyped_pipe_table(truth)
    assert "| Layer(type) " in text and "Param# |" in text
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert "SA001" not in {f.code for f in report.findings}


# --------------- 014: a custom class cut by the column to the start of known ones


def _keras2_narrow_print(truth: dict, width: int = 31) -> str:  # type: ignore[type-arg]
    """The rows as standalone Keras 2 prints them in a narrow first column: each cell cut at
    its column, so a long name and class lose their end (`multi_perspective_match (Multi`)."""
    rule = "_" * 65
    lines = [f'Model: "{truth["model_name"]}"', rule]
    lines.append(f"{'Layer (type)':<{width}}{'Output Shape':<21}Param #   ")
    lines.append("=" * 65)
    for row in truth["layers"]:
        cell = f"{row['name']} ({row['type']})"[: width - 1]
        lines += [f"{cell:<{width}}{_shape(row['output_shape']):<21}{row['params']:<10}", rule]
    lines[-1] = "=" * 65
    totals = truth["totals"]
    lines += [
        f"Total params: {totals['total']:,}",
        f"Trainable params: {totals['trainable']:,}",
        f"Non-trainable params: {totals['non_trainable']:,}",
        rule,
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_cut_class_the_rows_default_name_spells_is_not_completed(generation: str) -> None:
    """BiMPM's log: `multi_perspective_match_1 (Mult` was completed to MultiHeadAttention and
    its count called verified. The name is the default name of a class of its own."""
    truth, _ = load_print(REAL / generation / "custom_class_cut_like_a_known_one.truth.json")
    text = _keras2_narrow_print(truth)
    assert "multi_perspective_match (Multi " in text
    report = api.check_text(text)
    [summary] = report.summaries
    [custom] = [layer for layer in summary.layers if layer.name == "multi_perspective_match"]
    assert custom.type == "Multi" and custom.params == 1000
    assert summary.audit is not None
    [audited] = [row for layer, row in zip(summary.layers, summary.audit.rows) if layer is custom]
    assert audited.type == "Multi"
    assert [(f.code, f.layer) for f in report.findings] == [("SA901", "multi_perspective_match")]


# --------------- 007/008 (nits): a ConvLSTM2D whose input channels the print does not show


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_conv_lstm_without_its_input_channels_names_the_channels_each_kernel_gives(
    generation: str,
) -> None:
    """1,024 = 4 × 4 × (K × (C + 4) + 1): K × (C + 4) = 63 gives 3 channels with a 3×3 kernel
    (the truth) or 59 with 1×1. Before: only 'K × (C + 4)', though called solved."""
    _, texts = clean_derivations(REAL / generation / "conv_lstm_first_layer.truth.json")
    assert texts[0] == (
        "1,024 = 4 × 4 × (K × (C + 4) + 1) → K × (C + 4) = 63; with a square kernel: 3 channels "
        "with a 3×3 kernel, "
        "or 59 channels with a 1×1 kernel (input channels not shown)"
    )


# --------------- 25a's nit (003, 012, 013, 014): SA203's infos lead with what was frozen


@pytest.mark.parametrize("generation", ["keras3", "keras3.0.5"])
def test_the_trainable_column_info_leads_with_the_frozen_layers(generation: str) -> None:
    """'Non-trainable params is X, not the Y' read like an error above a clean verdict."""
    truth, text = load_print(REAL / generation / "frozen_layers_show_trainable.truth.json")
    report = api.check_text(text)
    [info] = [f for f in report.findings if f.code == "SA203"]
    frozen = [row["name"] for row in truth["layers"] if row["trainable"] is False]
    assert info.message.startswith(
        f"the Trainable column marks {', '.join(frozen)} as frozen (trainable=False): "
        f"Non-trainable params is {truth['totals']['non_trainable']:,}, where the rows by "
        "default hold "
    )
    assert ", not the " not in info.message


# --------------- 010: a log passed through a Markdown formatter (`# Layer (type) …` heading)


def _markdown_formatted(text: str) -> str:
    """What a Markdown formatter made of a printed log: `_` rules become `---` thematic breaks
    set off by blank lines; the header over its `=` rule, a Setext heading, becomes an ATX one
    (`# Layer (type) Output Shape Param`, its closing `#` dropped as a heading's, the rule
    gone); every line's runs of blanks collapsed."""
    out: list[str] = []
    heading = False
    for line in text.split("\n"):
        core = " ".join(line.split())
        if heading and core and set(core) == {"="}:
            heading = False
            continue  # the Setext underline
        if core and set(core) == {"_"}:
            out += ["", "---", ""]
        elif core.startswith("Layer (type)"):
            out += ["# " + core.rstrip(" #"), ""]
            heading = True
        elif core:
            out.append(core)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", ["tf2.12/cnn_bn", "tf2.12/mlp_bn_functional", "tf_keras/cnn_bn"])
def test_a_header_made_a_markdown_heading_keeps_its_rows(case: str) -> None:
    """Before: the heading's `#` was taken for a comment mark on every line, so the rows
    (without it) were outside the table: 'a header without rows' and 'totals without a table'."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    damaged = _markdown_formatted(text)
    assert "\n# Layer (type) Output Shape Param\n" in damaged
    report, _ = checked_as_truth(damaged, truth)
    assert "SA003" not in {f.code for f in report.findings}


def test_a_commented_print_keeps_its_comment_marks() -> None:
    """A print commented line by line (`# ` before every line) is not a heading."""
    truth, text = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    commented = "\n".join(f"# {line}" if line else "#" for line in text.split("\n"))
    [summary] = api.check_text(commented).summaries
    assert_reads_as_truth(summary, truth)


# --------------- a narrow Keras 3 box whose paste ends inside its wrapped title (hypothesis)


def test_a_wrapped_box_title_the_paste_ends_inside_is_a_summary_cut_short() -> None:
    """The robustness fuzz drew a Keras 3 box printed 44 wide, cut after `┃ Layer ┃ Output ┃
    Par… ┃ Connected ┃`, the first half of its wrapped title: it was not found at all."""
    _, first = load_print(REAL / "keras1.2.2/text_cnn.truth.json")
    _, narrow = load_print(REAL / "keras3/nested_cut_alike_line_length44.truth.json")
    lines = narrow.split("\n")
    title = next(i for i, line in enumerate(lines) if "┃ Layer " in line)
    assert "(type)" not in lines[title] and "(type)" in lines[title + 1]
    text = first.rstrip("\n") + "\nEpoch 1/10\n" + "\n".join(lines[: title + 1])
    report = api.check_text(text)
    read, cut = report.summaries
    assert read.layers and cut.layers == () and cut.model_name == "functional_2"
    assert [f.code for f in report.findings if f.line and f.line >= cut.start_line] == ["SA003"]


# --------------- 25e's 014: Keras 1 on Python 2 (`76L`)


def _python2_longs(text: str) -> str:
    """Keras 1 on Python 2 printed the dims Theano computed as longs: `(None, 32, 76L, 76L)`."""
    return re.sub(r"\(None(?:, \d+)+\)", lambda m: re.sub(r"(\d+)", r"\1L", m.group(0)), text)


@pytest.mark.parametrize("case", ["keras1.2.2/cnn_th_bn_axis1", "keras1.1.2/mlp_bn_functional"])
def test_shapes_printed_with_python2_longs_are_read(case: str) -> None:
    """keras#7022. Before: 'the output shape is not readable', though 832 = 32 × (5·5 + 1)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    longs = _python2_longs(text)
    assert "L)" in longs
    report, summary = checked_as_truth(longs, truth)
    plain = api.check_text(text)
    assert [f.code for f in report.findings] == [f.code for f in plain.findings]
    assert summary.audit is not None and plain.summaries[0].audit is not None
    assert [row.derivation for row in summary.audit.rows] == [
        row.derivation for row in plain.summaries[0].audit.rows
    ]


# --------------- 25e's 003: a paste that ends inside the last row's Connected to entry


@pytest.mark.parametrize("case", ["keras2.2.4/merge_ops", "keras1.2.2/text_cnn"])
def test_an_entry_the_paste_ends_inside_is_no_missing_row(case: str) -> None:
    """A README's summary ends at `activation_9 (Activation) … 0  batchnormalizatio`. Before:
    SA401 said the table has no row of that name (rows missing, or the name mistyped)."""
    _, text = load_print(REAL / f"{case}.truth.json")
    lines = text.split("\n")
    at = max(i for i, line in enumerate(lines) if re.match(r"\S+ \(", line) and "[0][0]" in line)
    entry = re.findall(r"([\w.]+)\[0\]\[0\]", lines[at])[-1]
    cut = lines[at][: lines[at].rindex(entry) + len(entry) - 2]
    report = api.check_text("\n".join([*lines[:at], cut]))
    assert "SA401" not in {f.code for f in report.findings}
    mistyped = "\n".join([*lines[:at], cut[:-3] + "xyz"])
    assert "SA401" in {f.code for f in api.check_text(mistyped).findings}


# --------------- 001: a table a GitBook page laid out one cell per line


def _one_cell_per_line(text: str, spaced: bool = True) -> str:
    """The print as a GitBook page exported it: the header's titles on lines of their own,
    then each row's name, shape and count on lines of their own, a blank line after each
    (or none), the totals as they were; rules and the title gone."""
    cells = column_cutter(text)
    out = ["Sample code for stacked LSTM", "", "Layer (type)", "Output Shape", "Param", ""]
    gap = [""] if spaced else []
    for line in text.splitlines():
        if line.startswith(("Model:", "Layer (type)", "_", "=")) or not line.strip():
            continue
        if "params:" in line:
            out += [line.strip(), *gap]
            continue
        out += [cell for value in cells(line) for cell in (value, *gap)]
    return "\n".join(out) + "\n"


ONE_CELL_CASES = ["keras2.2.4/rnn_stack", "tf2.0/cnn_bn", "keras2.2.4/mlp_bn_sequential"]


@pytest.mark.parametrize("spaced", [True, False], ids=["blank-lines", "no-blank-lines"])
@pytest.mark.parametrize("case", ONE_CELL_CASES)
def test_a_table_laid_out_one_cell_per_line_is_read(case: str, spaced: bool) -> None:
    """Before: 'totals without a table: the layer rows were not pasted' (SA003)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = _one_cell_per_line(text, spaced)
    assert "\nLayer (type)\nOutput Shape\nParam\n" in pasted
    report, summary = checked_as_truth(pasted, truth)
    assert "SA003" not in {f.code for f in report.findings}
    assert summary.layers[0].line == 7  # each row at the line of its first cell


def test_two_tables_one_cell_per_line_are_both_read() -> None:
    first_truth, first = load_print(REAL / "keras2.2.4/rnn_stack.truth.json")
    second_truth, second = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    report = api.check_text(_one_cell_per_line(first) + "\n" + _one_cell_per_line(second))
    assert [len(s.layers) for s in report.summaries] == [
        len(first_truth["layers"]),
        len(second_truth["layers"]),
    ]


def test_titles_one_per_line_without_rows_are_left_as_they_are() -> None:
    """A list of the column titles in prose is no table: every line goes on unchanged."""
    text = "The columns are:\n\nLayer (type)\nOutput Shape\nParam #\n\nand then the totals.\n"
    assert api.parse_text(text) == []
    pasted = "Layer (type)\nOutput Shape\nParam #\nmy notes\n(None, 10)\n"
    assert api.parse_text(pasted) == []


# --------------- 002: a page's meta description, collapsed onto one line, ending in a header


_QUESTION = (
    "以下是代码和结果。有两种型号:一种是双向的。我的问题是,为什么参数264 time_distributed_14 "
    "TimeDis不是time_distributed_13 TimeDis 136的两倍?我知道264=136*2-8。为什么我们需要-8呢"
)


def _with_meta_description(text: str) -> str:
    """A Q&A page saved as text: its meta description (title, tags and the question run
    together, cut after the start of the collapsed print: a rule and two titles), a blank
    line, the question again, then the print."""
    meta = (
        f"keras.layers.bidirective后的参数数量是否增加了一倍?,keras,keras-layer,{_QUESTION} "
        f"结果: {'_' * 65} Layer (type) Output Shape"
    )
    return "\n".join([meta, "", _QUESTION, "", "结果:", "", text])


@pytest.mark.parametrize("case", ["tf2.0/rnn_stack", "keras2.2.4/rnn_stack"])
def test_a_meta_description_ending_in_a_header_is_no_summary(case: str) -> None:
    """Before: a summary of 0 rows at the description, the question read as its row (SA001)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    report, summary = checked_as_truth(_with_meta_description(text), truth)
    assert summary.start_line == 7
    assert "SA001" not in {f.code for f in report.findings}


def test_a_whole_print_collapsed_after_a_long_question_is_still_read() -> None:
    truth, text = load_print(REAL / "tf2.0/cnn_bn.truth.json")
    question = "I have been training this network for a while and the parameter count looks " * 2
    collapsed = question + " ".join(line.rstrip() for line in text.splitlines()) + "\n"
    checked_as_truth(collapsed, truth)
