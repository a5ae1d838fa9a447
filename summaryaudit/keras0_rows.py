"""Read Keras 0.3's summary rows, which print each layer's class before its name."""

from __future__ import annotations

import re
from typing import Optional

from .input_shape_column import TOTALS_LABELS
from .patterns import lazy

# Keras 0.3 (Dec 2015 to Mar 2016; utils/layer_utils.py's model_summary): the header `Layer
# (name)  Output Shape  Param #`, rows `Dense (hidden)  (None, 64)  1344`, and a Graph model's
# inputs as `Layer (user_input)` (78b's 004, a README's print). Columns end at 30, 60 and 80.
# (or spaced inside its brackets as a code highlighter's copy writes it: `Dense ( hidden )`)
_HEADER = lazy(r"^(?P<lead>.{0,12}?)(?P<title>Layer \( ?name ?\))(?= +Output Shape +Param #)", re.M)
# (a cell longer than its 30 characters is cut there, the shape glued to it: `Layer
# (user_features_input_vec(None, 32)`, the review of trial 77's item 2)
_ROW = lazy(r"(?P<cls>[A-Z]\w*) \( ?(?P<name>[^()\s]+)(?: ?(?P<closed>\))| ?(?=\())")


def may_open(text: str) -> bool:
    """A cheap test: could the text hold such a header?"""
    return "name" in text and _HEADER.search(text) is not None


class Keras0Rows:
    """Writes the header's `Layer (name)` as `Layer (type)` and each row under it as Keras
    1 and later print it, `hidden (Dense)` for `Dense (hidden)` (as many characters: the
    columns stay), until the totals; a Graph model's input, Keras 0.3's plain `Layer`, is an
    InputLayer."""

    def __init__(self) -> None:
        self.lead: Optional[int] = None  # the open table's characters before its first cell
        self.rows = 0  # the rows written since its header

    def idle(self) -> bool:
        """Tell whether no such table is open."""
        return self.lead is None

    def apply(self, text: str) -> str:
        """Return the line as Keras 1 would print it."""
        if self.lead is None:
            if "name" not in text:
                return text
            found = _HEADER.match(text)
            if found is None:
                return text
            self.lead, self.rows = found.end("lead"), 0
            title = found["title"]
            return text.replace(title, "Layer (type)".ljust(len(title)), 1)
        core = text.strip()
        if core.startswith(TOTALS_LABELS) or (not core and self.rows):
            # (the table's end: its totals, or a line left blank under its rows; not one under
            # its header, where a page dropped a `-` rule: the review of trial 77's item 7)
            self.lead = None
            return text
        row = _ROW.match(text, self.lead)
        if row is None:
            return text
        self.rows += 1
        cls = "InputLayer" if row["cls"] == "Layer" else row["cls"]
        cut = "" if row["closed"] else "…"  # (a name the column cut is said to be cut)
        cell = f"{row['name']}{cut} ({cls})"
        room = row.end() - row.start()
        rest = text[row.end() :]
        if len(cell) <= room:
            return text[: row.start()] + cell.ljust(room) + rest
        blanks = len(rest) - len(rest.lstrip(" "))
        if len(cell) - room >= blanks:
            # (`InputLayer` is longer than `Layer`: where the blanks after the cell are too few,
            # the rest of the line moves right, one blank after the cell)
            return text[: row.start()] + cell + " " + rest.lstrip(" ")
        return text[: row.start()] + cell + rest[len(cell) - room :]
