"""Trial 83's class readings: a cut class closed by hand; a wrapped row over a cut last row."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from summaryaudit import api
from summaryaudit.records import Report, TypeSource

from .conftest import FIXTURES
from .real_prints import (
    audited_row,
    checked_as_the_print,
    column_cutter,
    load_print,
    paste_ends_inside,
    totals_lines,
)

REAL = FIXTURES / "real"

# --------------- 83b's 006: `maxpooling2d4(MaxPooling2)`, Keras 2's cut `(MaxPooling2` closed by
# hand, read as a class of its own (SA901) beside the same cut left open in the same table

POOLING = "keras2.2.4/frozen_conv_run_no_show_trainable.truth.json"  # two `(MaxPooling2` rows


def _same(name: str) -> str:
    return name


def retyped(
    printed: str,
    truth: dict,  # type: ignore[type-arg]
    closed: int,
    rename: Callable[[str], str] = _same,
) -> str:
    """The print retyped as a Markdown table, each first cell as the column cut it (`(Batch`,
    `(MaxPooling2`), the first `closed` cut `(MaxPooling2` closed by hand with a `)`, and each
    name passed through rename."""
    cells = column_cutter(printed)
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    names = iter(row["name"] for row in truth["layers"])
    for line in printed.splitlines():
        first, shape, count = cells(line)
        if not count.isdigit():
            continue
        name = next(names)
        assert first.startswith(name)
        first = rename(name) + first[len(name) :]
        if first.endswith("(MaxPooling2") and closed:
            first, closed = first + ")", closed - 1
        lines.append(f"| {first} | {shape} | {count} |")
    return "\n".join([*lines, *totals_lines(truth)]) + "\n"


def _pooling_rows(report: Report) -> list[tuple[str, TypeSource | None]]:
    [summary] = report.summaries
    assert summary.audit is not None
    return [
        (row.type, row.type_source)
        for layer, row in zip(summary.layers, summary.audit.rows)
        if "(MaxPooling2" in f"({layer.printed_type}"
    ]


def test_a_cut_closed_by_hand_is_completed_as_the_same_cut_left_open() -> None:
    """Before: the closed `(MaxPooling2)` was a class of its own, its 0 unverified (SA901),
    while `(MaxPooling2` on the other row was completed. The names lost their underscores (as
    in the trial), so only the same cut open in the table says it is MaxPooling2D: both rows
    are completed, and the audit is that of the table with both cuts left open."""
    truth, printed = load_print(REAL / POOLING)

    def flat(name: str) -> str:
        return name.replace("_", "")

    report = api.check_text(retyped(printed, truth, closed=1, rename=flat))
    assert _pooling_rows(report) == [("MaxPooling2D", TypeSource.COMPLETED)] * 2
    left_open = api.check_text(retyped(printed, truth, closed=0, rename=flat))
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in left_open.findings
    ]
    assert "SA901" not in {f.code for f in report.findings}


def test_a_cut_closed_by_hand_on_a_default_name_reads_as_the_print() -> None:
    """Both cuts closed: `max_pooling2d_1 (MaxPooling2)` in a table whose column visibly cuts
    classes (`(Batch`) is read as the print's cut, MaxPooling2D completed (marked and said in
    the note), not as a misspelling; the rows and findings are the print's."""
    truth, printed = load_print(REAL / POOLING)
    report = checked_as_the_print(retyped(printed, truth, closed=2), truth, printed)
    assert _pooling_rows(report) == [("MaxPooling2D", TypeSource.COMPLETED)] * 2
    [summary] = report.summaries
    assert audited_row(summary, "max_pooling2d_1").derivation == (
        "0: MaxPooling2D has no weights (it only takes the max over each window)"
    )


def test_a_class_of_its_own_named_like_a_cut_stays_its_own() -> None:
    """No evidence, no completion: `pool_1 (MaxPooling2)` and `pool_2 (MaxPooling2)`, both
    closed, no default name and no open cut of it in the table, stay a class of their own."""
    truth, printed = load_print(REAL / POOLING)

    def renamed(name: str) -> str:
        return name.replace("max_pooling2d", "pool")

    report = api.check_text(retyped(printed, truth, closed=2, rename=renamed))
    assert _pooling_rows(report) == [("MaxPooling2", TypeSource.PRINTED)] * 2
    assert [(f.code, f.layer) for f in report.findings if f.code == "SA901"] == [
        ("SA901", "pool_1"),
        ("SA901", "pool_2"),
    ]


def test_a_class_closed_on_its_own_default_name_stays_its_own() -> None:
    """`max_pooling2_1 (MaxPooling2)`: the row's name is the default name of the class printed
    (a class of its own whose cut, before its `)`, another row may show): not completed."""
    truth, printed = load_print(REAL / POOLING)

    def renamed(name: str) -> str:
        return name.replace("max_pooling2d", "max_pooling2")

    report = api.check_text(retyped(printed, truth, closed=1, rename=renamed))
    [summary] = report.summaries
    assert audited_row(summary, "max_pooling2_1").type == "MaxPooling2"


# --------------- 83h's 014: a tf.keras 2.13 print without its lines of blanks, cut after the first
# cell of `expanded_conv_project (Con`, below `expanded_conv_depthwise_re` / ` lu (ReLU) … ][0]']`:
# the two glued into one row of no class, the cut row not said

LONG_NAMES = REAL / "tf2.12/two_input_long_names.truth.json"


def cut_at_the_first_cell_of(printed: str, row: str, spacers: bool) -> tuple[str, str]:
    """The print up to the first line of the row whose name starts `row`, that line cut after
    its first cell (the paste ends there), maybe without the lines of blanks between rows; and
    what the paste shows of that row."""
    lines = printed.splitlines()
    width = lines[2].index("Output Shape")
    at = next(i for i, line in enumerate(lines) if line.startswith(f" {row}"))
    above = [line for line in lines[:at] if spacers or line.strip()]
    piece = lines[at][:width].rstrip()
    return "\n".join([*above, piece]), piece.strip()


@pytest.mark.parametrize("spacers", [False, True])
@pytest.mark.parametrize(
    ("row", "rows_above"),
    [
        ("concatenate_customer", 4),  # below `merchant_category_dense_projec` / ` tion (Dense)`
        ("fraud_probability", 6),  # below a first cell over three lines (` )`)
    ],
)
def test_a_row_the_paste_cuts_below_a_wrapped_row_is_reported(
    row: str, rows_above: int, spacers: bool
) -> None:
    """Before: without the lines of blanks, the wrapped row's end and the cut line were glued
    into one row (`merchant_category_dense_projection (Dense)concatenate_customer_and_merch`,
    its class lost); with them, a cut name was dropped without a word. Now the rows above read
    as the model has them, and the cut one is said: the paste ends inside it."""
    truth, printed = load_print(LONG_NAMES)
    pasted, piece = cut_at_the_first_cell_of(printed, row, spacers)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (want["name"], want["type"], want["params"]) for want in truth["layers"][:rows_above]
    ]
    said = [(f.code, f.message) for f in report.findings if f.code == "SA001"]
    assert said == [paste_ends_inside(piece)]
    assert summary.coverage is not None and summary.coverage.rows_verified == rows_above
