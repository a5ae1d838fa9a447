"""Suppression directives (`# summaryaudit: ignore SA102`, `<!-- … -->`, ignore-file) and SA010.

A directive alone on a line covers the summary that starts on the next line that is not blank,
a Markdown fence or the summary's `Model:` line; in a notebook, a directive in a cell's source
covers the summaries in that cell's output. A directive after the text of a row (or totals line)
covers that line only. `summaryaudit: ignore-file` covers the whole file. Without codes a
directive covers every code. Directives that covered nothing are SA010 findings when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Optional

from .patterns import lazy
from .records import Finding, Summary
from .rules import RULES
from .sources import Line, cell_place

UNUSED = "SA010"
MARKER = "summaryaudit:"
_DIRECTIVE = lazy(
    r"(?:<!--|#)[ \t]*summaryaudit:[ \t]*(?P<kind>ignore-file|ignore)\b:?"
    r"(?P<codes>[ \t,A-Za-z0-9]*?)[ \t]*(?:-->)?[ \t]*$",
    re.IGNORECASE,
)
# found in a file's bytes before it is read, so that it covers summaries above it too
FILE_DIRECTIVE = re.compile(rb"(?:<!--|#)[ \t]*summaryaudit:[ \t]*ignore-file\b", re.IGNORECASE)
_MARKER_BYTES = MARKER.encode()
_CODE = lazy(r"[A-Za-z]+[0-9]*")
_FENCE = lazy(r"^\s*(?:[>#]+\s*)?(?:```|~~~)")
_MODEL_LINE = lazy(r"^\W*Model:")


def holds_file_directive(data: bytes) -> bool:
    """Tell whether bytes hold an ignore-file directive (FILE_DIRECTIVE, in any case).

    `summaryaudit:` is looked for first, in the lowered bytes: a plain search, where the
    case-blind pattern tries a match at every `#` of a summary's `Param #` column."""
    return _MARKER_BYTES in data.lower() and FILE_DIRECTIVE.search(data) is not None


class Scope(str, Enum):
    """What a directive covers."""

    NEXT_SUMMARY = "next-summary"
    LINE = "line"
    FILE = "file"
    CELL = "cell"


class Directive:
    """One directive as written, where it is, what it covers, and whether it was used."""

    __slots__ = ("cell", "codes", "line", "scope", "target", "text", "used")

    def __init__(
        self,
        line: int,
        text: str,
        codes: tuple[str, ...],  # empty: every code
        scope: Scope,
        target: Optional[int] = None,  # NEXT_SUMMARY: the line it points at, once known
        cell: Optional[int] = None,  # CELL: the notebook cell whose outputs it covers
        used: Optional[set[str]] = None,
    ) -> None:
        self.line = line
        self.text = text
        self.codes = codes
        self.scope = scope
        self.target = target
        self.cell = cell
        self.used: set[str] = set() if used is None else used

    def _fields(self) -> tuple[object, ...]:
        return (self.line, self.text, self.codes, self.scope, self.target, self.cell, self.used)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        line, text, codes, scope, target, cell, used = self._fields()
        return (
            f"Directive(line={line!r}, text={text!r}, codes={codes!r}, scope={scope!r}, "
            f"target={target!r}, cell={cell!r}, used={used!r})"
        )

    def covers_code(self, code: str) -> bool:
        """Tell whether the directive names this code (or names none, covering all)."""
        return not self.codes or any(code.startswith(c) for c in self.codes)

    def covers_used(self, code: str) -> bool:
        """Tell whether a code (or prefix) it names suppressed at least one finding."""
        return any(used.startswith(code) for used in self.used)


def parse_directive(text: str) -> Optional[tuple[str, str, tuple[str, ...], str]]:
    """Find a directive at the end of a line: return (before, kind, codes, directive text)."""
    if ":" not in text or MARKER not in text.lower():
        return None  # lowering keeps every `:` and makes none: the colon test saves a copy
    match = _DIRECTIVE.search(text)
    if match is None:
        return None
    codes = tuple(c.upper() for c in _CODE.findall(match.group("codes")))
    return text[: match.start()], match.group("kind").lower(), codes, match.group(0).strip()


def _cell_of(origin: str) -> Optional[tuple[int, str]]:
    place = cell_place(origin)
    return (place.cell, place.part) if place else None


class Suppressions:
    """Collects the directives of one input while its lines stream past, then applies them."""

    def __init__(self, source: str, file_wide: bool = False) -> None:
        self.source = source
        self.directives: list[Directive] = []
        self._awaiting: list[Directive] = []  # NEXT_SUMMARY directives still looking for a target
        if file_wide:
            self.directives.append(Directive(0, "summaryaudit: ignore-file", (), Scope.FILE))

    def scan(self, lines: Iterable[Line]) -> Iterator[Line]:
        """Pass lines through, recording directives and removing their text from each line."""
        awaiting = self._awaiting
        for line in lines:
            if awaiting:
                self._settle(line)
            text = line.text
            # parse_directive's first test, without a call: every directive has a colon
            found = parse_directive(text) if ":" in text else None
            if found is None:
                yield line
                continue
            before, kind, codes, text = found
            self.directives.append(self._directive(line, before, kind, codes, text))
            yield Line(line.number, before.rstrip(), line.origin)

    def _directive(
        self, line: Line, before: str, kind: str, codes: tuple[str, ...], text: str
    ) -> Directive:
        if kind == "ignore-file":
            return Directive(line.number, text, codes, Scope.FILE)
        cell = _cell_of(line.origin)
        if cell is not None and cell[1] == "source":
            return Directive(line.number, text, codes, Scope.CELL, cell=cell[0])
        if before.strip(" \t#>-*`") and not _FENCE.match(before):
            return Directive(line.number, text, codes, Scope.LINE)
        directive = Directive(line.number, text, codes, Scope.NEXT_SUMMARY)
        self._awaiting.append(directive)
        return directive

    def _settle(self, line: Line) -> None:
        """Give waiting directives their target: the next line that is not blank, a fence or
        a `Model:` line."""
        text = line.text.strip()
        if not text or _FENCE.match(text) or _MODEL_LINE.match(text) or MARKER in text:
            return
        for directive in self._awaiting:
            directive.target = line.number
        self._awaiting.clear()

    def _covers(self, directive: Directive, summary: Optional[Summary], f: Finding) -> bool:
        if not directive.covers_code(f.code):
            return False
        if directive.scope is Scope.FILE:
            return True
        if directive.scope is Scope.LINE:
            return f.line == directive.line
        if summary is None:
            return False
        if directive.scope is Scope.CELL:
            return any(
                _cell_of(origin) == (directive.cell, "output") for _line, origin in summary.origins
            )
        target = directive.target
        return target is not None and summary.start_line <= target <= summary.start_line + 3

    def apply(self, summary: Optional[Summary], findings: list[Finding]) -> list[Finding]:
        """Drop the findings a directive covers, marking those directives used."""
        if not self.directives:
            return findings
        kept = []
        for f in findings:
            covering = [d for d in self.directives if self._covers(d, summary, f)]
            for directive in covering:
                directive.used.add(f.code)
            if not covering:
                kept.append(f)
        return kept

    def unused(self) -> list[Finding]:
        """Return an SA010 finding for every directive (or named code) that covered nothing."""
        rule = RULES[UNUSED]
        out = []
        for d in self.directives:
            if d.line == 0:
                continue  # the file-wide switch set by a pre-scan; its line is reported instead
            unknown = [c for c in d.codes if not any(code.startswith(c) for code in RULES)]
            idle = [c for c in d.codes if c not in unknown and not d.covers_used(c)]
            if d.codes and not unknown and not idle:
                continue
            if not d.codes and d.used:
                continue
            if unknown:
                why = f"names no known code ({', '.join(unknown)})"
            elif d.codes:
                why = f"suppressed no {', '.join(idle)} finding"
            else:
                why = "suppressed no finding"
            out.append(
                Finding(
                    code=UNUSED,
                    name=rule.name,
                    severity=rule.severity,
                    message=f"unused directive `{d.text}`: it {why}; remove it, or put it on "
                    "the line before the summary (or at the end of the row) it is meant for",
                    source=self.source,
                    line=d.line,
                )
            )
        return sorted(out, key=Finding.sort_key)
