"""Take out the `|` an author set between the columns of a fixed-width Keras print."""

from __future__ import annotations

from typing import Any, Optional

from .patterns import lazy
from .records import with_text

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


def _unbarred(line: Any) -> Any:
    """The line with each bar a blank: the columns stay where Keras printed them."""
    text = line.text
    return with_text(line, text.replace("|", " ").rstrip()) if "|" in text else line


class InsertedPipes:
    """Puts a blank where an author set a bar between a Keras print's columns, from its header
    (when Keras's `=` or `_` rule follows it) to its totals: the print reads as Keras wrote it.
    Only the header line is held, until the line under it shows whether it is Keras's."""

    def __init__(self) -> None:
        self.held: Optional[Any] = None  # a barred header, waiting for the line under it
        self.barred = False  # inside a barred print's table

    def idle(self) -> bool:
        """Tell whether no barred print is open or waiting."""
        return self.held is None and not self.barred

    def push(self, line: Any, out: list[Any]) -> None:
        """Take the next line; append to out the lines that are ready."""
        text = line.text
        if self.held is not None:
            self.barred = text.strip().startswith(_KERAS_RULES)
            out.append(_unbarred(self.held) if self.barred else self.held)
            self.held = None
        elif self.barred:
            self.barred = _goes_on(text)
            if self.barred:
                out.append(_unbarred(line))
                return
        # (a cheap first test: a bar and the header's first title)
        if "|" in text and "Layer (" in text and _BARRED_HEADER.fullmatch(text):
            self.held = line
            return
        out.append(line)

    def flush(self, out: list[Any]) -> None:
        """Append a held header unchanged (the input ended under it)."""
        if self.held is not None:
            out.append(self.held)
        self.held, self.barred = None, False
