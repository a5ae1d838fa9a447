"""Find every model.summary() in a stream of lines, undo paste damage, and classify its lines."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Optional

from .sources import Line

# Line kinds (the terminals of the line grammars in grammars/*.lark).
MODEL = "MODEL"
RULE = "RULE"
RULE_EQ = "RULE_EQ"
HEADER = "HEADER"
ROW = "ROW"
CONT = "CONT"
SPACER = "SPACER"
NEST_OPEN = "NEST_OPEN"
NEST_CLOSE = "NEST_CLOSE"
BOX_TOP = "BOX_TOP"
BOX_HEAD_SEP = "BOX_HEAD_SEP"
BOX_SEP = "BOX_SEP"
BOX_BOTTOM = "BOX_BOTTOM"
TOTAL = "TOTAL"
TRAINABLE = "TRAINABLE"
NON_TRAINABLE = "NON_TRAINABLE"
OPTIMIZER = "OPTIMIZER"
TOTAL_KINDS = (TOTAL, TRAINABLE, NON_TRAINABLE, OPTIMIZER)

# Layouts: how the cells of a row are separated on the page.
FIXED = "fixed"  # Keras 1/2 fixed-width columns
COLLAPSED = "collapsed"  # fixed-width columns whose runs of spaces were collapsed
BOX = "box"  # Keras 3 rich box (heavy, light, or ASCII)
PIPE = "pipe"  # hand-made or converted Markdown pipe table

_HEADER = re.compile(r"Layer\s*\(type\)")
_NOT_KERAS_HEADER = re.compile(r"Input Shape|Layer \(name\)", re.I)
_TOTALS = re.compile(
    r"^[\W_]{0,6}(?P<label>Total|Trainable|Non[-\s]?trainable|Optimizer)\s*params[\W_]{0,4}?:"
    r"[\s_*`|]*(?P<rest>.*)$",
    re.I,
)
_MODEL = re.compile(r'^\W{0,4}Model:[ \t]*(?:"(?P<q>[^"]*)"|(?P<bare>\S.*))|^Model$')
_RULE_CHARS = "_=━─-¯"
_RULE_TRIM = " _=|#>"
_JOIN_RULE = re.compile(r"(?<![\[=])(_{12,}|={12,})(?![\]>=.])")
_JOIN_LABEL = re.compile(
    r"(?<=[\w\d)\"_=])\s+"
    r"(?=(?:Total|(?<![-\w])Trainable|Non-trainable|Optimizer) params\s*:\s*[\d(])"
    r"|(?:(?<=\")|(?<=__)|(?<===))\s*(?=Layer \(type\))"
)
_JOIN_MODEL = re.compile(r'(?<=\S)\s+(?=Model: ")')
_PREFIX = re.compile(r"^[ \t]*(?:(?:#>|##|#|>)[ \t]?)*")
_BOX_VERTICAL = "│┃"
_BOX_TOP = re.compile(r"^\s*[┏┌╭+][━─═\-┳┬+]+[┓┐╮+]?[^\w\s]?\s*$")
_BOX_MID_HEAVY = re.compile(r"^\s*[┡╞├|][━─═\-╇┼+]+[┩╡┤|]?[^\w\s]?\s*$")
_BOX_BOTTOM = re.compile(r"^\s*[└╰┗+][━─═\-┴┻+]+[┘╯┛+]?\s*$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FOREIGN_SIGNS = re.compile(r"Params size \(MB\)|Estimated Total Size|Forward/backward pass size")
_WORDS = re.compile(r"(?<![\w\[(.'])[A-Za-z][a-z]{1,}(?![\w(\[])")
_MAX_DEPTH = 32
_FRAGMENT = re.compile(r"\S+(?: \S+)*")


@dataclass(frozen=True)
class Classified:
    """A block line after prefix removal, with its kind and nesting depth."""

    line: Line
    text: str
    kind: str
    depth: int = 0


@dataclass(frozen=True)
class Block:
    """One summary found in the input: its classified lines and how to read them."""

    lines: tuple[Classified, ...]
    layout: str
    dialect: str
    prefix: str
    header_text: str

    @property
    def start_line(self) -> int:
        """Return the first original line of the block."""
        return self.lines[0].line.number

    @property
    def end_line(self) -> int:
        """Return the last original line of the block."""
        return self.lines[-1].line.number


# --------------------------------------------------------------------------- joined lines


def split_joined(lines: Iterable[Line]) -> Iterator[Line]:
    """Split lines that a paste joined: rule runs, totals labels and headers glued to other text."""
    for line in lines:
        text = line.text
        if (
            len(text) < 24
            or not text.strip(_RULE_TRIM)
            or not (_JOIN_RULE.search(text) or "params" in text or "Layer (type)" in text)
        ):
            yield line
            continue
        pieces = _split_pieces(text)
        if len(pieces) == 1:
            yield line
            continue
        for piece in pieces:
            yield Line(line.number, piece, line.origin)


def _split_pieces(text: str) -> list[str]:
    stripped = text.strip()
    core = _PREFIX.sub("", stripped)
    if not core or set(core) <= set(_RULE_CHARS + " |"):
        return [text]
    marks: list[int] = []
    for match in _JOIN_RULE.finditer(text):
        marks.extend((match.start(), match.end()))
    for match in _JOIN_LABEL.finditer(text):
        marks.append(match.end())
    for match in _JOIN_MODEL.finditer(text):
        marks.append(match.end())
    prefix_end = len(_PREFIX.match(text).group(0))  # type: ignore[union-attr]
    cuts = sorted({m for m in marks if prefix_end < m < len(text)})
    if not cuts:
        return [text]
    pieces: list[str] = []
    last = 0
    for cut in cuts:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    prefix = text[:prefix_end]
    out = [pieces[0].rstrip()] + [prefix + p.strip() for p in pieces[1:]]
    return [p for p in out if p.strip()] or [text]


# --------------------------------------------------------------------------- prefixes


def _prefix_of(text: str, anchor: int) -> str:
    """Return the paste prefix (quote marks, comment marks, indentation) before column anchor."""
    lead = text[:anchor]
    match = _PREFIX.match(lead)
    return match.group(0) if match else ""


class _Prefix:
    """Removes a block's common paste prefix from each of its lines."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.bare = prefix.rstrip()
        self.marks = prefix.strip()

    def strip(self, text: str) -> Optional[str]:
        """Return the line without the prefix, or None when the line does not carry it."""
        prefix = self.prefix
        if not prefix:
            return text
        if text.startswith(prefix):
            return text[len(prefix) :]
        if not text.strip() or text.strip() == self.marks:
            return ""
        if self.bare and text.startswith(self.bare):
            return text[len(self.bare) :]
        if not self.marks:
            # Indentation only: accept lines indented less when they are otherwise blank.
            return None
        stripped = _PREFIX.sub("", text)
        marks_here = text[: len(text) - len(stripped)].strip()
        if marks_here.replace(" ", "") == self.marks.replace(" ", ""):
            return stripped
        return None


# --------------------------------------------------------------------------- classification


def is_rule(text: str, char: str) -> bool:
    """Tell whether a line is a rule made of char (allowing surrounding spaces)."""
    core = text.strip()
    return len(core) >= 5 and core.count(char) >= max(5, len(core) - 2) and set(core) <= {char, " "}


def totals_kind(text: str) -> Optional[str]:
    """Return the totals kind of a line (`Total params: …`), or None."""
    match = _TOTALS.match(text.strip())
    if not match:
        return None
    label = match.group("label").lower().replace(" ", "").replace("-", "")
    return {
        "total": TOTAL,
        "trainable": TRAINABLE,
        "nontrainable": NON_TRAINABLE,
        "optimizer": OPTIMIZER,
    }[label]


def model_name(text: str) -> Optional[str]:
    """Return the model name of a `Model: "name"` line ('' for R's bare `Model`), or None."""
    match = _MODEL.match(text.strip())
    if not match:
        return None
    if match.group("q") is not None:
        return match.group("q")
    return (match.group("bare") or "").strip()


def _frame_bars(text: str) -> Optional[int]:
    """Return the number of leading bars of an expand_nested frame line (`|¯¯¯|`), or None."""
    core = text.rstrip()
    if "¯" not in core:
        return None
    stripped = core.lstrip("|")
    if set(stripped.rstrip("|").strip()) != {"¯"}:
        return None
    return len(core) - len(stripped)


def _nest_level(text: str) -> int:
    """Return how many frame bars open a row line of an expanded nested model."""
    return len(text) - len(text.lstrip("|"))


def looks_like_prose(text: str) -> bool:
    """Tell whether a line reads as a sentence rather than a table line."""
    core = text.strip()
    if not core:
        return False
    if totals_kind(core) or _HEADER.search(core):
        return False
    words = [w for w in _WORDS.findall(core) if w not in ("None", "multiple")]
    if len(words) < 4:
        return False
    run = 0
    for token in core.split(" "):
        run = run + 1 if len(token) >= 2 and token.isalpha() and token.islower() else 0
        if run >= 3:
            return True
    return False


def plausible_row(text: str) -> bool:
    """Tell whether a line could be a layer row: a shape-like token and a number."""
    core = text.strip()
    if not core:
        return False
    has_shape = "(" in core or "[" in core or "?" in core or "multiple" in core
    return (has_shape and any(ch.isdigit() for ch in core)) or core[-1:].isdigit()


# --------------------------------------------------------------------------- finder


def find_blocks(lines: Iterable[Line]) -> Iterator[Block]:
    """Yield each summary block in the lines, keeping only a window of lines in memory."""
    window: list[Line] = []
    source = iter(split_joined(lines))
    exhausted = False
    while True:
        while not exhausted and len(window) < 64:
            try:
                window.append(next(source))
            except StopIteration:
                exhausted = True
        if not window:
            return
        header_at = _find_anchor(window)
        if header_at is None:
            # Keep a few lines of context (a Model: line and a rule may precede a header).
            totals_at = _first_orphan_totals(window, exhausted)
            if totals_at is not None:
                block, used = _totals_only_block(window, totals_at, source_more(source, exhausted))
                window = window[used:]
                if block is not None:
                    yield block
                continue
            if exhausted:
                return
            del window[: max(0, len(window) - 8)]
            continue
        if _header_repeats(window, header_at):
            # A header line directly above another is no table: the lower one may start one.
            del window[: header_at + 1]
            continue
        # Make sure the window holds the whole table: extend until the block is closed.
        block, used = _read_block(window, header_at, source_more(source, exhausted))
        del window[:used]
        if block is not None:
            yield block


def _header_repeats(window: list[Line], at: int) -> bool:
    """Tell whether the line after a header is the same header again (a paste repeated it)."""
    if at + 1 >= len(window):
        return False
    here, below = window[at].text.strip(), window[at + 1].text.strip()
    return bool(here) and below == here


def source_more(source: Iterator[Line], exhausted: bool) -> Iterator[Line]:
    """Return the rest of the source (empty when exhausted)."""
    return iter(()) if exhausted else source


_SPLIT_TITLE = re.compile(r"┃\s*Layer\s*┃")


def _find_anchor(window: list[Line]) -> Optional[int]:
    for index, line in enumerate(window):
        if "Layer" not in line.text:
            continue
        if _HEADER.search(line.text):
            if _NOT_KERAS_HEADER.search(line.text):
                continue
            return index
        # A narrow Keras 3 table wraps the title itself: `┃ Layer ┃` over `┃ (type) ┃`.
        below = window[index + 1].text if index + 1 < len(window) else ""
        if _SPLIT_TITLE.search(line.text) and re.search(r"┃\s*\(type\)\s*┃", below):
            return index
    return None


def _header_column(text: str) -> int:
    """Return where the `Layer (type)` title starts (or its `Layer` half, when wrapped)."""
    match = _HEADER.search(text) or re.search("Layer", text)
    return match.start() if match else 0


def _first_orphan_totals(window: list[Line], exhausted: bool) -> Optional[int]:
    limit = len(window) if exhausted else max(0, len(window) - 8)
    for index in range(limit):
        if totals_kind(window[index].text) == TOTAL:
            return index
    return None


class _Reader:
    """Pulls lines from the window, then from the rest of the source, remembering all it read."""

    def __init__(self, window: list[Line], start: int, more: Iterator[Line]) -> None:
        self.window = window
        self.pos = start
        self.more = more

    def peek(self, ahead: int = 0) -> Optional[Line]:
        index = self.pos + ahead
        while index >= len(self.window):
            try:
                self.window.append(next(self.more))
            except StopIteration:
                return None
        return self.window[index]

    def take(self) -> Optional[Line]:
        line = self.peek()
        if line is not None:
            self.pos += 1
        return line


def _totals_only_block(
    window: list[Line], at: int, more: Iterator[Line]
) -> tuple[Optional[Block], int]:
    """Read a totals block printed (or pasted) without its table."""
    reader = _Reader(window, at, more)
    prefix = _Prefix(_prefix_of(window[at].text, window[at].text.find("T")))
    found: list[Classified] = []
    blanks = 0
    while True:
        line = reader.peek()
        if line is None:
            break
        text = prefix.strip(line.text)
        text = line.text if text is None else text
        kind = totals_kind(text)
        if kind:
            found.append(Classified(line, text.strip(), kind))
            blanks = 0
        elif not text.strip() and blanks < 1 and found:
            blanks += 1
        else:
            break
        reader.take()
    if not found:
        return None, at + 1
    for ahead in range(0, 8):
        line = reader.peek(ahead)
        if line is not None and _FOREIGN_SIGNS.search(line.text):
            return None, reader.pos
    block = Block(tuple(found), layout=COLLAPSED, dialect="keras2", prefix="", header_text="")
    return block, reader.pos


def _read_block(window: list[Line], h: int, more: Iterator[Line]) -> tuple[Optional[Block], int]:
    """Read the block whose header is window[h]; return it and how many window lines it used."""
    header = window[h]
    reader = _Reader(window, h + 1, more)
    layout, anchor = _layout_of(window, h, reader)
    prefix = _Prefix(_prefix_of(header.text, anchor))
    header_text = prefix.strip(header.text) or header.text[anchor:]
    if layout == FIXED and _is_collapsed(header_text):
        layout = COLLAPSED
    top = _read_top(window, h, prefix, layout)
    header_lines = [Classified(header, header_text, HEADER)]
    if layout == BOX:
        # rich bottom-aligns header cells that wrap: parts of the header sit above and below
        while top and top[-1].kind == HEADER:
            header_lines.insert(0, top.pop())
        while True:
            nxt = reader.peek()
            text = prefix.strip(nxt.text) if nxt is not None else None
            if nxt is None or text is None or not text.lstrip().startswith("┃"):
                break
            header_lines.append(Classified(nxt, text, HEADER))
            reader.take()
        header_text = merge_box_lines([c.text for c in header_lines])
    body = _read_body(reader, prefix, layout, header_text)
    lines = [*top, *header_lines, *body]
    if _is_foreign(lines):
        return None, reader.pos
    dialect = detect_dialect(lines, layout, header_text)
    block = Block(tuple(lines), layout, dialect, prefix.prefix, header_text)
    return block, reader.pos


def _layout_of(window: list[Line], h: int, reader: _Reader) -> tuple[str, int]:
    """Decide the layout and the column where the table starts on the header line."""
    text = window[h].text
    col = _header_column(text)
    lead = text[:col].rstrip(" *_`")
    if lead.endswith(tuple(_BOX_VERTICAL)):
        return BOX, len(lead) - 1
    if lead.endswith("|"):
        below = reader.peek()
        above = window[h - 1].text if h > 0 else ""
        if _BOX_TOP.match(_PREFIX.sub("", above)) or (
            below is not None
            and _BOX_MID_HEAVY.match(_PREFIX.sub("", below.text) or "x")
            and "+" in below.text
        ):
            return BOX, len(lead) - 1
        return PIPE, len(lead) - 1
    if re.search(r"\(type\)\s*\|\s*Output", text):
        return PIPE, len(lead)
    # Fixed width: the table starts where the nearest rule line starts.
    for near in (window[h - 1] if h > 0 else None, reader.peek()):
        if near is None:
            continue
        match = re.search(r"[_=]{5,}", near.text)
        if match and is_rule(near.text[match.start() :], near.text[match.start()]):
            start = match.start()
            if start <= col:
                return FIXED, start
    return FIXED, col


def merge_box_lines(texts: list[str]) -> str:
    """Join the physical lines of one box row or header cell by cell (a cropped end stays open)."""
    if len(texts) == 1:
        return texts[0]
    split = [re.split("[│┃|]", t.strip()) for t in texts]
    width = max(len(parts) for parts in split)
    cells = []
    for i in range(1, width):
        words = [parts[i].strip() for parts in split if i < len(parts) and parts[i].strip()]
        cells.append(" ".join(words))
    closed = all(bool(re.search(r"[│┃|] ?$", t.rstrip("\n"))) for t in texts)
    if closed:
        cells = cells[:-1] if cells and not cells[-1] else cells
        return "┃ " + " ┃ ".join(cells) + " ┃"
    return "┃ " + " ┃ ".join(cells)


def _is_collapsed(header_text: str) -> bool:
    return bool(re.search(r"\(type\) Output Shape ?\S*", header_text)) and "  " not in (
        header_text.strip()
    )


def _read_top(window: list[Line], h: int, prefix: _Prefix, layout: str) -> list[Classified]:
    """Collect the Model: line and the top rule or border above the header."""
    top: list[Classified] = []
    index = h - 1
    for _ in range(3):
        if index < 0:
            break
        line = window[index]
        text = prefix.strip(line.text)
        if text is None:
            break
        kind = None
        if layout in (FIXED, COLLAPSED) and is_rule(text, "_"):
            kind = RULE
        elif layout == BOX and _BOX_TOP.match(text):
            kind = BOX_TOP
        elif layout == BOX and text.lstrip().startswith("┃") and not top:
            kind = HEADER  # the upper line of a wrapped header
        elif model_name(text) is not None:
            kind = MODEL
        elif not text.strip() and top and top[0].kind != MODEL:
            index -= 1
            continue
        if kind is None:
            break
        top.insert(0, Classified(line, text, kind))
        index -= 1
        if kind == MODEL:
            break
    return top


def _read_body(reader: _Reader, prefix: _Prefix, layout: str, header: str) -> list[Classified]:
    """Read the table lines after the header, then the totals lines."""
    body: list[Classified] = []
    in_totals = False
    eq_rules = 0
    depth = 0
    quiet = 0  # consecutive lines that were blank or skipped while looking for totals
    columns = header_columns(header) if layout == FIXED else {}
    table_closed = False
    while True:
        line = reader.peek()
        if line is None:
            break
        text = prefix.strip(line.text)
        if text is None:
            if in_totals or table_closed or (body and not text_is_tableish(line.text, layout)):
                break
            text = line.text
        kind = totals_kind(text)
        if kind:
            if in_totals and kind == TOTAL and any(c.kind == TOTAL for c in body):
                break
            in_totals = True
            body.append(Classified(line, text, kind))
            reader.take()
            quiet = 0
            continue
        if in_totals:
            if is_rule(text, "_") or is_rule(text, "-"):
                body.append(Classified(line, text, RULE))
                reader.take()
            elif not text.strip() and _totals_follow(reader, prefix, within=6):
                reader.take()
                continue
            break
        if table_closed:
            # After the table: allow a few blank or stray lines before the totals.
            if not text.strip() and quiet < 12:
                quiet += 1
                reader.take()
                continue
            if quiet < 12 and not _HEADER.search(text) and not looks_like_table_start(text):
                quiet += 4
                # a stray prose line: only skip it if totals follow soon
                if _totals_follow(reader, prefix, within=3):
                    reader.take()
                    continue
            break
        if body and "Layer" in text and _HEADER.search(text):
            break
        kind, depth = _classify(text, layout, depth, columns)
        if kind is None:
            if not text.strip():
                # a blank line inside a table: keep reading only if the table goes on
                if _table_continues(reader, prefix, layout):
                    body.append(Classified(line, text, SPACER, depth))
                    reader.take()
                    continue
                table_closed = True
                reader.take()
                quiet = 1
                continue
            if body and _totals_follow(reader, prefix, within=1) and looks_like_prose(text):
                table_closed = True
                continue
            break
        if kind == RULE_EQ:
            eq_rules += 1
        if kind == ROW and layout == BOX and body and body[-1].kind in (ROW, CONT):
            kind = CONT
        if kind == ROW and layout == PIPE and body and body[-1].kind in (ROW, CONT):
            ncols = len(pipe_cells(header))
            cells_here = pipe_cells(text)
            if _pipe_cells(body, header) < ncols:
                kind = CONT
            elif len(cells_here) >= min(3, ncols) and not cells_here[min(2, ncols - 1)].strip(
                "`*_ "
            ):
                kind = CONT  # a wrapped box row pasted into a pipe table: empty Param # cell
        body.append(Classified(line, text, kind, depth))
        reader.take()
        pipe_bottom = layout == PIPE and bool(_BOX_BOTTOM.match(text.strip()))
        if (
            kind == BOX_BOTTOM
            or pipe_bottom
            or (kind == RULE_EQ and eq_rules >= 2 and layout != BOX)
        ):
            table_closed = True
            quiet = 0
        elif (
            kind == RULE_EQ and layout in (FIXED, COLLAPSED) and eq_rules == 1 and _rows_seen(body)
        ):
            table_closed = True
    return body


def pipe_cells(text: str) -> list[str]:
    """Split a Markdown table line into its cells (dropping the outer empty ones)."""
    cells = [c.strip() for c in re.split("[|│┃]", text.strip())]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _pipe_cells(body: list[Classified], header: str) -> int:
    """Count the cells gathered so far by the pipe row that ends the body."""
    count = 0
    for item in reversed(body):
        if item.kind not in (ROW, CONT):
            break
        count += len(pipe_cells(item.text))
        if item.kind == ROW:
            break
    return count


def _rows_seen(body: list[Classified]) -> bool:
    return any(c.kind == ROW for c in body)


def _totals_follow(reader: _Reader, prefix: _Prefix, within: int) -> bool:
    for ahead in range(1, within + 1):
        line = reader.peek(ahead)
        if line is None:
            return False
        text = prefix.strip(line.text)
        if totals_kind(text if text is not None else line.text):
            return True
    return False


def _table_continues(reader: _Reader, prefix: _Prefix, layout: str) -> bool:
    """Look past blank lines: does another table line follow?"""
    for ahead in range(1, 4):
        line = reader.peek(ahead)
        if line is None:
            return False
        text = prefix.strip(line.text)
        if text is None:
            return False
        if not text.strip():
            continue
        if totals_kind(text):
            return False
        if layout == BOX:
            return text.lstrip()[:1] in _BOX_VERTICAL + "|├└┡"
        if layout == PIPE:
            return any(bar in text for bar in "|│┃") and not looks_like_prose(text)
        if looks_like_prose(text) or looks_like_table_start(text) or _HEADER.search(text):
            return False
        return plausible_row(text) or text.lstrip()[:1] in ")]|"
    return False


def text_is_tableish(text: str, layout: str) -> bool:
    """Tell whether a line that lacks the block's prefix still reads as part of the table."""
    core = _PREFIX.sub("", text)
    if layout == BOX:
        return core.lstrip()[:1] in _BOX_VERTICAL + "├└"
    return False


def looks_like_table_start(text: str) -> bool:
    """Tell whether a line opens another table (a top rule or border)."""
    return is_rule(text, "_") or bool(_BOX_TOP.match(text))


def header_columns(header: str) -> dict[str, int]:
    """Return the start column of each header title of a fixed-width table."""
    cols: dict[str, int] = {}
    for key, title in (
        ("layer", r"Layer\s*\(type\)"),
        ("output_shape", r"Output\s*Shape"),
        ("params", r"Param\s*#"),
        ("connected_to", r"Connected\s*to"),
        ("trainable", r"Trainable"),
    ):
        match = re.search(title, header)
        if match:
            cols[key] = match.start()
    if "layer" in cols:
        cols["layer"] = 0
    return cols


def _classify(
    text: str, layout: str, depth: int, columns: dict[str, int]
) -> tuple[Optional[str], int]:
    """Classify one table line; return (kind or None when it is not a table line, new depth)."""
    stripped = text.strip()
    if not stripped:
        return (SPACER if layout in (FIXED, COLLAPSED) and text else None), depth
    if layout == BOX:
        return _classify_box(text), depth
    if layout == PIPE:
        if (
            _PIPE_SEP.match(stripped)
            or _BOX_MID_HEAVY.match(stripped)
            or _BOX_BOTTOM.match(stripped)
        ):
            return RULE, depth
        if any(bar in stripped for bar in "|│┃") or "`" in stripped:
            return ROW, depth
        return None, depth
    bars = _frame_bars(text)
    if bars is not None:
        if bars == depth + 1 and depth < _MAX_DEPTH:
            return NEST_OPEN, depth + 1
        if depth > 0 and bars == depth - 1:
            return NEST_CLOSE, depth - 1
        return SPACER, depth
    if is_rule(text, "_"):
        return RULE, depth
    if is_rule(text, "="):
        return RULE_EQ, depth
    if depth and text.startswith("|"):
        inner = text.strip().strip("|")
        if not inner.strip():
            return SPACER, depth
    if looks_like_prose(text) or _FOREIGN_SIGNS.search(text):
        return None, depth
    return _row_or_continuation(text, layout, depth, columns), depth


def _classify_box(text: str) -> Optional[str]:
    core = text.strip()
    if _BOX_TOP.match(core) and core[0] in "┏┌╭":
        return BOX_TOP
    if core[0] == "+" and _BOX_TOP.match(core):
        return BOX_BOTTOM  # the ASCII box's bottom border looks like its top
    if _BOX_BOTTOM.match(core) and core[0] in "└╰┗":
        return BOX_BOTTOM
    if core[0] in "┡╞":
        return BOX_HEAD_SEP
    if _BOX_MID_HEAVY.match(core):
        return BOX_SEP
    if core[0] in _BOX_VERTICAL + "|":
        return ROW
    return None


def split_fixed(text: str, columns: list[tuple[str, int]]) -> Mapping[str, tuple[str, ...]]:
    """Cut one physical line into column fragments by the header's column starts (cached).

    The result is shared between callers through the cache: read it, do not change it.
    """
    return _split_fixed(text, tuple(columns))


@functools.lru_cache(maxsize=2048)
def _split_fixed(text: str, columns: tuple[tuple[str, int], ...]) -> dict[str, tuple[str, ...]]:
    """Fragments are runs of text without a double space; a fragment crossing a column start
    at a space (or, in Keras 1.0, touching the next cell) is cut there. Each fragment goes to the
    column whose start is nearest, which absorbs the one-column shifts of tf.keras 2.7–2.12.
    """
    starts = [start for _, start in columns]
    out: dict[str, list[str]] = {key: [] for key, _ in columns}
    nearest = range(len(starts))
    for match in _FRAGMENT.finditer(text):
        a, b = match.start(), match.end()
        pieces = [a]
        for s in starts[1:]:
            if a < s < b and (text[s - 1] == " " or text[s] in "([" or text[s - 1] in ")]"):
                pieces.append(s)
        pieces.append(b)
        for lo, hi in zip(pieces, pieces[1:]):
            piece = text[lo:hi].strip()
            if not piece:
                continue
            index = min(nearest, key=lambda i: (abs(starts[i] - lo), -i))
            out[columns[index][0]].append(piece)
    return {key: tuple(frags) for key, frags in out.items()}


def ordered_columns(header: str) -> list[tuple[str, int]]:
    """Return (column key, start) pairs of a fixed-width header, left to right."""
    return sorted(header_columns(header).items(), key=lambda kv: kv[1])


def _row_or_continuation(text: str, layout: str, depth: int, columns: dict[str, int]) -> str:
    """Tell a new layer row from a continuation line of the row above."""
    body = text
    if depth:
        body = " " * _nest_level(text) + text[_nest_level(text) :].rstrip().rstrip("|")
    if layout == COLLAPSED:
        core = body.strip()
        first = core.split(" ", 1)[0]
        if re.fullmatch(r"\[?'?[\w./-]+\[\d+\]\[\d+\]'?,?\]?", first) and " " not in core:
            return CONT
        if not re.search(r"\d", core) and " " not in core.strip():
            return CONT
        if re.search(r"(?:^|\s)(?:\d[\d,]*|\d+ \((?:unused|unbuilt)\))(?:\s|$)", core):
            return ROW
        return CONT
    if "output_shape" not in columns or "params" not in columns:
        return ROW if body[:1].strip() or body[1:2].strip() else CONT
    parts = split_fixed(body, sorted(columns.items(), key=lambda kv: kv[1]))
    if not parts.get("layer"):
        return CONT
    wrapped = body[:1] == " "
    if not wrapped:
        return ROW  # Keras 1–2.6: a row starts wherever the first column is filled
    # tf.keras 2.7+: a new row fills its Param # cell and starts a shape; a wrapped row does not.
    params = parts.get("params") or []
    shape = parts.get("output_shape") or []
    if not params or not params[0][:1].isdigit():
        return CONT
    if not shape or not shape[0].startswith(("(", "[", "multiple", "?", "{")):
        return CONT
    return ROW


def _is_foreign(lines: list[Classified]) -> bool:
    """Tell a non-Keras table (torchsummary, paddle) from a Keras summary."""
    if _FOREIGN_SIGNS.search("\n".join(c.text for c in lines)):
        return True
    rows = [c.text for c in lines if c.kind == ROW]
    return bool(rows) and all("[-1," in t for t in rows)


def detect_dialect(lines: list[Classified], layout: str, header: str) -> str:
    """Tell which Keras generation printed the block."""
    kinds = {c.kind for c in lines}
    texts = "\n".join(c.text for c in lines)
    if layout == BOX or "(unbuilt)" in texts or OPTIMIZER in kinds:
        return "keras3"
    if re.search(r"\(\d+\.\d\d (?:B|KB|MB|GB|TB|PB)\)", texts) and layout != FIXED:
        return "keras3"
    if re.search(r"\(\d+\.\d\d Byte\)|\(\d+\.\d\d (?:KB|MB|GB)\)", texts):
        if "└ " in texts and layout == PIPE:
            return "keras3"
        return "keras2-wrapped"
    if NEST_OPEN in kinds or re.search(r"\['[^']*\[\d+\]\[\d+\]'", texts) or "[]" in texts:
        return "keras2-wrapped"
    if layout in (FIXED, COLLAPSED) and header.startswith(" Layer"):
        # tf.keras 2.7+ indents every line by one space and prints no `_` rule between rows.
        header_at = next(i for i, c in enumerate(lines) if c.kind == HEADER)
        between = [c for c in lines[header_at:] if c.kind not in TOTAL_KINDS]
        if not any(c.kind == RULE for c in between) or SPACER in kinds:
            return "keras2-wrapped"
    if _looks_keras1(lines, texts, kinds):
        return "keras1"
    return "keras2"


_KERAS1_NAMES = re.compile(
    r"\b(?:batchnormalization|convolution[123]d|maxpooling[123]d|averagepooling[123]d|merge|"
    r"timedistributed|spatialdropout[123]d|zeropadding[123]d|globalaveragepooling[123]d|"
    r"upsampling[123]d)_\d+\b"
)


def _looks_keras1(lines: list[Classified], texts: str, kinds: set[str]) -> bool:
    if MODEL in kinds:
        return False
    if _KERAS1_NAMES.search(texts) or re.search(r"\((?:Merge|Convolution[123]D)\)", texts):
        return True
    if re.search(r"_input_\d+\[0\]\[0\]", texts):
        return True
    totals = [c for c in lines if c.kind in TOTAL_KINDS]
    return bool(totals) and all(c.kind == TOTAL for c in totals)
