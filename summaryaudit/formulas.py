"""Re-derive each summary row's Param # from its layer type and shapes, and explain the sum."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable, Optional

from .records import Shape

__all__ = [
    "FORMULAS",
    "NESTED_MODEL_TYPES",
    "UNVERIFIED",
    "WEIGHTLESS",
    "Derivation",
    "LayerFacts",
    "derive",
    "expected_output_problem",
    "has_formula",
    "infer_channels_first",
    "is_weightless",
]

Shapes = Optional[tuple[Shape, ...]]

OK = "ok"
MISMATCH = "mismatch"
BN_AXIS = "bn-axis"
WEIGHTLESS_NONZERO = "weightless-nonzero"
UNVERIFIED_STATUS = "unverified"
UNDECIDABLE = "undecidable"

KERAS1_ERAS = ("keras1.0", "keras1")


@dataclass(frozen=True)
class LayerFacts:
    """What a summary row shows about one layer, plus model-level context."""

    name: str
    type: str
    params: int
    output: Shapes
    inputs: Shapes
    era: str
    channels_first: bool | None


@dataclass(frozen=True)
class Derivation:
    """The arithmetic behind one row's count and whether it adds up."""

    status: str
    text: str
    message: str | None
    expected: int | None
    non_trainable: int | None
    solved_input: Shape | None = None


Formula = Callable[[LayerFacts], Derivation]


# --------------------------------------------------------------------------- small helpers


def _n(value: int) -> str:
    return f"{value:,}"


def _prod(dims: Sequence[int]) -> int:
    return math.prod(dims) if dims else 1


def _known(shape: Shape | None) -> bool:
    return shape is not None and all(d is not None for d in shape[1:])


def _ok(text: str, expected: int | None, non_trainable: int | None = 0, **kw: object) -> Derivation:
    return Derivation(OK, text, None, expected, non_trainable, **kw)  # type: ignore[arg-type]


def _undecidable(text: str, non_trainable: int | None = None) -> Derivation:
    return Derivation(UNDECIDABLE, text, None, None, non_trainable)


def _mismatch(text: str, message: str, expected: int | None = None) -> Derivation:
    return Derivation(MISMATCH, text, message, expected, None)


def _out(facts: LayerFacts) -> Shape | None:
    """The layer's first output shape (RNN states and attention scores come after it)."""
    if not facts.output:
        return None
    return facts.output[0]


def _in(facts: LayerFacts) -> Shape | None:
    """The data input: the first inbound shape (later ones are masks, states or other calls).

    A shared layer lists every call; when a call of the same rank disagrees on the last
    (feature) axis, the input is treated as unknown.
    """
    if not facts.inputs:
        return None
    first = facts.inputs[0]
    for other in facts.inputs[1:]:
        if len(other) == len(first) and len(first) >= 2 and _conflict(first[-1], other[-1]):
            return None
    return first


def _last(shape: Shape | None) -> int | None:
    if shape is None or len(shape) < 2 or not shape[-1]:
        return None
    return shape[-1]


def _shape_text(shape: Shape) -> str:
    body = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({body},)" if len(shape) == 1 else f"({body})"


def _dims_text(dims: Sequence[int]) -> str:
    return " × ".join(_n(d) for d in dims)


def _axes_text(axes: Sequence[int]) -> str:
    if len(axes) == 1:
        return f"axis {axes[0]}"
    return "axes " + ", ".join(str(a) for a in axes[:-1]) + f" and {axes[-1]}"


def _subset_products(shape: Shape) -> list[tuple[tuple[int, ...], int]]:
    """Every non-empty set of known non-batch axes (1-based) with the product of their sizes.

    Shapes of more than 8 axes (not real Keras tensors) only get single axes and all of them.
    """
    axes = [i for i in range(1, len(shape)) if shape[i] is not None]
    result: list[tuple[tuple[int, ...], int]] = []
    sizes = range(1, len(axes) + 1) if len(axes) <= 8 else (1, len(axes))
    for size in sizes:
        for combo in itertools.combinations(axes, size):
            result.append((combo, _prod([shape[i] for i in combo])))  # type: ignore[misc]
    return result


def _channel_axis(shape: Shape, channels_first: bool | None) -> int:
    """Index of the channel axis: 1 for channels_first feature maps, else the last."""
    if channels_first and len(shape) >= 3:
        return 1
    return len(shape) - 1


def _name(facts: LayerFacts) -> str:
    return facts.name or facts.type


# --------------------------------------------------------------------------- weightless layers

_WINDOW_MAX = "it only takes the max over each window"
_WINDOW_AVG = "it only averages each window"
_GLOBAL_MAX = "it only takes the max over all positions of each channel"
_GLOBAL_AVG = "it only averages all positions of each channel"
_ADAPTIVE = "it only pools each region into a fixed output size"
_DROPOUT = "it only zeroes random inputs while training; nothing is learned"
_ELEMENTWISE = "it applies a fixed function to each value; nothing is learned"
_MERGE = "it only combines its inputs value by value"
_RANDOM = "it only augments the data at random while training; its seed state is not counted"
_LOOKUP = "its vocabulary or bins are lookup tables, not Keras weights"
_TFOP = "it wraps a TensorFlow operation on tensors; it owns no weights"
_KERAS3_OP = "a Keras 3 operation (keras.ops) applied to tensors; it owns no weights"


def _weightless_table() -> dict[str, str]:
    table: dict[str, str] = {
        "InputLayer": "it only declares the model's input shape",
        "Flatten": "it only lays the input out as one long vector",
        "Reshape": "it only rearranges the same values into a new shape",
        "Permute": "it only reorders the axes",
        "RepeatVector": "it only repeats its input vector n times",
        "Lambda": "weights created inside a Lambda function are not tracked",
        "Masking": "it only marks time steps equal to the mask value",
        "ActivityRegularization": "it only adds a penalty to the loss",
        "Identity": "it passes its input through unchanged",
        "Dropout": _DROPOUT,
        "SpatialDropout1D": _DROPOUT,
        "SpatialDropout2D": _DROPOUT,
        "SpatialDropout3D": _DROPOUT,
        "AlphaDropout": _DROPOUT,
        "GaussianDropout": "it only multiplies by random noise while training",
        "GaussianNoise": "it only adds random noise while training",
        "Activation": _ELEMENTWISE,
        "ReLU": _ELEMENTWISE,
        "LeakyReLU": "its slope is a fixed setting, not a learned weight",
        "ELU": _ELEMENTWISE,
        "Softmax": _ELEMENTWISE,
        "ThresholdedReLU": "its threshold is a fixed setting, not a learned weight",
        "ThresholdedLinear": "its threshold is a fixed setting, not a learned weight",
        "Add": "it only adds its inputs value by value",
        "Subtract": "it only subtracts its second input from the first",
        "Multiply": "it only multiplies its inputs value by value",
        "Average": "it only averages its inputs value by value",
        "Maximum": _MERGE,
        "Minimum": _MERGE,
        "Concatenate": "it only joins its inputs along one axis",
        "Dot": "it only takes dot products between its inputs",
        "Merge": "it only joins its inputs (concat, sum, mul, …)",
        "UnitNormalization": "it only divides each vector by its length",
        "Rescaling": "its scale and offset are fixed constants, not weights",
        "Resizing": "it only resizes images by interpolation",
        "CenterCrop": "it only crops the centre of each image",
        "CategoryEncoding": _LOOKUP,
        "Hashing": _LOOKUP,
        "Discretization": _LOOKUP,
        "StringLookup": _LOOKUP,
        "IntegerLookup": _LOOKUP,
        "TextVectorization": _LOOKUP,
        "MelSpectrogram": "its mel filter bank is a fixed constant, not a weight",
        "TFOpLambda": _TFOP,
        "SlicingOpLambda": _TFOP,
        "TensorFlowOpLayer": _TFOP,
    }
    for dim in ("1D", "2D", "3D"):
        for name in (f"MaxPooling{dim}", f"MaxPool{dim}"):
            table[name] = _WINDOW_MAX
        for name in (f"AveragePooling{dim}", f"AvgPool{dim}"):
            table[name] = _WINDOW_AVG
        for name in (f"GlobalMaxPooling{dim}", f"GlobalMaxPool{dim}"):
            table[name] = _GLOBAL_MAX
        for name in (f"GlobalAveragePooling{dim}", f"GlobalAvgPool{dim}"):
            table[name] = _GLOBAL_AVG
        table[f"AdaptiveAveragePooling{dim}"] = _ADAPTIVE
        table[f"AdaptiveMaxPooling{dim}"] = _ADAPTIVE
        table[f"ZeroPadding{dim}"] = "it only pads the borders with zeros"
        table[f"Cropping{dim}"] = "it only cuts off the borders"
        table[f"UpSampling{dim}"] = "it only repeats (or interpolates) rows and columns"
    for name in (
        "NotEqual", "Equal", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd",
        "LogicalOr", "LogicalNot", "Cast", "GetItem", "ExpandDims", "Squeeze", "Transpose",
        "Matmul", "Where", "Stack", "Tile", "BroadcastTo", "OneHot", "Take", "Einsum", "Sqrt",
        "Square", "Absolute", "Exp", "Log", "Tanh", "Sigmoid", "Relu", "Gelu", "Silu", "Erf",
        "Clip", "Sum", "Mean",
    ):  # fmt: skip
        table[name] = _KERAS3_OP
    for name in (
        "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
        "RandomCrop", "RandomBrightness", "RandomHeight", "RandomWidth", "RandomErasing",
        "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear",
        "RandomPosterization", "RandomColorJitter", "RandomColorDegeneration", "RandomInvert",
        "RandomPerspective", "RandomElasticTransform", "RandomGaussianBlur", "AutoContrast",
        "Equalization", "Solarization", "AugMix", "RandAugment", "CutMix", "MixUp",
    ):  # fmt: skip
        table[name] = _RANDOM
    return table


WEIGHTLESS: dict[str, str] = _weightless_table()
"""Layer types that own no weights, each with the reason a learner reads."""

NESTED_MODEL_TYPES: tuple[str, ...] = ("Sequential", "Functional", "Model")
"""Rows that stand for a whole inner model: their count is the inner model's sum."""

UNVERIFIED: tuple[str, ...] = (
    "KerasLayer",  # TF Hub: the wrapped SavedModel's variables are not visible in the summary
    "StackedRNNCells",  # a list of arbitrary cells
    "DenseFeatures",  # feature columns: embedding columns' sizes are not printed
)
"""Layer types Keras can print that deliberately have no formula here (SA901, never silent)."""

_TFIDF_LAYERS = ("StringLookup", "IntegerLookup", "TextVectorization")


def _weightless(facts: LayerFacts) -> Derivation:
    reason = WEIGHTLESS[facts.type]
    p = facts.params
    if p == 0:
        return _ok(f"0: {facts.type} has no weights ({reason})", 0, 0)
    if facts.type in _TFIDF_LAYERS and p == 1 and facts.era not in ("keras3", *KERAS1_ERAS):
        return _ok(
            f"1: tf.keras {facts.type} in tf_idf mode after adapt() keeps one non-trainable "
            "count (num_documents); otherwise it has no weights",
            1,
            1,
        )
    text = f"{_n(p)} ≠ 0: {facts.type} has no weights ({reason})"
    message = (
        f"{_name(facts)} shows {_n(p)} parameters but {facts.type} has no weights: {reason}. "
        "A pasted or edited count?"
    )
    return Derivation(WEIGHTLESS_NONZERO, text, message, 0, None)


# --------------------------------------------------------------------------- Dense family


def _lora_or_int8(p: int, d: int, u: int, era: str) -> Derivation | None:
    """Keras 3 LoRA (+r·(D+U)) or int8 quantisation (D·U + 2U) on a Dense."""
    if era != "keras3":
        return None  # both exist only in Keras 3
    if p == d * u + 2 * u:
        return _undecidable(
            f"{_n(p)} = {_n(d)} × {_n(u)} + 2 × {_n(u)}: one {_n(u)} more than kernel + bias; "
            "possibly a Keras 3 int8-quantized Dense (int8 kernel + kernel_scale, both "
            "non-trainable, + bias)",
            d * u + u,
        )
    for bias in (u, 0):
        extra = p - d * u - bias
        if extra > 0 and extra % (d + u) == 0:
            r = extra // (d + u)
            tail = " + bias" if bias else ""
            return _undecidable(
                f"{_n(p)} = {_n(d)} × {_n(u)}{' + ' + _n(u) if bias else ''} + {r} × "
                f"({_n(d)} + {_n(u)}): possibly Keras 3 LoRA rank {r} (frozen kernel{tail} + "
                f"A {_n(d)}×{r} + B {r}×{_n(u)})",
                d * u,
            )
    return None


def _dense(facts: LayerFacts) -> Derivation:
    p, out, inp = facts.params, _out(facts), _in(facts)
    u, d = _last(out), _last(inp)
    type_ = facts.type
    if u is None and d is None:
        return _undecidable(f"{_n(p)}: {type_} = inputs × units (+ units bias); neither is shown")
    if u is None:
        assert d is not None
        fits = [(p // (d + b), b) for b in (1, 0) if p % (d + b) == 0 and p > 0]
        if fits:
            units, b = fits[0]
            bias = f" + {_n(units)} (kernel + bias" if b else " (kernel, use_bias=False"
            return _ok(
                f"{_n(p)} = {_n(d)} × {_n(units)}{bias}; {_n(units)} units solved from the count)",
                p,
            )
        return _undecidable(
            f"{_n(p)}: no whole number of units fits {_n(d)} inputs (× units, + bias); "
            "the output shape is not shown"
        )
    if d is None:
        return _dense_solve_input(facts, p, u, out)
    base = d * u
    note = "; Dense acts on the last axis only" if out is not None and len(out) > 2 else ""
    if p == base + u:
        return _ok(f"{_n(p)} = {_n(d)} × {_n(u)} + {_n(u)} (kernel + bias{note})", p)
    if p == base:
        return _ok(f"{_n(p)} = {_n(d)} × {_n(u)} (kernel, use_bias=False{note})", p)
    lora = _lora_or_int8(p, d, u, facts.era)
    if lora is not None:
        return lora
    text = (
        f"{_n(p)} ≠ {_n(d)} × {_n(u)} + {_n(u)} = {_n(base + u)} (kernel + bias) "
        f"or {_n(base)} (use_bias=False)"
    )
    message = (
        f"{_name(facts)} shows {_n(p)} but {type_}({u}) on {_n(d)} inputs has "
        f"{_n(d)} × {_n(u)} + {_n(u)} = {_n(base + u)} (kernel + bias) or {_n(base)} without bias"
    )
    other = [(p - b) // u for b in (u, 0) if p > b and (p - b) % u == 0]
    if other:
        message += (
            f"; the count would fit {_n(other[0])} inputs — is the input shape right, "
            "or was the count edited?"
        )
    else:
        message += (
            f"; {_n(p)} is not a multiple of {_n(u)}, so no input size gives it — "
            "a pasted or edited count?"
        )
    return _mismatch(text, message, base + u)


_LORA_RANKS = (1, 2, 4, 8, 16, 32, 64, 128)  # the ranks people use; any rank fits some count


def _lora_rank_fitting(p: int, u: int) -> int | None:
    """Smallest usual LoRA rank r with a whole input size D: P = D·(U + r) + U·(bias + r)."""
    for r in _LORA_RANKS:
        for bias in (1, 0):
            rest = p - u * (bias + r)
            if rest > 0 and rest % (u + r) == 0:
                return r
    return None


def _dense_solve_input(facts: LayerFacts, p: int, u: int, out: Shape | None) -> Derivation:
    """First Sequential Dense: its input is not printed, so solve D = (P − U)/U."""
    if p > u and (p - u) % u == 0:
        d = (p - u) // u
        solved = (*out[:-1], d) if out is not None else (None, d)
        return _ok(
            f"{_n(p)} = {_n(d)} × {_n(u)} + {_n(u)} (kernel + bias; input size {_n(d)} solved "
            "from the count)",
            p,
            solved_input=solved,
        )
    if p > 0 and p % u == 0:
        d = p // u
        solved = (*out[:-1], d) if out is not None else (None, d)
        return _ok(
            f"{_n(p)} = {_n(d)} × {_n(u)} (kernel, use_bias=False; input size {_n(d)} solved "
            "from the count)",
            p,
            solved_input=solved,
        )
    rank = _lora_rank_fitting(p, u) if facts.era == "keras3" else None
    if rank is not None:
        return _undecidable(
            f"{_n(p)}: not a multiple of {_n(u)} units, so no plain {facts.type} fits whatever "
            f"the input size; the input is not shown (a Keras 3 LoRA rank {rank} could explain it)"
        )
    return _mismatch(
        f"{_n(p)} ≠ D × {_n(u)} (+ {_n(u)}) for any input size D",
        f"{_name(facts)} shows {_n(p)} but a {facts.type}({u}) always has a multiple of "
        f"{_n(u)} parameters (inputs × {_n(u)} + {_n(u)} bias), whatever the input size — "
        "a pasted or edited count?",
    )


def _highway(facts: LayerFacts) -> Derivation:
    """Keras 1 Highway: W and W_carry (D×D) plus b and b_carry (D)."""
    p = facts.params
    d = _last(_in(facts)) or _last(_out(facts))
    if d is None:
        return _undecidable(f"{_n(p)}: Highway has 2 × D × D + 2 × D; D is not shown")
    if p == 2 * d * d + 2 * d:
        return _ok(f"{_n(p)} = 2 × {_n(d)} × {_n(d)} + 2 × {_n(d)} (W, W_carry + b, b_carry)", p)
    if p == 2 * d * d:
        return _ok(f"{_n(p)} = 2 × {_n(d)} × {_n(d)} (W, W_carry; bias=False)", p)
    exp = 2 * d * d + 2 * d
    return _mismatch(
        f"{_n(p)} ≠ 2 × {_n(d)} × {_n(d)} + 2 × {_n(d)} = {_n(exp)} (W, W_carry + b, b_carry)",
        f"{_name(facts)} shows {_n(p)} but Highway on {_n(d)} inputs has 2 × {_n(d)} × {_n(d)} "
        f"+ 2 × {_n(d)} = {_n(exp)} (or {_n(2 * d * d)} without bias)",
        exp,
    )


def _maxout_dense(facts: LayerFacts) -> Derivation:
    """Keras 1 MaxoutDense: nb_feature × (D × U + U)."""
    p, u, d = facts.params, _last(_out(facts)), _last(_in(facts))
    if u is None or d is None:
        return _undecidable(f"{_n(p)}: MaxoutDense has nb_feature × (D × U + U); D or U not shown")
    for b in (1, 0):
        per = d * u + b * u
        if per and p % per == 0 and p // per >= 1:
            nb = p // per
            tail = f" + {_n(u)}" if b else ""
            return _ok(
                f"{_n(p)} = {nb} × ({_n(d)} × {_n(u)}{tail}) (nb_feature {nb} × "
                f"{'(kernel + bias)' if b else 'kernel'})",
                p,
            )
    exp = 4 * (d * u + u)
    return _mismatch(
        f"{_n(p)} ≠ nb_feature × ({_n(d)} × {_n(u)} + {_n(u)}) for any whole nb_feature",
        f"{_name(facts)} shows {_n(p)} but MaxoutDense({u}) on {_n(d)} inputs has nb_feature × "
        f"{_n(d * u + u)} (default nb_feature 4: {_n(exp)}) — no whole nb_feature gives it",
        None,
    )


def _einsum_dense(facts: LayerFacts) -> Derivation:
    """EinsumDense: the equation is hidden; try D × Π(some output dims) (+ Π(bias dims))."""
    p, out, inp = facts.params, _out(facts), _in(facts)
    d = _last(inp)
    if d is None or out is None:
        return _undecidable(
            f"{_n(p)}: EinsumDense has Π(kernel dims) + Π(bias dims); the equation and input "
            "are not shown"
        )
    for axes, size in _subset_products(out):
        if p == d * size:
            return _ok(
                f"{_n(p)} = {_n(d)} × {_dims_text([out[a] for a in axes])} (kernel over the "
                "new output dims; no bias)",
                p,
            )
        rest = p - d * size
        if rest > 0:
            for b_axes, b_size in _subset_products(tuple([None, *[out[a] for a in axes]])):
                if rest == b_size:
                    return _ok(
                        f"{_n(p)} = {_n(d)} × {_dims_text([out[a] for a in axes])} + "
                        f"{_n(rest)} (kernel + bias over {len(b_axes)} output dim(s))",
                        p,
                    )
    return _undecidable(
        f"{_n(p)}: does not fit {_n(d)} × (product of output dims) (+ bias); the einsum "
        "equation is not printed, so it may contract or add other axes"
    )


# --------------------------------------------------------------------------- Embedding


def _embedding(facts: LayerFacts) -> Derivation:
    p, e = facts.params, _last(_out(facts))
    if e is None:
        return _undecidable(
            f"{_n(p)}: Embedding has vocabulary × embedding dim; the dim is not shown"
        )
    if p > 0 and p % e == 0:
        v = p // e
        return _ok(f"{_n(p)} = {_n(v)} (vocabulary) × {_n(e)} (embedding dim)", p)
    if facts.era in ("keras3", ""):
        if p % (e + 1) == 0:
            v = p // (e + 1)
            return _undecidable(
                f"{_n(p)} = {_n(v)} × ({_n(e)} + 1): possibly a Keras 3 int8-quantized Embedding "
                f"(vocabulary {_n(v)}: int8 table + one scale per row)",
                p,
            )
        for r in range(1, 257):
            if (p - r * e) > 0 and (p - r * e) % (e + r) == 0:
                v = (p - r * e) // (e + r)
                return _undecidable(
                    f"{_n(p)} = {_n(v)} × {_n(e)} + {r} × ({_n(v)} + {_n(e)}): not a multiple of "
                    f"{_n(e)}; possibly Keras 3 LoRA rank {r} on a vocabulary of {_n(v)}",
                    v * e,
                )
    return _mismatch(
        f"{_n(p)} ≠ vocabulary × {_n(e)}: {_n(p)} / {_n(e)} is not a whole number",
        f"{_name(facts)} shows {_n(p)} but an Embedding with {_n(e)}-dim vectors has vocabulary "
        f"× {_n(e)} parameters, and {_n(p)} / {_n(e)} = {p / e:,.2f} is no whole vocabulary size "
        "— a pasted or edited count, or a misread output shape?",
    )


def _reversible_embedding(facts: LayerFacts) -> Derivation:
    p, e = facts.params, _last(_out(facts))
    if e is None:
        return _undecidable(f"{_n(p)}: ReversibleEmbedding has vocabulary × dim (× 2 untied)")
    if p > 0 and p % e == 0:
        v = p // e
        text = f"{_n(p)} = {_n(v)} (vocabulary) × {_n(e)} (tied embedding; or {_n(v // 2)} × "
        if v % 2 == 0:
            return _ok(text + f"{_n(e)} × 2 with tie_weights=False)", p)
        return _ok(f"{_n(p)} = {_n(v)} (vocabulary) × {_n(e)} (tied embedding)", p)
    return _mismatch(
        f"{_n(p)} ≠ vocabulary × {_n(e)}",
        f"{_name(facts)} shows {_n(p)} but a ReversibleEmbedding with {_n(e)}-dim vectors has a "
        f"multiple of {_n(e)} parameters — a pasted or edited count?",
    )


# --------------------------------------------------------------------------- convolutions

_RANK = re.compile(r"([123])D")


def _conv_rank(type_: str) -> int:
    match = _RANK.search(type_)
    return int(match.group(1)) if match else 2


def _orient(
    shape: Shape | None, rank: int, channels_first: bool
) -> tuple[int | None, Shape | None]:
    """Channel size and spatial dims of (batch, spatial…, C), or (batch, C, spatial…) if first."""
    if shape is None or len(shape) != rank + 2:
        return None, None
    channels, spatial = (shape[1], shape[2:]) if channels_first else (shape[-1], shape[1:-1])
    return channels or None, spatial


_DIVISOR_LIMIT = 10**12
_MAX_DEPTH_MULTIPLIER = 4096
_MAX_PARAMS = 10**15  # far beyond any real layer; larger counts are not worked on


def _divisors(n: int) -> list[int] | None:
    """All divisors of n in increasing order (None when n is too large to factor quickly)."""
    if n < 1 or n > _DIVISOR_LIMIT:
        return None
    small, large = [], []
    for d in range(1, math.isqrt(n) + 1):
        if n % d == 0:
            small.append(d)
            if d != n // d:
                large.append(n // d)
    return small + large[::-1]


def _factorisations(k: int, rank: int) -> list[tuple[int, ...]]:
    """Kernel shapes with volume k, most square first."""
    if rank == 1 or _divisors(k) is None:
        return [(k,) + (1,) * (rank - 1)] if rank > 1 else [(k,)]
    found: list[tuple[int, ...]] = []

    def rec(prefix: tuple[int, ...], remaining: int, left: int) -> None:
        if left == 1:
            found.append((*prefix, remaining))
            return
        for f in _divisors(remaining) or [remaining]:
            rec((*prefix, f), remaining // f, left - 1)
            if len(found) > 200:
                return

    rec((), k, rank)
    found.sort(key=lambda t: (max(t) / min(t), t))
    return found


def _kernel_text(k: int, rank: int, implied: tuple[int, ...] | None) -> str:
    shapes = _factorisations(k, rank)
    if rank == 1:
        return f"kernel {k}"
    pretty = ["×".join(str(s) for s in t) for t in shapes]
    if implied is not None and implied in shapes:
        first = "×".join(str(s) for s in implied)
        rest = [s for s in pretty if s != first]
        return f"kernel {first}" + (f" (or {', '.join(rest[:4])})" if rest else "")
    shown = pretty[:5]
    more = ", …" if len(pretty) > 5 else ""
    if len(shown) == 1:
        return f"kernel {shown[0]}"
    return f"kernel {shown[0]} (or {', '.join(shown[1:])}{more})"


def _implied_kernel(
    in_sp: Shape | None, out_sp: Shape | None, transpose: bool
) -> tuple[int, ...] | None:
    """Kernel sides implied by padding='valid', stride 1: in − out + 1 (transposed out − in + 1)."""
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return None
    if any(d is None for d in (*in_sp, *out_sp)):
        return None
    sides = tuple((o - i + 1) if transpose else (i - o + 1) for i, o in zip(in_sp, out_sp))  # type: ignore[operator]
    return sides if all(s >= 1 for s in sides) else None


def _impossible_size_change(in_sp: Shape | None, out_sp: Shape | None, transpose: bool) -> bool:
    """A convolution never grows a spatial axis (a transposed one never shrinks one)."""
    if in_sp is None or out_sp is None or len(in_sp) != len(out_sp):
        return False
    for i, o in zip(in_sp, out_sp):
        if i is not None and o is not None and ((o < i) if transpose else (o > i)):
            return True
    return False


@dataclass(frozen=True)
class _ConvFit:
    channels_first: bool
    bias: bool
    groups: int
    k: int
    c: int | None
    f: int
    implied: tuple[int, ...] | None


def _conv_fits(
    facts: LayerFacts, channels_first: bool, groups_ok: bool
) -> tuple[list[_ConvFit], str]:
    """Kernel volumes that fit the count in one data format, and whether C and F were known."""
    rank = _conv_rank(facts.type)
    transpose = "Transpose" in facts.type or "Deconvolution" in facts.type
    c, in_sp = _orient(_in(facts), rank, channels_first)
    f, out_sp = _orient(_out(facts), rank, channels_first)
    p = facts.params
    fits: list[_ConvFit] = []
    if f is None:
        return fits, "no-filters"
    if _impossible_size_change(in_sp, out_sp, transpose):
        return fits, "size"
    implied = _implied_kernel(in_sp, out_sp, transpose)
    if c is None:
        for b in (True, False):
            rest = p - (f if b else 0)
            if rest > 0 and rest % f == 0:
                fits.append(_ConvFit(channels_first, b, 1, rest // f, None, f, implied))
        return fits, "no-channels"
    group_options = [1]
    if groups_ok and not transpose:
        group_options += (_divisors(math.gcd(c, f)) or [])[1:]
    for g in group_options:
        for b in (True, False):
            rest = p - (f if b else 0)
            denom = (c // g) * f
            if rest > 0 and rest % denom == 0:
                fits.append(_ConvFit(channels_first, b, g, rest // denom, c, f, implied))
        if any(fit.groups == g for fit in fits):
            break
    fits.sort(key=lambda fit: _fit_rank(fit, rank))
    return fits, "known"


def _is_cube(k: int, rank: int) -> bool:
    """A square (2D) or cubic (3D) kernel volume such as 9 or 27; any volume in 1D."""
    return round(k ** (1 / rank)) ** rank == k


def _fit_rank(fit: _ConvFit, rank: int) -> tuple[int, int, int]:
    """Prefer the kernel the spatial shrink implies, then square kernels, then a bias."""
    matches = fit.implied is not None and _prod(fit.implied) == fit.k
    return (0 if matches else 1, 0 if _is_cube(fit.k, rank) else 1, 0 if fit.bias else 1)


def _conv(facts: LayerFacts) -> Derivation:
    p, rank = facts.params, _conv_rank(facts.type)
    groups_ok = facts.era not in KERAS1_ERAS
    order = [bool(facts.channels_first), not facts.channels_first]
    states: dict[bool, str] = {}
    for cf in order:
        fits, states[cf] = _conv_fits(facts, cf, groups_ok)
        if fits:
            return _conv_ok(facts, fits[0], rank, preferred_cf=order[0])
    known = [cf for cf in order if states[cf] == "known"]
    if known:
        cf = known[0]
        c, _ = _orient(_in(facts), rank, cf)
        f, _ = _orient(_out(facts), rank, cf)
        assert c is not None and f is not None
        per = c * f
        return _mismatch(
            f"{_n(p)} ≠ {_n(f)} filters × (K × {_n(c)} channels + 1): ({_n(p)} − {_n(f)}) / "
            f"({_n(c)} × {_n(f)}) = {(p - f) / per:,.3f} is not a whole kernel size",
            f"{_name(facts)} shows {_n(p)} but {facts.type} with {_n(f)} filters on {_n(c)} "
            f"channels has {_n(f)} × (K × {_n(c)} + 1) for a whole kernel volume K (3×3: "
            f"{_n(9 * per + f)}), and no K, groups, bias setting or data format gives {_n(p)} — "
            "is the input shape right, or was the count edited?",
        )
    unknown_c = [cf for cf in order if states[cf] == "no-channels"]
    if unknown_c and all(states[cf] in ("no-channels", "size") for cf in order):
        out = _out(facts)
        filters = " or ".join(
            dict.fromkeys(_n(f) for f in (_orient(out, rank, cf)[0] for cf in unknown_c) if f)
        )
        return _mismatch(
            f"{_n(p)} ≠ filters × (K × C + 1): not a multiple of the filters ({filters})",
            f"{_name(facts)} shows {_n(p)} but a {facts.type} with {filters} filters always has a "
            "multiple of its filter count (filters × (K × channels + bias)), whatever its input — "
            "a pasted or edited count?",
        )
    if any(state == "size" for state in states.values()):
        return _undecidable(
            f"{_n(p)}: {facts.type} has filters × (K × channels + 1), but the shown input and "
            "output do not look like a convolution's (a spatial axis changes the wrong way)"
        )
    return _undecidable(
        f"{_n(p)}: {facts.type} has filters × (K × channels + 1); the output shape is not "
        "readable, so filters and K cannot be solved"
    )


def _conv_ok(facts: LayerFacts, fit: _ConvFit, rank: int, preferred_cf: bool) -> Derivation:
    p, f = facts.params, fit.f
    bias = " + 1" if fit.bias else ""
    notes: list[str] = []
    if not fit.bias:
        notes.append("use_bias=False")
    if fit.channels_first != preferred_cf or fit.channels_first:
        notes.append(
            "channels_first: channels on axis 1" if fit.channels_first else "channels_last"
        )
    if fit.c is None:
        kc = fit.k
        scored = []
        for c in (3, 1):
            if kc % c == 0:
                k = kc // c
                shape = "×".join(str(s) for s in _factorisations(k, rank)[0])
                kernel = f"kernel {shape}" if rank == 1 else f"K = {_n(k)}, {shape}"
                scored.append(
                    (not _is_cube(k, rank), f"{c} channel{'s' if c > 1 else ''} → {kernel}")
                )
        examples = [text for _, text in sorted(scored, key=lambda item: item[0])]
        eg = f"; e.g. {'; '.join(examples)}" if examples else ""
        note = f"; {', '.join(notes)}" if notes else ""
        return _ok(
            f"{_n(p)} = {_n(f)} filters × (K × C{bias}) → K × C = {_n(kc)} (input channels not "
            f"shown{eg}{note})",
            p,
        )
    channels = f"{_n(fit.c)}/{fit.groups}" if fit.groups > 1 else _n(fit.c)
    groups = f" with groups={fit.groups}" if fit.groups > 1 else ""
    kernel = _kernel_text(fit.k, rank, fit.implied)
    if fit.implied is not None and _prod(fit.implied) == fit.k and rank > 1:
        shrink = "grows" if "Transpose" in facts.type or "Deconv" in facts.type else "shrinks"
        notes.append(f"the spatial size {shrink} by k − 1 as with padding='valid', stride 1")
    note = f"; {'; '.join(notes)}" if notes else ""
    return _ok(
        f"{_n(p)} = {_n(f)} filters × (K × {channels} channels{bias}) → K = {_n(fit.k)}"
        f"{groups} → {kernel}{note}",
        p,
    )


def _depthwise(facts: LayerFacts) -> Derivation:
    """DepthwiseConv: K × C × dm + C × dm; C × dm is the output channel count."""
    p = facts.params
    checked: list[int] = []
    for cf in (bool(facts.channels_first), not facts.channels_first):
        fit = _depthwise_fit(facts, cf)
        if isinstance(fit, Derivation):
            return fit
        if fit is not None:
            checked.append(fit)
    if not checked:
        return _undecidable(
            f"{_n(p)}: {facts.type} has C·dm × (K + 1); the channel counts are not shown or do "
            "not fit a depthwise convolution"
        )
    cout = checked[0]
    return _mismatch(
        f"{_n(p)} ≠ {_n(cout)} output channels × (K + 1) for any whole K",
        f"{_name(facts)} shows {_n(p)} but {facts.type} with {_n(cout)} output channels has "
        f"{_n(cout)} × (K + 1) (3×3: {_n(10 * cout)}), and {_n(p)} fits no whole K — a pasted "
        "or edited count?",
    )


def _depthwise_fit(facts: LayerFacts, cf: bool) -> Derivation | int | None:
    """The ok derivation in one data format; else the output channels checked, or None."""
    p, rank = facts.params, _conv_rank(facts.type)
    cout, out_sp = _orient(_out(facts), rank, cf)
    cin, in_sp = _orient(_in(facts), rank, cf)
    if not cout or (cin and cout % cin) or _impossible_size_change(in_sp, out_sp, False):
        return None
    implied = _implied_kernel(in_sp, out_sp, False)
    options = [b for b in (1, 0) if p % cout == 0 and p // cout - b >= 1]
    options.sort(
        key=lambda b: (
            implied is None or _prod(implied) != p // cout - b,
            not _is_cube(p // cout - b, rank),
            b == 0,
        )
    )
    if options:
        b = options[0]
        k = p // cout - b
        dm = (
            f" ({_n(cin)} channels × depth_multiplier {cout // cin})" if cin and cout != cin else ""
        )
        extra = ("" if b else "; use_bias=False") + ("; channels_first" if cf else "")
        return _ok(
            f"{_n(p)} = {_n(cout)} output channel{'s' if cout > 1 else ''}{dm} × "
            f"{'(K + 1)' if b else 'K'} → "
            f"K = {_n(k)} → {_kernel_text(k, rank, implied)} (one kernel per channel"
            f"{' + bias' if b else ''}{extra})",
            p,
        )
    return cout


def _separable(facts: LayerFacts) -> Derivation:
    """SeparableConv: K × C × dm + C × dm × F + b × F; K and dm are hidden."""
    p, rank = facts.params, _conv_rank(facts.type)
    checked: list[tuple[int, int]] = []
    for cf in (bool(facts.channels_first), not facts.channels_first):
        fit = _separable_fit(facts, cf)
        if isinstance(fit, Derivation):
            return fit
        if fit is not None:
            checked.append(fit)
    if not checked:
        return _undecidable(
            f"{_n(p)}: {facts.type} has K × C × dm + C × dm × F + F; input channels or filters "
            "are not shown"
        )
    c, f = checked[0]
    exp = (9 if rank == 2 else 3) * c + c * f + f
    return _mismatch(
        f"{_n(p)} ≠ K × {_n(c)} × dm + {_n(c)} × dm × {_n(f)} + {_n(f)} for any whole kernel "
        "size K and depth_multiplier dm",
        f"{_name(facts)} shows {_n(p)} but {facts.type} with {_n(f)} filters on {_n(c)} channels "
        f"has K × {_n(c)} × dm + {_n(c)} × dm × {_n(f)} + {_n(f)} (e.g. {_n(exp)} for a "
        f"{'3×3' if rank == 2 else '3'} kernel, dm 1), and no whole K and dm give it — a pasted "
        "or edited count?",
    )


def _separable_fit(facts: LayerFacts, cf: bool) -> Derivation | tuple[int, int] | None:
    """The ok derivation in one data format; else (C, F) when both were known, or None."""
    p, rank = facts.params, _conv_rank(facts.type)
    c, in_sp = _orient(_in(facts), rank, cf)
    f, out_sp = _orient(_out(facts), rank, cf)
    if not c or not f or _impossible_size_change(in_sp, out_sp, False):
        return None
    implied = _implied_kernel(in_sp, out_sp, False)
    for b in (1, 0):
        rest = p - b * f
        if rest <= 0:
            continue
        options: list[tuple[int, int]] = []
        if implied is not None and rest % (c * (_prod(implied) + f)) == 0:
            options.append((rest // (c * (_prod(implied) + f)), _prod(implied)))
        if rest // (c * (f + 1)) > _MAX_DEPTH_MULTIPLIER:
            return None  # too many depth multipliers to try; do not accuse
        for dm in range(1, rest // (c * (f + 1)) + 1):
            if rest % (c * dm) == 0:
                options.append((dm, rest // (c * dm) - f))
        for dm, k in options:
            if k < 1:
                continue
            bias = f" + {_n(f)}" if b else ""
            tail = ("" if b else "; use_bias=False") + ("; channels_first" if cf else "")
            return _ok(
                f"{_n(p)} = K × {_n(c)} × {dm} + {_n(c)} × {dm} × {_n(f)}{bias} "
                f"(depthwise + pointwise{' + bias' if b else ''}) → K = {_n(k)} → "
                f"{_kernel_text(k, rank, implied)} (depth_multiplier {dm}{tail})",
                p,
            )
    return c, f


def _locally_connected(facts: LayerFacts) -> Derivation:
    """LocallyConnected (implementation 1): positions × F × (K × C + 1)."""
    p, rank = facts.params, _conv_rank(facts.type)
    for cf in (bool(facts.channels_first), not facts.channels_first):
        c, _ = _orient(_in(facts), rank, cf)
        f, out_sp = _orient(_out(facts), rank, cf)
        if not c or not f or out_sp is None or any(d is None for d in out_sp):
            continue
        pos = _prod(out_sp)  # type: ignore[arg-type]
        for b in (1, 0):
            if p % (pos * f) == 0 and (p // (pos * f) - b) % c == 0 and p // (pos * f) - b >= c:
                k = (p // (pos * f) - b) // c
                bias = " + 1" if b else ""
                return _ok(
                    f"{_n(p)} = {_n(pos)} positions × {_n(f)} filters × (K × {_n(c)} channels"
                    f"{bias}) → K = {_n(k)} → {_kernel_text(k, rank, None)} (unshared weights "
                    "per output position)",
                    p,
                )
    return _undecidable(
        f"{_n(p)}: {facts.type} has output positions × filters × (K × C + 1) with "
        "implementation=1; other implementations store a different kernel, so this is not checked"
    )


# --------------------------------------------------------------------------- normalisation


@dataclass(frozen=True)
class _BnVariant:
    """One way a BatchNormalization row counts: P = m × N + extra."""

    m: int
    extra: int
    words: str
    nt_m: int | None
    nt_extra: int = 0

    def size(self, p: int) -> int | None:
        """N for a count P, when P fits this variant."""
        rest = p - self.extra
        return rest // self.m if rest > 0 and rest % self.m == 0 else None

    def formula(self, n: int) -> str:
        return f"{self.m} × {_n(n)}" + (f" + {self.extra}" if self.extra else "")

    def count(self, n: int) -> int:
        return self.m * n + self.extra

    def non_trainable(self, n: int) -> int | None:
        return None if self.nt_m is None else self.nt_m * n + self.nt_extra


_MOVING = "moving_mean, moving_variance: non-trainable"
_RENORM = "moving_mean, moving_variance, moving_stddev, renorm_mean, renorm_stddev: non-trainable"
_TF1_RENORM = (
    "moving_mean, moving_variance, renorm_mean, renorm_stddev and 2 scalar renorm weights: "
    "non-trainable; renorm=True as TF 1.x counts it"
)
_BN_STD = (
    _BnVariant(4, 0, f"gamma, beta: trainable; {_MOVING}", 2),
    _BnVariant(3, 0, f"gamma or beta: trainable; {_MOVING}; center=False or scale=False", 2),
)
_BN_BOTH_OFF = _BnVariant(2, 0, f"{_MOVING}; center=False and scale=False", 2)
_BN_RENORM = (
    _BnVariant(7, 0, f"gamma, beta: trainable; {_RENORM}; renorm=True", 5),
    _BnVariant(6, 0, f"gamma or beta: trainable; {_RENORM}; renorm=True, center or scale off", 5),
    _BnVariant(5, 0, f"{_RENORM}; renorm=True, center=False and scale=False", 5),
    _BnVariant(6, 2, f"gamma, beta: trainable; {_TF1_RENORM}", 4, 2),
    _BnVariant(5, 2, f"gamma or beta: trainable; {_TF1_RENORM}, center or scale off", 4, 2),
    _BnVariant(4, 2, f"{_TF1_RENORM}, center=False and scale=False", 4, 2),
)
_BN_K1 = _BnVariant(4, 0, "gamma, beta: trainable; running_mean, running_std: non-trainable", 2)
_BN_K10 = _BnVariant(
    2,
    0,
    "gamma, beta: Keras 1.0/1.1 rows count trainable weights only, so the non-trainable "
    "running_mean and running_std are not shown",
    0,
)
_BN_TWO_UNKNOWN = _BnVariant(
    2,
    0,
    "gamma and beta only, as Keras 1.0/1.1 counted (trainable weights), or moving_mean + "
    "moving_variance with center=False and scale=False",
    None,
)
_BN_TYPES = (
    "BatchNormalization",
    "BatchNormalizationV1",
    "BatchNormalizationV2",
    "SyncBatchNormalization",
)


def _bn_variants(era: str) -> tuple[tuple[_BnVariant, ...], ...]:
    """The ways a BN row can count in this era in tiers: the common ones, then renorm."""
    if era == "keras1.0":
        return ((_BN_K10, _BN_K1),)
    if era == "keras1":
        return ((_BN_K1, _BN_K10),)
    if era == "":
        return ((*_BN_STD, _BN_TWO_UNKNOWN), _BN_RENORM)
    return ((*_BN_STD, _BN_BOTH_OFF), _BN_RENORM)


def _bn(facts: LayerFacts) -> Derivation:
    p, era = facts.params, facts.era
    shape = _out(facts) if _out(facts) is not None and len(_out(facts) or ()) >= 2 else _in(facts)
    if shape is None or len(shape) < 2:
        return _undecidable(
            f"{_n(p)}: BatchNormalization has 4 × N (N = size of the normalised axis); the shape "
            "is not shown"
        )
    tiers = _bn_variants(era)
    variants = tuple(v for tier in tiers for v in tier)
    default = variants[0]
    rank = len(shape)
    ch = _channel_axis(shape, facts.channels_first)
    c = shape[ch]
    # channels_first with a sequence (rank 3): either axis may be the features.
    accepted = {ch}
    if facts.channels_first and rank == 3:
        accepted.add(rank - 1)
    keras1_th = facts.channels_first is None and era in KERAS1_ERAS and rank >= 4
    if keras1_th:
        accepted.add(1)
    # Per tier: the channel axis first, then a wrong axis (a common variant on a wrong axis is
    # likelier than renorm on the right one).
    for tier in tiers:
        found = _bn_on_channel(facts, shape, tier, accepted, keras1_th, ch)
        if found is not None:
            return found
        if c is None:
            continue
        for v in tier:
            n = v.size(p)
            hits = [
                i for i in range(1, rank) if n is not None and shape[i] == n and i not in accepted
            ]
            if n is not None and hits:
                return _bn_wrong_axis(facts, shape, v, n, hits, ch, c)
    if c is None:
        for v in variants:
            n = v.size(p)
            hits = [i for i in range(1, rank) if n is not None and shape[i] == n]
            if n is not None and hits:
                return _undecidable(
                    f"{_n(p)} = {v.formula(n)}: N matches {_axes_text(hits)}; the channel size "
                    "is not shown, so the axis cannot be checked"
                )
        return _undecidable(f"{_n(p)}: BatchNormalization has 4 × N; the channel size is not shown")
    # Several axes together (Keras 2 list axis).
    for v in variants:
        n = v.size(p)
        for axes, size in _subset_products(shape):
            if n is not None and len(axes) >= 2 and size == n:
                return _undecidable(
                    f"{_n(p)} = {v.formula(n)} = {v.m} × ({_dims_text([shape[a] for a in axes])})"
                    f"{' + ' + str(v.extra) if v.extra else ''}: BatchNormalization over "
                    f"{_axes_text(list(axes))} together (a Keras 2 list axis, e.g. "
                    f"axis={list(axes)}); a single channel axis would give {_n(default.count(c))}",
                    None,
                )
    if not _known(shape):
        return _undecidable(
            f"{_n(p)}: does not fit {default.formula(c)} (the channel axis); some dims are "
            "not shown"
        )
    exp = default.count(c)
    return _mismatch(
        f"{_n(p)} ≠ {default.formula(c)} = {_n(exp)} ({default.words})",
        f"{_name(facts)} shows {_n(p)} but BatchNormalization over {_n(c)} channels has "
        f"{default.formula(c)} = {_n(exp)}, and {_n(p)} fits no BatchNormalization variant "
        f"(4×, 3× or 2× N, renorm 7× N) for any axis or product of axes of {_shape_text(shape)} "
        "— a pasted or edited count, or a misread shape?",
        exp,
    )


def _bn_on_channel(
    facts: LayerFacts,
    shape: Shape,
    tier: tuple[_BnVariant, ...],
    accepted: set[int],
    keras1_th: bool,
    ch: int,
) -> Derivation | None:
    """The ok derivation when some variant of the tier fits an accepted channel axis."""
    p, rank = facts.params, len(shape)
    for v in tier:
        n = v.size(p)
        hits = [i for i in range(1, rank) if n is not None and shape[i] == n]
        good = [i for i in hits if i in accepted]
        if n is None or not good:
            continue
        text = f"{_n(p)} = {v.formula(n)} ({v.words})"
        if [i for i in hits if i not in good]:
            text += (
                f"; {_axes_text(sorted(hits))} all have size {_n(n)}, so the count cannot "
                "tell which axis was normalised"
            )
        elif keras1_th and good == [1] and ch != 1:
            text += (
                "; N matches axis 1, the channel axis of Keras 1 'th' (channels-first) "
                "data — right if this model uses 'th' ordering"
            )
        return _ok(text, p, v.non_trainable(n))
    return None


def _bn_wrong_axis(
    facts: LayerFacts, shape: Shape, v: _BnVariant, n: int, hits: list[int], ch: int, c: int
) -> Derivation:
    p, rank = facts.params, len(shape)
    exp = v.count(c)
    neg = " or ".join(f"axis={i - rank}" for i in hits)
    pos = " or ".join(f"axis={i}" for i in hits)
    text = f"{_n(p)} = {v.formula(n)} ({v.words}); N = {_n(n)} is the size of {_axes_text(hits)}"
    text += f", not of the channel axis {ch} (size {_n(c)}), which gives {v.formula(c)} = {_n(exp)}"
    if facts.channels_first and ch == 1 and rank - 1 in hits:
        cause = (
            "this model is channels_first, so the channels are on axis 1 — was it built with "
            "the default axis=-1? use axis=1"
        )
    else:
        cause = f"was it built with {neg} (or {pos} on channels-last data)?"
        if facts.channels_first is None and 1 in hits and rank >= 4:
            cause += " (If this model is channels_first, axis=1 is right.)"
    spatial = range(2, rank) if ch == 1 else range(1, rank - 1)
    words_by_rank = {3: ["time steps"], 4: ["height", "width"], 5: ["depth", "height", "width"]}
    kind = dict(zip(spatial, words_by_rank.get(rank, [])))
    names = [kind[i] for i in hits if i in kind]
    what = f": {' or '.join(names)}" if names else ""
    axes = "axis " + " or ".join(str(i) for i in hits)
    message = (
        f"{_n(p)} = {v.formula(n)}: this BatchNormalization normalised {axes} "
        f"(size {_n(n)}{what}), not the channel axis (size {_n(c)}), which would give "
        f"{v.formula(c)} = {_n(exp)} — {cause}"
    )
    return Derivation(BN_AXIS, text, message, exp, v.non_trainable(n))


def _layer_norm(facts: LayerFacts) -> Derivation:
    """LayerNormalization: (scale + center) × Π(normalised dims), default 2 × last dim."""
    return _norm_over_axes(
        facts,
        (
            (2, "gamma + beta"),
            (1, "gamma or beta only (center=False or scale=False, or Keras 3 rms_scaling=True)"),
        ),
    )


def _rms_norm(facts: LayerFacts) -> Derivation:
    return _norm_over_axes(facts, ((1, "scale"),))


def _norm_over_axes(facts: LayerFacts, variants: tuple[tuple[int, str], ...]) -> Derivation:
    p = facts.params
    if p == 0 and len(variants) > 1:
        return _ok(f"0: {facts.type} with center=False and scale=False has no weights", 0)
    shape = _out(facts) or _in(facts)
    if shape is None or len(shape) < 2:
        return _undecidable(f"{_n(p)}: {facts.type} scales the last axis; the shape is not shown")
    last = shape[-1]
    for m, words in variants:
        if last is not None and p == m * last:
            return _ok(f"{_n(p)} = {m} × {_n(last)} ({words} over the last axis)", p)
    for m, words in variants:
        if p % m:
            continue
        for axes, size in _subset_products(shape):
            if size == p // m:
                dims = _dims_text([shape[a] for a in axes])
                return _ok(f"{_n(p)} = {m} × {dims} ({words} over {_axes_text(list(axes))})", p)
    if not _known(shape):
        return _undecidable(f"{_n(p)}: does not fit the shown dims of {_shape_text(shape)}")
    m0 = variants[0][0]
    exp = m0 * (last or 0)
    return _mismatch(
        f"{_n(p)} ≠ {m0} × {_n(last or 0)} = {_n(exp)} ({variants[0][1]})",
        f"{_name(facts)} shows {_n(p)} but {facts.type} on {_shape_text(shape)} has {m0} × "
        f"{_n(last or 0)} = {_n(exp)}, and {_n(p)} fits no axis or set of axes — a pasted or "
        "edited count?",
        exp,
    )


def _group_norm(facts: LayerFacts) -> Derivation:
    p = facts.params
    if p == 0:
        return _ok("0: GroupNormalization with center=False and scale=False has no weights", 0)
    shape = _out(facts) or _in(facts)
    if shape is None or len(shape) < 2:
        return _undecidable(f"{_n(p)}: GroupNormalization has 2 × channels; shape not shown")
    ch = _channel_axis(shape, facts.channels_first)
    for m, words in ((2, "gamma + beta"), (1, "gamma or beta only")):
        others = [i for i in range(1, len(shape)) if i != ch] if m == 2 else []
        for axis in (ch, *others):
            if shape[axis] is not None and p == m * shape[axis]:  # type: ignore[operator]
                where = "channels" if axis == ch else f"axis {axis}"
                return _ok(
                    f"{_n(p)} = {m} × {_n(shape[axis])} ({words} per {where}; the number of "  # type: ignore[arg-type]
                    "groups does not change the count)",
                    p,
                )
    c = shape[ch]
    if c is None or not _known(shape):
        return _undecidable(f"{_n(p)}: does not fit 2 × the shown channel size")
    return _mismatch(
        f"{_n(p)} ≠ 2 × {_n(c)} = {_n(2 * c)} (gamma + beta per channel)",
        f"{_name(facts)} shows {_n(p)} but GroupNormalization over {_n(c)} channels has "
        f"2 × {_n(c)} = {_n(2 * c)} (or {_n(c)} with center or scale off), whatever the groups — "
        "a pasted or edited count?",
        2 * c,
    )


def _normalization(facts: LayerFacts) -> Derivation:
    """Preprocessing Normalization: mean + variance over kept axes + a count scalar, all NT."""
    p = facts.params
    if p == 0:
        return _ok(
            "0: Normalization built with mean= and variance= holds constants, not weights", 0
        )
    shape = _out(facts) or _in(facts)
    if p % 2 == 1:
        n = (p - 1) // 2
        if n == 1:
            return _ok(
                f"{_n(p)} = 2 × 1 + 1 (mean, variance over axis=None + count; all non-trainable)",
                p,
                p,
            )
        if shape is not None:
            if shape[-1] == n:
                return _ok(
                    f"{_n(p)} = 2 × {_n(n)} + 1 (mean, variance per feature + count; all "
                    "non-trainable)",
                    p,
                    p,
                )
            for axes, size in _subset_products(shape):
                if size == n:
                    return _ok(
                        f"{_n(p)} = 2 × {_dims_text([shape[a] for a in axes])} + 1 (mean, "
                        f"variance over kept {_axes_text(list(axes))} + count; all non-trainable)",
                        p,
                        p,
                    )
    if shape is None or not _known(shape):
        return _undecidable(
            f"{_n(p)}: Normalization has 2 × (kept dims) + 1, or 0; the shape is not shown", p
        )
    c = shape[-1] or 0
    if p % 2 == 0:
        for _axes, size in _subset_products(shape):
            if 2 * size == p:
                return _undecidable(
                    f"{_n(p)} = 2 × {_n(size)}: mean and variance without the count scalar that "
                    "Keras adds (2 × N + 1); an old or custom Normalization?",
                    p,
                )
    return _mismatch(
        f"{_n(p)} ≠ 2 × {_n(c)} + 1 = {_n(2 * c + 1)} (mean, variance + count)",
        f"{_name(facts)} shows {_n(p)} but Normalization on {_shape_text(shape)} has "
        f"2 × {_n(c)} + 1 = {_n(2 * c + 1)} (mean, variance per feature + count), 0 with "
        "mean/variance passed in, and no set of kept axes gives it — a pasted or edited count?",
        2 * c + 1,
    )


def _spectral_norm(facts: LayerFacts) -> Derivation:
    """SpectralNormalization: the wrapped layer's count + F (vector_u, non-trainable)."""
    p, out, inp = facts.params, _out(facts), _in(facts)
    f = _last(out)
    if f is None:
        return _undecidable(f"{_n(p)}: wrapped layer + output units (vector_u); shape not shown")
    rest = p - f
    d = _last(inp)
    if d is not None and rest in (d * f + f, d * f):
        bias = f" + {_n(f)}" if rest == d * f + f else ""
        return _ok(
            f"{_n(p)} = ({_n(d)} × {_n(f)}{bias}) + {_n(f)} (wrapped Dense + vector_u, "
            "non-trainable)",
            p,
            f,
        )
    if d is not None and rest > 0:
        for b in (1, 0):
            r = rest - b * f
            if r > 0 and r % (d * f) == 0:
                k = r // (d * f)
                return _ok(
                    f"{_n(p)} = {_n(f)} × (K × {_n(d)}{' + 1' if b else ''}) + {_n(f)} (wrapped "
                    f"convolution, K = {_n(k)}, + vector_u, non-trainable)",
                    p,
                    f,
                )
    return _undecidable(
        f"{_n(p)} = wrapped layer + {_n(f)} (vector_u, non-trainable): the wrapped layer is not "
        f"printed, so its {_n(rest)} are not re-derived",
        f,
    )


# --------------------------------------------------------------------------- recurrent

_CELL_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


@dataclass(frozen=True)
class _RnnVariant:
    cell: str
    gates: int
    bias: int  # bias terms per gate row: 0, 1 or 2
    label: str


def _rnn_variants(cell: str, era: str, cudnn: bool = False) -> list[_RnnVariant]:
    if cudnn:
        g = 4 if cell == "LSTM" else 3
        return [_RnnVariant(cell, g, 2, f"CuDNN{cell}: double bias")]
    if cell == "GRU":
        after = _RnnVariant("GRU", 3, 2, "reset_after=True, the TF2 / Keras 3 default")
        before = _RnnVariant(
            "GRU", 3, 1, "reset_after=False, the Keras 1 / standalone Keras 2 / TF1 default"
        )
        nobias = _RnnVariant("GRU", 3, 0, "use_bias=False")
        if era in ("keras1.0", "keras1", "keras2"):
            return [before, after, nobias]
        return [after, before, nobias]
    g = _CELL_GATES[cell]
    return [_RnnVariant(cell, g, 1, ""), _RnnVariant(cell, g, 0, "use_bias=False")]


def _rnn_count(v: _RnnVariant, d: int, u: int) -> int:
    return v.gates * u * (d + u + v.bias)


def _rnn_formula(v: _RnnVariant, d: int, u: int) -> str:
    gates = f"{v.gates} × " if v.gates > 1 else ""
    bias = f" + {v.bias}" if v.bias else ""
    return f"{gates}{_n(u)} × ({_n(d)} + {_n(u)}{bias})"


def _rnn_words(v: _RnnVariant) -> str:
    bias = {0: "", 1: " + bias", 2: " + 2 biases"}[v.bias]
    if v.gates > 1:
        base = f"{v.gates} gates × units × (input + units{bias})"
    else:
        base = f"units × (input + units{bias})"
    return base + (f"; {v.label}" if v.label else "")


def _rnn_units(facts: LayerFacts) -> int | None:
    return _last(_out(facts))


def _rnn(facts: LayerFacts, cell: str, cudnn: bool = False, era: str | None = None) -> Derivation:
    p = facts.params
    u, d = _rnn_units(facts), _last(_in(facts))
    variants = _rnn_variants(cell, facts.era if era is None else era, cudnn)
    if u is None:
        return _undecidable(
            f"{_n(p)}: {facts.type} has gates × units × (input + units + bias); units not shown"
        )
    if d is None:
        for v in variants:
            per = v.gates * u
            if p % per == 0 and p // per - u - v.bias >= 1:
                dd = p // per - u - v.bias
                out = _out(facts)
                solved = (None, out[1] if out is not None and len(out) == 3 else None, dd)
                return _ok(
                    f"{_n(p)} = {_rnn_formula(v, dd, u)} ({_rnn_words(v)}; input size {_n(dd)} "
                    "solved from the count)",
                    p,
                    solved_input=solved,
                )
        forms = " or ".join(
            sorted({_rnn_formula(v, 1, u).replace("(1 + ", "(D + ") for v in variants})
        )
        return _mismatch(
            f"{_n(p)} ≠ {forms} for any whole input size D",
            f"{_name(facts)} shows {_n(p)} but {facts.type}({u}) always has {forms} parameters, "
            "and no whole input size D gives that count — a pasted or edited count?",
        )
    for v in variants:
        if _rnn_count(v, d, u) == p:
            return _ok(f"{_n(p)} = {_rnn_formula(v, d, u)} ({_rnn_words(v)})", p)
    exp = _rnn_count(variants[0], d, u)
    alts = ", ".join(f"{_n(_rnn_count(v, d, u))} ({v.label or 'with bias'})" for v in variants)
    return _mismatch(
        f"{_n(p)} ≠ {_rnn_formula(variants[0], d, u)} = {_n(exp)} ({_rnn_words(variants[0])})",
        f"{_name(facts)} shows {_n(p)} but {facts.type}({u}) on {_n(d)} inputs has "
        f"{_rnn_formula(variants[0], d, u)} = {_n(exp)}; the possible counts are {alts} — is the "
        "input shape right, or was the count edited?",
        exp,
    )


def _simple_rnn(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "SimpleRNN")


def _lstm(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "LSTM")


def _gru(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "GRU")


def _gru_v1(facts: LayerFacts) -> Derivation:
    """tf.compat.v1 GRU: reset_after=False by default in every version."""
    return _rnn(facts, "GRU", era="keras2")


def _cudnn_lstm(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "LSTM", cudnn=True)


def _cudnn_gru(facts: LayerFacts) -> Derivation:
    return _rnn(facts, "GRU", cudnn=True)


def _all_cell_variants(era: str) -> list[_RnnVariant]:
    variants = (
        _rnn_variants("LSTM", era) + _rnn_variants("GRU", era) + _rnn_variants("SimpleRNN", era)
    )
    if era not in ("keras3", "tf2", *KERAS1_ERAS):
        variants += _rnn_variants("LSTM", era, True) + _rnn_variants("GRU", era, True)
    return sorted(variants, key=lambda v: v.bias == 0)


def _generic_rnn(facts: LayerFacts) -> Derivation:
    """RNN(cell): the cell is not printed; try the built-in cells."""
    p, u, d = facts.params, _rnn_units(facts), _last(_in(facts))
    if u is not None and d is not None:
        for v in _all_cell_variants(facts.era):
            if _rnn_count(v, d, u) == p:
                return _ok(
                    f"{_n(p)} = {_rnn_formula(v, d, u)} (fits RNN({v.cell}Cell({u})): "
                    f"{_rnn_words(v)})",
                    p,
                )
    return _undecidable(
        f"{_n(p)}: RNN wraps a cell that the summary does not name, so its count is not re-derived"
    )


def _bidirectional(facts: LayerFacts) -> Derivation:
    p, d = facts.params, _last(_in(facts))
    outs = facts.output
    if not outs:
        return _undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; output not shown")
    if len(outs) >= 2 and _last(outs[0]) is not None:
        unit_options = [(_last(outs[0]), "merge_mode=None")]
    else:
        last = _last(outs[0])
        if last is None:
            return _undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; units not shown")
        unit_options = []
        if last % 2 == 0:
            unit_options.append((last // 2, "concat"))
        unit_options.append((last, "sum/mul/ave"))
    variants = _all_cell_variants(facts.era)
    if d is None:
        options = []
        for units, _mode in unit_options:
            for v in variants:
                per = 2 * v.gates * units  # type: ignore[operator]
                if p % per == 0 and p // per - units - v.bias >= 1:  # type: ignore[operator]
                    dd = p // per - units - v.bias  # type: ignore[operator]
                    options.append(f"{v.cell}({units}) on {_n(dd)} inputs")
        if options:
            return _undecidable(
                f"{_n(p)} = 2 × {_n(p // 2)} (forward + backward copies); the input is not "
                f"shown — fits e.g. {', '.join(dict.fromkeys(options[:3]))}"
            )
        return _undecidable(f"{_n(p)}: Bidirectional = 2 × the wrapped layer; input not shown")
    for units, mode in unit_options:
        for v in variants:
            one = _rnn_count(v, d, units)  # type: ignore[arg-type]
            if 2 * one == p:
                return _ok(
                    f"{_n(p)} = 2 × {_n(one)}: forward + backward {v.cell}({units}) on {_n(d)} "
                    f"inputs, each {_rnn_formula(v, d, units)} ({_rnn_words(v)}; "  # type: ignore[arg-type]
                    f"merge_mode {mode})",
                    p,
                )
    # A smaller backward_layer: Keras 3 prints 2 × forward units, tf.keras forward + backward.
    last = _last(outs[0]) if len(outs) == 1 else None
    if last is not None and last <= 8192:
        pairs = [(last // 2, ub) for ub in range(1, last // 2)] if last % 2 == 0 else []
        pairs += [(uf, last - uf) for uf in range(last // 2 + 1, last)]
        for v in variants:
            for uf, ub in pairs:
                if _rnn_count(v, d, uf) + _rnn_count(v, d, ub) == p:
                    return _ok(
                        f"{_n(p)} = {_n(_rnn_count(v, d, uf))} + {_n(_rnn_count(v, d, ub))}: "
                        f"forward {v.cell}({uf}) + a smaller backward_layer {v.cell}({ub}) "
                        f"on {_n(d)} inputs ({_rnn_words(v)})",
                        p,
                    )
    units, mode = unit_options[0]
    lstm = 2 * _rnn_count(_rnn_variants("LSTM", facts.era)[0], d, units)  # type: ignore[arg-type]
    gru = [2 * _rnn_count(v, d, units) for v in _rnn_variants("GRU", facts.era)[:2]]  # type: ignore[arg-type]
    simple = 2 * _rnn_count(_rnn_variants("SimpleRNN", facts.era)[0], d, units)  # type: ignore[arg-type]
    return _mismatch(
        f"{_n(p)} ≠ 2 × the count of any LSTM, GRU or SimpleRNN with {units} units on "
        f"{_n(d)} inputs",
        f"{_name(facts)} shows {_n(p)} but Bidirectional over {units} units on {_n(d)} inputs "
        f"has 2 × one layer: LSTM {_n(lstm)}, GRU {_n(gru[0])} or {_n(gru[1])}, SimpleRNN "
        f"{_n(simple)} (with bias) — none gives {_n(p)}; is the input shape right, or was the "
        "count edited?",
    )


def _conv_lstm(facts: LayerFacts) -> Derivation:
    """ConvLSTM: 4 × F × (K × (C + F) + 1)."""
    p, rank = facts.params, _conv_rank(facts.type)
    inp, out = _in(facts), _out(facts)
    found_known = False
    for cf in (bool(facts.channels_first), not facts.channels_first):
        c = None
        if inp is not None and len(inp) == rank + 3:
            c = inp[2] if cf else inp[-1]
        f = None
        if out is not None and len(out) in (rank + 2, rank + 3):
            f = (out[1] if len(out) == rank + 2 else out[2]) if cf else out[-1]
        if not f:
            continue
        found_known = found_known or c is not None
        for b in (1, 0):
            if p % (4 * f):
                continue
            rest = p // (4 * f) - b
            if c is None:
                if rest > f:
                    return _ok(
                        f"{_n(p)} = 4 × {_n(f)} × (K × (C + {_n(f)}){' + 1' if b else ''}) "
                        "(input channels not shown)",
                        p,
                    )
                continue
            if rest > 0 and rest % (c + f) == 0:
                k = rest // (c + f)
                return _ok(
                    f"{_n(p)} = 4 × {_n(f)} × (K × ({_n(c)} + {_n(f)}){' + 1' if b else ''}) → "
                    f"K = {_n(k)} → {_kernel_text(k, rank, None)} (4 gates × filters × (kernel × "
                    f"(input + recurrent channels){' + bias' if b else ''}))",
                    p,
                )
    if not found_known:
        return _undecidable(
            f"{_n(p)}: {facts.type} has 4 × F × (K × (C + F) + 1); shapes not shown"
        )
    return _mismatch(
        f"{_n(p)} ≠ 4 × F × (K × (C + F) + 1) for any whole kernel volume K",
        f"{_name(facts)} shows {_n(p)} but {facts.type} has 4 × filters × (K × (channels + "
        "filters) + 1), and no whole kernel size K gives it — is the input shape right, or was "
        "the count edited?",
    )


def _time_distributed(facts: LayerFacts) -> Derivation:
    """TimeDistributed: the inner layer is not printed; try weightless, Dense and Conv."""
    p, inp, out = facts.params, _in(facts), _out(facts)
    if p == 0:
        return _ok("0: the wrapped layer has no weights (e.g. Flatten, pooling, Dropout)", 0)
    inner_in = (inp[0], *inp[2:]) if inp is not None and len(inp) >= 3 else None
    inner_out = (out[0], *out[2:]) if out is not None and len(out) >= 3 else None
    d, u = _last(inner_in), _last(inner_out)
    if d is not None and u is not None:
        if p in (d * u + u, d * u):
            bias = f" + {_n(u)}" if p == d * u + u else ""
            return _ok(
                f"{_n(p)} = {_n(d)} × {_n(u)}{bias} (TimeDistributed(Dense({u})): the same "
                "Dense applied at every time step)",
                p,
            )
        if inner_out is not None and 3 <= len(inner_out) <= 5:
            rank = len(inner_out) - 2
            conv = LayerFacts(
                facts.name,
                f"Conv{rank}D",
                p,
                (inner_out,),
                (inner_in,) if inner_in else None,
                facts.era,
                facts.channels_first,
            )
            fits, _known_cf = _conv_fits(conv, bool(facts.channels_first), True)
            if fits:
                fit = fits[0]
                return _ok(
                    f"{_n(p)} = {_n(fit.f)} filters × (K × {_n(fit.c or 0)} channels"
                    f"{' + 1' if fit.bias else ''}) → K = {fit.k} → "
                    f"{_kernel_text(fit.k, rank, fit.implied)} (fits TimeDistributed(Conv{rank}D): "
                    "the same convolution at every time step)",
                    p,
                )
    return _undecidable(
        f"{_n(p)}: TimeDistributed applies a wrapped layer that the summary does not name; "
        "the count is the wrapped layer's own"
    )


# --------------------------------------------------------------------------- attention


def _solve_two(p: int, a: int, b: int, limit: int = 1000) -> list[tuple[int, int]]:
    """Positive (x, y) with a·x + b·y = p (at most `limit` of them, smallest x first)."""
    out: list[tuple[int, int]] = []
    if a <= 0 or b <= 0 or p <= 0:
        return out
    step = b // math.gcd(a, b)
    # the smallest positive x of the solution class lies in 1..step
    for x0 in range(1, min(step, p // a, 10**6) + 1):
        if (p - a * x0) % b == 0:
            x = x0
            while len(out) < limit and p - a * x > 0:
                out.append((x, (p - a * x) // b))
                x += step
            break
    return out


def _heads_example(hk: int) -> str:
    for h in (8, 12, 16, 4, 2):
        if hk % h == 0 and hk // h >= 16:
            return f"e.g. {h} heads × {hk // h}"
    for h in (4, 2, 1):
        if hk % h == 0:
            return f"e.g. {h} head{'s' if h > 1 else ''} × {hk // h}"
    return f"e.g. 1 head × {hk}"  # pragma: no cover


def _mha_dims(facts: LayerFacts) -> tuple[int, int, int, int] | None:
    """(Dq, Dk, Dv, Dout) from the inbound shapes: query, value, key."""
    out = _last(_out(facts))
    ins = facts.inputs
    if out is None:
        return None
    if not ins:
        return out, out, out, out
    lasts = [_last(s) for s in ins]
    if any(x is None for x in lasts):
        return None
    q = lasts[0]
    v = lasts[1] if len(lasts) > 1 else q
    k = lasts[2] if len(lasts) > 2 else v
    return q, k, v, out  # type: ignore[return-value]


def _mha(facts: LayerFacts) -> Derivation:
    """MultiHeadAttention: H·Kd·(Dq + Dk + 2b) + H·Vd·(Dv + Dout + b) + b·Dout."""
    p = facts.params
    dims = _mha_dims(facts)
    if dims is None:
        return _undecidable(
            f"{_n(p)}: MultiHeadAttention = H·Kd·(Dq + Dk + 2) + H·Vd·(Dv + Dout + 1) + Dout; "
            "the input dims are not shown"
        )
    q, k, v, o = dims
    if max(dims) > 10**6:
        return _undecidable(f"{_n(p)}: MultiHeadAttention dims this large are not worked on")
    assumed = "" if facts.inputs else " (assuming self-attention: the inputs are not shown)"
    for b in (1, 0):
        per = q + k + v + o + 3 * b
        rest = p - b * o
        if rest > 0 and rest % per == 0:
            hk = rest // per
            if q == k == v == o:
                inner = f"4 × {_n(q)}{' + 3' if b else ''}"
            else:
                inner = f"{_n(q)} + {_n(k)} + {_n(v)} + {_n(o)}{' + 3' if b else ''}"
            tail = f" + {_n(o)}" if b else ""
            nb = "" if b else "; use_bias=False"
            return _ok(
                f"{_n(p)} = H·Kd × ({inner}){tail} → H × key_dim = {_n(hk)} "
                f"({_heads_example(hk)}{nb}){assumed}",
                p,
            )
    for b in (1, 0):
        sols = _solve_two(p - b * o, q + k + 2 * b, v + o + b)
        if sols:
            hk, hv = max(sols, key=lambda xy: (math.gcd(*xy), -abs(xy[0] - xy[1])))
            more = f"; {len(sols) - 1} other split(s) also fit" if len(sols) > 1 else ""
            return _ok(
                f"{_n(p)} = H·Kd × ({_n(q)} + {_n(k)}{' + 2' if b else ''}) + H·Vd × ({_n(v)} + "
                f"{_n(o)}{' + 1' if b else ''}){' + ' + _n(o) if b else ''} → H × key_dim = "
                f"{_n(hk)}, H × value_dim = {_n(hv)} (value_dim differs from key_dim"
                f"{'' if b else '; use_bias=False'}{more}){assumed}",
                p,
            )
    if not facts.inputs:
        return _undecidable(
            f"{_n(p)}: does not fit self-attention on {_n(o)} features; the inputs are not shown"
        )
    return _mismatch(
        f"{_n(p)} ≠ H·Kd·({_n(q)} + {_n(k)} + 2) + H·Vd·({_n(v)} + {_n(o)} + 1) + {_n(o)} for any "
        "whole head sizes",
        f"{_name(facts)} shows {_n(p)} but MultiHeadAttention with query dim {_n(q)}, key dim "
        f"{_n(k)}, value dim {_n(v)} and output dim {_n(o)} has H·Kd × {_n(q + k + 2)} + H·Vd × "
        f"{_n(v + o + 1)} + {_n(o)}, which no whole H·key_dim and H·value_dim make {_n(p)} — "
        "are the inputs right, or was the count edited?",
    )


def _gqa(facts: LayerFacts) -> Derivation:
    """GroupQueryAttention: Hq·hd·(Dq + 1 + Dq) + Hkv·hd·(Dk + 1 + Dv + 1) + Dq."""
    p = facts.params
    dims = _mha_dims(facts)
    if dims is None:
        return _undecidable(f"{_n(p)}: GroupQueryAttention's input dims are not shown")
    q, k, v, o = dims
    if max(dims) > 10**6:
        return _undecidable(f"{_n(p)}: GroupQueryAttention dims this large are not worked on")
    for b in (1, 0):
        sols = [
            (x, y)
            for x, y in _solve_two(p - b * o, q + o + b, k + v + 2 * b)
            if y <= x and x % y == 0
        ]
        if sols:
            x, y = sols[0]
            return _ok(
                f"{_n(p)} = Hq·hd × ({_n(q)} + {_n(o)}{' + 1' if b else ''}) + Hkv·hd × "
                f"({_n(k)} + {_n(v)}{' + 2' if b else ''}){' + ' + _n(o) if b else ''} → "
                f"query heads × head_dim = {_n(x)}, key/value heads × head_dim = {_n(y)}",
                p,
            )
    if not facts.inputs:
        return _undecidable(f"{_n(p)}: does not fit GroupQueryAttention on {_n(o)} features")
    return _mismatch(
        f"{_n(p)} fits no whole head split of GroupQueryAttention",
        f"{_name(facts)} shows {_n(p)} but GroupQueryAttention on {_n(q)}-dim queries has "
        f"Hq·hd × {_n(q + o + 1)} + Hkv·hd × {_n(k + v + 2)} + {_n(o)}, and no whole head split "
        "gives it — a pasted or edited count?",
    )


def _attention(facts: LayerFacts) -> Derivation:
    p = facts.params
    texts = {
        0: "0: Attention (dot-product) has no weights by default",
        1: "1: one scalar (use_scale=True or score_mode='concat')",
        2: "2: two scalars (use_scale=True and score_mode='concat')",
    }
    if p in texts:
        return _ok(texts[p], p)
    return _mismatch(
        f"{_n(p)} ∉ {{0, 1, 2}} (Attention holds at most a scale and a concat weight)",
        f"{_name(facts)} shows {_n(p)} but Attention has 0 parameters, or 1–2 scalars with "
        "use_scale=True / score_mode='concat' — a pasted or edited count, or another "
        "attention layer?",
    )


def _additive_attention(facts: LayerFacts) -> Derivation:
    p = facts.params
    if p == 0:
        return _ok("0: AdditiveAttention with use_scale=False has no weights", 0)
    dims = {d for d in (_last(s) for s in (facts.inputs or ())) if d is not None}
    out = _last(_out(facts))
    if out is not None:
        dims.add(out)
    if p in dims:
        return _ok(
            f"{_n(p)}: one scale per feature ({_n(p)}-dim queries; use_scale=True, the default)", p
        )
    if not dims or not facts.inputs:
        return _undecidable(f"{_n(p)}: AdditiveAttention has D (the query dim) or 0")
    exp = max(dims)
    return _mismatch(
        f"{_n(p)} ≠ {_n(exp)} (one scale per query feature) or 0",
        f"{_name(facts)} shows {_n(p)} but AdditiveAttention on {_n(exp)}-dim queries has "
        f"{_n(exp)} (use_scale=True) or 0 — a pasted or edited count?",
        exp,
    )


def _per_value(facts: LayerFacts, m: int, weights: str) -> Derivation:
    """PReLU-style layers: m weights per input value, except along shared axes."""
    p, type_ = facts.params, facts.type
    shape = _in(facts) or _out(facts)
    if shape is None or len(shape) < 2:
        return _undecidable(f"{_n(p)}: {type_} has {weights} per (unshared) input value")
    full = list(range(1, len(shape)))
    times = f"{m} × " if m > 1 else ""
    matches = [axes for axes, size in _subset_products(shape) if m * size == p]
    if matches:
        axes = max(matches, key=len)
        dims = _dims_text([shape[a] for a in axes])  # type: ignore[misc]
        if list(axes) == full:
            return _ok(f"{_n(p)} = {times}{dims} ({weights} per input value)", p)
        shared = [a for a in full if a not in axes]
        return _ok(
            f"{_n(p)} = {times}{dims} ({weights} shared over {_axes_text(shared)}: "
            f"shared_axes={shared})",
            p,
        )
    if not _known(shape):
        return _undecidable(f"{_n(p)}: does not fit the shown dims of {_shape_text(shape)}")
    exp = m * _prod([shape[i] for i in full])  # type: ignore[misc]
    return _mismatch(
        f"{_n(p)} ≠ {times}the product of any of the input dims {_shape_text(shape)}",
        f"{_name(facts)} shows {_n(p)} but {type_} on {_shape_text(shape)} has {weights} per input "
        f"value ({_n(exp)}) or fewer along shared axes, and {_n(p)} fits no choice of shared axes "
        "— a pasted or edited count?",
        exp,
    )


def _prelu(facts: LayerFacts) -> Derivation:
    return _per_value(facts, 1, "one alpha")


def _parametric_softplus(facts: LayerFacts) -> Derivation:
    """Keras 1 ParametricSoftplus: alpha and beta per input value."""
    return _per_value(facts, 2, "alpha and beta")


def _srelu(facts: LayerFacts) -> Derivation:
    """Keras 1 SReLU: t_left, a_left, t_right, a_right per input value."""
    return _per_value(facts, 4, "t_left, a_left, t_right and a_right")


def _stft(facts: LayerFacts) -> Derivation:
    p, bins = facts.params, _last(_out(facts))
    if bins and p % (2 * bins) == 0:
        frame = p // (2 * bins)
        return _ok(
            f"{_n(p)} = 2 × {_n(frame)} × {_n(bins)} (real + imaginary DFT kernels: frame_length "
            f"{_n(frame)} × {_n(bins)} frequency bins)",
            p,
        )
    return _undecidable(
        f"{_n(p)}: STFTSpectrogram has 2 × frame_length × (fft_length // 2 + 1); not solved "
        "from the shown shape"
    )


def _nested(facts: LayerFacts) -> Derivation:
    return _ok(
        f"{_n(facts.params)}: sum of the inner model's weights (not re-derived here)", None, None
    )


# --------------------------------------------------------------------------- dispatch


def _formula_table() -> dict[str, Formula]:
    table: dict[str, Formula] = {
        "Dense": _dense,
        "TimeDistributedDense": _dense,
        "EinsumDense": _einsum_dense,
        "Highway": _highway,
        "MaxoutDense": _maxout_dense,
        "Embedding": _embedding,
        "ReversibleEmbedding": _reversible_embedding,
        "LayerNormalization": _layer_norm,
        "RMSNormalization": _rms_norm,
        "GroupNormalization": _group_norm,
        "Normalization": _normalization,
        "SpectralNormalization": _spectral_norm,
        "SimpleRNN": _simple_rnn,
        "SimpleRNNCell": _simple_rnn,
        "LSTM": _lstm,
        "LSTMV1": _lstm,
        "LSTMCell": _lstm,
        "GRU": _gru,
        "GRUCell": _gru,
        "GRUV1": _gru_v1,
        "CuDNNLSTM": _cudnn_lstm,
        "CuDNNGRU": _cudnn_gru,
        "RNN": _generic_rnn,
        "Bidirectional": _bidirectional,
        "TimeDistributed": _time_distributed,
        "MultiHeadAttention": _mha,
        "GroupQueryAttention": _gqa,
        "GroupedQueryAttention": _gqa,
        "Attention": _attention,
        "AdditiveAttention": _additive_attention,
        "PReLU": _prelu,
        "ParametricSoftplus": _parametric_softplus,
        "SReLU": _srelu,
        "STFTSpectrogram": _stft,
    }
    for name in _BN_TYPES:
        table[name] = _bn
    for dim in ("1D", "2D", "3D"):
        for name in (
            f"Conv{dim}", f"Convolution{dim}", f"Conv{dim}Transpose", f"AtrousConvolution{dim}",
            f"Deconvolution{dim}",
        ):  # fmt: skip
            table[name] = _conv
        table[f"SeparableConv{dim}"] = _separable
        table[f"SeparableConvolution{dim}"] = _separable
        table[f"DepthwiseConv{dim}"] = _depthwise
        table[f"LocallyConnected{dim}"] = _locally_connected
        table[f"ConvLSTM{dim}"] = _conv_lstm
    for name in NESTED_MODEL_TYPES:
        table[name] = _nested
    return table


FORMULAS: dict[str, Formula] = _formula_table()
"""One derivation function per Keras layer class name (Keras 1, 2 and 3 names)."""


def has_formula(type_name: str) -> bool:
    """Tell whether a layer type's count is re-derived by a formula (nested models included)."""
    return type_name in FORMULAS


def is_weightless(type_name: str) -> bool:
    """Tell whether a layer type owns no weights, so its count must be 0."""
    return type_name in WEIGHTLESS


def _zero_count(facts: LayerFacts) -> Derivation | None:
    """A layer with weights that shows 0: frozen in Keras 1.0/1.1, else never built or edited."""
    if facts.params != 0:
        return None
    if facts.era == "keras1.0":
        return _ok(
            f"0: Keras 1.0/1.1 rows count trainable weights only, so a frozen {facts.type} shows 0",
            0,
            None,
        )
    if facts.era == "keras1":
        return _undecidable(
            f"0: a {facts.type} has weights; Keras 1.0–1.1.2 rows counted trainable weights only, "
            "so a frozen layer printed 0 there"
        )
    return Derivation(
        MISMATCH,
        f"0 ≠ the weights every built {facts.type} has",
        f"{_name(facts)} shows 0 but a built {facts.type} always has weights — was the layer "
        "never built (a subclassed model), or was the count edited?",
        None,
        None,
    )


def derive(facts: LayerFacts) -> Derivation:
    """Re-derive one row's Param # and explain it; never raises."""
    type_ = facts.type
    p = facts.params
    if p > _MAX_PARAMS or p < 0:
        digits = len(str(abs(p))) if p.bit_length() < 10000 else "thousands of"
        return _undecidable(
            f"a count of {digits} digits is beyond any real layer; it is not re-derived"
        )
    if type_ in WEIGHTLESS:
        return _weightless(facts)
    formula = FORMULAS.get(type_)
    if formula is None:
        if type_.endswith("Model") and type_ != "Model":
            return _undecidable(
                f"{_n(p)}: sum of the inner model's weights (a {type_} model row; not "
                "re-derived here)"
            )
        text = f"{_n(p)}: no formula for {type_ or 'this layer type'}, so this count is not checked"
        message = (
            f"{_name(facts)} is a {type_ or 'layer of unknown type'}, a layer type summaryaudit "
            f"has no formula for, so its count of {_n(p)} is not checked"
        )
        return Derivation(UNVERIFIED_STATUS, text, message, None, None)
    zero_ok = (
        _nested, _normalization, _attention, _additive_attention, _time_distributed,
        _layer_norm, _group_norm, _generic_rnn,
    )  # fmt: skip
    frozen = _zero_count(facts) if formula not in zero_ok else None
    if frozen is not None:
        return frozen
    try:
        return formula(facts)
    except (
        ArithmeticError,
        ValueError,
        TypeError,
        IndexError,
        AssertionError,
    ) as exc:  # pragma: no cover
        return _undecidable(f"{_n(p)}: could not derive the {type_} count ({exc})")


# --------------------------------------------------------------------------- data format


_CONV_TYPES = tuple(name for name, fn in FORMULAS.items() if fn in (_conv, _separable, _depthwise))


def _conv_orientation_fits(facts: LayerFacts) -> tuple[bool, bool]:
    """(fits channels_last, fits channels_first) for a convolution row."""
    fits: list[bool] = []
    formula = FORMULAS[facts.type]
    for cf in (False, True):
        if formula is _conv:
            found, _ = _conv_fits(facts, cf, facts.era not in KERAS1_ERAS)
            fits.append(bool(found))
        elif formula is _depthwise:
            fits.append(isinstance(_depthwise_fit(facts, cf), Derivation))
        else:
            fits.append(_separable_fit(facts, cf) is not None)
    return fits[0], fits[1]


def _pool_vote(facts: LayerFacts) -> bool | None:
    """A 2D/3D pooling row that keeps axis 1 and shrinks the last axis is channels_first."""
    if not (facts.type.startswith(("MaxPool", "AveragePool", "AvgPool"))):
        return None
    inp, out = _in(facts), _out(facts)
    if inp is None or out is None or len(inp) != len(out) or len(inp) < 4:
        return None
    if not _known(inp) or not _known(out):
        return None
    keeps_first = inp[1] == out[1]
    keeps_last = inp[-1] == out[-1]
    if keeps_first and not keeps_last and out[-1] < inp[-1]:  # type: ignore[operator]
        return True
    if keeps_last and not keeps_first and out[1] < inp[1]:  # type: ignore[operator]
        return False
    return None


def _input_vote(facts: LayerFacts) -> bool | None:
    """An image input such as (None, 3, 224, 224) ('th') or (None, 224, 224, 3) ('tf')."""
    out = _out(facts)
    if out is None or len(out) not in (4, 5) or not _known(out):
        return None
    first, last = out[1], out[-1]
    if first in (1, 3, 4) and last not in (1, 3, 4) and last > 4:  # type: ignore[operator]
        return True
    if last in (1, 3, 4) and first not in (1, 3, 4) and first > 4:  # type: ignore[operator]
        return False
    return None


def infer_channels_first(layers: Sequence[LayerFacts]) -> bool | None:
    """Decide the model's data format from conv counts that fit only one channel axis.

    Convolution counts weigh most (two votes each); pooling rows that keep axis 1 and image
    inputs shaped like (None, 3, 224, 224) add one vote each. A tie gives None.
    """
    votes_first = votes_last = 0
    for facts in layers:
        if facts.type in _CONV_TYPES:
            out = _out(facts)
            if out is None or len(out) < 4:
                continue  # 1D convolutions are nearly always channels_last; no evidence
            last, first = _conv_orientation_fits(facts)
            if last and not first:
                votes_last += 2
            elif first and not last:
                votes_first += 2
            continue
        vote = _pool_vote(facts) if facts.type != "InputLayer" else _input_vote(facts)
        if vote is True:
            votes_first += 1
        elif vote is False:
            votes_last += 1
    if votes_first > votes_last:
        return True
    if votes_last > votes_first:
        return False
    return None


# --------------------------------------------------------------------------- shape chain

_SAME_SHAPE = {
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
    "GaussianDropout", "GaussianNoise", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
    "ThresholdedReLU", "PReLU", "Masking", "ActivityRegularization", "Identity",
    "UnitNormalization", "LayerNormalization", "RMSNormalization", "GroupNormalization",
    "Rescaling", "RandomFlip", "RandomRotation", "RandomTranslation", "RandomContrast",
    "RandomBrightness", "RandomZoom", *_BN_TYPES,
}  # fmt: skip
_ELEMENTWISE_MERGE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")


def _conflict(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and a != b


def _shapes_differ(a: Shape, b: Shape) -> bool:
    if len(a) != len(b):
        return True
    return any(_conflict(x, y) for x, y in zip(a[1:], b[1:]))


def expected_output_problem(facts: LayerFacts) -> str | None:
    """A learner message when the printed output cannot follow from type and input, else None."""
    if facts.output is None or not facts.inputs:
        return None
    try:
        return _output_problem(facts)
    except (ArithmeticError, ValueError, TypeError, IndexError):  # pragma: no cover
        return None


def _output_problem(facts: LayerFacts) -> str | None:
    type_, name = facts.type, _name(facts)
    outs, ins = facts.output, facts.inputs
    assert outs is not None and ins is not None
    if type_ in _ELEMENTWISE_MERGE or type_ == "Concatenate":
        return _merge_problem(facts)
    if len(outs) != 1 or len(ins) != 1:
        return None
    out, inp = outs[0], ins[0]
    if not out or not inp:
        return None
    if type_ in _SAME_SHAPE:
        if _shapes_differ(inp, out):
            return (
                f"{name} shows {_shape_text(out)} but {type_} keeps its input's shape "
                f"{_shape_text(inp)} — is the row above (or the Connected to entry) the real input?"
            )
        return None
    if type_ == "Flatten":
        if len(out) != 2 or out[1] is None or not _known(inp):
            return None
        size = _prod(inp[1:])  # type: ignore[arg-type]
        if out[1] != size:
            return (
                f"{name} shows {_shape_text(out)} but flattening {_shape_text(inp)} gives "
                f"{_dims_text(inp[1:])} = {_n(size)} values per sample"  # type: ignore[arg-type]
            )
        return None
    if type_ in ("Dense", "TimeDistributedDense"):
        if len(inp) == len(out) and any(_conflict(a, b) for a, b in zip(inp[1:-1], out[1:-1])):
            return (
                f"{name} shows {_shape_text(out)} but Dense only changes the last axis of "
                f"{_shape_text(inp)}, so every other axis should stay the same"
            )
        if (
            len(inp) != len(out)
            and len(inp) >= 2
            and len(out) >= 2
            and facts.era not in KERAS1_ERAS
        ):
            return (
                f"{name} shows {_shape_text(out)} but Dense on {_shape_text(inp)} keeps the rank "
                f"({len(inp)} axes); a Flatten or pooling layer may be missing from the paste"
            )
        return None
    if type_ == "Reshape":
        if _known(inp) and _known(out):
            a, b = _prod(inp[1:]), _prod(out[1:])  # type: ignore[arg-type]
            if a != b:
                return (
                    f"{name} shows {_shape_text(out)} ({_n(b)} values) but its input "
                    f"{_shape_text(inp)} has {_n(a)} values; Reshape cannot change the count"
                )
        return None
    if type_ == "RepeatVector":
        if len(inp) == 2 and len(out) == 3 and _conflict(inp[1], out[2]):
            return (
                f"{name} shows {_shape_text(out)} but RepeatVector repeats {_shape_text(inp)}, "
                f"so the last axis should stay {inp[1]}"
            )
        return None
    if type_ == "Permute":
        if _known(inp) and _known(out) and sorted(inp[1:]) != sorted(out[1:]):  # type: ignore[type-var]
            return (
                f"{name} shows {_shape_text(out)} but Permute only reorders the axes of "
                f"{_shape_text(inp)}"
            )
        return None
    if type_ in WEIGHTLESS and ("Pool" in type_):
        return _pool_problem(facts, inp, out)
    if type_.startswith("ZeroPadding") or type_.startswith("Cropping"):
        grow = type_.startswith("ZeroPadding")
        if len(inp) == len(out) and len(inp) >= 3:
            for a, b in zip(inp[1:], out[1:]):
                if a is not None and b is not None and ((b < a) if grow else (b > a)):
                    verb = "only adds" if grow else "only removes"
                    return (
                        f"{name} shows {_shape_text(out)} but {type_} {verb} rows/columns, so "
                        f"it cannot turn {_shape_text(inp)} into that"
                    )
        return None
    if type_ in ("Embedding",):
        if len(out) == len(inp) + 1 and any(_conflict(a, b) for a, b in zip(inp[1:], out[1:-1])):
            return (
                f"{name} shows {_shape_text(out)} but Embedding maps each index of "
                f"{_shape_text(inp)} to a vector, so the other axes should stay the same"
            )
        return None
    return None


def _pool_problem(facts: LayerFacts, inp: Shape, out: Shape) -> str | None:
    type_, name = facts.type, _name(facts)
    if type_.startswith("Global"):
        cands = {inp[-1], inp[1]} if len(inp) >= 3 else {inp[-1]}
        channel = out[-1] if len(out) == 2 else None
        if channel is not None and None not in cands and channel not in cands:
            return (
                f"{name} shows {_shape_text(out)} but {type_} keeps the channel count of "
                f"{_shape_text(inp)}"
            )
        return None
    if type_.startswith("Adaptive") or len(inp) != len(out) or len(inp) < 3:
        return None
    keeps_last = not _conflict(inp[-1], out[-1])
    keeps_first = not _conflict(inp[1], out[1])
    if not keeps_last and not keeps_first:
        return (
            f"{name} shows {_shape_text(out)} but {type_} keeps the channel count of "
            f"{_shape_text(inp)} (only the spatial size shrinks)"
        )
    for a, b in zip(inp[1:], out[1:]):
        if a is not None and b is not None and b > a:
            return (
                f"{name} shows {_shape_text(out)} but pooling {_shape_text(inp)} can only keep "
                "or shrink each axis"
            )
    return None


def _merge_problem(facts: LayerFacts) -> str | None:
    type_, name = facts.type, _name(facts)
    ins, outs = facts.inputs, facts.output
    assert ins is not None and outs is not None
    if len(ins) < 2 or len(outs) != 1:
        return None
    out = outs[0]
    rank = len(ins[0])
    if any(len(s) != rank for s in ins) or len(out) != rank:
        return None
    if type_ in _ELEMENTWISE_MERGE:
        for axis in range(1, rank):
            sizes = {s[axis] for s in ins if s[axis] is not None and s[axis] != 1}
            if len(sizes) > 1:
                shown = ", ".join(_shape_text(s) for s in ins)
                return (
                    f"{name} ({type_}) combines {shown}, whose axis {axis} sizes differ "
                    f"({' vs '.join(str(x) for x in sorted(sizes))}); {type_} needs equal shapes"
                )
        return None
    # Concatenate: some axis sums, all others equal.
    for axis in range(1, rank):
        total = 0
        ok = True
        for s in ins:
            if s[axis] is None:
                ok = False
                break
            total += s[axis]  # type: ignore[operator]
        if ok and out[axis] is not None and out[axis] != total:
            continue
        others_ok = all(
            not _conflict(s[i], out[i]) for s in ins for i in range(1, rank) if i != axis
        )
        if others_ok:
            return None
    if all(_known(s) for s in (*ins, out)):
        shown = ", ".join(_shape_text(s) for s in ins)
        return (
            f"{name} shows {_shape_text(out)} but concatenating {shown} along one axis sums "
            "that axis and keeps the others equal; no axis gives this shape"
        )
    return None
