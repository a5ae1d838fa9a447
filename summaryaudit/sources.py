"""Decode input and undo transport damage (notebook JSON, HTML, ANSI), keeping line numbers."""

from __future__ import annotations

import codecs
import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Optional

from . import damage, regions
from .patterns import lazy
from .records import FrozenRecord, record_fields

if TYPE_CHECKING:
    from . import notebook


class DecodeError(ValueError):
    """The input's bytes are not text in any encoding the tool accepts."""


@record_fields
class Line(FrozenRecord):
    """One line of text to scan, with the 1-based line of the original file it came from."""

    number: int
    text: str
    origin: str  # where a notebook line sits: "cell 3 output, line 5"
    margin_note: bool  # a note written in the margin right of a table's rule, split from it
    unended: bool  # the text's last line, no line end after it: the paste stops inside it

    def __init__(
        self,
        number: int,
        text: str,
        origin: str = "",
        margin_note: bool = False,
        unended: bool = False,
    ) -> None:
        d = self.__dict__
        d["number"] = number
        d["text"] = text
        d["origin"] = origin
        d["margin_note"] = margin_note
        d["unended"] = unended


_ANSI = lazy(
    r"\x1b\[[0-9;?]{0,64}[A-Za-z]"  # colours and cursor moves
    r"|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)"  # OSC (links, titles), bounded: no backtracking
    r"|\x1b[()][A-Z0-9]"
)
_HTML_HINT = lazy(r"</?(?:pre|span|br|p|div|code|b|i|td|tr|th|table|strong|em)\b[^>]*>", re.I)
_HTML_BREAK = lazy(r"<br\s*/?>|</p>|</div>|</tr>", re.I)
_HTML_ROW_OPEN = lazy(r"<tr\b[^<>]{0,400}>", re.I)
_HTML_ROW_CLOSE = lazy(r"</tr\s*>", re.I)
_HTML_CELL_OPEN = lazy(r"<t[dh]\b[^<>]{0,400}>", re.I)
_HTML_CELL_CLOSE = lazy(r"</t[dh]\s*>", re.I)
MAX_HTML_ROW_LINES = 64  # a `<tr>` left open longer is read line by line
_HTML_TAG = lazy(r"</?[A-Za-z][^<>]{0,400}>|<\\[A-Za-z]+>")
_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CHUNK_CHARS = 1 << 16
SNIFF_CHARS = 1 << 16  # how far into the input its first character is looked for
REPLAY_CHARS = 1 << 20  # JSON that breaks within this many characters is read again as text
MAX_LINE_CHARS = 1 << 20  # a longer line keeps only this many characters


def clean_text(text: str) -> str:
    """Remove ANSI colour codes and stray control characters from one line."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "\r" in text:
        text = text.replace("\r", "")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


# The ASCII control characters but tab and newline (`\x1b`, `\r` and _CONTROL): in UTF-8 bytes
# they are themselves, and one C pass over the bytes finds them (a class search is slow).
_NOT_CLEANED = bytes(
    byte for byte in range(256) if byte in b"\t\n" or 32 <= byte < 127 or byte > 127
)


def cleaning_changes_nothing(text: str) -> bool:
    """Tell whether clean_text leaves every line of a text as it is (one test for many lines):
    true when it holds no ASCII control character but tab and newline."""
    return not text.encode("utf-8", "surrogatepass").translate(None, _NOT_CLEANED)


def strip_html(lines: Iterable[Line]) -> Iterator[Line]:
    """Turn HTML markup into plain lines: breaks become new lines, tags go, entities decode, and
    each table row (`<tr>`, its cells on one line or on several) becomes one `| … |` row."""
    open_row: list[Line] = []  # the lines of a `<tr>` not closed yet
    for line in lines:
        text = line.text
        if open_row:
            if "<t" in text.lower() and _opens_a_row_in_a_row(open_row, text):
                # a `<tr>` left open without cells (31b's 004: `<thead><tr class=…>`), then a
                # row of its own: the open one holds nothing to join
                for held in open_row:
                    yield from _html_line(held)
                open_row = []
            else:
                open_row.append(line)
                if _HTML_ROW_CLOSE.search(text) or len(open_row) > MAX_HTML_ROW_LINES:
                    yield from _html_row(open_row)
                    open_row = []
                continue
        if "<" not in text and "&" not in text:
            yield line
            continue
        opens = [m.end() for m in _HTML_ROW_OPEN.finditer(text)] if "<t" in text.lower() else []
        if opens and not _HTML_ROW_CLOSE.search(text, opens[-1]):
            open_row = [line]  # a row whose cells follow on the next lines
            continue
        yield from _html_line(line)
    if open_row:
        yield from _html_row(open_row)


def _opens_a_row_in_a_row(open_row: list[Line], text: str) -> bool:
    """Tell whether a line opens a `<tr>` before any cell while the open one holds no cell."""
    found = _HTML_ROW_OPEN.search(text)
    if found is None:
        return False
    cell = _HTML_CELL_OPEN.search(text)
    if cell is not None and cell.start() < found.start():
        return False
    return not any(_HTML_CELL_OPEN.search(held.text) for held in open_row)


def _html_line(line: Line) -> Iterator[Line]:
    """One line of HTML as plain lines (a table row's cells set apart by `|`)."""
    import html

    text = damage.drop_trailing_breaks(line.text)
    if "<t" in text or "<T" in text:
        text = _as_pipe_cells(text)
    elif (
        (core := text.strip())[:1] == "|"
        and core[-1:] == "|"
        and core.count("|") >= 3
        and "rainable" not in core  # (totals a converter put in one cell, broken apart: 034)
    ):
        # a Markdown table's layer row: a break in a cell is the cell's own line end (97c's
        # 004: `| -<br>0 |`), no new row
        text = _HTML_BREAK.sub(" ", text)
    for part in _HTML_BREAK.split(text):
        yield Line(line.number, html.unescape(_HTML_TAG.sub("", part)), line.origin)


def _html_row(row: list[Line]) -> Iterator[Line]:
    """A `<tr>` spread over lines: one line at the number of its first cell, when it closed and
    holds cells; else each line as it is (nothing the paste holds is dropped)."""
    joined = " ".join(line.text.strip() for line in row)
    if not _HTML_ROW_CLOSE.search(joined) or not _HTML_CELL_OPEN.search(joined):
        for line in row:
            yield from _html_line(line)
        return
    first = next((line for line in row if _HTML_CELL_OPEN.search(line.text)), row[0])
    yield from _html_line(Line(first.number, joined, first.origin))


def _as_pipe_cells(text: str) -> str:
    """Set a table row's cells apart: `<tr><td>a</td><td>b</td></tr>` → `| a | b |`."""
    if not _HTML_CELL_OPEN.search(text):
        return text
    text = _HTML_ROW_OPEN.sub("| ", text)
    return _HTML_CELL_CLOSE.sub(" | ", text)


def looks_like_html(text: str) -> bool:
    """Tell whether a text carries HTML markup worth removing."""
    return bool(_HTML_HINT.search(text))


# --------------------------------------------------------------------------- streams


def _sniff_codec(head: bytes) -> str:
    """Pick the codec from the first bytes: a BOM, else UTF-16 by its NUL bytes, else UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:4] == b"\x00\x00\x00\x00" or (len(head) < 4 and head and not head.strip(b"\x00")):
        raise DecodeError("it starts with NUL bytes: binary data, not text")
    if len(head) >= 4 and head[1:2] == b"\x00" and head[3:4] == b"\x00":
        return "utf-16-le"
    if len(head) >= 4 and head[0:1] == b"\x00" and head[2:3] == b"\x00":
        return "utf-16-be"
    return "utf-8"


def _read_head(chunks: Iterator[bytes]) -> bytes:
    """Read the first chunks until they hold 4 bytes (enough to pick the codec) or end."""
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= 4:
            break
    return head


def _utf8_error(exc: UnicodeDecodeError, newlines: int, at_end: bool) -> DecodeError:
    """The error for bad UTF-8, naming its line: `newlines` counts the `\\n` decoded before."""
    line = newlines + exc.object[: exc.start].count(b"\n") + 1
    bad = exc.object[exc.start : exc.start + 1]
    what = "it ends inside a character" if at_end else f"byte 0x{bad[0]:02x} is not UTF-8"
    return DecodeError(f"line {line}: {what} (save the file as UTF-8 or UTF-16)")


def decode_chunks(data: Iterable[bytes]) -> Iterator[str]:
    """Decode byte chunks lazily: UTF-8 (with or without BOM) or UTF-16, sniffed from the start."""
    chunks = iter(data)
    head = _read_head(chunks)
    if not head:
        return
    codec = _sniff_codec(head)
    decoder = codecs.getincrementaldecoder(codec)()
    newlines = 0
    for chunk in itertools.chain((head,), chunks, (b"",)):
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            if codec.startswith("utf-16"):
                raise DecodeError(
                    "the file looks like UTF-16 but does not decode as UTF-16"
                ) from None
            raise _utf8_error(exc, newlines, not chunk) from None
        if text:
            newlines += text.count("\n")
            yield text


class _Newlines:
    """How many `\\n` the text handed on so far holds: counted here, or by a RegionFinder."""

    def __init__(self) -> None:
        self.counted = 0
        self.finder: Optional[regions.RegionFinder] = None

    def __call__(self) -> int:
        return self.counted + (self.finder.newlines if self.finder is not None else 0)


def _utf8_pieces(
    chunks: Iterable[bytes], head: bytes, newlines: _Newlines
) -> Iterator[tuple[str, bytes]]:
    """Decode UTF-8 chunks (no BOM) lazily into (text, the bytes it was decoded from)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in itertools.chain((head,), chunks, (b"",)):
        pending = decoder.getstate()[0]
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise _utf8_error(exc, newlines(), not chunk) from None
        if text:
            yield text, pending + chunk if pending else chunk


def _counted(pieces: Iterable[tuple[str, bytes]], newlines: _Newlines) -> Iterator[str]:
    for text, _ in pieces:
        newlines.counted += text.count("\n")
        yield text


def byte_segments(data: Iterable[bytes], skim: bool = True) -> Iterator[Iterator[Line]]:
    """Split a document given as byte chunks into segments: `iter_segments(decode_chunks(data))`.

    Plain UTF-8 text is skimmed from its bytes: each chunk is decoded (to check it is UTF-8),
    and what it may hold (anchors, line ends other than `\\n` and `\\r`) is looked for in its
    bytes with memchr, so a chunk far from any summary never becomes lines (regions.py).
    """
    chunks = iter(data)
    head = _read_head(chunks)
    if not skim or not head or _sniff_codec(head) not in ("utf-8", "utf-8-sig"):
        yield from iter_segments(decode_chunks(itertools.chain((head,), chunks)), skim)
        return
    newlines = _Newlines()
    bom = head.startswith(codecs.BOM_UTF8)
    pieces = _utf8_pieces(chunks, head[3:] if bom else head, newlines)
    held: list[tuple[str, bytes]] = []
    opener, seen = "", 0
    for text, raw in pieces:  # the first character tells a notebook from plain text
        held.append((text, raw))
        newlines.counted += text.count("\n")
        content = text.lstrip(" \t\r\n")
        seen += len(text)
        if content or seen >= SNIFF_CHARS:
            opener = content[:1]
            break
    if opener in ("{", "["):
        texts = itertools.chain((text for text, _ in held), _counted(pieces, newlines))
        yield from iter_segments(texts, skim)
        return
    newlines.counted = 0
    finder = newlines.finder = regions.RegionFinder(
        clean_text, 1, MAX_LINE_CHARS, cleaning_changes_nothing
    )
    yield _region_segment(_fed(finder, itertools.chain(held, pieces)), 1, finder)


def _fed(
    finder: regions.RegionFinder, pieces: Iterable[tuple[str, Optional[bytes]]]
) -> Iterator[tuple[int, str, int]]:
    """The region lines of decoded pieces, each looked through in its bytes when given."""
    for text, raw in pieces:
        yield from finder.feed(text, raw=raw)
    yield from finder.feed("", final=True)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (with BOM, or detected by NUL bytes)."""
    return "".join(decode_chunks((data,)))


def chunked(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Cut a text into chunks, so the library reads a string as the command line reads a file."""
    for start in range(0, len(text), size):
        yield text[start : start + size]


class LineSplitter:
    """Split text arriving in pieces at every line end `str.splitlines` knows, in linear time.

    Every line end counts, as `str.splitlines` counts them, except that `\\r\\r\\n` (a Windows
    newline doubled by a text-mode copy) is one line end, like `\\r\\n`. A line longer than
    MAX_LINE_CHARS keeps its first MAX_LINE_CHARS characters; the rest is read and dropped.
    """

    def __init__(self, first: int = 1) -> None:
        self._number = first
        self._parts: list[str] = []
        self._size = 0
        self._carry = ""
        self.unended = 0  # the number of the text's last line when no line end follows it

    def feed(self, chunk: str, final: bool = False) -> list[tuple[int, str]]:
        """Take the next piece of text; return the (number, line) pairs it completes."""
        done: list[tuple[int, str]] = []
        if self._carry:
            chunk, self._carry = self._carry + chunk, ""
        if not final and chunk.endswith("\r"):
            # A \r at the end may be the first half of \r\n: decide with the next piece.
            cut = len(chunk) - min(2, len(chunk) - len(chunk.rstrip("\r")))
            chunk, self._carry = chunk[:cut], chunk[cut:]
        start = 0
        for match in regions.LINE_END.finditer(chunk):
            self._add(chunk[start : match.start()])
            done.append((self._number, "".join(self._parts)))
            self._number += 1
            self._parts, self._size = [], 0
            start = match.end()
        self._add(chunk[start:])
        if final and self._parts:
            self.unended = self._number
            done.append((self._number, "".join(self._parts)))
            self._parts, self._size = [], 0
        return done

    def _add(self, piece: str) -> None:
        if piece and self._size < MAX_LINE_CHARS:
            piece = piece[: MAX_LINE_CHARS - self._size]
            self._parts.append(piece)
            self._size += len(piece)


def _physical_lines(chunks: Iterable[str], first: int) -> Iterator[tuple[int, str]]:
    """Split text chunks into numbered lines (see LineSplitter)."""
    splitter = LineSplitter(first)
    for chunk in chunks:
        yield from splitter.feed(chunk)
    yield from splitter.feed("", final=True)


def text_lines(text: str, first: int = 1) -> Iterator[Line]:
    """Split text into Lines numbered from `first`, cleaning each one."""
    return _text_stream_lines(chunked(text), first)


def _text_stream_lines(chunks: Iterable[str], first: int) -> Iterator[Line]:
    splitter = LineSplitter(first)
    for chunk in chunks:
        for number, raw in splitter.feed(chunk):
            yield Line(number, clean_text(raw))
    for number, raw in splitter.feed("", final=True):
        yield Line(number, clean_text(raw), unended=number == splitter.unended)


def _text_segments(chunks: Iterable[str], first: int, skim: bool) -> Iterator[Iterator[Line]]:
    """Plain text as one segment: every line, or (skim) the candidate regions (regions.py)."""
    if not skim:
        yield undo_paste_damage(html_stripped(_text_stream_lines(chunks, first)))
        return
    finder = regions.RegionFinder(clean_text, first, MAX_LINE_CHARS, cleaning_changes_nothing)
    yield _region_segment(_fed(finder, ((chunk, None) for chunk in chunks)), first, finder)


def _region_segment(
    found: Iterable[tuple[int, str, int]], first: int, finder: regions.RegionFinder
) -> Iterator[Line]:
    """The lines of candidate regions as one segment, each gap handed on as filler lines; the
    text's last line is marked when no line end follows it (the finder tells, at the end).

    Repairs run region by region: at least WINDOW_STEP filler lines (no markup, no digit, not
    blank) stand between two regions, which ends whatever a repair holds or watches, so the
    fillers are handed on as they are (regions.with_fillers gives the same lines, repaired).
    """
    html = HtmlSwitch()  # one HTML rule for the whole text
    last = [first - 1]  # the number of the last region line read

    def numbered(
        head: tuple[int, str, int], rest: Iterator[tuple[int, str, int]]
    ) -> Iterator[Line]:
        number = head[0]
        yield Line(number, head[1], unended=number == finder.unended)
        for number, text, _ in rest:
            yield Line(number, text, unended=number == finder.unended)
        last[0] = number  # the repairs read every line of a region before the next one opens

    def parts() -> Iterator[Iterable[Line]]:
        for _, region in itertools.groupby(found, key=operator.itemgetter(2)):
            group = iter(region)
            head = next(group)
            count = regions.filler_count(head[0] - last[0] - 1)
            yield [Line(number, regions.FILLER) for number in range(head[0] - count, head[0])]
            yield undo_paste_damage(html.apply(numbered(head, group)))

    # each part is read to its end before the next is made (the fillers count on `last`)
    return itertools.chain.from_iterable(parts())


def notebook_outputs_read(lines: Iterable[Line]) -> Iterator[Line]:
    """Pass lines through, reading the output lists of a part of a notebook's JSON pasted as
    text (`"text/plain": [` and its string literals) as the lines they print."""
    lines = iter(lines)
    for line in lines:
        if '"' in line.text and _opens_notebook_output(line.text):
            yield from notebook_fragment_read(line, lines)
            continue
        yield line


def _opens_notebook_output(text: str) -> bool:
    """Tell whether a line opens an output's list in a notebook's JSON (`"text/plain": [`)."""
    if not text.endswith("[") or '"text' not in text:
        return False
    from . import notebook_fragment  # only for a notebook's JSON pasted as text

    return notebook_fragment.OPENER.fullmatch(text) is not None


def notebook_fragment_read(opener: Line, rest: Iterator[Line]) -> Iterator[Line]:
    """The lines of a notebook's JSON from an output list's opener on, read as they print, to
    the first line that is not JSON of an output (see notebook_fragment.read_outputs)."""
    from . import notebook_fragment

    return notebook_fragment.read_outputs(opener, rest)


class HtmlSwitch:
    """The one HTML rule: strip markup from the first line that carries HTML to the end.

    The same pass reads a part of a notebook's JSON pasted as text (notebook_outputs_read),
    sparing every line a pass of its own.
    """

    def __init__(self) -> None:
        self.on = False

    def apply(self, lines: Iterable[Line]) -> Iterator[Line]:
        """Pass lines through, stripped of HTML once a line has switched HTML mode on."""
        lines = iter(lines)
        if not self.on:
            for line in lines:
                text = line.text
                if "<" in text and looks_like_html(text):
                    self.on = True
                    yield from strip_html((line,))
                    break
                if '"' in text and _opens_notebook_output(text):  # (one character: fast)
                    yield from self.apply(notebook_fragment_read(line, lines))
                    if self.on:
                        break
                    continue
                yield line
        if self.on:  # HTML mode, from here to the end
            yield from strip_html(notebook_outputs_read(lines))


def html_stripped(lines: Iterable[Line]) -> Iterator[Line]:
    """Strip HTML from the first line that carries HTML markup to the end (one rule, streaming)."""
    return HtmlSwitch().apply(lines)


# --------------------------------------------------------------------------- notebook JSON


class _Recorder(Iterator[str]):
    """Pass chunks through, keeping them (up to a size) so the input can be read again."""

    def __init__(self, chunks: Iterable[str], limit: int) -> None:
        self._chunks = iter(chunks)
        self._kept: Optional[list[str]] = []
        self._size = 0
        self._limit = limit

    def __next__(self) -> str:
        chunk = next(self._chunks)
        if self._kept is not None:
            self._size += len(chunk)
            if self._size > self._limit:
                self._kept = None
            else:
                self._kept.append(chunk)
        return chunk

    @property
    def replayable(self) -> bool:
        """Tell whether everything read so far is still kept."""
        return self._kept is not None

    def replay(self) -> Iterator[str]:
        """Return the whole input again: the kept chunks, then the ones not read yet."""
        kept, self._kept = self._kept or [], None
        return itertools.chain(kept, self._chunks)

    def forget(self) -> None:
        """Stop keeping chunks."""
        self._kept = None


def _segment_lines(segment: notebook.Segment) -> list[Line]:
    """Turn a notebook segment into cleaned lines, each numbered by its JSON string's line."""
    from . import notebook

    loose = segment.part is notebook.Part.LOOSE
    where = "" if loose else f"cell {segment.cell} {segment.part.value}"
    outputs: list[tuple[bool, list[tuple[str, int]]]] = []
    for output in segment.outputs:
        if output.html:
            joined = "".join(text for text, _ in output.pieces)
            first = output.pieces[0][1]
            html_lines = _html_piece(joined, first)
            outputs.append((True, [(line.text + "\n", line.number) for line in html_lines]))
        else:
            outputs.append((False, list(output.pieces)))
    return _piece_lines(_read_once(outputs), where)


def _read_once(outputs: list[tuple[bool, list[tuple[str, int]]]]) -> list[tuple[str, int]]:
    """Join a cell's outputs, reading once a part shown twice (as HTML, then as ANSI text)."""
    pieces: list[tuple[str, int]] = []
    previous: Optional[tuple[bool, str]] = None
    for from_html, output in outputs:
        seen = _visible_text(output)
        if previous is not None and previous[0] != from_html and previous[1] == seen and seen:
            previous = None
            continue
        previous = (from_html, seen)
        pieces.extend(output)
    return pieces


def _visible_text(pieces: list[tuple[str, int]]) -> str:
    """The text of an output as a reader sees it: no colour codes, no blank lines, no padding."""
    text = "".join(piece for piece, _ in pieces)
    return "\n".join(cleaned for line in text.split("\n") if (cleaned := clean_text(line).strip()))


def _html_piece(text: str, first: int) -> Iterator[Line]:
    return strip_html(Line(first, raw) for _, raw in _physical_lines((text,), first))


def _piece_lines(pieces: list[tuple[str, int]], where: str = "") -> list[Line]:
    """Join notebook pieces into lines; each line keeps the line of the piece it starts in."""
    lines: list[Line] = []
    current: list[str] = []
    start = 0
    for text, number in pieces:
        parts = regions.LINE_END.split(text)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if last and not part:
                break
            if not current:
                start = number
            current.append(part)
            if not last:
                lines.append(Line(start, clean_text("".join(current)), _origin(where, lines)))
                current = []
    if current and "".join(current):
        lines.append(Line(start, clean_text("".join(current)), _origin(where, lines)))
    return lines


def _origin(where: str, lines: list[Line]) -> str:
    return f"notebook {where}, line {len(lines) + 1}" if where else ""


_ORIGIN = lazy(r"notebook cell (\d+) (source|output), line (\d+)")


@record_fields
class CellPlace(FrozenRecord):
    """Where a notebook line sits: cell (from 1), its source or output, line within it."""

    cell: int
    part: str  # "source" or "output"
    line: int

    def __init__(self, cell: int, part: str, line: int) -> None:
        d = self.__dict__
        d["cell"] = cell
        d["part"] = part
        d["line"] = line


def cell_place(origin: str) -> Optional[CellPlace]:
    """Read a Line.origin back into its cell, part and line (None outside notebooks)."""
    match = _ORIGIN.search(origin)
    if match is None:
        return None
    return CellPlace(int(match.group(1)), match.group(2), int(match.group(3)))


def iter_segments(chunks: Iterable[str], skim: bool = True) -> Iterator[Iterator[Line]]:
    """Split a document, given as text chunks, into segments of plain lines for the block finder.

    Input whose first character (within SNIFF_CHARS) opens JSON is read as a notebook: each
    cell's source is one segment and its outputs are joined into another, numbered by the JSON
    file's own lines. What follows the JSON value is read as text. JSON that breaks within the
    first REPLAY_CHARS is read again as text from the start; past that, the notebook part read so
    far stands and the rest is text. Each segment must be read before asking for the next.
    With `skim`, plain text is read region by region (see regions.py): lines far from anything
    a summary is anchored on are counted, never read; without it, every line is read.
    """
    source = iter(chunks)
    head: list[str] = []
    opener, seen = "", 0
    for chunk in source:
        head.append(chunk)
        content = chunk.lstrip(" \t\r\n")
        seen += len(chunk)
        if content or seen >= SNIFF_CHARS:
            opener = content[:1]
            break
    whole = itertools.chain(head, source)
    if opener not in ("{", "["):
        yield from _text_segments(whole, 1, skim)
        return
    from . import notebook  # only JSON input is read as a notebook

    recorder = _Recorder(whole, REPLAY_CHARS)
    reader = notebook.JsonReader(recorder)
    walker = notebook.NotebookReader(reader)
    held: list[list[Line]] = []
    try:
        for segment in walker.segments():
            lines = list(undo_paste_damage(html_stripped(_segment_lines(segment))))
            if recorder.replayable:
                held.append(lines)
                continue
            yield from map(iter, held)
            held = []
            yield iter(lines)
    except (notebook.JsonSyntaxError, RecursionError):
        if recorder.replayable:
            yield undo_paste_damage(html_stripped(_text_stream_lines(recorder.replay(), 1)))
            return
    else:
        if recorder.replayable and not held and not walker.saw_cells():
            # JSON of no notebook, read whole: a part of a notebook's JSON (an output's `{"data":
            # …}`, 96g's 009) is read as text, whose outputs and the text after them are one
            yield undo_paste_damage(html_stripped(_text_stream_lines(recorder.replay(), 1)))
            return
    recorder.forget()
    yield from map(iter, held)
    line = reader.line()
    yield undo_paste_damage(html_stripped(_text_stream_lines(reader.rest(), line)))


def segments(text: str, skim: bool = True) -> list[list[Line]]:
    """Split a whole document into segments of plain lines ready for the block finder."""
    return [list(segment) for segment in iter_segments(chunked(text), skim)]


def undo_paste_damage(lines: Iterable[Line]) -> Iterator[Line]:
    """Undo paste damage on decoded lines (escapes, prefixes, translations, spacing, numbering;
    a git merge conflict reads its first side, the rest as notes beside the table)."""
    return damage.repair(lines, _as_note)


def _as_note(line: Line) -> Line:
    """The line as a note beside a table (one side of a merge conflict, its markers)."""
    return Line(line.number, line.text, line.origin, margin_note=True)
