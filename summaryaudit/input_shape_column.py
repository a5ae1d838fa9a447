"""Leave out the Input Shape column TensorFlow.js prints before each layer's output shape."""

from __future__ import annotations

import re
from typing import Optional

from .patterns import lazy

# TensorFlow.js's header since tfjs-layers 3.14 (77d's 012, 015): `Layer (type)  Input Shape
# Output shape  Param #`, each title at its column's start (fields cut at fixed positions);
# `Output shape` in its small letters (paddle's summary prints `Input Shape  Output Shape`)
_HEADER = lazy(r"^.*?Layer \(type\) +(?P<inputs>Input Shape +)(?=Output shape +Param #)", re.M)
TOTALS_LABELS = ("Total params", "Trainable params", "Non-trainable params")  # (a table's end)


def may_open(text: str) -> bool:
    """A cheap test: could the text hold such a header?"""
    return "Input Shape" in text and _HEADER.search(text) is not None


class InputShapeColumn:
    """Takes the Input Shape column out of the header and of each line under it until the
    totals: its cell spans the same characters on every line (TensorFlow.js pads and cuts each
    field to fixed positions), so the lines read as a print without it."""

    def __init__(self) -> None:
        self.span: Optional[tuple[int, int]] = None  # the column's first and past-last offsets

    def idle(self) -> bool:
        """Tell whether no such table is open."""
        return self.span is None

    def apply(self, text: str) -> str:
        """Return the line without the Input Shape column's characters."""
        if self.span is None:
            if "Input " not in text:
                return text
            found = _HEADER.match(text)
            if found is None:
                return text
            self.span = found.span("inputs")
            return text[: self.span[0]] + text[self.span[1] :]
        start, end = self.span
        core = text.strip()
        if not core or core.startswith(TOTALS_LABELS):
            self.span = None  # (the table's end: its totals, or a line left blank)
            return text
        if len(text) < end or (text[start - 1] != " " and text[start - 1] not in "_="):
            return text  # no cell of the column here (the line's blanks were changed)
        return text[:start] + text[end:]
