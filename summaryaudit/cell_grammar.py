"""Read the small languages inside cells (counts, ...) with the LALR cell grammar."""

from __future__ import annotations

import functools
import re
from typing import Any, Optional

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from .grammar import load_parser
from .records import Shape

GRAMMAR_FILE = "cells.lark"
COUNT = "count"
SHAPES = "shapes"
STARTS = [COUNT, SHAPES]
_MAX_DIGITS = 18
_MAX_SHAPE_CHARS = 4096

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
    """Turn cell trees into values: a count into (count, note), shapes into tuples of dims."""

    def count(self, children: list[Token]) -> Count:
        """`959,238.0` gives (959238, None); `0 (unbuilt)` gives (0, 'unbuilt')."""
        value = whole_number(next(t for t in children if t.type == "NUMBER"))
        if value is None:
            return _UNREADABLE
        note = next((t.strip("()") for t in children if t.type == "NOTE"), None)
        return value, note

    def tuple(self, children: list[Token]) -> Optional[Shape]:
        """`(None, 30)` gives (None, 30); None when a dimension has more than 18 digits."""
        dims: list[Optional[int]] = []
        for token in children:
            if token.type == "DIGITS":
                if len(token) > _MAX_DIGITS:
                    return None
                dims.append(int(token))
            elif token.type in ("NONE", "UNKNOWN"):
                dims.append(None)
        return tuple(dims)

    def shapes(self, children: list[Any]) -> Optional[tuple[Shape, ...]]:
        """One shape per output; None when any of them is unreadable."""
        found = [child for child in children if not isinstance(child, Token)]
        if any(shape is None for shape in found):
            return None
        return tuple(found)


_VALUES = CellValues()


@functools.lru_cache(maxsize=4096)
def read_count(text: str) -> Count:
    """Read a Param # cell (`2,097,664`, `16.0`, `0 (unbuilt)`); (None, None) when unreadable."""
    try:
        tree = cell_parser().parse(text, start=COUNT)
    except UnexpectedInput:
        return _UNREADABLE
    return _VALUES.transform(tree)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=4096)
def read_shapes(text: str) -> Optional[tuple[Shape, ...]]:
    """Return one tuple of dims per output, or None when the text is not a complete shape.

    `(None, 3)` and `[(None, 3)]` give `((None, 3),)`; `[(None, 1), (None, 2)]` gives two
    shapes; Keras 3's 1-D `(None)` gives `((None,),)`. `multiple`, `?`, dict outputs and
    shapes cut by the column (no closing parenthesis) give None.
    """
    text = text.strip()
    if not text or len(text) > _MAX_SHAPE_CHARS:
        return None
    try:
        tree = cell_parser().parse(text, start=SHAPES)
    except UnexpectedInput:
        return None
    return _VALUES.transform(tree)  # type: ignore[no-any-return]


def single_shape(text: str) -> Optional[Shape]:
    """Return the shape when the text holds exactly one output shape, else None."""
    shapes = read_shapes(text)
    if shapes is None or len(shapes) != 1:
        return None
    return shapes[0]
