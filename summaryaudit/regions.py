"""Find the regions of a text that may hold a summary, in C, so that the rest never becomes lines.

A training log is mostly progress bars. Every summary is anchored on a line that holds `Layer`,
a totals label (`params`, any case, or a translated one), a translated header, a suppression
directive, HTML, or a table row pasted without its header and totals; all of these contain one
of ANCHOR_CHARS. A chunk of text holding none of those characters is only counted (its line
ends, in C, as `sources.LineSplitter` counts them). Around an anchor line a region opens:
CONTEXT_BEFORE lines above it, and the lines below it for as long as table-like lines keep
coming (REACH non-blank lines after the last one; LONG_REACH after a header, whose table may
reject that many lines before its first row). Each region is handed on with its true line
numbers and read on its own, like a document.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Optional

from .patterns import lazy

# Every anchor contains one of these: `r`/`R` (Layer, params/parameters in any case, Parámetros,
# summaryaudit), `C`/`S` (Capa, Couche, Schicht), `<` (HTML), `(` (a row pasted without its
# table), and the first character of each translated header or totals word the reader accepts
# (see damage.py).
ANCHOR_CHARS: tuple[str, ...] = ("r", "R", "C", "S", "<", "(")
ANCHOR_CHARS += ("层", "層", "レ", "레", "층", "参", "參", "パ", "파", "매")
# Line-level tests, on the cleaned line: each a superset of what the reader anchors on
# (`find_blocks` headers and orphan totals, directives, HTML, translated titles) or keeps in a
# table. They are plain substring tests where they can be: a regex alternation is slow per line.
_TOTALS_WORDS = lazy(r"params|parameters|par[áâa]metros", re.IGNORECASE)
_DIRECTIVE_WORD = lazy(r"summaryaudit", re.IGNORECASE)
_CJK_HEADER = lazy(r"[层層레층]|レイ")
_CJK_TOTALS = lazy(r"[参參파매]|パラ")
_TABLE_CHARS = lazy(r"[─│┃┄-╿|+()\[\]…⋮¯#>（）]")
_RUNS = ("___", "===", "---", "~~~", "***", "```", "...", "¯¯¯", "Model", "???")
_RULE_LINE = lazy(r"\s*━{3}[\s━]*$")  # a line of `━` alone (not a progress bar)
# A row of a fixed-width table (`name (Class)`, then a shape): rows pasted without header or
# totals are a summary too (blocks.find_blocks reads them).
# (`?` for each bar where an encoding had no box drawing: 54c's 014)
_BOX_ROW = lazy(r"^ ?[│┃?] [\w.\-/]+(?: \(\w*\)?)? *[│┃?] +(?:[\[(]+(?:None|\d)|multiple)")
# (a row may stand in a Markdown code block, indented by four blanks: 38a's 005; or in a
# docstring, by eight or more: 54d's 010; or quoted in a reply, `> ` before it: 65d's 011; or
# commented out, `# `: 79c's 012, rows under `# ====` with neither header nor totals)
_ROW = lazy(r"^(?:[>#][ \t]?)? {0,12}[\w.\-/]+ \(\w*\)?(?: +| *$)(?:[\[(]+(?:None|\d)|multiple)")
# a row whose name filled the column, its class wrapped onto the next line alone (tf.keras
# 2.7+: ` tf.__operators__.getitem_1  (None, 3072)  0  […]` over `  (SlicingOpLambda)`, 61b's
# 008, 012)
NAME_FILLED_ROW = lazy(r"^ {0,2}[\w.\-/]+ {2,}(?:\[?\((?:None|\d)|multiple\b)")


def _row_like(text: str) -> bool:
    """Tell whether a line holding `(` starts a layer row, boxed or not."""
    return (
        _ROW.match(text) is not None
        or _BOX_ROW.match(text) is not None
        or NAME_FILLED_ROW.match(text) is not None
    )


def _has_r(text: str) -> bool:
    # every spelling of params/parameters/parámetros/summaryaudit, in any case, has an r
    return "r" in text or "R" in text


def _has_ar(text: str) -> bool:
    # every match of _TOTALS_WORDS starts `par` in some case (no other character folds to
    # `a` or `r`): C searches, far cheaper than the case-blind regex on every line; one
    # character first (a search for one character needs no copy of it in a wide line's width)
    return ("r" in text or "R" in text) and (
        "ar" in text or "AR" in text or "Ar" in text or "aR" in text
    )


def is_header(text: str) -> bool:
    """Tell whether a line may be a summary header (English or translated)."""
    return _is_header(text, True)


def is_totals(text: str) -> bool:
    """Tell whether a line may be a totals line (any case, any spelling, or translated)."""
    return _is_totals(text, True)


# `cjk` False: the text the line comes from holds none of the wide ANCHOR_CHARS, so no
# translated title or totals word (a search that is slow on the box-drawn lines of Keras 3).
def _is_header(text: str, cjk: bool) -> bool:
    if ("L" in text or "C" in text or "S" in text) and (
        "Layer" in text
        or "Capa" in text
        or "Camada" in text
        or "Couche" in text
        or "Schicht" in text
        or "Lớp" in text
        or "(type)" in text  # a misspelt `Layer` (64c's 013: `| Lyaer (type) | Output Shape |`)
    ):
        return True  # each header word searched for (a generator costs more than the searches)
    return cjk and not text.isascii() and _CJK_HEADER.search(text) is not None


def _is_totals(text: str, cjk: bool) -> bool:
    if _has_ar(text) and _TOTALS_WORDS.search(text):
        return True
    return cjk and not text.isascii() and _CJK_TOTALS.search(text) is not None


_ASCII_TABLE_CHARS = "()|[]+#>"  # the ASCII members of _TABLE_CHARS, spelled out below


def _has_table_char(text: str) -> bool:
    if text.isascii():  # a few C searches beat the regex's class (its box-drawing range)
        return (
            "(" in text
            or "|" in text
            or ")" in text
            or "[" in text
            or "]" in text
            or "+" in text
            or "#" in text
            or ">" in text
        )
    return "│" in text or "┃" in text or _TABLE_CHARS.search(text) is not None


def _has_run(text: str) -> bool:
    return (  # _RUNS, spelled out: a generator costs more than the searches
        "___" in text
        or "===" in text
        or "---" in text
        or "~~~" in text
        or "***" in text
        or "```" in text
        or "..." in text
        or "¯¯¯" in text
        or "Model" in text
        or "???" in text  # a box border whose drawing an encoding made `?`
    )


def is_anchor(text: str) -> bool:
    """Tell whether a line may start a summary or matter on its own (a directive, HTML)."""
    return (
        is_header(text)
        or is_totals(text)
        or "<" in text
        or (_has_r(text) and _DIRECTIVE_WORD.search(text) is not None)
        or ("(" in text and _row_like(text))
    )


def is_table_like(text: str) -> bool:
    """Tell whether a line may belong to a table: box drawing (not a progress bar's `━`
    alone), bars, brackets, rules, elisions, notes, titles and totals words."""
    return is_header(text) or is_totals(text) or _table_like_otherwise(text)


def _table_like_otherwise(text: str) -> bool:
    """is_table_like for a line that is neither a header nor a totals line."""
    return (
        _has_table_char(text)
        or _has_run(text)
        or ("━━━" in text and _RULE_LINE.match(text) is not None)
        or "<" in text
        or (_has_r(text) and _DIRECTIVE_WORD.search(text) is not None)
        or ("(" in text and _row_like(text))
    )


def left_after(text: str, left: int, cjk: bool = True) -> int:
    """How many non-blank lines an open region still takes after one of its lines (`left`
    before it): a header's table may come LONG_REACH lines on, a totals line ends it REACH
    lines on, a table-like line keeps it open REACH lines, any other non-blank line uses one.
    `cjk` False: the line holds none of the wide ANCHOR_CHARS."""
    if _is_header(text, cjk):
        return left if left > LONG_REACH else LONG_REACH
    if _is_totals(text, cjk):
        return REACH
    if _table_like_otherwise(text):
        return left if left > REACH else REACH
    if text and not text.isspace():
        return left - 1
    return left


CONTEXT_BEFORE = 16
MERGE_GAP = 128  # regions closer than this are one region (the lines between them are read)
# The block finder reads lines in windows of 64 and, finding nothing, keeps the last 8: it moves
# through text without anchors 56 lines at a time. A gap between regions is handed on as filler
# lines (FILLER: no anchor, no table character, no digit, not blank), as many as the gap modulo
# 56 plus 56, so that every window, and so every summary found, falls where it falls when every
# line is read.
WINDOW_STEP = 56
FILLER = "x"
REACH = 24
LONG_REACH = 232  # blocks.MAX_UNPLACED rejected lines, and room to spare
# Every line end Python's str.splitlines knows, `\r\r\n` as one (sources splits by it too)
LINE_END = lazy("\r\r\n|\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CRLF = lazy("\r\n")
_CRLF_BYTES = re.compile(b"\r\n")
# Line ends other than `\n` and `\r`: a chunk holding none of them is counted in C.
_RARE_ENDS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_RARE_ASCII_ENDS = tuple(end for end in _RARE_ENDS if end.isascii())
_RARE_WIDE_ENDS = tuple(end for end in _RARE_ENDS if not end.isascii())
# In UTF-8 bytes (see RegionFinder.feed's `raw`), one `bytes.translate` pass in C keeps the
# marks of a chunk: its ASCII line ends, its ASCII anchors, the lead byte of each wide anchor
# and the last byte of each wide line end (`\x85`, `\xa8`, `\xa9`, rare in text). A chunk whose
# marks are only `\n` and `\r` is counted from them; the others are looked at more closely.
_ASCII_ANCHOR_BYTES = tuple((char, char.encode()) for char in ANCHOR_CHARS if char.isascii())
_WIDE_ANCHOR_BYTES = tuple(
    (lead, tuple((char, char.encode()) for char in ANCHOR_CHARS if char.encode()[:1] == lead))
    for lead in sorted({char.encode()[:1] for char in ANCHOR_CHARS if not char.isascii()})
)
_END_BYTES = b"\n\r" + b"".join(end.encode() for end in _RARE_ASCII_ENDS)
_RARE_WIDE_BYTES = tuple((end.encode()[-1:], end.encode()) for end in _RARE_WIDE_ENDS)
# ASCII control characters other than tab and newline: text without them needs no cleaning
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n") + b"\x7f"
_MARK_BYTES = (
    _END_BYTES
    + b"".join(byte for _, byte in _ASCII_ANCHOR_BYTES)
    + b"".join(lead for lead, _ in _WIDE_ANCHOR_BYTES)
    + b"".join(last for last, _ in _RARE_WIDE_BYTES)
    + _CONTROL_BYTES
)
_UNMARKED = bytes(byte for byte in range(256) if byte not in _MARK_BYTES)
_NOT_END = bytes(byte for byte in range(256) if byte not in _END_BYTES)
_NOT_CONTROL = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_NOT_PLAIN_END = _END_BYTES[2:]  # a rare ASCII line end among the ends
_FIRST_WINDOW = 8192  # characters looked at first when the last lines of a text are wanted


def _line_end_length(part: str) -> int:
    """How many characters of a `splitlines(keepends=True)` part are its line end."""
    if part.endswith("\r\n"):
        return 2
    if part and part[-1] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        return 1
    return 0


def _merge_doubled_returns(parts: list[str]) -> list[str]:
    """Join `\\r` + `\\r\\n` into one line end `\\r\\r\\n`, as LineSplitter counts it."""
    if "\r\n" not in parts:
        return parts
    merged: list[str] = []
    for part in parts:
        if (
            part == "\r\n"
            and merged
            and merged[-1].endswith("\r")
            and not merged[-1].endswith("\r\n")
        ):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _text_of(part: str) -> str:
    if part.endswith("\r\r\n"):
        return part[:-3]
    cut = _line_end_length(part)
    return part[: len(part) - cut] if cut else part


def split_lines(text: str) -> list[str]:
    """Split text into lines with their ends, every `str.splitlines` end, `\\r\\r\\n` as one."""
    return _merge_doubled_returns(text.splitlines(keepends=True))


class ByteMarks:
    """What a chunk's UTF-8 bytes hold that the region finder looks for, found in one C pass."""

    __slots__ = ("anchors", "controls", "ends", "rare")

    def __init__(self, raw: bytes) -> None:
        marks = raw.translate(None, _UNMARKED)
        ends = marks.translate(None, _NOT_END)
        self.ends = ends  # the ASCII line-end characters, in order
        # an ASCII control character other than tab and newline (`\r` among them)
        self.controls = bool(marks.translate(None, _NOT_CONTROL))
        others = marks.translate(None, _END_BYTES) if len(ends) != len(marks) else b""
        anchors = "".join(char for char, byte in _ASCII_ANCHOR_BYTES if byte in others)
        for lead, wide in _WIDE_ANCHOR_BYTES:
            if lead in others:
                anchors += "".join(char for char, encoded in wide if encoded in raw)
        self.anchors = anchors
        self.rare = any(last in others and encoded in raw for last, encoded in _RARE_WIDE_BYTES)
        if not self.rare and ends.translate(None, b"\n\r"):
            self.rare = True  # a line end other than `\n` and `\r`


def anchors_in_text(text: str) -> str:
    """The anchor characters that occur in text."""
    if text.isascii():
        return "".join(char for char, _ in _ASCII_ANCHOR_BYTES if char in text)
    return "".join(char for char in ANCHOR_CHARS if char in text)


def rare_ends_in_text(text: str) -> bool:
    """Tell whether text holds a line end other than `\\n` and `\\r`."""
    return any(end in text for end in _RARE_ASCII_ENDS) or (
        not text.isascii() and any(end in text for end in _RARE_WIDE_ENDS)
    )


def count_lines(text: str, start: int, stop: int, rare: bool) -> tuple[int, int]:
    """Count the lines of text[start:stop] (whole lines) and the `\\n` among their ends, in C.

    `rare` says whether the text may hold line ends other than `\\n` and `\\r`; without them
    every `\\n` and `\\r` ends a line except the `\\r` of `\\r\\n` and both of `\\r\\r\\n`.
    """
    newlines = text.count("\n", start, stop)
    if rare:
        return len(split_lines(text[start:stop])), newlines
    returns = text.count("\r", start, stop)
    lines = newlines + returns
    if newlines and returns and _CRLF.search(text, start, stop):
        lines -= text.count("\r\n", start, stop) + text.count("\r\r\n", start, stop)
    return lines, newlines


def _last_end(text: str, start: int, stop: int, rare: bool) -> int:
    """The offset of the last line-end character in text[start:stop], or -1."""
    last = max(text.rfind("\n", start, stop), text.rfind("\r", start, stop))
    if rare:
        last = max(last, *(text.rfind(end, start, stop) for end in _RARE_ENDS))
    return last


def last_lines(text: str, start: int, stop: int, count: int) -> list[str]:
    """The last `count` lines (with their ends) of the whole lines text[start:stop]."""
    window = max(_FIRST_WINDOW, 256 * count)
    while True:
        first = max(start, stop - window)
        parts = split_lines(text[first:stop])
        if first == start:
            return parts[-count:] if count else []
        if len(parts) > count:  # the first part may be cut: more than enough without it
            return parts[-count:] if count else []
        window *= 2


class _Span:
    """Whole lines of a chunk that were counted, not read: kept as context for a region."""

    __slots__ = ("count", "first", "start", "stop", "text")

    def __init__(self, text: str, start: int, stop: int, first: int, count: int) -> None:
        self.text = text
        self.start = start
        self.stop = stop
        self.first = first  # the number of its first line
        self.count = count


class RegionFinder:
    """Turn text arriving in chunks into the numbered lines of candidate regions only.

    `clean` is the per-line cleaning the reader applies to a line (ANSI codes and control
    characters removed); anchors and table lines are recognised on cleaned text. Each line is
    returned as (number, cleaned text, region index), cut to max_line characters before
    cleaning, as `sources.LineSplitter` cuts it.

    A chunk with no anchor character while no region is open is only counted: its line ends
    with `str.count`, its anchors and rare line ends with memchr over its UTF-8 bytes when the
    caller has them (`raw`). No line of it becomes a string unless a region opens within
    CONTEXT_BEFORE lines after it (or MERGE_GAP lines after the last region).
    """

    def __init__(
        self,
        clean: Callable[[str], str],
        first: int = 1,
        max_line: int = 1 << 20,
        plain: Optional[Callable[[str], bool]] = None,
    ) -> None:
        self._clean = clean
        # `plain(text)` tells that `clean` changes no line of a text (one test a chunk); it must
        # be true for a text without ASCII control characters other than tab and newline: a
        # chunk given with its bytes is told from them
        self._plain = plain
        self._max_line = max_line
        self._number = first  # the number of the next line not yet seen
        self._carry = ""
        self._back: deque[_Span] = deque()  # counted lines since the last line handed on
        self._back_count = 0
        self._last = first - 1  # the number of the last line handed on
        self._region = 0
        self._left = 0  # non-blank lines the open region still takes (0: closed)
        self._long: Optional[str] = None  # the kept start of a line longer than max_line
        self.newlines = 0  # `\n` characters in the text read so far (for decoding errors)
        self.unended = 0  # the number of the text's last line, handed on, when no line end ends it

    def feed(
        self, chunk: str, final: bool = False, raw: Optional[bytes] = None
    ) -> list[tuple[int, str, int]]:
        """Take the next piece of text; return the region lines it completes.

        `raw`, when given, is the UTF-8 encoding of chunk (or bytes holding at least every
        character of it): what the chunk may hold is then looked for in the bytes.
        """
        if self._long is not None:
            end = LINE_END.search(chunk)
            if end is None and not final:
                return []  # the rest of a line too long to keep: read and dropped
            chunk = self._long + (chunk[end.start() :] if end else "")
            self._long = None
            raw = None
        carry = self._carry
        text = carry + chunk if carry else chunk
        marks: Optional[ByteMarks] = None
        if raw is None:
            anchors, rare = anchors_in_text(text), rare_ends_in_text(text)
        else:
            marks = ByteMarks(raw)
            anchors, rare = marks.anchors, marks.rare
            if carry:  # the start of a line that came before raw
                anchors += "".join(c for c in anchors_in_text(carry) if c not in anchors)
                rare = rare or rare_ends_in_text(carry)
        self._carry = ""
        done = len(text) if final else self._complete(text, rare)
        if not done:
            return []
        if not self._left and not anchors:
            if marks is not None and raw is not None and not rare:
                lines, newlines = self._counted(marks, raw, carry, text, done)
            else:
                lines, newlines = count_lines(text, 0, done, rare)
            self.newlines += newlines
            self._skip(text, 0, done, lines)
            return []
        self.newlines += text.count("\n", 0, done)
        plain = self._plain is not None and (
            self._plain(text)
            if marks is None
            else not marks.controls and (not carry or self._plain(carry))
        )
        return self._scan(text, done, anchors, rare, plain)

    def _counted(
        self, marks: ByteMarks, raw: bytes, carry: str, text: str, done: int
    ) -> tuple[int, int]:
        """Count the lines of text[:done] (carry + chunk, only `\\n` and `\\r` line ends) and
        its `\\n`: from the chunk's line ends found in raw, the carry's, less the new carry's."""
        ends = marks.ends
        if "\r" in carry:
            ends = b"\r" * carry.count("\r") + ends
        if "\r" in self._carry:
            ends = ends[: len(ends) - self._carry.count("\r")]
        lines = len(ends)
        # Only a `\r` right before a `\n` makes them one line end (or `\r\r\n`): rare in logs.
        if b"\r\n" in ends and (
            _CRLF_BYTES.search(raw) or (carry.endswith("\r") and text.startswith("\n", len(carry)))
        ):
            lines -= text.count("\r\n", 0, done) + text.count("\r\r\n", 0, done)
        return lines, ends.count(b"\n")

    def _complete(self, text: str, rare: bool) -> int:
        """Keep back the end of text that may not be a whole line yet; return where it starts."""
        if not text:
            return 0
        last = _last_end(text, 0, len(text), rare)
        if last < len(text) - 1:  # a line not ended yet
            self._carry = text[last + 1 :]
            if len(self._carry) > self._max_line:
                # Longer than the reader keeps: keep its start, drop the rest as it comes.
                self._long, self._carry = self._carry[: self._max_line], ""
            return last + 1
        if text[last] != "\r":
            return len(text)
        # A `\r` at the very end may be the start of `\r\n` or `\r\r\n`: wait for more. Up to
        # two lines ended by a lone `\r` are kept back.
        start = _last_end(text, 0, last, rare) + 1
        if start and text[start - 1] == "\r":
            start = _last_end(text, 0, start - 1, rare) + 1
        self._carry = text[start:]
        return start

    def _skip(self, text: str, start: int, stop: int, lines: int) -> None:
        """Count whole lines that hold no anchor, keeping enough of them as context."""
        if not lines:
            return
        self._back.append(_Span(text, start, stop, self._number, lines))
        self._back_count += lines
        self._number += lines
        while self._back_count - self._back[0].count >= MERGE_GAP:
            self._back_count -= self._back.popleft().count

    def _next_anchor(self, text: str, start: int, stop: int, anchors: str, rare: bool) -> int:
        """The offset of the first anchor line in text[start:stop] (whole lines), or -1."""
        nearest = {char: text.find(char, start, stop) for char in anchors}
        low = start
        while True:
            found = [at for at in nearest.values() if at != -1]
            if not found:
                return -1
            at = min(found)
            line_start = _last_end(text, low, at, rare) + 1 or low
            line_start = max(line_start, low)
            end = LINE_END.search(text, at, stop)
            line_end = end.end() if end else stop
            if is_anchor(self._line(text[line_start:line_end])):
                return line_start
            low = line_end
            for char, offset in nearest.items():
                if offset != -1 and offset < low:
                    nearest[char] = text.find(char, low, stop)

    def _scan(
        self, text: str, done: int, anchors: str, rare: bool, plain: bool
    ) -> list[tuple[int, str, int]]:
        out: list[tuple[int, str, int]] = []
        pos = 0
        parts: list[str] = []
        index = 0  # the part at offset pos, once parts holds the lines from split_at on
        ends: list[int] = []
        bodies: Optional[list[str]] = None  # each part without its line end, when cut in C
        while pos < done:
            if not self._left:
                at = self._next_anchor(text, pos, done, anchors, rare)
                stop = done if at == -1 else at
                if parts:
                    lines = bisect.bisect_right(ends, stop) - 1 - index
                else:
                    lines = count_lines(text, pos, stop, rare)[0]
                self._skip(text, pos, stop, lines)
                if at == -1:
                    break
                self._open(out)
                pos = at
            if not parts:
                parts = split_lines(text[pos:done])
                ends = list(itertools.accumulate(map(len, parts), initial=pos))
                if plain and not rare:  # every line ends in `\n` (the last one may not end)
                    bodies = text[pos:done].split("\n")
            at = bisect.bisect_left(ends, pos)
            index = self._read(parts, bodies, at, plain, not anchors.isascii(), out)
            pos = ends[index]
        return out

    def _read(
        self,
        parts: list[str],
        bodies: Optional[list[str]],
        index: int,
        plain: bool,
        cjk: bool,
        out: list[tuple[int, str, int]],
    ) -> int:
        """Hand on the lines of the open region from parts[index] on, while it stays open;
        return the index of the first part not read. `bodies`: the parts without their line
        ends, when known; `plain`: cleaning changes no line; `cjk`: the text holds a wide
        anchor character."""
        clean = None if plain else self._clean
        max_line, region, left = self._max_line, self._region, self._left
        number = first = self._number
        count = len(parts)
        while left and index < count:
            line = bodies[index] if bodies is not None else _text_of(parts[index])
            if len(line) > max_line:
                line = line[:max_line]
            if clean is not None:
                line = clean(line)
            out.append((number, line, region))
            number += 1
            left = left_after(line, left, cjk)
            index += 1
        if number != first:
            self._last = number - 1
            if index == count and not _line_end_length(parts[-1]):
                self.unended = number - 1  # (only the text's end leaves a part without one)
        self._number, self._left = number, left
        return index

    def _line(self, part: str) -> str:
        """The text of a line as the reader sees it: its first max_line characters, cleaned."""
        return self._clean(_text_of(part)[: self._max_line])

    def _back_lines(self, count: int) -> list[tuple[int, str]]:
        """The last `count` counted lines before the next line, with their numbers."""
        found: list[tuple[int, str]] = []
        for span in reversed(self._back):
            if count <= 0:
                break
            take = min(count, span.count)
            parts = last_lines(span.text, span.start, span.stop, take)
            first = span.first + span.count - take
            found[:0] = zip(range(first, first + take), parts)
            count -= take
        return found

    def _open(self, out: list[tuple[int, str, int]]) -> None:
        """Open a region: the whole gap since the last one when it is short, else a new region
        with CONTEXT_BEFORE lines of context."""
        skipped = self._number - self._last - 1
        contiguous = skipped <= MERGE_GAP
        context = self._back_lines(skipped if contiguous else CONTEXT_BEFORE)
        if not contiguous or not self._region:
            self._region += 1
        out.extend((number, self._line(part), self._region) for number, part in context)
        self._back.clear()
        self._back_count = 0
        self._left = 1


def region_lines(
    chunks: Iterable[str],
    clean: Callable[[str], str],
    first: int = 1,
    max_line: int = 1 << 20,
    plain: Optional[Callable[[str], bool]] = None,
) -> Iterator[tuple[int, str, int]]:
    """Yield (number, cleaned line, region index) for every line in a candidate region."""
    finder = RegionFinder(clean, first, max_line, plain)
    for chunk in chunks:
        yield from finder.feed(chunk)
    yield from finder.feed("", final=True)


def filler_count(skipped: int) -> int:
    """How many filler lines stand for `skipped` lines that were not read (see WINDOW_STEP)."""
    if skipped < 2 * WINDOW_STEP:
        return skipped
    return WINDOW_STEP + (skipped - WINDOW_STEP) % WINDOW_STEP


def with_fillers(
    lines: Iterable[tuple[int, str, int]], first: int = 1
) -> Iterator[tuple[int, str]]:
    """Join the regions into one stream of (number, text), each gap handed on as filler."""
    last, region = first - 1, 0
    for number, text, index in lines:
        if index != region:
            count = filler_count(number - last - 1)
            yield from ((filler, FILLER) for filler in range(number - count, number))
            region = index
        last = number
        yield number, text


def first_anchor(text: str) -> Optional[int]:
    """The offset of the first anchor character in a text, or None (for tests and tools)."""
    offsets = [at for at in (text.find(c) for c in ANCHOR_CHARS) if at != -1]
    return min(offsets) if offsets else None
