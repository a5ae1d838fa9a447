"""Fill in the classes the print cut off, misspelled or annotated, where the evidence decides."""

from __future__ import annotations

from typing import Optional

from .. import formulas
from ..dialects import MERGES_TAKE_TWO_INPUTS
from ..formulas import inference
from ..formulas.common import UNVERIFIED_STATUS
from ..formulas.conv import spatial_rank
from ..formulas.fused_blocks import fused_parts
from ..layer_classes import (
    SHORTEST_DECIDING_CUT,
    WRAPPERS_OF_ANY_CLASS,
    annotated_class,
    class_in_small_letters,
    completions,
    misread_class,
    misspelled_class,
    names_a_range,
)
from ..patterns import lazy
from ..records import Layer, Summary, replace
from ..transform import longer_cuts_of_siblings

_LIST_OF_ONE = lazy(r"^\[\([^()]*\)\]$")


def _input_list_shape(layer: Layer) -> bool:
    """tf.keras 2.x prints an InputLayer's shape as a list of one: `[(None, 16, 16, 3)]` (and
    TF 2.0–2.3 a TensorFlowOpLayer's, which its Connected to tells apart: 53c's 007)."""
    return layer.depth == 0 and bool(_LIST_OF_ONE.match(layer.output_shape))


def needs_inference(layer: Layer) -> bool:
    """Tell whether a row's class is cut off, missing or misspelled, and its count is shown."""
    if layer.params is None or layer.params_note:
        return False
    type_ = layer.type
    if not type_ and "+" in layer.name and fused_parts(layer.name) is not None:
        return False  # a block of layers written as one row: each part's class is written
    if not type_ or type_ in WRAPPERS_OF_ANY_CLASS:
        return True
    if "type" in layer.truncated:
        known = type_ in formulas.FORMULAS or type_ in formulas.WEIGHTLESS
        if not known and layer.printed_type and type_ != layer.printed_type.rstrip("…"):
            return False  # the longer cut of a class of its own on a sibling row (52a's 006)
        # (not a custom class another row prints whole, given by the row's default name)
        return bool(layer.printed_type) or known
    # a known class needs no inference (_misspelled's first test, without a call for each row)
    if type_ in formulas.FORMULAS or type_ in formulas.WEIGHTLESS:
        return False
    return _misspelled(layer) is not None


def _misspelled(layer: Layer) -> Optional[str]:
    """The known class a printed class with no formula stands for: a class with a note after
    it (`Dense ReLU`), or a misspelling read from the row's name."""
    if not (type_ := layer.type) or type_ in formulas.FORMULAS or type_ in formulas.WEIGHTLESS:
        return None  # a known class (has_formula or is_weightless, without two calls a row)
    misread = misread_class(type_)
    return (
        annotated_class(type_)
        or class_in_small_letters(type_)
        or misspelled_class(type_, layer.name)
        or (misread[0] if misread else None)
    )


def infer_types(
    summary: Summary, facts: tuple[formulas.LayerFacts, ...]
) -> tuple[tuple[Layer, ...], dict[int, inference.Inference]]:
    """Fill in the classes the print cut off, where the evidence decides them."""
    guesses: dict[int, inference.Inference] = {}
    layers = list(summary.layers)
    if any(["type" in layer.truncated for layer in layers]):  # (a list: no generator frame)
        _cut_shorter_than_siblings(layers, facts, guesses)
    cased: Optional[bool] = None  # whether another row prints a known class in its capitals
    for i, layer in enumerate(layers):
        if not needs_inference(layer) or names_a_range(layer.name):
            continue
        printed = _misspelled(layer) if "type" not in layer.truncated else None
        if _in_small_letters(layer):
            if cased is None:
                cased = any(map(_printed_as_keras_spells_it, summary.layers))
            if cased and _namesake_cannot_hold_it(printed, facts[i]):
                continue  # a class of the author's, named in small letters (56c's 006)
        no_inbound = (
            summary.has_connected_to
            and not summary.cropped
            and layer.depth == 0
            and not layer.connected_to
        ) or (_input_list_shape(layer) and not layer.connected_to)
        wrapper = layer.type in WRAPPERS_OF_ANY_CLASS
        guess = (
            inference.read_printed_class(layer.type, layer.name)
            if printed
            else inference.infer_class(
                facts[i].with_type("") if wrapper else facts[i],
                "" if wrapper else layer.printed_type,
                no_inbound,
                summary.has_connected_to
                and len(layer.connected_to) == 1
                and summary.dialect in MERGES_TAKE_TWO_INPUTS,
                bool(layer.connected_to),
            )
        )
        if guess is None:
            continue
        if guess.candidates and "output_shape" in layer.truncated:
            guess = _of_the_axes_shown(guess, layer.output_shape)
        if wrapper:
            guess = _inside_the_wrapper(guess, layer.type)
        guesses[i] = guess
        if guess.type != layer.type and (guess.type or not wrapper):
            layers[i] = replace(layer, type=guess.type)
    return tuple(layers), guesses


def _inside_the_wrapper(guess: inference.Inference, wrapper: str) -> inference.Inference:
    """The class inferred for the layer a wrapper row holds, said to be inside the wrapper."""
    return replace(guess, evidence=f"{guess.evidence}, inside the {wrapper}")


def _of_the_axes_shown(guess: inference.Inference, shape: str) -> inference.Inference:
    """The candidate classes a shape the column cut leaves: it has at least the axes it shows
    (69c's 007: `(None, None, None, 3` shows 4, so no DepthwiseConv1D's 3)."""
    if "[" in shape:
        return guess  # a list of outputs: which one is cut, and what rank the others have
    axes = shape.rpartition("(")[2].count(",") + 1
    kept = tuple(
        c
        for c in guess.candidates
        # (a ConvLSTM2D returning sequences has a time axis more: 5 of them)
        if (rank := spatial_rank(c)) is None or rank + 2 + _time_axis(c) >= axes
    )
    if not kept or kept == guess.candidates:
        return guess
    if len(kept) == 1:
        return inference.Inference(kept[0], f"{guess.evidence} and the axes its cut shape shows")
    return inference.Inference("", guess.evidence, kept)


def _time_axis(cls: str) -> int:
    """1 for a recurrent convolution (ConvLSTM2D: its outputs may keep a time axis), else 0."""
    return int("LSTM" in cls or "GRU" in cls or "RNN" in cls)


def _in_small_letters(layer: Layer) -> bool:
    """Tell whether a row prints its whole class in small letters (`attention (attention)`)."""
    return layer.type.islower() and "type" not in layer.truncated


def _namesake_cannot_hold_it(known: Optional[str], facts: formulas.LayerFacts) -> bool:
    """Tell whether the Keras class a small-letter class spells out (`known`, None where it
    spells none) can hold no such count, whatever its settings (`attention (attention)` 22:
    Keras's Attention holds 0, 1 or 2), so the row is the author's class of that name; a
    `dense (dense)` count that is only wrong for its shapes is a retyped Dense, and checked as
    one (the review of 56c's 006)."""
    if known is None:
        return True
    derived = formulas.derive(facts.with_type(known))
    return derived.status == UNVERIFIED_STATUS


def _printed_as_keras_spells_it(layer: Layer) -> bool:
    """Tell whether a row prints a known class whole, in its capitals (`Dense`, not `dense`)."""
    type_ = layer.type
    return (
        type_ != type_.lower()
        and "type" not in layer.truncated
        and (type_ in formulas.FORMULAS or type_ in formulas.WEIGHTLESS)
    )


def _cut_shorter_than_siblings(
    layers: list[Layer],
    facts: tuple[formulas.LayerFacts, ...],
    guesses: dict[int, inference.Inference],
) -> None:
    """Give a row whose class the column cut shorter (`scaled_l2norm_pooling2d_1 (S`) the
    longer cut of a class of its own on the row its name is numbered from (`scaled_l2norm_
    pooling2d (Sca`, 52a's 006), unless a known class its own cut allows gives its count (a
    SeparableConv2D `(Sep` beside a custom `(Sepia`). A cut of a letter or two allows too many
    classes (any weightless one gives 0): transform gave those the longer cut already."""
    for i, (layer, longer) in enumerate(zip(layers, longer_cuts_of_siblings(layers))):
        if longer is None:
            continue
        cut = layer.printed_type.rstrip("…")
        if len(cut) >= SHORTEST_DECIDING_CUT and any(
            inference.fits(facts[i], known) for known in completions(cut)
        ):
            continue  # a known class the row's own cut allows gives its count
        guesses[i] = inference.Inference(longer, "the longer cut of the row its name is from")
        layers[i] = replace(layer, type=longer)
