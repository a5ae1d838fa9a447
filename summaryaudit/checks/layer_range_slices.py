"""Whether the rows printed are a layer_range slice: what the numbering and the counts show."""

from __future__ import annotations

from typing import Optional

from ..records import Totals
from .analysis import Analysis, once_per_analysis
from .rows import (
    LAYER_RANGE_DIALECTS,
    numbering_gap,
    optimizer,
    rows_sum,
    sliced,
    split_adds_up,
)
from .verified_rows import verified_rows


def unnumbered_tail(analysis: Analysis, rows: int, expected: int) -> Optional[str]:
    """Evidence that rows after the last one printed were left out by layer_range, or None.

    When every row's count is verified and the totals lines add up among themselves, a Total
    larger than the rows cannot come from an edited row; with no gap in the layer numbering
    either, the rows printed are one unbroken run of the model: a layer_range slice.
    """
    summary = analysis.summary
    if rows >= expected or summary.dialect not in LAYER_RANGE_DIALECTS or numbering_gap(summary):
        return None
    if not split_adds_up(analysis) or not all(verified_rows(analysis)):
        return None
    numbered = any(layer.name.rpartition("_")[2].isdigit() for layer in summary.layers)
    numbering = (
        "the layer numbering has no gap"
        if numbered
        else "no layer numbering shows a gap (the names carry no numbers)"
    )
    agree = (
        "the totals lines agree among themselves"
        if summary.totals.total is not None
        else "the Total line is not shown"  # (Trainable + Non-trainable stand in for it)
    )
    return (
        f"every row's count is verified, {agree} and {numbering}, so the rows shown are one "
        "unbroken run of the model"
    )


@once_per_analysis
def slice_evidence(analysis: Analysis) -> Optional[str]:
    """What shows the rows are a layer_range slice (sliced, or unnumbered_tail against Total
    less the optimizer's variables), or None: the rows left out hold weights no check sees."""
    found = sliced(analysis)
    if found is not None:
        return found
    total = Totals.value_of(analysis.summary.totals.total)
    if total is None or not analysis.layers:
        return None
    return unnumbered_tail(analysis, rows_sum(analysis), total - optimizer(analysis.summary))
