"""Solve convolution rows (plain, transposed, depthwise, separable): kernel, strides, channels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .rebuild_args import (
    FIRST_ROW,
    channel_axis,
    conv_rank,
    count_text,
    data_format,
    input_of,
    int_div,
    int_or_tuple,
    no_bias_arg,
    output_of,
    spatial_dims,
)
from .rebuild_classes import keras3_class
from .rebuild_kernels import MAX_SEARCH, factorisations, fit_spatial, spatial_args
from .rebuild_row import Args, LayerCode, Row, Unsolved
from .records import Shape

_FIRST_KERNELS = (3, 5, 1, 7)


@dataclass(frozen=True)
class _Frame:
    """A convolution row's Keras 3 class, rank, output and input (None for a first row)."""

    row: Row
    cls: str
    rank: int
    out: Shape
    inp: Optional[Shape]

    @classmethod
    def of(cls, row: Row) -> _Frame:
        name = keras3_class(row.type)
        rank = conv_rank(name)
        out = output_of(row)
        if len(out) != rank + 2:
            raise Unsolved("the output rank does not fit the convolution")
        return cls(row, name, rank, out, input_of(row))

    def channels(self, shape: Shape) -> Optional[int]:
        """The channel count of a shape of this row."""
        return shape[channel_axis(self.row, self.rank)]

    def fitted_call(
        self, k: int, lead: Args, extra: Args, transpose: bool = False
    ) -> Optional[LayerCode]:
        """The call whose kernel of volume k maps the input's sizes to the output's, if any."""
        assert self.inp is not None
        cf = bool(self.row.channels_first)
        ins, outs = spatial_dims(self.inp, self.rank, cf), spatial_dims(self.out, self.rank, cf)
        fit = fit_spatial(k, self.rank, ins, outs, transpose)
        if fit is None:
            return None
        args, notes = spatial_args(*fit)
        return LayerCode(self.cls, (*lead, *args, *extra, *data_format(self.row)), notes)

    def first_row_call(
        self, lead: Args, kernel: tuple[int, ...], bias: int, note: str, input_shape: Shape
    ) -> LayerCode:
        """A first row's call: the count chose the kernel and the unprinted input's channels."""
        args = (*lead, ("kernel_size", int_or_tuple(kernel)), *no_bias_arg(bias))
        return LayerCode(self.cls, args + data_format(self.row), (note,), input_shape=input_shape)


def solve_conv(row: Row) -> LayerCode:
    """Conv1D/2D/3D and their transposes: kernel, strides, padding, groups and bias."""
    frame = _Frame.of(row)
    transpose = "Transpose" in frame.cls
    f = frame.channels(frame.out)
    if not f:
        raise Unsolved("the filters are not printed")
    if frame.inp is None:
        return _first_conv(frame, f, transpose)
    c = frame.channels(frame.inp)
    if not c:
        raise Unsolved("the input channels are not printed")
    for groups in [1, *(g for g in range(2, math.gcd(c, f) + 1) if c % g == 0 and f % g == 0)]:
        for bias in (1, 0):
            k = int_div(row.params - bias * f, (c // groups) * f)
            if not k or (transpose and groups > 1):
                continue
            extra = (("groups", str(groups)),) if groups > 1 else ()
            code = frame.fitted_call(k, (("", str(f)),), extra + no_bias_arg(bias), transpose)
            if code is not None:
                return code
    raise Unsolved(
        f"no kernel, stride and padding give {count_text(row.params)} with {c} → {f} channels"
    )


def _first_conv(frame: _Frame, f: int, transpose: bool) -> LayerCode:
    """A first Sequential convolution: channels and input size solved from the count."""
    row, rank = frame.row, frame.rank
    for bias in (1, 0):
        q = int_div(row.params - bias * f, f)
        if not q:
            continue
        pairs = [(c, q // c) for c in (3, 1, *range(2, q + 1)) if q % c == 0][:MAX_SEARCH]
        pairs.sort(key=lambda ck: (not _is_power(ck[1], rank), ck[0] not in (3, 1), ck[1] > 121))
        for c, k in pairs:
            kernel = next(iter(factorisations(k, rank)))
            outs = spatial_dims(frame.out, rank, row.channels_first or False)
            if any(o is None for o in outs):
                ins: list[Optional[int]] = [None] * rank
            elif transpose:
                ins = [o - kk + 1 for o, kk in zip(outs, kernel)]  # type: ignore[operator]
            else:
                ins = [o + kk - 1 for o, kk in zip(outs, kernel)]  # type: ignore[operator]
            if any(i is not None and i < 1 for i in ins):
                continue
            shape = (None, c, *ins) if row.channels_first else (None, *ins, c)
            note = (
                f"input channels {c} and kernel {'×'.join(map(str, kernel))} solved from the "
                "count (the input row is not printed; valid padding and stride 1 assumed)"
            )
            return frame.first_row_call((("", str(f)),), kernel, bias, note, shape)
    raise Unsolved(f"{count_text(row.params)} is not a multiple of {f} filters")


def _is_power(k: int, rank: int) -> bool:
    root = round(k ** (1 / rank))
    return any((root + d) ** rank == k for d in (-1, 0, 1))


def solve_depthwise(row: Row) -> LayerCode:
    """DepthwiseConv1D/2D: depth multiplier from the channels, kernel from the count."""
    frame = _Frame.of(row)
    if frame.inp is None:
        return _first_depthwise(frame)
    c, co = frame.channels(frame.inp), frame.channels(frame.out)
    dm = int_div(co or 0, c or 0)
    if not dm or not c:
        raise Unsolved("the output channels are not a multiple of the input channels")
    for bias in (1, 0):
        k = int_div(row.params - bias * c * dm, c * dm)
        extra = (("depth_multiplier", str(dm)),) if dm > 1 else ()
        code = frame.fitted_call(k, (), extra + no_bias_arg(bias)) if k else None
        if code is not None:
            return code
    raise Unsolved("no kernel fits the depthwise count")


def _first_input(frame: _Frame, k: int, c: int) -> Shape:
    """The input of a first convolution: valid padding, stride 1, kernel k, c channels."""
    cf = bool(frame.row.channels_first)
    spatial = [None if o is None else o + k - 1 for o in spatial_dims(frame.out, frame.rank, cf)]
    return (None, c, *spatial) if cf else (None, *spatial, c)


def _first_depthwise(frame: _Frame) -> LayerCode:
    """A first depthwise convolution (depth multiplier 1 assumed): kernel from the count."""
    c = frame.channels(frame.out) or 0
    rank = frame.rank
    for bias in (1, 0):
        k = int_div(frame.row.params - bias * c, c)
        size = round(k ** (1 / rank)) if k else 0
        if k and size**rank == k:
            note = f"{FIRST_ROW}depth multiplier 1, valid padding assumed"
            return frame.first_row_call((), (size,), bias, note, _first_input(frame, size, c))
    raise Unsolved("no square kernel fits the first depthwise convolution")


def _first_separable(frame: _Frame) -> LayerCode:
    """A first separable convolution (depth multiplier 1 assumed): channels from the count."""
    f = frame.channels(frame.out) or 0
    for size in _FIRST_KERNELS:
        for bias in (1, 0):
            c = int_div(frame.row.params - bias * f, size**frame.rank + f)
            if c:
                note = (
                    f"{FIRST_ROW}{c} channels and kernel {size} solved from the count "
                    "(depth multiplier 1, valid padding assumed)"
                )
                shape = _first_input(frame, size, c)
                return frame.first_row_call((("", str(f)),), (size,), bias, note, shape)
    raise Unsolved("no kernel fits the first separable convolution")


def solve_separable(row: Row) -> LayerCode:
    """SeparableConv1D/2D: depth multiplier and kernel from the count."""
    frame = _Frame.of(row)
    if frame.inp is None:
        return _first_separable(frame)
    c, f = frame.channels(frame.inp), frame.channels(frame.out)
    if not c or not f:
        raise Unsolved("the channels are not printed")
    for dm in range(1, 65):
        for bias in (1, 0):
            k = int_div(row.params - bias * f - c * dm * f, c * dm)
            extra = (("depth_multiplier", str(dm)),) if dm > 1 else ()
            code = frame.fitted_call(k, (("", str(f)),), extra + no_bias_arg(bias)) if k else None
            if code is not None:
                return code
    raise Unsolved("no kernel and depth multiplier fit the separable count")


__all__ = ["solve_conv", "solve_depthwise", "solve_separable"]
