"""Regex floors for the parse benchmark: a bare row scan and a scan doing comparable work."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

if sys.version_info < (3, 11):
    raise SystemExit("the regex floors need Python 3.11 or later (possessive quantifiers)")

# One summary row's first physical line, in every print style the fixtures hold: Keras 1/2
# fixed width (`dense_1 (Dense)   (None, 64)   50240`), tf.keras 2.7+ with a leading space and
# a class cut by the column (`batch_normalization (BatchN  (None, 26, 26, 32)   128`), Keras 1
# with the class touching the shape (`batchnormalization_1 (BatchNormal(None, 26, 26, 32)`),
# Keras 3 boxes (`│ dense (Dense) │ (None, 64) │ 50,240 │`), the cp1252 `|` box, nested `|`
# frames, the `└` of expanded nested rows (whose name may wrap to the next line), names cut
# with `…`, shapes cut by their column, dicts of outputs (`{'pooled_output': (N`), `multiple`,
# `?`, `None` (an output of unknown rank) and `[(None, 3)]`. A shape opens with `None`, a
# number, `?`, `(` or `)`: no class wrapped onto a line of its own (`t_BN (QuantizeWrapperV2)`).
# Colour codes are not stripped (one fixture has them). Possessive quantifiers (`*+`, `++`:
# Python 3.11) keep a line that is no row from being retried at every split of its first word.
ROW_BODY = (
    r"[ \t]*+(?:[│|][ \t]*+)*+(?:└[ \t]*+)?"
    r"(?P<name>[^\s│|()]++)"
    r"(?:[ ]?\((?P<cls>[^\s│|()]*+)\)?)?"
    r"[ \t│|]*+"
    r"(?P<shape>\[?\((?=None|[\d?()])(?:[^\n]*?\)\]?|[^\n│|)]*)|\{'[^\n]*?|multiple|\?|None)"
    r"[ \t│|]+(?P<count>\d[\d,]*+)"
)
# A header within 40 characters of the line start (room for a box bar and colour codes); a
# narrow Keras 3 box wraps it to `┃ Layer     ┃` over `┃ (type)    ┃`; Keras 0.3 wrote
# `Layer (name)`.
HEADER_PATTERN = r"(?P<header>[^\nL]{0,40}+Layer(?: \((?:type|name)\)|[ \t]*+┃))"
TOTAL_PATTERN = r"[ \t]*+(?P<kind>Total|Trainable|Non-trainable) params: (?P<total>\d[\d,]*+)"
# The comparable scan's one expression: its match says which of three kinds of line it found.
LINE_PATTERN = rf"(?:{HEADER_PATTERN}|{TOTAL_PATTERN}|{ROW_BODY})"


class LineScan:
    """One expression tried at every line start of a whole text, in C.

    Each match starts after a newline: a literal first character lets the regex engine skip to
    the next newline at C speed, where a `^` with MULTILINE is tried at every character. The
    text's first line is tried on its own.
    """

    def __init__(self, pattern: str) -> None:
        self.first = re.compile(pattern)
        self.others = re.compile("\n" + pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Yield the matches at every line start of text, in order."""
        first = self.first.match(text)
        if first is not None:
            yield first
        yield from self.others.finditer(text)


ROW = LineScan(ROW_BODY)
SCAN = LineScan(LINE_PATTERN)


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
