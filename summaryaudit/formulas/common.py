"""Row facts, the derivation record and the helpers every layer family shares."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Callable, NamedTuple, Optional

from ..dialects import Era, TextEnum
from ..layer_classes import class_of_default_name
from ..patterns import lazy
from ..records import FrozenRecord, Shape, record_fields

Shapes = Optional[tuple[Shape, ...]]
_set_fields = object.__setattr__  # a frozen record's fields, set as one dict


class DerivationStatus(TextEnum):
    """How a row's printed count compares with what its class and shapes give."""

    OK = "ok"  # the count is what the formula gives
    MISMATCH = "mismatch"  # no reading of the row gives the count
    BN_AXIS = "bn-axis"  # a BatchNormalization count that fits another axis than the last
    WEIGHTLESS_NONZERO = "weightless-nonzero"  # a class without weights shows a count
    UNVERIFIED = "unverified"  # no formula for the class
    UNDECIDABLE = "undecidable"  # the shapes shown do not decide the count


class Solved(TextEnum):
    """What a row's own count was solved for, the print not showing it: the count is then only
    consistent with the class (any count of the right form passes), not verified."""

    INPUT_SIZE = "input size"
    INPUT_CHANNELS = "input channels"
    UNITS = "units"
    VOCABULARY = "vocabulary"
    HEADS = "heads × key size"  # an attention layer's, never printed
    FILTERS = "filters"  # a convolution's whose output Keras printed `multiple`


OK = DerivationStatus.OK
MISMATCH = DerivationStatus.MISMATCH
BN_AXIS = DerivationStatus.BN_AXIS
WEIGHTLESS_NONZERO = DerivationStatus.WEIGHTLESS_NONZERO
UNVERIFIED_STATUS = DerivationStatus.UNVERIFIED
UNDECIDABLE = DerivationStatus.UNDECIDABLE

KERAS1_ERAS = (Era.KERAS0, Era.KERAS1_0, Era.KERAS1)  # one totals line, or the Keras 1 classes


class LayerFacts(NamedTuple):
    """What a summary row shows about one layer, plus model-level context.

    A tuple: built for every row on the audit's hot path and the key of the derivation memo,
    so it is immutable, cheap to make and hashed in C.
    """

    name: str
    type: str
    params: int
    output: Shapes
    inputs: Shapes
    era: Era
    channels_first: bool | None
    # the row's tensor is a sequence of frames, (batch, time, …), as a ConvLSTM or a
    # TimeDistributed layer outputs it: channels_first, its channels follow the time axis
    frames: bool = False

    def with_type(self, type_: str) -> LayerFacts:
        """The same row read as another class (inference tries each candidate)."""
        return tuple.__new__(LayerFacts, (self[0], type_, *self[2:]))

    def unnamed(self) -> LayerFacts:
        """The same row without its name (for the memos of what the name plays no part in).

        Made with tuple.__new__: NamedTuple's _replace is two Python calls per row."""
        return tuple.__new__(LayerFacts, ("", *self[1:])) if self[0] else self

    def with_channels_first(self, channels_first: bool | None) -> LayerFacts:
        """The same row under the model's data format."""
        return self._replace(channels_first=channels_first)


@record_fields
class Derivation(FrozenRecord):
    """The arithmetic behind one row's count and whether it adds up."""

    status: DerivationStatus
    text: str
    message: str | None
    expected: int | None
    non_trainable: int | None
    solved_input: Shape | None
    solved: Solved | None  # what the count itself was solved for (see Solved)

    def __init__(
        self,
        status: DerivationStatus,
        text: str,
        message: str | None,
        expected: int | None,
        non_trainable: int | None,
        solved_input: Shape | None = None,
        solved: Solved | None = None,
    ) -> None:
        # One new dict: its reads stay on CPython's fast path (see records.FrozenRecord).
        _set_fields(
            self,
            "__dict__",
            {
                "status": status,
                "text": text,
                "message": message,
                "expected": expected,
                "non_trainable": non_trainable,
                "solved_input": solved_input,
                "solved": solved,
            },
        )


Formula = Callable[[LayerFacts], Derivation]


# --------------------------------------------------------------------------- small helpers


def num(value: int) -> str:
    return f"{value:,}"


def prod(dims: Sequence[int]) -> int:
    return math.prod(dims) if dims else 1


def flattened_size(shape: Shape | None) -> int | None:
    """The one axis a shape of feature maps or frames (`(None, 13, 13, 32)`) flattens to, 5,408;
    None when it has fewer than two axes after the batch, or one is not shown."""
    if shape is None or len(shape) < 3:
        return None
    dims = [dim for dim in shape[1:] if dim]
    return prod(dims) if len(dims) == len(shape) - 1 else None


def known(shape: Shape | None) -> bool:
    return shape is not None and all(d is not None for d in shape[1:])


def ok(text: str, expected: int | None, non_trainable: int | None = 0, **kw: object) -> Derivation:
    return Derivation(OK, text, None, expected, non_trainable, **kw)  # type: ignore[arg-type]


def undecidable(text: str, non_trainable: int | None = None) -> Derivation:
    return Derivation(UNDECIDABLE, text, None, None, non_trainable)


def mismatch(text: str, message: str, expected: int | None = None) -> Derivation:
    return Derivation(MISMATCH, text, message, expected, None)


def wrapped_class(facts: LayerFacts, prefix: str) -> str | None:
    """The class a wrapper row's name says it wraps (`prune_low_magnitude_conv2d`, `quant_dense`:
    the wrapper's prefix, then the wrapped layer's default name), or None."""
    if not facts.name.startswith(prefix) or len(facts.name) == len(prefix):
        return None
    return class_of_default_name(facts.name[len(prefix) :])


def unnamed_wrapped(facts: LayerFacts, wrapper: str, holds: str) -> Derivation:
    """A wrapper row whose name does not say the class it wraps (wrapped_class gave None): what
    the wrapper holds, its count not worked out."""
    return undecidable(
        f"{num(facts.params)}: {wrapper} wraps a layer the row does not name ({holds})"
    )


def wrapped_reading(
    facts: LayerFacts, inner: str, count: int, derive: Callable[[LayerFacts], Derivation]
) -> Derivation | None:
    """A wrapper row's wrapped layer read as class inner with this count (tfmot's pruning and
    quantization wrappers), when it adds up; None otherwise."""
    if count < 0:
        return None
    found = derive(LayerFacts(facts.name, inner, count, *facts[3:]))
    return found if found.status == OK else None


def output_of(facts: LayerFacts) -> Shape | None:
    """The layer's first output shape (RNN states and attention scores come after it)."""
    if not facts.output:
        return None
    return facts.output[0]


def input_of(facts: LayerFacts) -> Shape | None:
    """The data input: the first inbound shape (later ones are masks, states or other calls).

    A shared layer lists every call; when a call of the same rank disagrees on the last
    (feature) axis, the input is treated as unknown.
    """
    if not facts.inputs:
        return None
    first = facts.inputs[0]
    for other in facts.inputs[1:]:
        if len(other) == len(first) and len(first) >= 2 and conflict(first[-1], other[-1]):
            return None
    return first


def last_dim(shape: Shape | None) -> int | None:
    if shape is None or len(shape) < 2 or not shape[-1]:
        return None
    return shape[-1]


def shape_text(shape: Shape) -> str:
    body = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({body},)" if len(shape) == 1 else f"({body})"


def dims_text(dims: Sequence[int | None]) -> str:
    """Sizes as a product (`13 × 13 × 32`); an unknown size, which callers filter out, as ?."""
    return " × ".join("?" if d is None else num(d) for d in dims)


def axes_text(axes: Sequence[int]) -> str:
    if len(axes) == 1:
        return f"axis {axes[0]}"
    return "axes " + ", ".join(str(a) for a in axes[:-1]) + f" and {axes[-1]}"


def subset_products(shape: Shape) -> list[tuple[tuple[int, ...], int]]:
    """Every non-empty set of known non-batch axes (1-based) with the product of their sizes.

    Shapes of more than 8 axes (not real Keras tensors) only get single axes and all of them.
    """
    axes = [i for i in range(1, len(shape)) if shape[i] is not None]
    result: list[tuple[tuple[int, ...], int]] = []
    sizes = range(1, len(axes) + 1) if len(axes) <= 8 else (1, len(axes))
    for size in sizes:
        for combo in itertools.combinations(axes, size):
            result.append((combo, prod([shape[i] for i in combo])))  # type: ignore[misc]
    return result


def row_name(facts: LayerFacts) -> str:
    return facts.name or facts.type


def conflict(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and a != b


# `→ K = 161`: the kernel size a convolution's count was solved for
_SOLVED_KERNEL = lazy(r"→ K = (\d[\d,]*)")
LARGEST_ORDINARY_KERNEL = 64  # a kernel larger than this is no reading to infer a class from


def ordinary_reading(derived: Derivation) -> bool:
    """Tell whether a reading of a count holds with ordinary settings: a class the print does
    not show is inferred only from those (29b's 001: Conv1D 'groups=16, kernel 161, no bias'
    fits 20,608 on 64 channels, which says nothing of what the row is)."""
    text = derived.text
    if "groups=" in text or "center=False and scale=False" in text:
        # (72c's 002: a BatchNormalization with neither gamma nor beta, its 2 × 768 weights all
        # moving statistics, is no reading to infer a class from)
        return False
    kernel = _SOLVED_KERNEL.search(text) if "→ K = " in text else None
    return kernel is None or int(kernel.group(1).replace(",", "")) <= LARGEST_ORDINARY_KERNEL
