"""SA001 and SA003: lines that could not be read, and summaries pasted in part."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..dialects import TRAINABLE_COUNT_ERAS
from ..lines import ROW_CUT_BEFORE_COUNT
from ..patterns import lazy
from ..records import Finding, Severity, Summary
from .analysis import Analysis
from .bn_statistics import non_trainable_floor
from .lone_split import lone_split_checked
from .registry import check, finding
from .rows import clipped, cut_above, rows_complete, rows_sum, shows_no_count_column, top_rows
from .verified_rows import verified_rows

# `d`, `dense_1 (De`, `dense_1 (Dense)`, `dense_1 (Dense)  (None, 1`
_NAME_START = lazy(ROW_CUT_BEFORE_COUNT + r"[ \t]*")
# `dense_1 (Dense)  (None, 10)`, `batch_normalization_1 (Batch (None, 10)`
# a layer's name as Keras makes it (`dense_1`, `ba`), or an author's with a mark of one
# (`Encoder-10-…`, `Conv1`, `Decoder (Dense`)
_LAYER_NAME_START = lazy(r"[a-z_]|[\w.]*[-_(0-9]|[\w.-]+ \(")
# (or a box row's whole shape cell, its bar after it: 81g's 010)
_SHAPE_SHOWN = lazy(r".*[ \t]\[?\((?:None|\d)[^()]*\)\]?[ \t]*(?:[│┃|][ \t]*)?")
_SHAPE_STARTED = lazy(r"[ \t]\[?\((?:None|\d)")


@check("SA001")
def unreadable_rows(analysis: Analysis) -> Iterator[Finding]:
    """Rows and totals lines that could not be read."""
    summary = analysis.summary
    last = summary.layers[-1] if summary.layers else None
    for index, (line, text) in enumerate(summary.unreadable):
        if (
            last is not None
            and line == last.line == summary.end_line
            and last.params is None
            and not summary.totals.present()
        ):
            # the paste ends inside the row: what was read of it stands (32b's nit)
            said = f"the paste ends inside this row ({clipped(text, 80)!r}): {_not_shown(text)}"
        elif (
            line == summary.end_line
            and (
                last is None
                or line > last.line
                # a print on one line: its last piece (58d's 003: `… ____ d`)
                or (line == last.line and index == len(summary.unreadable) - 1)
            )
            and _NAME_START.fullmatch(text) is not None  # a row's start, no row's cells
            # (a capitalised word alone is a note after the row, not a layer's name: `Why`)
            and _LAYER_NAME_START.match(text.lstrip()) is not None
            and not summary.totals.present()
        ):
            # the paste ends at the start of a row below the last one read (42a's 015)
            said = f"the paste ends inside this row ({clipped(text, 80)!r}): {_not_shown(text)}"
        else:
            said = f"could not read this line of the summary: {clipped(text, 80)!r}"
        yield finding(analysis, "SA001", f"{said}; its numbers are not checked", line)


def _not_shown(text: str) -> str:
    """What of a row the paste cut before its count does not show (its count, maybe more)."""
    if _SHAPE_SHOWN.fullmatch(text):
        return "its count is not shown"
    if _SHAPE_STARTED.search(text):
        return "its shape is cut and its count not shown"
    return "its shape and count are not shown"


@check("SA003")
def incomplete_summary(analysis: Analysis) -> Iterator[Finding]:
    """A table without totals, totals without a table, or a cropped table."""
    summary = analysis.summary
    if not summary.layers and summary.totals.present() and not summary.columns:
        yield finding(
            analysis,
            "SA003",
            "totals without a table: no layer rows were read with them (not pasted, or in a "
            "form summaryaudit does not read), so only the totals can be checked against each "
            "other",
            summary.start_line,
        )
    elif not summary.layers and summary.totals.present() and not summary.unreadable:
        yield finding(
            analysis,
            "SA003",
            "a header and totals without rows: no layer row was read between them, so the "
            "totals cannot be checked against the rows",
            summary.start_line,
        )
    elif not summary.layers and not summary.totals.present() and not summary.columns:
        title = f'Model: "{summary.model_name}"' if summary.model_name else "the Model: line"
        ruled = " and its rule" if summary.end_line > summary.start_line else ""
        yield finding(
            analysis,
            "SA003",
            f"a title without its table: the paste ends right after {title}{ruled}, so "
            "nothing of this summary can be checked",
            summary.start_line,
        )
    elif not summary.layers and not summary.totals.present() and summary.elided:
        yield finding(
            analysis,
            "SA003",
            "a header over left-out rows (`...`) and no totals: nothing in it can be checked",
            summary.start_line,
            severity=Severity.INFO,  # an excerpt shown as such: nothing in it is wrong
        )
    elif not summary.layers and not summary.totals.present() and not summary.unreadable:
        yield finding(
            analysis,
            "SA003",
            "a header without rows or totals: the summary was cut right after its header",
            summary.start_line,
        )
    elif summary.layers and not summary.totals.present() and cut_above(summary):
        yield finding(
            analysis,
            "SA003",
            "rows from the middle of a table: the rows above the first one shown are left out "
            "and the totals were not pasted, so "
            + (
                "each row is checked on its own and none against the totals"
                if "params" in summary.columns
                else "none is checked against the totals"  # (nor on its own: no Param #)
            )
            + _stops_inside_the_last_row(summary),
            summary.start_line,
            severity=Severity.INFO,  # an excerpt shown as such: nothing in it is wrong
        )
    elif summary.layers and not summary.totals.present():
        # (58d's 002: a paste that stops inside a rule under its seventh row, of many more:
        # the sum of the rows shown is the model's total only if none was cut off below)
        added = (
            f" ({_the_rows(len(top_rows(analysis)))} {rows_sum(analysis):,}, to compare with any "
            "total given elsewhere; rows cut off below the last one would add to it)"
            if rows_complete(analysis)
            else ""
        )
        unread = _unread_totals_line(summary)
        said = (
            f"the Total / Trainable / Non-trainable params lines are missing or unreadable "
            f"(line {unread} names a total, but it could not be read)"
            if unread is not None
            else "the Total / Trainable / Non-trainable params lines are missing"
        )
        below = (
            f"; line {summary.end_line} marks rows left out below the last one shown (the "
            "paste stops inside the table)"
            if summary.elided and summary.elided[-1] == summary.end_line > summary.layers[-1].line
            else ""
        )  # (58d's 002: a `_` rule cut short under the seventh row)
        yield finding(
            analysis,
            "SA003",
            f"table without totals: {said}, so the rows cannot be checked against them"
            f"{added}{below}",
            summary.end_line,
            # an excerpt shown as such (96a's 004: `...` under the last row quoted): nothing in
            # it is wrong
            severity=Severity.INFO if below and unread is None else None,
        )
    elif (
        summary.layers
        and (missing := missing_totals(summary)) == ["Non-trainable"]
        and (given := _non_trainable_given(analysis))
    ):
        message, agrees = given
        yield finding(
            analysis,
            "SA003",
            message,
            summary.totals.trainable.line if summary.totals.trainable else summary.end_line,
            severity=Severity.INFO if agrees else None,  # (81a's 006: the line left out)
        )
    elif summary.layers and missing:
        lines = "lines are" if len(missing) > 1 else "line is"
        them = "them" if len(missing) > 1 else "it"
        printed = (summary.totals.total, summary.totals.trainable, summary.totals.non_trainable)
        yield finding(
            analysis,
            "SA003",
            f"the {' and '.join(missing)} params {lines} missing, so {_unchecked(missing)} "
            f"cannot be checked{_still_checked(analysis, missing)}: every Keras since 1.2 prints "
            "Total, Trainable and Non-trainable params (Keras 1.0–1.1 printed Total alone, "
            f"without thousands separators), so the paste cut {them} off, or a table written by "
            f"hand left {them} out",
            max(count.line for count in printed if count is not None),
        )
    if shows_no_count_column(summary):
        yield finding(
            analysis,
            "SA003",
            "the table shows no Param # column (a terminal narrower than the table cropped it, "
            "or the paste left it out), so no row's count can be checked",
            summary.start_line,
        )  # (81c's 011: rows of a name and a shape only; a Keras 3 box cropped: advice below)
    elif summary.cropped:
        yield finding(
            analysis,
            "SA003",
            "the table is cropped on the right (a terminal narrower than the table): some "
            "columns are missing; print it again with a wider terminal or a smaller line_length",
            summary.start_line,
        )


def _non_trainable_given(analysis: Analysis) -> Optional[tuple[str, bool]]:
    """What Total − Trainable says of the Non-trainable params line a paste left out (81a's
    006: a table written by hand keeps Total and Trainable only), and whether the rows agree
    with it; None when a count is not shown."""
    totals = analysis.summary.totals
    if totals.total is None or totals.trainable is None:
        return None
    total, trainable = totals.total.value, totals.trainable.value
    # Keras 3's Total counts the optimizer's variables too (90b's 006b: 6,191 − 2,063 said
    # 4,128, all of them Adam's)
    optimizer = totals.optimizer.value if totals.optimizer is not None else 0
    if total is None or trainable is None or optimizer is None or trainable + optimizer > total:
        return None
    given = total - trainable - optimizer
    floor, _ = non_trainable_floor(analysis)
    minus = " − Optimizer" if optimizer else ""
    said = (
        f"the Non-trainable params line is missing, but Total − Trainable{minus} gives it: "
        f"{total:,} − {trainable:,}{f' − {optimizer:,}' if optimizer else ''} = {given:,}"
    )
    if floor > given:
        return (
            f"{said}, fewer than the {floor:,} weights training does not update that the rows "
            "hold (such as BatchNormalization's moving mean and variance): a count was edited, "
            "or the paste cut the line",
            False,
        )
    if given == floor == 0 and rows_complete(analysis):
        if all(verified_rows(analysis)):
            return f"{said}, as the rows say: none holds weights training does not update", True
        # (91a's 010: two TransformerBlock rows no formula checks, which may hold some)
        return f"{said}: no row verified holds weights training does not update", True
    return f"{said} (the rows hold at least {floor:,} of them)", True


def _stops_inside_the_last_row(summary: Summary) -> str:
    """What to add where the paste also stops inside its last row's Connected to list (82a's
    013: `['add_5[0`): rows below it may be left out too; '' otherwise."""
    last = summary.layers[-1]
    entry = last.connected_to[-1] if last.connected_to else ""
    if entry.count("[") <= entry.count("]") or last.line != summary.end_line:
        return ""
    return (
        f"; the paste also stops inside the Connected to list of {last.name}, its last row "
        f"(line {last.line}), so rows below it may be left out too"
    )


def _unchecked(missing: list[str]) -> str:
    """What the totals lines left out would have let the audit check."""
    if missing == ["Total"]:
        return "the printed Total (Trainable + Non-trainable stand in for it)"
    if "Total" in missing:
        return "the sum of the rows against the totals"
    return "how many weights are frozen or moving statistics"


def _still_checked(analysis: Analysis, missing: list[str]) -> str:
    """What the one split line printed still lets the audit check (SA206; 86a's 003), where it
    did (not across an elided gap, nor on a possible layer_range print)."""
    if not lone_split_checked(analysis):
        return ""
    if missing == ["Total", "Non-trainable"]:
        return ", only that the rows hold at least Trainable params"
    if missing == ["Total", "Trainable"]:
        return ", only that the rows hold at least Non-trainable params"
    return ""


def _unread_totals_line(summary: Summary) -> Optional[int]:
    """The first unreadable line of a summary that names a total (`=======Total parans:
    28,824,384`, an OCR's; `- **Total parameters:** ~1.3M`), or None."""
    for line, text in summary.unreadable:
        if "otal" in text and ("aram" in text or "aran" in text or ":" in text):
            return line
    return None


def missing_totals(summary: Summary) -> list[str]:
    """Return the totals lines a cropped paste lost, when some are printed: not the Trainable
    and Non-trainable lines after Keras 1.0–1.1's lone Total (no thousands separators)."""
    totals = summary.totals
    printed = {
        "Total": totals.total,
        "Trainable": totals.trainable,
        "Non-trainable": totals.non_trainable,
    }
    missing = [label for label, count in printed.items() if count is None]
    lone = totals.total
    if (
        missing == ["Non-trainable"]
        and totals.trainable is not None
        and totals.trainable.value is None
        and totals.trainable.rounded is not None
    ):
        # an author's rounded Trainable line under the lone Total (review 92's item 3): what
        # the print shows is still Total alone
        missing = ["Trainable", "Non-trainable"]
    if len(missing) == 3 or (
        missing == ["Trainable", "Non-trainable"]
        and lone is not None
        and summary.generation in TRAINABLE_COUNT_ERAS
        and "," not in lone.text
        and lone.size is None
    ):
        return []
    return missing


def _the_rows(count: int) -> str:
    """`the 3 rows add up to`, `the 1 row counts`."""
    return "the 1 row counts" if count == 1 else f"the {count} rows add up to"
