"""Read a part of a notebook's JSON pasted as text: its output lines, decoded, read once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Optional

from .patterns import lazy
from .sources import Line, clean_text, strip_html

# The line that opens an output's list of printed lines in a pretty-printed `.ipynb`:
# `"text/plain": [`, `"text/html": [`, or a stream's `"text": [`.
OPENER = lazy(r'[ \t]*"(text/plain|text/html|text)": \[')
# One printed line: a JSON string literal, then a comma unless it is the list's last.
_STRING = lazy(r'[ \t]*"((?:[^"\\]|\\.)*)",?[ \t]*')
# The JSON around the outputs: brackets, and keys of one short value (`"output_type": "stream",`).
_STRUCTURE = lazy(
    r"[ \t]*(?:[\[\]{}],?"
    r'|"[A-Za-z_]+": (?:\{\}|\[\]|\{|\[|"[\w/.-]{0,40}"|\d{1,9}|null|true|false),?)[ \t]*'
)
_HTML = "text/html"
_PLAIN = "text/plain"


def decoded_json_string(body: str) -> Optional[str]:
    """What a JSON string literal's body says, or None when it is no valid JSON string."""
    if "\\" not in body:
        return body
    try:
        text = json.loads(f'"{body}"')
    except ValueError:
        return None
    return text if isinstance(text, str) else None


MAX_HELD_LINES = 20_000  # an HTML output longer (with the text after it) is handed on, not held
# (as many lines as one summary may hold: the largest real prints, with Connected to, ~5,000)


class _Output:
    """One output's printed lines, decoded, with the kind of its list (`text/html`, …)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.lines: list[Line] = []

    def add(self, line: Line, printed: str) -> None:
        """Take one string literal of the list: its decoded text, split into lines."""
        pieces = printed.split("\n")
        if len(pieces) > 1 and pieces[-1] == "":
            pieces.pop()  # the literal's own line end
        for piece in pieces:
            self.lines.append(Line(line.number, clean_text(piece), line.origin))

    def visible(self) -> str:
        """The text a reader sees: no markup, no colour codes, no blank lines, no padding."""
        import html

        lines = strip_html(self.lines) if self.kind == _HTML else self.lines
        shown = (html.unescape(line.text).strip() for line in lines)
        return "\n".join(text for text in shown if text)


class _Reader:
    """Hands on the outputs' lines as they come; holds an HTML output, and the text output
    after it, only until the two can be compared (Keras 3 shows each part both ways)."""

    def __init__(self) -> None:
        self.output: Optional[_Output] = None  # the output being read
        self.html: Optional[_Output] = None  # a finished HTML output, held
        self.held = False  # whether the output being read is held (HTML, or text after one)

    def open(self, kind: str) -> Iterator[Line]:
        """Start an output of this kind (the previous one, if any, ended without JSON)."""
        yield from self.close()
        self.output = _Output(kind)
        self.held = kind == _HTML or (kind == _PLAIN and self.html is not None)
        if not self.held:
            yield from self.release()

    def add(self, line: Line, printed: str) -> Iterator[Line]:
        """Take a printed line of the output being read."""
        output = self.output
        assert output is not None
        output.add(line, printed)
        if not self.held:
            yield from output.lines
            output.lines.clear()
        elif len(output.lines) + (len(self.html.lines) if self.html else 0) > MAX_HELD_LINES:
            self.held = False  # too long to hold: hand on what is held, read on
            yield from self.release()
            yield from output.lines
            output.lines.clear()

    def close(self) -> Iterator[Line]:
        """End the output being read."""
        output, self.output = self.output, None
        if output is None or not self.held:
            return
        if output.kind == _HTML:
            yield from self.release()
            self.html = output
            return
        assert self.html is not None  # a held text output follows a held HTML one
        if output.visible() != self.html.visible():
            yield from self.release()
        self.html = None  # the same part shown twice: read as text
        yield from output.lines

    def release(self) -> Iterator[Line]:
        """Hand on the HTML output held, if any."""
        if self.html is not None:
            yield from self.html.lines
            self.html = None


def read_outputs(first: Line, rest: Iterator[Line]) -> Iterator[Line]:
    """Read lines from an output list's opener (`first`) on: each output's printed lines come
    decoded (escapes and colour codes undone, one line per printed line, each numbered by its
    literal's line); an HTML output followed by a text output that shows the same is read
    once, as text; the JSON between outputs is dropped. The first line that is neither JSON
    of an output nor a printed line ends the reading: the JSON lines since the last output
    and it pass as they are; `rest` is read no further."""
    reader = _Reader()
    between: list[Line] = []  # JSON lines since the last output's end, as they were
    line: Optional[Line] = first
    while line is not None:
        text = line.text
        opener = OPENER.fullmatch(text)
        if opener is not None:
            yield from reader.open(opener.group(1))
            between = []
        elif reader.output is not None and (literal := _STRING.fullmatch(text)) is not None:
            printed = decoded_json_string(literal.group(1))
            if printed is None:
                break
            yield from reader.add(line, printed)
        elif _STRUCTURE.fullmatch(text) is not None and len(between) < MAX_HELD_LINES:
            yield from reader.close()
            between.append(line)
        else:
            break
        line = next(rest, None)
    yield from reader.close()
    yield from reader.release()
    yield from between
    if line is not None:
        yield line
