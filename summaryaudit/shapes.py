"""Read printed output shapes such as `(None, 3)`, `[(None, 1), (None, 2)]` into tuples."""

from __future__ import annotations

import functools
import re
from typing import Optional

from .records import Shape

_TUPLE = re.compile(r"\(\s*((?:(?:None|\d+|\?)\s*,\s*)*(?:None|\d+|\?)?)\s*,?\s*\)")
_WHOLE = re.compile(r"^\[?\s*(\(\s*[^()]*\)\s*,?\s*)+\]?$")
_SPACES = re.compile(r"\s+")
_MAX_DIM_DIGITS = 18


@functools.lru_cache(maxsize=4096)
def normalise_shape_text(text: str) -> str:
    """Join wrapped shape fragments and normalise spacing to Keras' own `(None, 3)` style."""
    text = _SPACES.sub(" ", text.strip())
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    text = re.sub(r"\[\s+", "[", text)
    text = re.sub(r"\s+\]", "]", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r", \)", ",)", text)


@functools.lru_cache(maxsize=4096)
def parse_shapes(text: str) -> Optional[tuple[Shape, ...]]:
    """Return one tuple of dims per output, or None when the text is not a complete shape.

    `(None, 3)` and `[(None, 3)]` give `((None, 3),)`; `[(None, 1), (None, 2)]` gives two
    shapes; Keras 3's 1-D `(None)` gives `((None,),)`. `multiple`, `?`, dict outputs and
    shapes cut by the column (no closing parenthesis) give None.
    """
    text = text.strip()
    if not text or len(text) > 4096 or not _WHOLE.match(text):
        return None
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return None
    shapes: list[Shape] = []
    for match in _TUPLE.finditer(text):
        body = match.group(1).strip().rstrip(",")
        dims: list[Optional[int]] = []
        for part in (p.strip() for p in body.split(",")) if body else ():
            if part in ("None", "?"):
                dims.append(None)
            elif part.isdigit() and len(part) <= _MAX_DIM_DIGITS:
                dims.append(int(part))
            else:
                return None
        shapes.append(tuple(dims))
    return tuple(shapes) if shapes else None


def single_shape(text: str) -> Optional[Shape]:
    """Return the shape when the text holds exactly one output shape, else None."""
    shapes = parse_shapes(text)
    if shapes is None or len(shapes) != 1:
        return None
    return shapes[0]
