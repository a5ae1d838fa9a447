"""Read the small languages inside cells (counts, ...) with the LALR cell grammar."""

from __future__ import annotations

import functools
import re
from typing import Optional

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from .grammar import load_parser

GRAMMAR_FILE = "cells.lark"
COUNT = "count"
STARTS = [COUNT]
_MAX_DIGITS = 18

Count = tuple[Optional[int], Optional[str]]
_UNREADABLE: Count = (None, None)


@functools.cache
def cell_parser() -> Lark:
    """Build (once) the LALR parser of every cell language; each language is a start symbol.

    Lark's strict mode needs the optional `interegular` package for regular-expression
    terminals, so this grammar is checked for Shift/Reduce conflicts by a test instead.
    """
    return load_parser(GRAMMAR_FILE, STARTS, strict=False)


def whole_number(text: str) -> Optional[int]:
    """Read digits grouped by `,` or `.` separators; None past 18 digits (no real count)."""
    digits = re.sub(r"[,.]", "", text)
    if not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return None
    return int(digits)


class CellValues(Transformer):  # type: ignore[type-arg]
    """Turn cell trees into values: a count tree into (count, note)."""

    def count(self, children: list[Token]) -> Count:
        """`959,238.0` gives (959238, None); `0 (unbuilt)` gives (0, 'unbuilt')."""
        value = whole_number(next(t for t in children if t.type == "NUMBER"))
        if value is None:
            return _UNREADABLE
        note = next((t.strip("()") for t in children if t.type == "NOTE"), None)
        return value, note


_VALUES = CellValues()


@functools.lru_cache(maxsize=4096)
def read_count(text: str) -> Count:
    """Read a Param # cell (`2,097,664`, `16.0`, `0 (unbuilt)`); (None, None) when unreadable."""
    try:
        tree = cell_parser().parse(text, start=COUNT)
    except UnexpectedInput:
        return _UNREADABLE
    return _VALUES.transform(tree)  # type: ignore[no-any-return]
