"""Read the small languages inside cells (counts, ...) with the LALR cell grammar."""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple, Optional

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from .grammar import load_parser
from .memo import input_memo
from .records import Shape

GRAMMAR_FILE = "cells.lark"
COUNT = "count"
SHAPES = "shapes"
REFERENCE = "reference"
STARTS = [COUNT, SHAPES, REFERENCE]
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


class Reference(NamedTuple):
    """What one Connected to entry names: a layer and which of its output tensors."""

    layer: str
    tensor_index: int


Index = tuple[Optional[int], bool]  # the number in `[n]` (None for `[`), and whether `]` closes


def _index_text(index: Index) -> str:
    number, closed = index
    return "[" + ("" if number is None else str(number)) + ("]" if closed else "")


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

    def index(self, children: list[Token]) -> Index:
        """`[0]` gives (0, True); `[` cut by the column gives (None, False)."""
        number = next((int(t) for t in children if t.type == "INDEX"), None)
        return number, any(t.type == "RSQB_REF" for t in children)

    def reference(self, children: list[Any]) -> Reference:
        """`dense[1][0]` names tensor 0 of `dense`; `add_1[0]…` (cut) names `add_1`."""
        name = "".join(t for t in children if isinstance(t, Token) and t.type == "REF_NAME")
        indexes: list[Index] = [c for c in children if not isinstance(c, Token)]
        if any(isinstance(t, Token) and t.type == "ELLIPSIS" for t in children):
            return Reference(name if indexes else name + "…", 0)
        tail = indexes[-2:]
        if len(tail) == 2 and all(n is not None and closed for n, closed in tail):
            indexes = indexes[:-2]
        else:
            tail = []
        text = name + "".join(_index_text(i) for i in indexes)
        last = (tail or indexes)[-1:] if (tail or indexes) else []
        tensor = last[0][0] if last and last[0][1] and last[0][0] is not None else 0
        return Reference(text, tensor)

    def shapes(self, children: list[Any]) -> Optional[tuple[Shape, ...]]:
        """One shape per output; None when any of them is unreadable."""
        found = [child for child in children if not isinstance(child, Token)]
        if any(shape is None for shape in found):
            return None
        return tuple(found)


_VALUES = CellValues()


@input_memo(maxsize=4096)
def read_count(text: str) -> Count:
    """Read a Param # cell (`2,097,664`, `16.0`, `0 (unbuilt)`); (None, None) when unreadable."""
    try:
        tree = cell_parser().parse(text, start=COUNT)
    except UnexpectedInput:
        return _UNREADABLE
    return _VALUES.transform(tree)  # type: ignore[no-any-return]


@input_memo(maxsize=4096)
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


@input_memo(maxsize=4096)
def read_reference(text: str) -> Reference:
    """Read one Connected to entry (quotes and spaces around it ignored) into layer and tensor.

    An entry the grammar cannot read (brackets inside the name) names itself, tensor 0.
    """
    text = text.strip().strip("'")
    try:
        tree = cell_parser().parse(text, start=REFERENCE)
    except UnexpectedInput:
        return Reference(text, 0)
    return _VALUES.transform(tree)  # type: ignore[no-any-return]


def layer_of_reference(ref: str) -> str:
    """The layer a Connected to entry names: `dense[0][0]` → `dense`; `add_1[0]…` → `add_1`."""
    return read_reference(ref).layer
