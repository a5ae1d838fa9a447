"""Normalise the spacing of printed output shapes to Keras' own `(None, 3)` style."""

from __future__ import annotations

import re

from .memo import input_memo

_SPACES = re.compile(r"\s+")


@input_memo(maxsize=4096)
def normalise_shape_text(text: str) -> str:
    """Join wrapped shape fragments and normalise spacing to Keras' own `(None, 3)` style."""
    text = _SPACES.sub(" ", text.strip())
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    text = re.sub(r"\[\s+", "[", text)
    text = re.sub(r"\s+\]", "]", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r", \)", ",)", text)
