"""Join a table a page laid out one cell per line (a GitBook or HTML export) back into rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Optional

from .patterns import lazy
from .records import LineT, with_text

# The header's titles, one per line, in Keras's order: three columns, maybe a Connected to
# title after them (a journal's table, `Output shape`: 71d's 001).
_FIRST_TITLE = "Layer (type)"
_NEXT_TITLES = (lazy(r"(?i:Output Shape)"), lazy(r"Param(?: ?#)?"))
_NAME_CELL = lazy(r"(?P<name>[\w.\-/]+) ?\((?P<type>\w*)\)?")
_SHAPE_CELL = lazy(r"\[?\((?:None|\d|\?)[^\n]*\)\]?|multiple")
_COUNT_CELL = lazy(r"\d{1,3}(?:,\d{3})+|\d+")
_MOST_HELD = 12  # lines held while a header or a row is not yet complete
_MOST_HELD_LINKED = 400  # the same for a row of a Connected to column: its inbound, one a line
_NAME_WIDTH, _SHAPE_WIDTH = 31, 26
# A PDF's text of a print keeps its rules (50e's 013, 51a): the titles (Connected to too, the
# rules telling four cells apart), the `=` rule, then each row's cells on one line or several
# (`sequential_2 (Sequential) (None, 2)`, then `122`) up to the `_` or `=` rule under it.
_CONNECTED_TITLE = "Connected to"
_HEADER_RULE = lazy(r"={10,}")
_ROW_RULE = lazy(r"_{10,}|={10,}")
_RULED_ROW = lazy(r"[\w.\-/]+ \(\w*\)? (?:\[?\((?:None|\d|\?).*?\)\]?|multiple) \d[\d,]*(?: \S+)*")
# Without rules (71d's 001, a journal's table of a tf.keras print), a row's Connected to cell
# is each inbound entry on a line of its own, or the list on one line (`['a[0][0]', 'b[0][0]']`,
# `[]` or nothing for an input); the next row's name and class, or a line of no row, ends it.
# An entry may lack its `[0][0]` (a journal left it out, or the excerpt cut it: `add_1`,
# `batch_normalization_5`): a layer's name, in small letters (no `Source`,
# no page number).
_NODE = r"'?[\w.\-/]+\[\d+\]\[\d+\]'?"
_INBOUND_CELL = lazy(r"\[?(?:" + _NODE + r"(?:,?[ \t]*" + _NODE + r")*)?,?\]?")
_INBOUND_ENTRY = lazy(r"[\w.\-/]+\[\d+\]\[\d+\]")
_CUT_ENTRY = lazy(r"[a-z][a-z0-9_.\-/]*")


class CellLines:
    """Reads `Layer (type)`, `Output Shape` and `Param #` on lines of their own as a header,
    then each name, shape and count that follow (blank lines between them or not) as a row:
    one line at the number of its first cell, the blank lines after it. Anything else ends the
    table (its totals go on as they are), and lines that do not complete a header or a row go
    on unchanged."""

    def __init__(self, replace: Callable[[Any, str], Any]) -> None:
        self.replace = replace
        self.header: list[Any] = []  # the header's lines, until its first row completes
        self.held: list[Any] = []  # the lines of the header or row not yet complete
        self.cells: list[Any] = []  # the non-blank ones among them
        self.in_table = False
        self.ruled = False  # the header's `=` rule seen: rows end at rules
        self.titles = ["Layer (type)", "Output Shape", "Param #"]

    def idle(self) -> bool:
        """Tell whether no header or table is open."""
        return not self.held and not self.header and not self.in_table

    def push(self, line: Any, out: list[Any]) -> None:
        """Take the next line; append to out the lines that are ready."""
        text = line.text.strip()
        if not self.in_table and not self.held and not self.header:
            if text == _FIRST_TITLE:
                self.held, self.cells = [line], [line]
            else:
                out.append(line)
            return
        self.held.append(line)
        if text:
            self.cells.append(line)
        if not self.in_table:
            self._header(text, out)
        elif text:
            self._cell(text, out)
        if len(self.held) > (_MOST_HELD_LINKED if self._linking() else _MOST_HELD):
            self._give_back(out)

    def flush(self, out: list[Any]) -> None:
        """Append the lines held (the input ended)."""
        if self._linking():
            self._linked_row(out)  # the last row: its inbound ended with the input
        self._give_back(out)

    def _linking(self) -> bool:
        """Tell whether a row of an unruled Connected to column has its count: inbound
        entries may follow."""
        return self.in_table and not self.ruled and len(self.titles) > 3 and len(self.cells) > 2

    def _header(self, text: str, out: list[Any]) -> None:
        if not text:
            return
        titles = len(self.cells) - 1  # the titles after `Layer (type)`, this line among them
        if _NEXT_TITLES[titles - 1].fullmatch(text) is None:
            self._give_back(out)
            return
        if titles == len(_NEXT_TITLES):
            # held until the first row completes: titles with no row under them stay as
            # they are (a sentence listing the columns)
            self.header = self.held
            self.held, self.cells, self.in_table = [], [], True

    def _cell(self, text: str, out: list[Any]) -> None:
        at = len(self.cells) - 1  # this cell's column
        if self.ruled:
            self._ruled_cell(text, out)
            return
        if at == 0 and self.header:
            if text.lower() == _CONNECTED_TITLE.lower() and len(self.titles) == 3:
                self.titles.append(text)  # (only a ruled table tells four cells apart)
                self._into_header()
                return
            if _HEADER_RULE.fullmatch(text):
                self.ruled = True
                self._into_header()
                return
        if at > 2:  # (a row of a Connected to column: its inbound, or what ends it)
            if _INBOUND_CELL.fullmatch(text) is None and _CUT_ENTRY.fullmatch(text) is None:
                line = self.held.pop()
                self.cells.pop()
                self._linked_row(out)
                self.push(line, out)  # the next row's first cell, or the table's end
            return
        if at == 0:
            if _NAME_CELL.fullmatch(text) is None:
                line = self.held.pop()  # the table ended (its totals, or prose)
                self._give_back(out)
                self.push(line, out)
            return
        if (_SHAPE_CELL if at == 1 else _COUNT_CELL).fullmatch(text) is None:
            self.in_table = False  # not a row after all: its lines go on as they are
            self._give_back(out)
            return
        if at == 2 and len(self.titles) == 3:
            name = _name_and_class(self.cells[0].text)
            shape, count = (cell.text.strip() for cell in self.cells[1:])
            if self.header:
                first = self.header[0]
                header = f"{'Layer (type)':<{_NAME_WIDTH}}{'Output Shape':<{_SHAPE_WIDTH}}Param #"
                out.append(self.replace(first, header))
                out.extend(line for line in self.header if not line.text.strip())
                self.header = []
            self._row_out(out, f"{name:<{_NAME_WIDTH - 1}} {shape:<{_SHAPE_WIDTH - 1}} {count}")

    def _linked_row(self, out: list[Any]) -> None:
        """Emit the row of an unruled Connected to column held, its cells on one line (at the
        line of its first cell) as a collapsed print has them, the header first."""
        self._titles_out(out)
        entries = [
            found
            for cell in self.cells[3:]
            for found in (_INBOUND_ENTRY.findall(cell.text) or [cell.text.strip().strip("[]'")])
            if found
        ]
        rest = " ".join([*(cell.text.strip() for cell in self.cells[1:3]), *entries])
        self._row_out(out, f"{_name_and_class(self.cells[0].text)} {rest}")

    def _titles_out(self, out: list[Any]) -> None:
        """Emit the header held, once, as one line of its titles (with its blank lines and its
        `=` rules), at the line of its first title."""
        if not self.header:
            return
        first = self.header[0]
        lead = first.text[: len(first.text) - len(first.text.lstrip())]
        out.append(self.replace(first, lead + " ".join(self.titles)))
        out.extend(line for line in self.header[1:] if not line.text.strip(" \t"))
        out.extend(line for line in self.header if _HEADER_RULE.fullmatch(line.text.strip()))
        self.header = []

    def _row_out(self, out: list[Any], row: str) -> None:
        """Emit the row held as one line (at the line of its first cell), then its blank lines."""
        out.append(self.replace(self.cells[0], row))
        out.extend(line for line in self.held if not line.text.strip())
        self.held, self.cells = [], []

    def _into_header(self) -> None:
        """Count the lines held (a title, a rule, blank lines) as the header's."""
        self.header.extend(self.held)
        self.held, self.cells = [], []

    def _ruled_cell(self, text: str, out: list[Any]) -> None:
        """A line of a ruled table: a cell of the row under way, or the rule that ends it."""
        ends = _ROW_RULE.fullmatch(text) is not None
        totals = text.startswith("Total params")
        if not ends and not totals:
            return  # a cell (or cells) of the row under way, held
        last = self.held.pop()
        self.cells.pop()
        cells = " ".join(" ".join(cell.text.split()) for cell in self.cells)
        if cells and _RULED_ROW.fullmatch(cells) is None:
            self.held.append(last)
            self._give_back(out)  # not a row after all: its lines go on as they are
            return
        if cells:
            self._titles_out(out)
            self._row_out(out, cells)
        elif self.header:
            self.held.append(last)
            self._give_back(out)  # a rule with no row above it, under the header
            return
        else:
            out.extend(self.held)  # (blank lines between two rules)
        self.held, self.cells = [], []
        if text.startswith("=") or totals:
            self._give_back(out)  # the table ended: its rule or its totals go on as they are
        out.append(last)

    def _give_back(self, out: list[Any]) -> None:
        out.extend(self.header)
        out.extend(self.held)
        self.header, self.held, self.cells, self.in_table = [], [], [], False
        self.ruled, self.titles = False, self.titles[:3]


def _name_and_class(cell: str) -> str:
    """A layer cell as Keras sets it, `name (Class)`, from a page's (`name(Class)`: no blank)."""
    name = cell.strip()
    named = _NAME_CELL.fullmatch(name)
    assert named is not None
    return f"{named['name']} ({named['type']}" + (")" if name.endswith(")") else "")


def may_open(joined: str) -> bool:
    """Tell whether lines joined by `\\n` may hold a header laid out one title per line."""
    width = len(_FIRST_TITLE)
    at = joined.find(_FIRST_TITLE)  # (plain searches: a multiline regex tries every offset)
    while at >= 0:
        before = joined[joined.rfind("\n", 0, at) + 1 : at]
        end = joined.find("\n", at)
        after = joined[at + width : end if end >= 0 else len(joined)]
        if not before.strip(" \t") and not after.strip(" \t"):
            return True
        at = joined.find(_FIRST_TITLE, at + width)
    return False


# A row whose layer cell a PDF's text put on a line of its own, its shape and count on the next
# (72d's 008: `conv2d 1 (Conv2D)` / `(None, 109, 109, 64)\t18496`, underscores lost): the
# label alone (a name, maybe spaced, maybe its class), then a line that starts with a shape
# and holds only a count after it.
_LABEL_ALONE = lazy(r"[ \t]*[A-Za-z_][\w.\-]*(?: [\w.\-]+){0,3}(?: \([A-Za-z]\w*\)?)?[ \t]*")
_CELLS_WITHOUT_LABEL = lazy(r"[ \t]*\[?\((?:None|\d)[\d, None]*\)\]?[ \t]+\d[\d,]*[ \t]*")
_LONGEST_LABEL = 64


def joined_label_and_cells(lines: Iterable[LineT]) -> Iterator[LineT]:
    """Join a row's layer cell, alone on its line, to the shape and count on the next line,
    at the label's line (a tab between them, as the other cells are apart)."""
    previous: Optional[LineT] = None  # held one line: the next one tells what it is
    before: Optional[LineT] = None  # the line before it
    for line in lines:
        text = line.text
        if (
            previous is not None
            and text[:1] in "([ \t"
            and _CELLS_WITHOUT_LABEL.fullmatch(text)
            and len(previous.text) <= _LONGEST_LABEL
            and _LABEL_ALONE.fullmatch(previous.text)
            # (not the last of a column of labels, each row's cells in a column below them:
            # they belong together in order, not the last label with the first cells)
            and not (before is not None and _LABEL_ALONE.fullmatch(before.text))
        ):
            yield with_text(previous, f"{previous.text.rstrip()}\t{text.strip()}")
            previous = before = None
            continue
        if previous is not None:
            yield previous
        before, previous = previous, line
    if previous is not None:
        yield previous
