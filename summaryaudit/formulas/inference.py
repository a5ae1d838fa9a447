"""Infer a row's class when the print cut it off: from its name, its place and its count."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Optional

from ..layer_classes import class_of_default_name, classes_in_name, completions
from .common import KERAS1_ERAS, OK, Derivation, LayerFacts, num
from .dispatch import derive
from .output_shapes import expected_output_problem

# Classes tried when neither the name nor a printed prefix says anything.
_WEIGHTLESS_GUESSES = (
    "Activation", "Add", "Concatenate", "Dropout", "Flatten", "Multiply", "Reshape",
    "MaxPooling{r}D", "AveragePooling{r}D", "GlobalAveragePooling{r}D", "GlobalMaxPooling{r}D",
)  # fmt: skip
_WEIGHTED_GUESSES = (
    "Dense", "Embedding", "BatchNormalization", "LayerNormalization", "LSTM", "GRU",
    "SimpleRNN", "Conv{r}D", "DepthwiseConv{r}D", "SeparableConv{r}D", "Conv{r}DTranspose",
)  # fmt: skip


@dataclass(frozen=True)
class Inference:
    """What the evidence says a row's class is: one class, or the candidates it leaves open."""

    type: str  # "" when the candidates disagree
    evidence: str  # "its name", "its place in the graph", "its count and shapes", …
    candidates: tuple[str, ...] = ()


def _rank(facts: LayerFacts) -> Optional[int]:
    for shapes in (facts.output, facts.inputs):
        if shapes and len(shapes[0]) in (3, 4, 5):
            return len(shapes[0]) - 2
    return None


def _fits(facts: LayerFacts, cls: str) -> bool:
    out, inp = facts.output, facts.inputs
    if cls == "Embedding" and out and inp and len(out[0]) != len(inp[0]) + 1:
        return False  # an Embedding adds the vector axis to its integer input
    trial = dataclasses.replace(facts, type=cls)
    if derive(trial).status != OK:
        return False
    return expected_output_problem(trial) is None


def _with_rank(classes: tuple[str, ...], rank: Optional[int]) -> list[str]:
    if rank is None:
        return [c for c in classes if "{r}" not in c]
    return [c.replace("{r}", str(rank)) for c in classes]


# Keras 1 has one Merge layer where Keras 2 and later have a class per operation.
_KERAS1_MERGE = ("Add", "Average", "Concatenate", "Dot", "Maximum", "Multiply", "Subtract")


def infer_class(facts: LayerFacts, printed: str, no_inbound: bool) -> Optional[Inference]:
    """Infer the class of a row whose class the print cut off (None: keep what was completed).

    facts.type is the class completed so far ('' when unknown); printed is what is left of the
    class name; no_inbound tells that a functional table shows no inbound layer for the row.
    """
    found = _infer(facts, printed, no_inbound)
    if found is not None and facts.era in KERAS1_ERAS and found.type in _KERAS1_MERGE:
        return dataclasses.replace(found, type="Merge")
    return found


def _infer(facts: LayerFacts, printed: str, no_inbound: bool) -> Optional[Inference]:
    options = completions(printed)
    if printed.strip(" .…"):
        # What is left of the class name is evidence too: a prefix of no known class is a
        # custom class (`Biline…` is not UpSampling2D, whatever the layer's name says).
        return _from_completions(facts, options) if options else None
    if no_inbound:
        return Inference("InputLayer", "its place in the graph (no inbound layer)")
    default = class_of_default_name(facts.name)
    if default:
        return Inference(default, "its default name")
    named = classes_in_name(facts.name, _rank(facts))
    if named:
        return _from_name(facts, named)
    return _from_count(facts)


def _from_completions(facts: LayerFacts, options: list[str]) -> Optional[Inference]:
    if facts.type and _fits(facts, facts.type):
        return None  # the completion fits the count and the shapes
    fitting = [c for c in options if _fits(facts, c)]
    if not fitting:
        return None  # nothing fits better: the completed class stands, and is checked
    if len(fitting) == 1:
        return Inference(fitting[0], "its cut class name, count and shapes")
    return Inference("", "its cut class name", tuple(fitting))


def _from_name(facts: LayerFacts, named: list[str]) -> Inference:
    fitting = [c for c in named if _fits(facts, c)]
    if len(fitting) == 1:
        return Inference(fitting[0], "its name")
    if len(named) == 1 and not fitting:
        others = [c for c in _guesses(facts) if c != named[0] and _fits(facts, c)]
        if not others:
            return Inference(named[0], "its name")  # no class fits: the count is checked as it
        return Inference("", "its name", (named[0], *others))
    return Inference("", "its name", tuple(fitting or named))


def _guesses(facts: LayerFacts) -> list[str]:
    return _with_rank(_WEIGHTLESS_GUESSES + _WEIGHTED_GUESSES, _rank(facts))


def _from_count(facts: LayerFacts) -> Optional[Inference]:
    guesses = _guesses(facts)
    fitting = [c for c in guesses if _fits(facts, c)]
    if facts.params and len(fitting) == 1:
        return Inference(fitting[0], "its count and shapes (the only common class they fit)")
    return Inference("", "its count and shapes", tuple(fitting)) if fitting else None


def shared_derivation(facts: LayerFacts, candidates: tuple[str, ...]) -> Optional[Derivation]:
    """The count every candidate class allows, verified although the class stays unknown."""
    if not candidates:
        return None
    found = [derive(dataclasses.replace(facts, type=c)) for c in candidates]
    if any(d.status != OK for d in found) or len({d.expected for d in found}) != 1:
        return None
    non_trainable = {d.non_trainable for d in found}
    shown = ", ".join(candidates[:4]) + (
        f" and {len(candidates) - 4} more" if len(candidates) > 4 else ""
    )
    return Derivation(
        OK,
        f"{num(facts.params)}: the class was cut off; every class it can be ({shown}) gives "
        f"{num(found[0].expected or 0)}",
        None,
        found[0].expected,
        non_trainable.pop() if len(non_trainable) == 1 else None,
    )
