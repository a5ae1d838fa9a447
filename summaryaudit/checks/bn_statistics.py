"""Where a summary's default non-trainable weights sit: BatchNormalization's moving statistics."""

from __future__ import annotations

from typing import Optional

from ..formulas import application_default
from ..formulas.common import OK
from ..records import Layer
from .analysis import Analysis, once_per_analysis
from .input_chain import is_model_row
from .nested_prints import printed_before, printed_non_trainable
from .rows import BATCH_NORMALIZATION, leaves, plural


@once_per_analysis
def non_trainable_holders(analysis: Analysis) -> tuple[tuple[Layer, int], ...]:
    """Each visible row whose verified reading holds non-trainable weights, with how many."""
    layers, derivations = analysis.layers, analysis.derivations
    held = []
    for i in leaves(analysis):
        derivation = derivations[i]
        if derivation is None or derivation.status != OK or not derivation.non_trainable:
            continue
        held.append((layers[i], derivation.non_trainable))
    return tuple(held)


@once_per_analysis
def application_holders(analysis: Analysis) -> tuple[tuple[Layer, int], ...]:
    """Each nested model row, its inner rows not printed, whose count is a keras.applications
    model's, with the moving statistics it holds by default: weights that stay non-trainable
    when the model is trainable (71b's 010: a ResNet50V2 under `Non-trainable params: 0`)."""
    layers, derivations, outputs = analysis.layers, analysis.derivations, analysis.outputs
    held = []
    for i in leaves(analysis):
        layer, derivation = layers[i], derivations[i]
        if derivation is None or derivation.status != OK or not is_model_row(layer):
            continue
        shapes = outputs[i]
        default = application_default(
            layer.name, layer.params, shapes[0] if shapes and len(shapes) == 1 else None
        )
        if default:
            held.append((layer, default))
    return tuple(held)


@once_per_analysis
def non_trainable_floor(analysis: Analysis) -> tuple[int, list[Layer]]:
    """The non-trainable weights every visible row certainly holds, and the BN rows among them."""
    holders = non_trainable_holders(analysis)
    floor = sum(count for _, count in holders)
    return floor, [layer for layer, _ in holders if BATCH_NORMALIZATION in layer.type]


@once_per_analysis
def bn_note(analysis: Analysis) -> str:
    """Say where the default non-trainable weights sit: the BatchNormalization rows' statistics,
    and a nested model's own Non-trainable, printed before in the same input."""
    bn = [
        analysis.layers[i]
        for i in leaves(analysis)
        if BATCH_NORMALIZATION in analysis.layers[i].type
    ]
    parts = []
    if bn:
        total = sum(layer.params or 0 for layer in bn)
        rows = plural(len(bn), "BatchNormalization row", "BatchNormalization rows")
        where = " (nested models included)" if any(layer.depth for layer in bn) else ""
        held = _bn_statistics(analysis)
        share = "half" if held is None or 2 * held == total else f"{held:,}"
        # (not "half" where a row reads as center and scale off: all its weights are statistics)
        parts.append(
            f"{share} of the {total:,} parameters of the {rows}{where}: their moving mean and "
            "variance"
        )
    for layer, count in non_trainable_holders(analysis):
        if BATCH_NORMALIZATION not in layer.type:
            # (36c's 015: a Normalization's mean, variance and count)
            parts.append(f"{count:,} of {layer.name}'s weights, which training leaves alone")
    for i, layer in enumerate(analysis.layers):
        held = printed_non_trainable(analysis, i)
        found = printed_before(analysis, i)
        if held and found is not None:
            parts.append(
                f"{held:,} in {layer.name}'s rows, by its own summary printed above at line "
                f"{found[0]}"
                if found[1]
                else f"{held:,} in {layer.name}'s rows, by the summary printed above at line "
                f"{found[0]} with its count as Total"
            )
    if not parts:
        return "(no BatchNormalization or other layer with non-trainable weights)"
    return f"({'; '.join(parts)})"


def _bn_statistics(analysis: Analysis) -> Optional[int]:
    """The moving statistics the BatchNormalization rows' readings hold, None when one of them
    is not read."""
    held = 0
    for i in leaves(analysis):
        if BATCH_NORMALIZATION not in analysis.layers[i].type:
            continue
        derived = analysis.derivations[i]
        if derived is None or derived.non_trainable is None:
            return None
        held += derived.non_trainable
    return held
