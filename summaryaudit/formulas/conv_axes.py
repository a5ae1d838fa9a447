"""A convolution whose whole output shape shows fewer axes than its class has."""

from __future__ import annotations

from typing import Optional

from .common import Derivation, LayerFacts, mismatch, undecidable
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
