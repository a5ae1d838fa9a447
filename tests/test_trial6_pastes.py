"""Trial 6's paste damage (new-user trial on 30 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import Summary

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    totals_on_one_line,
    truth_paths,
)

REAL = FIXTURES / "real"
BOXED = [
    REAL / v / f"{n}.truth.json"
    for v in ("keras3", "keras3.0.5")
    for n in ("cnn_bn", "mlp_bn_functional", "big_dense", "frozen_layers", "rnn_stack")
    if (REAL / v / f"{n}.truth.json").is_file()
]
FIXED = ("keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0", "tf2.9", "tf2.12", "tf_keras")
PRINTS = truth_paths(
    REAL, FIXED, ("big_dense", "cnn_bn", "mlp_bn_functional", "frozen_after_compile", "text_cnn")
)
WITH_FLATTEN = [
    REAL / v / "cnn_bn.truth.json"
    for v in (*FIXED, "keras3", "keras3.0.5")
    if (REAL / v / "cnn_bn.truth.json").is_file()
]


def _derivation(summary: Summary, name: str) -> str:
    """The derivation text the audit gives the row of that name."""
    assert summary.audit is not None
    for layer, row in zip(summary.layers, summary.audit.rows):
        if layer.name == name:
            return row.derivation or ""
    raise AssertionError(f"no row {name}")


# --------------------------------------------------------------------------- damage, as code


def bold_header(text: str, top_border: bool, closed: bool) -> str:
    """A Markdown page (028) that set a Keras 3 box's header line in bold (`**┃ Layer (type) ┃
    … ┃**`), maybe opening the bold and never closing it, maybe without the box's top border."""
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("┏") and not top_border:
            continue
        if "Layer (type)" in line:
            line = "**" + line.strip() + ("**" if closed else "")
        out.append(line)
    return "\n".join(out)


def _row_starts(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if re.match(r"^ ?[a-z]\w* \([A-Z]\w*\)? +\(", line)]


def two_rows_on_one_line(text: str, first: int) -> str:
    """A paste (009) that lost the line break, and the rule or blank line, between two rows:
    the next row follows the first one's padded count on the same line."""
    lines = text.split("\n")
    starts = _row_starts(lines)
    at, nxt = starts[first], starts[first + 1]
    assert nxt - at == 2, "the two rows are one-line rows one rule or spacer apart"
    return "\n".join([*lines[:at], lines[at] + lines[nxt], *lines[nxt + 1 :]])


def _single_line_pairs(text: str) -> list[int]:
    starts = _row_starts(text.split("\n"))
    return [k for k in range(len(starts) - 1) if starts[k + 1] - starts[k] == 2]


def without_the_flatten_row(text: str) -> str:
    """A retyped table (004) that left out the Flatten row (and the rule under it)."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "(Flatten)" in line)
    return "\n".join([*lines[:at], *lines[at + 2 :]])


def as_html_table(text: str, cell_per_line: bool) -> str:
    """A page (021) that retyped a print as an HTML table: a `<th>` header row, one `<tr>` per
    layer with the cells as printed (each on its own line, or the whole row on one), the title
    and totals in paragraphs."""
    lines = text.split("\n")
    head = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    titles = ("Layer (type)", "Output Shape", "Param #")
    starts = [lines[head].index(title) for title in titles]
    bounds = list(zip(starts, [*starts[1:], None]))

    def row(cells: list[str], tag: str) -> list[str]:
        tds = [f"<{tag}>{cell}</{tag}>" for cell in cells]
        return ["<tr>", *tds, "</tr>"] if cell_per_line else ["<tr>" + "".join(tds) + "</tr>"]

    page = [f"<p>{line.strip()}</p>" for line in lines[:head] if line.startswith("Model:")]
    page += ["<table>", *row(list(titles), "th")]
    for at in _row_starts(lines):
        page += row([lines[at][a:b].strip() for a, b in bounds], "td")
    page.append("</table>")
    page += [f"<p>{line.strip()}</p>" for line in lines if "params:" in line]
    return "\n".join(page)


# --------------------------------------------------------------------------- the reads


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "never-closed"])
@pytest.mark.parametrize("top_border", [True, False], ids=["top", "no-top"])
@pytest.mark.parametrize("truth_path", BOXED, ids=print_id)
def test_a_bold_box_header_keeps_the_columns(
    truth_path: Path, top_border: bool, closed: bool
) -> None:
    truth, text = load_print(truth_path)
    damaged = bold_header(text, top_border, closed)
    assert re.search(r"^\*\*┃ Layer \(type\)", damaged, re.M)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("noun", ["params", "parameters"])
@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_totals_written_on_one_line_are_all_read(truth_path: Path, noun: str) -> None:
    truth, text = load_print(truth_path)
    damaged = totals_on_one_line(text, noun)
    assert re.search(rf"Total {noun}: [\d,]+(?: \([^)]*\))? Trainable {noun}: [\d,]+", damaged)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_an_edited_count_on_a_one_line_totals_is_caught(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = totals_on_one_line(text, "parameters")
    wrong = truth["totals"]["non_trainable"] + 1_000
    edited = re.sub(
        r"Non-trainable parameters: [\d,]+", f"Non-trainable parameters: {wrong:,}", damaged
    )
    assert edited != damaged
    assert "SA202" in [code for code, _ in findings_by_layer(edited)]


JOINABLE = [p for p in PRINTS if _single_line_pairs(load_print(p)[1])]


@pytest.mark.parametrize("truth_path", JOINABLE, ids=print_id)
def test_two_rows_on_one_line_are_two_rows(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    for first in _single_line_pairs(text):
        damaged = two_rows_on_one_line(text, first)
        assert len(damaged.split("\n")) == len(text.split("\n")) - 2
        assert_reads_as_truth(one_summary(damaged), truth)
        assert findings_by_layer(damaged) == findings_by_layer(text)


def test_the_fixed_width_prints_give_joinable_rows() -> None:
    """The parametrised test above runs on the Keras 2 and tf.keras prints (not vacuously)."""
    assert len(JOINABLE) >= 20


@pytest.mark.parametrize("truth_path", WITH_FLATTEN, ids=print_id)
def test_a_dropped_flatten_is_one_shape_warning_not_a_wrong_count(truth_path: Path) -> None:
    """The Dense after it holds the right count for the row above flattened: the shape chain
    says what is missing, and the count is not called wrong (trial 6, 004)."""
    truth, text = load_print(truth_path)
    damaged = without_the_flatten_row(text)
    assert "Flatten" not in damaged
    report = api.check_text(damaged)
    codes = [f.code for f in report.findings]
    assert "SA101" not in codes and "SA301" in codes
    dense = next(layer for layer in truth["layers"] if layer["type"] == "Dense")
    [summary] = report.summaries
    derivation = _derivation(summary, dense["name"])
    assert "flattened" in derivation and "13 × 13 × 32" in derivation


def test_a_gru_whose_input_is_not_shown_gives_both_readings() -> None:
    """A paste that starts at a GRU row (trial 6, 016): the count fits reset_after=True on one
    input size and reset_after=False on another; both are said."""
    text = (REAL / "tf2.9" / "rnn_stack.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    first_row = next(i for i, line in enumerate(lines) if "(SimpleRNN)" in line)
    gru = next(i for i, line in enumerate(lines) if " gru (GRU)" in line)
    headless = "\n".join([*lines[:first_row], *lines[gru:]])
    [summary] = api.check_text(headless).summaries
    derivation = _derivation(summary, "gru")
    assert "3 × 10 × (11 + 10 + 2)" in derivation and "reset_after=True" in derivation
    assert "3 × 10 × (12 + 10 + 1) on 12 inputs (reset_after=False" in derivation


CUDNN = REAL / "tf1.14" / "cudnn_bidirectional.truth.json"


def test_a_cudnn_bidirectional_is_named_as_cudnn() -> None:
    """Bidirectional(CuDNNLSTM(20)) on 9 features holds 4,960, the double bias; the derivation
    names the CuDNN layer, not a plain LSTM (trial 6, 013)."""
    truth, text = load_print(CUDNN)
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    [bidi] = [w for w in truth["layers"] if w["type"] == "Bidirectional"]
    assert bidi["params"] == 4_960
    assert "forward + backward CuDNNLSTM(20) on 9 inputs" in _derivation(summary, bidi["name"])


ONE_LINE_ROWS = [
    p
    for p in PRINTS
    if len(_single_line_pairs(load_print(p)[1])) + 1 == len(load_print(p)[0]["layers"])
]


@pytest.mark.parametrize("cell_per_line", [True, False], ids=["cell-per-line", "row-per-line"])
@pytest.mark.parametrize("truth_path", ONE_LINE_ROWS, ids=print_id)
def test_a_print_retyped_as_an_html_table_is_read(truth_path: Path, cell_per_line: bool) -> None:
    """Its header cells are no rows, and no layer row is lost (trial 6, 021)."""
    truth, text = load_print(truth_path)
    page = as_html_table(text, cell_per_line)
    assert page.count("<tr>") == len(truth["layers"]) + 1
    assert_reads_as_truth(one_summary(page), truth)
    assert findings_by_layer(page) == findings_by_layer(text)


def test_html_prints_to_retype_are_found() -> None:
    assert len(ONE_LINE_ROWS) >= 15


def test_an_html_row_never_closed_loses_no_line() -> None:
    """A `<tr>` whose `</tr>` never comes is held for a bounded number of lines, then every line
    goes on as it was (a stream stays a stream; nothing the paste holds is dropped)."""
    from summaryaudit.sources import MAX_HTML_ROW_LINES, Line, strip_html

    page = [Line(1, "<table><tr>")] + [Line(n, f"cell {n}") for n in range(2, 200)]
    out = list(strip_html(page))
    assert [line.text for line in out if line.text.startswith("cell")] == [
        f"cell {n}" for n in range(2, 200)
    ]
    assert [line.number for line in out if line.text.startswith("cell")] == list(range(2, 200))
    assert MAX_HTML_ROW_LINES < 200


BN_PRINTS = [p for p in PRINTS if "mlp_bn_functional" in p.name or "cnn_bn" in p.name]


@pytest.mark.parametrize("truth_path", BN_PRINTS, ids=print_id)
def test_an_edited_non_trainable_line_is_not_read_as_a_frozen_layer(truth_path: Path) -> None:
    """Non-trainable raised by exactly a BatchNormalization's trainable half, Total and
    Trainable left alone: SA202 and SA203 say the line was edited; SA203 no longer says the
    layer was frozen (freezing moves weights between the two lines and keeps their sum)."""
    truth, text = load_print(truth_path)
    stated = truth["totals"]["non_trainable"]
    assert stated > 0
    line = next(line for line in text.split("\n") if line.startswith("Non-trainable params"))
    doubled = f"{2 * stated:,}" if "," in f"{stated:,}" and "," in line else str(2 * stated)
    edited = text.replace(line, f"Non-trainable params: {doubled}")  # its printed size goes
    findings = api.check_text(edited).findings
    assert [f.code for f in findings] == ["SA202", "SA203"]
    assert f"Non-trainable was edited (the rows make it {stated:,})" in findings[0].message
    assert "the Non-trainable line was edited" in findings[1].message
    assert "trainable=False" not in findings[1].message


@pytest.mark.parametrize("generation", ["keras3", "tf1.14"])
def test_a_patch_embedding_reads_as_a_patch_on_rgb_first(generation: str) -> None:
    """Conv2D(768, 16, strides=16) on RGB, printed without its input (trial 6, 008/015: the
    examples offered only odd kernels, so K × C = 768 read as `768 channels → 1×1` alone)."""
    truth, text = load_print(REAL / generation / "patch_embedding.truth.json")
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    derivation = _derivation(summary, "conv2d")
    assert "e.g. 3 channels → K = 256, 16×16; 768 channels → K = 1, 1×1" in derivation
    assert truth["layers"][0]["params"] == 768 * (16 * 16 * 3 + 1)


def test_totals_written_into_a_sentence_are_read_and_checked() -> None:
    """A README that wrote a Keras 3 model's totals into its prose, one after another."""
    truth, text = load_print(REAL / "keras3" / "compiled_fitted.truth.json")
    labels = [line.strip() for line in text.split("\n") if " params: " in line]
    assert len(labels) == 4  # Total, Trainable, Non-trainable and Optimizer params
    prose = f"The model is small. {', '.join(labels)}. It was trained with Adam."
    [summary] = api.parse_text(prose)
    assert summary.totals.to_dict() == truth["totals"]
    edited = prose.replace(labels[1], labels[1].replace(": ", ": 1", 1))
    assert "SA202" in [code for code, _ in findings_by_layer(edited)]
