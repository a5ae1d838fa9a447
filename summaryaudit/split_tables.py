"""Join a table whose first rows a page retyped as Markdown and whose rest it left as printed."""

from __future__ import annotations

from typing import Optional

from .kinds import Layout
from .records import Summary

# Lines at most between the Markdown table's last row and the first row printed raw below it
# (a blank line, a line of spaces)
_MOST_LINES_BETWEEN = 3


def may_go_on_below(layout: Layout, summary: Summary) -> bool:
    """Tell whether a summary may go on as a raw print below it: a Markdown table with rows,
    no totals and no rows left out (83c's 010: a README turned the first half of a print into
    a Markdown table and left the second half as Keras printed it)."""
    return (
        layout is Layout.PIPE
        and bool(summary.layers)
        and not summary.totals.present()
        and not summary.elided
    )


def joined(first: Summary, layout: Layout, second: Summary) -> Optional[Summary]:
    """The two halves as one summary, when the second goes on with the first: a raw print
    without its head (the top cut off) right below, the same columns, no layer named in both,
    and the totals; None otherwise."""
    if layout is Layout.PIPE or not second.layers or not second.totals.present():
        return None
    top = second.layers[0].line
    if (
        not any(line <= top for line in second.elided)  # (its head is shown: a print of its own)
        or second.layers[0].line - first.layers[-1].line > _MOST_LINES_BETWEEN + 1
        or second.columns != first.columns
        or not {layer.name for layer in first.layers}.isdisjoint(
            layer.name for layer in second.layers
        )
    ):
        return None
    return Summary(
        source=first.source,
        start_line=first.start_line,
        end_line=second.end_line,
        dialect=second.dialect,
        model_name=first.model_name or second.model_name,
        layers=first.layers + second.layers,
        totals=second.totals,
        columns=first.columns,
        generation=second.generation,
        cropped=first.cropped or second.cropped,
        unreadable=first.unreadable + second.unreadable,
        origins=first.origins + second.origins,
        elided=tuple(line for line in second.elided if line > top),
        asides=first.asides + second.asides,
    )
