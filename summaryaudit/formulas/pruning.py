"""PruneLowMagnitude (TensorFlow Model Optimization): the wrapped layer plus pruning state."""

from __future__ import annotations

from typing import Callable, Optional

from ..layer_classes import SHORT_NAMES, classes_a_cut_name_begins, snake_case
from ..records import replace
from .common import (
    OK,
    Derivation,
    LayerFacts,
    ok,
    output_of,
    undecidable,
    unnamed_wrapped,
    wrapped_class,
    wrapped_reading,
)
from .common import num as _n
from .conv import spatial_rank

PREFIX = "prune_low_magnitude_"
# Classes whose kernel tfmot prunes (one mask the kernel's size and one threshold beside it);
# any other wrapped layer only gains the wrapper's pruning step.
PRUNED_KERNEL = frozenset(
    {"Dense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
     "Conv3DTranspose", "Embedding"}
)  # fmt: skip
# Recurrent classes whose kernel and recurrent kernel tfmot prunes (a mask and a threshold
# each: prune_registry's _RNN_CELLS_WEIGHTS_MAP), with their bias per unit: GRU's is 6 with
# reset_after (the TF 2 default), 3 without
PRUNED_RECURRENT = {"LSTM": (4,), "GRU": (6, 3), "SimpleRNN": (1,)}
_STEP = 1  # pruning_step: one scalar per wrapper
_STATE = "mask, threshold and step non-trainable"

Deriver = Callable[[LayerFacts], Derivation]


def _cut_name_reading(facts: LayerFacts, derive: Deriver) -> Optional[Derivation]:
    """A wrapper whose name the column cut inside the wrapped layer's default name (94e's 009:
    `prune_low_magnitude_max_pool`, `…_batch_no`): the first class that name begins, of the
    output's rank, whose wrapping gives the count, said to be read from the cut name; None
    when none does, or two give other readings (another count held non-trainable)."""
    if not facts.name.startswith(PREFIX):
        return None
    shown = facts.name[len(PREFIX) :].rstrip("…_")
    out = output_of(facts)
    readings = [
        found
        for named in classes_a_cut_name_begins(shown)
        if named not in SHORT_NAMES
        and (out is None or (rank := spatial_rank(named)) is None or rank + 2 == len(out))
        and (
            found := prune_low_magnitude(facts._replace(name=PREFIX + snake_case(named)), derive)
        ).status
        is OK
    ]
    if not readings or len({found.non_trainable for found in readings}) != 1:
        return None
    found = readings[0]
    return replace(found, text=f"{found.text} (the wrapped class read from the cut name `{shown}`)")


def prune_low_magnitude(facts: LayerFacts, derive: Deriver) -> Derivation:
    """A row `prune_low_magnitude_<layer> (PruneLowMagnitude)`: the wrapped layer's weights,
    and, non-trainable, a pruning step and, for a pruned kernel, its mask and threshold."""
    p = facts.params
    inner = wrapped_class(facts, PREFIX)
    if inner is None:
        return _cut_name_reading(facts, derive) or unnamed_wrapped(
            facts,
            "prune_low_magnitude",
            "its own weights, + 1 pruning step, + a mask and a threshold for a pruned kernel",
        )
    if inner not in PRUNED_KERNEL and inner not in PRUNED_RECURRENT:
        found = wrapped_reading(facts, inner, p - _STEP, derive)
        if found is None:
            return _not_read(facts, inner)
        return ok(
            f"{_n(p)} = 1 pruning step (non-trainable); the wrapped {inner} has no weights"
            if p == _STEP
            else f"{_n(p)} = {_n(p - _STEP)} of the wrapped {inner} + 1 pruning step "
            f"(non-trainable); {inner}: {found.text}",
            p,
            (found.non_trainable or 0) + _STEP,
            solved=found.solved,
        )
    out = output_of(facts)
    bias = out[-1] if out and isinstance(out[-1], int) else None
    if inner in PRUNED_RECURRENT:
        return _pruned_recurrent(facts, inner, bias, derive)
    # the wrapped count c is kernel + bias; p = c + mask (the kernel's size) + threshold + step
    for b in (bias, 0) if bias else (0,):
        twice = p - 2 + b  # 2c = p - threshold - step + bias
        if twice <= 0 or twice % 2:
            continue
        found = wrapped_reading(facts, inner, twice // 2, derive)
        if found is None:
            continue
        kernel = twice // 2 - b
        return ok(
            f"{_n(p)} = {_n(twice // 2)} of the wrapped {inner} + {_n(kernel)} (the mask of its "
            f"kernel) + 1 threshold + 1 pruning step ({_STATE}); {inner}: {found.text}",
            p,
            (found.non_trainable or 0) + kernel + 2,
            solved=found.solved,
        )
    return _not_read(facts, inner)


def _pruned_recurrent(
    facts: LayerFacts, inner: str, units: Optional[int], derive: Deriver
) -> Derivation:
    """A pruned LSTM, GRU or SimpleRNN (88d's 009): the wrapped count c = kernels + bias, then
    masks of both kernels (c − bias), a threshold for each and the step: p = 2c − bias + 3."""
    p = facts.params
    for per_unit in (*PRUNED_RECURRENT[inner], 0) if units else ():
        bias = per_unit * (units or 0)
        twice = p - 3 + bias
        if twice <= 0 or twice % 2:
            continue
        found = wrapped_reading(facts, inner, twice // 2, derive)
        if found is None or _bias_per_unit(inner, found.text) != per_unit:
            continue  # (the masks are of the kernels the reading has: c less its own bias)
        masks = twice // 2 - bias
        return ok(
            f"{_n(p)} = {_n(twice // 2)} of the wrapped {inner} + {_n(masks)} (the masks of "
            "its kernel and recurrent kernel) + 2 thresholds + 1 pruning step "
            f"({_STATE}); {inner}: {found.text}",
            p,
            (found.non_trainable or 0) + masks + 3,
            solved=found.solved,
        )
    return _not_read(facts, inner)


def _bias_per_unit(inner: str, reading: str) -> int:
    """The bias per unit a recurrent layer's reading holds: none with use_bias=False, GRU's 3
    with reset_after=False, else its class's first (the review of 88d's 009: a reading
    without a bias had its masks worked out as c less a bias it does not have)."""
    if "use_bias=False" in reading:
        return 0
    if inner == "GRU" and "reset_after=False" in reading:
        return 3
    return PRUNED_RECURRENT[inner][0]


def _not_read(facts: LayerFacts, inner: str) -> Derivation:
    return undecidable(
        f"{_n(facts.params)}: no reading of prune_low_magnitude({inner}) fits this count (the "
        f"{inner}'s weights, + 1 pruning step, + a mask and a threshold for each pruned "
        "kernel): "
        "not checked"
    )
