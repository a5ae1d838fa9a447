"""Regex floors for the parse benchmark: a bare row scan and a scan doing comparable work."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# One summary row's first physical line, in every print style the fixtures hold: Keras 1/2
# fixed width (`dense_1 (Dense)   (None, 64)   50240`), tf.keras 2.7+ with a leading space and
# a class cut by the column (`batch_normalization (BatchN  (None, 26, 26, 32)   128`), Keras 1
# with the class touching the shape (`batchnormalization_1 (BatchNormal(None, 26, 26, 32)`),
# Keras 3 boxes (`│ dense (Dense) │ (None, 64) │ 50,240 │`), the cp1252 `|` box, nested `|`
# frames, the `└` of expanded nested rows, names cut with `…`, shapes cut by their column,
# `multiple`, `?` and `[(None, 3)]`. Colour codes are not stripped (one fixture has them).
ROW_BODY = (
    r"(?:[│|└][ \t]*)*"
    r"(?P<name>[^\s│|()]+)"
    r"(?:[ ]?\((?P<cls>[^\s│|()]*)\)?)?"
    r"[ \t│|]*"
    r"(?P<shape>\[?\([^\n]*?\)\]?|\[?\([^\n│|)]*|multiple|\?)"
    r"[ \t│|]+(?P<count>\d[\d,]*)"
)
ROW = re.compile(r"^[ \t]*" + ROW_BODY, re.MULTILINE)

# A header within 40 characters of the line start (room for a box bar and colour codes).
HEADER_PATTERN = r"(?P<header>[^\n]{0,40}?Layer \(type\))"
TOTAL_PATTERN = r"(?P<kind>Total|Trainable|Non-trainable) params: (?P<total>\d[\d,]*)"
# The comparable scan: one pass of one compiled expression over the whole text, anchored at
# line starts, whose match says which of the three kinds of line it found.
SCAN = re.compile(
    rf"^(?:{HEADER_PATTERN}|[ \t]*(?:{TOTAL_PATTERN}|{ROW_BODY}))",
    re.MULTILINE,
)


@dataclass
class FloorSummary:
    """What the comparable floor extracts from one summary: its rows and its totals."""

    rows: list[tuple[str, str, str, int]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)


def bare_scan(text: str) -> int:
    """Count the rows with the row expression over the whole text: the reference floor."""
    return sum(1 for _ in ROW.finditer(text))


def comparable_scan(text: str) -> list[FloorSummary]:
    """Find every summary (header), each row's cells and count, and each summary's totals.

    This is the least a parser must do to audit the counts: the floor the tool is judged by.
    """
    summaries: list[FloorSummary] = []
    current = FloorSummary()
    for match in SCAN.finditer(text):
        if match["header"] is not None:
            current = FloorSummary()
            summaries.append(current)
        elif match["kind"] is not None:
            current.totals[match["kind"]] = int(match["total"].replace(",", ""))
        else:
            current.rows.append(
                (
                    match["name"],
                    match["cls"] or "",
                    match["shape"].strip(),
                    int(match["count"].replace(",", "")),
                )
            )
    return summaries


def floor_rows(summaries: list[FloorSummary]) -> int:
    """Return the number of rows the comparable floor extracted."""
    return sum(len(s.rows) for s in summaries)
