"""Take out the `|` an author set between the columns of a fixed-width Keras print."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Optional

from .patterns import lazy
from .records import LineT, with_text

# Keras's header with a bar between its titles and none before the first (90a's 010, a README:
# ` Layer (type)            |    Output Shape          |    Param #   `): a Markdown table's
# header starts with its bar, or is followed by a `---|---` rule, not by Keras's `=` rule
_BARRED_HEADER = lazy(
    r"[ \t]*Layer \(type\)[ \t]+\|[ \t]*Output Shape[ \t]+\|[ \t]*Param #"
    r"(?:[ \t]+\|[ \t]*Connected to)?[ \t]*\|?[ \t]*"
)
_KERAS_RULES = ("=" * 20, "_" * 20)
_TOTALS = ("Total params", "Trainable params", "Non-trainable params", "Optimizer params")


def _goes_on(text: str) -> bool:
    """Tell whether a line is still the barred table's: a row (with its bars), a blank line, a
    rule, or a line its cells wrapped onto (` (MaxPooling2D)`)."""
    core = text.strip()
    if not core:
        return True
    if core.startswith(_TOTALS):
        return False
    return "|" in text or text[:1] in (" ", "\t") or not core.strip("_=")


def _unbarred(text: str) -> str:
    """The line with each bar a blank: the columns stay where Keras printed them."""
    return text.replace("|", " ").rstrip() if "|" in text else text


def unbar_fixed_prints(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Put a blank where an author set a bar between a Keras print's columns, from its header
    (when Keras's `=` or `_` rule follows it) to its totals: the print reads as Keras wrote
    it. Only a header line waits for the next one (a live pipe is not kept waiting)."""
    held: Optional[LineT] = None
    barred = False
    for line in lines:
        text = line.text
        if held is not None:
            if text.strip().startswith(_KERAS_RULES):
                barred = True
                yield with_text(held, _unbarred(held.text))
            else:
                yield held
            held = None
        elif barred:
            barred = _goes_on(text)
            if barred:
                yield with_text(line, _unbarred(text)) if "|" in text else line
                continue
        # (a cheap first test: a bar and the header's first title)
        if "|" in text and "Layer (" in text and _BARRED_HEADER.fullmatch(text):
            held = line
            continue
        yield line
    if held is not None:
        yield held
