"""Printed output shapes: Keras' own `(None, 3)` spacing, and the batch axis a paste left out."""

from __future__ import annotations

from typing import Optional

from .memo import input_memo
from .patterns import lazy

_SPACES = lazy(r"\s+")
_AFTER_OPEN = lazy(r"([(\[])\s+")
_BEFORE_CLOSE = lazy(r"\s+([)\]])")
_COMMA = lazy(r"\s*,\s*")
_GROUPED_WIDTH = lazy(r"\(None, (\d{1,3}),(\d{3})\)")


# What the normalising below would change: outer or other than single spaces, a space inside a
# bracket or before a comma, a comma not followed by one space. Text without any is its own form.
_UNTIDY = lazy(r"^\s|\s$|[^\S ]|  |[(\[] | [)\],]|,(?! )")


@input_memo(maxsize=4096)
def normalise_shape_text(text: str) -> str:
    """Join wrapped shape fragments and normalise spacing to Keras' own `(None, 3)` style."""
    if not _UNTIDY.search(text):  # Keras' own spacing already (nearly every shape): as it is
        return text
    grouped = _GROUPED_WIDTH.fullmatch(text.strip())
    if grouped:
        # `(None, 30,976)`: a flat width written with a thousands separator in a retyped table
        # (28c's 001, 29b's 014), its axes otherwise spaced as Keras spaces them
        return f"(None, {grouped.group(1)}{grouped.group(2)})"
    text = _SPACES.sub(" ", text.strip())
    text = _AFTER_OPEN.sub(r"\1", text)
    text = _BEFORE_CLOSE.sub(r"\1", text)
    text = _COMMA.sub(", ", text)
    return text.replace(", )", ",)")


def channel_axis(rank: int, channels_first: Optional[bool], frames: bool = False) -> int:
    """The index of the channel axis in a shape of `rank` axes (the batch axis included): 1 for
    channels_first feature maps, 2 for channels_first frames (after the time axis), else the
    last."""
    if channels_first and rank >= 3:
        return 2 if frames and rank >= 4 else 1
    return rank - 1


Dims = tuple[Optional[int], ...]
Outputs = tuple[Optional[tuple[Dims, ...]], ...]


def _first_axes(outputs: Outputs) -> set[Optional[int]]:
    return {dims[0] for shapes in outputs if shapes for dims in shapes if dims}


def built_on_one_sample(outputs: Outputs, firsts: Optional[set[Optional[int]]] = None) -> bool:
    """Tell whether the shapes are a model's built on one sample that called nested models
    symbolically: Keras 3 prints `(1, 2)` for its own layers beside `(None, 6)` for theirs."""
    if (_first_axes(outputs) if firsts is None else firsts) != {None, 1}:
        return False
    return all(
        len(dims) >= 2 for shapes in outputs if shapes for dims in shapes if dims and dims[0] == 1
    )


def with_batch_axis(outputs: Outputs, unbatched: frozenset[int] = frozenset()) -> Outputs:
    """Read a summary's output shapes with their batch axis, even where a paste left it out.

    Keras prints the batch axis first in every shape, the same in every row (`None`, or the
    batch size a model was built with). Shapes whose first axes differ were retyped: when none
    starts with `None` the author left the batch axis out of every one (`(28, 28, 32)`), and
    each is read with a `None` put back in front; when some do, no one can tell which axis is
    which, and no shape is read (None) — except a batch of 1 beside `None`, which Keras 3
    prints itself for a subclassed model built on one sample and calling nested models.
    The rows in `unbatched` (TensorFlow ops whose outputs are shapes and scalars: `[(4,)]`,
    `[()]`) have no batch axis in a real print: they take no part and stay as printed.
    """
    voted = (
        tuple(None if at in unbatched else shapes for at, shapes in enumerate(outputs))
        if unbatched
        else outputs
    )
    firsts = _first_axes(voted)
    if len(firsts) < 2 or built_on_one_sample(voted, firsts):
        return outputs
    if None in firsts:
        return tuple(None for _ in outputs)
    return tuple(
        shapes if shapes is None or at in unbatched else tuple((None, *dims) for dims in shapes)
        for at, shapes in enumerate(outputs)
    )


def attention_heads(shapes: Optional[tuple[Dims, ...]]) -> Optional[int]:
    """The heads an attention layer's printed scores show (`(None, 2, 15, 15)` beside its output:
    2), when the row prints its scores as a second output; else None."""
    if shapes is None or len(shapes) != 2 or len(shapes[1]) != 4:
        return None
    return shapes[1][1] or None
