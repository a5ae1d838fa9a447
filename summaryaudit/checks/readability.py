"""SA001 and SA003: lines that could not be read, and summaries pasted in part."""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Finding
from .analysis import Analysis
from .registry import check, finding


@check("SA001")
def unreadable_rows(analysis: Analysis) -> Iterator[Finding]:
    """Rows and totals lines that could not be read."""
    for line, text in analysis.summary.unreadable:
        shown = text if len(text) <= 80 else text[:77] + "…"
        yield finding(
            analysis,
            "SA001",
            f"could not read this line of the summary: {shown!r}; its numbers are not checked",
            line,
        )


@check("SA003")
def incomplete_summary(analysis: Analysis) -> Iterator[Finding]:
    """A table without totals, totals without a table, or a cropped table."""
    summary = analysis.summary
    if not summary.layers and summary.totals.present() and not summary.columns:
        yield finding(
            analysis,
            "SA003",
            "totals without a table: the layer rows were not pasted, so only the totals "
            "can be checked against each other",
            summary.start_line,
        )
    elif not summary.layers and not summary.totals.present() and not summary.unreadable:
        yield finding(
            analysis,
            "SA003",
            "a header without rows or totals: the summary was cut right after its header",
            summary.start_line,
        )
    elif summary.layers and not summary.totals.present():
        yield finding(
            analysis,
            "SA003",
            "table without totals: the Total / Trainable / Non-trainable params lines are "
            "missing, so the rows cannot be checked against them",
            summary.end_line,
        )
    if summary.cropped:
        yield finding(
            analysis,
            "SA003",
            "the table is cropped on the right (a terminal narrower than the table): some "
            "columns are missing; print it again with a wider terminal or a smaller line_length",
            summary.start_line,
        )
