"""Why Non-trainable is only bounded: what unverified rows can hold, which rows froze the rest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..formulas.common import last_dim
from ..formulas.dispatch import QUANTIZE_WRAPPERS, has_formula
from ..formulas.normalization import BN_TYPES
from ..records import Layer
from .analysis import Analysis
from .input_chain import is_model_row
from .model_rows import children, has_children
from .row_non_trainable import layer_non_trainable
from .rows import names_listed
from .verified_rows import verified_rows


def why_unknown(analysis: Analysis, how_many: int) -> str:
    """Why the rows named hold an unknown part of Non-trainable: counts not verified, or nested
    models whose count is verified but whose frozen part no row shows."""
    per_layer = layer_non_trainable(analysis)
    verified = verified_rows(analysis)
    unknown = [
        (verified[i], is_model_row(layer), layer.name)
        for i, (layer, v) in enumerate(zip(analysis.layers, per_layer))
        if layer.depth == 0 and v is None
    ]
    if unknown and all(checked and model for checked, model, _ in unknown):
        return (
            "nested models: what of them is frozen is not shown"
            if how_many > 1
            else "a nested model: what of it is frozen is not shown"
        )
    if unknown and all(checked for checked, _, _ in unknown):
        return (
            "what of them is non-trainable is not decided"
            if how_many > 1
            else "what of it is non-trainable is not decided"
        )
    if any(checked for checked, _, _ in unknown):
        # some counts verified, some not (62c's 009: a base's count is verified, a nested
        # model's is not): each said of the rows it is true of
        unverified = [name for checked, _, name in unknown if not checked]
        models = [name for checked, model, name in unknown if checked and model]
        others = [name for checked, model, name in unknown if checked and not model]
        parts = [
            f"the count of {unverified[0]} is not verified"
            if len(unverified) == 1
            else f"the counts of {names_listed(unverified, 4)} are not verified"
        ]
        if models:
            parts.append(f"what of {names_listed(models, 4)} is frozen is not shown")
        if others:
            parts.append(f"what of {names_listed(others, 4)} is non-trainable is not decided")
        return "; ".join(parts)
    return "count not verified" if how_many == 1 else "counts not verified"


def none_left(stated: int, names: str, how_many: int) -> str:
    """Why Non-trainable is only bounded when the rows verified already make all of it."""
    hold = "hold" if how_many > 1 else "holds"
    # (48c's 009, 49a's 013: 'that cannot be confirmed' read as doubt about the print)
    unshown = (
        f"{'their counts were' if how_many > 1 else 'its count was'} not re-derived, so this "
        "rests on the print alone"
    )
    if not stated:
        return (
            f"Non-trainable is 0: as printed, {names} {hold} no non-trainable weights ({unshown})"
        )
    return (
        f"the rows verified account for all {stated:,} of Non-trainable: as printed, {names} "
        f"{hold} no non-trainable weights ({unshown})"
    )


def held_by_verified(analysis: Analysis, held: int, stated: int) -> str:
    """What of Non-trainable the rows verified hold (their moving statistics): the start of a
    bound's reason (46b's 002: 'Non-trainable ≥ the moving statistics of the rows verified'
    left the learner to work out what `the other` meant). Where a row named after it is
    verified too, but not what of it is non-trainable (a nested keras.applications base), the
    rows are those whose non-trainable part is known."""
    rows = (
        "the rows whose non-trainable part is known"
        if _unknown_part_verified(analysis)
        else "the rows verified"
    )
    inside = _held_inside_unknown(analysis)
    # (71b's 011: six BatchNormalization rows inside multiresolution_cnn, unsaid)
    within = "".join(
        f" (the rows printed inside {name} hold {part:,} of it as moving statistics)"
        for name, part in inside[:2]
    )
    if not held:
        return f"{rows} hold none of Non-trainable's {stated:,}{within}"
    kept = _kept_as(analysis)
    return f"{rows} hold {held:,} of Non-trainable's {stated:,} as {kept}{within}"


_WRAPPERS_WITH_STATE = frozenset({"PruneLowMagnitude", *QUANTIZE_WRAPPERS})


def _kept_as(analysis: Analysis) -> str:
    """What the rows' own non-trainable weights are: moving statistics, and a pruning or
    quantization wrapper's state where the table has such rows (94e's 009: masks, thresholds
    and steps are no moving statistics)."""
    if any(layer.type in _WRAPPERS_WITH_STATE for layer in analysis.layers):
        return "moving statistics or a wrapper's state (pruning masks, thresholds, steps, ranges)"
    return "moving statistics"


def _held_inside_unknown(analysis: Analysis) -> list[tuple[str, int]]:
    """The top-level rows whose non-trainable part is unknown, with what the rows printed
    inside them that do have one known hold (only those holding some)."""
    layers, per_layer = analysis.layers, layer_non_trainable(analysis)
    found = []
    for i, (layer, part) in enumerate(zip(layers, per_layer)):
        if layer.depth or part is not None or not has_children(layers, i):
            continue
        inner = sum(
            per_layer[j] or 0
            for j in children(layers, i)
            if not has_children(layers, j) and per_layer[j] is not None
        )
        if inner:
            found.append((layer.name, inner))
    return found


def _unknown_part_verified(analysis: Analysis) -> bool:
    """Tell whether a top-level row whose non-trainable part is unknown has its count verified."""
    verified = verified_rows(analysis)
    return any(
        verified[i]
        for i, (layer, part) in enumerate(zip(analysis.layers, layer_non_trainable(analysis)))
        if layer.depth == 0 and part is None
    )


def the_rest(left: int, held: int) -> str:
    """What the rows verified leave of Non-trainable, after what they hold: `the other N`, or,
    when they hold none of it, `it` or `all of them` (58a's 002: `none of 335,141,889; the
    other 335,141,889 sit` read as a second share)."""
    if held:
        return f"the other {left:,}"
    return "it" if left == 1 else "all of them"


def more_than_unverified(
    held: str,
    left: int,
    names: str,
    hold: int,
    how_many: int,
    frozen: Optional[str],
    smallest: Optional[tuple[str, int]] = None,
    why: str = "count not verified",
) -> str:
    """Why Non-trainable is only bounded (after `held`, as held_by_verified says it) when the
    rows whose non-trainable part is unknown
    (`why`, as why_unknown says it) cannot hold all it leaves (20b's 008: 4,050,211 left and a
    base of 4,049,571): the rest is frozen weights read, of the row named when its trainable
    weights are exactly the rest."""
    whole = "their whole counts" if how_many > 1 else "its whole count"
    rest = left - hold
    which = f" ({frozen}'s trainable weights, frozen, are exactly {rest:,})" if frozen else ""
    if not frozen and smallest is not None:
        # 25d's 002: a bound no set of rows meets exactly; the least one row can free
        name, part = smallest
        which = (
            f" (no one of them trains exactly {rest:,}; of those that train more, the fewest "
            f"is {name}'s {part:,}: frozen, it would leave {left - part:,} for {names})"
        )
    return (
        f"{held}; of the other {left:,}, "
        f"{names} ({why}) can hold at most {hold:,} ({whole}), so at least "
        f"{rest:,} {'is a frozen weight' if rest == 1 else 'are frozen weights'} of the rows "
        f"verified{which}"
    )


_BATCH_NORMS = frozenset(("BatchNormalization", "SyncBatchNormalization"))


def moving_statistics_floor(analysis: Analysis, per_layer: Sequence[Optional[int]]) -> int:
    """The fewest non-trainable weights the BatchNormalization rows whose part is unknown keep:
    half of each count (a BatchNormalization trains at most as many weights, gamma and beta, as
    its moving mean and variance hold; 75c's 010)."""
    return sum(
        (layer.params or 0) // 2
        for layer, part in zip(analysis.layers, per_layer)
        if layer.depth == 0 and part is None and layer.type in _BATCH_NORMS
    )


def filled_by_moving_statistics(held: str, left: int, names: str, why: str, least: int) -> str:
    """Why Non-trainable is only bounded where the BatchNormalization rows whose counts are
    not verified keep at least all it leaves as moving statistics: no frozen layer fits."""
    return (
        f"{held} {'sits' if left == 1 else 'sit'} in {names} ({why}): the BatchNormalization "
        f"rows among them keep at least {least:,} non-trainable weights (their moving mean and "
        "variance, half their counts), so no frozen layer's weights fit beside them"
    )


def frozen_alone(
    analysis: Analysis, per_layer: Sequence[Optional[int]], left: int
) -> Optional[str]:
    """A verified row whose trainable weights alone make up what Non-trainable has left (15a's
    003 and 007: a frozen BatchNormalization or Embedding, not the unverified rows)."""
    for layer, default in zip(analysis.layers, per_layer):
        if layer.depth == 0 and default is not None and (layer.params or 0) - default == left:
            return layer.name
    return None


def smallest_over(
    analysis: Analysis, per_layer: Sequence[Optional[int]], least: int
) -> Optional[tuple[str, int]]:
    """The verified row with the fewest trainable weights that are still at least `least`, and
    that many (None when no row has that many)."""
    verified = verified_rows(analysis)
    fits = [
        ((layer.params or 0) - default, layer.name)
        for i, (layer, default) in enumerate(zip(analysis.layers, per_layer))
        if layer.depth == 0
        and default is not None
        and verified[i]
        and (layer.params or 0) - default >= least
    ]
    if not fits:
        return None
    part, name = min(fits)
    return name, part


def frozen_model_fit(
    analysis: Analysis, per_layer: Sequence[Optional[int]], left: int
) -> Optional[str]:
    """The one nested model row that, frozen, leaves of what Non-trainable has left an even
    part the other unverified rows can hold as moving statistics (at most half their counts):
    a GAN's frozen discriminator beside a generator's BatchNormalization (26b's 014, 015); and
    that nothing need be frozen where moving statistics alone may make it up (an even count,
    within half the rows'). A row whose count is exactly what is left is said first.
    """
    unknown = [
        layer
        for layer, v in zip(analysis.layers, per_layer)
        if layer.depth == 0 and v is None and layer.params is not None
    ]
    exact = [layer for layer in unknown if layer.params == left and left and _frozen_alone(layer)]
    if len(exact) == 1:
        # (95a's 012: a GAN's composite, Non-trainable exactly its discriminator's count; 96d's
        # 009: a frozen Embedding, 015: a TensorFlow Hub layer, frozen by default)
        frozen = "the nested model frozen whole" if is_model_row(exact[0]) else "frozen"
        return f" ({exact[0].name}'s weights, {frozen}, are exactly {left:,})"
    if len(unknown) < 2:
        return None
    # moving statistics alone (2 × C per BatchNormalization) may make it up, with nothing
    # frozen (60c's 015: a pix2pix generator's blocks, one of them said to be frozen alone)
    alone = left % 2 == 0 and left <= sum(layer.params or 0 for layer in unknown) // 2
    fits = []
    for layer in unknown:
        count = layer.params or 0
        rest = left - count
        others = sum(other.params or 0 for other in unknown if other is not layer)
        if is_model_row(layer) and count and 0 < rest <= others // 2 and rest % 2 == 0:
            fits.append((layer.name, count, rest))
    if len(fits) != 1:
        return None
    name, count, rest = fits[0]
    holders = [layer.name for layer in unknown if layer.name != name]
    where = f"{holders[0]}, as its" if len(holders) == 1 else "the other rows, as their"
    held = f"{name} frozen ({count:,})"
    features = count // 2
    if count % 2 and _normalizes(analysis, name, features):
        # a model of preprocessing layers (50d's 011): a Normalization layer's mean and
        # variance per feature and its count are non-trainable without anything frozen
        held = (
            f"all {count:,} of {name}'s weights non-trainable (it frozen, or a Normalization "
            f"layer's mean, variance and count over {features:,} features: 2 × {features:,} + 1)"
        )
    otherwise = (
        f"; or nothing is frozen and all {left:,} are moving statistics of BatchNormalization "
        "layers inside these rows"
        if alone
        else ""
    )
    return (
        f"; the counts fit {held} and {rest:,} more in {where} "
        f"BatchNormalization layers' moving statistics would be{otherwise}"
    )


def _frozen_alone(layer: Layer) -> bool:
    """Tell whether a row whose whole count is Non-trainable's rest reads as that layer frozen:
    a nested model, TensorFlow Hub's KerasLayer (frozen by default), or a class with a formula
    that holds no non-trainable weights of its own (an Embedding); not a class that keeps
    statistics or state (BatchNormalization with center and scale off holds only its moving
    statistics) or a class summaryaudit does not know (its own non-trainable variables)."""
    if is_model_row(layer) or layer.type == "KerasLayer":
        return True
    return has_formula(layer.type) and layer.type not in _KEEPS_NON_TRAINABLE


_KEEPS_NON_TRAINABLE = frozenset(
    {*BN_TYPES, "Normalization", "PruneLowMagnitude", "QuantizeLayer", *QUANTIZE_WRAPPERS}
)


def _normalizes(analysis: Analysis, name: str, features: int) -> bool:
    """Whether a nested model's row has one output whose last axis holds this many features,
    as one Normalization layer's 2 × features + 1 weights would normalise."""
    for layer, outputs in zip(analysis.layers, analysis.outputs):
        if layer.name == name and layer.depth == 0:
            return outputs is not None and len(outputs) == 1 and last_dim(outputs[0]) == features
    return False
