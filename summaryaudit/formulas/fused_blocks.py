"""Rows a table written by hand gives to a block of layers (`Conv2D + BatchNorm + ReLU`)."""

from __future__ import annotations

from typing import Optional

from ..patterns import lazy
from .common import Derivation, LayerFacts, known, ok, undecidable
from .common import input_of as _in
from .common import num as _n
from .common import output_of as _out

# A name cell that lists two or more layers joined by `+` (backticks and bold already taken off)
_FUSED = lazy(r"[A-Za-z][\w.]*(?:[ \t`]*\+[ \t`]*[A-Za-z][\w.]*)+")
_PART = lazy(r"[A-Za-z][\w.]*")

# The words a block's parts are written in, by the class they stand for (lower case)
_WEIGHTED = {
    "conv1d": "Conv1D",
    "conv2d": "Conv2D",
    "conv3d": "Conv3D",
    "conv": "Conv2D",
    "convolution": "Conv2D",
    "convolution2d": "Conv2D",
    "dense": "Dense",
    "linear": "Dense",
    "fc": "Dense",
    "batchnorm": "BatchNormalization",
    "batchnormalization": "BatchNormalization",
    "batch_normalization": "BatchNormalization",
    "bn": "BatchNormalization",
}
_WEIGHTLESS = frozenset(
    {
        *("relu", "relu6", "leakyrelu", "activation", "dropout", "flatten", "softmax"),
        *("sigmoid", "gelu", "elu", "selu", "tanh", "swish", "silu", "spatialdropout2d"),
        *("maxpool", "maxpooling", "maxpooling2d", "maxpool2d", "pool", "pooling", "avgpool"),
        *("averagepooling2d", "globalaveragepooling2d", "gap"),
    }
)
_SIDES = (1, 3, 5, 7)  # the usual kernels: 1, 3×3, 5×5, 7×7 (of the class's rank)


def fused_parts(name: str) -> Optional[tuple[str, ...]]:
    """The classes a name cell that lists a block of layers stands for (`Conv2D + BatchNorm +
    ReLU`: Conv2D, BatchNormalization, and ReLU, which holds no weights, as ""), or None when
    the cell lists no block or a part is no layer this module knows."""
    if "+" not in name or not _FUSED.fullmatch(name.strip()):
        return None
    parts: list[str] = []
    for word in _PART.findall(name):
        key = word.lower()
        if key in _WEIGHTED:
            parts.append(_WEIGHTED[key])
        elif key in _WEIGHTLESS:
            parts.append("")
        else:
            return None
    weighted = [part for part in parts if part]
    if len(weighted) > 2 or len(set(weighted)) != len(weighted):
        return None
    return tuple(parts)


def fused_block(facts: LayerFacts, parts: tuple[str, ...]) -> Derivation:
    """A block's count: its convolution or Dense (with a bias or without) plus 4 × its output
    channels for a BatchNormalization after it; parts of no weights add nothing."""
    p, out, inp = facts.params, _out(facts), _in(facts)
    weighted = [part for part in parts if part]
    written = " + ".join(part or "an activation" for part in parts)
    said = f"a block of layers written as one row ({written})"
    if not out or out[-1] is None:
        return undecidable(f"{_n(p)}: {said}; its output channels are not shown")
    f = out[-1]
    assert isinstance(f, int)
    bn = 4 * f if "BatchNormalization" in weighted else 0
    main = next((part for part in weighted if part != "BatchNormalization"), None)
    if main is None:
        if p == bn:
            return ok(f"{_n(p)} = 4 × {_n(f)} of the BatchNormalization ({said})", p, 2 * f)
        return _off(facts, said, bn)
    rest = p - bn
    channels = inp[-1] if inp and known(inp) and isinstance(inp[-1], int) else None
    if channels is None:
        return undecidable(f"{_n(p)}: {said}; its input channels are not shown")
    bn_said = f" + {_n(bn)} of the BatchNormalization (4 × {_n(f)})" if bn else ""
    non_trainable = 2 * f if bn else 0
    for bias in (1, 0):
        without = "" if bias else ", use_bias=False"
        if main == "Dense":
            if channels * f + bias * f == rest:
                text = f"{_n(rest)} of the Dense ({_n(channels)} × {_n(f)} + {bias * f}{without})"
                return ok(f"{_n(p)} = {text}{bn_said} ({said})", p, non_trainable)
            continue
        rank = int(main[-2])
        for side in _SIDES:
            if f * (side**rank * channels + bias) == rest:
                kernel = "×".join([str(side)] * rank)
                on = f"{kernel} on {_n(channels)} channels{without}"
                text = f"{_n(rest)} of the {main} ({_n(f)} filters × {on})"
                return ok(f"{_n(p)} = {text}{bn_said} ({said})", p, non_trainable)
    return _off(facts, said, bn)


def _off(facts: LayerFacts, said: str, bn: int) -> Derivation:
    """A block's count that no usual kernel, bias setting or BatchNormalization gives: not
    decided (a block's parts may hold more than its words say: a stride, a separable kernel)."""
    held = f"; its BatchNormalization would hold {_n(bn)}" if bn else ""
    return undecidable(
        f"{_n(facts.params)}: {said}; no usual kernel or bias setting gives it{held}, so it is "
        "not checked"
    )
