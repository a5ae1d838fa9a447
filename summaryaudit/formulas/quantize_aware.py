"""QuantizeWrapper and QuantizeLayer (TensorFlow Model Optimization's quantization-aware
training): the wrapped layer's weights and the ranges its quantizers learn."""

from __future__ import annotations

from typing import Callable

from ..layer_classes import classes_in_name
from ..records import replace
from .common import (
    OK,
    Derivation,
    LayerFacts,
    mismatch,
    ok,
    ordinary_reading,
    output_of,
    undecidable,
    unnamed_wrapped,
    wrapped_class,
    wrapped_reading,
)
from .common import num as _n
from .common import row_name as _name
from .normalization import BN_TYPES
from .weightless import WEIGHTLESS

PREFIX = "quant_"
_STEP = 1  # optimizer_step: one scalar per wrapper and per QuantizeLayer
_RANGE = 2  # a quantizer's min and max
# Per-channel kernel ranges (a min and a max for each filter) in tfmot's default 8-bit scheme;
# its other kernels (Dense, DepthwiseConv2D, the transposed convolutions) have one range each.
_PER_CHANNEL = ("Conv1D", "Conv2D", "Conv3D")

Deriver = Callable[[LayerFacts], Derivation]


def quantize_layer(facts: LayerFacts) -> Derivation:
    """`quantize_layer (QuantizeLayer)`: the range the model's input is quantized to (its min
    and max) and an optimizer step, all non-trainable."""
    p = facts.params
    said = (
        "the input's min and max + 1 optimizer step (non-trainable: the range it is quantized to)"
    )
    if p == _RANGE + _STEP:
        return ok(f"3 = {said}", 3, 3)
    return mismatch(
        f"{_n(p)} ≠ 3 = {said}",
        f"{_name(facts)} shows {_n(p)} but a QuantizeLayer holds 3: the input's min and max and "
        "an optimizer step. Was the count edited?",
        3,
    )


def quantize_wrapper(facts: LayerFacts, derive: Deriver) -> Derivation:
    """A row `quant_<layer> (QuantizeWrapperV2)`: the wrapped layer's weights, and, non-trainable,
    an optimizer step, the min and max of the kernel's quantizer (one per filter for a
    convolution) and of the activation's or output's quantizer when there is one."""
    inner = wrapped_class(facts, PREFIX)
    if inner is None:
        return _wrapped_by_name_words(facts, derive) or unnamed_wrapped(
            facts,
            "the quantize wrapper",
            "its weights, + 1 optimizer step, + the min and max of each quantizer",
        )
    return _wrapping(facts, inner, derive)


def _wrapped_by_name_words(facts: LayerFacts, derive: Deriver) -> Derivation | None:
    """A wrapper whose name is no default name (`quant_block_1_expand_BN`, MobileNetV2's words,
    77c's 010): the wrapping of the classes its words spell that gives the count with ordinary
    settings, said to be read from the words; None when none does, or two disagree."""
    out = output_of(facts)
    rank = len(out) - 2 if out and len(out) >= 3 else None
    readings = [
        (named, found)
        for named in classes_in_name(facts.name[len(PREFIX) :], rank)
        if (found := _wrapping(facts, named, derive)).status == OK
        and ordinary_reading(found)
        and found.solved is None  # (an unknown solved for is no evidence for the words)
    ]
    if not readings or len({(d.expected, d.non_trainable) for _, d in readings}) != 1:
        return None
    named = " or ".join(name for name, _ in readings)
    found = readings[0][1]
    return replace(found, text=f"{found.text} (the wrapped {named} read from the name's words)")


def _wrapping(facts: LayerFacts, inner: str, derive: Deriver) -> Derivation:
    """The count of a quantize wrapper around a layer of class inner."""
    p = facts.params
    if inner in WEIGHTLESS:
        if p == _STEP:
            return ok(
                f"1 = 1 optimizer step (non-trainable); the wrapped {inner} has no weights and its "
                "output is not quantized",
                1,
                1,
            )
        if p == _STEP + _RANGE:
            return ok(
                f"3 = 1 optimizer step + the min and max its output is quantized to "
                f"(non-trainable); the wrapped {inner} has no weights",
                3,
                3,
            )
        return _not_read(facts, inner)
    for ranges, ranges_text in _kernel_ranges(facts, inner):
        for activation in (_RANGE, 0):
            count = p - _STEP - ranges - activation
            found = wrapped_reading(facts, inner, count, derive)
            if found is None:
                continue
            added = [f"1 optimizer step{ranges_text}"]
            if activation:
                added.append("the min and max of its activation")
            return ok(
                f"{_n(p)} = {_n(count)} of the wrapped {inner} + {' + '.join(added)} "
                f"(non-trainable); {inner}: {found.text}",
                p,
                (found.non_trainable or 0) + _STEP + ranges + activation,
                solved=found.solved,
            )
    return _not_read(facts, inner)


def _kernel_ranges(facts: LayerFacts, inner: str) -> list[tuple[int, str]]:
    """How many range weights the wrapped layer's kernel quantizer may hold, with their words."""
    if inner in BN_TYPES:
        return [(0, "")]
    out = output_of(facts)
    filters = out[-1] if out and isinstance(out[-1], int) else None
    one = (_RANGE, " + the min and max of its kernel")
    if inner in _PER_CHANNEL and filters:
        each = (2 * filters, f" + a min and a max for each of its {_n(filters)} filters' kernels")
        return [each, one]
    return [one, (0, "")]


def _not_read(facts: LayerFacts, inner: str) -> Derivation:
    return undecidable(
        f"{_n(facts.params)}: no reading of a quantize wrapper around {inner} fits this count (the "
        f"{inner}'s weights, + 1 optimizer step, + the min and max of its kernel's and its "
        "activation's or output's quantizers): not checked"
    )
