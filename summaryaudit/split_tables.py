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
    and totals the rows of both add up to, but not the raw rows alone; None otherwise."""
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
        or not _adds_up_only_joined(first, second)
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


def _adds_up_only_joined(first: Summary, second: Summary) -> bool:
    """Tell whether the raw rows fall short of their totals by exactly the Markdown table's
    rows: a print's two halves; a print that adds up on its own is another model's (the
    review of trial 86's item 1)."""
    counts = [layer.params for layer in (*first.layers, *second.layers)]
    if any(count is None for count in counts):
        return False
    above = sum(layer.params or 0 for layer in first.layers)
    totals = second.totals
    total = totals.total.value if totals.total is not None else None
    if total is not None and totals.optimizer is not None and totals.optimizer.value:
        total -= totals.optimizer.value
    if total is None and totals.trainable is not None and totals.non_trainable is not None:
        trainable, frozen = totals.trainable.value, totals.non_trainable.value
        total = None if trainable is None or frozen is None else trainable + frozen
    return total is not None and above > 0 and sum(count or 0 for count in counts) == total
