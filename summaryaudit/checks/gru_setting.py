"""One reset_after per model: a GRU row solved from its count reads first as the others decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from ..formulas import Derivation, LayerFacts
from ..formulas.common import OK, Solved
from ..formulas.recurrent import RESET_AFTER, RESET_BEFORE, gru_read_first_as
from ..records import Layer, replace


def _decided(derivations: Sequence[Optional[Derivation]]) -> Optional[bool]:
    """The reset_after every GRU reading not solved from its count shows, when they agree."""
    found = set()
    for derived in derivations:
        if derived is None or derived.status is not OK or derived.solved is not None:
            continue
        text = derived.text
        if RESET_BEFORE in text:
            found.add(False)
        elif RESET_AFTER in text:
            found.add(True)
    return found.pop() if len(found) == 1 else None


def with_one_gru_setting(
    layers: Sequence[Layer],
    facts: Sequence[LayerFacts],
    derivations: tuple[Optional[Derivation], ...],
) -> tuple[tuple[Optional[Derivation], ...], frozenset[int]]:
    """The derivations, a GRU row whose input size was solved from its count read first with
    the reset_after the model's other GRU rows show (37c's 014: R's keras built both with
    reset_after=False; the TF 2 print's default reading came first), and the rows so read."""
    if not any(layer.type == "GRU" for layer in layers):
        return derivations, frozenset()  # (nearly every model: one test)
    setting = _decided(derivations)
    if setting is None:
        return derivations, frozenset()
    first, other = (RESET_AFTER, RESET_BEFORE) if setting else (RESET_BEFORE, RESET_AFTER)
    out = list(derivations)
    changed = []
    for i, (layer, derived) in enumerate(zip(layers, derivations)):
        if layer.type != "GRU" or derived is None or derived.solved is not Solved.INPUT_SIZE:
            continue
        text = derived.text
        if first not in text or other not in text or text.index(first) < text.index(other):
            continue  # one reading only, or the setting's first already
        again = gru_read_first_as(facts[i], setting)
        if again.status is OK and again.text.index(first) < again.text.index(other):
            said = f"reset_after={setting} first, as the model's other GRU rows show"
            out[i] = replace(again, text=f"{again.text[:-1]}; {said})")
            changed.append(i)
    return tuple(out), frozenset(changed)
