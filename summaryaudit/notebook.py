"""Stream the texts of notebook JSON (cell sources, outputs) with their lines, skipping images."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Optional

MAX_DEPTH = 1000  # deeper nesting is not JSON this tool reads (json.loads would recurse out)
MAX_NUMBER_CHARS = 4300  # Python's own limit on the digits of an int read from text
_GENERIC_DEPTH = 200  # below this, containers are skipped rather than searched for cells
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_NUMBER_CHARS = re.compile(r"[-+0-9.eE]*")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS = ("true", "false", "null", "NaN", "Infinity", "-Infinity")
_TEXT_MIMES = ("text/plain", "text/html")

Piece = tuple[str, int]  # one JSON string's text and the 1-based line its literal starts on


def _run_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a run of the characters a pattern such as `[ \t]*` matches, from pos, ends."""
    match = pattern.match(text, pos)
    return match.end() if match is not None else pos


class JsonSyntaxError(ValueError):
    """The text stops being JSON at the reader's position."""


class Part(Enum):
    """Which text of a notebook a segment holds."""

    SOURCE = "source"
    OUTPUT = "output"
    LOOSE = "loose"  # a summary-like string found outside any cell


@dataclass(frozen=True)
class Output:
    """The text chosen from one cell output; html tells it is text/html markup."""

    pieces: tuple[Piece, ...]
    html: bool = False


@dataclass(frozen=True)
class Segment:
    """One readable text of the document: a cell's source, its joined outputs, or a loose string."""

    part: Part
    cell: int  # cell number from 1, as Jupyter shows it (-1 for a loose string)
    outputs: tuple[Output, ...]


class JsonReader:
    """A pull reader over text chunks: whitespace, strings and scalars, with the current line."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self.buf = ""
        self.pos = 0
        self._line = 1
        self._counted = 0

    def _more(self) -> bool:
        """Append the next chunk to the unread text; False at the end of the input."""
        for chunk in self._chunks:
            if chunk:
                self._line += self.buf.count("\n", self._counted, self.pos)
                self.buf = self.buf[self.pos :] + chunk if self.pos < len(self.buf) else chunk
                self.pos = self._counted = 0
                return True
        return False

    def _ensure(self, count: int) -> None:
        """Read until `count` characters past the position are buffered (or the input ends)."""
        while len(self.buf) - self.pos < count and self._more():
            pass

    def line(self) -> int:
        """Return the 1-based line of the reader's position."""
        self._line += self.buf.count("\n", self._counted, self.pos)
        self._counted = self.pos
        return self._line

    def rest(self) -> Iterator[str]:
        """Yield the text not read yet: the buffered part, then the remaining chunks."""
        if self.pos < len(self.buf):
            yield self.buf[self.pos :]
        self.buf, self.pos, self._counted = "", 0, 0
        yield from self._chunks

    def peek(self, limit: Optional[int] = None) -> str:
        """Skip whitespace and return the next character ('' at the end, or past `limit` chars)."""
        skipped = 0
        while True:
            start = self.pos
            self.pos = _run_end(_WHITESPACE, self.buf, self.pos)
            skipped += self.pos - start
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if limit is not None and skipped >= limit:
                return ""
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        """Consume `char` (after whitespace), or fail."""
        if self.peek() != char:
            raise JsonSyntaxError(f"expected {char!r}")
        self.pos += 1

    def string(self, keep: bool = True) -> str:
        """Read a string literal at the position; with keep=False scan it without storing it."""
        if self.peek() != '"':
            raise JsonSyntaxError("expected a string")
        self.pos += 1
        parts: list[str] = []
        while True:
            end = _run_end(_STRING_RUN, self.buf, self.pos)
            if keep and end > self.pos:
                parts.append(self.buf[self.pos : end])
            self.pos = end
            if end == len(self.buf):
                if not self._more():
                    raise JsonSyntaxError("the input ends inside a string")
                continue
            char = self.buf[end]
            if char == '"':
                self.pos += 1
                return _join_string(parts) if keep else ""
            if char != "\\":
                raise JsonSyntaxError("a control character inside a string")
            self._ensure(6)
            parts_char = self._escape()
            if keep:
                parts.append(parts_char)

    def _escape(self) -> str:
        """Decode the escape at the position (a backslash and what follows)."""
        code = self.buf[self.pos + 1 : self.pos + 2]
        if code == "u":
            digits = self.buf[self.pos + 2 : self.pos + 6]
            if not _HEX4.fullmatch(digits):
                raise JsonSyntaxError("a bad \\u escape")
            self.pos += 6
            return chr(int(digits, 16))
        if code not in _ESCAPES:
            raise JsonSyntaxError("a bad escape")
        self.pos += 2
        return _ESCAPES[code]

    def scalar(self) -> None:
        """Read a number, true, false, null, NaN or ±Infinity (json.loads accepts the last two)."""
        self.peek()
        self._ensure(len("-Infinity"))
        for literal in _LITERALS:
            if self.buf.startswith(literal, self.pos):
                self.pos += len(literal)
                return
        # Buffer the whole token first: a chunk may end inside it ("1.5e+" | "16").
        while _run_end(_NUMBER_CHARS, self.buf, self.pos) == len(self.buf):
            if len(self.buf) - self.pos > MAX_NUMBER_CHARS:
                raise JsonSyntaxError("a number too long to read")
            if not self._more():
                break
        match = _NUMBER.match(self.buf, self.pos)
        if match is None or match.end() == self.pos:
            raise JsonSyntaxError("expected a value")
        if match.end() - self.pos > MAX_NUMBER_CHARS:
            raise JsonSyntaxError("a number too long to read")
        self.pos = match.end()

    def skip(self) -> None:
        """Read one value of any depth without keeping anything (no recursion)."""
        closers: list[str] = []
        while True:
            char = self.peek()
            if char in ("{", "["):
                self.pos += 1
                closer = "}" if char == "{" else "]"
                if self.peek() == closer:
                    self.pos += 1
                else:
                    if len(closers) >= MAX_DEPTH:
                        raise JsonSyntaxError("nested too deeply")
                    closers.append(closer)
                    if closer == "}":
                        self.string(keep=False)
                        self.expect(":")
                    continue
            elif char == '"':
                self.string(keep=False)
            else:
                self.scalar()
            if not self._close(closers):
                return

    def _close(self, closers: list[str]) -> bool:
        """After a value: pop finished containers; True when another value follows."""
        while closers:
            char = self.peek()
            if char == ",":
                self.pos += 1
                if closers[-1] == "}":
                    self.string(keep=False)
                    self.expect(":")
                return True
            if char != closers[-1]:
                raise JsonSyntaxError(f"expected ',' or {closers[-1]!r}")
            self.pos += 1
            closers.pop()
        return False

    def _elements(self, opener: str, closer: str) -> Iterator[None]:
        """Step through a container: yield before each element, then check the comma or end."""
        self.expect(opener)
        if self.peek() == closer:
            self.pos += 1
            return
        while True:
            yield None
            char = self.peek()
            self.pos += 1
            if char == closer:
                return
            if char != ",":
                raise JsonSyntaxError(f"expected ',' or {closer!r}")

    def members(self) -> Iterator[str]:
        """Iterate an object's keys; the caller reads or skips each value before the next key."""
        for _ in self._elements("{", "}"):
            key = self.string()
            self.expect(":")
            yield key

    def items(self) -> Iterator[str]:
        """Iterate an array: yield the next value's first character; the caller reads the value."""
        for _ in self._elements("[", "]"):
            yield self.peek()


def _join_string(parts: list[str]) -> str:
    text = "".join(parts)
    if any("\ud800" <= c <= "\udbff" for c in parts if len(c) == 1):
        # \ud83d\ude00 escapes: pair the halves as json.loads does, keep lone halves.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


# --------------------------------------------------------------------------- notebooks


class NotebookReader:
    """Walk one JSON value and yield the segments a summary may sit in, in document order.

    A dict with a `source` or `outputs` key is a cell: its source is one segment and its
    outputs (stream text, else text/plain, else text/html) are joined into another. Elsewhere,
    any dict value that is a multi-line string holding `Layer (type)` or `params:` is a loose
    segment. Output data of any other type (images) is scanned, never stored.
    """

    def __init__(self, reader: JsonReader) -> None:
        self._reader = reader
        self._cells = 1  # numbered from 1, as Jupyter shows them

    def segments(self) -> Iterator[Segment]:
        """Read the value at the reader's position, yielding segments as they complete."""
        yield from self._value(0)

    def saw_cells(self) -> bool:
        """Tell whether the value read held a cell (a notebook's, not a part of one's JSON)."""
        return self._cells > 1

    def _value(self, depth: int) -> Iterator[Segment]:
        reader = self._reader
        char = reader.peek()
        if depth > _GENERIC_DEPTH and char in ("{", "["):
            reader.skip()
        elif char == "{":
            yield from self._object(depth)
        elif char == "[":
            for first in reader.items():
                if first == '"':
                    reader.string(keep=False)
                else:
                    yield from self._value(depth + 1)
        elif char == '"':
            reader.string(keep=False)
        else:
            reader.scalar()

    def _object(self, depth: int) -> Iterator[Segment]:
        reader = self._reader
        cell: Optional[int] = None
        source: list[Piece] = []
        outputs: list[Output] = []
        for key in reader.members():
            if key in ("source", "outputs"):
                if cell is None:
                    cell = self._cells
                    self._cells += 1
                if key == "source":
                    source = self._texts()
                else:
                    outputs.extend(self._outputs())
            elif cell is not None:
                reader.skip()
            elif reader.peek() == '"':
                line = reader.line()
                value = reader.string()
                if "\n" in value and ("Layer (type)" in value or "params:" in value):
                    yield Segment(Part.LOOSE, -1, (Output(((value, line),)),))
            else:
                yield from self._value(depth + 1)
        if cell is not None:
            if source:
                yield Segment(Part.SOURCE, cell, (Output(tuple(source)),))
            if outputs:
                yield Segment(Part.OUTPUT, cell, tuple(outputs))

    def _texts(self) -> list[Piece]:
        """Read a notebook multi-line string: one string, or a list of strings."""
        reader = self._reader
        char = reader.peek()
        if char == '"':
            line = reader.line()
            return [(reader.string(), line)]
        if char != "[":
            reader.skip()
            return []
        pieces: list[Piece] = []
        for first in reader.items():
            if first == '"':
                line = reader.line()
                pieces.append((reader.string(), line))
            else:
                reader.skip()
        return pieces

    def _outputs(self) -> Iterator[Output]:
        reader = self._reader
        if reader.peek() != "[":
            reader.skip()
            return
        for first in reader.items():
            if first != "{":
                reader.skip()
                continue
            chosen = self._output()
            if chosen is not None:
                yield chosen

    def _output(self) -> Optional[Output]:
        """Pick the text of one output: stream text, else text/plain, else text/html."""
        reader = self._reader
        found: dict[str, list[Piece]] = {}
        for key in reader.members():
            if key == "text":
                found["text"] = self._texts()
            elif key == "data" and reader.peek() == "{":
                self._mimes(found)
            else:
                reader.skip()
        return _chosen_output(found)

    def _mimes(self, found: dict[str, list[Piece]]) -> None:
        """Read an output's `data` dict: the text of each text kind, into `found`."""
        reader = self._reader
        for mime in reader.members():
            if mime in _TEXT_MIMES:
                found[mime] = self._texts()
            else:
                reader.skip()


def _chosen_output(found: dict[str, list[Piece]]) -> Optional[Output]:
    """The text an output shows: stream text, else text/plain, else text/html; None if none."""
    if "text" in found:
        return Output(tuple(found["text"])) if found["text"] else None
    plain = found.get("text/plain", [])
    if any(text.strip() for text, _ in plain):
        return Output(tuple(plain))
    if found.get("text/html"):
        return Output(tuple(found["text/html"]), html=True)
    return None
