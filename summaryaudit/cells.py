"""Cut a row's physical lines into cells (fixed columns, bars, pipes, tokens) and read them."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from .kinds import Classified
from .layer_classes import is_known_class
from .memo import input_memo
from .patterns import lazy

COLUMN_KEYS = ("layer", "output_shape", "params", "connected_to", "trainable")
_BREAK_TOKENS = ("),", "},", "],", "',")
_NODE = lazy(r"(?<![^\s,'\[\]])[^\s,'\[\]]+\[\d+\]\[\d+\]")
_MARKERS = ("**", "__", "`", "*", "_")
_MARKER_STARTS = frozenset(marker[0] for marker in _MARKERS)


class RowCells:
    """The text of each cell of one layer row, and what the print cut (filled in as read)."""

    __slots__ = (
        "connected",
        "cut",
        "depth",
        "extra",
        "input_shape",
        "layer",
        "output_shape",
        "params",
        "readable",
        "trainable",
    )

    def __init__(
        self,
        layer: str = "",
        output_shape: str = "",
        params: str = "",
        connected: Optional[list[str]] = None,  # Connected to texts, read by the grammar
        trainable: str = "",
        depth: int = 0,
        cut: Optional[set[str]] = None,
        readable: bool = True,
    ) -> None:
        self.layer = layer
        self.output_shape = output_shape
        self.params = params
        self.connected = [] if connected is None else connected
        self.trainable = trainable
        self.depth = depth
        self.cut = set() if cut is None else cut
        self.readable = readable
        self.extra = ""  # a column an author added after Keras's: `Receptive Field.: 3`
        self.input_shape = ""  # an Input Shape column a table by hand added (85h's 011)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _ROW_CELLS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        pairs = ", ".join(f"{n}={v!r}" for n, v in zip(_ROW_CELLS, self._fields()))
        return f"RowCells({pairs})"


_ROW_CELLS = (
    "layer",
    "output_shape",
    "params",
    "connected",
    "trainable",
    "depth",
    "cut",
    "readable",
    "extra",
    "input_shape",
)


# --------------------------------------------------------------------------- fixed width


_FRAGMENT = lazy(r"\S+(?: \S+)*")
_TAB_GAP = lazy(r" *\t[ \t]*| {2,}")  # a gap between cells where tabs are: a tab, two blanks
_SHAPE_STARTS = ("(", "[", "{", "?", "multiple")
_HEADER_TITLES = (
    ("layer", lazy(r"Layer\s*\(type\)", re.I)),
    ("output_shape", lazy(r"Output\s*Shape")),
    # `Param` alone: a header wrapped before `#`; `Pa` alone: one wrapped inside `Param` (tf.keras
    # 2.13+ at line_length=50: `Pa` / `ra` / `m` / `#`)
    ("params", lazy(r"Param(?:\s*#|s?\b)|(?<=\s)Par?a?(?=\s{2,}|\s*$)")),
    ("connected_to", lazy(r"Connected\s*to")),
    ("trainable", lazy(r"Trainable")),
)


def header_columns(header: str) -> dict[str, int]:
    """Return the start column of each header title of a fixed-width table."""
    return dict(_columns_of(header))


@input_memo(maxsize=256)
def fixed_columns(header: str) -> tuple[tuple[str, int], ...]:
    """Return (column key, start) pairs of a fixed-width header, left to right."""
    return tuple(sorted(_columns_of(header), key=lambda kv: kv[1]))


@input_memo(maxsize=256)
def _columns_of(header: str) -> tuple[tuple[str, int], ...]:
    cols: dict[str, int] = {}
    last_end = 0
    for key, title in _HEADER_TITLES:
        match = title.search(header)
        if match:
            cols[key] = match.start()
            last_end = max(last_end, match.end())
    if "layer" in cols:
        cols["layer"] = 0
    if "params" in cols and last_end:
        extra = _EXTRA_TITLE.match(header, last_end)
        if extra is not None:
            # a column an author added after Keras's own (31c's 005: `Receptive Field.`): its
            # cells are no part of the count
            cols["extra"] = extra.start("title")
    return tuple(cols.items())


_EXTRA_TITLE = lazy(r"[ \t]{2,}(?P<title>[A-Za-z][\w.#()/ -]*?)[ \t]*$")


_COUNT_DIGITS = lazy(r"\d{1,3}(?:,\d{3})+|\d+")


def split_fixed(text: str, columns: Sequence[tuple[str, int]]) -> Mapping[str, tuple[str, ...]]:
    """Cut one physical line into column fragments by the header's column starts (cached).

    The result is shared between callers through the cache: read it, do not change it.
    """
    return _split_fixed(text, tuple(columns))


def opens_with_a_class_end(text: str) -> bool:
    """Tell whether a line whose blanks an editor turned into tabs opens with the end of a
    class its column wrapped (`irectional)\t(None, 44),`): a row's later line, no row."""
    return _ends_a_class(_TAB_GAP.split(text.strip(), maxsplit=1)[0])


def _ends_a_class(cell: str) -> bool:
    """Tell whether a cell closes more brackets than it opens (a wrapped class's end)."""
    return cell.count(")") > cell.count("(")


@input_memo(maxsize=2048)
def _split_fixed(text: str, columns: tuple[tuple[str, int], ...]) -> dict[str, tuple[str, ...]]:
    """Fragments are runs of text without a double space; a fragment crossing a column start
    at a space (or, in Keras 1.0, touching the next cell) is cut there. Each fragment goes to the
    column whose start is nearest, which absorbs the one-column shifts of tf.keras 2.7–2.12.
    """
    keys, inner, nearest, next_inner = _fixed_plan(columns)
    if "\t" in text:
        # a row whose blanks an editor turned into tabs (79c's 013: `embedding (Embedding)\t
        # (None, 48, 32)\t\t\t256000`): a tab's width is unknown, so its cells are not where
        # the header's titles are; as many cells as columns go one to each, in order
        found = _TAB_GAP.split(text.strip())
        if (
            len(found) > 1
            and (
                len(found) == len(keys)
                or (
                    # (a row with no inbound: an input's, or a Sequential model's first)
                    len(found) == len(keys) - 1 and keys[-1] == "connected_to"
                )
            )
            and (
                found[1].startswith(_SHAPE_STARTS)
                # (no wrapped class's end: `dAttention)\t(None, 2, 15, 15))`, a row's second line)
                and not _ends_a_class(found[0])
            )
        ):
            in_order: dict[str, tuple[str, ...]] = {key: () for key in keys}
            in_order.update((key, (cell,)) for key, cell in zip(keys, found))
            return in_order
    last = len(nearest) - 1
    out: list[list[str]] = [[] for _ in keys]
    for match in _FRAGMENT.finditer(text):
        a, b = match.span()
        if a > last:  # past the last start: that column is the nearest, none starts inside
            out[nearest[last]].append(match.group())
            continue
        if next_inner[a] >= b:
            # no column starts inside: the fragment whole (it starts and ends with a
            # non-space, `_FRAGMENT`, so it is its own `strip()`)
            out[nearest[a]].append(match.group())
            continue
        cuts = [
            _bracket_start(text, a, s)
            for s in inner
            if a < s < b and (text[s - 1] == " " or text[s] in "([" or text[s - 1] in ")]")
        ]
        if (
            not cuts
            and (listed := text.find(" [", a, b)) > a
            and _COUNT_DIGITS.fullmatch(text, a, listed)
        ):
            # a count one character wider than its column, its Connected to list after one
            # blank (39a's 013: `109,482,240 ['attention_mask[0][0]',`)
            cuts = [listed + 1]
        if not cuts:
            glued = _count_glued_to_shape(text, a, b, columns)
            if glued is None:
                out[nearest[a]].append(match.group())
                continue
            cuts = [glued]
        pieces = [a, *cuts, b]
        for lo, hi in zip(pieces, pieces[1:]):
            piece = text[lo:hi].strip()
            if not piece:
                continue
            out[nearest[min(lo, last)]].append(piece)
    return dict(zip(keys, map(tuple, out)))


def _bracket_start(text: str, a: int, at: int) -> int:
    """Where a cell starts that a column start cuts inside its opening brackets: at the first
    of them, after a blank (83b's 002: `vggface_vgg16_input (InputLayer) [(None, 224, 224, 3)]`,
    the name one column too wide, its shape's `[` left of the Output Shape title); else `at`."""
    if text[at] not in "([":
        return at
    start = at
    while start > a and text[start - 1] in "([":
        start -= 1
    return start if a < start < at and text[start - 1] == " " else at


def _count_glued_to_shape(
    text: str, a: int, b: int, columns: tuple[tuple[str, int], ...]
) -> Optional[int]:
    """Where Keras before 1.2 glued a count to a shape as wide as its column, its `)` cut
    (`(None, 100, 13, 13, 132800` for (None, 100, 13, 13, 13) and 2800; keras PR #4469): the
    Param # start, when the fragment holds an open shape before it and only digits after it."""
    for key, start in columns:
        if (
            key == "params"
            and a < start < b
            and text[start - 1].isdigit()
            and text[start:b].isdigit()
            and "(" in text[a:start]
            and ")" not in text[a:start]
        ):
            run = start
            while text[run - 1].isdigit():
                run -= 1
            if text[run - 1] == " " and text[run - 2] != ",":
                # a count one column left of its title after a cut shape and a blank (96e's
                # 011: `(None, 112, 112, 32 864`, 864 under `Param #` a column to the right):
                # the count starts where its digits do
                return run
            return start
    return None


@input_memo(maxsize=256)
def _fixed_plan(
    columns: tuple[tuple[str, int], ...],
) -> tuple[tuple[str, ...], list[int], list[int], list[float]]:
    """What cutting by these columns needs, worked out once per header: the distinct keys, the
    inner starts, and for each position up to the last start the key index of the nearest
    column and the first inner start past the position (past the last start, the last start's
    column is the nearest and no inner start follows)."""
    starts = [start for _, start in columns]
    names = [key for key, _ in columns]
    keys = tuple(dict.fromkeys(names))
    slot = [keys.index(name) for name in names]  # a key named twice collects in one list
    inner = starts[1:]
    positions = range(max(starts, default=-1) + 1)
    nearest = [slot[_nearest(starts, at)] for at in positions]
    next_inner = [min((s for s in inner if s > at), default=float("inf")) for at in positions]
    return keys, inner, nearest, next_inner


def _nearest(starts: list[int], at: int) -> int:
    """The index of the start nearest to a position; of equally near ones, the last."""
    best, distance = 0, abs(starts[0] - at)
    for index in range(1, len(starts)):
        this = abs(starts[index] - at)
        if this <= distance:
            best, distance = index, this
    return best


def pipe_cells(text: str) -> list[str]:
    """Split a Markdown table line into its cells (dropping the outer empty ones)."""
    cells = [c.strip() for c in re.split("[|│┃]", text.strip())]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


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


def join_wrapped(previous: str, chunk: str) -> str:
    """Join a wrapped tf.keras 2.7+ chunk onto its cell (a break token keeps the space)."""
    if not previous:
        return chunk
    if previous.endswith(_BREAK_TOKENS):
        return previous + " " + chunk
    return previous + chunk


def _strip_frame(text: str, depth: int) -> str:
    """Blank out expand_nested frame bars so columns keep their positions."""
    if not depth and not text.startswith("|"):
        return text
    bars = len(text) - len(text.lstrip("|"))
    inner = " " * bars + text[bars:]
    return inner.rstrip().rstrip("|")


def read_fixed(lines: list[Classified], header: str, wrapped: bool) -> RowCells:
    """Read a fixed-width row: the first line and its continuation lines."""
    return FixedColumns(header, wrapped).read(lines)


class FixedColumns:
    """The columns of one fixed-width header, worked out once per block: each row is cut by
    them and its fragments joined per column (`read`)."""

    __slots__ = (
        "columns",
        "count_gap",
        "extra_title",
        "keys",
        "layer_width",
        "shape_end",
        "wrapped",
    )

    def __init__(self, header: str, wrapped: bool) -> None:
        self.columns = fixed_columns(header)
        self.keys = tuple(key for key, _ in self.columns)
        # a gap inside a count cell is the author's: a note after the count (`480          LSTM
        # has 4 …`, 34b's 013), kept two blanks away, not run into the count (tf.keras 2.7+
        # wraps a count onto the next line, never within one); under Connected to, an entry
        # a page moved left into the count's column stays one blank away, as it was read
        self.count_gap = " " if "connected_to" in self.keys else "  "
        width = dict(self.columns)
        self.layer_width = width.get("output_shape", 0)
        self.shape_end = width.get("params")
        self.wrapped = wrapped
        extra = width.get("extra")
        self.extra_title = header[extra:].strip() if extra is not None else ""

    def read(self, lines: Sequence[Classified]) -> RowCells:
        """Read a row: the first line and its continuation lines."""
        columns, wrapped = self.columns, self.wrapped
        first = lines[0]
        frags: Mapping[str, Sequence[str]]
        if len(lines) == 1:
            text = first.text
            if first.depth or text.startswith("|"):
                text = _strip_frame(text, first.depth)
            frags = _split_fixed(text, columns)  # shared through the memo: read only
            last_key = self.keys[-1]
            last_cell = frags.get(last_key, ())
            if len(last_cell) > 1 and last_cell[-1][-1:] == ")" and "(" not in last_cell[-1]:
                frags = self._class_end_after_count(frags, last_key, last_cell)
            counts = self.count_gap.join(frags.get("params", ()))
        else:
            joined: dict[str, list[str]] = {key: [] for key in self.keys}
            per_line: list[str] = []  # each line's Param # fragments: a wrap joins across lines
            for item in lines:
                text = _strip_frame(item.text, item.depth)
                parts = (
                    self._cells_by_content(text)
                    if "\t" in text and item is not first  # (a tab's width is unknown)
                    else split_fixed(text, columns)
                )
                for key in self.keys:
                    joined[key].extend(parts[key])
                if parts.get("params"):
                    per_line.append(self.count_gap.join(parts["params"]))
            frags = joined
            counts = (_join_wrapped_all if wrapped else " ".join)(per_line)
        if wrapped:
            inbound = frags.get("connected_to", ())
            if len(inbound) > 1 and not inbound[-1].strip(")]") and "(" in first.text:
                frags = self._shape_end_after_inbound(frags, inbound)
        get = frags.get
        if wrapped:
            # a wrapped chunk joins its cell as `join_wrapped` says; Connected to is one list,
            # wrapped over lines
            entries = get("connected_to", ())
            cells = RowCells(
                _join_wrapped_all(get("layer", ())),
                _join_wrapped_all(get("output_shape", ())),
                counts,
                [_join_wrapped_all(entries)] if entries else [],
                _join_wrapped_all(get("trainable", ())),
                first.depth,
            )
            if self.extra_title:
                self._extra(cells, get("extra", ()))
            return cells
        # Each column's fragments join on their own, in order, with one space (fragments have
        # no outer spaces); a class name the column wrapped mid-word joins with none.
        layer_frags = get("layer", ())
        cells = RowCells(
            _join_layer(layer_frags) if len(layer_frags) > 1 else " ".join(layer_frags),
            " ".join(get("output_shape", ())),
            counts,
            list(get("connected_to", ())),
            " ".join(get("trainable", ())),
            first.depth,
        )
        if cells.output_shape[:1] == "(" and cells.output_shape[1:2].isupper():
            _class_back_to_its_name(cells)
        if self.layer_width and (len(lines) == 1 or not _layer_goes_on(lines)):
            self._cut_on_first_line(cells, first.text)
        if self.extra_title:
            self._extra(cells, get("extra", ()))
        return cells

    def _cells_by_content(self, text: str) -> Mapping[str, Sequence[str]]:
        """A row's later line whose blanks an editor turned into tabs, its cells told apart by
        what they hold, not where they stand (the review of trial 81's items 4–6): a count's
        wrapped digits, a wrapped shape's piece, an inbound entry, or else the name or class."""
        found: dict[str, list[str]] = {key: [] for key in self.keys}
        for cell in _TAB_GAP.split(text.strip()):
            if not cell:
                continue
            if "connected_to" in found and (
                "][" in cell or cell[:1] in "'\"" or not cell.strip("]'\", ")  # (a list's `]`)
            ):
                key = "connected_to"
            elif "params" in found and _COUNT_DIGITS.fullmatch(cell):
                key = "params"
            elif cell[:1] in "([)" or "None" in cell or (cell[:1].isdigit() and cell[-1:] in ",)]"):
                key = "output_shape"
            else:
                key = "layer"
            found[key].append(cell)
        return found

    @staticmethod
    def _shape_end_after_inbound(
        frags: Mapping[str, Sequence[str]], inbound: Sequence[str]
    ) -> Mapping[str, Sequence[str]]:
        """A shape's wrapped end a paste joined onto its row's line, after the Connected to
        list (72a's 015: `[(None, 224, 224, 3  0  []   )]`): back to the shape it closes."""
        shape = frags.get("output_shape", ())
        if not shape or not unbalanced(shape[-1]):
            return frags
        moved = dict(frags)
        moved["output_shape"] = (*shape[:-1], shape[-1] + inbound[-1])
        moved["connected_to"] = inbound[:-1]
        return moved

    @staticmethod
    def _class_end_after_count(
        frags: Mapping[str, Sequence[str]], key: str, cell: Sequence[str]
    ) -> Mapping[str, Sequence[str]]:
        """A class's wrapped end a paste joined onto its row's line, after the last cell (73b's
        012: `max_pooling1d_9 (MaxPooling  (None, 24, 64)  0  1D)`): back to the class."""
        layer = frags.get("layer", ())
        if not layer or layer[-1].count("(") <= layer[-1].count(")"):
            return frags
        if _CLASS_END.fullmatch(cell[-1]) is None:
            return frags
        cut_class = layer[-1].rpartition("(")[2]
        if not is_known_class(cut_class + cell[-1][:-1]):
            return frags  # (`(BatchNo` + `2)`: a note after the count, no class's end)
        moved = dict(frags)
        moved["layer"] = (*layer[:-1], layer[-1] + cell[-1])
        moved[key] = cell[:-1]
        return moved

    def _extra(self, cells: RowCells, fragments: Sequence[str]) -> None:
        """Keep the text of the author's own column, with its title (said beside the row)."""
        if fragments:
            cells.extra = f"{self.extra_title} {' '.join(fragments)}"

    def _cut_on_first_line(self, cells: RowCells, text: str) -> None:
        """Mark a name, class or shape that fills its column to the edge as cut."""
        layer_width = self.layer_width
        raw = text[: layer_width - 1].rstrip()
        if (
            len(raw) >= layer_width - 2
            and not raw.endswith(")")
            # a retyped table's cell may run on past its header's column: whole, not cut (37a's
            # 011: `max_pooling2d_1 (MaxPooling2D)` across an `Output` moved left)
            and not cells.layer.endswith(")")
        ):
            # a name that ends two characters before the column's edge is whole: Keras cut
            # the cell there and blanked its last character, so only the class was cut off
            # (85b's 010: `global_average_pooling1d_29  (None, 160)`)
            name_cut = "(" not in raw and len(raw) >= layer_width - 1
            cells.cut.add("name" if name_cut else "type")
        shape_end = self.shape_end
        if shape_end:
            shape_raw = text[layer_width : shape_end - 1].rstrip()
            if (
                len(shape_raw) >= shape_end - layer_width - 2
                and unbalanced(shape_raw)
                # a retyped table's shape may run on past its header's column: whole, not cut
                and unbalanced(cells.output_shape)
            ):
                cells.cut.add("output_shape")


_CLASS_END = lazy(r"[A-Za-z0-9_.]*\)")  # the end of a class a column wrapped: `ormalization)`


def _join_layer(chunks: Sequence[str]) -> str:
    """Join a layer cell's fragments with one space, but a class name the column wrapped
    mid-word with none (`(BatchN` + `ormalization)`)."""
    joined = ""
    for chunk in chunks:
        if not joined:
            joined = chunk
        elif _closes_a_wrapped_class(joined, chunk):
            joined += chunk
        else:
            joined += " " + chunk
    return joined


def _join_wrapped_all(chunks: Sequence[str]) -> str:
    """Join a cell's wrapped chunks in order, as `join_wrapped` joins each to the ones before."""
    joined = ""
    for chunk in chunks:
        joined = join_wrapped(joined, chunk)
    return joined


def unbalanced(text: str) -> bool:
    """Tell whether a cell opens a bracket it does not close (a shape cut by a wrap)."""
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def _closes_a_wrapped_class(current: str, frag: str) -> bool:
    """Whether frag ends a class name the column wrapped mid-word (`(BatchN` + `ormalization)`),
    in a print that lost tf.keras 2.7+'s leading space: no space goes between the two."""
    return (
        current.rfind("(") > current.rfind(")")
        # a class's letters (not `tf_op_layer_l2_normalize_1/Rsqrt[`, a Connected to entry
        # under a class cut to `(Ten`, 53c's 007)
        and (not (letters := frag.rstrip(")")) or letters.replace("_", "").isalnum())
    )


def _layer_goes_on(lines: Sequence[Classified]) -> bool:
    """Whether a continuation line holds more of the row's first column (it was wrapped, not
    cut): text at the line's start."""
    return any(item.text[:1].strip() and not item.text.startswith("|") for item in lines[1:])


# --------------------------------------------------------------------------- box and pipe


@functools.cache
def _bar_patterns(bars: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The expressions that split a line at these bars and find a bar before a cropped end."""
    escaped = re.escape(bars)
    return re.compile("[" + escaped + "]"), re.compile("[" + escaped + "] {2,}$")


@input_memo(maxsize=4096)
def split_bars(text: str, bars: str) -> tuple[tuple[str, ...], bool]:
    """Split a box line into raw cells (memoised: a row's lines are split more than once); the
    flag tells whether the right border is present.

    A terminal that crops a table cuts every line at its width, so a cropped line can end in a
    bar followed by the blank start of the next cell: that is not a closed row.
    """
    core = text.strip()
    if core and core[0] in bars:
        core = core[1:]
    # a cropped end is a bar and then two spaces or more, at the very end of the line
    closed = bool(core) and core[-1] in bars
    if closed:
        tail = text.rstrip("\r\n")
        if tail.endswith("  ") and _bar_patterns(bars)[1].search(tail):
            closed = False
    # A line with one kind of bar (a box row's `│`) is cut by str.split, as the expression
    # would cut it but several times faster.
    found = ""
    for bar in bars:
        if bar in core:
            if found:
                found = ""
                break
            found = bar
    parts = core.split(found) if found else _bar_patterns(bars)[0].split(core)
    if closed:
        parts = parts[:-1]
        # Anything after the right border (an author's annotation) is not a cell.
    return tuple(parts), closed


_NOTE_WORD = lazy(r"\([A-Za-z][\w -]*\)")  # `(frozen)`: a word, no count


def box_row_groups(lines: list[Classified], keys: list[str]) -> list[list[Classified]]:
    """Split the lines of a box row into layers: with no separators between rows, a line whose
    Param # cell is filled starts the next layer (a wrapped line leaves it empty, or holds the
    `(unbuilt)` of a wrapped `0 (unbuilt)`); in a box
    cropped before Param #, a line with a name and the start of a shape does."""
    return KeyedColumns(keys, pipe=False).groups(lines)


def _cell_of(raw: Sequence[str], keys: Sequence[str], key: str) -> str:
    """The stripped cell of a column of a split line ('' when the line has no such cell); a key
    named twice takes its last column."""
    at = _last_index(keys, key)
    return _cell_at(raw, at)


def _last_index(keys: Sequence[str], key: str) -> Optional[int]:
    """The index of a key's last column, None when no column has it."""
    if key not in keys:
        return None
    return len(keys) - 1 - list(keys)[::-1].index(key)


# A shape and a count in one cell, the bar between them lost (`(None, 32, 32, 32)       128`)
_SHAPE_THEN_COUNT = lazy(r"(\([\w ,]*\))[ \t]{2,}(\d[\d,]*)")
# A count and a Connected to list in one cell (`921920      ['re_lu_6[0][0]']`)
_COUNT_THEN_ENTRIES = lazy(r"(\d[\d,]*)[ \t]{2,}(\[.*\]|[\w./-]+\[\d+\]\[\d+\].*)")


# A layer's name and whole class (`dense_1 (Dense)`), and a whole shape (`(None, 11, 32)`), as a
# hand-typed table writes them
LAYER_LABEL = r"[\w./:-]+ \([A-Z][\w.]*\)"
WHOLE_SHAPE = r"\((?:None|\d+)(?:, ?(?:None|\d+))*,?\)"
# A layer cell that holds the row's shape too, maybe its count (a PDF's table shredded into
# Markdown, 30a's 013: `| conv2d_1 (Conv2D) (None, 11, 11, 32) 4640 |  |`)
_LABEL_SHAPE_COUNT = lazy(
    rf"(?P<label>{LAYER_LABEL})[ \t]+(?P<shape>\[?{WHOLE_SHAPE}\]?)(?:[ \t]+(?P<count>\d[\d,]*))?"
)


def _without_stray_cells(cells: list[str], width: int) -> list[str]:
    """A retyped Markdown row with an empty cell too many (`| gru (GRU) |  | multiple | 3938304 |`,
    15b's 009): its filled cells, when they are exactly as many as the header's columns. A row
    one cell short whose last cell holds a shape and a count (a lost bar, 29b's 008): the two
    cells. A layer cell holding the shape, and maybe the count, of the row: its cells, then the
    other filled cells, when that makes the header's columns."""
    if cells and ") (" in cells[0]:
        shredded = _LABEL_SHAPE_COUNT.fullmatch(cells[0])
        if shredded is not None:
            parts = [part for part in shredded.groups() if part is not None]
            parts += [cell for cell in cells[1:] if cell.strip()]
            if len(parts) == width:
                return parts
    if len(cells) <= width:
        if len(cells) == width - 1 and cells:
            # (48c's 010: the bar lost between a shape and its count in the middle of a row,
            # or between the count and the Connected to list: `921920      ['re_lu_6[0][0]']`)
            for at in range(len(cells) - 1, 0, -1):
                lost_bar = _SHAPE_THEN_COUNT.fullmatch(cells[at].strip())
                if lost_bar is None:
                    lost_bar = _COUNT_THEN_ENTRIES.fullmatch(cells[at].strip())
                if lost_bar is not None:
                    return [*cells[:at], lost_bar.group(1), lost_bar.group(2), *cells[at + 1 :]]
        return cells
    filled = [cell for cell in cells if cell.strip()]
    return filled if len(filled) == width else cells


def _cell_at(raw: Sequence[str], at: Optional[int]) -> str:
    """The stripped cell at a column index ('' when there is no such column or cell)."""
    return raw[at].strip() if at is not None and at < len(raw) else ""


# A hand-retyped table's count column: `Parameters`, `# Params`, `Number of Parameters`,
# `No. of params`, `Param count` (14a's 009); an OCR's `Paran #`, `Pararn #` (97c's 004)
_PARAM_TITLE = lazy(
    r"(?:#\s*|(?:no\.?|num(?:ber)?)\s*(?:of\s+)?|#\s*of\s+)?"
    r"para(?:m|rn|n)(?:eter)?s?(?:\s*(?:#|count|number))?"  # `Parameters number` (18b's 010)
)


def header_keys(header_cells: Sequence[str]) -> list[str]:
    """Map header titles (possibly cut: `Traina…`) to column keys."""
    titles = (
        ("layer (type)", "layer"),
        ("output shape", "output_shape"),
        ("param #", "params"),
        ("connected to", "connected_to"),
        ("trainable", "trainable"),
        ("input shape", "input_shape"),  # (a column a table by hand added: 85h's 011)
    )
    keys = []
    for title in header_cells:
        # (`Param\#`: a Markdown escape the page kept, 33a's 005)
        t = " ".join(_clean_markup(title).lower().replace("…", " ").replace("\\", "").split())
        if _PARAM_TITLE.fullmatch(t):
            keys.append("params")
            continue
        first = t.split(" ", 1)[0] if t else ""
        compact = t.replace(" ", "")  # a title retyped without its blank: `Layer(type)`
        # Titles start with different letters, so even `T…` (Trainable cut by a narrow
        # terminal) or `Par… #` names one column.
        key = next(
            (
                k
                for full, k in titles
                if first
                and (
                    full.startswith(t)
                    or t.startswith(full)
                    or full.startswith(first)
                    or full.replace(" ", "") == compact
                )
            ),
            None,
        )
        if key in keys and not any(full.startswith(t) for full, _ in titles):
            # a column of the author's own whose first word is a title's (75d's 004: `Layer
            # note` after `Layer (type)`): its own key, read as a note, not a second layer cell
            key = None
        keys.append(key or t or "?")
    return keys


def read_cells_by_keys(
    lines: list[Classified], keys: list[str], pipe: bool
) -> tuple[RowCells, bool]:
    """Read a box or pipe row whose columns are named by keys."""
    return KeyedColumns(keys, pipe).read(lines)


_CELL_FIELDS = ("layer", "output_shape", "params", "connected_to", "trainable", "input_shape")


# A class a fixed-width column cut and a retyping moved into the shape's cell (34c's 013:
# `| repeat_vector_1 | (RepeatVecto (None, 5, 128) | 0 |`), or a whole one a README's blanks
# pushed there (38c's 001: `primarycap_conv2d &nbsp;… (Conv2D) &nbsp;… (None, 6, 6, 256)`)
_CLASS_IN_SHAPE = lazy(r"\(([A-Z][A-Za-z0-9]*\)?) +([\[(].*)")


def _class_back_to_its_name(cells: RowCells) -> None:
    """Give the class at the start of a shape cell back to the name it belongs after."""
    found = _CLASS_IN_SHAPE.fullmatch(cells.output_shape)
    if found is not None and "(" not in cells.layer:
        cells.layer = f"{cells.layer} ({found.group(1)}"
        cells.output_shape = found.group(2)


class KeyedColumns:
    """The columns of one box or pipe header, worked out once per block (which columns hold
    each field, where Param # and the name are): each row is read by them (`read`, `groups`)."""

    __slots__ = ("bars", "fields", "keys", "layer_at", "params_at", "pipe", "shape_at", "single")

    def __init__(self, keys: Sequence[str], pipe: bool) -> None:
        self.keys = list(keys)
        self.pipe = pipe
        self.bars = "|" if pipe else "│┃|"
        # Each field the columns hold (in the order the header first names it), with the indexes
        # of all its columns: a field named twice collects both columns' cells, line by line.
        self.fields = tuple(
            (key, tuple(i for i, k in enumerate(keys) if k == key))
            for key in dict.fromkeys(keys)
            if key in _CELL_FIELDS
        )
        # one column per field (the header names none twice)
        self.single = all(len(indexes) == 1 for _, indexes in self.fields)
        self.params_at = _last_index(keys, "params")
        self.layer_at = _last_index(keys, "layer")
        self.shape_at = _last_index(keys, "output_shape")

    def groups(self, lines: list[Classified]) -> list[list[Classified]]:
        """Split the lines of a box row into layers (see `box_row_groups`)."""
        if len(lines) == 1 or (self.params_at is None and self.shape_at is None):
            return [lines]
        groups: list[list[Classified]] = []
        for item in lines:
            raw, _ = split_bars(item.text, "│┃|")
            if self.params_at is not None:
                count = _cell_at(raw, self.params_at)
                # `(unbuilt)` alone: the rest of `0 (unbuilt)`, which a narrow Param # column
                # wrapped (29a's 014), no layer of its own
                starts = bool(count) and count not in _WRAPPED_COUNT_NOTES
            else:
                name = _cell_at(raw, self.layer_at).lstrip("└ ")
                shape = _cell_at(raw, self.shape_at)
                starts = bool(name) and name[0] != "(" and shape[:1] in "([?{m"
            if groups and not starts:
                groups[-1].append(item)
            else:
                groups.append([item])
        return groups

    def note(self, item: Classified) -> Optional[str]:
        """The author's note a box row's later line holds instead of cells (20b's 010:
        `│ [FROZEN - Transfer Learning] │ │ (frozen) │`, `│ [rate=0.1] │ │ │`): a layer cell
        all in brackets, the others empty or a word in parentheses; None for any other line."""
        raw, _ = split_bars(item.text, self.bars)
        name = _cell_at(raw, self.layer_at)
        if not (name.startswith("[") and name.endswith("]")) or "[0]" in name:
            return None  # (a Connected to entry is no note)
        rest = [cell.strip() for i, cell in enumerate(raw) if i != self.layer_at and cell.strip()]
        if any(not _NOTE_WORD.fullmatch(cell) for cell in rest):
            return None
        return " ".join([name, *rest])

    def read(self, lines: Sequence[Classified]) -> tuple[RowCells, bool]:
        """Read a row: its cells, and whether every line kept its right border."""
        keys = self.keys
        if len(lines) == 1 and not self.pipe:  # most box rows: one line, split once
            raw, closed = split_bars(lines[0].text, self.bars)
            # A bar after the last column closes the row, whatever follows it (an annotation).
            closed = closed or len(raw) > len(keys)
            return (self._line_cells(raw) if self.single else self._cells([raw])), closed
        closed_all = True
        split: list[Sequence[str]] = []
        if self.pipe:
            spread = len(lines) > 1 and len(pipe_cells(lines[0].text)) < len(keys)
            for item in lines:
                split.append(_without_stray_cells(pipe_cells(item.text), len(keys)))
            if spread:
                # a Markdown row spread over several lines: cells continue where the last line
                # stopped, as if the lines were one
                split = [[cell for raw in split for cell in raw]]
            cells = self._cells(split)
            if cells.output_shape[1:2].isupper():
                _class_back_to_its_name(cells)
            return cells, closed_all
        else:
            for item in lines:
                raw, closed = split_bars(item.text, self.bars)
                # A bar after the last column closes the row, whatever follows it (an annotation).
                if not closed and len(raw) <= len(keys):
                    closed_all = False
                split.append(raw)
        return self._cells(split), closed_all

    def _cells(self, split: Sequence[Sequence[str]]) -> RowCells:
        """Join each field's cells over the split lines (markup removed, empty cells dropped)."""
        if len(split) == 1 and self.single:
            return self._line_cells(split[0])
        cells = RowCells()
        for key, indexes in self.fields:
            if len(indexes) == 1:
                at = indexes[0]
                parts = []
                for raw in split:  # a loop: cheaper than a comprehension for a few lines
                    if at < len(raw):
                        parts.append(raw[at])
            else:
                parts = [raw[i] for raw in split for i in indexes if i < len(raw)]
            if key == "layer" and parts:
                first = parts[0]
                lead = first[1:] if first.startswith(" ") else first
                marker = lead.lstrip(" ")
                if marker.startswith("└"):
                    cells.depth = max(1, (len(lead) - len(marker)) // 3)
                    parts[0] = marker.lstrip("└ ")
            texts = []
            for part in parts:
                text = part.strip()
                if text:
                    texts.append(text if text[0] not in _MARKER_STARTS else _clean_markup(text))
            if key == "connected_to":
                joined = _entries_joined(texts)
                cells.connected = [joined] if joined else []
            else:
                setattr(cells, key, " ".join(texts))
        return cells

    def _line_cells(self, raw: Sequence[str]) -> RowCells:
        """`_cells` of one line when each field has one column: each field is its cell."""
        cells = RowCells()
        for key, (at,) in self.fields:
            if at >= len(raw):
                continue
            text = raw[at]
            if key == "layer" and text.lstrip(" ").startswith("└"):
                lead = text[1:] if text.startswith(" ") else text
                marker = lead.lstrip(" ")
                cells.depth = max(1, (len(lead) - len(marker)) // 3)
                text = marker.lstrip("└ ")
            text = text.strip()
            if text and text[0] in _MARKER_STARTS:
                cleaned = _clean_markup(text)
                if cleaned == text and key == "layer":
                    # the name alone set as code or in bold: `` `embedding` (Embedding) ``
                    name, paren, rest = text.partition(" (")
                    cleaned = _clean_markup(name) + paren + rest
                text = cleaned
            if key == "connected_to":
                cells.connected = [text] if text else []
            else:
                setattr(cells, key, text)
        return cells


def _entries_joined(texts: list[str]) -> str:
    """A Connected to cell's lines as one text: a line that ends a whole entry without a comma
    (Keras 2's `add (Add) … a[0][0]` over `b[0][0]`, retyped as a Markdown table) is one entry,
    so a comma goes after it; Keras 3 ends each entry but the last with its own comma."""
    if len(texts) < 2:
        return texts[0] if texts else ""
    return "".join(text + (", " if text.endswith("]") else " ") for text in texts[:-1]) + texts[-1]


def _clean_markup(text: str) -> str:
    """Remove Markdown emphasis around a cell (`_x_`, `**x**`, `` `x` ``); markers come in pairs,
    so a name that merely ends in `_` keeps it."""
    text = text.strip()
    if text[:1] not in _MARKER_STARTS:
        return text
    changed = True
    while changed and len(text) > 1:
        changed = False
        for marker in _MARKERS:
            if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
                text = text[len(marker) : -len(marker)].strip()
                changed = True
                break
    return text


# --------------------------------------------------------------------------- collapsed


_WRAPPED_COUNT_NOTES = ("(unbuilt)", "(unused)")
_CLASS_PAREN = lazy(r"\(\s*[A-Za-z_]")
# A wrapped name's rest and its class (maybe cut), then more cells: `ection_layer (Dense) atu…`
_NAME_TAIL = lazy(r"(\S+ \([A-Za-z][\w.]*\)?)\s+(\S.*)$")
# `encoder (Encoder) EncoderOutputWithPoolin 112 […]`: a row whose output is a repr's first piece
REPR_OUTPUT_ROW = lazy(r"(\S+ \(\w+\)) ([A-Z]\w*) (\d[\d,]*)(?: (.*))?$")
_DIGIT_NOTE = lazy(r"\(\d[^()]*?[A-Za-z.][^()]*\)")
_SHAPE_START = lazy(r"\[?\((?:None|\d|\?|\))|multiple\b|\?(?:\s|$)|\[\]|\{'|None\s+\d")
NO_SHAPE = "None"  # tf.keras's Output Shape of a layer whose output has no static shape


def read_collapsed(lines: list[Classified]) -> RowCells:
    """Read a row whose spacing was collapsed, by scanning its tokens."""
    cells = RowCells()
    first = lines[0]
    text = first.text
    if first.depth or text[:1] == "|":
        # a row inside an expand_nested frame, its blanks collapsed (review 83's 9b)
        text, cells.depth = _strip_frame(text, first.depth), first.depth
    cells.readable = _scan_tokens(cells, text.strip())
    for item in lines[1:]:
        extra = _strip_frame(item.text, item.depth).strip()  # (as FixedColumns.read does)
        if not extra:
            continue
        if extra.startswith("(") and "(" not in cells.layer:
            whole_class = _WHOLE_CLASS_THEN.match(extra)
            if whole_class is not None:
                # the class tf.keras 2.7+ wrapped whole, then the rest of its Connected to list
                # (`(QuantizeWrapperV2) ]']`, 77c's quantized MobileNet)
                cells.layer += " " + whole_class.group(1)
                extra = whole_class.group(2)
        if " (" in extra and "(" not in cells.layer:
            rest_of_name = _NAME_TAIL.match(extra)
            if rest_of_name is not None:
                # the rest of a name tf.keras 2.7+ wrapped, its class, then the rest of its
                # Connected to list (`projection_layer (Dense) _features[0][0]']`)
                cells.layer += rest_of_name.group(1)
                extra = rest_of_name.group(2)
        if cells.layer.count("(") > cells.layer.count(")"):
            # the end of a wrapped class, then the end of a wrapped shape (`spose) )`), or of
            # a wrapped Connected to list (`eWrapperV2) ]']`, or `)]']`, its blanks lost)
            class_end = _CLASS_END_THEN.match(extra)
            if class_end is not None:
                cells.layer += class_end.group(1)
                extra = class_end.group(2)
        if extra.isdigit() and cells.params.isdigit():
            # the rest of a count tf.keras 2.7+ wrapped in its Param # column (`… 3355852
            # ['concatenate[0][0]']` over `8`), its blanks lost: no other cell is digits alone
            cells.params += extra
            continue
        shape_rest = _SHAPE_REST_THEN.match(extra) if unbalanced(cells.output_shape) else None
        if shape_rest is not None:
            # the rest of a shape tf.keras 2.7+ wrapped (`(None, 26, 26` / `, 32)`, `Non` /
            # `e, None, 4)]`), its blanks lost (83a's 012)
            rest = shape_rest.group(1)
            head, comma, last = cells.output_shape.rpartition(", ")
            if rest[:1].isdigit() and not cells.params and comma and last.isdigit():
                # the shape cut after a comma (`(None, 26, 26,` / `32)`): with the blanks lost,
                # the count ran into it (`(None, 26, 26, 320`), the last number shown
                cells.params, cells.output_shape = last, head + ","
            if cells.output_shape.endswith(","):
                cells.output_shape += " "
            cells.output_shape += rest
            extra = extra[shape_rest.end() :].lstrip()
            if not extra:
                continue
        closing = len(extra) - len(extra.lstrip(")] "))
        if closing and unbalanced(cells.output_shape):
            # `)]`: the end of a wrapped `[(None, 224, 224, 1`, maybe with the next inbound
            # entry of a wrapped Connected to list after it (`) 'conv2d_3[0][0]']`)
            cells.output_shape += extra[:closing].replace(" ", "")
            extra = extra[closing:]
            if not extra:
                continue
        if cells.output_shape.startswith("{") and "}" not in cells.output_shape:
            cells.output_shape += " " + extra  # a dict of outputs tf.keras 2.7+ wrapped
        elif cells.output_shape[:1].isupper() and (
            "(" not in cells.output_shape or unbalanced(cells.output_shape)
        ):
            cells.output_shape += extra  # the next piece of a wrapped repr, cut mid-word
        elif extra[:1] in "]0123456789" and "]" in extra and _open_entry(cells.connected):
            # the rest of an entry wrapped inside its index (`['quant_add[0][` / `0]']`)
            cells.connected[-1] += extra
        elif extra[:1] == "]" and not extra.strip("]'\" ") and _open_list(cells.connected):
            cells.connected[-1] += extra  # the `]` that closes a list, wrapped alone
        elif extra[:1] == "," and _open_list(cells.connected):
            # the comma after an entry, wrapped with the next entry (`, 'tf.__operators__.
            # getitem_1[0][`), its blanks lost (83a's 012)
            cells.connected[-1] += extra
        elif _NODE.search(extra) or extra.startswith(("[", "'")):
            if _open_list(cells.connected):
                # the rest of a list tf.keras 2.7+ wrapped at its column's width, mid-entry
                # (`['quant_batch_normalization[0]` / `[0]']`): one text again
                cells.connected[-1] += extra
            else:
                cells.connected.extend(_node_entries(extra))
        elif cells.connected and " " not in extra and "[" in extra and "(" not in extra:
            # an entry the print cut in its column (`tf_op_layer_l2_normalize_1/Rsqrt[`, under
            # a class cut to `(Ten`, 53c's 007): no more of the class
            cells.connected.append(extra)
        elif cells.connected and not any(ch in extra for ch in "()[]"):
            # one more inbound name written without `[0][0]` (a hand-formatted Keras 1 table)
            cells.connected.extend(_node_entries(extra))
        elif extra.endswith(")") and unbalanced(cells.output_shape):
            cells.output_shape += extra

        else:
            cells.layer += extra
    return cells


_SHAPE_REST_THEN = lazy(r"(\w*(?:,[ \t]*(?:None|\d+))+,?[ \t]*\)+\]?|\w+\)+\]?)(?=[ \t]|$)")
_WHOLE_CLASS_THEN = lazy(r"(\([A-Za-z_][\w.]*\)) *(\S.*)")
_CLASS_END_THEN = lazy(r"([\w.]*\))(?: +|(?=[\]']))(\S.*)")


def _open_list(connected: list[str]) -> bool:
    """Tell whether the last inbound text is a list the print wrapped before its `]`."""
    last = connected[-1] if connected else ""
    return last.startswith("['") and last.count("[") > last.count("]")


def _open_entry(connected: list[str]) -> bool:
    """Tell whether the last inbound text ends in an entry the print wrapped inside its index
    (`['quant_add[0][`; not `['getitem[0][0]'`, whose `[` opens the list)."""
    last = connected[-1] if connected else ""
    entry = last.rpartition(",")[2].strip().lstrip("[").strip("'\"")
    return entry.count("[") > entry.count("]")


def _node_entries(text: str) -> list[str]:
    """A list (`['a[0][0]', …]`) is one Connected to text; otherwise each token is one."""
    if text.startswith("["):
        return [text]
    number, _, listed = text.partition(" ")
    listed = listed.lstrip()
    if number.isdigit() and listed.startswith("["):
        return [number, listed]  # an author's number before the list (`0   60 ['dense[0][0]',`)
    return [t.strip(",'") for t in text.split() if t.strip(",'")]


def _scan_tokens(cells: RowCells, text: str) -> bool:
    """Fill cells from `name (Class) shape params [connected…]` with single spaces."""
    match = _SHAPE_START.search(text, 1)
    # the class paren `(Dense)` also starts with `(`: skip paren groups holding a name
    while match and (
        (_CLASS_PAREN.match(text, match.start()) and not text.startswith("(None", match.start()))
        # an author's note after the class, set in parentheses as a shape is, but holding
        # letters or a decimal point no shape holds (89a's 013: `Dropout (0.3) (None, 576) 0`,
        # `Dense (512, ReLU) (None, 512) 295,424`), with the shape after it
        or (
            (note := _DIGIT_NOTE.match(text, match.start())) is not None
            and _SHAPE_START.search(text, note.end()) is not None
        )
    ):
        match = _SHAPE_START.search(text, match.start() + 1)
    if not match:
        repr_row = REPR_OUTPUT_ROW.match(text)
        if repr_row is None:
            return False
        # an output printed as an object's repr, its column wrapped (28a's 004): the first
        # piece of it, the rest on the lines below
        cells.layer, cells.output_shape, cells.params = repr_row.group(1, 2, 3)
        rest = (repr_row.group(4) or "").strip()
        if rest:
            cells.connected = _node_entries(rest)
        return True
    cells.layer = text[: match.start()].strip()
    rest = text[match.start() :]
    shape, rest = _take_shape(rest)
    cells.output_shape = shape
    rest = rest.strip()
    count = re.match(r"(\d[\d,.]*(?: ?\((?:unused|unbuilt)\))?)(?:\s+|$)", rest)
    if not count:
        return not rest and bool(shape)  # (a row that ends at its shape: no count shown)
    cells.params = count.group(1)
    rest = rest[count.end() :].strip()
    if rest in ("Y", "N", "-"):
        cells.trainable = rest
    elif rest[:1] == "#" or rest[:2] in ("//", "=>", "->", "<-"):
        # the author's comment after the count (71d's 009: `320 #创建: layers.Conv2D(32, …`),
        # said beside the row as a note, not read as inbound layers
        cells.extra = rest
    elif rest:
        tail = rest.split()
        if tail[-1] in ("Y", "N") and len(tail) > 1:
            cells.trainable = tail[-1]
            rest = " ".join(tail[:-1])
        cells.connected = _node_entries(rest)
    return True


_COUNT_AFTER_CUT_DICT = lazy(r" \d[\d,]*(?= +\[?'?[^\s\['{]+\[\d+\]\[\d+\]| *$)")


def _take_shape(text: str) -> tuple[str, str]:
    """Split a shape from the text after it, tolerating a shape cut without its closing bracket."""
    if text.startswith("multiple"):
        return "multiple", text[len("multiple") :]
    if text.startswith(NO_SHAPE) and text[len(NO_SHAPE) : len(NO_SHAPE) + 1].isspace():
        return NO_SHAPE, text[len(NO_SHAPE) :]
    if text.startswith("?"):
        return "?", text[1:]
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return text[: i + 1], text[i + 1 :]
    if text.startswith("{"):
        # a dict of outputs the column cut (`{'pooled_output': (N`, TF Hub's KerasLayer, 18c's
        # 012): it ends before the count, which the inbound entries or the line's end follow
        count = _COUNT_AFTER_CUT_DICT.search(text)
        if count is not None:
            return text[: count.start()], text[count.start() :]
    # Cut shape: dims end with commas; the first token without one is the last dim.
    tokens = text.split(" ")
    taken = []
    for token in tokens:
        taken.append(token)
        if not token.endswith(","):
            break
    shape = " ".join(taken)
    return shape, text[len(shape) :]
