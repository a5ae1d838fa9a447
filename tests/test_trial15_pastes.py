"""Trial 15's paste damage (new-user trials on 30 fresh public pastes), applied as code to real
prints."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.damage import unframe

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
from .test_trial14_pastes import bold_markdown_with_parameters

REAL = FIXTURES / "real"
FIXED = truth_paths(
    REAL, ("keras2.2.4", "tf1.14", "tf2.12"), ("cnn_bn", "frozen_layers", "tutorial_cnn")
)
# the prints with `_` rules and rows at the margin (tf.keras 2.7+ indents every line)
RULED = [path for path in FIXED if path.parent.name != "tf2.12"]

# ------------------------------------------------- 15b's 012: a frame around a whole print


def framed(text: str) -> str:
    """Draw one box around a fixed-width print, its rules made the box's edges (15b's 012, an
    appendix of a report): `┌──┐` on top, `├──┤` for each rule inside, `└──┘` below."""
    lines = text.rstrip("\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("_"))
    body = lines[start:]
    width = max(len(line) for line in body) + 2
    out = lines[:start]
    for i, line in enumerate(body):
        if line and not line.strip("_="):
            corner = "┌┐" if i == 0 else "└┘" if i == len(body) - 1 else "├┤"
            out.append(corner[0] + "─" * width + corner[1])
        else:
            out.append("│ " + line.ljust(width - 1) + "│")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_frame_around_a_whole_print_is_taken_off(truth_path: Path) -> None:
    """Before: only the row right under each `├──┤` was looked at (SA001), every other row was
    lost without a word, and the totals checks ran on what was left."""
    truth, text = load_print(truth_path)
    damaged = framed(text)
    assert damaged.count("│") >= 2 * len(truth["layers"]) and "┌" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_keras3_box_is_no_frame() -> None:
    """A Keras 3 box has columns: its lines keep their bars and read as before."""
    truth, text = load_print(REAL / "keras3" / "tutorial_cnn.truth.json")
    assert_reads_as_truth(one_summary(text), truth)
    assert all(unframe(line) == line for line in text.split("\n"))


# ----------------------------------- 15b's 015: a report's list restating the totals below


def with_restated_totals(text: str, total: int) -> str:
    """A generated report's `Model Complexity` list under a summary (15b's 015): the totals
    again, as bold list items in other words, with a figure Keras's lines do not show."""
    return (
        text.rstrip("\n")
        + "\n\n## Model Complexity\n\n"
        + f"- **Total Parameters**: {total:,}\n- **Trainable Parameters**: {total:,}\n"
        + "- **Non-trainable Parameters**: 0\n- **Memory Usage**: 18.03 KB\n"
    )


@pytest.mark.parametrize("truth_path", FIXED[:3], ids=print_id)
def test_totals_a_report_restates_in_a_list_are_no_second_summary(truth_path: Path) -> None:
    """Before: the list was a second summary of 0 rows, with a false SA003 (`totals without a
    table`) and exit status 1."""
    truth, text = load_print(truth_path)
    damaged = with_restated_totals(text, truth["totals"]["trainable"])
    report = api.check_text(damaged)
    assert len(report.summaries) == 1
    assert_reads_as_truth(report.summaries[0], truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_totals_listed_alone_are_still_read() -> None:
    """With no summary above them, listed totals are what the paste holds: read and checked
    against each other (an edited list is caught)."""
    report = api.check_text(with_restated_totals("# My model\n", 4615).replace("0\n", "7\n", 1))
    [summary] = report.summaries
    assert summary.totals.total is not None and summary.totals.total.value == 4615
    assert "SA202" in {f.code for f in report.findings}


# ----------------------------------- 15b's nit: the totals check with an Optimizer params line


def test_the_split_check_names_the_optimizer_line_it_adds() -> None:
    """Keras 3 counts the optimizer's variables in Total once it is built: the check that ran
    is Trainable + Non-trainable + Optimizer = Total (before: named without the Optimizer)."""
    fitted = api.check_text((REAL / "keras3" / "compiled_fitted.txt").read_text())
    plain = api.check_text((REAL / "keras3" / "tutorial_cnn.txt").read_text())
    [with_optimizer], [without] = fitted.summaries, plain.summaries
    assert with_optimizer.totals.optimizer is not None and without.totals.optimizer is None
    assert with_optimizer.coverage is not None and without.coverage is not None
    names = [check.name for check in with_optimizer.coverage.totals]
    assert "Trainable + Non-trainable + Optimizer = Total" in names
    assert "Trainable + Non-trainable = Total" in [c.name for c in without.coverage.totals]


# ------------------------------------------ 15b's 009: a Markdown row with an empty cell too many


@pytest.mark.parametrize(
    "truth_path", [p for p in FIXED if p.parent.name != "tf2.12"], ids=print_id
)
def test_a_markdown_row_with_an_empty_cell_too_many_is_read(truth_path: Path) -> None:
    """`|  gru (GRU)  |               | multiple     | 3938304 |`: before, the row was given up
    (SA001, its count `?`) though its name, shape and count are all there."""
    truth, text = load_print(truth_path)
    table = bold_markdown_with_parameters(text, "params").splitlines()
    rows = [i for i, line in enumerate(table) if re.match(r"\| \w[\w\\]* \(", line)]
    for i in rows[1::2]:
        name, rest = table[i][2:].split(" | ", 1)
        table[i] = f"|  {name}  |               | {rest}"
    damaged = "\n".join(table) + "\n"
    assert damaged.count("|               |") == len(rows[1::2]) > 0
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------------------------------------- 15a's 007: TimeDistributed(Embedding), not a conv


@pytest.mark.parametrize("generation", ["keras3", "tf1.14"])
def test_a_time_distributed_embedding_is_read_as_one(generation: str) -> None:
    """Before: `280 = 10 filters × (K × 0 channels + 1) → K = 27`, a Conv1D reading whose
    arithmetic gives 10, called verified; any count divisible by 10 passed the same way."""
    truth, text = load_print(REAL / generation / "time_distributed_embedding.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    derived = {
        row.name: a.derivation or "" for row, a in zip(summary.layers, summary.audited_rows())
    }
    assert derived["time_distributed"].startswith(
        "280 = 28 × 10 (TimeDistributed(Embedding(28, 10))"
    )
    assert not any("× 0 channels" in text for text in derived.values())


# ------------------------------- 15a's 003: what Non-trainable has left may be a frozen layer


@pytest.mark.parametrize("generation", ["keras3", "tf1.14"])
def test_non_trainable_left_over_is_not_pinned_on_the_unverified_row(generation: str) -> None:
    """A frozen BatchNormalization after a Bidirectional whose input is not shown: the 200 left
    are the BN's gamma and beta, frozen. Before: they `must sit in bidirectional`."""
    truth, text = load_print(REAL / generation / "frozen_bn_after_rnn.truth.json")
    [summary] = api.check_text(text).summaries
    assert_reads_as_truth(summary, truth)
    assert summary.coverage is not None
    reasons = " ".join(check.reason for check in summary.coverage.totals)
    assert "must sit in" not in reasons
    assert "batch_normalization's trainable weights, frozen, are exactly 200" in reasons


# --------------------------------------------------- 15a's 005: totals glued onto one another


def totals_glued(text: str) -> str:
    """A one-line `<pre>` export that lost the line breaks between the totals (15a's 005):
    `Total params: 301Trainable params: 301Non-trainable params: 0`."""
    lines = text.rstrip("\n").split("\n")
    at = [i for i, line in enumerate(lines) if re.match(r"\w[\w-]* params:", line)]
    glued = "".join(lines[i].strip() for i in at)
    return "\n".join([*lines[: at[0]], glued, *lines[at[-1] + 1 :]]) + "\n"


@pytest.mark.parametrize("truth_path", FIXED[:6], ids=print_id)
def test_totals_glued_to_the_count_before_them_are_read(truth_path: Path) -> None:
    """Before: only Total was read, with a false SA003 (`the Trainable and Non-trainable params
    lines are missing`), so an edited Trainable went unseen."""
    truth, text = load_print(truth_path)
    damaged = totals_glued(text)
    assert re.search(r"\dTrainable params: \d", damaged)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------- 15a's 002: a note after a row's count


@pytest.mark.parametrize("note", ["[transferred from VGG]", "<< new head", "# output layer"])
@pytest.mark.parametrize("truth_path", FIXED[:6], ids=print_id)
def test_a_note_after_a_rows_count_is_an_aside(truth_path: Path, note: str) -> None:
    """Before: the row was unreadable (SA001), its count `?`, and Total = rows only bounded."""
    truth, text = load_print(truth_path)
    lines = text.split("\n")
    [summary] = api.check_text(text).summaries
    row = summary.layers[-1]
    lines[row.line - 1] = lines[row.line - 1].rstrip() + "    " + note
    damaged = "\n".join(lines)
    [read] = api.check_text(damaged).summaries
    assert_reads_as_truth(read, truth)
    assert (row.line, note) in read.asides
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ---------------------------------------- 15a's 001: an `input_N` the table has no row of


@pytest.mark.parametrize(
    "case", ["keras2.2.4/merge_ops", "keras2.2.4/big_dense_two_inputs", "tf1.14/merge_ops"]
)
def test_a_reference_to_an_input_the_table_does_not_print_is_flagged(case: str) -> None:
    """A table that prints its InputLayer rows prints every input: a row connected to
    `input_16` names a row that is missing. Before: passed over as a hidden input (the name
    Keras gives a Sequential's unprinted input), and the verdict was `every count adds up`."""
    text = (REAL / f"{case}.txt").read_text(encoding="utf-8")
    assert api.check_text(text).findings == ()
    lines = text.split("\n")
    at = next(
        i for i, line in enumerate(lines) if "input_1[0][0]" in line and "(InputLayer)" not in line
    )
    lines[at] = lines[at].replace("input_1[0][0] ", "input_16[0][0]", 1)
    report = api.check_text("\n".join(lines))
    [summary] = report.summaries
    row = max((layer for layer in summary.layers if layer.line <= at + 1), key=lambda r: r.line)
    sa401 = [(f.line, f.layer) for f in report.findings if f.code == "SA401"]
    assert sa401 == [(row.line, row.name)]
    assert "input_16" in " ".join(f.message for f in report.findings if f.code == "SA401")


@pytest.mark.parametrize("generation", ["keras2.0.8", "tf1.14", "tf2.12"])
def test_a_nested_model_row_naming_a_layer_no_row_has_is_flagged(generation: str) -> None:
    """15a's 001c: a nested model called on a tensor (`encoder_b … input_1[0][0]`) names its
    inbound rows as any row does. Before: the made-up name was taken for the inner layer Keras 1
    names for a Sequential added as it stands (the nested row above), and passed over."""
    text = (REAL / generation / "parallel_nested_models.txt").read_text(encoding="utf-8")
    assert api.check_text(text).findings == ()
    lines = text.split("\n")
    [at] = [i for i, line in enumerate(lines) if line.lstrip().startswith("encoder_b ")]
    lines[at] = lines[at].replace("input_1[0][0]", "dense_9[0][0]", 1)
    report = api.check_text("\n".join(lines))
    sa401 = [f for f in report.findings if f.code == "SA401"]
    assert [(f.line, f.layer) for f in sa401] == [(at + 1, "encoder_b")]
    assert "'dense_9'" in sa401[0].message


# ------------------------------- 15a's 013: slides with LaTeX booktabs tables of Keras 3 prints


def as_booktabs(text: str, title: str = "Layer Type") -> str:
    """Retype a fixed-width print as a booktabs tabular, its header's first title `Layer Type`
    and its totals in `\\multicolumn` cells (15a's 013, lecture slides)."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    cut = column_cutter(text)

    def cells(line: str) -> list[str]:
        return [cell.replace("_", "\\_") for cell in cut(line)]

    out = [
        "\\begin{tabular}{lll}",
        "\\toprule",
        f"{title} & Output Shape & Param \\# \\\\ \\midrule",
    ]
    for line in lines:
        totals = re.match(r"(Total|Trainable|Non-trainable) params: ([\d,]+)", line)
        if totals:
            out.append(f"\\multicolumn{{2}}{{l}}{{{totals[1]} params}} & {totals[2]} \\\\")
        elif re.match(r"\S+ \(\w", line) and line is not header:
            out.append(" & ".join(cells(line)) + " \\\\")
    i = next(i for i, line in enumerate(out) if line.startswith("\\multicolumn"))
    return "\n".join([*out[:i], "\\midrule", *out[i:], "\\bottomrule", "\\end{tabular}"]) + "\n"


@pytest.mark.parametrize("title", ["Layer Type", "Layer", "Layer (type)"])
@pytest.mark.parametrize("truth_path", RULED, ids=print_id)
def test_a_booktabs_table_with_multicolumn_totals_is_read(truth_path: Path, title: str) -> None:
    """Before: no summary at all, or totals alone (`\\midrule` after the header's `\\\\`, totals
    in `\\multicolumn{2}{l}{…}`, a header `Layer Type`)."""
    truth, text = load_print(truth_path)
    damaged = as_booktabs(text, title)
    assert "\\multicolumn{2}{l}{Total params}" in damaged and "\\toprule" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_dropped_optimizer_line_of_a_mixed_precision_model_is_named() -> None:
    """A real Keras 3 print under mixed_float16 (Adam inside a LossScaleOptimizer holds 2T + 6)
    with its Optimizer params line left out. Before: SA202 said the Total line was edited."""
    truth, text = load_print(REAL / "keras3" / "fitted_mixed_precision.truth.json")
    assert api.check_text(text).findings == ()
    assert truth["totals"]["optimizer"] == 2 * truth["totals"]["trainable"] + 6
    dropped = "\n".join(line for line in text.split("\n") if "Optimizer params" not in line)
    split = [f for f in api.check_text(dropped).findings if f.code == "SA202"]
    assert len(split) == 1
    assert "2 × 161 trainable + 6" in split[0].message
    assert "mixed precision" in split[0].message and "Optimizer params" in split[0].message


# --------------------------------- 15a's 006: nbconvert's RST export, one literal block per line


def nbconvert_rst(text: str, spacer_with_row: bool) -> str:
    """A notebook exported by nbconvert to reStructuredText (15a's 006, OpenVINO's notebook
    docs) where the kernel sent each printed line as an output of its own: every line is a
    `.. parsed-literal::` block (an empty line, the line indented four spaces, two empty lines);
    with spacer_with_row, a tf.keras 2.9+ spacer line rides in its row's block, four empty lines
    below the row."""
    blocks: list[list[str]] = []
    for line in text.rstrip("\n").split("\n"):
        if spacer_with_row and blocks and line and not line.strip():
            blocks[-1] += ["", "", "", "", line]
        else:
            blocks.append([line])
    out = ["Some text before the output.", ""]
    for block in blocks:
        out += [".. parsed-literal::", ""]
        out += ["    " + line if line else "" for line in block]
        out += ["", ""]
    out.append(".. image:: training_files/plot.png")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("spacer_with_row", [False, True], ids=["block_per_line", "spacer_in_row"])
@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_print_in_one_literal_block_per_line_is_read_whole(
    truth_path: Path, spacer_with_row: bool
) -> None:
    """Before: the first directive after the header ended the table: 0 rows and SA003."""
    truth, text = load_print(truth_path)
    damaged = nbconvert_rst(text, spacer_with_row)
    assert damaged.count(".. parsed-literal::") > len(truth["layers"])
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_literal_block_keeps_its_line_numbers() -> None:
    """The rows are reported at their own lines of the RST file."""
    truth, text = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    damaged = nbconvert_rst(text, spacer_with_row=True)
    summary = one_summary(damaged)
    lines = damaged.split("\n")
    assert len(summary.layers) == len(truth["layers"])
    for layer in summary.layers:
        assert lines[layer.line - 1].strip().startswith(layer.name)


def test_empty_lines_wait_only_once_a_literal_directive_was_seen() -> None:
    """A live pipe without RST gets each empty line as it comes; after a directive an empty
    line waits for the next line, which tells whether a directive drops it."""
    from summaryaudit.damage import join_literal_blocks
    from summaryaudit.sources import Line

    fed: list[int] = []

    def feed(texts: list[str]) -> Iterator[Line]:
        for number, text in enumerate(texts, 1):
            fed.append(number)
            yield Line(number, text)

    plain = join_literal_blocks(feed(["Epoch 1/2", "", "", "Epoch 2/2"]))
    assert [(next(plain).number, fed[-1]) for _ in range(3)] == [(1, 1), (2, 2), (3, 3)]
    fed.clear()
    rst = join_literal_blocks(
        feed([".. parsed-literal::", "", "    a", "", "", ".. parsed-literal::", "", "    b", ""])
    )
    assert [(line.number, line.text) for line in rst] == [(3, "    a"), (8, "    b"), (9, "")]
