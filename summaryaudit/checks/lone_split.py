"""SA206: a Trainable or Non-trainable line printed without Total, against the rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..records import CheckState, Finding, TotalsCheck
from .analysis import Analysis
from .bn_statistics import non_trainable_floor
from .registry import check, finding
from .rows import gaps, rows_sum, sliced
from .total_readings import every_count_derived, looks_subclassed

TRAINABLE_ROWS = "Trainable ≤ sum of the rows − moving statistics"
NON_TRAINABLE_ROWS = "Non-trainable ≤ sum of the rows"
_TRAINABLE, _NON_TRAINABLE = "Trainable", "Non-trainable"


def lone_split(analysis: Analysis) -> Optional[tuple[str, int, int]]:
    """The one split line printed where Total and the other are not (86a's 003: `Trainable
    params: 96,456` alone under a box): its name, count and line; None otherwise."""
    totals = analysis.summary.totals
    if totals.total is not None or not analysis.layers:
        return None
    trainable, non_trainable = totals.trainable, totals.non_trainable
    if (trainable is None) == (non_trainable is None):
        return None
    count = trainable if trainable is not None else non_trainable
    if count is None or count.value is None or count.rounded is not None:
        return None
    return (_TRAINABLE if trainable is not None else _NON_TRAINABLE), count.value, count.line


def _comparable(analysis: Analysis) -> bool:
    """Tell whether the rows are the whole model: no gap, no layer_range slice."""
    return not gaps(analysis) and sliced(analysis) is None


@check("SA206")
def lone_split_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """A Trainable (or Non-trainable) line printed alone holds more than the rows can."""
    lone = lone_split(analysis)
    if lone is None or not _comparable(analysis):
        return
    which, stated, line = lone
    rows = rows_sum(analysis)
    other = _NON_TRAINABLE if which == _TRAINABLE else _TRAINABLE
    said = f"Total and {other} params are not shown, and {which} params says {stated:,}"
    cause = (
        "a row is missing from the paste (every row's count shown follows from its shapes)"
        if every_count_derived(analysis)
        else "a row's count was lowered or a row is missing from the paste"
    )
    if looks_subclassed(analysis.summary):
        cause += " (or the subclassed model creates weights of its own with add_weight)"
    if stated > rows:
        yield finding(
            analysis,
            "SA206",
            f"{said}, but all the rows add up to {rows:,} (less by {stated - rows:,}): the "
            f"{which.lower()} weights are some of the weights the rows count, so {cause}, or "
            f"{which} was edited",
            line,
        )
        return
    floor, _ = non_trainable_floor(analysis) if which == _TRAINABLE else (0, [])
    if stated > rows - floor:
        yield finding(
            analysis,
            "SA206",
            f"{said}, but the rows add up to {rows:,}, and {floor:,} of that are weights "
            "training does not update (such as BatchNormalization's moving mean and variance): "
            f"at most {rows - floor:,} can be trainable, so {cause}, or Trainable was edited",
            line,
        )


def lone_split_coverage(analysis: Analysis) -> Optional[TotalsCheck]:
    """How far SA206 went: checked when the line's count is all the rows can hold of it,
    bounded when the rest may be frozen weights, skipped when the rows are not all shown."""
    lone = lone_split(analysis)
    if lone is None:
        return None
    which, stated, _ = lone
    name = TRAINABLE_ROWS if which == _TRAINABLE else NON_TRAINABLE_ROWS
    if not _comparable(analysis):
        hidden = gaps(analysis)
        reason = " and ".join(hidden) if hidden else "layer_range print: rows left out"
        return TotalsCheck(name, CheckState.SKIPPED, reason)
    rows = rows_sum(analysis)
    floor, _ = non_trainable_floor(analysis) if which == _TRAINABLE else (0, [])
    most = rows - floor
    if stated >= most:
        return TotalsCheck(name, CheckState.CHECKED)
    other = _NON_TRAINABLE if which == _TRAINABLE else _TRAINABLE
    return TotalsCheck(
        name,
        CheckState.BOUNDED,
        f"Total and {other} are not shown: the rows could hold {most:,} {which.lower()} "
        f"weights, and the other {most - stated:,} may be "
        + ("frozen weights" if which == _TRAINABLE else "weights that train"),
    )
