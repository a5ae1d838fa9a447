"""Normalise the spacing of printed output shapes to Keras' own `(None, 3)` style."""

from __future__ import annotations

import re

from .memo import input_memo

_SPACES = re.compile(r"\s+")
_AFTER_OPEN = re.compile(r"([(\[])\s+")
_BEFORE_CLOSE = re.compile(r"\s+([)\]])")
_COMMA = re.compile(r"\s*,\s*")


@input_memo(maxsize=4096)
def normalise_shape_text(text: str) -> str:
    """Join wrapped shape fragments and normalise spacing to Keras' own `(None, 3)` style."""
    text = _SPACES.sub(" ", text.strip())
    text = _AFTER_OPEN.sub(r"\1", text)
    text = _BEFORE_CLOSE.sub(r"\1", text)
    text = _COMMA.sub(", ", text)
    return text.replace(", )", ",)")
