"""Read a bare number in a Markdown table's Output Shape column (`| 24 |`) as a 1-D shape."""

from __future__ import annotations

from typing import Any, Optional

from .patterns import lazy
from .records import with_text

# A shape cell retyped without the batch axis (`28×28×8`, `30 x 30 x 32`), as
# damage.retyped_shapes reads it, and one written as Keras prints it (`(None, 24)`)
_WITHOUT_BATCH = lazy(r"\d+(?:\s*[x×]\s*\d+)+")
_WITH_BATCH = lazy(r"\[?\(\s*None\s*,.*")
_BARE = lazy(r"([\s*`_]*)([1-9]\d*)([\s*`_]*)")
_MARKUP = " *`_"
_SHAPE_TITLE = lazy(r"(?i)\|[^|\n]*shape")


def may_open(text: str) -> bool:
    """A cheap test: could the text hold a Markdown table's header with a shape title?"""
    return "|" in text and _SHAPE_TITLE.search(text) is not None


def _cells(text: str) -> Optional[list[str]]:
    """The cells of a Markdown table line (`| a | b |`), or None for another line."""
    core = text.strip()
    if not core.startswith("|"):
        return None
    inner = core[1:-1] if core.endswith("|") else core[1:]
    return inner.split("|")


def _shape_column(cells: list[str]) -> Optional[int]:
    """The index of a table header's Output Shape title, when the header also titles the
    counts (`| # | Layer (Type) | Output Shape | Params |`); else None."""
    titles = [cell.strip(_MARKUP).lower() for cell in cells]
    shapes = [at for at, title in enumerate(titles) if "shape" in title and "input" not in title]
    if len(shapes) != 1 or not any("param" in title for title in titles):
        return None
    return shapes[0]


class BareShapes:
    """Reads a bare number in the Output Shape column of a Markdown table that writes its
    shapes without the batch axis (81d's 009: `| 28×28×8 |` down to a GlobalAveragePooling2D's
    `| 24 |` and a Dense's `| 10 |`) as the 1-D shape `(None, 24)`, as the `28×28×8` beside it
    is read `(None, 28, 28, 8)`.

    Which way the table writes its shapes shows in the first shape cell that is not a bare
    number: the table's rows are held from its header until then (a generator's `| 12544 |`
    may come above its `| 7×7×256 |`). A table that writes them as Keras does (`(None, 24)`)
    has no bare shape: a bare number there is not read (it may be the units, or a count moved
    into the cell), nor in a row with more or fewer cells than the header (a cell moved)."""

    def __init__(self) -> None:
        self.at: Optional[int] = None  # the open table's Output Shape column
        self.width = 0  # the cells of the open table's header
        self.bare: Optional[bool] = None  # are its bare numbers shapes (None: not yet known)
        self.held: list[Any] = []

    def idle(self) -> bool:
        """Tell whether no table is open."""
        return self.at is None

    def push(self, line: Any, out: list[Any]) -> None:
        """Take the next line; append to out the lines that are ready."""
        cells = _cells(line.text) if "|" in line.text else None
        if cells is None:  # (not a table's line: the open table ended)
            self.flush(out)
            out.append(line)
            return
        header = _shape_column(cells) if may_open(line.text) else None
        if header is not None:
            self.flush(out)
            self.at, self.width = header, len(cells)
            out.append(line)
            return
        if self.at is None or len(cells) != self.width:
            (self.held if self.held else out).append(line)
            return
        if self.bare is None:
            cell = cells[self.at].strip(_MARKUP)
            if _WITHOUT_BATCH.fullmatch(cell):
                self.bare = True
            elif _WITH_BATCH.match(cell):
                self.bare = False
            else:  # (a bare number, the rule under the header, an empty or unread cell)
                self.held.append(line)
                return
            out.extend(self._read(held) for held in self.held)
            self.held = []
        out.append(self._read(line))

    def _read(self, line: Any) -> Any:
        """The line with a bare number in its Output Shape cell written `(None, 24)`, when the
        table's shapes are written without the batch axis."""
        cells = _cells(line.text) if self.bare else None
        if cells is None or len(cells) != self.width or self.at is None:
            return line
        parts = line.text.split("|")
        found = _BARE.fullmatch(parts[self.at + 1])
        if found is None:
            return line
        lead, number, trail = found.groups()
        parts[self.at + 1] = f"{lead}(None, {number}){trail}"
        return with_text(line, "|".join(parts))

    def flush(self, out: list[Any]) -> None:
        """Append the held lines unchanged and close the table (it ended, or the input did)."""
        out.extend(self.held)
        self.held, self.at, self.width, self.bare = [], None, 0, None
