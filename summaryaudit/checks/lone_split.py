"""SA206: a Trainable or Non-trainable line printed without Total, against the rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from ..formulas.common import OK
from ..formulas.normalization import bn_on_another_axis, bn_readings_off_the_channel_axis
from ..records import CheckState, Finding, Severity, TotalsCheck
from .analysis import Analysis, once_per_analysis
from .registry import check, finding
from .rows import LAYER_RANGE_DIALECTS, gaps, leaves, numbering_gap, rows_sum, sliced
from .total_readings import every_count_derived, looks_subclassed
from .verified_rows import verified_rows

TRAINABLE_ROWS = "Trainable ≤ sum of the rows − moving statistics"
NON_TRAINABLE_ROWS = "Non-trainable ≤ sum of the rows"
_TRAINABLE, _NON_TRAINABLE = "Trainable", "Non-trainable"
_SLICE = "layer_range print: rows may be left out"


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
    """Tell whether the rows are the whole model as far as the print shows: no gap, no slice."""
    return not gaps(analysis) and sliced(analysis) is None


def _may_be_a_slice(analysis: Analysis) -> bool:
    """Tell whether the rows may be a model.summary(layer_range=...) print's head: a print
    that has layer_range, every row verified and no gap in the layer numbering (with no Total
    line, nothing else tells: the review of 86a's 003, a head slice from its InputLayer)."""
    summary = analysis.summary
    return (
        summary.dialect in LAYER_RANGE_DIALECTS
        and numbering_gap(summary) is None
        and all(verified_rows(analysis))
    )


def _least_statistics(analysis: Analysis) -> int:
    """The moving statistics every verified row holds at least: of a BatchNormalization count
    that reads two ways (6 on (None, 2, 3): 2 × 3 with center and scale off, or 3 × 2 over axis
    1), the reading that holds fewer, since no Total settles it (the review of 86a's 003)."""
    least = 0
    for i in leaves(analysis):
        derived = analysis.derivations[i]
        if derived is None or derived.status != OK or not derived.non_trainable:
            continue
        facts = analysis.facts[i]
        held = [derived.non_trainable]
        held += [other.non_trainable or 0 for other, _ in bn_readings_off_the_channel_axis(facts)]
        if (other := bn_on_another_axis(facts)) is not None:
            held.append(other.non_trainable or 0)
        least += min(held)
    return least


def _most(analysis: Analysis, which: str) -> tuple[int, int]:
    """The sum of the rows, and the most of it the line's weights can be."""
    rows = rows_sum(analysis)
    return rows, rows - (_least_statistics(analysis) if which == _TRAINABLE else 0)


@check("SA206")
def lone_split_vs_rows(analysis: Analysis) -> Iterator[Finding]:
    """A Trainable (or Non-trainable) line printed alone holds more than the rows can."""
    lone = lone_split(analysis)
    if lone is None or not _comparable(analysis):
        return
    which, stated, line = lone
    rows, most = _most(analysis, which)
    if stated <= most:
        return
    other = _NON_TRAINABLE if which == _TRAINABLE else _TRAINABLE
    said = f"Total and {other} params are not shown, and {which} params says {stated:,}"
    if stated > rows:
        said += f", but all the rows add up to {rows:,} (less by {stated - rows:,})"
    else:
        said += (
            f", but the rows add up to {rows:,}, and at least {rows - most:,} of that are weights "
            "training does not update (such as BatchNormalization's moving mean and variance): "
            f"at most {most:,} can be trainable"
        )
    if _may_be_a_slice(analysis):
        yield finding(
            analysis,
            "SA206",
            f"{said}: this looks like a model.summary(layer_range=...) print (every row's count "
            "is verified and no layer numbering shows a gap, so the rows shown may be one "
            "unbroken run of the model), whose rows not shown hold the rest, which is not "
            f"checked; otherwise a row is missing from the paste, or {which} was edited",
            line,
            severity=Severity.INFO,
        )
        return
    cause = (
        "a row is missing from the paste (every row's count shown follows from its shapes)"
        if every_count_derived(analysis)
        else "a row's count was lowered or a row is missing from the paste"
    )
    if looks_subclassed(analysis.summary):
        cause += " (or the subclassed model creates weights of its own with add_weight)"
    part = (
        f"the {which.lower()} weights are some of the weights the rows count, so "
        if stated > rows
        else "so "
    )
    yield finding(analysis, "SA206", f"{said}: {part}{cause}, or {which} was edited", line)


@once_per_analysis
def lone_split_coverage(analysis: Analysis) -> Optional[TotalsCheck]:
    """How far SA206 went: checked when the line's count is all the rows can hold of it (or
    more: the error), bounded when the rest may be frozen weights or the rows a layer_range
    slice, skipped when the rows are not all shown. Once per analysis (the coverage and SA003
    ask)."""
    lone = lone_split(analysis)
    if lone is None:
        return None
    which, stated, _ = lone
    name = TRAINABLE_ROWS if which == _TRAINABLE else NON_TRAINABLE_ROWS
    if not _comparable(analysis):
        hidden = gaps(analysis)
        return TotalsCheck(name, CheckState.SKIPPED, " and ".join(hidden) if hidden else _SLICE)
    _, most = _most(analysis, which)
    if stated > most and _may_be_a_slice(analysis):
        return TotalsCheck(name, CheckState.BOUNDED, _SLICE)
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


def lone_split_checked(analysis: Analysis) -> bool:
    """Tell whether SA206 compared the lone line with the rows (for SA003 to say so)."""
    found = lone_split_coverage(analysis)
    return found is not None and found.reason != _SLICE and found.state is not CheckState.SKIPPED
