"""Trial 14's cases and the keras differential suite's (CI, stop 23), on real prints and on
damage applied to them as code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.formats import EXPLAINED_GAP, NO_PROBLEMS, verdict
from summaryaudit.records import Severity

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    column_cutter,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)

REAL = FIXTURES / "real"

# ------------------------------------------- a cut reference that may name rows of one shape

TWO_INPUTS = REAL / "keras3" / "two_inputs_cut_alike_line_length48.truth.json"


def test_a_cut_reference_to_inputs_of_one_shape_still_gives_the_input() -> None:
    """`input_lay…` may name either input, both `(None, 2)`: the Dense on it is fed 2 values
    whichever it names. Before: its count went unchecked (\"input size solved from the
    count\"), so an edited 3 → 4 raised only a totals error, not SA101 on its row (the keras
    differential suite's failing draw)."""
    truth, text = load_print(TWO_INPUTS)
    [summary] = api.check_text(text).summaries
    counts = [(row.type, row.params) for row in summary.layers]
    assert counts == [(want["type"], want["params"]) for want in truth["layers"]]
    derived = {
        row.name: audited.derivation for row, audited in zip(summary.layers, summary.audited_rows())
    }
    assert (derived["dense"] or "").startswith("3 = 2 × 1 + 1")
    dense_line = next(row.line for row in summary.layers if row.name == "dense")
    lines = text.split("\n")
    lines[dense_line - 1] = lines[dense_line - 1].replace("│     3 │", "│     4 │")
    report = api.check_text("\n".join(lines))
    assert ("SA101", dense_line) in {(f.code, f.line) for f in report.findings}
    clean = api.check_text(text)
    assert clean.findings == ()


# ----------------------------------------------- 14b's 009: a Total Keras 2 printed too high


@pytest.mark.parametrize(
    "path",
    [
        REAL / generation / f"{case}.txt"
        for generation in ("keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0")
        for case in ("frozen_after_compile", "unfrozen_after_compile")
        if (REAL / generation / f"{case}.txt").exists()
    ],
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_a_total_that_is_not_the_rows_sum_is_no_all_clear(path: Path) -> None:
    """Keras 2 counts a layer frozen after compile() twice (or one unfrozen after it in
    neither line): Total is not the rows' sum, which an info explains. Before: the verdict
    below it said `No problems found: every count adds up`."""
    report = api.check_text(path.read_text(encoding="utf-8"))
    [summary] = report.summaries
    findings = list(report.findings)
    assert [f.severity for f in findings if f.code == "SA201"] == [Severity.INFO]
    said = verdict(summary, findings)
    assert NO_PROBLEMS not in said and said.startswith(EXPLAINED_GAP)


@pytest.mark.parametrize("generation", ["keras3", "tf2.12", "tf_keras", "keras2.0.8"])
def test_frozen_after_compile_where_keras_counts_once_is_all_clear(generation: str) -> None:
    """The same model printed by a Keras that recounts at summary() time: Total is the rows'
    sum, Non-trainable the frozen layer; the all-clear stands."""
    report = api.check_text((REAL / generation / "frozen_after_compile.txt").read_text())
    [summary] = report.summaries
    assert not any(f.code == "SA201" for f in report.findings)
    assert verdict(summary, list(report.findings)).startswith(NO_PROBLEMS)


# ------------------------------------ 14a's 010: bold totals rows labelled `Total parameters`

RETYPED = truth_paths(REAL, ("keras2.2.4", "tf1.14"), ("cnn_bn", "frozen_layers", "big_dense"))


def bold_markdown_with_parameters(text: str, word: str = "parameters") -> str:
    """Retype a 3-column print as a Markdown table with a bold header, and its totals as bold
    two-cell rows of the same table labelled `Total parameters` (14a's 010, a course page)."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    cells = column_cutter(text)
    table = ["| " + " | ".join(f"**{c}**" for c in cells(header)) + " |", "| --- | --- | --- |"]
    for line in lines:
        totals = re.match(r"(Total|Trainable|Non-trainable) params: ([\d,]+)", line)
        if totals:
            table.append(f"| **{totals[1]} {word}** | **{totals[2]}** |")
        elif re.match(r"\S+ \(\w", line) and line is not header:
            table.append("| " + " | ".join(cells(line)).replace("_", "\\_") + " |")
    return "\n".join(table) + "\n"


@pytest.mark.parametrize("truth_path", RETYPED, ids=print_id)
@pytest.mark.parametrize("word", ["parameters", "params"])
def test_bold_totals_rows_of_a_markdown_table_are_its_totals(truth_path: Path, word: str) -> None:
    """Before: `| **Total parameters** | **50,890** |` was read as a layer row, `Trainable`'s
    row was lost, and the summary had no totals (SA001 twice, a false SA003); bold `Total
    params` rows were read the same way."""
    truth, text = load_print(truth_path)
    damaged = bold_markdown_with_parameters(text, word)
    assert f"| **Total {word}** |" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------------------------------------ 14a's 008: the totals in a second Markdown table


def totals_in_a_second_table(text: str, head: str) -> str:
    """Retype a print as a Markdown table, and its totals as a two-column table of their own
    under a blank line, headed `head` (14a's 008, a README)."""
    table = bold_markdown_with_parameters(text, "params").replace("**", "").splitlines()
    rows = [row for row in table if "params |" not in row]
    totals = [row.replace(" params |", " params: |") for row in table if "params |" in row]
    return "\n".join([*rows, "", head, "| ------------- | ------------- |", *totals]) + "\n"


@pytest.mark.parametrize("truth_path", RETYPED, ids=print_id)
@pytest.mark.parametrize("head", ["|  |  |", "| Totals | Value |", "| **Summary** | |"])
def test_the_header_of_a_second_table_of_totals_is_no_row(truth_path: Path, head: str) -> None:
    """Before: its header `|  |  |` was an unreadable row (SA001), so Total = rows was only
    bounded and an edited Total went unreported."""
    truth, text = load_print(truth_path)
    damaged = totals_in_a_second_table(text, head)
    assert head in damaged and "| Total params: |" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)
    total = truth["totals"]["total"]
    edited = damaged.replace(
        f"| Total params: | {total:,} |", f"| Total params: | {total + 100:,} |"
    )
    assert edited != damaged
    assert "SA201" in {f.code for f in api.check_text(edited).findings}


@pytest.mark.parametrize("truth_path", RETYPED[:2], ids=print_id)
def test_a_short_row_with_a_count_under_a_blank_line_is_still_a_row(truth_path: Path) -> None:
    """The header of a second table has no number: a layer row that lost its shape cell (`|
    dense_1 (Dense) | 650 |`) below a blank line is still read (or reported), never skipped."""
    _, text = load_print(truth_path)
    table = bold_markdown_with_parameters(text, "params").splitlines()
    last = max(i for i, row in enumerate(table) if "params" not in row)
    name, _shape, count = (cell.strip() for cell in table[last].strip("|").split("|"))
    table[last : last + 1] = ["", f"| {name} | {count} |"]
    report = api.check_text("\n".join(table) + "\n")
    unread = [f for f in report.findings if f.code == "SA001"]
    assert [f.line for f in unread] == [last + 2]
    assert name.replace("\\", "") in unread[0].message


# ------------------------------------------- 14a's 009: a count column titled in other words


@pytest.mark.parametrize("truth_path", RETYPED, ids=print_id)
@pytest.mark.parametrize(
    "title", ["Number of Parameters", "No. of params", "# of Parameters", "Param count"]
)
def test_a_count_column_titled_in_other_words_is_read(truth_path: Path, title: str) -> None:
    """Before: `| Layer (type) | Output Shape | Number of Parameters |` left every row unread
    (SA001 on each, and `count not shown` for all of them)."""
    truth, text = load_print(truth_path)
    damaged = bold_markdown_with_parameters(text, "params").replace("**Param #**", title)
    assert f"| {title} |" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------------------------- 14a's 009: a copied conv count that no kernel of its shapes has

TUTORIAL = [REAL / generation / "tutorial_cnn.truth.json" for generation in ("keras3", "tf1.14")]


@pytest.mark.parametrize("truth_path", TUTORIAL, ids=print_id)
def test_a_count_whose_kernel_cannot_shrink_the_size_is_flagged(truth_path: Path) -> None:
    """TensorFlow's CNN tutorial with the first conv's 896 copied onto the third (6×6×64 →
    4×4×64). Before: `K = 7 with groups=32 → kernel 1×7; use_bias=False`, verified, though no
    1×7 or 7×1 kernel takes 6×6 to 4×4 with any stride, dilation or padding."""
    truth, text = load_print(truth_path)
    clean = api.check_text(text)
    assert clean.findings == ()
    [genuine] = clean.summaries
    first, _, third = [row for row in truth["layers"] if row["type"] == "Conv2D"]
    line = next(row.line for row in genuine.layers if row.name == third["name"])
    lines = text.split("\n")
    printed = next(
        form
        for form in (f"{third['params']:,}", str(third["params"]))
        if f" {form} " in f"{lines[line - 1]} "
    )
    lines[line - 1] = lines[line - 1].replace(printed, str(first["params"]).rjust(len(printed)))
    report = api.check_text("\n".join(lines))
    flagged = [f for f in report.findings if f.code == "SA101"]
    assert [(f.line, f.layer) for f in flagged] == [(line, third["name"])]
    assert "6 × 6 input to the 4 × 4 output" in flagged[0].message
    assert "a 3×3 kernel with padding='valid'" in flagged[0].message
    assert "36,928" in flagged[0].message


# ------------------------------------ 14a's 009: shapes retyped without the batch axis, `A x B`


def shapes_without_batch(table: str, times: str = " x ") -> str:
    """Write a Markdown table's shapes as a paper does: `(None, 30, 30, 32)` → `30 x 30 x 32`,
    `(None, 1024)` → `1024` (14a's 009, a paper's README)."""

    def retyped(match: re.Match[str]) -> str:
        return "| " + times.join(match.group(1).split(", ")) + " |"

    return re.sub(r"\| \[?\(None, ([\d, ]+)\)\]? \|", retyped, table)


@pytest.mark.parametrize("truth_path", [TUTORIAL[1], *RETYPED], ids=print_id)
@pytest.mark.parametrize("times", [" x ", "×"])
def test_shapes_retyped_without_the_batch_axis_are_read(truth_path: Path, times: str) -> None:
    """Before: `30 x 30 x 32` and `1024` were no shapes, so no conv or Dense count was decided
    (`the output shape is not readable`), and the copied 896 went unflagged."""
    truth, text = load_print(truth_path)
    table = bold_markdown_with_parameters(text, "params")
    damaged = shapes_without_batch(table, times)
    assert "(None" not in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    [summary] = api.check_text(damaged).summaries
    [genuine] = api.check_text(table).summaries
    assert [row.derivation for row in summary.audited_rows()] == [
        row.derivation for row in genuine.audited_rows()
    ]
    assert findings_by_layer(damaged) == findings_by_layer(text)


# -------------------------------------------- 14a's 012, 14b's 007: totals pasted on their own


@pytest.mark.parametrize(
    ("generation", "dialect"),
    [
        ("keras3", "keras3"),
        ("keras3.0.5", "keras3"),
        ("tf_keras", "keras2-wrapped"),
        ("tf2.12", "keras2"),
        ("keras2.2.4", "keras2"),
    ],
)
def test_totals_pasted_alone_are_labelled_by_their_sizes(generation: str, dialect: str) -> None:
    """Only the totals of a real print, indented as a log shows them. Before: always `keras2`,
    though `(16.00 B)` and grouped counts before a size are Keras 3's alone (`Byte` and
    ungrouped counts, tf-keras 2.13+'s)."""
    for case in ("big_dense", "cnn_bn"):
        text = (REAL / generation / f"{case}.txt").read_text(encoding="utf-8")
        totals = [line for line in text.splitlines() if re.match(r"\s*\w[\w-]* params:", line)]
        assert len(totals) == 3
        [summary] = api.check_text("Training log\n\n" + "\n".join(totals) + "\n").summaries
        assert (summary.layers, summary.dialect.value) == ((), dialect), case
