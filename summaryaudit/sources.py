"""Decode input and undo transport damage (notebook JSON, HTML, ANSI), keeping line numbers."""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Optional

from . import damage


class DecodeError(ValueError):
    """The input's bytes are not text in any encoding the tool accepts."""


@dataclass(frozen=True)
class Line:
    """One line of text to scan, with the 1-based line of the original file it came from."""

    number: int
    text: str
    origin: str = ""  # where a notebook line sits: "cell 3 output, line 5"


_ANSI = re.compile(
    r"\x1b\[[0-9;?]{0,64}[A-Za-z]"  # colours and cursor moves
    r"|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)"  # OSC (links, titles), bounded: no backtracking
    r"|\x1b[()][A-Z0-9]"
)
_HTML_HINT = re.compile(r"</?(?:pre|span|br|p|div|code|b|i|td|tr|th|table|strong|em)\b[^>]*>", re.I)
_HTML_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</tr>", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,400}>|<\\[A-Za-z]+>")
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_JSON_BYTES = 64 * 1024 * 1024


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (with BOM, or detected by NUL bytes)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    elif len(data) >= 4 and data[1:2] == b"\x00" and data[3:4] == b"\x00":
        return _decode_utf16(data, "utf-16-le")
    elif len(data) >= 4 and data[0:1] == b"\x00" and data[2:3] == b"\x00":
        return _decode_utf16(data, "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DecodeError(
            f"line {line}: byte 0x{data[exc.start]:02x} is not UTF-8 "
            "(save the file as UTF-8 or UTF-16)"
        ) from None


def _decode_utf16(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise DecodeError("the file looks like UTF-16 but does not decode as UTF-16") from None


def clean_text(text: str) -> str:
    """Remove ANSI colour codes and stray control characters from one line."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "\r" in text:
        text = text.replace("\r", "")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


def text_lines(text: str, first: int = 1) -> Iterator[Line]:
    """Split text into Lines numbered from `first`, cleaning each one."""
    for offset, raw in enumerate(text.split("\n")):
        yield Line(first + offset, clean_text(raw))


def strip_html(lines: Iterable[Line]) -> Iterator[Line]:
    """Turn HTML markup into plain lines: breaks become new lines, tags go, entities decode."""
    for line in lines:
        if "<" not in line.text and "&" not in line.text:
            yield line
            continue
        for part in _HTML_BREAK.split(damage.drop_trailing_breaks(line.text)):
            yield Line(line.number, html.unescape(_HTML_TAG.sub("", part)), line.origin)


def looks_like_html(text: str) -> bool:
    """Tell whether a text carries HTML markup worth removing."""
    return bool(_HTML_HINT.search(text))


# --------------------------------------------------------------------------- notebook JSON


def _string_token_lines(text: str) -> list[int]:
    """Return the 1-based line of every JSON string literal, in document order."""
    lines: list[int] = []
    line = 1
    pos = 0
    for match in _JSON_STRING.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        lines.append(line)
    return lines


def _walk_strings(node: Any, out: list[tuple[str, Any]], key: str = "") -> None:
    """List (key, value) for every string in document order, keys included."""
    if isinstance(node, dict):
        for k, v in node.items():
            out.append(("<key>", k))
            _walk_strings(v, out, k)
    elif isinstance(node, list):
        for v in node:
            _walk_strings(v, out, key)
    elif isinstance(node, str):
        out.append((key, node))


def json_segments(text: str) -> Optional[list[list[Line]]]:
    """Read a notebook (or any JSON holding notebook-like cells) into line segments.

    Each cell's source is one segment; each cell's outputs are joined into one segment
    (stream text and text/plain, falling back to text/html), so a summary split across
    several outputs reads as one. Line numbers point at the JSON file's own lines.
    Returns None when the text is not JSON.
    """
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[" or len(text) > _MAX_JSON_BYTES:
        return None
    candidate = stripped.rstrip(",")
    try:
        doc = json.loads(candidate)
    except (ValueError, RecursionError):
        return None
    lead = text.index(stripped[0])
    base_line = text.count("\n", 0, lead)
    strings: list[tuple[str, Any]] = []
    try:
        _walk_strings(doc, strings)
    except RecursionError:
        return None
    return _cells_to_segments(doc, _string_token_lines(candidate), strings, base_line)


def _cells_to_segments(
    doc: Any, token_lines: list[int], strings: list[tuple[str, Any]], base_line: int
) -> list[list[Line]]:
    """Build segments from the document, numbering each piece by its string literal's line."""
    numbered: list[tuple[str, int]] = []
    aligned = len(token_lines) == len(strings)
    # Pair every string value with its literal's line, in order (identity is not reliable for
    # interned strings, so keep an explicit cursor per occurrence).
    for index, (_, value) in enumerate(strings):
        numbered.append((value, token_lines[index] + base_line if aligned else 0))
    cursor = _Cursor(numbered)
    segments: list[list[Line]] = []
    _collect(doc, cursor, segments, [0])  # cells are numbered from 1, as Jupyter shows them
    return segments


class _Cursor:
    """Walks the document's strings in order, handing out each one's original line."""

    def __init__(self, numbered: list[tuple[str, int]]) -> None:
        self._numbered = numbered
        self._index = 0

    def take(self, value: str) -> int:
        """Return the line of the next literal equal to value, advancing past it."""
        while self._index < len(self._numbered):
            text, number = self._numbered[self._index]
            self._index += 1
            if text == value:
                return number
        return 0


def _collect(node: Any, cursor: _Cursor, segments: list[list[Line]], cells: list[int]) -> None:
    if isinstance(node, dict):
        if "outputs" in node or "source" in node:
            cells[0] += 1
            _collect_cell(node, cursor, segments, cells[0])
            return
        for k, v in node.items():
            cursor.take(k)
            if isinstance(v, str):
                number = cursor.take(v)
                if "\n" in v and ("Layer (type)" in v or "params:" in v):
                    segments.append(_piece_lines([(v, number)]))
            else:
                _collect(v, cursor, segments, cells)
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, str):
                cursor.take(v)
            else:
                _collect(v, cursor, segments, cells)


def _texts(value: Any, cursor: _Cursor) -> list[tuple[str, int]]:
    """Return the pieces of a notebook multiline string with the line of each piece."""
    if isinstance(value, str):
        return [(value, cursor.take(value))]
    if isinstance(value, list):
        return [(v, cursor.take(v)) for v in value if isinstance(v, str)]
    return []


def _collect_cell(
    cell: dict[str, Any], cursor: _Cursor, segments: list[list[Line]], index: int
) -> None:
    """Turn one notebook cell into a source segment and an outputs segment."""
    source_pieces: list[tuple[str, int]] = []
    output_pieces: list[tuple[str, int]] = []
    for key, value in cell.items():
        cursor.take(key)
        if key == "source":
            source_pieces = _texts(value, cursor)
        elif key == "outputs" and isinstance(value, list):
            output_pieces = _read_once([_output_pieces(output, cursor) for output in value])
        else:
            _skip(value, cursor)
    for pieces, part in ((source_pieces, "source"), (output_pieces, "output")):
        if pieces:
            segments.append(_piece_lines(pieces, f"cell {index} {part}"))


def _output_pieces(output: Any, cursor: _Cursor) -> tuple[bool, list[tuple[str, int]]]:
    """Pick the text of one output: stream text, else text/plain, else text/html.

    Returns whether the text was read from HTML, and its pieces.
    """
    if not isinstance(output, dict):
        _skip(output, cursor)
        return False, []
    found: dict[str, list[tuple[str, int]]] = {}
    for key, value in output.items():
        cursor.take(key)
        if key == "text":
            found["text"] = _texts(value, cursor)
        elif key == "data" and isinstance(value, dict):
            for mime, payload in value.items():
                cursor.take(mime)
                if mime in ("text/plain", "text/html"):
                    found[mime] = _texts(payload, cursor)
                else:
                    _skip(payload, cursor)
        else:
            _skip(value, cursor)
    if "text" in found:
        return False, found["text"]
    if "text/plain" in found and any(p.strip() for p, _ in found["text/plain"]):
        return False, found["text/plain"]
    if "text/html" in found:
        joined = "".join(p for p, _ in found["text/html"])
        first = found["text/html"][0][1] if found["text/html"] else 0
        return True, [(line.text + "\n", line.number) for line in _html_piece(joined, first)]
    return False, []


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
    return strip_html(Line(first, t) for t in text.split("\n"))


def _skip(value: Any, cursor: _Cursor) -> None:
    """Advance the cursor past every string inside value."""
    strings: list[tuple[str, Any]] = []
    _walk_strings(value, strings)
    for _, text in strings:
        cursor.take(text)


def _piece_lines(pieces: list[tuple[str, int]], where: str = "") -> list[Line]:
    """Join notebook pieces into lines; each line keeps the line of the piece it starts in."""
    lines: list[Line] = []
    current: list[str] = []
    start = 0
    for text, number in pieces:
        parts = text.split("\n")
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


_ORIGIN = re.compile(r"notebook cell (\d+) (source|output), line (\d+)")


@dataclass(frozen=True)
class CellPlace:
    """Where a notebook line sits: cell (from 1), its source or output, line within it."""

    cell: int
    part: str  # "source" or "output"
    line: int


def cell_place(origin: str) -> Optional[CellPlace]:
    """Read a Line.origin back into its cell, part and line (None outside notebooks)."""
    match = _ORIGIN.search(origin)
    if match is None:
        return None
    return CellPlace(int(match.group(1)), match.group(2), int(match.group(3)))


def segments(text: str) -> list[list[Line]]:
    """Split a whole document into segments of plain lines ready for the block finder."""
    from_json = json_segments(text)
    if from_json is not None:
        return [list(undo_paste_damage(_maybe_html(seg))) for seg in from_json]
    return [list(undo_paste_damage(_maybe_html(list(text_lines(text)))))]


def undo_paste_damage(lines: Iterable[Line]) -> Iterator[Line]:
    """Undo paste damage on decoded lines (escapes, prefixes, translations, spacing, numbering)."""
    return damage.repair(lines)


def _maybe_html(lines: list[Line]) -> list[Line]:
    if any(looks_like_html(line.text) for line in lines):
        return list(strip_html(lines))
    return lines
