"""Output shapes that cannot follow from a layer's type and input (the shape chain)."""

from __future__ import annotations

from ..layer_classes import ELEMENTWISE_MERGES, SEQUENCE_LAYERS
from ..patterns import lazy
from ..records import Shape
from .common import KERAS1_ERAS, LayerFacts, conflict, dims_text, known, prod, shape_text
from .common import num as _n
from .common import row_name as _name
from .normalization import BN_TYPES
from .weightless import WEIGHTLESS

# --------------------------------------------------------------------------- shape chain

_SAME_SHAPE = {
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
    "GaussianDropout", "GaussianNoise", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
    "ThresholdedReLU", "PReLU", "Masking", "ActivityRegularization", "Identity",
    "UnitNormalization", "LayerNormalization", "RMSNormalization", "GroupNormalization",
    "Rescaling", "RandomFlip", "RandomRotation", "RandomTranslation", "RandomContrast",
    "RandomBrightness", "RandomZoom", *BN_TYPES,
}  # fmt: skip
_RESIZING_PREFIXES = ("ZeroPadding", "Cropping")
# Every class _output_problem has a rule for, but the padding and cropping ones (by prefix).
_SHAPE_RULE_CLASSES = frozenset(
    {
        *ELEMENTWISE_MERGES, "Concatenate", "Dot", *_SAME_SHAPE, "Flatten", "Dense",
        "TimeDistributedDense", "Reshape", "RepeatVector", "Permute", "Embedding",
        *(name for name in WEIGHTLESS if "Pool" in name), *SEQUENCE_LAYERS,
    }
)  # fmt: skip


def keeps_channels(type_: str) -> bool:
    """Tell whether the class's output ends in its input's last axis, channels last: a pooling
    (global too), an activation, a dropout, a normalization."""
    return type_ in _SAME_SHAPE or ("Pool" in type_ and type_ in WEIGHTLESS)


def has_shape_rule(type_: str) -> bool:
    """Tell whether the shape chain has a rule for the class (others never raise a problem)."""
    return type_ in _SHAPE_RULE_CLASSES or type_.startswith(_RESIZING_PREFIXES)


def _shapes_differ(a: Shape, b: Shape) -> bool:
    if len(a) != len(b):
        return True
    return any(conflict(x, y) for x, y in zip(a[1:], b[1:]))


def expected_output_problem(facts: LayerFacts) -> str | None:
    """A learner message when the printed output cannot follow from type and input, else None."""
    if facts.output is None or not facts.inputs or not has_shape_rule(facts.type):
        return None
    try:
        return _output_problem(facts)
    except (ArithmeticError, ValueError, TypeError, IndexError):  # pragma: no cover
        return None


def _output_problem(facts: LayerFacts) -> str | None:
    type_, name = facts.type, _name(facts)
    outs, ins = facts.output, facts.inputs
    assert outs is not None and ins is not None
    if type_ in ELEMENTWISE_MERGES or type_ == "Concatenate":
        return _merge_problem(facts)
    if type_ == "Dot":
        return _dot_problem(facts)
    if len(outs) != 1 or len(ins) != 1:
        return None
    out, inp = outs[0], ins[0]
    if not out or not inp:
        return None
    if type_ in SEQUENCE_LAYERS:
        if len(inp) == 3:
            return None
        # (91h's 010: an LSTM under a GlobalMaxPooling1D's (None, 64), which Keras refuses)
        axes, missing = (
            ("with no steps axis", "makes the steps (RepeatVector, Reshape)")
            if len(inp) < 3
            else ("with more axes", "reshapes it (Reshape, TimeDistributed(Flatten()))")
        )
        return (
            f"{name} takes (batch, steps, features) inputs, but its input is "
            f"{shape_text(inp)}, {axes}: Keras refuses to build that (expected ndim=3) — a row "
            f"that {missing} left out of the table, or rows of separate models pasted as one?"
        )
    if type_ in _SAME_SHAPE:
        if _shapes_differ(inp, out):
            return (
                f"{name} shows {shape_text(out)} but {type_} keeps its input's shape "
                f"{shape_text(inp)} — is the row above (or the Connected to entry) the real input?"
            )
        return None
    if type_ == "Flatten":
        if len(out) != 2:
            # (82e's 008: a class not printed, Flatten among the guesses for (None, 16, 16, 256))
            return (
                f"{name} shows {shape_text(out)} but Flatten gives one axis of values per sample, "
                f"(None, N)"
            )
        if out[1] is None or not known(inp):
            return None
        size = prod(inp[1:])  # type: ignore[arg-type]
        if out[1] != size:
            return (
                f"{name} shows {shape_text(out)} but flattening {shape_text(inp)} gives "
                f"{dims_text(inp[1:])} = {_n(size)} values per sample"
            )
        return None
    if type_ in ("Dense", "TimeDistributedDense"):
        if len(inp) == len(out) and any(conflict(a, b) for a, b in zip(inp[1:-1], out[1:-1])):
            return (
                f"{name} shows {shape_text(out)} but Dense only changes the last axis of "
                f"{shape_text(inp)}, so every other axis should stay the same"
            )
        if (
            len(inp) != len(out)
            and len(inp) >= 2
            and len(out) >= 2
            and facts.era not in KERAS1_ERAS
        ):
            return (
                f"{name} shows {shape_text(out)} but Dense on {shape_text(inp)} keeps the rank "
                f"({len(inp)} axes); a Flatten or pooling layer may be missing from the paste"
            )
        return None
    if type_ == "Reshape":
        if known(inp) and known(out):
            a, b = prod(inp[1:]), prod(out[1:])  # type: ignore[arg-type]
            if a != b:
                return (
                    f"{name} shows {shape_text(out)} ({_n(b)} values) but its input "
                    f"{shape_text(inp)} has {_n(a)} values; Reshape cannot change the count"
                )
        return None
    if type_ == "RepeatVector":
        if len(inp) == 2 and len(out) == 3 and conflict(inp[1], out[2]):
            return (
                f"{name} shows {shape_text(out)} but RepeatVector repeats {shape_text(inp)}, "
                f"so the last axis should stay {inp[1]}"
            )
        return None
    if type_ == "Permute":
        if known(inp) and known(out) and sorted(inp[1:]) != sorted(out[1:]):  # type: ignore[type-var]
            return (
                f"{name} shows {shape_text(out)} but Permute only reorders the axes of "
                f"{shape_text(inp)}"
            )
        return None
    if type_ in WEIGHTLESS and ("Pool" in type_):
        return _pool_problem(facts, inp, out)
    if type_.startswith(_RESIZING_PREFIXES):
        grow = type_.startswith("ZeroPadding")
        if len(inp) == len(out) and len(inp) >= 3:
            for before, after in zip(inp[1:], out[1:]):
                if (
                    before is not None
                    and after is not None
                    and ((after < before) if grow else (after > before))
                ):
                    verb = "only adds" if grow else "only removes"
                    return (
                        f"{name} shows {shape_text(out)} but {type_} {verb} rows/columns, so "
                        f"it cannot turn {shape_text(inp)} into that"
                    )
        return None
    if type_ in ("Embedding",):
        if len(out) == len(inp) + 1 and any(conflict(a, b) for a, b in zip(inp[1:], out[1:-1])):
            return (
                f"{name} shows {shape_text(out)} but Embedding maps each index of "
                f"{shape_text(inp)} to a vector, so the other axes should stay the same"
            )
        return None
    return None


_GLOBAL_RANK = lazy(r"([123])D$")


def _all_ones(axes: Shape) -> bool:
    """Tell whether every axis is 1 or of no fixed size (a global pooling's kept axes)."""
    return all(axis in (1, None) for axis in axes)


def _pool_problem(facts: LayerFacts, inp: Shape, out: Shape) -> str | None:
    type_, name = facts.type, _name(facts)
    if type_.startswith("Global"):
        rank = _GLOBAL_RANK.search(type_)
        if rank and len(inp) != int(rank.group(1)) + 2:
            return (
                f"{name} shows the input {shape_text(inp)}, but {type_} takes a batch, "
                f"{rank.group(1)} spatial axes and the channels"
            )
        if len(out) > 2 and not (_all_ones(out[1:-1]) or _all_ones(out[2:])):
            # (82e's 008: a class not printed, GlobalAveragePooling2D among the guesses for
            # (None, 16, 16, 256))
            return (
                f"{name} shows {shape_text(out)} but {type_} leaves one value per channel: "
                "(None, channels), or its spatial axes as 1 with keepdims=True"
            )
        cands = {inp[-1], inp[1]} if len(inp) >= 3 else {inp[-1]}
        channel = out[-1] if len(out) == 2 else None
        if channel is not None and None not in cands and channel not in cands:
            return (
                f"{name} shows {shape_text(out)} but {type_} keeps the channel count of "
                f"{shape_text(inp)}"
            )
        return None
    if type_.startswith("Adaptive") or len(inp) != len(out) or len(inp) < 3:
        return None
    keeps_last = not conflict(inp[-1], out[-1])
    keeps_first = not conflict(inp[1], out[1])
    if not keeps_last and not keeps_first:
        return (
            f"{name} shows {shape_text(out)} but {type_} keeps the channel count of "
            f"{shape_text(inp)} (only the spatial size shrinks)"
        )
    for a, b in zip(inp[1:], out[1:]):
        if a is not None and b is not None and b > a:
            return (
                f"{name} shows {shape_text(out)} but pooling {shape_text(inp)} can only keep "
                "or shrink each axis"
            )
    return None


def dot_outputs(a: Shape, b: Shape) -> list[Shape]:
    """The shapes Dot over one axis of equal known size in each input gives: the axes left,
    batch first; (batch, 1) where none is left (two vectors)."""
    found = []
    for i in range(1, len(a)):
        for j in range(1, len(b)):
            if a[i] is not None and a[i] == b[j]:
                left = (*a[:i], *a[i + 1 :], *b[1:j], *b[j + 1 :])
                found.append(left if len(left) > 1 else (a[0], 1))
    return found


def _dot_problem(facts: LayerFacts) -> str | None:
    ins, outs = facts.inputs, facts.output
    assert ins is not None and outs is not None
    if len(ins) != 2 or len(outs) != 1 or not all(known(s[1:]) for s in (*ins, outs[0])):
        return None
    out = tuple(outs[0])
    if any(tuple(shape[1:]) == out[1:] for shape in dot_outputs(*ins)):
        return None
    shown = ", ".join(shape_text(s) for s in ins)
    return (
        f"{_name(facts)} shows {shape_text(outs[0])} but Dot of {shown} over any axis of equal "
        "size in each gives another shape"
    )


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
    if type_ in ELEMENTWISE_MERGES:
        for axis in range(1, rank):
            sizes = {size for s in ins if (size := s[axis]) is not None and size != 1}
            if len(sizes) > 1:
                shown = ", ".join(shape_text(s) for s in ins)
                return (
                    f"{name} ({type_}) combines {shown}, whose axis {axis} sizes differ "
                    f"({' vs '.join(str(x) for x in sorted(sizes))}); {type_} needs equal shapes"
                )
            if sizes and out[axis] is not None and out[axis] not in sizes:
                # (a (None, 1) row over two (None, 64) inputs: a Dot, no Add)
                shown = ", ".join(shape_text(s) for s in ins)
                return f"{name} shows {shape_text(out)} but {type_} of {shown} keeps their shape"
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
            not conflict(s[i], out[i]) for s in ins for i in range(1, rank) if i != axis
        )
        if others_ok:
            return None
    if all(known(s) for s in (*ins, out)):
        shown = ", ".join(shape_text(s) for s in ins)
        return (
            f"{name} shows {shape_text(out)} but concatenating {shown} along one axis sums "
            "that axis and keeps the others equal; no axis gives this shape"
        )
    return None
