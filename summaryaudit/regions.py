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

# Every anchor contains one of these: `r`/`R` (Layer, params/parameters in any case, Parámetros,
# summaryaudit), `C`/`S` (Capa, Couche, Schicht), `<` (HTML), `(` (a row pasted without its
# table), and the first character of each translated header or totals word the reader accepts
# (see damage.py).
ANCHOR_CHARS = ("r", "R", "C", "S", "<", "(")
ANCHOR_CHARS += ("层", "層", "レ", "레", "층", "参", "參", "パ", "파", "매")
# Line-level tests, on the cleaned line: each a superset of what the reader anchors on
# (`find_blocks` headers and orphan totals, directives, HTML, translated titles) or keeps in a
# table. They are plain substring tests where they can be: a regex alternation is slow per line.
_TOTALS_WORDS = re.compile(r"params|parameters|par[áa]metros", re.IGNORECASE)
_DIRECTIVE_WORD = re.compile(r"summaryaudit", re.IGNORECASE)
_HEADER_WORDS = ("Layer", "Capa", "Couche", "Schicht")
_CJK_HEADER = re.compile(r"[层層레층]|レイ")
_CJK_TOTALS = re.compile(r"[参參파매]|パラ")
_TABLE_CHARS = re.compile(r"[─│┃┄-╿|+()\[\]…⋮¯#>（）]")
_RUNS = ("___", "===", "---", "~~~", "***", "```", "...", "¯¯¯", "Model")
_RULE_LINE = re.compile(r"\s*━{3}[\s━]*$")  # a line of `━` alone (not a progress bar)
# A row of a fixed-width table (`name (Class)`, then a shape): rows pasted without header or
# totals are a summary too (blocks.find_blocks reads them).
_BOX_ROW = re.compile(r"^ ?[│┃] [\w.\-/]+(?: \(\w*\)?)? *[│┃] +(?:[\[(]+(?:None|\d)|multiple)")
_ROW = re.compile(r"^ ?[\w.\-/]+ \(\w*\)?(?: +| *$)(?:[\[(]+(?:None|\d)|multiple)")


def _has_r(text: str) -> bool:
    # every spelling of params/parameters/parámetros/summaryaudit, in any case, has an r
    return "r" in text or "R" in text


def is_header(text: str) -> bool:
    """Tell whether a line may be a summary header (English or translated)."""
    if any(word in text for word in _HEADER_WORDS):
        return True
    return not text.isascii() and _CJK_HEADER.search(text) is not None


def is_totals(text: str) -> bool:
    """Tell whether a line may be a totals line (any case, any spelling, or translated)."""
    if _has_r(text) and _TOTALS_WORDS.search(text):
        return True
    return not text.isascii() and _CJK_TOTALS.search(text) is not None


def is_anchor(text: str) -> bool:
    """Tell whether a line may start a summary or matter on its own (a directive, HTML)."""
    return (
        is_header(text)
        or is_totals(text)
        or "<" in text
        or (_has_r(text) and _DIRECTIVE_WORD.search(text) is not None)
        or ("(" in text and (_ROW.match(text) or _BOX_ROW.match(text)) is not None)
    )


def is_table_like(text: str) -> bool:
    """Tell whether a line may belong to a table: box drawing (not a progress bar's `━`
    alone), bars, brackets, rules, elisions, notes, titles and totals words."""
    return (
        _TABLE_CHARS.search(text) is not None
        or any(run in text for run in _RUNS)
        or ("━━━" in text and _RULE_LINE.match(text) is not None)
        or is_anchor(text)
    )


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
_LINE_END = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


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


class RegionFinder:
    """Turn text arriving in chunks into the numbered lines of candidate regions only.

    `clean` is the per-line cleaning the reader applies to a line (ANSI codes and control
    characters removed); anchors and table lines are recognised on cleaned text. Each line is
    returned as (number, cleaned text, region index), cut to max_line characters before
    cleaning, as `sources.LineSplitter` cuts it.
    """

    def __init__(
        self, clean: Callable[[str], str], first: int = 1, max_line: int = 1 << 20
    ) -> None:
        self._clean = clean
        self._max_line = max_line
        self._number = first  # the number of the next line not yet seen
        self._carry = ""
        self._tail: deque[tuple[int, str]] = deque(maxlen=MERGE_GAP)
        self._last = first - 1  # the number of the last line handed on
        self._region = 0
        self._left = 0  # non-blank lines the open region still takes (0: closed)
        self._long: Optional[str] = None  # the kept start of a line longer than max_line

    def feed(self, chunk: str, final: bool = False) -> list[tuple[int, str, int]]:
        """Take the next piece of text; return the region lines it completes."""
        if self._long is not None:
            end = _LINE_END.search(chunk)
            if end is None and not final:
                return []  # the rest of a line too long to keep: read and dropped
            chunk = self._long + (chunk[end.start() :] if end else "")
            self._long = None
        text = self._carry + chunk if self._carry else chunk
        self._carry = ""
        parts = text.splitlines(keepends=True)
        if not final:
            if parts and not _line_end_length(parts[-1]):
                self._carry = parts.pop()  # a line not ended yet
                if len(self._carry) > self._max_line:
                    # Longer than the reader keeps: keep its start, drop the rest as it comes.
                    self._long, self._carry = self._carry[: self._max_line], ""
            else:
                # A `\r` at the very end may be the start of `\r\n` or `\r\r\n`: wait for more.
                carried: list[str] = []
                while parts and len(carried) < 2 and parts[-1].endswith("\r"):
                    carried.append(parts.pop())
                self._carry = "".join(reversed(carried))
        parts = _merge_doubled_returns(parts)
        if not parts:
            return []
        if not self._left and not any(char in text for char in ANCHOR_CHARS):
            self._skip(parts)
            return []
        return self._scan(parts)

    def _skip(self, parts: list[str]) -> None:
        """Count lines that hold no anchor, keeping the last few as context."""
        self._number += len(parts)
        keep = parts[-MERGE_GAP:]
        self._tail.extend(zip(range(self._number - len(keep), self._number), keep))

    def _anchor_lines(self, parts: list[str]) -> list[int]:
        """The indexes of the parts that hold an anchor character, in order."""
        text = "".join(parts)
        ends = list(itertools.accumulate(map(len, parts)))
        found: set[int] = set()
        for char in ANCHOR_CHARS:
            at = text.find(char)
            while at != -1:
                index = bisect.bisect_right(ends, at)
                found.add(index)
                at = text.find(char, ends[index])
        return sorted(found)

    def _scan(self, parts: list[str]) -> list[tuple[int, str, int]]:
        out: list[tuple[int, str, int]] = []
        base = self._number
        candidates = self._anchor_lines(parts) if not self._left else None
        index = 0
        while index < len(parts):
            if not self._left:
                if candidates is None:
                    candidates = self._anchor_lines(parts)
                at = bisect.bisect_left(candidates, index)
                opened = False
                while at < len(candidates):
                    i = candidates[at]
                    if is_anchor(self._line(parts[i])):
                        self._keep(parts, base, index, i)
                        index = i
                        self._open(out)
                        opened = True
                        break
                    at += 1
                if not opened:
                    self._keep(parts, base, index, len(parts))
                    break
            text = self._line(parts[index])
            out.append((base + index, text, self._region))
            self._last = base + index
            self._follow(text)
            index += 1
        self._number = base + len(parts)
        return out

    def _line(self, part: str) -> str:
        """The text of a line as the reader sees it: its first max_line characters, cleaned."""
        return self._clean(_text_of(part)[: self._max_line])

    def _keep(self, parts: list[str], base: int, start: int, stop: int) -> None:
        """Remember the last lines before `stop` (from `start`) as context for a region."""
        first = max(start, stop - MERGE_GAP)
        self._tail.extend((base + i, parts[i]) for i in range(first, stop))

    def _open(self, out: list[tuple[int, str, int]]) -> None:
        """Open a region: the whole gap since the last one when it is short, else a new region
        with CONTEXT_BEFORE lines of context."""
        tail = list(self._tail)
        contiguous = not tail or tail[0][0] == self._last + 1
        if not contiguous:
            tail = tail[-CONTEXT_BEFORE:]
        if not contiguous or not self._region:
            self._region += 1
        out.extend((number, self._line(part), self._region) for number, part in tail)
        self._tail.clear()
        self._left = 1

    def _follow(self, text: str) -> None:
        """Extend or shorten the open region after one of its lines."""
        if not is_table_like(text):
            if text and not text.isspace():
                self._left -= 1
        elif is_header(text):
            self._left = max(self._left, LONG_REACH)
        elif is_totals(text):
            self._left = REACH
        else:
            self._left = max(self._left, REACH)


def region_lines(
    chunks: Iterable[str], clean: Callable[[str], str], first: int = 1, max_line: int = 1 << 20
) -> Iterator[tuple[int, str, int]]:
    """Yield (number, cleaned line, region index) for every line in a candidate region."""
    finder = RegionFinder(clean, first, max_line)
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
