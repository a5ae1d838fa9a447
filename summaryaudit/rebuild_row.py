"""One printed row and the Keras 3 layer call solved for it: the data every row solver shares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Callable, Optional

from .dialects import TextEnum
from .records import Shape

Shapes = Optional[tuple[Shape, ...]]
Args = tuple[tuple[str, str], ...]  # (keyword or "" for positional, Python source)


class Unsolved(Exception):
    """No Keras 3 layer of this class gives this row's count and shapes."""


class CallStyle(TextEnum):
    """How a layer is called on its inputs in the rebuilt graph."""

    SINGLE = "single"  # layer(tensor)
    LIST = "list"  # layer([a, b, ...]): the merges
    ATTENTION = "attention"  # layer(query, value, key=...)
    ATTENTION_SCORES = "attention-scores"  # the same, return_attention_scores=True


@dataclass(frozen=True)
class Row:
    """What the summary shows about one layer, with the input shapes worked out from the graph."""

    name: str
    type: str
    params: int
    inputs: Shapes
    outputs: Shapes
    channels_first: Optional[bool] = None
    era: str = ""
    frames: bool = False  # a sequence of frames (batch, time, …): see LayerFacts.frames


@dataclass(frozen=True)
class LayerCode:
    """A Keras 3 layer call that reproduces one row: keras.layers.<cls>(*args) plus notes."""

    cls: str
    args: Args = ()
    notes: tuple[str, ...] = ()
    non_trainable: int = 0  # weights that are non-trainable while the layer is trainable
    input_shape: Optional[Shape] = None  # solved model input (with batch) for a first layer
    input_dtype: Optional[str] = None
    placeholder: bool = False
    inner: Optional[LayerCode] = None  # the wrapped layer of Bidirectional / TimeDistributed
    outputs: Shapes = None  # a placeholder's printed output shapes
    trainable_size: int = 0  # a placeholder's weight sizes
    call_style: CallStyle = CallStyle.SINGLE
    other_count: bool = False  # Keras 3's layer cannot have the row's count (a note says why)

    def with_note(self, note: str) -> LayerCode:
        """Return the call with one more note."""
        return replace(self, notes=(*self.notes, note))


Solver = Callable[[Row], LayerCode]


def iter_notes(code: LayerCode) -> Iterator[str]:
    """Every note of a call and of the layer it wraps."""
    yield from code.notes
    if code.inner is not None:
        yield from code.inner.notes


def has_other_count(code: LayerCode) -> bool:
    """Tell whether the call, or the layer it wraps, cannot have the printed row's count."""
    return code.other_count or (code.inner is not None and has_other_count(code.inner))


__all__ = [
    "Args",
    "CallStyle",
    "LayerCode",
    "Row",
    "Shapes",
    "Solver",
    "Unsolved",
    "has_other_count",
    "iter_notes",
]
