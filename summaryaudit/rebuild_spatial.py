"""Solve weightless rows that change spatial sizes: pooling, up-sampling, padding, cropping."""

from __future__ import annotations

from typing import Callable, Optional

from .rebuild_args import (
    FIRST_ROW,
    channels_first_arg,
    conv_rank,
    data_format,
    input_of,
    int_div,
    int_or_tuple,
    output_of,
    spatial_dims,
    tuple_src,
)
from .rebuild_classes import keras3_class
from .rebuild_kernels import Padding, conv_out
from .rebuild_row import Args, LayerCode, Row, Unsolved

_Sizes = tuple[Optional[int], ...]
# (pool size, stride) pairs tried after pool = stride, most common first
_POOL_STRIDES = ((3, 2), (3, 1), (2, 1), (5, 2), (5, 1), (3, 3))


def _spatial_layer(row: Row) -> tuple[int, bool, _Sizes, _Sizes]:
    """Rank, channels-first, and input and output spatial sizes of a row whose input is known."""
    rank = conv_rank(keras3_class(row.type))
    out, inp = output_of(row), input_of(row)
    if inp is None or len(inp) != len(out):
        raise Unsolved("the input of this layer is not shown")
    cf = bool(row.channels_first) and len(out) == rank + 2
    return rank, cf, spatial_dims(inp, rank, cf), spatial_dims(out, rank, cf)


def _pool_fit(n: Optional[int], o: Optional[int], padding: Padding) -> Optional[tuple[int, int]]:
    """(pool size, stride) mapping n to o: pool = stride first (the Keras default), then 3/2."""
    if n is None or o is None:
        return (2, 2) if n is None and o is None else None
    for size in range(1, n + 1):
        if conv_out(n, size, size, padding) == o:
            return size, size
    for size, stride in _POOL_STRIDES:
        if size <= n and conv_out(n, size, stride, padding) == o:
            return size, stride
    return None


def solve_pooling(row: Row) -> LayerCode:
    """Max/AveragePooling: pool size, strides and padding from the input and output sizes."""
    cls = keras3_class(row.type)
    if input_of(row) is None:
        return _first_spatial(row, cls, lambda o: 2 * o, (("", "2"),), "pool size 2")
    _rank, cf, ins, outs = _spatial_layer(row)
    for padding in Padding:
        fits = [_pool_fit(n, o, padding) for n, o in zip(ins, outs)]
        if all(fits):
            break
    else:
        raise Unsolved("no pool size and stride map the input to the output")
    sizes = [f[0] for f in fits]  # type: ignore[index]
    strides = [f[1] for f in fits]  # type: ignore[index]
    args: Args = (("", int_or_tuple(sizes)),)
    notes: tuple[str, ...] = ()
    if strides != sizes:
        args += (("strides", int_or_tuple(strides)),)
        notes = ("pool size and strides chosen among those giving this shape",)
    elif max(sizes) > 2:
        notes = ("pool size = strides chosen (the Keras default)",)
    if padding is Padding.SAME:
        args += (("padding", f'"{Padding.SAME}"'),)
    return LayerCode(cls, args + channels_first_arg(cf), notes)


def _first_spatial(
    row: Row, cls: str, grow: Callable[[int], int], args: Args, what: str
) -> LayerCode:
    """A first Sequential layer that changes the spatial size: its input is not printed."""
    out = output_of(row)
    rank = conv_rank(cls)
    if len(out) != rank + 2:
        raise Unsolved(f"a {cls} output has {rank + 2} axes")
    cf = bool(row.channels_first) and len(out) == rank + 2
    spatial = range(2, 2 + rank) if cf else range(1, 1 + rank)
    shape = tuple(grow(d) if i in spatial and d is not None else d for i, d in enumerate(out))
    return LayerCode(
        cls,
        args + channels_first_arg(cf),
        (f"{FIRST_ROW}{what} assumed",),
        input_shape=shape,
    )


def solve_global_pooling(row: Row) -> LayerCode:
    """GlobalMax/AveragePooling: keepdims when the rank stays."""
    cls = keras3_class(row.type)
    out, inp = output_of(row), input_of(row)
    if inp is not None and len(inp) != conv_rank(cls) + 2:
        raise Unsolved(f"a {cls} takes inputs of {conv_rank(cls) + 2} axes")
    if inp is None and len(out) == 2:
        rank = conv_rank(cls)
        shape = (
            (None, out[1], *([1] * rank)) if row.channels_first else (None, *([1] * rank), out[1])
        )
        return LayerCode(
            cls,
            data_format(row),
            (f"{FIRST_ROW}a {'×'.join(['1'] * rank)} map assumed",),
            input_shape=shape,
        )
    keep = inp is not None and len(out) == len(inp)
    args = (("keepdims", "True"),) if keep else ()
    return LayerCode(
        cls,
        args
        + (data_format(row) if row.channels_first and inp is not None and len(inp) > 2 else ()),
    )


def solve_up_sampling(row: Row) -> LayerCode:
    """UpSampling: the size is the output over the input per axis."""
    cls = keras3_class(row.type)
    if input_of(row) is None:
        out = output_of(row)
        if all(d is None or d % 2 == 0 for d in out[1:-1]):
            return _first_spatial(row, cls, lambda o: o // 2, (("", "2"),), "size 2")
    _rank, cf, ins, outs = _spatial_layer(row)
    sizes = [2 if n is None and o is None else int_div(o or 0, n or 0) for n, o in zip(ins, outs)]
    if not all(sizes):
        raise Unsolved("the output is not a whole multiple of the input")
    return LayerCode(cls, (("", int_or_tuple(sizes)), *channels_first_arg(cf)))


def solve_zero_padding(row: Row) -> LayerCode:
    """ZeroPadding: the padding per axis, split before and after."""
    return _padding_like(row, grow=True)


def solve_cropping(row: Row) -> LayerCode:
    """Cropping: the cropping per axis, split before and after."""
    return _padding_like(row, grow=False)


def _padding_like(row: Row, grow: bool) -> LayerCode:
    """ZeroPadding (grow) or Cropping: the total change per axis, split before and after."""
    cls = keras3_class(row.type)
    if input_of(row) is None:
        what = "no padding" if grow else "no cropping"
        return _first_spatial(row, cls, lambda o: o, (("", "0"),), what)
    rank, cf, ins, outs = _spatial_layer(row)
    if any((n is None) != (o is None) for n, o in zip(ins, outs)):
        raise Unsolved("the sizes are not printed")
    diffs = [0 if n is None else (o - n) if grow else (n - o) for n, o in zip(ins, outs)]  # type: ignore[operator]
    if any(d < 0 for d in diffs):
        raise Unsolved("the sizes move the wrong way")
    pairs = [(d // 2, d - d // 2) for d in diffs]
    notes: tuple[str, ...] = ()
    if any(a != b for a, b in pairs):
        notes = ("only the total padding per axis is shown; the extra unit goes after",)
    if rank == 1:
        arg = str(pairs[0][0]) if pairs[0][0] == pairs[0][1] else tuple_src(pairs[0])
    elif all(a == b for a, b in pairs):
        arg = int_or_tuple([a for a, _ in pairs])
    else:
        arg = tuple_src([tuple_src(p) for p in pairs])
    return LayerCode(cls, (("", arg), *channels_first_arg(cf)), notes)


__all__ = [
    "solve_cropping",
    "solve_global_pooling",
    "solve_pooling",
    "solve_up_sampling",
    "solve_zero_padding",
]
