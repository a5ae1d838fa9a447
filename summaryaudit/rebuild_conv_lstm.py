"""Solve ConvLSTM1D/2D/3D rows: filters, kernel, strides, padding, sequences and input channels."""

from __future__ import annotations

from typing import Optional

from .rebuild_args import (
    FIRST_ROW,
    channels_first_arg,
    conv_rank,
    count_text,
    input_of,
    int_div,
    no_bias_arg,
    output_of,
)
from .rebuild_kernels import factorisations, fit_spatial, spatial_args
from .rebuild_row import Args, LayerCode, Row, Unsolved
from .records import Shape

_GATES = 4  # input, forget, cell and output gates: 4 × filters kernels and biases
_FIRST_KERNELS = (3, 5, 1, 7)  # the kernel sizes a first row is tried with, commonest first


def solve_conv_lstm(row: Row) -> LayerCode:
    """ConvLSTM{1,2,3}D: 4 × F × (K × (C + F) + 1), K the kernel's volume, C the input channels
    (the output holds the time axis when it returns sequences; channels_first, the channels
    follow it: 84e's 008, (None, 5, 20, 32, 32))."""
    cf = bool(row.channels_first)
    rank = conv_rank(row.type)
    out = output_of(row)
    if len(out) not in (rank + 2, rank + 3):
        raise Unsolved("the output rank does not fit the ConvLSTM")
    sequences = len(out) == rank + 3
    frame = out[2:] if sequences else out[1:]  # one step's output: channels and spatial axes
    f, outs = (frame[0], frame[1:]) if cf else (frame[-1], frame[:-1])
    if not f:
        raise Unsolved("the filters are not printed")
    extra: Args = ((("return_sequences", "True"),) if sequences else ()) + channels_first_arg(cf)
    inp = input_of(row)
    if inp is None:
        return _first_conv_lstm(row, rank, f, outs, extra, out[1] if sequences else None)
    c = (inp[2] if cf else inp[-1]) if len(inp) == rank + 3 else None
    if not c:
        raise Unsolved("the input is no sequence of feature maps with its channels printed")
    ins = inp[3:] if cf else inp[2:-1]
    for bias in (1, 0):
        k = int_div(row.params - bias * _GATES * f, _GATES * f * (c + f))
        fit = fit_spatial(k, rank, ins, outs, False) if k else None
        if fit is not None:
            args, notes = spatial_args(*fit)
            return LayerCode(row.type, (("", str(f)), *args, *no_bias_arg(bias), *extra), notes)
    raise Unsolved(
        f"no kernel, stride and padding give {count_text(row.params)} with {c} → {f} channels"
    )


def _first_conv_lstm(
    row: Row, rank: int, f: int, outs: Shape, extra: Args, steps: Optional[int]
) -> LayerCode:
    """A first ConvLSTM: the kernel and the unprinted input's channels solved from the count
    (a square kernel, valid padding and stride 1 assumed)."""
    for size in _FIRST_KERNELS:
        k = size**rank
        for bias in (1, 0):
            c = int_div(row.params - bias * _GATES * f, _GATES * f * k)
            c = c - f if c else 0
            if c < 1:
                continue
            kernel = next(iter(factorisations(k, rank)))
            spatial = tuple(None if o is None else o + size - 1 for o in outs)
            note = (
                f"{FIRST_ROW}{c} input channels and kernel {'×'.join(map(str, kernel))} solved "
                "from the count (valid padding and stride 1 assumed)"
            )
            args = (("", str(f)), ("kernel_size", str(size)), *no_bias_arg(bias), *extra)
            step = (c, *spatial) if row.channels_first else (*spatial, c)
            return LayerCode(row.type, args, (note,), input_shape=(None, steps, *step))
    raise Unsolved(f"no square kernel fits {count_text(row.params)} with {f} filters")


__all__ = ["solve_conv_lstm"]
