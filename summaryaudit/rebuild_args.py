"""Shared pieces of the row solvers: a row's shapes and axes, and argument source text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from .rebuild_row import Args, Row, Unsolved
from .records import Shape

FIRST_ROW = "first row: its input is not printed; "  # how a note on a guessed input begins


def count_text(value: int) -> str:
    """A weight count as a message prints it (thousands separated)."""
    return f"{value:,}"


def tuple_src(dims: Sequence[object]) -> str:
    """A Python tuple literal of these items (a one-item tuple keeps its comma)."""
    items = ", ".join(str(d) for d in dims)
    return f"({items},)" if len(dims) == 1 else f"({items})"


def int_or_tuple(values: Sequence[object]) -> str:
    """One value when all are equal (Keras repeats it per axis), else the tuple."""
    return str(values[0]) if len(set(values)) == 1 else tuple_src(values)


def axis_src(axis: int, rank: int) -> str:
    """An axis index (into a shape with batch) as the negative index people write."""
    return str(axis - rank)


def output_of(row: Row) -> Shape:
    """The row's first output shape; Unsolved when the print does not show it."""
    if not row.outputs:
        raise Unsolved("the output shape is not printed")
    return row.outputs[0]


def input_of(row: Row) -> Optional[Shape]:
    """The row's first input shape (None for a first row, whose input is not printed)."""
    return row.inputs[0] if row.inputs else None


def int_div(a: int, b: int) -> Optional[int]:
    """a / b when it is a whole positive number, else None."""
    return a // b if b and a % b == 0 and a // b > 0 else None


def conv_rank(cls: str) -> int:
    """The spatial rank a class name carries (Conv2D: 2); Unsolved when it has none."""
    for rank in (1, 2, 3):
        if f"{rank}D" in cls:
            return rank
    raise Unsolved(f"no rank in {cls}")


def channel_axis(row: Row, rank: int) -> int:
    """The channel axis (index into a shape with batch) for a conv-like layer of this rank."""
    return 1 if row.channels_first else rank + 1


def spatial_dims(shape: Shape, rank: int, channels_first: bool) -> tuple[Optional[int], ...]:
    """The spatial sizes of a shape with batch and channels."""
    return tuple(shape[2 : 2 + rank]) if channels_first else tuple(shape[1 : 1 + rank])


def channels_first_arg(channels_first: bool) -> Args:
    """The data_format argument a channels-first layer needs (none for channels-last)."""
    return (("data_format", '"channels_first"'),) if channels_first else ()


def data_format(row: Row) -> Args:
    """The data_format argument the row's table implies."""
    return channels_first_arg(bool(row.channels_first))


def no_bias_arg(bias: int) -> Args:
    """use_bias=False when the count fits without a bias (bias 0), else nothing."""
    return (("use_bias", "False"),) if not bias else ()


__all__ = [
    "FIRST_ROW",
    "axis_src",
    "channel_axis",
    "channels_first_arg",
    "conv_rank",
    "count_text",
    "data_format",
    "input_of",
    "int_div",
    "int_or_tuple",
    "no_bias_arg",
    "output_of",
    "spatial_dims",
    "tuple_src",
]
