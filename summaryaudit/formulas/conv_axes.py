"""A convolution whose output shape shows fewer axes than its class has, or its input more."""

from __future__ import annotations

from typing import Optional

from .common import Derivation, LayerFacts, mismatch, undecidable
from .common import input_of as _in
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name


def too_few_axes(facts: LayerFacts, rank: int) -> Optional[Derivation]:
    """What a count on a convolution whose output, printed whole, has fewer axes than (batch,
    spatial axes…, filters) can say (84a's 006: a Conv2D's `(None, 5349398, 96)` in a table
    written by hand): a count no filter count shown divides is no such layer's; any other is
    not decided. None when the output is not such a shape."""
    out = _out(facts)
    if out is None or len(out) >= rank + 2 or len(out) < 2 or out[-1] is None:
        return None
    axes = f"{rank + 2} axes (batch, {rank} spatial, filters)"
    shown = f"({', '.join('None' if d is None else str(d) for d in out)})"
    said = f"{facts.type}'s output has {axes}; this one shows {len(out)}, {shown}"
    p = facts.params
    f = out[1] if facts.channels_first else out[-1]  # (the filters' axis in its data format)
    if p and f and p % f:
        named = _n(f)
        return mismatch(
            f"{_n(p)}: {said}, and {_n(p)} is no multiple of {named} filters, with or without a "
            "bias",
            f"{_name(facts)} shows {_n(p)}, but {said}, and a {facts.type} with {named} "
            f"filters always has a multiple of its filter count (filters × (K × channels + "
            "bias)) — the shape, the class or the count was edited",
        )
    return undecidable(
        f"{_n(p or 0)}: {said}, so its filters and kernel cannot be read from it (the shape or "
        "the class was edited)"
    )


def input_of_another_rank(facts: LayerFacts, rank: int) -> Optional[tuple[LayerFacts, str]]:
    """A convolution whose output has its class's axes but whose input has more (94a's 001: a
    Conv2D under a retyped `(None, 350, 350, 12,  8)`, 128 split in two): the row without its
    input, and the words that say why; None for other rows."""
    inp, out = _in(facts), _out(facts)
    if inp is None or out is None or facts.frames:
        return None
    if len(out) != rank + 2 or len(inp) <= rank + 2:
        return None  # (fewer axes may be a shape the column cut: its last ones not shown)
    shown = f"({', '.join('None' if d is None else str(d) for d in inp)})"
    said = (
        f"its input {shown} has {len(inp)} axes, not the {rank + 2} a {facts.type} takes, so "
        "it is read without it"
    )
    return facts._replace(inputs=()), said
