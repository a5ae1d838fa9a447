"""Solve one printed summary row into a Keras 3 layer call: class, arguments, choices made."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Callable, Optional

from .records import Shape

Shapes = Optional[tuple[Shape, ...]]

# Old and alias class names → the Keras 3 class a rebuild uses (the Keras 3 summary prints it).
KERAS3_CLASS = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D",
    "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D",
    "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D",
    "TimeDistributedDense": "Dense",
    "LSTMV1": "LSTM",
    "GRUV1": "GRU",
    "CuDNNLSTM": "LSTM",
    "CuDNNGRU": "GRU",
    "SyncBatchNormalization": "BatchNormalization",
    "BatchNormalizationV1": "BatchNormalization",
    "BatchNormalizationV2": "BatchNormalization",
    "GroupQueryAttention": "GroupedQueryAttention",
    "Model": "Functional",
    "ThresholdedReLU": "ReLU",
    "Merge": "Concatenate",
}
MODEL_CLASSES = ("Sequential", "Functional", "Model")

# Layers with no weights whose arguments follow from the shapes alone (or take a stated default).
_SAME_SHAPE_DEFAULTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Dropout": (("", "0.5"),),
    "SpatialDropout1D": (("", "0.5"),),
    "SpatialDropout2D": (("", "0.5"),),
    "SpatialDropout3D": (("", "0.5"),),
    "GaussianNoise": (("", "0.1"),),
    "GaussianDropout": (("", "0.1"),),
    "AlphaDropout": (("", "0.1"),),
    "Activation": (("", '"relu"'),),
    "ReLU": (),
    "LeakyReLU": (),
    "ELU": (),
    "Softmax": (),
    "Masking": (),
    "ActivityRegularization": (),
    "Identity": (),
    "UnitNormalization": (),
    "Rescaling": (("", "1.0 / 255"),),
    "RandomFlip": (),
    "RandomRotation": (("", "0.1"),),
    "RandomZoom": (("", "0.1"),),
    "RandomTranslation": (("", "0.1"), ("", "0.1")),
    "RandomContrast": (("", "0.1"),),
    "RandomBrightness": (("", "0.1"),),
}
_STATED_DEFAULT = {
    "Dropout": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout1D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout2D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout3D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "GaussianNoise": "the noise level is not shown in a summary",
    "GaussianDropout": "the rate is not shown in a summary",
    "AlphaDropout": "the rate is not shown in a summary",
    "Activation": "the activation is not shown in a summary; relu is the most common",
    "Rescaling": "the scale is not shown in a summary; 1/255 is the most common",
    "RandomRotation": "the factor is not shown in a summary",
    "RandomZoom": "the factor is not shown in a summary",
    "RandomTranslation": "the factors are not shown in a summary",
    "RandomContrast": "the factor is not shown in a summary",
    "RandomBrightness": "the factor is not shown in a summary",
}
SHAPE_KEEPING = (
    *_SAME_SHAPE_DEFAULTS,
    "BatchNormalization",
    "LayerNormalization",
    "RMSNormalization",
    "GroupNormalization",
    "Normalization",
    "PReLU",
)
_ELEMENTWISE_MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
MULTI_INPUT = (
    *_ELEMENTWISE_MERGES,
    "Concatenate",
    "Dot",
    "Merge",
    "Attention",
    "AdditiveAttention",
    "MultiHeadAttention",
    "GroupedQueryAttention",
)
_COMMON_HEADS = (8, 4, 2, 12, 16, 1, 6, 3)
_MAX_STRIDE = 8
_MAX_SEARCH = 4000


class Unsolved(Exception):
    """No Keras 3 layer of this class gives this row's count and shapes."""


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


@dataclass(frozen=True)
class LayerCode:
    """A Keras 3 layer call that reproduces one row: keras.layers.<cls>(*args) plus notes."""

    cls: str
    args: tuple[tuple[str, str], ...] = ()  # (keyword or "" for positional, Python source)
    notes: tuple[str, ...] = ()
    non_trainable: int = 0  # weights that are non-trainable while the layer is trainable
    input_shape: Optional[Shape] = None  # solved model input (with batch) for a first layer
    input_dtype: Optional[str] = None
    placeholder: bool = False
    inner: Optional[LayerCode] = None  # the wrapped layer of Bidirectional / TimeDistributed
    outputs: Shapes = None  # a placeholder's printed output shapes
    trainable_size: int = 0  # a placeholder's weight sizes
    call_style: str = "single"  # "single", "list" (merges) or "attention" (query, value, key)

    def with_note(self, note: str) -> LayerCode:
        """Return the call with one more note."""
        return replace(self, notes=(*self.notes, note))


Solver = Callable[[Row], LayerCode]


# --------------------------------------------------------------------------- helpers


def _n(value: int) -> str:
    return f"{value:,}"


def _prod(dims: Sequence[int]) -> int:
    return math.prod(dims)


def _tuple_src(dims: Sequence[object]) -> str:
    items = ", ".join(str(d) for d in dims)
    return f"({items},)" if len(dims) == 1 else f"({items})"


def _out(row: Row) -> Shape:
    if not row.outputs:
        raise Unsolved("the output shape is not printed")
    return row.outputs[0]


def _in(row: Row) -> Optional[Shape]:
    return row.inputs[0] if row.inputs else None


def _known(shape: Optional[Shape]) -> bool:
    return shape is not None and all(d is not None for d in shape[1:])


def _int_div(a: int, b: int) -> Optional[int]:
    return a // b if b and a % b == 0 and a // b > 0 else None


def _ch_axis(row: Row, rank: int) -> int:
    """The channel axis (index into a shape with batch) for a conv-like layer of this rank."""
    return 1 if row.channels_first else rank + 1


def _data_format(row: Row) -> tuple[tuple[str, str], ...]:
    return (("data_format", '"channels_first"'),) if row.channels_first else ()


def _spatial(shape: Shape, rank: int, cf: bool) -> tuple[Optional[int], ...]:
    return tuple(shape[2 : 2 + rank]) if cf else tuple(shape[1 : 1 + rank])


def _factorisations(k: int, rank: int) -> list[tuple[int, ...]]:
    """Every ordered kernel tuple with product k, most common (square, then near-square) first."""
    if rank == 1:
        return [(k,)]
    found = []
    for first in range(1, k + 1):
        if k % first == 0:
            for rest in _factorisations(k // first, rank - 1):
                found.append((first, *rest))
                if len(found) > _MAX_SEARCH:
                    break
    return sorted(found, key=lambda t: (max(t) - min(t), -t[0]))


def _conv_out(n: int, k: int, s: int, padding: str, d: int = 1) -> int:
    if padding == "same":
        return -(-n // s)
    return (n - d * (k - 1) - 1) // s + 1


def _transpose_out(n: int, k: int, s: int, padding: str) -> int:
    if padding == "same":
        return n * s
    return n * s + max(k - s, 0)


def _axis_src(axis: int, rank: int) -> str:
    """An axis index (into a shape with batch) as the negative index people write."""
    return str(axis - rank)


# --------------------------------------------------------------------------- spatial fits


@dataclass(frozen=True)
class _Spatial:
    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    padding: str
    dilation: tuple[int, ...]


def _fit_spatial(
    k: int, rank: int, ins: Sequence[Optional[int]], outs: Sequence[Optional[int]], transpose: bool
) -> Optional[tuple[_Spatial, list[tuple[int, ...]]]]:
    """Find kernel/strides/padding giving outs from ins with a kernel of volume k.

    Returns the most common fit and every kernel tuple that fits some stride and padding.
    """
    fits: list[_Spatial] = []
    for kernel in _factorisations(k, rank)[:200]:
        for padding in ("valid", "same"):
            strides, dilation = [], []
            for n, o, kk in zip(ins, outs, kernel):
                found = _fit_dim(n, o, kk, padding, transpose)
                if found is None:
                    break
                strides.append(found[0])
                dilation.append(found[1])
            else:
                fits.append(_Spatial(kernel, tuple(strides), padding, tuple(dilation)))
    if not fits:
        return None
    best = min(
        fits,
        key=lambda f: (
            max(f.dilation) > 1,
            max(f.kernel) - min(f.kernel),
            max(f.strides) > 1 and f.padding == "valid",
            f.padding == "same" and max(f.strides) == 1 and max(f.kernel) == 1,
            max(f.strides),
            f.padding != "valid",
        ),
    )
    return best, sorted({f.kernel for f in fits}, key=lambda t: (max(t) - min(t), t))


def _fit_dim(
    n: Optional[int], o: Optional[int], k: int, padding: str, transpose: bool
) -> Optional[tuple[int, int]]:
    """(stride, dilation) mapping n to o with kernel k, or None; unknown sizes fit stride 1."""
    if n is None or o is None:
        return (1, 1) if n == o else ((1, 1) if padding == "same" else None)
    for s in range(1, _MAX_STRIDE + 1):
        got = _transpose_out(n, k, s, padding) if transpose else _conv_out(n, k, s, padding)
        if got == o:
            return s, 1
    if not transpose and padding == "valid" and k > 1:
        for d in range(2, 17):
            if _conv_out(n, k, 1, padding, d) == o:
                return 1, d
    return None


def _spatial_args(fit: _Spatial, rank: int, kernels: list[tuple[int, ...]]) -> tuple:
    args: list[tuple[str, str]] = []
    notes: list[str] = []
    kernel = fit.kernel
    args.append(("kernel_size", str(kernel[0]) if len(set(kernel)) == 1 else _tuple_src(kernel)))
    if len(kernels) > 1:
        rest = [t for t in kernels if t != kernel]
        others = ", ".join("×".join(map(str, t)) for t in rest[:3]) + (
            ", …" if len(rest) > 3 else ""
        )
        notes.append(
            f"kernel {'×'.join(map(str, kernel))} is the most common of the kernels that give "
            f"this count and shape (also {others})"
        )
    if max(fit.strides) > 1:
        s = fit.strides
        args.append(("strides", str(s[0]) if len(set(s)) == 1 else _tuple_src(s)))
    if fit.padding == "same":
        args.append(("padding", '"same"'))
    if max(fit.dilation) > 1:
        d = fit.dilation
        args.append(("dilation_rate", str(d[0]) if len(set(d)) == 1 else _tuple_src(d)))
    if max(fit.strides) > 1 and fit.padding == "same":
        notes.append("strides with padding='same' chosen; 'valid' with another kernel may also fit")
    return tuple(args), tuple(notes)


# --------------------------------------------------------------------------- dense, embedding


def _dense(row: Row) -> LayerCode:
    out = _out(row)
    u, p = out[-1], row.params
    if not u:
        raise Unsolved("the units are not printed")
    inp = _in(row)
    d = inp[-1] if inp is not None and len(inp) >= 2 else None
    if d is None:
        for bias in (1, 0):
            dd = _int_div(p - bias * u, u)
            if dd:
                code = LayerCode(
                    "Dense", (("", str(u)),) + ((("use_bias", "False"),) if not bias else ())
                )
                return replace(
                    code,
                    input_shape=(*out[:-1], dd),
                    notes=(
                        f"input size {dd} solved from the count (the input row is not printed)",
                    ),
                )
        raise Unsolved(f"{_n(p)} is not a multiple of {u} units")
    if p == d * u + u:
        return LayerCode("Dense", (("", str(u)),))
    if p == d * u:
        return LayerCode("Dense", (("", str(u)), ("use_bias", "False")))
    raise Unsolved(f"{_n(p)} ≠ {d} × {u} (+ {u})")


def _embedding(row: Row) -> LayerCode:
    out = _out(row)
    e = out[-1]
    v = _int_div(row.params, e or 0)
    if not v:
        raise Unsolved(f"{_n(row.params)} is not a multiple of the width {e}")
    code = LayerCode("Embedding", (("", str(v)), ("", str(e))))
    inp = _in(row)
    if inp is not None and len(inp) + 1 != len(out):
        raise Unsolved("an Embedding adds one axis to its input")
    if inp is None:
        code = replace(code, input_shape=tuple(out[:-1]))
    return replace(code, input_dtype="int32")


# --------------------------------------------------------------------------- convolutions


def _conv_rank(cls: str) -> int:
    for rank in (1, 2, 3):
        if f"{rank}D" in cls:
            return rank
    raise Unsolved(f"no rank in {cls}")


def _conv(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    rank = _conv_rank(cls)
    transpose = "Transpose" in cls
    out = _out(row)
    if len(out) != rank + 2:
        raise Unsolved("the output rank does not fit the convolution")
    cf = bool(row.channels_first)
    f = out[_ch_axis(row, rank)]
    inp = _in(row)
    if not f:
        raise Unsolved("the filters are not printed")
    if inp is None:
        return _first_conv(row, cls, rank, f, out, transpose)
    c = inp[_ch_axis(row, rank)]
    if not c:
        raise Unsolved("the input channels are not printed")
    ins, outs = _spatial(inp, rank, cf), _spatial(out, rank, cf)
    for groups in [1, *(g for g in range(2, math.gcd(c, f) + 1) if c % g == 0 and f % g == 0)]:
        for bias in (1, 0):
            k = _int_div(row.params - bias * f, (c // groups) * f)
            if not k or (transpose and groups > 1):
                continue
            fit = _fit_spatial(k, rank, ins, outs, transpose)
            if fit is None:
                continue
            args, notes = _spatial_args(fit[0], rank, fit[1])
            extra = (("groups", str(groups)),) if groups > 1 else ()
            extra += (("use_bias", "False"),) if not bias else ()
            return LayerCode(cls, (("", str(f)), *args, *extra, *_data_format(row)), notes)
    raise Unsolved(f"no kernel, stride and padding give {_n(row.params)} with {c} → {f} channels")


def _first_conv(row: Row, cls: str, rank: int, f: int, out: Shape, transpose: bool) -> LayerCode:
    """A first Sequential convolution: channels and input size solved from the count."""
    for bias in (1, 0):
        q = _int_div(row.params - bias * f, f)
        if not q:
            continue
        pairs = [(c, q // c) for c in (3, 1, *range(2, q + 1)) if q % c == 0][:_MAX_SEARCH]
        pairs.sort(key=lambda ck: (not _is_power(ck[1], rank), ck[0] not in (3, 1), ck[1] > 121))
        for c, k in pairs:
            kernel = next(iter(_factorisations(k, rank)))
            outs = _spatial(out, rank, row.channels_first or False)
            if any(o is None for o in outs):
                ins: list[Optional[int]] = [None] * rank
            elif transpose:
                ins = [o - kk + 1 for o, kk in zip(outs, kernel)]  # type: ignore[operator]
            else:
                ins = [o + kk - 1 for o, kk in zip(outs, kernel)]  # type: ignore[operator]
            if any(i is not None and i < 1 for i in ins):
                continue
            shape = (None, c, *ins) if row.channels_first else (None, *ins, c)
            ks = str(kernel[0]) if len(set(kernel)) == 1 else _tuple_src(kernel)
            args = (("", str(f)), ("kernel_size", ks))
            args += (("use_bias", "False"),) if not bias else ()
            return LayerCode(
                cls,
                args + _data_format(row),
                (
                    f"input channels {c} and kernel {'×'.join(map(str, kernel))} solved from the "
                    "count (the input row is not printed; valid padding and stride 1 assumed)",
                ),
                input_shape=shape,
            )
    raise Unsolved(f"{_n(row.params)} is not a multiple of {f} filters")


def _conv_frame(row: Row) -> tuple[str, int, Shape, Optional[Shape]]:
    """A convolution row's Keras 3 class, rank, output and input (None for a first row)."""
    cls = KERAS3_CLASS.get(row.type, row.type)
    rank = _conv_rank(cls)
    out = _out(row)
    if len(out) != rank + 2:
        raise Unsolved("the output rank does not fit the convolution")
    return cls, rank, out, _in(row)


def _is_power(k: int, rank: int) -> bool:
    root = round(k ** (1 / rank))
    return any((root + d) ** rank == k for d in (-1, 0, 1))


def _depthwise(row: Row) -> LayerCode:
    cls, rank, out, inp = _conv_frame(row)
    if inp is None:
        return _first_depthwise(row, cls, rank, out)
    axis = _ch_axis(row, rank)
    c, co = inp[axis], out[axis]
    dm = _int_div(co or 0, c or 0)
    if not dm or not c:
        raise Unsolved("the output channels are not a multiple of the input channels")
    ins, outs = (
        _spatial(inp, rank, bool(row.channels_first)),
        _spatial(out, rank, bool(row.channels_first)),
    )
    for bias in (1, 0):
        k = _int_div(row.params - bias * c * dm, c * dm)
        fit = _fit_spatial(k, rank, ins, outs, False) if k else None
        if fit is None:
            continue
        args, notes = _spatial_args(fit[0], rank, fit[1])
        extra = (("depth_multiplier", str(dm)),) if dm > 1 else ()
        extra += (("use_bias", "False"),) if not bias else ()
        return LayerCode(cls, (*args, *extra, *_data_format(row)), notes)
    raise Unsolved("no kernel fits the depthwise count")


_FIRST_KERNELS = (3, 5, 1, 7)


def _first_input(row: Row, rank: int, out: Shape, k: int, c: int) -> Shape:
    """The input of a first convolution: valid padding, stride 1, kernel k, c channels."""
    cf = bool(row.channels_first)
    spatial = [None if o is None else o + k - 1 for o in _spatial(out, rank, cf)]
    return (None, c, *spatial) if cf else (None, *spatial, c)


def _first_depthwise(row: Row, cls: str, rank: int, out: Shape) -> LayerCode:
    """A first depthwise convolution (depth multiplier 1 assumed): kernel from the count."""
    c = out[_ch_axis(row, rank)] or 0
    for bias in (1, 0):
        k = _int_div(row.params - bias * c, c)
        size = round(k ** (1 / rank)) if k else 0
        if k and size**rank == k:
            args = (("kernel_size", str(size)),) + ((("use_bias", "False"),) if not bias else ())
            return LayerCode(
                cls,
                args + _data_format(row),
                ("first row: its input is not printed; depth multiplier 1, valid padding assumed",),
                input_shape=_first_input(row, rank, out, size, c),
            )
    raise Unsolved("no square kernel fits the first depthwise convolution")


def _first_separable(row: Row, cls: str, rank: int, out: Shape) -> LayerCode:
    """A first separable convolution (depth multiplier 1 assumed): channels from the count."""
    f = out[_ch_axis(row, rank)] or 0
    for size in _FIRST_KERNELS:
        for bias in (1, 0):
            c = _int_div(row.params - bias * f, size**rank + f)
            if c:
                args = (("", str(f)), ("kernel_size", str(size)))
                args += (("use_bias", "False"),) if not bias else ()
                return LayerCode(
                    cls,
                    args + _data_format(row),
                    (
                        f"first row: its input is not printed; {c} channels and kernel {size} "
                        "solved from the count (depth multiplier 1, valid padding assumed)",
                    ),
                    input_shape=_first_input(row, rank, out, size, c),
                )
    raise Unsolved("no kernel fits the first separable convolution")


def _separable(row: Row) -> LayerCode:
    cls, rank, out, inp = _conv_frame(row)
    if inp is None:
        return _first_separable(row, cls, rank, out)
    axis = _ch_axis(row, rank)
    c, f = inp[axis], out[axis]
    if not c or not f:
        raise Unsolved("the channels are not printed")
    ins, outs = (
        _spatial(inp, rank, bool(row.channels_first)),
        _spatial(out, rank, bool(row.channels_first)),
    )
    for dm in range(1, 65):
        for bias in (1, 0):
            k = _int_div(row.params - bias * f - c * dm * f, c * dm)
            fit = _fit_spatial(k, rank, ins, outs, False) if k else None
            if fit is None:
                continue
            args, notes = _spatial_args(fit[0], rank, fit[1])
            extra = (("depth_multiplier", str(dm)),) if dm > 1 else ()
            extra += (("use_bias", "False"),) if not bias else ()
            return LayerCode(cls, (("", str(f)), *args, *extra, *_data_format(row)), notes)
    raise Unsolved("no kernel and depth multiplier fit the separable count")


# --------------------------------------------------------------------------- normalisation


_BN_VARIANTS = (
    (4, (), 2),
    (3, (("scale", "False"),), 2),
    (2, (("center", "False"), ("scale", "False")), 2),
    (7, (("renorm", "True"),), 5),
)


def _batch_norm(row: Row) -> LayerCode:
    out = _out(row)
    rank = len(out)
    expected = 1 if row.channels_first and rank > 2 else rank - 1
    axes = [expected, *(a for a in range(rank - 1, 0, -1) if a != expected)]
    for factor, extra, nt in _BN_VARIANTS:
        n = _int_div(row.params, factor)
        if not n:
            continue
        for axis in axes:
            if out[axis] != n:
                continue
            args: tuple[tuple[str, str], ...] = ()
            notes: tuple[str, ...] = ()
            if axis != rank - 1:
                args = (("axis", _axis_src(axis, rank)),)
                if axis != expected:
                    notes = (
                        f"the count {_n(row.params)} = {factor} × {n} normalises axis "
                        f"{_axis_src(axis, rank)} (size {n}), not the channels",
                    )
            if factor == 3:
                notes += ("scale=False or center=False give the same count; scale=False chosen",)
            return LayerCode("BatchNormalization", args + extra, notes, non_trainable=nt * n)
    raise Unsolved(f"{_n(row.params)} is not 4 (3, 2, 7) × the size of any axis")


def _subset_axes(shape: Shape, total: int) -> Optional[tuple[int, ...]]:
    """The axes (into the shape with batch) whose sizes multiply to total; last axes first."""
    rank = len(shape)
    dims = list(range(1, rank))
    for size in range(1, rank):
        for combo in itertools.combinations(reversed(dims), size):
            sizes = [shape[a] for a in combo]
            if all(sizes) and _prod(sizes) == total:  # type: ignore[arg-type]
                return tuple(sorted(combo))
    return None


def _axis_arg(axes: tuple[int, ...], rank: int) -> tuple[tuple[str, str], ...]:
    if axes == (rank - 1,):
        return ()
    if len(axes) == 1:
        return (("axis", _axis_src(axes[0], rank)),)
    return (("axis", "[" + ", ".join(_axis_src(a, rank) for a in axes) + "]"),)


def _layer_norm(row: Row) -> LayerCode:
    out = _out(row)
    if row.params == 0:
        return LayerCode("LayerNormalization", (("center", "False"), ("scale", "False")))
    for factor, extra in ((2, ()), (1, (("center", "False"),))):
        n = _int_div(row.params, factor)
        axes = _subset_axes(out, n) if n else None
        if axes:
            return LayerCode("LayerNormalization", _axis_arg(axes, len(out)) + extra)
    raise Unsolved(f"{_n(row.params)} is not 2 × the size of normalised axes")


def _rms_norm(row: Row) -> LayerCode:
    out = _out(row)
    axes = _subset_axes(out, row.params)
    if not axes:
        raise Unsolved("the count is not the size of any axes")
    return LayerCode("RMSNormalization", _axis_arg(axes, len(out)))


def _group_norm(row: Row) -> LayerCode:
    out = _out(row)
    rank = len(out)
    axis = 1 if row.channels_first and rank > 2 else rank - 1
    c = out[axis] or 0
    for factor, extra in ((2, ()), (1, (("center", "False"),))):
        if row.params == factor * c:
            groups = next(g for g in (32, 16, 8, 4, 2, 1) if c % g == 0)
            args = (("groups", str(groups)),) + ((("axis", "1"),) if axis == 1 else ()) + extra
            return LayerCode(
                "GroupNormalization",
                args,
                (f"the number of groups never changes the count; {groups} divides {c} channels",),
            )
    raise Unsolved("not 2 × the channels")


def _normalization(row: Row) -> LayerCode:
    out = _out(row)
    if row.params == 0:
        return LayerCode(
            "Normalization",
            (("mean", "0.0"), ("variance", "1.0")),
            ("no weights: mean and variance were passed in (their values are not shown)",),
        )
    n = _int_div(row.params - 1, 2)
    if row.params == 3:
        return LayerCode("Normalization", (("axis", "None"),), non_trainable=3)
    axes = _subset_axes(out, n) if n else None
    if not axes:
        raise Unsolved("not 2 × the size of some axes + 1")
    return LayerCode("Normalization", _axis_arg(axes, len(out)), non_trainable=row.params)


# --------------------------------------------------------------------------- recurrent


_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def _rnn_variants(cls: str, era: str) -> list[tuple[int, tuple[tuple[str, str], ...]]]:
    """(bias units per gate, extra arguments) per configuration, the era's default first."""
    if cls != "GRU":
        return [(1, ()), (0, (("use_bias", "False"),))]
    after = (2, ())
    before = (1, (("reset_after", "False"),))
    old = era.startswith("keras1") or era in ("keras2", "tf1")
    first, second = (before, after) if old else (after, before)
    return [first, second, (0, (("use_bias", "False"),))]


def _rnn_count(cls: str, bias: int, d: int, u: int) -> int:
    return _GATES[cls] * u * (d + u + bias)


def _rnn(row: Row, cls: Optional[str] = None, units: Optional[int] = None) -> LayerCode:
    source = row.type
    cls = cls or KERAS3_CLASS.get(source, source)
    outs = row.outputs or ()
    if not outs:
        raise Unsolved("the output shape is not printed")
    out = outs[0]
    u = units or out[-1]
    if not u:
        raise Unsolved("the units are not printed")
    inp = _in(row)
    d = inp[-1] if inp is not None and len(inp) == 3 else None
    extra: tuple[tuple[str, str], ...] = ()
    if len(out) == 3:
        extra += (("return_sequences", "True"),)
    if len(outs) > 1 and units is None:
        extra += (("return_state", "True"),)
    notes: tuple[str, ...] = ()
    if source in ("CuDNNLSTM", "CuDNNGRU"):
        notes = (f"{source} had a second bias: Keras 3 {cls} has fewer weights than this row",)
    for bias, args in _rnn_variants(cls, row.era):
        if d is not None:
            if _rnn_count(cls, bias, d, u) == row.params:
                return LayerCode(cls, (("", str(u)), *args, *extra), notes)
            continue
        dd = _int_div(row.params, _GATES[cls] * u)
        if dd and dd - u - bias >= 1:
            steps = out[1] if len(out) == 3 else None
            return LayerCode(
                cls,
                (("", str(u)), *args, *extra),
                (*notes, f"input size {dd - u - bias} solved from the count"),
                input_shape=(None, steps, dd - u - bias),
            )
    if source in ("CuDNNLSTM", "CuDNNGRU") and d is not None:
        return LayerCode(cls, (("", str(u)), *extra), notes)
    raise Unsolved(f"no {cls} configuration gives {_n(row.params)}")


def _bidirectional(row: Row) -> LayerCode:
    out = _out(row)
    width = out[-1] or 0
    half = _int_div(row.params, 2)
    if not half:
        raise Unsolved("a Bidirectional count is even")
    inner_row = replace(row, params=half, outputs=(out,))
    for mode, units in (("concat", _int_div(width, 2)), ("sum", width)):
        if not units:
            continue
        for cls in ("LSTM", "GRU", "SimpleRNN"):
            try:
                inner = _rnn(inner_row, cls, units)
            except Unsolved:
                continue
            args = (("merge_mode", f'"{mode}"'),) if mode != "concat" else ()
            notes = (
                f"the wrapped layer is not shown; {cls}({units}) is the first of LSTM, GRU, "
                "SimpleRNN that gives the count",
            )
            if mode != "concat":
                notes += ("sum, mul and ave give the same count and shape; sum chosen",)
            return LayerCode(
                "Bidirectional", args, notes, inner=inner, input_shape=inner.input_shape
            )
    raise Unsolved("no LSTM, GRU or SimpleRNN gives half the count")


def _time_distributed(row: Row) -> LayerCode:
    out, inp = _out(row), _in(row)
    step_out = (out[0], *out[2:])
    step_in = (inp[0], *inp[2:]) if inp is not None else None
    inner_row = replace(row, outputs=(step_out,), inputs=(step_in,) if step_in else None)
    if row.params == 0:
        guess = "Flatten" if len(step_out) == 2 and step_in and len(step_in) > 2 else "Dropout"
        inner = solve(replace(inner_row, type=guess))
    else:
        inner = None
        for guess in ("Dense", "Conv2D", "Conv1D", "Conv3D"):
            try:
                inner = SOLVERS[guess](replace(inner_row, type=guess))
                break
            except (Unsolved, KeyError, IndexError):
                continue
        if inner is None:
            raise Unsolved("no Dense or convolution gives the count per step")
    shape = None
    if inner.input_shape is not None:
        shape = (inner.input_shape[0], out[1], *inner.input_shape[1:])
    return LayerCode(
        "TimeDistributed",
        (),
        (f"the wrapped layer is not shown; {inner.cls} fits the count per step",),
        inner=replace(inner, input_shape=None),
        input_shape=shape,
    )


# --------------------------------------------------------------------------- attention


def _mha(row: Row) -> LayerCode:
    out = _out(row)
    ins = row.inputs or ()
    if len(ins) < 2:
        raise Unsolved("MultiHeadAttention needs the query and value shapes (Connected to)")
    dq, dv = ins[0][-1], ins[1][-1]
    dk = ins[2][-1] if len(ins) > 2 else dv
    dout = out[-1]
    if not (dq and dv and dk and dout):
        raise Unsolved("the attention widths are not printed")
    for bias in (1, 0):
        hk = _int_div(row.params - bias * dout, dq + dk + 2 * bias + dv + dout + bias)
        if not hk:
            continue
        heads = next((h for h in _COMMON_HEADS if hk % h == 0), 1)
        args = [("num_heads", str(heads)), ("key_dim", str(hk // heads))]
        if dout != dq:
            args.append(("output_shape", str(dout)))
        if not bias:
            args.append(("use_bias", "False"))
        return LayerCode(
            "MultiHeadAttention",
            tuple(args),
            (
                f"only heads × key_dim = {hk} follows from the count; {heads} heads of "
                f"{hk // heads} chosen",
            ),
            call_style="attention",
        )
    raise Unsolved("no heads × key_dim gives the count")


def _attention(row: Row) -> LayerCode:
    args = {
        0: (),
        1: (("use_scale", "True"),),
        2: (("use_scale", "True"), ("score_mode", '"concat"')),
    }
    if row.params not in args:
        raise Unsolved("Attention has 0, 1 or 2 weights")
    notes = (
        ("use_scale=True and score_mode='concat' each give 1; use_scale chosen",)
        if row.params == 1
        else ()
    )
    return LayerCode("Attention", args[row.params], notes, call_style="list")


def _additive_attention(row: Row) -> LayerCode:
    width = _out(row)[-1]
    if row.params == width:
        return LayerCode("AdditiveAttention", (), call_style="list")
    if row.params == 0:
        return LayerCode("AdditiveAttention", (("use_scale", "False"),), call_style="list")
    raise Unsolved("AdditiveAttention has the width or 0 weights")


def _prelu(row: Row) -> LayerCode:
    out = _out(row)
    kept = _subset_axes(out, row.params)
    if kept is None:
        raise Unsolved("the count is not the size of any axes")
    shared = [a for a in range(1, len(out)) if a not in kept]
    if not shared:
        return LayerCode("PReLU")
    return LayerCode("PReLU", (("shared_axes", "[" + ", ".join(map(str, shared)) + "]"),))


# --------------------------------------------------------------------------- weightless


def _same_shape(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    notes = (_STATED_DEFAULT[cls],) if cls in _STATED_DEFAULT else ()
    if row.type == "ThresholdedReLU":
        notes = ("ThresholdedReLU is not in Keras 3; ReLU(threshold=...) replaces it",)
    return LayerCode(cls, _SAME_SHAPE_DEFAULTS.get(cls, ()), notes)


def _flatten(row: Row) -> LayerCode:
    if _in(row) is None:
        return LayerCode(
            "Flatten",
            (),
            ("first row: its input is not printed; a flat input assumed",),
            input_shape=_out(row),
        )
    return LayerCode("Flatten")


def _reshape(row: Row) -> LayerCode:
    out = _out(row)
    dims = [-1 if d is None else d for d in out[1:]]
    code = LayerCode("Reshape", (("", _tuple_src(dims)),))
    if _in(row) is None and all(dims) and min(dims) > 0:
        return replace(
            code,
            input_shape=(out[0], _prod(dims)),  # type: ignore[arg-type]
            notes=("first row: its input is not printed; a flat input of the same size assumed",),
        )
    return code


def _permute(row: Row) -> LayerCode:
    out, inp = _out(row), _in(row)
    if inp is None:
        raise Unsolved("the input of a first Permute is not shown")
    rank = len(out)
    for perm in itertools.permutations(range(1, rank)):
        if perm != tuple(range(1, rank)) and all(out[i + 1] == inp[p] for i, p in enumerate(perm)):
            return LayerCode("Permute", (("", _tuple_src(perm)),))
    raise Unsolved("no permutation of the input gives the output")


def _repeat_vector(row: Row) -> LayerCode:
    out = _out(row)
    shape = (out[0], out[2]) if _in(row) is None else None
    return LayerCode("RepeatVector", (("", str(out[1])),), input_shape=shape)


def _lambda(row: Row) -> LayerCode:
    out = _out(row)
    same = not row.inputs or (len(row.inputs) == 1 and tuple(row.inputs[0]) == tuple(out))
    args = (("", "lambda t: t"),)
    if not same:
        args += (("output_shape", _tuple_src(out[1:])),)
    return LayerCode(
        "Lambda",
        args,
        ("PLACEHOLDER function: a summary never shows a Lambda's code",),
        input_shape=out if not row.inputs else None,
    )


def _spatial_layer(row: Row) -> tuple[int, bool, Shape, Shape]:
    cls = KERAS3_CLASS.get(row.type, row.type)
    rank = _conv_rank(cls)
    out, inp = _out(row), _in(row)
    if inp is None or len(inp) != len(out):
        raise Unsolved("the input of this layer is not shown")
    cf = bool(row.channels_first) and len(out) == rank + 2
    return rank, cf, _spatial(inp, rank, cf), _spatial(out, rank, cf)  # type: ignore[return-value]


def _int_or_tuple(values: Sequence[object]) -> str:
    return str(values[0]) if len(set(values)) == 1 else _tuple_src(values)


def _pool_fit(n: int, o: int, padding: str) -> Optional[tuple[int, int]]:
    """(pool size, stride) mapping n to o: pool = stride first (the Keras default), then 3/2."""
    if n is None or o is None:
        return (2, 2) if n is None and o is None else None
    for size in range(1, n + 1):
        if _conv_out(n, size, size, padding) == o:
            return size, size
    for size, stride in ((3, 2), (3, 1), (2, 1), (5, 2), (5, 1), (3, 3)):
        if size <= n and _conv_out(n, size, stride, padding) == o:
            return size, stride
    return None


def _pooling(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    if _in(row) is None:
        return _first_spatial(row, cls, lambda o: 2 * o, (("", "2"),), "pool size 2")
    _rank, cf, ins, outs = _spatial_layer(row)
    df = (("data_format", '"channels_first"'),) if cf else ()
    for padding in ("valid", "same"):
        fits = [_pool_fit(n, o, padding) for n, o in zip(ins, outs)]  # type: ignore[arg-type]
        if all(fits):
            break
    else:
        raise Unsolved("no pool size and stride map the input to the output")
    sizes = [f[0] for f in fits]  # type: ignore[index]
    strides = [f[1] for f in fits]  # type: ignore[index]
    args: tuple[tuple[str, str], ...] = (("", _int_or_tuple(sizes)),)
    notes: tuple[str, ...] = ()
    if strides != sizes:
        args += (("strides", _int_or_tuple(strides)),)
        notes = ("pool size and strides chosen among those giving this shape",)
    elif max(sizes) > 2:
        notes = ("pool size = strides chosen (the Keras default)",)
    if padding == "same":
        args += (("padding", '"same"'),)
    return LayerCode(cls, args + df, notes)


def _first_spatial(
    row: Row, cls: str, grow: Callable[[int], int], args: tuple[tuple[str, str], ...], what: str
) -> LayerCode:
    """A first Sequential layer that changes the spatial size: its input is not printed."""
    out = _out(row)
    rank = _conv_rank(cls)
    if len(out) != rank + 2:
        raise Unsolved(f"a {cls} output has {rank + 2} axes")
    cf = bool(row.channels_first) and len(out) == rank + 2
    spatial = range(2, 2 + rank) if cf else range(1, 1 + rank)
    shape = tuple(grow(d) if i in spatial and d is not None else d for i, d in enumerate(out))
    df = (("data_format", '"channels_first"'),) if cf else ()
    return LayerCode(
        cls,
        args + df,
        (f"first row: its input is not printed; {what} assumed",),
        input_shape=shape,
    )


def _global_pooling(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    out, inp = _out(row), _in(row)
    if inp is not None and len(inp) != _conv_rank(cls) + 2:
        raise Unsolved(f"a {cls} takes inputs of {_conv_rank(cls) + 2} axes")
    if inp is None and len(out) == 2:
        rank = _conv_rank(cls)
        shape = (
            (None, out[1], *([1] * rank)) if row.channels_first else (None, *([1] * rank), out[1])
        )
        return LayerCode(
            cls,
            _data_format(row),
            (f"first row: its input is not printed; a {'×'.join(['1'] * rank)} map assumed",),
            input_shape=shape,
        )
    keep = inp is not None and len(out) == len(inp)
    args = (("keepdims", "True"),) if keep else ()
    return LayerCode(
        cls,
        args
        + (_data_format(row) if row.channels_first and inp is not None and len(inp) > 2 else ()),
    )


def _up_sampling(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    if _in(row) is None:
        out = _out(row)
        if all(d is None or d % 2 == 0 for d in out[1:-1]):
            return _first_spatial(row, cls, lambda o: o // 2, (("", "2"),), "size 2")
    _rank, cf, ins, outs = _spatial_layer(row)
    sizes = [2 if n is None and o is None else _int_div(o or 0, n or 0) for n, o in zip(ins, outs)]
    if not all(sizes):
        raise Unsolved("the output is not a whole multiple of the input")
    df = (("data_format", '"channels_first"'),) if cf else ()
    return LayerCode(cls, (("", _int_or_tuple(sizes)), *df))


def _padding_like(row: Row, grow: bool) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    if _in(row) is None:
        what = "no padding" if grow else "no cropping"
        return _first_spatial(row, cls, lambda o: o, (("", "0"),), what)
    rank, cf, ins, outs = _spatial_layer(row)
    if any((n is None) != (o is None) for n, o in zip(ins, outs)):
        raise Unsolved("the sizes are not printed")
    diffs = [0 if n is None else (o - n) if grow else (n - o) for n, o in zip(ins, outs)]  # type: ignore[operator]
    if any(d < 0 for d in diffs):
        raise Unsolved("the sizes move the wrong way")
    pairs = [(d // 2, d - d // 2) for d in diffs]
    df = (("data_format", '"channels_first"'),) if cf else ()
    notes: tuple[str, ...] = ()
    if any(a != b for a, b in pairs):
        notes = ("only the total padding per axis is shown; the extra unit goes after",)
    if rank == 1:
        arg = str(pairs[0][0]) if pairs[0][0] == pairs[0][1] else _tuple_src(pairs[0])
    elif all(a == b for a, b in pairs):
        arg = _int_or_tuple([a for a, _ in pairs])
    else:
        arg = _tuple_src([_tuple_src(p) for p in pairs])
    return LayerCode(cls, (("", arg), *df), notes)


def _merge(row: Row) -> LayerCode:
    cls = KERAS3_CLASS.get(row.type, row.type)
    if row.type == "Merge":
        out = _out(row)
        ins = row.inputs or ()
        widths = [s[-1] for s in ins]
        if ins and all(tuple(s) == tuple(out) for s in ins):
            return LayerCode(
                "Add",
                (),
                ("Keras 1 Merge: its mode is not shown; equal shapes, so sum (Add)",),
                call_style="list",
            )
        if ins and sum(w or 0 for w in widths) == out[-1]:
            return LayerCode(
                "Concatenate",
                (),
                ("Keras 1 Merge: its mode is not shown; concat fits the shape",),
                call_style="list",
            )
        raise Unsolved("the Merge mode does not follow from the shapes")
    if cls == "Concatenate":
        return _concatenate(row)
    if cls == "Dot":
        return _dot(row)
    return LayerCode(cls, (), call_style="list")


def _concatenate(row: Row) -> LayerCode:
    out = _out(row)
    ins = row.inputs or ()
    rank = len(out)
    for axis in [rank - 1, *range(1, rank - 1)]:
        if len(ins) >= 2 and all(len(s) == rank for s in ins):
            sizes = [s[axis] for s in ins]
            if all(sizes) and sum(sizes) == out[axis]:  # type: ignore[arg-type]
                args = (("axis", _axis_src(axis, rank)),) if axis != rank - 1 else ()
                return LayerCode("Concatenate", args, call_style="list")
    return LayerCode("Concatenate", (), call_style="list")


def _dot(row: Row) -> LayerCode:
    ins = row.inputs or ()
    if len(ins) != 2:
        raise Unsolved("Dot takes two inputs")
    a, b = ins
    for i in range(1, len(a)):
        for j in range(1, len(b)):
            if a[i] == b[j]:
                return LayerCode("Dot", (("axes", f"({i}, {j})"),), call_style="list")
    raise Unsolved("no axes of the inputs agree")


def _input_layer(row: Row) -> LayerCode:
    return LayerCode("InputLayer", input_shape=_out(row))


def _resizing(row: Row) -> LayerCode:
    out = _out(row)
    cls = KERAS3_CLASS.get(row.type, row.type)
    return LayerCode(cls, (("", str(out[1])), ("", str(out[2]))))


# --------------------------------------------------------------------------- dispatch


def _table() -> dict[str, Solver]:
    table: dict[str, Solver] = {
        "InputLayer": _input_layer,
        "Dense": _dense,
        "TimeDistributedDense": _dense,
        "Embedding": _embedding,
        "BatchNormalization": _batch_norm,
        "SyncBatchNormalization": _batch_norm,
        "BatchNormalizationV1": _batch_norm,
        "BatchNormalizationV2": _batch_norm,
        "LayerNormalization": _layer_norm,
        "RMSNormalization": _rms_norm,
        "GroupNormalization": _group_norm,
        "Normalization": _normalization,
        "Bidirectional": _bidirectional,
        "TimeDistributed": _time_distributed,
        "MultiHeadAttention": _mha,
        "Attention": _attention,
        "AdditiveAttention": _additive_attention,
        "PReLU": _prelu,
        "Flatten": _flatten,
        "Reshape": _reshape,
        "Permute": _permute,
        "RepeatVector": _repeat_vector,
        "Lambda": _lambda,
        "Resizing": _resizing,
        "CenterCrop": _resizing,
    }
    for name in ("SimpleRNN", "LSTM", "GRU", "LSTMV1", "GRUV1", "CuDNNLSTM", "CuDNNGRU"):
        table[name] = _rnn
    for name in (*_ELEMENTWISE_MERGES, "Concatenate", "Dot", "Merge"):
        table[name] = _merge
    for name in (*_SAME_SHAPE_DEFAULTS, "ThresholdedReLU"):
        table[name] = _same_shape
    for dim in ("1D", "2D", "3D"):
        for name in (f"Conv{dim}", f"Convolution{dim}", f"AtrousConvolution{dim}"):
            table[name] = _conv
        for name in (f"Conv{dim}Transpose", f"Deconvolution{dim}"):
            table[name] = _conv
        table[f"SeparableConv{dim}"] = _separable
        table[f"SeparableConvolution{dim}"] = _separable
        table[f"DepthwiseConv{dim}"] = _depthwise
        for kind in ("Max", "Average"):
            table[f"{kind}Pooling{dim}"] = _pooling
            table[f"Global{kind}Pooling{dim}"] = _global_pooling
        for short in ("MaxPool", "AvgPool"):
            table[f"{short}{dim}"] = _pooling
            table[f"Global{short}{dim}"] = _global_pooling
        table[f"UpSampling{dim}"] = _up_sampling
        table[f"ZeroPadding{dim}"] = lambda row: _padding_like(row, grow=True)
        table[f"Cropping{dim}"] = lambda row: _padding_like(row, grow=False)
    return table


SOLVERS: dict[str, Solver] = _table()
"""One solver per layer class a summary can show (Keras 1, 2 and 3 names)."""


def keras3_class(type_name: str) -> str:
    """The Keras 3 class a rebuild of this printed class uses (and a Keras 3 summary prints)."""
    return KERAS3_CLASS.get(type_name, type_name)


def classes_starting(prefix: str) -> list[str]:
    """Every solvable class a name cut to this prefix can be (for rows whose class was cut)."""
    return sorted(name for name in SOLVERS if prefix and name.startswith(prefix))


def is_solvable(type_name: str) -> bool:
    """Tell whether a layer class has a solver (built-in Keras layers)."""
    return type_name in SOLVERS


def solve(row: Row) -> LayerCode:
    """The Keras 3 call for one row; raises Unsolved when no arguments give its count and shape."""
    solver = SOLVERS.get(row.type)
    if solver is None:
        raise Unsolved(f"{row.type} is not a Keras layer")
    try:
        code = solver(row)
    except (IndexError, TypeError, ZeroDivisionError, StopIteration) as exc:
        raise Unsolved(f"the printed shapes do not fit a {row.type} ({exc})") from None
    if row.inputs is None and code.input_shape is None and code.cls in SHAPE_KEEPING:
        code = replace(code, input_shape=_out(row))
    if row.type in KERAS3_CLASS and row.type not in ("Merge",):
        code = code.with_note(f"Keras 1/2 {row.type} is {keras3_class(row.type)} in Keras 3")
    return code


_GUESSES = (
    "Dense", "BatchNormalization", "Conv2D", "Conv1D", "Conv3D", "LayerNormalization", "Embedding",
)  # fmt: skip


def guess_type(row: Row, single_input: bool) -> Optional[str]:
    """The most common built-in class that gives a row whose class the print cut off."""
    ins, outs = row.inputs or (), row.outputs or ()
    if not outs:
        return None
    if row.params == 0:
        if not ins:
            return "InputLayer"
        if len(ins) > 1:
            if all(tuple(s) == tuple(outs[0]) for s in ins):
                return "Add"
            return "Concatenate"
        if tuple(ins[0]) == tuple(outs[0]):
            return "Dropout"
        rank = len(ins[0]) - 2
        if 1 <= rank <= 3 and len(outs[0]) == 2 and outs[0][-1] == ins[0][-1]:
            return f"GlobalAveragePooling{rank}D"
        if 1 <= rank <= 3 and len(outs[0]) == len(ins[0]):
            return f"MaxPooling{rank}D"
        return "Flatten" if len(outs[0]) == 2 else None
    if not single_input or len(ins) > 1:
        return None
    for guess in _GUESSES:
        try:
            SOLVERS[guess](replace(row, type=guess))
        except (Unsolved, IndexError, TypeError, ZeroDivisionError):
            continue
        return guess
    return None


def placeholder(row: Row, non_trainable: int, why: str) -> LayerCode:
    """A marked placeholder layer with the row's count and output shapes."""
    cls = (
        row.type if row.type.isidentifier() and row.type != "SummaryPlaceholder" else "UnknownLayer"
    )
    return LayerCode(
        cls,
        notes=(why,),
        placeholder=True,
        outputs=row.outputs,
        trainable_size=row.params - non_trainable,
        non_trainable=non_trainable,
    )


def iter_notes(code: LayerCode) -> Iterator[str]:
    """Every note of a call and of the layer it wraps."""
    yield from code.notes
    if code.inner is not None:
        yield from code.inner.notes


__all__ = [
    "KERAS3_CLASS",
    "MODEL_CLASSES",
    "MULTI_INPUT",
    "SOLVERS",
    "LayerCode",
    "Row",
    "Unsolved",
    "classes_starting",
    "is_solvable",
    "iter_notes",
    "keras3_class",
    "placeholder",
    "solve",
]
